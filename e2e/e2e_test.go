package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"ruku/archive"
	"ruku/pipeline/rules"
	"ruku/queue"
	"ruku/reaudit"
	"ruku/storage"
)

// uploadFolder uploads the files of a corpus folder under prefix, without
// manifest.json, and returns their paths relative to the folder.
func (c *cluster) uploadFolder(dir, prefix string) []string {
	c.t.Helper()
	var rels []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		c.upload(prefix+rel, readFile(c.t, p))
		rels = append(rels, rel)
		return nil
	})
	if err != nil {
		c.t.Fatal(err)
	}
	return rels
}

// copyDir copies a folder (for ruku verify of exactly what was uploaded).
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		return os.WriteFile(filepath.Join(to, rel), readFile(t, p), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUploadsToDossiers uploads bundles while intake hears the S3 server's
// bucket notifications and while it is down (events lost), a partial
// folder, and one bundle twice; every bundle gets exactly one dossier equal
// to `ruku verify`'s, one task per SHA-256; then a re-audit under a rules
// file with a 3,000,000 yuan total-assets threshold reports the changed
// verdicts.
func TestUploadsToDossiers(t *testing.T) {
	t.Parallel()
	c := newCluster(t)
	// No reconciliation: only the S3 server's own notifications enqueue.
	in := c.startIntake(0)
	c.startWorker("worker", 2)

	zips := map[string][]byte{} // bundle name → zip bytes
	for _, name := range []string{"pub_09", "pub_08", "pub_14"} {
		zips[name] = readFile(t, corpus(t, name, "bundle.zip"))
	}

	// Through the notification: the event alone enqueues the task. One
	// upload at a time: versitygw v1.8.0 builds an event from request
	// buffers that the next request may reuse, so back-to-back uploads can
	// get a garbled key (the reconciler, off here, catches those).
	for key, name := range map[string]string{"pub_09.zip": "pub_09", "2026/09/pub_08.zip": "pub_08"} {
		c.upload(key, zips[name])
		c.eventually(time.Minute, name+"'s task from its notification", func() bool { return len(c.tasks(sha(zips[name]))) == 1 })
	}

	// The same bytes uploaded again: intake hears it, still one task.
	c.upload("resubmitted/pub_09 (copy).zip", zips["pub_09"])
	c.eventually(time.Minute, "the copy's notification", func() bool {
		return strings.Contains(in.logText(), "resubmitted/pub_09 (copy).zip")
	})

	// Events lost: intake is down while a zip and a folder arrive (the S3
	// server's webhook calls fail); the folder first without manifest.
	in.stop(t, 30*time.Second)
	c.upload("pub_14.zip", zips["pub_14"])
	folder := corpus(t, "pub_02", "bundle")
	c.uploadFolder(folder, "folders/pub_02/")
	c.startIntake(2 * time.Second)
	time.Sleep(5 * time.Second) // two reconciliations
	for _, tk := range c.tasks("") {
		if tk.Job.Folder {
			t.Fatalf("a partial folder was enqueued: %+v", tk)
		}
	}
	manifest := []byte(`{"submitted_at": "2026-09-01"}` + "\n")
	c.upload("folders/pub_02/manifest.json", manifest)

	// Every bundle gets its dossier.
	want := 4
	c.eventually(6*time.Minute, "4 dossiers", func() bool { return len(c.dossiers("")) >= want })
	ds := c.dossiers("")
	if len(ds) != want {
		t.Fatalf("%d dossiers, want %d: %+v", len(ds), want, ds)
	}
	// One task per bundle, pub_09 included.
	if n := len(c.tasks(sha(zips["pub_09"]))); n != 1 {
		t.Errorf("pub_09 uploaded twice: %d tasks, want 1", n)
	}
	if n := len(c.tasks("")); n != want {
		t.Errorf("%d tasks, want %d", n, want)
	}
	for _, d := range ds {
		if _, err := c.st.Stat(c.ctx, storage.BucketDossiers, strings.TrimSuffix(d.Key, archive.DossierJSON)+archive.DossierHTML); err != nil {
			t.Errorf("%s: no dossier.html: %v", d.Key, err)
		}
		if _, err := c.st.Stat(c.ctx, storage.BucketArchive, archive.ArchiveKey(d.SHA256)); err != nil {
			t.Errorf("%s: not archived: %v", d.SHA256, err)
		}
	}

	// Each dossier equals ruku verify's for the same bundle.
	local := t.TempDir()
	defaultDir := archive.RulesDir(rules.Default())
	for name, z := range zips {
		p := filepath.Join(local, name+".zip")
		if err := os.WriteFile(p, z, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(local, "out-"+name)
		c.run(append([]string{"verify", p, "--out", out}, ocrArgs()...)...)
		key := archive.DossierKey(sha(z), rules.Default(), archive.DossierJSON)
		got := c.get(storage.BucketDossiers, key)
		if !reflect.DeepEqual(withoutGeneratedAt(t, got), withoutGeneratedAt(t, readFile(t, filepath.Join(out, "dossier.json")))) {
			t.Errorf("%s: the worker's dossier %s differs from ruku verify's", name, key)
		}
	}
	folderCopy := filepath.Join(local, "pub_02")
	copyDir(t, folder, folderCopy)
	if err := os.WriteFile(filepath.Join(folderCopy, "manifest.json"), manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	c.run(append([]string{"verify", folderCopy, "--out", filepath.Join(local, "out-pub_02")}, ocrArgs()...)...)
	var folderKey string
	for _, tk := range c.tasks("") {
		if tk.Job.Folder {
			folderKey = tk.ID + "/" + defaultDir + "/" + archive.DossierJSON
		}
	}
	// A folder is archived as a zip, so only bundle_sha256 may differ.
	got := withoutGeneratedAt(t, c.get(storage.BucketDossiers, folderKey), "bundle_sha256")
	if !reflect.DeepEqual(got, withoutGeneratedAt(t, readFile(t, filepath.Join(local, "out-pub_02", "dossier.json")), "bundle_sha256")) {
		t.Errorf("folder pub_02: the worker's dossier %s differs from ruku verify's", folderKey)
	}

	t.Run("reaudit", func(t *testing.T) {
		rep, table := c.reaudit(t, local, 4)
		defaultDir := archive.RulesDir(rules.Default())
		byName := map[string]reaudit.BundleDiff{}
		for _, b := range rep.Bundles {
			byName[b.Bundle] = b
			if b.Before == nil || b.Before.RulesDir != defaultDir {
				t.Errorf("%s: compared with %+v, want the %s dossier", b.Bundle, b.Before, defaultDir)
			}
		}
		// Total assets 2,903,196.96 and 2,971,000.00: under 3,000,000.
		for _, name := range []string{"pub_09", "pub_08"} {
			b := byName[name]
			if b.After == nil || b.After.Verdict != "ineligible" {
				t.Errorf("%s: verdict after %+v, want ineligible", name, b.After)
			}
			if b.Before != nil && b.Before.Verdict != "ineligible" && !b.VerdictChanged {
				t.Errorf("%s: verdict change not reported: %+v", name, b)
			}
			if !hasChange(b, "total_assets", "fail") {
				t.Errorf("%s: total_assets change not reported: %+v", name, b.Criteria)
			}
			if !strings.Contains(table, name) || !strings.Contains(table, "total_assets pass→fail") {
				t.Errorf("table does not show %s's change", name)
			}
		}
		// 5,995,170.20: above either threshold.
		if hasChange(byName["pub_14"], "total_assets", "") {
			t.Errorf("pub_14: total_assets changed: %+v", byName["pub_14"].Criteria)
		}
		// The new dossiers sit beside the earlier ones.
		for name, z := range zips {
			if n := len(c.dossiers(sha(z))); n != 2 {
				t.Errorf("%s: %d dossiers after the re-audit, want 2", name, n)
			}
		}
	})
}

// reaudit runs ruku reaudit under the default rules with a total-assets
// threshold of 3,000,000 yuan, checks the progress bar, and returns the
// JSON report and the table.
func (c *cluster) reaudit(t *testing.T, dir string, n int) (*reaudit.Report, string) {
	t.Helper()
	r := rules.Default()
	r.Version = "hebei-2024.2-ta3m"
	r.TotalAssetsMinYuan = 3000000
	rb, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	rulesPath := filepath.Join(dir, "ta3m.json")
	if err := os.WriteFile(rulesPath, rb, 0o644); err != nil {
		t.Fatal(err)
	}
	reportPath := filepath.Join(dir, "report.json")
	args := []string{"reaudit", "--rules", rulesPath, "--json", reportPath, "--jobs", "2"}
	if !c.ocr {
		args = append(args, ocrArgs()...)
	}
	table, stderr := c.run(args...)
	t.Logf("reaudit table:\n%s", table)
	if !strings.Contains(stderr, "\r[") || !strings.Contains(stderr, fmt.Sprintf("%d/%d", n, n)) {
		t.Errorf("no progress bar on stderr: %q", tail(stderr, 300))
	}
	var rep reaudit.Report
	if err := json.Unmarshal(readFile(t, reportPath), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Bundles != n || rep.Summary.Errors != 0 {
		t.Fatalf("report summary %+v, want %d bundles", rep.Summary, n)
	}
	return &rep, table
}

// TestReauditChangedVerdicts verifies an eligible bundle with OCR (without
// it the credit screenshots stay unread and every bundle is ineligible) on
// a worker that gets SIGTERM mid-bundle and drains, then re-audits it with a 3,000,000 yuan total-assets threshold and sees
// its verdict change to ineligible in the JSON report and the table.
func TestReauditChangedVerdicts(t *testing.T) {
	t.Parallel()
	c := newCluster(t)
	c.ocr = true
	c.startIntake(time.Hour)
	w := c.startWorker("worker", 1, "--drain-timeout", "5m")
	z := readFile(t, corpus(t, "pub_09", "bundle.zip"))
	c.upload("pub_09.zip", z) // the S3 server's notification enqueues it

	// SIGTERM mid-bundle drains: the worker finishes the bundle, then exits.
	c.eventually(time.Minute, "the task to be active", func() bool {
		ts := c.tasks(sha(z))
		return len(ts) == 1 && ts[0].State == "active"
	})
	if err := w.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.done:
	case <-time.After(5 * time.Minute):
		t.Fatal("the worker did not exit within 5 minutes of SIGTERM")
	}
	if w.err != nil {
		t.Errorf("worker exit: %v", w.err)
	}
	if n := len(c.dossiers(sha(z))); n != 1 {
		t.Fatalf("after draining: %d dossiers, want 1\n%s", n, tail(w.logText(), 2000))
	}
	if ts := c.tasks(sha(z)); len(ts) != 1 || ts[0].State != "completed" {
		t.Errorf("after draining: task %+v, want completed", ts)
	}
	rep, table := c.reaudit(t, t.TempDir(), 1)
	b := rep.Bundles[0]
	if b.Before == nil || b.Before.Verdict != "eligible" {
		t.Skipf("pub_09 was not eligible under the default rules (%+v); the pipeline decides that, not the queue", b.Before)
	}
	if !b.VerdictChanged || b.After.Verdict != "ineligible" || !hasChange(b, "total_assets", "fail") {
		t.Errorf("pub_09: %+v, want eligible -> ineligible through total_assets", b)
	}
	if rep.Summary.Transitions["eligible -> ineligible"] != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}
	if !strings.Contains(table, "*  pub_09") || !strings.Contains(table, "eligible -> ineligible: 1") {
		t.Errorf("table does not mark the changed verdict:\n%s", table)
	}
}

// hasChange reports whether a bundle diff changes criterion id to status
// after ("" for any change).
func hasChange(b reaudit.BundleDiff, id, after string) bool {
	for _, c := range b.Criteria {
		if c.ID == id && (after == "" || string(c.After) == after) {
			return true
		}
	}
	return false
}

func (c *cluster) get(bucket, key string) []byte {
	c.t.Helper()
	rc, err := c.st.Get(c.ctx, bucket, key)
	if err != nil {
		c.t.Fatalf("get %s/%s: %v", bucket, key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		c.t.Fatal(err)
	}
	return b
}

// TestWorkerKilledMidBundle kills a worker with SIGKILL while it verifies a
// bundle; a second worker picks the task up once its lease expires and the
// bundle ends with exactly one dossier.
func TestWorkerKilledMidBundle(t *testing.T) {
	t.Parallel()
	c := newCluster(t)
	c.ocr = true // a bundle then takes long enough to be killed mid-way
	c.startIntake(time.Hour)
	z := readFile(t, corpus(t, "pub_05", "bundle.zip"))
	id := sha(z)
	w1 := c.startWorker("worker-1", 1)
	c.upload("pub_05.zip", z)
	c.eventually(time.Minute, "the task to be active", func() bool {
		ts := c.tasks(id)
		return len(ts) == 1 && ts[0].State == "active"
	})
	time.Sleep(500 * time.Millisecond)
	w1.kill()
	if n := len(c.dossiers(id)); n != 0 {
		t.Skipf("the bundle was verified before the kill (%d dossiers); nothing to recover", n)
	}
	killed := time.Now()
	c.startWorker("worker-2", 1)
	c.eventually(4*time.Minute, "the dossier after the kill", func() bool { return len(c.dossiers(id)) > 0 })
	t.Logf("recovered %v after SIGKILL", time.Since(killed).Round(time.Second))
	time.Sleep(time.Second)
	if n := len(c.dossiers(id)); n != 1 {
		t.Errorf("%d dossiers, want 1", n)
	}
	ts := c.tasks(id)
	if len(ts) != 1 || ts[0].State != "completed" || ts[0].Retried < 1 {
		t.Errorf("task %+v, want one completed task retried at least once", ts)
	}
	arch, err := c.st.List(c.ctx, storage.BucketArchive, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(arch) != 2 { // the zip and its sidecar
		t.Errorf("archive holds %v", arch)
	}
}

// TestPoisonBundleEnds: a file that kills whichever worker reads it (here
// the test SIGKILLs any worker seen reading it, as an out-of-memory kill
// would) costs two workers, then the bundle is verified in safe mode
// without that file and gets a needs_review dossier naming it, and the
// queue moves on to the next bundle.
func TestPoisonBundleEnds(t *testing.T) {
	t.Parallel()
	c := newCluster(t)
	c.ocr = true // reading the image takes long enough to be caught at it
	c.startIntake(time.Hour)
	const poison = "poison.png"
	z := zipOf(t, map[string][]byte{
		poison:      readFile(t, corpus(t, "pub_01", "bundle/失信被执行人截图.png")),
		"真实性声明.pdf": readFile(t, corpus(t, "pub_01", "bundle/真实性声明.pdf")),
	})
	id := sha(z)
	w := c.startWorker("worker-1", 1)
	c.upload("poison.zip", z)
	kills := 0
	killed := map[int]bool{} // by retry count: a dead worker's task stays active until its lease expires
	c.eventually(8*time.Minute, "the poison bundle's dossier", func() bool {
		for _, tk := range c.tasks(id) {
			if tk.State == "active" && slices.Contains(tk.Reading, poison) && !killed[tk.Retried] {
				killed[tk.Retried] = true
				w.kill()
				kills++
				t.Logf("killed worker %d while it read %s (strikes so far %d)", kills, poison, tk.Strikes)
				w = c.startWorker(fmt.Sprintf("worker-%d", kills+1), 1)
			}
		}
		return len(c.dossiers(id)) > 0
	})
	if kills != queue.SafeAfterStrikes {
		t.Errorf("%d workers killed, want %d before safe mode", kills, queue.SafeAfterStrikes)
	}
	ds := c.dossiers(id)
	var d struct {
		Verdict string `json:"verdict"`
		Inputs  []struct {
			Path  string  `json:"path"`
			Error *string `json:"error"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal(c.get(storage.BucketDossiers, ds[0].Key), &d); err != nil {
		t.Fatal(err)
	}
	if d.Verdict != "needs_review" {
		t.Errorf("verdict %q, want needs_review", d.Verdict)
	}
	named := false
	for _, in := range d.Inputs {
		if in.Path == poison && in.Error != nil && *in.Error == archive.SafeModeReason {
			named = true
		}
	}
	if !named {
		t.Errorf("the dossier does not name %s as unread: %+v", poison, d.Inputs)
	}
	// The queue has moved on: the task is done and the next bundle is verified.
	if ts := c.tasks(id); len(ts) != 1 || ts[0].State != "completed" {
		t.Errorf("poison task: %+v, want one completed", ts)
	}
	next := readFile(t, corpus(t, "pub_09", "bundle.zip"))
	c.upload("next.zip", next)
	c.eventually(4*time.Minute, "the next bundle's dossier", func() bool { return len(c.dossiers(sha(next))) > 0 })
}

// zipOf returns a zip holding files (name → content), names sorted.
func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(files[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

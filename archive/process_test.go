package archive

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
	"ruku/storage"
	"ruku/storage/local"
)

func newProcessor(t *testing.T) (*Processor, storage.Store) {
	t.Helper()
	st, err := local.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, b := range []string{storage.BucketUploads, storage.BucketArchive, storage.BucketDossiers} {
		if err := st.EnsureBucket(ctx, b, b == storage.BucketArchive); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	return &Processor{Store: st, Rules: rules.Default(), Limits: bundle.DefaultLimits(), Now: func() time.Time { return now }}, st
}

func upload(t *testing.T, st storage.Store, key string, b []byte) Job {
	t.Helper()
	if err := st.Put(context.Background(), storage.BucketUploads, key, bytes.NewReader(b), int64(len(b)), storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	return Job{Key: key, SHA256: sha(b), Name: BundleName(key, false)}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func tinyZip(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("说明.txt")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("not an application"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestProcessRepeatable verifies a trivial bundle twice, as a redelivery
// would: one archive copy, one dossier key, the same JSON.
func TestProcessRepeatable(t *testing.T) {
	ctx := context.Background()
	p, st := newProcessor(t)
	j := upload(t, st, "in/tiny.zip", tinyZip(t))
	d1, err := p.Process(ctx, j, Attempt{})
	if err != nil {
		t.Fatal(err)
	}
	key := DossierKey(j.SHA256, p.Rules, DossierJSON)
	first := get(t, st, storage.BucketDossiers, key)
	if _, err := p.Process(ctx, j, Attempt{}); err != nil {
		t.Fatal(err)
	}
	if again := get(t, st, storage.BucketDossiers, key); !bytes.Equal(first, again) {
		t.Error("a redelivery changed the dossier")
	}
	if d1.Bundle != "tiny" || d1.BundleSHA256 != j.SHA256 {
		t.Errorf("dossier names %s %s", d1.Bundle, d1.BundleSHA256)
	}
	ds, err := ListDossiers(ctx, st, "")
	if err != nil || len(ds) != 1 {
		t.Fatalf("dossiers %v, %v", ds, err)
	}
	get(t, st, storage.BucketDossiers, DossierKey(j.SHA256, p.Rules, DossierHTML))
	ai, err := ReadArchiveInfo(ctx, st, j.SHA256)
	if err != nil || ai.Name != "tiny" || ai.Key != "in/tiny.zip" {
		t.Errorf("archive info %+v, %v", ai, err)
	}
	if done, err := Processed(ctx, st, j.SHA256); err != nil || !done {
		t.Errorf("Processed = %v, %v", done, err)
	}
}

// TestProcessUnreadable: a bundle that is not a zip gets a dossier saying
// why and a permanent error.
func TestProcessUnreadable(t *testing.T) {
	ctx := context.Background()
	p, st := newProcessor(t)
	j := upload(t, st, "broken.zip", []byte("this is not a zip file at all"))
	d, err := p.Process(ctx, j, Attempt{})
	if KindOf(err) != Unreadable {
		t.Fatalf("error %v (kind %v), want Unreadable", err, KindOf(err))
	}
	if d == nil {
		t.Fatal("no dossier")
	}
	got := get(t, st, storage.BucketDossiers, DossierKey(j.SHA256, p.Rules, DossierJSON))
	if !strings.Contains(string(got), "broken.zip") {
		t.Errorf("dossier does not name the unreadable file:\n%s", got)
	}
}

// TestProcessGone: a deleted or changed upload is dropped without dossier.
func TestProcessGone(t *testing.T) {
	ctx := context.Background()
	p, st := newProcessor(t)
	j := upload(t, st, "a.zip", tinyZip(t))
	j.SHA256 = strings.Repeat("0", 64)
	if _, err := p.Process(ctx, j, Attempt{}); KindOf(err) != Gone || !errors.Is(err, ErrChanged) {
		t.Errorf("changed upload: %v", err)
	}
	j.Key = "missing.zip"
	if _, err := p.Process(ctx, j, Attempt{}); KindOf(err) != Gone || !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("missing upload: %v", err)
	}
	if ds, _ := ListDossiers(ctx, st, ""); len(ds) != 0 {
		t.Errorf("dossiers written: %v", ds)
	}
}

func TestUnreadableDossier(t *testing.T) {
	d := UnreadableDossier("x", strings.Repeat("a", 64), 3, rules.Default(), time.Unix(0, 0), errors.New("boom"))
	if d.Verdict != dossier.VerdictReview || *d.Inputs[0].Error != "boom" {
		t.Errorf("%+v", d)
	}
	if _, err := d.JSON(); err != nil {
		t.Error(err)
	}
}

func get(t *testing.T, st storage.Store, bucket, key string) []byte {
	t.Helper()
	rc, err := st.Get(context.Background(), bucket, key)
	if err != nil {
		t.Fatalf("get %s/%s: %v", bucket, key, err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(rc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestProcessSafeMode: after workers died on a job, its suspects are left
// unread, named in the dossier, and the verdict needs review; the files
// being read are reported to Progress.
func TestProcessSafeMode(t *testing.T) {
	ctx := context.Background()
	p, st := newProcessor(t)
	j := upload(t, st, "tiny.zip", tinyZip(t))
	var started []string
	normal, err := p.Process(ctx, j, Attempt{Progress: func(path string, done bool) {
		if !done {
			started = append(started, path)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(started) != len(normal.Inputs) || len(started) == 0 {
		t.Fatalf("progress reported %v for %d inputs", started, len(normal.Inputs))
	}
	suspect := normal.Inputs[0].Path
	d, err := p.Process(ctx, j, Attempt{Safe: true, Suspects: []string{suspect}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict != dossier.VerdictReview {
		t.Errorf("verdict %s, want needs_review", d.Verdict)
	}
	for _, in := range d.Inputs {
		if in.Path == suspect && (in.Error == nil || *in.Error != SafeModeReason) {
			t.Errorf("suspect %s: error %v, want the safe-mode reason", suspect, in.Error)
		}
	}
	for _, c := range d.Criteria {
		if c.Status == dossier.Fail {
			t.Errorf("%s fails in safe mode: %s", c.ID, c.Message)
		}
	}
}

package queue

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"ruku/pipeline/rules"
)

func TestZipFolderDeterministic(t *testing.T) {
	a := []FolderFile{{Path: "b/营业执照.pdf", Data: []byte("pdf")}, {Path: "manifest.json", Data: []byte("{}")}, {Path: "a.xlsx", Data: []byte("x")}}
	b := []FolderFile{a[2], a[0], a[1]}
	za, err := ZipFolder(a)
	if err != nil {
		t.Fatal(err)
	}
	zb, err := ZipFolder(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(za, zb) {
		t.Fatal("same files in another order gave other bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(za), int64(len(za)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadAll(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	if got, want := fmt.Sprint(names), "[a.xlsx b/营业执照.pdf manifest.json]"; got != want {
		t.Errorf("entries %s, want %s", got, want)
	}
	if _, err := ZipFolder([]FolderFile{{Path: "x"}, {Path: "x"}}); err == nil {
		t.Error("duplicate paths accepted")
	}
}

func TestKeys(t *testing.T) {
	r := rules.Default()
	sha := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	if got := DossierKey(sha, r, DossierJSON); got != sha+"/"+r.Version+"@"+r.SHA256[:12]+"/dossier.json" {
		t.Errorf("DossierKey = %s", got)
	}
	if s, ok := SHAFromArchiveKey(ArchiveKey(sha)); !ok || s != sha {
		t.Errorf("SHAFromArchiveKey(ArchiveKey) = %s, %v", s, ok)
	}
	if _, ok := SHAFromArchiveKey(sha + ".json"); ok {
		t.Error("sidecar taken for an archive")
	}
	for key, want := range map[string]string{"a/b/pub_01.zip": "pub_01", "x.ZIP": "x", "申请 材料.zip": "申请 材料"} {
		if got := BundleName(key, false); got != want {
			t.Errorf("BundleName(%q) = %q, want %q", key, got, want)
		}
	}
	if got := BundleName("2026/acme/", true); got != "acme" {
		t.Errorf("folder name %q", got)
	}
}

func TestJob(t *testing.T) {
	sha := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	task, err := NewVerifyTask(Job{Key: "a.zip", SHA256: sha, Name: "a", UploadedAt: time.Unix(0, 0).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	if task.Type() != TypeVerify {
		t.Errorf("type %s", task.Type())
	}
	j, err := ParseJob(task.Payload())
	if err != nil || j.Key != "a.zip" || j.SHA256 != sha {
		t.Fatalf("ParseJob = %+v, %v", j, err)
	}
	for _, bad := range []Job{{Key: "", SHA256: sha}, {Key: "a/", SHA256: sha}, {Key: "a", Folder: true, SHA256: sha}, {Key: "a.zip", SHA256: "x"}} {
		if _, err := NewVerifyTask(bad); err == nil {
			t.Errorf("job %+v accepted", bad)
		}
	}
}

func TestClassify(t *testing.T) {
	cause := errors.New("boom")
	for _, tc := range []struct {
		err  error
		skip bool
	}{
		{E("fetch", Transient, cause), false},
		{fmt.Errorf("wrapped: %w", E("open", Unreadable, cause)), true},
		{E("fetch", Gone, cause), true},
		{E("decode", Invalid, cause), true},
		{cause, false},
	} {
		got := classify(tc.err)
		if errors.Is(got, asynq.SkipRetry) != tc.skip {
			t.Errorf("classify(%v): SkipRetry %v, want %v", tc.err, !tc.skip, tc.skip)
		}
		if !errors.Is(got, cause) {
			t.Errorf("classify(%v) lost the cause", tc.err)
		}
	}
	if classify(nil) != nil {
		t.Error("classify(nil) != nil")
	}
}

func TestBackoff(t *testing.T) {
	c := ServerConfig{RetryBase: time.Second, RetryMax: 10 * time.Second}
	for n := range 10 {
		d := c.Backoff(n)
		want := min(time.Second<<n, 10*time.Second)
		if d < want*3/4 || d > want*5/4 {
			t.Errorf("Backoff(%d) = %v, want about %v", n, d, want)
		}
	}
}

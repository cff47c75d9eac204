package archive

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"ruku/storage"
)

// TestReadBundleFolderMatchesUpload: a folder read from disk gives the zip,
// and so the SHA-256, that the same folder uploaded gives.
func TestReadBundleFolderMatchesUpload(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "申请材料")
	files := map[string]string{"申请表.txt": "表", "附件/审计报告.txt": "审计"}
	var ff []FolderFile
	for p, body := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		ff = append(ff, FolderFile{Path: p, Data: []byte(body)})
	}
	// A link out of the folder is not followed.
	if err := os.Symlink("/etc/hostname", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	up, err := ReadBundle(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ZipFolder(ff)
	if up.SHA256 != sha(want) || up.Name != "申请材料" || !up.Folder {
		t.Errorf("ReadBundle = %s %q folder %v, want %s", up.SHA256, up.Name, up.Folder, sha(want))
	}
	if _, err := ReadBundle(dir, 3); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over maxBytes: %v", err)
	}
	if _, err := ReadBundle(filepath.Join(dir, "missing"), 0); err == nil {
		t.Error("missing path accepted")
	}
}

// TestSubmit archives and verifies a zip in the local store, and a second
// submission of the same bytes rewrites the same keys.
func TestSubmit(t *testing.T) {
	ctx := context.Background()
	p, st := newProcessor(t)
	zp := filepath.Join(t.TempDir(), "tiny.zip")
	if err := os.WriteFile(zp, tinyZip(t), 0o644); err != nil {
		t.Fatal(err)
	}
	up, err := ReadBundle(zp, 0)
	if err != nil {
		t.Fatal(err)
	}
	if up.Name != "tiny" || up.Folder {
		t.Errorf("upload %q folder %v", up.Name, up.Folder)
	}
	d, err := p.Submit(ctx, up)
	if err != nil {
		t.Fatal(err)
	}
	if d.BundleSHA256 != sha(tinyZip(t)) {
		t.Errorf("dossier of %s", d.BundleSHA256)
	}
	if _, err := st.Stat(ctx, storage.BucketArchive, ArchiveKey(up.SHA256)); err != nil {
		t.Errorf("not archived: %v", err)
	}
	info, err := ReadArchiveInfo(ctx, st, up.SHA256)
	if err != nil || info.Name != "tiny" {
		t.Errorf("archive info %+v, %v", info, err)
	}
	ds, err := ListDossiers(ctx, st, DossierPrefix(up.SHA256))
	if err != nil || len(ds) != 1 {
		t.Fatalf("dossiers %v, %v", ds, err)
	}
	if _, err := p.Submit(ctx, up); err != nil {
		t.Errorf("second submission: %v", err)
	}
	// Not a zip: a dossier that says so, and an Unreadable error.
	bad := filepath.Join(t.TempDir(), "bad.zip")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	up, _ = ReadBundle(bad, 0)
	d, err = p.Submit(ctx, up)
	if KindOf(err) != Unreadable || d == nil || d.Verdict != "needs_review" {
		t.Errorf("unreadable: %v, %+v", err, d)
	}
}

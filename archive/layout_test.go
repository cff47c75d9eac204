package archive

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"testing"

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

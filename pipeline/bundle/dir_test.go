package bundle

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeTree creates files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenDir(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "申报材料")
	writeTree(t, dir, map[string]string{
		"01申请表/入库申请表.pdf":        "%PDF 申请表",
		"02财务/审计报告.pdf":          "%PDF 审计",
		".DS_Store":              "junk",
		"__MACOSX/01申请表/._x.pdf": "junk",
		gbk(t, "营业执照.pdf"):       "%PDF GBK name on disk",
		"big.bin":                strings.Repeat("x", 5000),
	})
	writeTree(t, base, map[string]string{"secret.txt": "outside"})
	for link, target := range map[string]string{
		"inside.pdf":   "02财务/审计报告.pdf",
		"outside.txt":  "../secret.txt",
		"absolute.txt": filepath.Join(base, "secret.txt"),
		"dirlink":      "01申请表",
		"broken.pdf":   "nowhere.pdf",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	b, err := OpenDir(context.Background(), dir, Limits{MaxFileBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range b.Files {
		t.Logf("%q %d %v", f.Path, f.Size, f.Err)
	}
	wantFiles := map[string]error{
		"01申请表/入库申请表.pdf": nil,
		"02财务/审计报告.pdf":   nil,
		"营业执照.pdf":        nil,
		"inside.pdf":      nil,
		"big.bin":         ErrTooLarge,
		"outside.txt":     ErrInsecurePath,
		"absolute.txt":    ErrInsecurePath,
		"dirlink":         ErrUnsupported,
		"broken.pdf":      fs.ErrNotExist,
	}
	if len(b.Files) != len(wantFiles) {
		t.Errorf("listed %q", paths(b))
	}
	for p, wantErr := range wantFiles {
		f, ok := b.Lookup(p)
		switch {
		case !ok:
			t.Errorf("%q not listed", p)
		case wantErr == nil && f.Err != nil, wantErr != nil && !errors.Is(f.Err, wantErr):
			t.Errorf("%q: Err = %v, want %v", p, f.Err, wantErr)
		}
	}
	if want := []string{".DS_Store", "__MACOSX/01申请表/._x.pdf"}; !slices.Equal(b.Ignored, want) {
		t.Errorf("Ignored = %q", b.Ignored)
	}
	if data, _ := b.ReadFile("inside.pdf"); string(data) != "%PDF 审计" {
		t.Errorf("symlink content = %q", data)
	}
	if b.Name != "申报材料" {
		t.Errorf("Name = %q", b.Name)
	}
	// The folder hash is over "path\x00sha256\n" lines in path order.
	var lines bytes.Buffer
	for _, f := range b.Files {
		fmt.Fprintf(&lines, "%s\x00%s\n", f.Path, f.SHA256)
	}
	if sum := sha256.Sum256(lines.Bytes()); b.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("folder SHA256 = %s", b.SHA256)
	}
	checkInvariants(t, b, Limits{MaxFileBytes: 4096}.withDefaults())

	// Deterministic: a second read gives the same hash; junk does not count.
	os.WriteFile(filepath.Join(dir, "Thumbs.db"), []byte("more junk"), 0o644)
	again, err := Open(context.Background(), dir, Limits{MaxFileBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	if again.SHA256 != b.SHA256 {
		t.Error("folder hash changed with OS metadata or between runs")
	}
}

// TestZipMatchesDir checks that a folder and a zip of it list the same files
// with the same hashes.
func TestZipMatchesDir(t *testing.T) {
	files := map[string]string{
		"01申请表/入库申请表.pdf": "%PDF 申请表",
		"02财务/审计报告.pdf":   strings.Repeat("审计 ", 1000),
		"空.txt":           "",
		"a.txt":           "a",
	}
	dir := t.TempDir()
	writeTree(t, dir, files)
	var ents []zent
	for p, c := range files {
		ents = append(ents, zent{name: gbk(t, p), body: []byte(c), nonUTF8: true})
	}
	zipData := buildZip(t, ents)
	zb, err := OpenZip(context.Background(), bytes.NewReader(zipData), int64(len(zipData)), "z", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := OpenDir(context.Background(), dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, zb, db, "")
}

// sameFiles compares two bundles' accepted and refused files; zipTop is a top
// folder present only in the zip.
func sameFiles(t *testing.T, zb, db *Bundle, zipTop string) {
	t.Helper()
	if len(zb.Files) != len(db.Files) {
		t.Fatalf("zip lists %d files, folder %d", len(zb.Files), len(db.Files))
	}
	for i := range zb.Files {
		zf, df := zb.Files[i], db.Files[i]
		zp := strings.TrimPrefix(zf.Path, zipTop+"/")
		if zipTop == "" {
			zp = zf.Path
		}
		if zp != df.Path || zf.SHA256 != df.SHA256 || zf.Size != df.Size || (zf.Err == nil) != (df.Err == nil) {
			t.Errorf("zip %q %s %d %v\nfolder %q %s %d %v", zf.Path, zf.SHA256, zf.Size, zf.Err, df.Path, df.SHA256, df.Size, df.Err)
		}
	}
}

// TestCorpus reads the public corpus bundles, when present, as zip and as
// folder and checks both give the same files and contents.
func TestCorpus(t *testing.T) {
	root := os.Getenv("RUKU_CORPUS")
	if root == "" {
		root = "../../../shared/corpus" // shared/ beside the repository
	}
	dirs, _ := filepath.Glob(filepath.Join(root, "pub_*"))
	if len(dirs) == 0 {
		t.Skip("corpus not present")
	}
	if testing.Short() {
		dirs = dirs[:min(2, len(dirs))]
	}
	for _, d := range dirs {
		t.Run(filepath.Base(d), func(t *testing.T) {
			ctx := context.Background()
			zb, err := Open(ctx, filepath.Join(d, "bundle.zip"), Limits{})
			if err != nil {
				t.Skip(err)
			}
			db, err := Open(ctx, filepath.Join(d, "bundle"), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range []*Bundle{zb, db} {
				if len(b.Accepted()) != len(b.Files) || len(b.Files) == 0 {
					t.Errorf("%s: %d of %d files accepted", b.Name, len(b.Accepted()), len(b.Files))
				}
				for _, f := range b.Files {
					if strings.ContainsAny(f.Path, "\uFFFD╔═") {
						t.Errorf("badly decoded name %q", f.Path)
					}
				}
			}
			top := ""
			if db.TopDir() == "" {
				top = zb.TopDir()
			}
			sameFiles(t, zb, db, top)
			checkInvariants(t, zb, DefaultLimits())
		})
	}
}

package bundle

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// want describes the expected outcome for one listed file: nil for an
// accepted file, else the sentinel its Err must wrap.
type want map[string]error

func TestOpenZip(t *testing.T) {
	tests := []struct {
		file      string
		lim       Limits
		openErr   error // whole-bundle error expected from Open
		files     want  // expected Files (all of them)
		ignored   []string
		recovered bool
		content   map[string]string // expected content of some accepted files
	}{
		{
			file: "utf8.zip",
			files: want{
				"01申请表/入库申请表.pdf":     nil,
				"02财务/2024年度审计报告.pdf": nil,
				"03证照/营业执照.pdf":       nil,
				"附件/材料.zip":           nil,
				"空文件.txt":             nil,
			},
			ignored: []string{".DS_Store", "02财务/Thumbs.db", "__MACOSX/01申请表/._入库申请表.pdf"},
			content: map[string]string{"01申请表/入库申请表.pdf": "%PDF-1.4 申请表", "空文件.txt": ""},
		},
		{
			file: "gbk.zip",
			files: want{
				"01申请表/01.申报表.pdf":   nil,
				"02单位概况/服务规范及承诺.pdf": nil,
				"小.pdf":                   nil,
				"IMG_20260412_151525.png": nil,
			},
			content: map[string]string{"小.pdf": "%PDF 小"},
		},
		{
			file:  "unicode_extra.zip",
			files: want{"新名.pdf": nil, "审计.pdf": nil},
		},
		{
			file: "traversal.zip",
			files: want{
				"../../etc/passwd":    ErrInsecurePath,
				"/etc/passwd":         ErrInsecurePath,
				`C:\Windows\evil.txt`: ErrInsecurePath,
				`a\..\..\evil.txt`:    ErrInsecurePath,
				"ok/../x.txt":         ErrInsecurePath,
				"bad<U+0001>name.txt": ErrInsecurePath, // shown escaped
				"sub/ok.txt":          nil,
				"dot/ok.txt":          nil,
				"good.txt":            nil,
			},
			content: map[string]string{"sub/ok.txt": "ok", "good.txt": "good"},
		},
		{
			file:    "bomb.zip",
			files:   want{"a_before.txt": nil, "bomb.bin": ErrBomb, "z_after.txt": nil},
			content: map[string]string{"z_after.txt": "after"},
		},
		{
			file:  "bomb.zip",
			lim:   Limits{MaxRatio: 10000, MaxFileBytes: 300 << 20, MaxTotalBytes: 64 << 20},
			files: want{"a_before.txt": nil, "bomb.bin": ErrLimit, "z_after.txt": ErrLimit},
		},
		{
			file:  "bomb.zip",
			lim:   Limits{MaxRatio: 10000},
			files: want{"a_before.txt": nil, "bomb.bin": ErrTooLarge, "z_after.txt": nil},
		},
		{
			file:  "liar.zip",
			files: want{"liar.bin": ErrCorrupt, "ok.txt": nil},
		},
		{
			file:  "encrypted.zip",
			files: want{"secret.pdf": ErrEncrypted, "plain.txt": nil},
		},
		{
			file:  "crc.zip",
			files: want{"bad.txt": ErrCorrupt, "good.txt": nil},
		},
		{
			file: "misc.zip",
			files: want{
				"link": ErrUnsupported, "dup.txt": nil, "dup.txt#2": ErrDuplicate,
				"a": ErrDuplicate, "a/b.txt": nil, "bzip2.bin": ErrUnsupported, "inner.zip": nil,
			},
			content: map[string]string{"dup.txt": "first"},
		},
		{
			file:      "truncated.zip",
			recovered: true,
			files:     want{"stored.txt": nil, "deflated.txt": nil, "cut.txt": ErrCorrupt},
			content:   map[string]string{"stored.txt": "stored entry, sizes in the local header"},
		},
		{file: "empty.zip", files: want{}},
		{file: "notazip.zip", openErr: ErrNotBundle},
		{file: "missing.zip", openErr: fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ctx := context.Background()
			b, err := Open(ctx, filepath.Join("testdata", tt.file), tt.lim)
			if tt.openErr != nil {
				if !errors.Is(err, tt.openErr) {
					t.Fatalf("Open error = %v, want %v", err, tt.openErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, b, tt.lim.withDefaults())
			if b.Name != strings.TrimSuffix(tt.file, ".zip") {
				t.Errorf("Name = %q", b.Name)
			}
			data, _ := os.ReadFile(filepath.Join("testdata", tt.file))
			if sum := sha256.Sum256(data); b.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("SHA256 = %s, want the zip's hash", b.SHA256)
			}
			got := want{}
			for _, f := range b.Files {
				key := f.Path
				for i := 2; ; i++ {
					if _, dup := got[key]; !dup {
						break
					}
					key = f.Path + "#" + string(rune('0'+i))
				}
				got[key] = f.Err
				if f.Err != nil {
					t.Logf("%q: %v", f.Path, f.Err)
				}
			}
			for p, wantErr := range tt.files {
				gotErr, ok := got[p]
				switch {
				case !ok:
					t.Errorf("%q not listed; files: %v", p, paths(b))
				case wantErr == nil && gotErr != nil:
					t.Errorf("%q refused: %v", p, gotErr)
				case wantErr != nil && !errors.Is(gotErr, wantErr):
					t.Errorf("%q: Err = %v, want %v", p, gotErr, wantErr)
				}
			}
			if len(got) != len(tt.files) {
				t.Errorf("listed %d files, want %d: %q", len(got), len(tt.files), paths(b))
			}
			if !slices.Equal(b.Ignored, tt.ignored) {
				t.Errorf("Ignored = %q, want %q", b.Ignored, tt.ignored)
			}
			if b.Recovered != tt.recovered {
				t.Errorf("Recovered = %v", b.Recovered)
			}
			for p, c := range tt.content {
				data, err := b.ReadFile(p)
				if err != nil || string(data) != c {
					t.Errorf("ReadFile(%q) = %q, %v; want %q", p, data, err, c)
				}
			}
		})
	}
}

// checkInvariants checks what must hold for every bundle: sorted files,
// hashes matching content, limits, refused files unreadable, a valid fs.FS.
func checkInvariants(t testing.TB, b *Bundle, lim Limits) {
	t.Helper()
	if !sort.SliceIsSorted(b.Files, func(i, j int) bool { return b.Files[i].Path < b.Files[j].Path }) {
		t.Errorf("Files not sorted: %q", paths(b))
	}
	var total int64
	var accepted []string
	for _, f := range b.Files {
		data, err := b.ReadFile(f.Path)
		if f.Err != nil {
			if err == nil {
				if acc, ok := b.Lookup(f.Path); !ok || acc.Err != nil {
					t.Errorf("ReadFile(%q) of a refused file succeeded", f.Path)
				}
			} else if !errors.Is(err, f.Err) && !errors.Is(err, ErrDuplicate) {
				if acc, _ := b.Lookup(f.Path); acc.Err == nil || !errors.Is(err, acc.Err) {
					t.Errorf("ReadFile(%q) = %v, want %v", f.Path, err, f.Err)
				}
			}
			if f.SHA256 != "" {
				t.Errorf("refused %q has a hash", f.Path)
			}
			continue
		}
		if err != nil {
			t.Errorf("ReadFile(%q): %v", f.Path, err)
			continue
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(data)) != f.Size {
			t.Errorf("%q: hash or size mismatch", f.Path)
		}
		if f.Size > lim.MaxFileBytes {
			t.Errorf("%q: %d bytes over the limit", f.Path, f.Size)
		}
		if !fs.ValidPath(f.Path) {
			t.Errorf("accepted path %q is not a valid fs path", f.Path)
		}
		total += f.Size
		accepted = append(accepted, f.Path)
	}
	if total > lim.MaxTotalBytes {
		t.Errorf("total %d over the limit", total)
	}
	if len(accepted) > lim.MaxFiles {
		t.Errorf("%d files accepted, limit %d", len(accepted), lim.MaxFiles)
	}
	if len(accepted) <= 50 {
		if err := fstest.TestFS(b, accepted...); err != nil {
			t.Errorf("fstest: %v", err)
		}
	}
}

func paths(b *Bundle) []string {
	var out []string
	for _, f := range b.Files {
		out = append(out, f.Path)
	}
	return out
}

func TestTooManyFiles(t *testing.T) {
	b, err := Open(context.Background(), "testdata/toomany.zip", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Files) != 501 {
		t.Fatalf("%d files listed, want 501", len(b.Files))
	}
	for i, f := range b.Files {
		if (i < 500) != (f.Err == nil) {
			t.Errorf("file %d %q: Err = %v", i, f.Path, f.Err)
		}
	}
	if !errors.Is(b.Files[500].Err, ErrLimit) {
		t.Errorf("last file Err = %v, want ErrLimit", b.Files[500].Err)
	}
	checkInvariants(t, b, DefaultLimits())
}

func TestRefusedReadFile(t *testing.T) {
	b, err := Open(context.Background(), "testdata/traversal.zip", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.ReadFile("../../etc/passwd")
	if !errors.Is(err, ErrInsecurePath) {
		t.Errorf("ReadFile(traversal) = %v, want ErrInsecurePath", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != "../../etc/passwd" {
		t.Errorf("error %v is not a PathError naming the path", err)
	}
	if _, err := b.ReadFile("nope.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v", err)
	}
	if _, err := b.Open("../../etc/passwd"); !errors.Is(err, ErrInsecurePath) {
		t.Errorf("Open(traversal) = %v", err)
	}
	data, _ := b.ReadFile("good.txt")
	data[0] = 'X'
	if again, _ := b.ReadFile("good.txt"); string(again) != "good" {
		t.Error("ReadFile returned the cached slice, not a copy")
	}
}

func TestSmallLimits(t *testing.T) {
	lim := Limits{MaxFileBytes: 1000, MaxTotalBytes: 40}
	b, err := Open(context.Background(), "testdata/utf8.zip", lim)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range b.Files {
		t.Logf("%q %d %v", f.Path, f.Size, f.Err)
	}
	f, _ := b.Lookup("02财务/2024年度审计报告.pdf")
	if !errors.Is(f.Err, ErrTooLarge) {
		t.Errorf("large file: %v, want ErrTooLarge", f.Err)
	}
	// In path order, 01申请表/入库申请表.pdf (18 bytes), 03证照/营业执照.pdf (15)
	// and 空文件.txt (0) fit in 40; 附件/材料.zip (144) does not.
	for p, wantErr := range map[string]error{"01申请表/入库申请表.pdf": nil, "03证照/营业执照.pdf": nil, "空文件.txt": nil, "附件/材料.zip": ErrLimit} {
		f, _ := b.Lookup(p)
		if (wantErr == nil) != (f.Err == nil) || (wantErr != nil && !errors.Is(f.Err, wantErr)) {
			t.Errorf("%q: %v, want %v", p, f.Err, wantErr)
		}
	}
	checkInvariants(t, b, lim.withDefaults())
}

func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, p := range []string{"testdata/utf8.zip", t.TempDir()} {
		if _, err := Open(ctx, p, Limits{}); !errors.Is(err, context.Canceled) {
			t.Errorf("Open(%s) with a cancelled context = %v", p, err)
		}
	}
}

func TestOpenZipBytes(t *testing.T) {
	data, err := os.ReadFile("testdata/gbk.zip")
	if err != nil {
		t.Fatal(err)
	}
	b, err := OpenZip(context.Background(), bytes.NewReader(data), int64(len(data)), "x", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "x" || len(b.Accepted()) != 4 {
		t.Errorf("Name %q, %d accepted", b.Name, len(b.Accepted()))
	}
	// A zero-byte file is not a zip.
	if _, err := OpenZip(context.Background(), bytes.NewReader(nil), 0, "empty", Limits{}); !errors.Is(err, ErrNotBundle) {
		t.Errorf("zero bytes: %v", err)
	}
}

func TestTopDir(t *testing.T) {
	b := &Bundle{}
	b.finish([]File{{Path: "top/a.pdf"}, {Path: "top/sub/b.pdf"}}, map[string][]byte{"top/a.pdf": nil, "top/sub/b.pdf": nil})
	if got := b.TopDir(); got != "top" {
		t.Errorf("TopDir = %q", got)
	}
	sub, err := fs.Sub(b, b.TopDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(sub, "a.pdf", "sub/b.pdf"); err != nil {
		t.Error(err)
	}
	b.finish([]File{{Path: "a.pdf"}, {Path: "top/b.pdf"}}, nil)
	if got := b.TopDir(); got != "" {
		t.Errorf("TopDir = %q, want none", got)
	}
}

func TestDecodeNames(t *testing.T) {
	g := func(s string) string { return gbk(t, s) }
	tests := []struct {
		in   []rawName
		want []string
	}{
		{[]rawName{{raw: "a.pdf"}}, []string{"a.pdf"}},
		{[]rawName{{raw: "申请表.pdf"}}, []string{"申请表.pdf"}},                                     // UTF-8 without the flag
		{[]rawName{{raw: g("申请表.pdf")}}, []string{"申请表.pdf"}},                                  // GBK
		{[]rawName{{raw: g("小.pdf")}}, []string{"小.pdf"}},                                      // GBK that is also valid UTF-8
		{[]rawName{{raw: "café.pdf"}}, []string{"café.pdf"}},                                   // UTF-8 Latin stays UTF-8
		{[]rawName{{raw: g("审计报告.pdf")}, {raw: "营业执照.pdf"}}, []string{"审计报告.pdf", "营业执照.pdf"}}, // mixed: per name
		{[]rawName{{raw: "\x81.txt"}}, []string{"ü.txt"}},                                      // neither: code page 437
		{[]rawName{{raw: "x", unicode: "新.pdf"}}, []string{"新.pdf"}},
	}
	for _, tt := range tests {
		if got := decodeNames(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("decodeNames(%+v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

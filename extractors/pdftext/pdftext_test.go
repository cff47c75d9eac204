package pdftext

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// -update rewrites the .txt goldens in testdata from the current output.
var update = flag.Bool("update", false, "rewrite testdata/*.txt goldens")

// tableRow is the balance-sheet row the table-like test documents show; it
// must come out as one line.
const tableRow = "流动资产合计 13 922.58 1,011.86 流动负债合计 45 195.63 429.13"

func readFile(t testing.TB, name string) ([]Page, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Read(context.Background(), bytes.NewReader(data), int64(len(data)))
}

// render is the golden form of a document's pages.
func render(pages []Page) string {
	var b strings.Builder
	for _, p := range pages {
		ocr, why := NeedsOCR(p)
		fmt.Fprintf(&b, "--- page %d chars=%d bad=%d images=%d ocr=%v %s\n", p.Number, p.Chars, p.Bad, p.Images, ocr, why)
		for _, l := range p.Lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestRead(t *testing.T) {
	tests := []struct {
		file     string
		producer string
		wantErr  error // errors.Is target; nil for success
		ocr      bool  // NeedsOCR on every page
		row      bool  // must contain tableRow as one line
	}{
		{"soffice.pdf", "LibreOffice 7.4, TrueType WinAnsi subset + ToUnicode", nil, false, true},
		{"chrome.pdf", "Chromium/Skia, CID TrueType Identity-H + ToUnicode", nil, false, true},
		{"type3.pdf", "Type3 font with Differences + ToUnicode (Skia style, flipped CTM)", nil, false, false},
		{"ucs2.pdf", "STSong-Light UniGB-UCS2-H, no ToUnicode", nil, false, true},
		{"utf16.pdf", "STSong-Light UniGB-UTF16-H, surrogate pair", nil, false, true},
		{"gbk.pdf", "STSong-Light GBK-EUC-H, 1- and 2-byte codes", nil, false, true},
		{"identity_gb1.pdf", "Identity-H + Adobe-GB1, no ToUnicode", nil, false, true},
		{"winansi_gbk.pdf", "TrueType 宋体 / FangSong_GB2312, WinAnsi bytes that are GBK", nil, false, true},
		{"positions.pdf", "Helvetica: TJ, Tc, Tw, Tz, TL, T*, ', \", cm, form XObject, /Rotate 90", nil, false, false},
		{"inline_image.pdf", "text after an inline image (fallback lexer)", nil, false, false},
		{"owner_only.pdf", "RC4 encryption with an empty user password", nil, false, true},
		{"scan.pdf", "image only", nil, true, false},
		{"corrupt_stream.pdf", "content stream cut off mid-way", nil, false, false},
		{"truncated.pdf", "file cut in half", ErrDamaged, false, false},
		{"corrupt_xref.pdf", "garbage in the xref table", ErrDamaged, false, false},
		{"encrypted.pdf", "AES-128 with a user password", ErrEncrypted, false, false},
		{"aes256.pdf", "AES-256 (unsupported by the parser)", ErrEncrypted, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			pages, err := readFile(t, tt.file)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("%s: err = %v, want %v", tt.producer, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tt.producer, err)
			}
			got := render(pages)
			golden := filepath.Join("testdata", strings.TrimSuffix(tt.file, ".pdf")+".txt")
			if *update {
				must(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s: text differs from %s\ngot:\n%s\nwant:\n%s", tt.producer, golden, got, want)
			}
			for _, p := range pages {
				if ocr, why := NeedsOCR(p); ocr != tt.ocr {
					t.Errorf("page %d: NeedsOCR = %v (%s), want %v", p.Number, ocr, why, tt.ocr)
				}
			}
			if tt.row && !slices.Contains(pages[0].Lines, tableRow) {
				t.Errorf("%s: no line %q in\n%s", tt.producer, tableRow, strings.Join(pages[0].Lines, "\n"))
			}
		})
	}
}

func TestReadCancelled(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "positions.pdf"))
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, bytes.NewReader(data), int64(len(data))); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestReadNotPDF(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("hello"), []byte("%PDF-1.4\n%%EOF"), bytes.Repeat([]byte("%PDF-1.7\n"), 100)} {
		if _, err := Read(context.Background(), bytes.NewReader(data), int64(len(data))); !errors.Is(err, ErrDamaged) {
			t.Errorf("Read(%q) err = %v, want ErrDamaged", data, err)
		}
	}
}

func TestNeedsOCR(t *testing.T) {
	tests := []struct {
		p    Page
		want bool
		why  string
	}{
		{Page{}, true, "no text layer"},
		{Page{Images: 1}, true, "no text layer, only images"},
		{Page{Chars: 12, Images: 2}, true, "only 12 characters of text over images"},
		{Page{Chars: 12}, false, ""},
		{Page{Chars: 100, Bad: 38}, true, "38% unreadable characters"},
		{Page{Chars: 100, Bad: 10}, false, ""},
		{Page{Chars: 400, Images: 1}, false, ""},
	}
	for _, tt := range tests {
		got, why := NeedsOCR(tt.p)
		if got != tt.want || why != tt.why {
			t.Errorf("NeedsOCR(%+v) = %v, %q; want %v, %q", tt.p, got, why, tt.want, tt.why)
		}
	}
}

// TestDecode checks font decoding paths that the test PDFs do not reach.
func TestDecode(t *testing.T) {
	f := &font{composite: true, pre: predefGBK, gb1: true, dw: 1000, wscale: 0.001}
	gl := f.decode(append([]byte("A"), gbkBytes("中文")...), nil)
	var s strings.Builder
	for _, g := range gl {
		s.WriteString(g.text)
	}
	if s.String() != "A中文" {
		t.Errorf("GBK-EUC-H decode = %q", s.String())
	}
	m := parseCMap([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"2 beginbfrange <0010> <0012> <4E00> <0020> <0021> [<0041> <00420043>] endbfrange\n" +
		"1 beginbfchar <0005> <D840DC00> endbfchar"))
	for _, c := range []struct {
		code uint32
		want string
	}{{0x10, "一"}, {0x12, "丂"}, {0x20, "A"}, {0x21, "BC"}, {0x05, "\U00020000"}} {
		if got, _ := m.lookup(2, c.code); got != c.want {
			t.Errorf("lookup(%#x) = %q, want %q", c.code, got, c.want)
		}
	}
	short := parseCMap([]byte("1 beginbfchar <41> <4E2D> endbfchar"))
	if got, _ := short.lookupAnyLen(2, 0x41); got != "中" {
		t.Errorf("lookupAnyLen = %q, want 中", got)
	}
	if n := m.codeLen([]byte{0, 1, 2}); n != 2 {
		t.Errorf("codeLen = %d, want 2", n)
	}
	if r := gb1Rune(4838); r == 0 {
		t.Error("no Unicode for Adobe-GB1 CID 4838")
	}
	if !isChineseFontName("ABCDEF+\xcb\xce\xcc\xe5") || !isChineseFontName("FangSong_GB2312") || isChineseFontName("Helvetica") {
		t.Error("isChineseFontName")
	}
}

// TestReadLenient checks files that pdf.NewReader alone rejects but other
// readers open: junk before the header, a PDF 2.0 header, and data after
// %%EOF.
func TestReadLenient(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "ucs2.pdf"))
	must(t, err)
	variants := map[string][]byte{
		"junk before header": append([]byte("junk\r\n"), data...),
		"PDF 2.0 header":     bytes.Replace(data, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1),
		"data after %%EOF":   append(append([]byte{}, data...), bytes.Repeat([]byte("\x00garbage "), 40)...),
	}
	for name, v := range variants {
		pages, err := Read(context.Background(), bytes.NewReader(v), int64(len(v)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !slices.Contains(pages[0].Lines, tableRow) {
			t.Errorf("%s: no table row in %q", name, pages[0].Lines)
		}
	}
}

// TestReadHostile checks cross-reference tricks that would make the parser
// loop for ever or allocate gigabytes: they must fail fast with ErrDamaged.
func TestReadHostile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "ucs2.pdf"))
	must(t, err)
	x := bytes.Index(data, []byte("\nxref\n")) + 1
	selfPrev := bytes.Replace(data, []byte("trailer\n<< "), fmt.Appendf(nil, "trailer\n<< /Prev %d ", x), 1)
	variants := map[string][]byte{
		"/Prev cycle":         selfPrev,
		"huge subsection":     bytes.Replace(data, []byte("xref\n0 "), []byte("xref\n2000000000 "), 1),
		"negative subsection": bytes.Replace(data, []byte("xref\n0 "), []byte("xref\n-5 "), 1),
	}
	for name, v := range variants {
		done := make(chan error, 1)
		go func() {
			_, err := Read(context.Background(), bytes.NewReader(v), int64(len(v)))
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("%s: err = %v, want ErrDamaged", name, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: Read did not return", name)
		}
	}
}

// TestReadEncryptedOddly checks that a file whose trailer names /Encrypt
// is reported as encrypted even when the parser fails on something else.
func TestReadEncryptedOddly(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "encrypted.pdf"))
	must(t, err)
	noID := bytes.ReplaceAll(data, []byte("/ID"), []byte("/XD"))
	if _, err := Read(context.Background(), bytes.NewReader(noID), int64(len(noID))); !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
}

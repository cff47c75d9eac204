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
		{"truncated.pdf", "file cut in half: catalog and page lost", ErrDamaged, false, false},
		{"corrupt_xref.pdf", "garbage in the xref table (repaired)", nil, false, true},
		{"bad_offsets.pdf", "xref offsets off by 5 (repaired)", nil, false, true},
		{"no_xref.pdf", "xref table deleted (repaired)", nil, false, true},
		{"no_startxref.pdf", "cut before startxref (repaired)", nil, false, true},
		{"cut_before_xref.pdf", "cut before the xref table: no trailer (repaired from the catalog)", nil, false, true},
		{"no_root.pdf", "trailer without /Root (repaired from the catalog)", nil, false, true},
		{"bad_update.pdf", "incremental update whose xref points wrong (repaired, update wins)", nil, false, true},
		{"objstm.pdf", "object streams and an xref stream (qpdf)", nil, false, true},
		{"objstm_startxref.pdf", "object streams, startxref wrong (repaired from the xref stream dictionary)", nil, false, true},
		{"objstm_noxref.pdf", "object streams, xref stream cut off (repaired, catalog in an object stream)", nil, false, true},
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
	f := &font{composite: true, pre: predefGBK, ordering: "GB1", dw: 1000, wscale: 0.001}
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
	if r := cidRune("GB1", 4838); r == 0 {
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
// loop for ever or allocate gigabytes: checkXref rejects them fast, and
// since the objects themselves are intact the repair recovers the text.
func TestReadHostile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "ucs2.pdf"))
	must(t, err)
	objstm, err := os.ReadFile(filepath.Join("testdata", "objstm.pdf"))
	must(t, err)
	x := bytes.Index(data, []byte("\nxref\n")) + 1
	selfPrev := bytes.Replace(data, []byte("trailer\n<< "), fmt.Appendf(nil, "trailer\n<< /Prev %d ", x), 1)
	variants := map[string][]byte{
		"/Prev cycle":         selfPrev,
		"huge subsection":     bytes.Replace(data, []byte("xref\n0 "), []byte("xref\n2000000000 "), 1),
		"negative subsection": bytes.Replace(data, []byte("xref\n0 "), []byte("xref\n-5 "), 1),
		"huge /W":             bytes.Replace(objstm, []byte("/W [ 1 2 1 ]"), []byte("/W [ 1 9223372036854775807 1 ]"), 1),
	}
	for name, v := range variants {
		type result struct {
			pages []Page
			err   error
		}
		done := make(chan result, 1)
		go func() {
			pages, err := Read(context.Background(), bytes.NewReader(v), int64(len(v)))
			done <- result{pages, err}
		}()
		select {
		case res := <-done:
			if res.err != nil {
				t.Errorf("%s: %v", name, res.err)
			} else if !slices.Contains(res.pages[0].Lines, tableRow) {
				t.Errorf("%s: no table row in %q", name, res.pages[0].Lines)
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

// TestSuspectToUnicode checks that a ToUnicode CMap giving one character
// for many codes is not trusted for that character, while ASCII fillers
// and ordinary mappings are.
func TestSuspectToUnicode(t *testing.T) {
	var b strings.Builder
	b.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n40 beginbfchar\n")
	for c := 1; c <= 12; c++ {
		fmt.Fprintf(&b, "<%04X> <91DD>\n", c) // 針 for twelve codes
	}
	for c := 13; c <= 39; c++ {
		fmt.Fprintf(&b, "<%04X> <0021>\n", c) // "!" fillers
	}
	b.WriteString("<0040> <5BC4>\nendbfchar\n") // 寄 once
	m := parseCMap([]byte(b.String()))
	if got := m.suspects(); len(got) != 1 || !got["針"] {
		t.Fatalf("suspects = %v, want only 針", got)
	}
	f := &font{composite: true, pre: predefIdentity, toU: m, suspect: m.suspects(), dw: 1000, wscale: 0.001}
	var s strings.Builder
	for _, g := range f.decode([]byte{0, 1, 0, 0x0D, 0, 0x40}, nil) {
		if g.text == "" {
			s.WriteString("?")
		}
		s.WriteString(g.text)
	}
	if s.String() != "?!寄" {
		t.Errorf("decode = %q, want %q", s.String(), "?!寄")
	}
}

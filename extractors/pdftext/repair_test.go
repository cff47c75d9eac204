package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// damagedVariants derives the damaged fixtures of testdata from the
// healthy ucs2.pdf (classic xref table) and objstm.pdf (object streams
// and an xref stream).
func damagedVariants(t *testing.T, ucs2, objstm []byte) map[string][]byte {
	t.Helper()
	x := bytes.Index(ucs2, []byte("\nxref\n")) + 1
	tr := bytes.Index(ucs2, []byte("trailer\n"))
	sx := bytes.LastIndex(ucs2, []byte("startxref\n"))
	reOff := regexp.MustCompile(`(\d{10}) 00000 n`)
	shifted := reOff.ReplaceAllFunc(ucs2, func(m []byte) []byte {
		n, _ := strconv.Atoi(string(m[:10]))
		return fmt.Appendf(nil, "%010d 00000 n", n+5)
	})
	ox := bytes.Index(objstm, []byte("\n9 0 obj")) + 1
	osx := bytes.LastIndex(objstm, []byte("startxref\n"))
	return map[string][]byte{
		"bad_offsets.pdf":      shifted,
		"no_xref.pdf":          slices.Concat(ucs2[:x], ucs2[tr:]),
		"no_startxref.pdf":     ucs2[:sx],
		"cut_before_xref.pdf":  ucs2[:x],
		"no_root.pdf":          bytes.Replace(ucs2, []byte("/Root 7 0 R "), nil, 1),
		"bad_update.pdf":       badUpdate(t, ucs2),
		"objstm_startxref.pdf": slices.Concat(objstm[:osx], []byte("startxref\n10\n%%EOF\n")),
		"objstm_noxref.pdf":    objstm[:ox],
	}
}

// badUpdate appends to ucs2.pdf an incremental update that adds a
// content stream (object 8) to the page (object 6), whose xref section
// gives the page the offset of object 8.
func badUpdate(t *testing.T, ucs2 []byte) []byte {
	t.Helper()
	const page = "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F0 3 0 R >>  >> /Contents [5 0 R 8 0 R]  >>"
	if !bytes.Contains(ucs2, []byte(strings.Replace(page, "[5 0 R 8 0 R]", "5 0 R", 1))) {
		t.Fatal("ucs2.pdf: page object not as expected")
	}
	prev := bytes.LastIndex(ucs2, []byte("\nxref\n")) + 1
	b := bytes.Clone(ucs2)
	content := fmt.Sprintf("BT /F0 14 Tf 60 600 Td <%X> Tj ET", utf16be("增量更新的内容"))
	o8 := len(b)
	b = fmt.Appendf(b, "8 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(content), content)
	b = fmt.Appendf(b, "6 0 obj\n%s\nendobj\n", page)
	x := len(b)
	b = fmt.Appendf(b, "xref\n0 1\n0000000000 65535 f \n6 1\n%010d 00000 n \n8 1\n%010d 00000 n \n", o8, o8)
	return fmt.Appendf(b, "trailer\n<< /Size 9 /Root 7 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", prev, x)
}

// TestGenerateDamaged writes the damaged fixtures of testdata when run
// with -gen.
func TestGenerateDamaged(t *testing.T) {
	if !*gen {
		t.Skip("run with -gen to regenerate testdata PDFs")
	}
	ucs2, err := os.ReadFile(filepath.Join("testdata", "ucs2.pdf"))
	must(t, err)
	objstm, err := os.ReadFile(filepath.Join("testdata", "objstm.pdf"))
	must(t, err)
	for name, data := range damagedVariants(t, ucs2, objstm) {
		must(t, os.WriteFile(filepath.Join("testdata", name), data, 0o644))
	}
}

// TestDamagedUpToDate checks that the damaged fixtures are what
// damagedVariants makes of the current healthy ones.
func TestDamagedUpToDate(t *testing.T) {
	ucs2, err := os.ReadFile(filepath.Join("testdata", "ucs2.pdf"))
	must(t, err)
	objstm, err := os.ReadFile(filepath.Join("testdata", "objstm.pdf"))
	must(t, err)
	for name, want := range damagedVariants(t, ucs2, objstm) {
		got, err := os.ReadFile(filepath.Join("testdata", name))
		must(t, err)
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s is stale: go test -run TestGenerate -gen", name)
		}
	}
}

// readBytes is Read on data.
func readBytes(data []byte) ([]Page, error) {
	return Read(context.Background(), bytes.NewReader(data), int64(len(data)))
}

// TestRepairUnrecoverable checks that files with nothing to recover still
// fail with ErrDamaged, saying why.
func TestRepairUnrecoverable(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 64<<10)
	for i := range noise {
		noise[i] = byte(rnd.Uint32())
	}
	tests := []struct {
		name string
		data []byte
		why  string
	}{
		{"random bytes after a header", slices.Concat([]byte("%PDF-1.4\n"), noise, []byte("\n%%EOF\n")), "no objects found"},
		{"random bytes, no %%EOF", slices.Concat([]byte("%PDF-1.7\n"), noise), "no objects found"},
		{"objects but no catalog", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Font >>\nendobj\n2 0 obj\n(x)\nendobj\n"), "no catalog"},
		{"catalog without pages", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), "no /Root /Pages"},
		{"not a PDF", slices.Concat([]byte("1 0 obj\n<< /Type /Catalog >>\nendobj\n"), noise[:2000]), "no %PDF- header"},
	}
	for _, tt := range tests {
		pages, err := readBytes(tt.data)
		if !errors.Is(err, ErrDamaged) || pages != nil {
			t.Errorf("%s: err = %v, want ErrDamaged", tt.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.why) {
			t.Errorf("%s: err = %q, want it to say %q", tt.name, err, tt.why)
		}
	}
}

// TestRepairVariants checks repairs that need no fixture of their own:
// junk before the header, CR line ends, and encrypted files whose xref is
// gone (the /Encrypt and /ID entries must survive the repair).
func TestRepairVariants(t *testing.T) {
	ucs2, err := os.ReadFile(filepath.Join("testdata", "ucs2.pdf"))
	must(t, err)
	cut := ucs2[:bytes.Index(ucs2, []byte("\nxref\n"))+1]
	owner, err := os.ReadFile(filepath.Join("testdata", "owner_only.pdf"))
	must(t, err)
	enc, err := os.ReadFile(filepath.Join("testdata", "encrypted.pdf"))
	must(t, err)
	variants := map[string][]byte{
		"junk before header, no xref":  slices.Concat([]byte("Some junk\r\n\r\n"), cut),
		"CR line ends, no xref":        bytes.ReplaceAll(cut, []byte("obj\n"), []byte("obj\r")),
		"empty user password, no xref": bytes.Replace(owner, []byte("\nxref\n"), []byte("\nxxxx\n"), 1),
	}
	for name, v := range variants {
		pages, err := readBytes(v)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !slices.Contains(pages[0].Lines, tableRow) {
			t.Errorf("%s: no table row in %q", name, pages[0].Lines)
		}
	}
	noXref := bytes.Replace(enc, []byte("\nxref\n"), []byte("\nxxxx\n"), 1)
	if _, err := readBytes(noXref); !errors.Is(err, ErrEncrypted) {
		t.Errorf("user password, no xref: err = %v, want ErrEncrypted", err)
	}
}

// TestRepairLinear checks that the scan stays fast on inputs made of
// object headers and unclosed dictionaries.
func TestRepairLinear(t *testing.T) {
	for name, unit := range map[string]string{
		"headers":        "1 0 obj ",
		"open dicts":     "1 0 obj << /A << /B [ ",
		"trailers":       "trailer << /Root 1 0 R ",
		"object streams": "2 0 obj << /Type /ObjStm /N 100000 /First 900000 /Length 0 >> stream\n",
	} {
		data := slices.Concat([]byte("%PDF-1.4\n"), bytes.Repeat([]byte(unit), (8<<20)/len(unit)))
		start := time.Now()
		_, err := readBytes(data)
		if !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: err = %v, want ErrDamaged", name, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: Read took %v", name, d)
		}
	}
}

// TestConcatReader checks reads within and across the two parts.
func TestConcatReader(t *testing.T) {
	c := concatReader{a: bytes.NewReader([]byte("hello ")), n: 6, b: []byte("world")}
	for _, tt := range []struct {
		off  int64
		n    int
		want string
		err  error
	}{
		{0, 5, "hello", nil},
		{4, 4, "o wo", nil},
		{6, 5, "world", nil},
		{8, 5, "rld", io.EOF},
		{11, 1, "", io.EOF},
		{0, 11, "hello world", nil},
	} {
		p := make([]byte, tt.n)
		m, err := c.ReadAt(p, tt.off)
		if string(p[:m]) != tt.want || err != tt.err {
			t.Errorf("ReadAt(%d, %d) = %q, %v; want %q, %v", tt.off, tt.n, p[:m], err, tt.want, tt.err)
		}
	}
}

// TestDictGet checks the dictionary reader used on trailers and object
// dictionaries.
func TestDictGet(t *testing.T) {
	d := []byte("<< /Size 9 /Info << /Root 3 0 R /T (a\\)b(c)d) >> /Root 7 0 R /ID [<0A1B> (x[y)] /Type/Catalog /N 5 /Encrypt 12 0 R>>")
	for key, want := range map[string]string{
		"Size":    "9",
		"Root":    "7 0 R",
		"ID":      "[<0A1B> (x[y)]",
		"Type":    "/Catalog",
		"N":       "5",
		"Encrypt": "12 0 R",
		"Info":    "<< /Root 3 0 R /T (a\\)b(c)d) >>",
		"Prev":    "",
	} {
		if got := string(dictGet(d, key)); got != want {
			t.Errorf("dictGet(%s) = %q, want %q", key, got, want)
		}
	}
	if got := dictGet([]byte("<< /ID [(ab"), "ID"); got != nil {
		t.Errorf("truncated: dictGet = %q, want nil", got)
	}
}

// FuzzRepair checks the repair alone, without reading content streams:
// it must not panic or hang, and succeeds only with pages. Seeds are the
// damaged fixtures.
func FuzzRepair(f *testing.F) {
	for _, name := range []string{"corrupt_xref.pdf", "truncated.pdf", "bad_offsets.pdf", "no_xref.pdf", "no_startxref.pdf", "cut_before_xref.pdf", "no_root.pdf", "bad_update.pdf", "objstm_startxref.pdf", "objstm_noxref.pdf"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		infos, err := repair(context.Background(), bytes.NewReader(data), int64(len(data)), ErrDamaged)
		if (err == nil) != (len(infos) > 0) {
			t.Fatalf("%d pages with error %v", len(infos), err)
		}
	})
}

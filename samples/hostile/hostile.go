// Package hostile writes bundles that attack ruku: each adds one hostile
// file to a good bundle, or is itself a hostile zip. The suite in
// hostile_test.go verifies every bundle through the real pipeline and
// checks that the dossier names the bad file and that no temporary file is
// left behind; cmd/hostile-gen writes them to a folder for measuring with
// /usr/bin/time -v bin/ruku verify.
//
// The classes are the ones a hostile applicant tried on ruku (issue 9):
// zips whose entries share data, PDF page trees with cycles, PDFs of
// 20,000 pages, PDFs that make poppler print without end, pages too large
// to render, images whose header declares gigapixels, operating-system
// metadata beside real documents, PDFs cut in half and names with
// bidirectional overrides; and the ones that already held: zip bombs, path
// traversal, XML entity expansion, encrypted PDFs and script injection.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// File is one file of a bundle.
type File struct {
	Name   string
	Data   []byte
	Stored bool // zipped without compression (default: Deflate)
}

// Case is one hostile bundle.
type Case struct {
	// Name is the bundle's name; its zip is Name+".zip".
	Name string
	// Class says what is hostile in it.
	Class string
	// Bad is the path of the hostile file as the dossier shows it.
	Bad string
	// Want is what the dossier says of Bad: part of its error or of one of
	// its warnings, or of its reason in the ignored list.
	Want string
	// Zip is the bundle.
	Zip []byte
}

// MinimalBase is a good bundle of one text PDF, for fast tests.
func MinimalBase() []File {
	return []File{{Name: "letter.pdf", Data: textPDF(2)}}
}

// ReadBase reads a good bundle from zip bytes, to add hostile files to.
func ReadBase(data []byte) ([]File, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("read base bundle: %w", err)
	}
	var out []File
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("read base bundle: %s: %w", f.Name, err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, 64<<20))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("read base bundle: %s: %w", f.Name, err)
		}
		out = append(out, File{Name: f.Name, Data: b, Stored: f.Method == zip.Store})
	}
	return out, nil
}

// Cases returns every hostile bundle, built on base (a good bundle's
// files), in a fixed order.
func Cases(base []File) ([]Case, error) {
	var out []Case
	add := func(name, class, bad, want string, files ...File) error {
		z, err := writeZip(append(append([]File(nil), base...), files...))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, Case{Name: name, Class: class, Bad: bad, Want: want, Zip: z})
		return nil
	}
	steps := []func() error{
		func() error {
			z, err := overlapZip(base, 200)
			if err != nil {
				return fmt.Errorf("zip-overlap: %w", err)
			}
			out = append(out, Case{Name: "zip-overlap", Class: "200 central-directory entries share one local entry",
				Bad: "shared-002.pdf", Want: "shares its data", Zip: z})
			return nil
		},
		func() error {
			return add("pdf-page-cycle", "PDF whose page tree points back at itself", "cycle.pdf", "page tree has 2 cycles",
				File{Name: "cycle.pdf", Data: cyclicPDF()})
		},
		func() error {
			return add("pdf-20000-blank", "PDF with 20,000 blank pages", "blank.pdf", "over resource budget",
				File{Name: "blank.pdf", Data: blankPagesPDF(20000, "[0 0 595 842]")})
		},
		func() error {
			return add("pdf-nested-arrays", "PDF with 10 M nested arrays (stored, 20 MB)", "nested.pdf", "",
				File{Name: "nested.pdf", Data: nestedArraysPDF(10_000_000), Stored: true})
		},
		func() error {
			return add("pdf-huge-mediabox", "one blank page, MediaBox 14400 pt", "huge.pdf", "rendered at 19 DPI",
				File{Name: "huge.pdf", Data: blankPagesPDF(1, "[0 0 14400 14400]")})
		},
		func() error {
			return add("png-rgba16-giga", "PNG header 30000×30000 RGBA16", "giga.png", "over resource budget",
				File{Name: "giga.png", Data: pngHeader(30000, 30000, 16, 6)})
		},
		func() error {
			j, err := giantJPEG(65500, 65500)
			if err != nil {
				return err
			}
			return add("jpeg-giga", "JPEG declaring 65500×65500", "giga.jpg", "over resource budget",
				File{Name: "giga.jpg", Data: j})
		},
		func() error {
			return add("png-grey-giga", "PNG header 30000×30000 grey", "grey.png", "over resource budget",
				File{Name: "grey.png", Data: pngHeader(30000, 30000, 8, 0)})
		},
		func() error {
			pdf := textPDF(1)
			return add("os-metadata", "real PDFs under __MACOSX/, ._x.pdf, .DS_Store, Thumbs.db, desktop.ini", "__MACOSX/real.pdf", "__MACOSX",
				File{Name: "__MACOSX/real.pdf", Data: pdf}, File{Name: "__MACOSX/._letter.pdf", Data: []byte("\x00\x05\x16\x07")},
				File{Name: "._x.pdf", Data: pdf}, File{Name: ".DS_Store", Data: []byte("\x00\x00\x00\x01Bud1")},
				File{Name: "scans/Thumbs.db", Data: []byte("\xd0\xcf\x11\xe0")}, File{Name: "desktop.ini", Data: []byte("[.ShellClassInfo]\r\n")})
		},
		func() error {
			pdf := textPDF(4)
			return add("pdf-cut-half", "PDF cut in half", "cut.pdf", "damaged PDF repaired",
				File{Name: "cut.pdf", Data: pdf[:len(pdf)/2]})
		},
		func() error {
			return add("name-bidi", "file name with a right-to-left override and a zero-width space", "invoice<U+202E>fdp<U+200B>.exe.pdf", "no readable text",
				File{Name: "invoice\u202efdp\u200b.exe.pdf", Data: blankPagesPDF(1, "[0 0 595 842]")})
		},
		func() error {
			bomb, err := zeros(200 << 20)
			if err != nil {
				return err
			}
			return add("zip-bomb", "200 MiB of zeros deflated to 200 KB", "bomb.pdf", "zip bomb",
				File{Name: "bomb.pdf", Data: bomb})
		},
		func() error {
			pdf := textPDF(1)
			return add("zip-traversal", "entries with .., absolute paths and drive letters", "../../etc/cron.d/evil.pdf", "insecure path",
				File{Name: "../../etc/cron.d/evil.pdf", Data: pdf}, File{Name: "/etc/evil.pdf", Data: pdf},
				File{Name: `C:\Windows\evil.pdf`, Data: pdf})
		},
		func() error {
			return add("xml-entities", "DOCX with a billion-laughs DOCTYPE (read, entities left unexpanded)", "laughs.docx", "",
				File{Name: "laughs.docx", Data: laughsDOCX()})
		},
		func() error {
			return add("pdf-encrypted", "PDF encrypted with an unknown password", "locked.pdf", "encrypted PDF",
				File{Name: "locked.pdf", Data: encryptedPDF()})
		},
		func() error {
			return add("script-injection", "file name and text with HTML script", "<script>alert(1)</script>.pdf", "no readable text",
				File{Name: "<script>alert(1)</script>.pdf", Data: blankPagesPDF(1, "[0 0 595 842]")})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// writeZip zips files in order with fixed timestamps.
func writeZip(files []File) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		m := zip.Deflate
		if f.Stored {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: m})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// overlapZip zips base and one PDF padded with 5 MB of compressible noise
// (700 KB deflated), then lists that entry n times in the central
// directory under the names shared-001.pdf … so that every entry points at
// the same local entry.
func overlapZip(base []File, n int) ([]byte, error) {
	rng := rand.New(rand.NewPCG(9, 9))
	pad := make([]byte, 5<<20)
	for i := range pad {
		pad[i] = "ab"[rng.IntN(2)]
	}
	pdf := textPDF(1, stream(string(pad)))
	z, err := writeZip(append(append([]File(nil), base...), File{Name: "shared-001.pdf", Data: pdf}))
	if err != nil {
		return nil, err
	}
	return repeatCentral(z, "shared-001.pdf", n)
}

// repeatCentral rewrites the central directory of zip z so that the entry
// named name appears n times, as shared-001.pdf … shared-NNN.pdf.
func repeatCentral(z []byte, name string, n int) ([]byte, error) {
	if len(z) < 22 || le32(z[len(z)-22:]) != 0x06054b50 {
		return nil, fmt.Errorf("no end of central directory")
	}
	eocd := z[len(z)-22:]
	cdSize, cdOff := int(le32(eocd[12:])), int(le32(eocd[16:]))
	count := int(le16(eocd[10:]))
	cd := z[cdOff : cdOff+cdSize]
	var records [][]byte
	var shared []byte
	for off := 0; off < len(cd); {
		if le32(cd[off:]) != 0x02014b50 {
			return nil, fmt.Errorf("bad central record at %d", off)
		}
		nl, el, cl := int(le16(cd[off+28:])), int(le16(cd[off+30:])), int(le16(cd[off+32:]))
		rec := cd[off : off+46+nl+el+cl]
		if string(rec[46:46+nl]) == name {
			shared = rec
		}
		records = append(records, rec)
		off += len(rec)
	}
	if shared == nil || len(records) != count {
		return nil, fmt.Errorf("entry %s not found", name)
	}
	nl := int(le16(shared[28:]))
	for i := 2; i <= n; i++ {
		nn := fmt.Sprintf("shared-%03d.pdf", i)
		rec := append(append(append([]byte(nil), shared[:46]...), nn...), shared[46+nl:]...)
		rec[28], rec[29] = byte(len(nn)), byte(len(nn)>>8)
		records = append(records, rec)
	}
	var out bytes.Buffer
	out.Write(z[:cdOff])
	for _, r := range records {
		out.Write(r)
	}
	size := out.Len() - cdOff
	end := append([]byte(nil), eocd...)
	put16(end[8:], len(records))
	put16(end[10:], len(records))
	put32(end[12:], size)
	put32(end[16:], cdOff)
	out.Write(end)
	return out.Bytes(), nil
}

func le16(b []byte) uint16  { return uint16(b[0]) | uint16(b[1])<<8 }
func le32(b []byte) uint32  { return uint32(le16(b)) | uint32(le16(b[2:]))<<16 }
func put16(b []byte, v int) { b[0], b[1] = byte(v), byte(v>>8) }
func put32(b []byte, v int) { put16(b, v); put16(b[2:], v>>16) }

// zeros is n zero bytes, the payload of a zip bomb.
func zeros(n int) ([]byte, error) { return make([]byte, n), nil }

// laughsDOCX is a DOCX whose document declares nested entities that would
// expand to a billion "lol"s.
func laughsDOCX() []byte {
	var dtd strings.Builder
	dtd.WriteString(`<!DOCTYPE lolz [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		cur := fmt.Sprintf("lol%d", i)
		fmt.Fprintf(&dtd, `<!ENTITY %s "%s">`, cur, strings.Repeat("&"+prev+";", 10))
		prev = cur
	}
	dtd.WriteString("]>")
	doc := `<?xml version="1.0" encoding="UTF-8"?>` + dtd.String() +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`
	z, _ := writeZip([]File{
		{Name: "[Content_Types].xml", Data: []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`)},
		{Name: "word/document.xml", Data: []byte(doc)},
	})
	return z
}

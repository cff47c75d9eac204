// Package docx reads the text of a Word (DOCX) document as lines: one line
// per paragraph or heading, one per table row, in document order.
package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Errors returned by Read. Test them with errors.Is.
var (
	// ErrUnsupported means the input is not a DOCX document: an old binary
	// .doc file, a workbook, or some other format.
	ErrUnsupported = errors.New("unsupported document")
	// ErrEncrypted means the document is password-protected. It is also
	// ErrUnsupported.
	ErrEncrypted = errors.New("encrypted document: remove the password and resubmit")
	// ErrTooLarge means the file exceeds one of the Limits.
	ErrTooLarge = errors.New("document too large")
)

// Limits bounds the work and memory Read spends on one file.
type Limits struct {
	MaxBytes    int64 // compressed input size
	MaxUnzipped int64 // uncompressed size of the main document part
	MaxLines    int   // lines returned
	MaxDepth    int   // nesting of paragraphs and tables (text boxes, nested tables)
}

// DefaultLimits returns the limits Read uses.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:    64 << 20,
		MaxUnzipped: 128 << 20,
		MaxLines:    200_000,
		MaxDepth:    64,
	}
}

// WordprocessingML namespaces: transitional and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

var (
	magicZip  = []byte("PK\x03\x04")
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read returns the text of the DOCX document in r (size bytes) with
// DefaultLimits, as NFKC-normalised lines with runs of white space collapsed
// and empty lines dropped. A paragraph joins its runs (w:tab becomes a
// space, w:br starts a new line); a table row becomes one line, its
// non-empty cells separated by a single space. Headers, footers, footnotes,
// comments and deleted text are left out.
func Read(ctx context.Context, r io.ReaderAt, size int64) ([]string, error) {
	return ReadLimits(ctx, r, size, DefaultLimits())
}

// ReadLimits is Read with explicit limits.
func ReadLimits(ctx context.Context, r io.ReaderAt, size int64, lim Limits) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read docx: %w", err)
	}
	if size < 0 {
		return nil, fmt.Errorf("read docx: negative size %d", size)
	}
	if size > lim.MaxBytes {
		return nil, fmt.Errorf("read docx: %w: %d bytes (limit %d)", ErrTooLarge, size, lim.MaxBytes)
	}
	if err := sniff(r, size); err != nil {
		return nil, fmt.Errorf("read docx: %w", err)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("read docx: %w: damaged zip package: %w", ErrUnsupported, err)
	}
	part, err := mainPart(zr)
	if err != nil {
		return nil, fmt.Errorf("read docx: %w", err)
	}
	rc, err := part.Open()
	if err != nil {
		return nil, fmt.Errorf("read docx: open %s: %w", part.Name, err)
	}
	defer rc.Close()
	lr := &limitedReader{r: rc, n: lim.MaxUnzipped}
	lines, err := parse(ctx, lr, lim)
	if lr.exceeded {
		return nil, fmt.Errorf("read docx: %w: %s over %d bytes uncompressed", ErrTooLarge, part.Name, lim.MaxUnzipped)
	}
	if err != nil {
		return nil, fmt.Errorf("read docx: %s: %w", part.Name, err)
	}
	return lines, nil
}

// sniff rejects input that is not a zip package, naming what it is when it
// can tell.
func sniff(r io.ReaderAt, size int64) error {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case size == 0 || n == 0:
		return fmt.Errorf("%w: empty file", ErrUnsupported)
	case bytes.HasPrefix(head, magicOLE2):
		if encrypted(r, size) {
			return fmt.Errorf("%w: %w", ErrUnsupported, ErrEncrypted)
		}
		return fmt.Errorf("%w: old .doc format: convert to DOCX or PDF", ErrUnsupported)
	case bytes.HasPrefix(head, magicZip):
		return nil
	default:
		return fmt.Errorf("%w: not a DOCX document", ErrUnsupported)
	}
}

// encrypted reports whether an OLE2 compound file holds an encrypted OOXML
// package: its directory names the EncryptedPackage stream (UTF-16LE).
func encrypted(r io.ReaderAt, size int64) bool {
	const maxScan = 8 << 20
	b, _ := io.ReadAll(io.NewSectionReader(r, 0, min(size, maxScan)))
	name := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
	return bytes.Contains(b, name)
}

// mainPart finds the main document part: the target of the package's
// officeDocument relationship, or word/document.xml.
func mainPart(zr *zip.Reader) (*zip.File, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	target := "word/document.xml"
	if rels, ok := files["_rels/.rels"]; ok {
		if t := officeDocument(rels); t != "" {
			target = strings.ToLower(strings.TrimPrefix(path.Clean("/"+t), "/"))
		}
	}
	if f, ok := files[target]; ok {
		return f, nil
	}
	if f, ok := files["word/document.xml"]; ok {
		return f, nil
	}
	for name := range files {
		if strings.HasPrefix(name, "xl/") {
			return nil, fmt.Errorf("%w: a workbook (XLSX), not a DOCX document", ErrUnsupported)
		}
	}
	return nil, fmt.Errorf("%w: a zip file without a Word document part", ErrUnsupported)
}

// officeDocument returns the target of the officeDocument relationship in
// a package relationships part, or "".
func officeDocument(f *zip.File) string {
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&rels) != nil {
		return ""
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return r.Target
		}
	}
	return ""
}

// limitedReader reads at most n bytes and records whether there was more.
type limitedReader struct {
	r        io.Reader
	n        int64
	exceeded bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			l.exceeded = true
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// textParser turns the WordprocessingML token stream into lines.
type textParser struct {
	lim   Limits
	lines []string
	// paras is the stack of open paragraphs (a text box opens one inside
	// another); the text of the innermost one grows.
	paras []*strings.Builder
	// tables is the stack of open tables; each holds its open row's cells.
	tables []*tableState
	inText bool // inside w:t
	props  int  // depth inside paragraph properties, where w:tab is a tab stop
	skip   int  // depth inside an element whose text is left out
}

type tableState struct {
	cells []string
	cell  *strings.Builder // open cell, nil between cells
}

// parse reads document XML from r.
func parse(ctx context.Context, r io.Reader, lim Limits) ([]string, error) {
	p := &textParser{lim: lim}
	dec := xml.NewDecoder(r)
	dec.Strict = false
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("malformed XML: %w", err)
		}
		if err := p.token(tok); err != nil {
			return nil, err
		}
	}
	if len(p.lines) == 0 && len(p.paras) == 0 {
		return nil, nil
	}
	p.flushAll()
	return p.lines, nil
}

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// skipped lists the elements whose text is not part of the reading text:
// deleted runs, field codes, and the fallback copy of alternate content.
func skipped(n xml.Name) bool {
	if n.Space == nsMC && n.Local == "Fallback" {
		return true
	}
	if !isW(n) {
		return false
	}
	switch n.Local {
	case "del", "delText", "delInstrText", "instrText", "moveFrom":
		return true
	}
	return false
}

func (p *textParser) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		if p.skip > 0 || skipped(t.Name) {
			p.skip++
			return nil
		}
		if !isW(t.Name) {
			return nil
		}
		switch t.Name.Local {
		case "p":
			if len(p.paras)+len(p.tables) >= p.lim.MaxDepth {
				return fmt.Errorf("%w: nesting deeper than %d", ErrTooLarge, p.lim.MaxDepth)
			}
			p.paras = append(p.paras, &strings.Builder{})
		case "t":
			p.inText = true
		case "pPr":
			p.props++
		case "tab", "ptab":
			if p.props == 0 {
				p.write(" ")
			}
		case "br", "cr":
			if len(p.paras) > 0 && p.props == 0 {
				p.lineBreak()
			}
		case "noBreakHyphen":
			p.write("-")
		case "tbl":
			if len(p.paras)+len(p.tables) >= p.lim.MaxDepth {
				return fmt.Errorf("%w: nesting deeper than %d", ErrTooLarge, p.lim.MaxDepth)
			}
			p.tables = append(p.tables, &tableState{})
		case "tr":
			if tb := p.table(); tb != nil {
				tb.cells, tb.cell = nil, nil
			}
		case "tc":
			if tb := p.table(); tb != nil {
				tb.cell = &strings.Builder{}
			}
		}
	case xml.EndElement:
		if p.skip > 0 {
			p.skip--
			return nil
		}
		if !isW(t.Name) {
			return nil
		}
		switch t.Name.Local {
		case "p":
			if n := len(p.paras); n > 0 {
				text := p.paras[n-1].String()
				p.paras = p.paras[:n-1]
				return p.emit(text)
			}
		case "t":
			p.inText = false
		case "pPr":
			p.props = max(0, p.props-1)
		case "tc":
			if tb := p.table(); tb != nil && tb.cell != nil {
				tb.cells = append(tb.cells, tb.cell.String())
				tb.cell = nil
			}
		case "tr":
			if tb := p.table(); tb != nil {
				row := tb.cells
				tb.cells = nil
				return p.emitRow(row)
			}
		case "tbl":
			if n := len(p.tables); n > 0 {
				p.tables = p.tables[:n-1]
			}
		}
	case xml.CharData:
		if p.inText && p.skip == 0 {
			p.write(string(t))
		}
	}
	return nil
}

func (p *textParser) table() *tableState {
	if n := len(p.tables); n > 0 {
		return p.tables[n-1]
	}
	return nil
}

// write appends text to the innermost open paragraph.
func (p *textParser) write(s string) {
	if n := len(p.paras); n > 0 {
		p.paras[n-1].WriteString(s)
	}
}

// lineBreak ends the current visual line of the innermost paragraph: in a
// table cell it becomes a space, elsewhere a new line.
func (p *textParser) lineBreak() {
	n := len(p.paras)
	if tb := p.table(); tb != nil && tb.cell != nil {
		p.paras[n-1].WriteString(" ")
		return
	}
	text := p.paras[n-1].String()
	p.paras[n-1].Reset()
	_ = p.addLine(text) // past MaxLines the closing paragraph reports it
}

// emit adds the text of a finished paragraph as a line. Inside a table
// cell, paragraphs join the cell's text instead. A text box paragraph
// (inside another paragraph) becomes a line before the enclosing one.
func (p *textParser) emit(text string) error {
	if tb := p.table(); tb != nil && tb.cell != nil {
		if clean(text) != "" {
			if tb.cell.Len() > 0 {
				tb.cell.WriteString(" ")
			}
			tb.cell.WriteString(text)
		}
		return nil
	}
	return p.addLine(text)
}

// emitRow adds a table row as one line, or to the enclosing cell for a
// nested table.
func (p *textParser) emitRow(cells []string) error {
	var parts []string
	for _, c := range cells {
		if c = clean(c); c != "" {
			parts = append(parts, c)
		}
	}
	line := strings.Join(parts, " ")
	if n := len(p.tables); n > 1 {
		if outer := p.tables[n-2]; outer.cell != nil {
			if line != "" {
				if outer.cell.Len() > 0 {
					outer.cell.WriteString(" ")
				}
				outer.cell.WriteString(line)
			}
			return nil
		}
	}
	return p.addLine(line)
}

func (p *textParser) addLine(text string) error {
	text = clean(text)
	if text == "" {
		return nil
	}
	if len(p.lines) >= p.lim.MaxLines {
		return fmt.Errorf("%w: more than %d lines", ErrTooLarge, p.lim.MaxLines)
	}
	p.lines = append(p.lines, text)
	return nil
}

// flushAll emits paragraphs left open by a truncated document.
func (p *textParser) flushAll() {
	for i := len(p.paras) - 1; i >= 0; i-- {
		_ = p.addLine(p.paras[i].String())
	}
	p.paras = nil
}

// clean normalises a line: NFKC, white space runs collapsed to one space,
// trimmed.
func clean(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

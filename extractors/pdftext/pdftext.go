// Package pdftext reads the text layer of PDF files page by page, in
// reading order, for Chinese documents from the producers seen in
// application bundles: LibreOffice, Chromium/Skia, hand-written PDFs with
// predefined CJK CMaps (UniGB-UCS2-H, UniGB-UTF16-H, GBK-EUC-H, Identity-H
// with Adobe-GB1) and TrueType fonts with Chinese names whose WinAnsi byte
// pairs are really GBK.
//
// It parses files with github.com/ledongthuc/pdf but decodes fonts and
// positions glyphs itself: glyphs are placed with the text and
// transformation matrices, grouped into lines by their vertical position
// (a run that would overlap another run of the line, such as a seal over a
// signature, gets a line of its own) and joined left to right, with a space
// where the page shows a gap. Each line keeps the box of each of its
// characters on the page image (Page.Boxes): the glyph's advance and em,
// mapped from user space through the MediaBox and /Rotate (boxes.go).
//
// Files are untrusted input: Read recovers from parser panics, rejects
// cross-reference chains that would make the parser loop or allocate
// without bound, and caps the work and memory spent on each page.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"

	"ruku/extractors"
)

// Page is the text of one PDF page.
type Page struct {
	Number int      // 1-based
	Lines  []string // reading order, NFKC-normalised (full-width digits/punct -> ASCII), runs on one visual line joined with a single space where there is a visible gap, no space between adjacent glyphs
	Chars  int      // non-space characters
	Bad    int      // U+FFFD, private-use and control characters among them
	Images int      // number of image XObjects drawn (a scan has >=1 and ~no text)
	Width  float64  // MediaBox width × UserUnit, in points; 0 when unknown
	Height float64  // MediaBox height × UserUnit, in points; 0 when unknown
	// Boxes runs parallel to Lines: the boxes of each line's characters
	// on the page image, as extractors.Page.Boxes describes them (one per
	// rune, or one for the whole line). Nil when the page has no usable
	// MediaBox.
	Boxes [][]extractors.Box
}

// Errors returned by Read, to be tested with errors.Is.
var (
	// ErrEncrypted means the file is encrypted and cannot be opened without
	// a password (or with an encryption scheme that is not supported).
	// Files encrypted with an empty user password are read normally.
	ErrEncrypted = errors.New("pdftext: encrypted PDF")
	// ErrDamaged means the file could not be parsed as a PDF: it is cut
	// off, corrupt, or not a PDF at all.
	ErrDamaged = errors.New("pdftext: damaged PDF")
)

// Limits on the document as a whole.
const (
	maxPages     = 20000
	maxTreeNodes = 200000
	maxTreeDepth = 64
)

// Read extracts the text of every page of the PDF in r (size bytes).
//
// Errors wrap ErrEncrypted, ErrDamaged or the context's error. A page whose
// content stream breaks off keeps the text read before the break; Read
// fails with ErrDamaged only when the file cannot be opened or no page
// could be read at all. When the cross-reference data is damaged (bad
// offsets, no xref, file cut off, no /Root), Read rebuilds it by scanning
// the file for objects, as pdftotext does (repair.go). Read never panics.
// ReadReport also says what was damaged.
func Read(ctx context.Context, r io.ReaderAt, size int64) ([]Page, error) {
	rep, err := ReadReport(ctx, r, size)
	return rep.Pages, err
}

// Report is what ReadReport read of a PDF and what it found damaged.
type Report struct {
	Pages []Page
	// Total is the number of pages in the page tree; more than len(Pages)
	// when ReadPages was told to stop early.
	Total int
	// Warnings say, in English, what was damaged or repaired and what was
	// lost: cross-reference data rebuilt, a page tree with cycles or fewer
	// pages than it declares, pages whose content breaks off. Empty for a
	// sound file.
	Warnings []string
}

// ReadReport reads the PDF as Read does and reports what was damaged.
func ReadReport(ctx context.Context, r io.ReaderAt, size int64) (rep Report, err error) {
	return ReadPages(ctx, r, size, 0)
}

// ReadPages reads the PDF as ReadReport does, interpreting the content of
// the first maxPages pages only (0: all); Report.Total still counts every
// page of the tree.
func ReadPages(ctx context.Context, r io.ReaderAt, size int64, maxPages int) (rep Report, err error) {
	defer func() {
		if x := recover(); x != nil {
			rep, err = Report{}, fmt.Errorf("read PDF: %w: %v", ErrDamaged, x)
		}
	}()
	if err := ctx.Err(); err != nil {
		return Report{}, fmt.Errorf("read PDF: %w", err)
	}
	infos, err := openPages(r, size)
	if needsRepair(err) {
		// Damaged cross-reference data: rebuild it by scanning the file.
		cause := err
		infos, err = repair(ctx, r, size, err)
		if err == nil {
			rep.Warnings = append(rep.Warnings, "damaged PDF repaired: "+cause.Error()+"; cross-reference data rebuilt by scanning the file")
		}
	}
	if err != nil {
		return Report{}, err
	}
	rep.Warnings = append(rep.Warnings, infos[0].tree.warnings(len(infos))...)
	rep.Total = len(infos)
	if maxPages > 0 && len(infos) > maxPages {
		infos = infos[:maxPages]
	}
	in := &interp{fonts: map[string]*font{}}
	boxed := 0 // characters given a box each so far
	var firstErr error
	var broken []int
	pages := make([]Page, 0, len(infos))
	for i, pi := range infos {
		if err := ctx.Err(); err != nil {
			return Report{}, fmt.Errorf("read PDF page %d: %w", i+1, err)
		}
		if in.docOps > maxOpsPerDoc {
			return Report{}, fmt.Errorf("read PDF page %d: %w: content exceeds %d operators", i+1, ErrDamaged, maxOpsPerDoc)
		}
		p, perr := in.page(pi)
		if boxed > maxBoxedRunes {
			lineBoxesOnly(p.Boxes)
		}
		for _, b := range p.Boxes {
			boxed += len(b)
		}
		p.Number = i + 1
		p.Width, p.Height = pi.size[0], pi.size[1]
		if perr != nil {
			broken = append(broken, i+1)
			if firstErr == nil {
				firstErr = fmt.Errorf("read PDF page %d: %w: %v", i+1, ErrDamaged, perr)
			}
		}
		pages = append(pages, p)
	}
	if len(broken) > 0 && len(broken) == len(pages) {
		text := 0
		for _, p := range pages {
			text += p.Chars + p.Images
		}
		if text == 0 {
			return Report{}, firstErr
		}
	}
	if len(broken) > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("content of %d of %d pages breaks off (pages %s): text after the break is lost; first: %v",
			len(broken), len(pages), pageList(broken), firstErr))
	}
	rep.Pages = pages
	return rep, nil
}

// warnings describes what the walk of the page tree found, for a tree that
// gave n pages.
func (t *treeNotes) warnings(n int) []string {
	if t == nil {
		return nil
	}
	var out []string
	objs := make([]string, len(t.objects))
	for i, k := range t.objects {
		objs[i] = fmt.Sprintf("%d %d R", k>>16, k&0xffff)
	}
	if t.cycles > 0 {
		out = append(out, fmt.Sprintf("page tree has %d cycles (a node is its own ancestor: %s); each page read once",
			t.cycles, strings.Join(objs, ", ")))
	}
	if t.repeats > 0 {
		out = append(out, fmt.Sprintf("page tree lists %d nodes twice (%s); each page read once", t.repeats, strings.Join(objs, ", ")))
	}
	if t.truncated != "" {
		out = append(out, fmt.Sprintf("page tree %s; pages after the first %d are not read", t.truncated, n))
	}
	if t.broken > 0 {
		out = append(out, fmt.Sprintf("page tree: %d nodes unreadable (%s); their pages are lost", t.broken, clipMsg(t.brokenErr)))
	}
	if t.declared > int64(n) {
		out = append(out, fmt.Sprintf("page tree declares %d pages, %d found: %d missing", t.declared, n, t.declared-int64(n)))
	}
	return out
}

// clipMsg shortens a message for a warning.
func clipMsg(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}

// pageList formats page numbers, the first few then a count.
func pageList(pages []int) string {
	var b strings.Builder
	for i, p := range pages {
		if i == 5 {
			fmt.Fprintf(&b, " and %d more", len(pages)-i)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, p)
	}
	return b.String()
}

// openPages opens the file and lists its pages, failing with ErrDamaged
// when there are none.
func openPages(r io.ReaderAt, size int64) ([]pageInfo, error) {
	rd, err := open(r, size)
	if err != nil {
		return nil, err
	}
	infos, err := pageTree(rd)
	if err != nil {
		return nil, err
	}
	if len(infos) == 0 {
		return nil, fmt.Errorf("read page tree: %w: no pages", ErrDamaged)
	}
	return infos, nil
}

// open parses the file's cross-reference table and trailer.
func open(r io.ReaderAt, size int64) (rd *pdf.Reader, err error) {
	fixed, size, encrypted, err := fixEnds(r, size)
	if err != nil {
		return nil, err
	}
	defer func() {
		if x := recover(); x != nil {
			rd, err = nil, fmt.Errorf("open PDF: %w: %v", ErrDamaged, x)
		}
	}()
	rd, err = pdf.NewReader(fixed, size)
	if err != nil {
		msg := err.Error()
		if encrypted || errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(msg, "encrypt") {
			return nil, fmt.Errorf("open PDF: %w: %w", ErrEncrypted, err)
		}
		return nil, fmt.Errorf("open PDF: %w: %v", ErrDamaged, err)
	}
	return rd, nil
}

// fixEnds works around strict checks of pdf.NewReader that readable files
// fail: bytes before the header, a header other than "%PDF-1.x" followed by
// a line end (PDF 2.0, "%PDF-1.4 %âãÏÓ"), and data after the last %%EOF
// (the reader looks for it in the last 100 bytes only). It returns a view
// of r from the header, with a patched header, up to the last %%EOF, and
// whether its trailer names an /Encrypt dictionary.
func fixEnds(r io.ReaderAt, size int64) (_ io.ReaderAt, _ int64, encrypted bool, err error) {
	head := make([]byte, 1024)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	k := bytes.Index(head, []byte("%PDF-"))
	if k < 0 || len(head) < k+9 {
		return nil, 0, false, fmt.Errorf("open PDF: %w: no %%PDF- header", ErrDamaged)
	}
	if k > 0 {
		// Junk before the header: offsets count from the header.
		r, size = io.NewSectionReader(r, int64(k), size-int64(k)), size-int64(k)
		head = head[k:]
	}
	const tailLen = 4096
	tail := make([]byte, min(size, tailLen))
	if n, _ := r.ReadAt(tail, size-int64(len(tail))); n < len(tail) {
		tail = tail[:n]
	}
	if i := bytes.LastIndex(tail, []byte("%%EOF")); i >= 0 {
		size = size - int64(len(tail)) + int64(i) + 5
	} else {
		return nil, 0, false, fmt.Errorf("open PDF: %w: no %%%%EOF at the end (file cut off?)", ErrDamaged)
	}
	if !bytes.Contains(tail, []byte("startxref")) {
		return nil, 0, false, fmt.Errorf("open PDF: %w: no startxref (file cut off?)", ErrDamaged)
	}
	encrypted, err = checkXref(r, size, tail)
	if err != nil {
		return nil, 0, false, fmt.Errorf("open PDF: %w: %v", ErrDamaged, err)
	}
	patch := []byte("%PDF-1.7\n")
	if head[5] == '1' && head[6] == '.' && head[7] >= '0' && head[7] <= '7' {
		patch[7] = head[7]
	}
	return patchedReader{r: r, patch: patch}, size, encrypted, nil
}

// patchedReader is r with its first bytes replaced by patch.
type patchedReader struct {
	r     io.ReaderAt
	patch []byte
}

func (p patchedReader) ReadAt(b []byte, off int64) (int, error) {
	n, err := p.r.ReadAt(b, off)
	for i := 0; i < n; i++ {
		if o := off + int64(i); o < int64(len(p.patch)) {
			b[i] = p.patch[o]
		} else {
			break
		}
	}
	return n, err
}

// pageInfo is a page dictionary with its inherited attributes.
type pageInfo struct {
	v      pdf.Value
	res    pdf.Value
	rotate int
	size   [2]float64 // MediaBox width and height × UserUnit, in points; 0 if unknown
	tree   *treeNotes // what the walk of the page tree found, shared by its pages
}

// treeNotes is what walking a page tree found wrong.
type treeNotes struct {
	declared  int64    // the root's /Count
	cycles    int      // kids that lead back to one of their ancestors
	repeats   int      // kids already seen elsewhere in the tree
	truncated string   // why the walk stopped early, if it did
	objects   []uint64 // keys of the first objects involved, for the message
	broken    int      // kids that could not be read (damaged or cut off)
	brokenErr string   // why the first of them could not
}

// pageTree lists the pages in order, resolving inherited Resources, Rotate
// and MediaBox. A kid that leads back to one of its ancestors (a cycle) or
// to a node already listed is skipped and noted, so that a cyclic tree
// yields each page once; depth and size are bounded too.
func pageTree(rd *pdf.Reader) (pages []pageInfo, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages, err = nil, fmt.Errorf("read page tree: %w: %v", ErrDamaged, x)
		}
	}()
	root := rd.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, fmt.Errorf("read page tree: %w: no /Root /Pages", ErrDamaged)
	}
	notes := &treeNotes{declared: root.Key("Count").Int64()}
	nodes := 0
	seen := map[uint64]bool{}
	onPath := map[uint64]bool{}
	var walk func(n, res, box pdf.Value, rot int64, depth int, ref bool)
	walk = func(n, res, box pdf.Value, rot int64, depth int, ref bool) {
		nodes++
		switch {
		case depth > maxTreeDepth:
			notes.truncated = fmt.Sprintf("deeper than %d levels", maxTreeDepth)
			return
		case nodes > maxTreeNodes:
			notes.truncated = fmt.Sprintf("more than %d nodes", maxTreeNodes)
			return
		case len(pages) >= maxPages:
			notes.truncated = fmt.Sprintf("more than %d pages", maxPages)
			return
		}
		key, indirect := objKey(n)
		if indirect && ref { // an inline kid carries its parent's key
			switch {
			case onPath[key]:
				notes.cycles++
				notes.note(key)
				return
			case seen[key]:
				notes.repeats++
				notes.note(key)
				return
			}
			seen[key], onPath[key] = true, true
			defer delete(onPath, key)
		}
		if r := n.Key("Resources"); r.Kind() == pdf.Dict {
			res = r
		}
		if r := n.Key("Rotate"); r.Kind() == pdf.Integer {
			rot = r.Int64()
		}
		if b := n.Key("MediaBox"); b.Kind() == pdf.Array {
			box = b
		}
		kids := n.Key("Kids")
		if n.Key("Type").Name() != "Page" && kids.Kind() == pdf.Array {
			for i := 0; i < kids.Len(); i++ {
				func() {
					// A kid that cannot be parsed (a file cut off inside it)
					// costs its own pages, not the tree's.
					defer func() {
						if x := recover(); x != nil {
							notes.broken++
							if notes.brokenErr == "" {
								notes.brokenErr = fmt.Sprint(x)
							}
						}
					}()
					walk(kids.Index(i), res, box, rot, depth+1, isRef(kids, i))
				}()
			}
			return
		}
		if n.Kind() == pdf.Dict {
			pi := pageInfo{v: n, res: res, rotate: int(((rot%360)+360)%360) / 90 * 90, tree: notes}
			if r, ok := rectOf(box); ok {
				unit := 1.0
				if u := num(n.Key("UserUnit")); u > 0 && !math.IsInf(u, 0) {
					unit = u
				}
				pi.size = [2]float64{(r.x1 - r.x0) * unit, (r.y1 - r.y0) * unit}
			}
			pages = append(pages, pi)
		}
	}
	walk(root, pdf.Value{}, pdf.Value{}, 0, 0, true)
	if len(pages) == 0 && notes.broken > 0 {
		return nil, fmt.Errorf("read page tree: %w: %s", ErrDamaged, notes.brokenErr)
	}
	return pages, nil
}

// note remembers an object involved in a tree problem (the first few).
func (t *treeNotes) note(key uint64) {
	if len(t.objects) < 3 {
		t.objects = append(t.objects, key)
	}
}

// isRef reports whether element i of the array arr is an indirect
// reference rather than an inline value.
func isRef(arr pdf.Value, i int) bool {
	d := reflect.ValueOf(arr).FieldByName("data")
	if !d.IsValid() || d.Kind() != reflect.Interface || d.IsNil() {
		return false
	}
	d = d.Elem()
	if d.Kind() != reflect.Slice || i >= d.Len() {
		return false
	}
	e := d.Index(i)
	if e.Kind() == reflect.Interface && !e.IsNil() {
		e = e.Elem()
	}
	return e.Type().Name() == "objptr"
}

// objKey identifies the indirect object a value was read from: its object
// number and generation (the pdf package keeps them unexported). ok is
// false when the value carries none.
func objKey(v pdf.Value) (key uint64, ok bool) {
	f := reflect.ValueOf(v).FieldByName("ptr")
	if !f.IsValid() || f.Kind() != reflect.Struct || f.NumField() != 2 {
		return 0, false
	}
	id, gen := f.Field(0), f.Field(1)
	if !id.CanUint() || !gen.CanUint() || id.Uint() == 0 {
		return 0, false
	}
	return id.Uint()<<16 | gen.Uint(), true
}

// page reads one page. On a panic in the content it returns the text read
// so far and the error.
func (in *interp) page(pi pageInfo) (p Page, err error) {
	in.docOps += in.ops
	in.glyphs, in.images, in.ops = in.glyphs[:0], 0, 0
	func() {
		defer func() {
			if x := recover(); x != nil {
				if e, ok := x.(error); ok {
					err = e
				} else {
					err = fmt.Errorf("%v", x)
				}
			}
		}()
		gs := gstate{ctm: identity, th: 1}
		if c := pi.v.Key("Contents"); c.Kind() == pdf.Stream || c.Kind() == pdf.Array {
			in.run(c, pi.res, gs, 0)
		}
		in.annotations(pi.v)
	}()
	var fr *frame
	if box, ok := pageBox(pi.v); ok {
		in.glyphs = keepVisible(in.glyphs, box)
		fr = &frame{media: box, quarters: pi.rotate / 90}
	}
	p.Lines, p.Boxes = layoutLines(in.glyphs, pi.rotate, fr)
	p.Images = in.images
	for _, l := range p.Lines {
		for _, r := range l {
			if unicode.IsSpace(r) {
				continue
			}
			p.Chars++
			if isBad(r) {
				p.Bad++
			}
		}
	}
	if cap(in.glyphs) > 1<<16 {
		in.glyphs = nil // do not keep a huge buffer for the next page
	}
	return p, err
}

// isBad reports characters that mean the text layer is not readable:
// U+FFFD, private-use and control characters.
func isBad(r rune) bool {
	return r == unicode.ReplacementChar || unicode.Is(unicode.Co, r) || unicode.IsControl(r)
}

// NeedsOCR reports whether page p's text layer is too poor to use and the
// page should be read by OCR instead, with a short reason in English: an
// empty page, a page with images and fewer than 20 characters of text, or
// more than 10% unreadable characters.
func NeedsOCR(p Page) (bool, string) {
	switch {
	case p.Chars == 0 && p.Images > 0:
		return true, "no text layer, only images"
	case p.Chars == 0:
		return true, "no text layer"
	case p.Images > 0 && p.Chars < 20:
		return true, fmt.Sprintf("only %d characters of text over images", p.Chars)
	case p.Bad*10 > p.Chars:
		return true, fmt.Sprintf("%d%% unreadable characters", (p.Bad*100+p.Chars/2)/p.Chars)
	}
	return false, ""
}

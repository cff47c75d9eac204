package main

import (
	"bytes"
	"fmt"
	"image"
	"strings"
	"unicode/utf16"
)

// A4 page size in PDF points.
const (
	pageW = 595.0
	pageH = 842.0
)

// pdfPage is one page of a hand-written PDF: either a text content stream
// or a single full-page JPEG image.
type pdfPage struct {
	content bytes.Buffer
	jpeg    []byte
	imgW    int
	imgH    int
}

// pdfDoc is a minimal PDF writer. Text uses the non-embedded STSong-Light
// font with the predefined UniGB-UCS2-H CMap, so each character is written
// as its UTF-16BE code; there is no /ToUnicode map.
type pdfDoc struct {
	pages []*pdfPage
	id    string // 32 hex digits, fixed per document for determinism
	date  string // PDF date string D:YYYYMMDDHHmmSS
	title string
}

func newPDF(id, date, title string) *pdfDoc {
	return &pdfDoc{id: id, date: date, title: title}
}

func (d *pdfDoc) newPage() *pdfPage {
	p := &pdfPage{}
	d.pages = append(d.pages, p)
	return p
}

// imagePage adds a page holding one grayscale JPEG scaled to the page.
func (d *pdfDoc) imagePage(jpg []byte, bounds image.Rectangle) {
	d.pages = append(d.pages, &pdfPage{jpeg: jpg, imgW: bounds.Dx(), imgH: bounds.Dy()})
}

// charWidth is the advance of r in text-space units of 1/1000 em:
// STSong-Light's CIDs 1-95 (ASCII) are half width, everything else full width.
func charWidth(r rune) float64 {
	if r >= 0x20 && r < 0x7f {
		return 500
	}
	return 1000
}

// textWidth is the width of s at the given font size, in points.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += charWidth(r)
	}
	return w * size / 1000
}

func ucs2hex(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04x", u)
	}
	return b.String()
}

// text draws s with its baseline starting at (x, y).
func (p *pdfPage) text(x, y, size float64, s string) {
	if s == "" {
		return
	}
	fmt.Fprintf(&p.content, "BT /F1 %.1f Tf %.2f %.2f Td <%s> Tj ET\n", size, x, y, ucs2hex(s))
}

// bold draws s with a fill+stroke render mode, the usual fake bold.
func (p *pdfPage) bold(x, y, size float64, s string) {
	fmt.Fprintf(&p.content, "q 0.35 w 2 Tr BT /F1 %.1f Tf %.2f %.2f Td <%s> Tj ET Q\n", size, x, y, ucs2hex(s))
}

// right draws s so that it ends at xr.
func (p *pdfPage) right(xr, y, size float64, s string) {
	p.text(xr-textWidth(s, size), y, size, s)
}

// center draws s centred on xc.
func (p *pdfPage) center(xc, y, size float64, s string) {
	p.text(xc-textWidth(s, size)/2, y, size, s)
}

// line strokes a line from (x1,y1) to (x2,y2).
func (p *pdfPage) line(x1, y1, x2, y2 float64) {
	fmt.Fprintf(&p.content, "0.5 w %.2f %.2f m %.2f %.2f l S\n", x1, y1, x2, y2)
}

// wrap splits s into lines no wider than width at size.
func wrap(s string, width, size float64) []string {
	var lines []string
	var cur []rune
	w := 0.0
	for _, r := range s {
		cw := charWidth(r) * size / 1000
		if w+cw > width && len(cur) > 0 {
			lines = append(lines, string(cur))
			cur, w = nil, 0
		}
		cur = append(cur, r)
		w += cw
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// flow writes paragraphs top-down with wrapping and page breaks.
type flow struct {
	doc    *pdfDoc
	page   *pdfPage
	y      float64
	left   float64
	right  float64
	size   float64
	leader float64
}

func newFlow(d *pdfDoc, size float64) *flow {
	f := &flow{doc: d, left: 72, right: pageW - 72, size: size, leader: size * 1.65}
	f.newPage()
	return f
}

func (f *flow) newPage() {
	f.page = f.doc.newPage()
	f.y = pageH - 80
}

func (f *flow) need(h float64) {
	if f.y-h < 70 {
		f.newPage()
	}
}

// title writes a centred bold heading.
func (f *flow) title(s string, size float64) {
	f.need(size * 2)
	f.page.bold(pageW/2-textWidth(s, size)/2, f.y, size, s)
	f.y -= size * 2
}

// para writes a paragraph indented by two full-width spaces.
func (f *flow) para(s string) {
	for _, ln := range wrap("　　"+s, f.right-f.left, f.size) {
		f.need(f.leader)
		f.page.text(f.left, f.y, f.size, ln)
		f.y -= f.leader
	}
	f.y -= f.size * 0.4
}

// plain writes a line without indent (wrapped).
func (f *flow) plain(s string) {
	for _, ln := range wrap(s, f.right-f.left, f.size) {
		f.need(f.leader)
		f.page.text(f.left, f.y, f.size, ln)
		f.y -= f.leader
	}
}

// rightLine writes s flush right.
func (f *flow) rightLine(s string) {
	f.need(f.leader)
	f.page.right(f.right, f.y, f.size, s)
	f.y -= f.leader
}

func (f *flow) gap(h float64) { f.y -= h }

// bytes serialises the document with a correct xref table.
func (d *pdfDoc) bytes() []byte {
	var objs []string // object bodies, 1-based numbering
	add := func(s string) int {
		objs = append(objs, s)
		return len(objs)
	}
	catalog := add("")
	pages := add("")
	desc := add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] " +
		"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
	cid := add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor %d 0 R /DW 1000 /W [1 95 500] >>", desc))
	font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H "+
		"/Encoding /UniGB-UCS2-H /DescendantFonts [%d 0 R] >>", cid))
	info := add(fmt.Sprintf("<< /Title <feff%s> /Producer (ruku samples/gen) /CreationDate (%s) /ModDate (%s) >>",
		ucs2hex(d.title), d.date, d.date))
	var kids []string
	for _, p := range d.pages {
		if p.jpeg != nil {
			img := add(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "+
				"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", p.imgW, p.imgH, len(p.jpeg), p.jpeg))
			cs := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n", pageW, pageH)
			content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(cs), cs))
			pg := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.0f %.0f] "+
				"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", pages, pageW, pageH, img, content))
			kids = append(kids, fmt.Sprintf("%d 0 R", pg))
			continue
		}
		cs := p.content.String()
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(cs), cs))
		pg := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.0f %.0f] "+
			"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pages, pageW, pageH, font, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages)
	objs[pages-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))

	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(objs)+1, catalog, info, d.id, d.id, xref)
	return b.Bytes()
}

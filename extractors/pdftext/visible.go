package pdftext

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// maxAnnots bounds the annotations drawn on one page.
const maxAnnots = 4096

// Annotation flags (PDF 32000-1, 12.5.3) that keep an annotation off the
// screen.
const (
	annotHidden = 1 << 1
	annotNoView = 1 << 5
)

// rect is an axis-aligned rectangle x0 <= x1, y0 <= y1.
type rect struct{ x0, y0, x1, y1 float64 }

// rectOf reads a PDF rectangle array, normalising its corners.
func rectOf(v pdf.Value) (rect, bool) {
	if v.Kind() != pdf.Array || v.Len() != 4 {
		return rect{}, false
	}
	a, b, c, d := num(v.Index(0)), num(v.Index(1)), num(v.Index(2)), num(v.Index(3))
	r := rect{math.Min(a, c), math.Min(b, d), math.Max(a, c), math.Max(b, d)}
	return r, r.x1 > r.x0 && r.y1 > r.y0
}

// inherited looks key up on a page and then on its ancestors in the page
// tree, as PDF does for MediaBox, CropBox, Resources and Rotate.
func inherited(page pdf.Value, key string) pdf.Value {
	for n, depth := page, 0; n.Kind() == pdf.Dict && depth <= maxTreeDepth; n, depth = n.Key("Parent"), depth+1 {
		if v := n.Key(key); v.Kind() != pdf.Null {
			return v
		}
	}
	return pdf.Value{}
}

// pageBox is the page's MediaBox; ok is false when it has none usable.
// Like pdftotext, text is kept to the MediaBox rather than the CropBox: a
// crop hides content from the screen, not from the document.
func pageBox(page pdf.Value) (rect, bool) {
	return rectOf(inherited(page, "MediaBox"))
}

// boxMargin is how far, in points, a string may start outside the page
// box and still count as on the page.
const boxMargin = 2

// keepVisible drops the glyphs of strings that start outside box, such as
// a header placed above the page: text off the page is not part of what a
// reader sees. A string that starts on the page is kept whole, since glyph
// widths of fonts without metrics are estimates.
func keepVisible(gl []placed, box rect) []placed {
	out := gl[:0]
	for _, g := range gl {
		if g.sx < box.x0-boxMargin || g.sx > box.x1+boxMargin || g.sy < box.y0-boxMargin || g.sy > box.y1+boxMargin {
			continue
		}
		out = append(out, g)
	}
	return out
}

// annotations draws the normal appearance of the page's visible
// annotations (filled-in form fields, free text, stamps), whose text
// belongs to the page as the reader sees it.
func (in *interp) annotations(page pdf.Value) {
	annots := page.Key("Annots")
	for i := 0; i < annots.Len() && i < maxAnnots; i++ {
		a := annots.Index(i)
		if a.Kind() != pdf.Dict {
			continue
		}
		switch a.Key("Subtype").Name() {
		case "Popup", "Link":
			continue
		}
		if a.Key("F").Int64()&(annotHidden|annotNoView) != 0 {
			continue
		}
		ap := appearance(a)
		if ap.Kind() != pdf.Stream {
			if a.Key("Subtype").Name() == "Widget" {
				in.fieldValue(a)
			}
			continue
		}
		m, ok := appearanceMatrix(a, ap)
		if !ok {
			continue
		}
		in.run(ap, ap.Key("Resources"), gstate{ctm: m, th: 1}, 1)
	}
}

// appearance is an annotation's normal appearance stream: /AP /N, or the
// entry of /AP /N that its appearance state /AS selects.
func appearance(a pdf.Value) pdf.Value {
	n := a.Key("AP").Key("N")
	if n.Kind() == pdf.Dict {
		return n.Key(a.Key("AS").Name())
	}
	return n
}

// appearanceMatrix maps an appearance stream's form space onto the
// annotation's rectangle (PDF 32000-1, 12.5.5): the form's /Matrix, then
// the scaling and translation that fit the transformed /BBox to /Rect.
func appearanceMatrix(a, ap pdf.Value) (matrix, bool) {
	r, ok := rectOf(a.Key("Rect"))
	if !ok {
		return matrix{}, false
	}
	bb, ok := rectOf(ap.Key("BBox"))
	if !ok {
		return matrix{}, false
	}
	fm := identity
	if m := ap.Key("Matrix"); m.Kind() == pdf.Array && m.Len() == 6 {
		for i := range fm {
			fm[i] = num(m.Index(i))
		}
	}
	// The transformed box's bounds.
	t := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range [4][2]float64{{bb.x0, bb.y0}, {bb.x1, bb.y0}, {bb.x0, bb.y1}, {bb.x1, bb.y1}} {
		x, y := fm.apply(p[0], p[1])
		t = rect{math.Min(t.x0, x), math.Min(t.y0, y), math.Max(t.x1, x), math.Max(t.y1, y)}
	}
	if !(t.x1-t.x0 > 1e-6 && t.y1-t.y0 > 1e-6) {
		return matrix{}, false
	}
	sx, sy := (r.x1-r.x0)/(t.x1-t.x0), (r.y1-r.y0)/(t.y1-t.y0)
	fit := matrix{sx, 0, 0, sy, r.x0 - t.x0*sx, r.y0 - t.y0*sy}
	return fm.mul(fit), true
}

// fieldAttr looks key up on a form field's widget and then on its parent
// fields, where field type, value and default appearance are inherited.
func fieldAttr(a pdf.Value, key string) pdf.Value {
	for n, depth := a, 0; n.Kind() == pdf.Dict && depth <= maxTreeDepth; n, depth = n.Key("Parent"), depth+1 {
		if v := n.Key(key); v.Kind() != pdf.Null {
			return v
		}
	}
	return pdf.Value{}
}

// fieldValue places the value of a text or choice field that has no
// appearance stream (a form saved with NeedAppearances, to be drawn by the
// viewer) inside its widget rectangle, one line per line of the value,
// as a viewer would show it.
func (in *interp) fieldValue(a pdf.Value) {
	r, ok := rectOf(a.Key("Rect"))
	if !ok {
		return
	}
	var text string
	switch fieldAttr(a, "FT").Name() {
	case "Tx", "Ch":
		v := fieldAttr(a, "V")
		switch v.Kind() {
		case pdf.String:
			text = v.Text()
		case pdf.Array:
			var parts []string
			for i := 0; i < v.Len() && i < 64; i++ {
				parts = append(parts, v.Index(i).Text())
			}
			text = strings.Join(parts, "\n")
		}
	}
	if strings.TrimSpace(text) == "" {
		return
	}
	fs := daFontSize(fieldAttr(a, "DA").RawString())
	if fs <= 0 {
		fs = math.Min(12, (r.y1-r.y0)*0.6)
	}
	y := r.y1 - fs*1.2
	for _, line := range strings.FieldsFunc(text, func(c rune) bool { return c == '\r' || c == '\n' }) {
		x := r.x0 + 2
		for _, c := range line {
			if len(in.glyphs) >= maxGlyphsPerPage {
				return
			}
			w := fs / 2
			if c > 0x2E7F {
				w = fs // CJK and other full-width characters
			}
			in.glyphs = append(in.glyphs, placed{x: x, y: y, ex: x + w, ey: y, uy: fs, sx: r.x0, sy: y, text: string(c), space: unicode.IsSpace(c)})
			x += w
		}
		y -= fs * 1.2
	}
}

// daFontSize reads the font size from a default appearance string such as
// "/Helv 10 Tf 0 g"; 0 when it names none (0 Tf means auto size).
func daFontSize(da string) float64 {
	f := strings.Fields(da)
	for i := 1; i < len(f); i++ {
		if f[i] == "Tf" {
			if v, err := strconv.ParseFloat(f[i-1], 64); err == nil && v > 0 && v < 1000 {
				return v
			}
		}
	}
	return 0
}

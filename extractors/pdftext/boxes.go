package pdftext

import (
	"math"

	"ruku/extractors"
)

// frame maps user-space points of a page to its image: the MediaBox (what
// pdftoppm renders by default) turned by the page's /Rotate, scaled to
// 0..1 with the origin at the top-left corner (see extractors.Box).
type frame struct {
	media    rect
	quarters int // /Rotate in clockwise quarter turns, 0..3
}

// Glyph extents relative to one em, for glyph boxes: horizontal glyphs
// reach from descent below the baseline to ascent above it; vertical
// glyphs are centred on their origin across the column.
const (
	boxDescent = 0.2
	boxAscent  = 0.8
	boxHalfEm  = 0.5
)

// point maps the user-space point (x, y) to the page image.
func (f *frame) point(x, y float64) (float64, float64) {
	u := (x - f.media.x0) / (f.media.x1 - f.media.x0)
	v := 1 - (y-f.media.y0)/(f.media.y1-f.media.y0)
	switch f.quarters {
	case 1:
		return 1 - v, u
	case 2:
		return 1 - u, 1 - v
	case 3:
		return v, 1 - u
	}
	return u, v
}

// box is the box of glyph g on the page image: the parallelogram its
// advance and one em span, as an axis-aligned box clipped to the page;
// the zero Box when it is not finite or falls off the page.
func (f *frame) box(g placed) extractors.Box {
	ax, ay := g.ex-g.x, g.ey-g.y
	if ax == 0 && ay == 0 {
		// no advance: half an em along the writing direction, which is
		// the up (or across) vector turned clockwise
		ax, ay = boxHalfEm*g.uy, -boxHalfEm*g.ux
	}
	lo, hi := -boxDescent, boxAscent
	if g.vert {
		lo, hi = -boxHalfEm, boxHalfEm
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, t := range [2]float64{0, 1} {
		for _, s := range [2]float64{lo, hi} {
			px, py := f.point(g.x+t*ax+s*g.ux, g.y+t*ay+s*g.uy)
			x0, y0, x1, y1 = math.Min(x0, px), math.Min(y0, py), math.Max(x1, px), math.Max(y1, py)
		}
	}
	for _, v := range [4]float64{x0, y0, x1, y1} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return extractors.Box{}
		}
	}
	clamp := func(v float64) float32 { return float32(math.Min(math.Max(v, 0), 1)) }
	b := extractors.Box{X0: clamp(x0), Y0: clamp(y0), X1: clamp(x1), Y1: clamp(y1)}
	if b.X1 <= b.X0 && b.Y1 <= b.Y0 {
		return extractors.Box{} // off the page
	}
	return b
}

// maxBoxedRunes bounds the characters of one document that keep a box
// each (16 bytes a character, 32 MiB in all); lines read past it keep one
// box for the whole line.
const maxBoxedRunes = 2_000_000

// lineBoxesOnly replaces each line's character boxes by the line's box.
func lineBoxesOnly(boxes [][]extractors.Box) {
	for i, b := range boxes {
		if len(b) > 1 {
			boxes[i] = []extractors.Box{extractors.UnionBoxes(b)}
		}
	}
}

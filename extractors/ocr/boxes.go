package ocr

import (
	"math"
	"unicode/utf8"

	"ruku/extractors"
)

// placer maps rectangles in pixels of the image tesseract read (upscaled
// and deskewed by preprocess) back onto the input image, in fractions of
// its size (see extractors.Box). Scaling does not change fractions; the
// deskew rotation is undone about the image's centre.
type placer struct {
	w, h float64
	cos  float64
	sin  float64
}

// newPlacer is the placer of an image of w × h pixels turned by angle
// degrees counter-clockwise (prepared.angle).
func newPlacer(w, h int, angle float64) placer {
	s, c := math.Sincos(angle * math.Pi / 180)
	return placer{w: float64(w), h: float64(h), cos: c, sin: s}
}

// box is the box on the input image of the pixel rectangle x0..x1 ×
// y0..y1 of the deskewed one: the bounding box of its corners turned
// back; the zero Box when the image has no size.
func (p placer) box(x0, y0, x1, y1 float64) extractors.Box {
	if p.w <= 0 || p.h <= 0 {
		return extractors.Box{}
	}
	cx, cy := p.w/2, p.h/2
	bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, x := range [2]float64{x0, x1} {
		for _, y := range [2]float64{y0, y1} {
			// the inverse of the deskew turn, as rotate samples it
			dx, dy := x-cx, y-cy
			sx, sy := p.cos*dx-p.sin*dy+cx, p.sin*dx+p.cos*dy+cy
			bx0, by0, bx1, by1 = math.Min(bx0, sx), math.Min(by0, sy), math.Max(bx1, sx), math.Max(by1, sy)
		}
	}
	clamp := func(v float64) float32 { return float32(math.Min(math.Max(v, 0), 1)) }
	return extractors.Box{X0: clamp(bx0 / p.w), Y0: clamp(by0 / p.h), X1: clamp(bx1 / p.w), Y1: clamp(by1 / p.h)}
}

// place gives each word one box per rune of its text: tesseract boxes
// whole words, so the word's box is split across its characters in
// proportion to their widths (a Chinese character two units, others one).
func (p placer) place(words []word) {
	for i := range words {
		w := &words[i]
		total := 0
		for _, r := range w.text {
			total += runeUnits(r)
		}
		if total == 0 {
			continue
		}
		w.boxes = make([]extractors.Box, 0, utf8.RuneCountInString(w.text))
		x, top, bottom := float64(w.left), float64(w.top), float64(w.top+w.height)
		step := float64(w.width) / float64(total)
		for _, r := range w.text {
			next := x + step*float64(runeUnits(r))
			w.boxes = append(w.boxes, p.box(x, top, next, bottom))
			x = next
		}
	}
}

// runeUnits is the width of r in a word's box, in half ems.
func runeUnits(r rune) int {
	if isCJK(r) {
		return 2
	}
	return 1
}

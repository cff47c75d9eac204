package extractors

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Box is an axis-aligned rectangle on a page as its image shows it, in
// fractions of the image's width (X) and height (Y), origin at the top-left
// corner: a PDF page as pdftoppm renders it (its MediaBox, turned by its
// /Rotate), an image as decoded (EXIF orientation ignored, as OCR reads
// it). X0 <= X1 and Y0 <= Y1. The zero Box is no box: a space that stands
// for a gap, a character whose position is unknown.
//
// Coordinates are float32, 16 bytes a box: a page keeps one box per
// character (see Page.Boxes), and float32 resolves 1/8,000,000 of a page.
type Box struct {
	X0 float32 `json:"x0"`
	Y0 float32 `json:"y0"`
	X1 float32 `json:"x1"`
	Y1 float32 `json:"y1"`
}

// IsZero reports whether b is the zero Box, no box.
func (b Box) IsZero() bool { return b == Box{} }

// Union is the smallest Box covering b and c; the zero Box counts as
// nothing.
func (b Box) Union(c Box) Box {
	switch {
	case b.IsZero():
		return c
	case c.IsZero():
		return b
	}
	return Box{min(b.X0, c.X0), min(b.Y0, c.Y0), max(b.X1, c.X1), max(b.Y1, c.Y1)}
}

// Rounded is b with its coordinates rounded to 4 decimals (1/10,000 of the
// page), the precision dossiers carry, so that their JSON stays the same
// from run to run and platform to platform.
func (b Box) Rounded() Box {
	r := func(v float32) float32 { return float32(math.Round(float64(v)*1e4) / 1e4) }
	return Box{r(b.X0), r(b.Y0), r(b.X1), r(b.Y1)}
}

// UnionBoxes is the union of boxes, the zero Box when there are none.
func UnionBoxes(boxes []Box) Box {
	var u Box
	for _, b := range boxes {
		u = u.Union(b)
	}
	return u
}

// LineBoxes returns the boxes of line (Page.Boxes[i]) one per rune of
// text (Page.Lines[i]): the boxes themselves when they are that, the whole
// line's box repeated when the line has a single box, nil when it has
// none.
func LineBoxes(text string, boxes []Box) []Box {
	n := utf8.RuneCountInString(text)
	switch {
	case len(boxes) == n:
		return boxes
	case len(boxes) == 1:
		out := make([]Box, n)
		for i := range out {
			out[i] = boxes[0]
		}
		return out
	}
	return nil
}

// NormalizeBoxes normalises s as the readers do — NFKC, then fold applied
// to every character (nil: none), then every run of white space made one
// space and the ends trimmed — and carries boxes, one per rune of s, along:
// it returns the normalised text and one box per rune of it. A character
// that NFKC decomposes into several (① to 1, ㈱ to (株)) gives each of them
// the box of what it came from; characters that NFKC composes into one
// give it the union of theirs; the space a run of white space becomes has
// the union of the run's boxes. When boxes does not have one box per rune
// of s, the boxes returned are nil.
func NormalizeBoxes(s string, boxes []Box, fold func(rune) rune) (string, []Box) {
	track := len(boxes) == utf8.RuneCountInString(s)
	var b strings.Builder
	b.Grow(len(s))
	var out []Box
	if track {
		out = make([]Box, 0, len(boxes))
	}
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	ri := 0 // rune index in s of the iterator's position
	pendingSpace := false
	var spaceBox Box
	emit := func(out []Box, rs []rune, from Box) []Box {
		for _, r := range rs {
			if fold != nil {
				r = fold(r)
			}
			if unicode.IsSpace(r) {
				if b.Len() > 0 {
					pendingSpace = true
					spaceBox = spaceBox.Union(from)
				}
				continue
			}
			if pendingSpace {
				b.WriteByte(' ')
				if track {
					out = append(out, spaceBox)
				}
				pendingSpace, spaceBox = false, Box{}
			}
			b.WriteRune(r)
			if track {
				out = append(out, from)
			}
		}
		return out
	}
	// The iterator may hand out the start of a long decomposition (㈱ to
	// "(株)") before it moves past the input it comes from: such output is
	// held until the input is consumed, and gets its box.
	var held []rune
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		end := it.Pos()
		held = append(held, []rune(string(seg))...)
		if end == start {
			continue
		}
		n := utf8.RuneCountInString(s[start:end])
		var from Box
		if track {
			from = UnionBoxes(boxes[ri : ri+n])
		}
		ri += n
		out = emit(out, held, from)
		held = held[:0]
	}
	out = emit(out, held, Box{})
	return b.String(), out
}

// Rects is a list of boxes held as an immutable value, so that a struct
// carrying it (Evidence) stays comparable and usable as a map key. Its
// zero value is the empty list. In JSON it is an array of boxes.
type Rects struct {
	enc string // 16 bytes a box: X0, Y0, X1, Y1 as little-endian float32
}

// MakeRects holds boxes as Rects.
func MakeRects(boxes []Box) Rects {
	b := make([]byte, 0, 16*len(boxes))
	for _, x := range boxes {
		for _, v := range [4]float32{x.X0, x.Y0, x.X1, x.Y1} {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
		}
	}
	return Rects{enc: string(b)}
}

// Len is the number of boxes.
func (r Rects) Len() int { return len(r.enc) / 16 }

// IsZero reports whether r holds no box.
func (r Rects) IsZero() bool { return r.enc == "" }

// Boxes returns the boxes, a new slice.
func (r Rects) Boxes() []Box {
	if r.enc == "" {
		return nil
	}
	out := make([]Box, r.Len())
	f := func(i int) float32 {
		return math.Float32frombits(binary.LittleEndian.Uint32([]byte(r.enc[4*i : 4*i+4])))
	}
	for k := range out {
		out[k] = Box{f(4 * k), f(4*k + 1), f(4*k + 2), f(4*k + 3)}
	}
	return out
}

// MarshalJSON writes the boxes as a JSON array.
func (r Rects) MarshalJSON() ([]byte, error) {
	b := r.Boxes()
	if b == nil {
		b = []Box{}
	}
	return json.Marshal(b)
}

// UnmarshalJSON reads a JSON array of boxes.
func (r *Rects) UnmarshalJSON(data []byte) error {
	var b []Box
	if err := json.Unmarshal(data, &b); err != nil {
		return fmt.Errorf("read boxes: %w", err)
	}
	*r = MakeRects(b)
	return nil
}

// String lists the boxes, for messages and debugging.
func (r Rects) String() string { return fmt.Sprint(r.Boxes()) }

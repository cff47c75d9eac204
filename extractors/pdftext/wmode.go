package pdftext

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// writingMode sets vertical writing for a composite font whose encoding is
// a vertical CMap (a predefined name ending in -V, or an embedded CMap with
// /WMode 1), with the vertical advance of its descendant's /DW2 (default
// [880 -1000]).
func (f *font) writingMode(enc, desc pdf.Value) {
	switch enc.Kind() {
	case pdf.Name:
		f.vertical = strings.HasSuffix(enc.Name(), "-V")
	case pdf.Stream:
		f.vertical = enc.Key("WMode").Int64() == 1
		if u := enc.Key("UseCMap"); !f.vertical && u.Kind() == pdf.Name {
			f.vertical = strings.HasSuffix(u.Name(), "-V")
		}
	}
	f.vAdvance = -1
	if !f.vertical {
		return
	}
	if dw2 := desc.Key("DW2"); dw2.Kind() == pdf.Array && dw2.Len() == 2 {
		if w1 := num(dw2.Index(1)) / 1000; w1 < 0 && w1 >= -10 {
			f.vAdvance = w1
		}
	}
	f.readW2(desc.Key("W2"))
}

// readW2 reads a /W2 array: "c [w1 vx vy ...]" lists a vertical advance
// and position vector per CID from c on, "c1 c2 w1 vx vy" one for the
// range. Only the advances are kept.
func (f *font) readW2(w pdf.Value) {
	if w.Kind() != pdf.Array {
		return
	}
	f.cidW2 = map[int]float64{}
	set := func(cid int, w1 float64) {
		if w1 = w1 / 1000; w1 < 0 && w1 >= -10 && len(f.cidW2) < maxWidthEntries {
			f.cidW2[cid] = w1
		}
	}
	for i := 0; i < w.Len() && len(f.cidW2) < maxWidthEntries; {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j+2 < next.Len() && len(f.cidW2) < maxWidthEntries; j += 3 {
				set(c+j/3, num(next.Index(j)))
			}
			i += 2
			continue
		}
		hi := int(next.Int64())
		w1 := num(w.Index(i + 2))
		for c2 := c; c2 <= hi && c2-c < maxWidthEntries && len(f.cidW2) < maxWidthEntries; c2++ {
			set(c2, w1)
		}
		i += 5
	}
}

// verticalAdvance is the vertical advance of a CID in text space units.
func (f *font) verticalAdvance(cid int) float64 {
	if w1, ok := f.cidW2[cid]; ok && cid >= 0 {
		return w1
	}
	return f.vAdvance
}

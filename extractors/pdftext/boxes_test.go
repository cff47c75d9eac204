package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// near reports whether got is within tol of want.
func near(got float32, want, tol float64) bool { return math.Abs(float64(got)-want) <= tol }

// checkAligned fails unless every line has one box per rune.
func checkAligned(t *testing.T, p Page) {
	t.Helper()
	if len(p.Boxes) != len(p.Lines) {
		t.Fatalf("%d lines, %d box lists", len(p.Lines), len(p.Boxes))
	}
	for i, l := range p.Lines {
		if n := utf8.RuneCountInString(l); len(p.Boxes[i]) != n {
			t.Errorf("line %q: %d runes, %d boxes", l, n, len(p.Boxes[i]))
		}
	}
}

func TestGlyphBoxes(t *testing.T) {
	w := &pdfWriter{}
	f := w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" +
		"278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 " +
		"1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 " +
		"333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584] >>")
	content := "BT /F0 10 Tf 100 700 Td (Hello World) Tj ET\nBT /F0 20 Tf 300 100 Td (Big) Tj ET"
	data := onePage(w, []string{content, content}, map[string]int{"F0": f}, "", []string{"", "/Rotate 90"})
	pages, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	if len(p.Lines) != 2 || p.Lines[0] != "Hello World" || p.Lines[1] != "Big" {
		t.Fatalf("lines %q", p.Lines)
	}
	checkAligned(t, p)
	const W, H = 595.0, 842.0
	h := p.Boxes[0]
	// H starts at x 100; the line's baseline is at 700, so the box reaches
	// from 2 pt below it to 8 pt above (descent 0.2 em, ascent 0.8 em).
	if b := h[0]; !near(b.X0, 100/W, 1e-4) || !near(b.X1, (100+7.22)/W, 1e-4) || !near(b.Y0, 1-708/H, 1e-4) || !near(b.Y1, 1-698/H, 1e-4) {
		t.Errorf("H box %+v", b)
	}
	if !h[5].IsZero() {
		t.Errorf("the space between words has box %+v; a gap has none", h[5])
	}
	for k := 1; k < len(h); k++ {
		if !h[k].IsZero() && !h[k-1].IsZero() && h[k].X0 < h[k-1].X1-1e-6 {
			t.Errorf("box %d %+v before box %d %+v", k, h[k], k-1, h[k-1])
		}
	}
	// Hello World is 5.167 em wide in Helvetica.
	if d := h[len(h)-1]; !near(d.X1, (100+10*5.167)/W, 1e-4) {
		t.Errorf("d box %+v ends at %.1f pt", d, float64(d.X1)*W)
	}

	// The same content on a page turned a quarter clockwise: a point u
	// across and v down the unturned page is 1 - v across and u down.
	r := pages[1]
	checkAligned(t, r)
	if r.Lines[0] != "Hello World" {
		t.Fatalf("rotated lines %q", r.Lines)
	}
	if b := r.Boxes[0][0]; !near(b.Y0, 100/W, 1e-4) || !near(b.X0, 698/H, 1e-4) || !near(b.X1, 708/H, 1e-4) {
		t.Errorf("rotated H box %+v", b)
	}
}

// TestBoxesAligned reads every test document: each line of a page with a
// MediaBox has one box per rune, within the page, and lines of full-width
// text (NFKC folds ２０２５ to 2025) keep a box per character.
func TestBoxesAligned(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.pdf")
	if len(files) < 10 {
		t.Fatalf("%d test documents", len(files))
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		pages, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)))
		if err != nil {
			continue // the damaged and encrypted ones
		}
		for _, p := range pages {
			if p.Boxes == nil {
				continue
			}
			checkAligned(t, p)
			for i, bs := range p.Boxes {
				for _, b := range bs {
					if b.X0 < 0 || b.Y0 < 0 || b.X1 > 1 || b.Y1 > 1 || b.X0 > b.X1 || b.Y0 > b.Y1 {
						t.Errorf("%s page %d line %q: box %+v", name, p.Number, p.Lines[i], b)
					}
				}
			}
		}
	}
	pages, err := readFile(t, "ucs2.pdf")
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	for i, l := range p.Lines {
		if !strings.HasPrefix(l, "2025年12月31日") {
			continue
		}
		bs := p.Boxes[i]
		// 11 pt full-width digits from x 60: one em each
		for k := 0; k < 4; k++ {
			if !near(bs[k].X0, (60+11*float64(k))/595, 1e-3) {
				t.Errorf("digit %d of %q: box %+v", k, l, bs[k])
			}
		}
		return
	}
	t.Fatalf("no date line in %q", p.Lines)
}

// densePage is a page of n glyphs in rows of cols Chinese characters of
// size pt, as the interpreter places them.
func densePage(n, cols int, size float64) []placed {
	gl := make([]placed, 0, n)
	for i := 0; i < n; i++ {
		row, col := i/cols, i%cols
		x, y := 20+size*float64(col), 820-1.2*size*float64(row)
		gl = append(gl, placed{x: x, y: y, ex: x + size, ey: y, ux: 0, uy: size, sx: 20, sy: y, text: "字"})
	}
	return gl
}

// BenchmarkLayoutBoxes lays out a dense page (2,600 glyphs, 65 lines of
// 40 at 10 pt) and the largest page read (200,000 glyphs, 500 lines of
// 400 at 1.3 pt) with and without boxes:
// the cost of boxes is the difference, and boxes-B/page the memory the
// page's boxes keep (16 bytes a character).
func BenchmarkLayoutBoxes(b *testing.B) {
	fr := &frame{media: rect{0, 0, 595, 842}}
	for _, pg := range []struct {
		n, cols int
		size    float64
	}{{2600, 40, 10}, {maxGlyphsPerPage, 400, 1.3}} {
		for _, boxes := range []bool{false, true} {
			b.Run(fmt.Sprintf("glyphs=%d/boxes=%v", pg.n, boxes), func(b *testing.B) {
				gl := densePage(pg.n, pg.cols, pg.size)
				var f *frame
				if boxes {
					f = fr
				}
				b.ReportAllocs()
				var kept int
				for b.Loop() {
					lines, bx := layoutLines(slices.Clone(gl), 0, f)
					if len(lines) == 0 {
						b.Fatal("no lines")
					}
					kept = 0
					for _, l := range bx {
						kept += 16 * len(l)
					}
				}
				b.ReportMetric(float64(kept), "boxes-B/page")
			})
		}
	}
}

package ocr

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"ruku/extractors"
)

// lineWith returns the first line containing s and the boxes of s in it.
func lineWith(t *testing.T, r Result, s string) (Line, []extractors.Box) {
	t.Helper()
	for _, l := range r.Lines {
		if i := strings.Index(l.Text, s); i >= 0 {
			k := utf8.RuneCountInString(l.Text[:i])
			return l, l.Boxes[k : k+utf8.RuneCountInString(s)]
		}
	}
	t.Fatalf("no line with %q:\n%s", s, r.Text())
	return Line{}, nil
}

// inkShare is the share of pixels of img inside b darker than mid-gray.
func inkShare(img image.Image, b extractors.Box) float64 {
	r := img.Bounds()
	x0, x1 := int(float64(b.X0)*float64(r.Dx())), int(float64(b.X1)*float64(r.Dx()))
	y0, y1 := int(float64(b.Y0)*float64(r.Dy())), int(float64(b.Y1)*float64(r.Dy()))
	dark, n := 0, 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if grayOf(img.At(x, y)) < 128 {
				dark++
			}
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(dark) / float64(n)
}

func centre(b extractors.Box) (float64, float64) {
	return float64(b.X0+b.X1) / 2, float64(b.Y0+b.Y1) / 2
}

// TestWordBoxes reads real images: every line has a box per character,
// the boxes of a code cover ink and run left to right along the line; on
// a photo turned 3° clockwise, which deskew turns back before tesseract
// reads it, the boxes follow the turned line on the input image.
func TestWordBoxes(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		file  string
		quote string
		slope float64 // of the line through the quote's boxes, in pixels down per pixel across
	}{
		{"credit_dishonest.png", "91130104MA72G7U680", 0},
		{"license_rot3.jpg", "91130104MA72G7U680", math.Tan(3 * math.Pi / 180)},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readTestdata(t, tt.file)
			img, _, err := image.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			r, err := e.Image(context.Background(), data, ModeAuto)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range r.Lines {
				if len(l.Boxes) != utf8.RuneCountInString(l.Text) {
					t.Errorf("line %q: %d boxes", l.Text, len(l.Boxes))
				}
			}
			l, bs := lineWith(t, r, tt.quote)
			u := extractors.UnionBoxes(bs)
			if s := inkShare(img, u); s < 0.05 || s > 0.7 {
				t.Errorf("%q in %q: box %+v is %.0f%% ink", tt.quote, l.Text, u, 100*s)
			}
			if s := inkShare(img, extractors.Box{X0: u.X0, Y0: u.Y1 + 0.5*(u.Y1-u.Y0), X1: u.X1, Y1: u.Y1 + 0.9*(u.Y1-u.Y0)}); s > 0.05 {
				t.Errorf("the band under %q is %.0f%% ink: the box is off the line", tt.quote, 100*s)
			}
			for k := 1; k < len(bs); k++ {
				if bs[k].X0 < bs[k-1].X0 {
					t.Errorf("box %d %+v left of box %d %+v", k, bs[k], k-1, bs[k-1])
				}
			}
			x0, y0 := centre(bs[0])
			x1, y1 := centre(bs[len(bs)-1])
			w, h := float64(img.Bounds().Dx()), float64(img.Bounds().Dy())
			if slope := (y1 - y0) * h / ((x1 - x0) * w); math.Abs(slope-tt.slope) > 0.015 {
				t.Errorf("boxes of %q run at slope %.3f, want %.3f (angle %.1f)", tt.quote, slope, tt.slope, r.Angle)
			}
		})
	}
}

// TestPlacerUndoesDeskew: a point turned by rotate comes back where it was.
func TestPlacerUndoesDeskew(t *testing.T) {
	p := newPlacer(200, 100, 90)
	// Turned 90° counter-clockwise about (100, 50), the input point
	// (150, 50) is drawn at (100, 0): the top of the centre line.
	b := p.box(100, 0, 100, 0)
	if !near(b.X0, 0.75) || !near(b.Y0, 0.5) {
		t.Errorf("box %+v, want (0.75, 0.5)", b)
	}
	if b := newPlacer(200, 100, 0).box(20, 10, 40, 30); !near(b.X0, 0.1) || !near(b.Y0, 0.1) || !near(b.X1, 0.2) || !near(b.Y1, 0.3) {
		t.Errorf("unturned box %+v", b)
	}
}

func near(v float32, want float64) bool { return math.Abs(float64(v)-want) < 1e-5 }

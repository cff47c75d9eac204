package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The committed images were rendered with DejaVu Sans for Latin text and
// Droid Sans Fallback for CJK (Debian/Ubuntu packages fonts-dejavu-core and
// fonts-droid-fallback). golang.org/x/image/font/sfnt rejects every face of
// wqy-zenhei.ttc ("invalid table offset"), so that font cannot be used.
const (
	defaultLatinFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	defaultCJKFont   = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
)

// painter renders text onto images, taking each character from the first
// font that has a glyph for it. Without fonts it draws nothing, so the
// generator still runs (and writes every non-image file identically) on a
// machine without them.
type painter struct {
	fonts []*sfnt.Font
	faces map[faceKey]font.Face
	buf   sfnt.Buffer
}

type faceKey struct {
	font int
	px   float64
}

// loadPainter parses the fonts at paths (the first face of a collection).
// If any file is missing it returns a painter without fonts and ok == false.
func loadPainter(paths ...string) (*painter, bool, error) {
	p := &painter{faces: map[faceKey]font.Face{}}
	var fonts []*sfnt.Font
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			if os.IsNotExist(err) {
				return p, false, nil
			}
			return nil, false, err
		}
		coll, err := opentype.ParseCollection(data)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		f, err := coll.Font(0)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		fonts = append(fonts, f)
	}
	p.fonts = fonts
	return p, true, nil
}

func (p *painter) face(i int, px float64) font.Face {
	k := faceKey{i, px}
	if f, ok := p.faces[k]; ok {
		return f
	}
	f, err := opentype.NewFace(p.fonts[i], &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err)
	}
	p.faces[k] = f
	return f
}

// runs splits s into pieces drawn with one font each.
func (p *painter) runs(s string) (texts []string, fonts []int) {
	cur, curFont := []rune{}, -1
	for _, r := range s {
		fi := len(p.fonts) - 1
		for i, f := range p.fonts {
			if g, err := f.GlyphIndex(&p.buf, r); err == nil && g != 0 {
				fi = i
				break
			}
		}
		if fi != curFont && len(cur) > 0 {
			texts, fonts = append(texts, string(cur)), append(fonts, curFont)
			cur = nil
		}
		cur, curFont = append(cur, r), fi
	}
	if len(cur) > 0 {
		texts, fonts = append(texts, string(cur)), append(fonts, curFont)
	}
	return
}

// width is the advance of s at px pixels (an estimate without fonts).
func (p *painter) width(s string, px float64) int {
	if len(p.fonts) == 0 {
		w := 0.0
		for _, r := range s {
			w += charWidth(r) * px / 1000
		}
		return int(w)
	}
	texts, fonts := p.runs(s)
	var w fixed.Int26_6
	for i, t := range texts {
		w += font.MeasureString(p.face(fonts[i], px), t)
	}
	return w.Round()
}

// draw writes s with its baseline at (x, y).
func (p *painter) draw(dst draw.Image, x, y int, px float64, c color.Color, s string) {
	if len(p.fonts) == 0 {
		return
	}
	dot := fixed.P(x, y)
	texts, fonts := p.runs(s)
	for i, t := range texts {
		d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: p.face(fonts[i], px), Dot: dot}
		d.DrawString(t)
		dot = d.Dot
	}
}

func fillRect(dst draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(dst, r, image.NewUniform(c), image.Point{}, draw.Src)
}

func strokeRect(dst draw.Image, r image.Rectangle, w int, c color.Color) {
	fillRect(dst, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+w), c)
	fillRect(dst, image.Rect(r.Min.X, r.Max.Y-w, r.Max.X, r.Max.Y), c)
	fillRect(dst, image.Rect(r.Min.X, r.Min.Y, r.Min.X+w, r.Max.Y), c)
	fillRect(dst, image.Rect(r.Max.X-w, r.Min.Y, r.Max.X, r.Max.Y), c)
}

// strokeCircle draws a ring, used for red seals.
func strokeCircle(dst draw.Image, cx, cy, r, w int, c color.Color) {
	for y := cy - r - w; y <= cy+r+w; y++ {
		for x := cx - r - w; x <= cx+r+w; x++ {
			d := math.Hypot(float64(x-cx), float64(y-cy))
			if d <= float64(r) && d >= float64(r-w) {
				dst.Set(x, y, c)
			}
		}
	}
}

// scanify turns a clean grayscale page into a scanner-like image: a slight
// rotation, an off-white background, speckle noise, then JPEG at a low quality.
func scanify(src *image.Gray, angleDeg float64, rng *rand.Rand, quality int) ([]byte, image.Rectangle) {
	b := src.Bounds()
	out := image.NewGray(b)
	a := angleDeg * math.Pi / 180
	sin, cos := math.Sin(a), math.Cos(a)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			// inverse rotation, bilinear sample
			dx, dy := float64(x)-cx, float64(y)-cy
			sx := cos*dx + sin*dy + cx
			sy := -sin*dx + cos*dy + cy
			v := 236.0
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			if x0 >= 0 && y0 >= 0 && x0+1 < b.Dx() && y0+1 < b.Dy() {
				fx, fy := sx-float64(x0), sy-float64(y0)
				g := func(xx, yy int) float64 { return float64(src.Pix[yy*src.Stride+xx]) }
				v = (g(x0, y0)*(1-fx)+g(x0+1, y0)*fx)*(1-fy) + (g(x0, y0+1)*(1-fx)+g(x0+1, y0+1)*fx)*fy
				v = 18 + v*0.86 // ink is not black, paper is not white
			}
			v += rng.NormFloat64() * 5
			if rng.IntN(900) == 0 {
				v -= 90
			}
			out.Pix[y*out.Stride+x] = uint8(math.Max(0, math.Min(255, v)))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, out, &jpeg.Options{Quality: quality}); err != nil {
		panic(err)
	}
	return buf.Bytes(), b
}

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

package ocr

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"strconv"

	"golang.org/x/image/draw"
)

// imageSource is a decoded input image.
type imageSource struct {
	img    image.Image
	format string
	scale  float64 // factor the image was scaled by after decoding (0 means 1)
}

// decode reads PNG or JPEG bytes. The header is read first: an image whose
// decoded form would take more than maxBytes (width × height × bytes per
// pixel of its colour model) is refused with ErrBudget before anything is
// allocated for it. It never panics on corrupt input: a decoder panic is
// turned into an error wrapping ErrImage.
func decode(data []byte, maxBytes int64) (src imageSource, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: decoder panic: %v", ErrImage, r)
		}
	}()
	var format string
	var decodeConfig func(io.Reader) (image.Config, error)
	var decodeImage func(io.Reader) (image.Image, error)
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		format, decodeConfig, decodeImage = "png", png.DecodeConfig, png.Decode
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		format, decodeConfig, decodeImage = "jpeg", jpeg.DecodeConfig, jpeg.Decode
	default:
		return imageSource{}, fmt.Errorf("%w: unrecognised signature (%d bytes)", ErrImage, len(data))
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return imageSource{}, fmt.Errorf("%w: decode %s header: %v", ErrImage, format, err)
	}
	if cfg.Width < 8 || cfg.Height < 8 {
		return imageSource{}, fmt.Errorf("%w: %s is %dx%d pixels", ErrImage, format, cfg.Width, cfg.Height)
	}
	if need := DecodedBytes(cfg); maxBytes > 0 && need > maxBytes {
		return imageSource{}, fmt.Errorf("%w: %s of %dx%d pixels would take %d MiB to decode, more than %d MiB",
			ErrBudget, format, cfg.Width, cfg.Height, need>>20, maxBytes>>20)
	}
	img, err := decodeImage(bytes.NewReader(data))
	if err != nil {
		return imageSource{}, fmt.Errorf("%w: decode %s: %v", ErrImage, format, err)
	}
	return imageSource{img: img, format: format, scale: 1}, nil
}

// DecodedBytes is the memory an image with header cfg takes once decoded
// by the standard library: width × height × bytes per pixel of its colour
// model (8, the largest, when the model is unknown). YCbCr counts 2 bytes,
// the 4:2:2 of most cameras (4:2:0 takes 1.5, the rare 4:4:4 takes 3).
func DecodedBytes(cfg image.Config) int64 {
	per := int64(8)
	switch cfg.ColorModel {
	case color.GrayModel, color.AlphaModel:
		per = 1
	case color.Gray16Model, color.Alpha16Model:
		per = 2
	case color.YCbCrModel:
		per = 2
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel:
		per = 4
	default:
		if _, ok := cfg.ColorModel.(color.Palette); ok {
			per = 1
		}
	}
	return int64(cfg.Width) * int64(cfg.Height) * per
}

// decodePGM reads the binary 8-bit PGM (P5) that pdftoppm -gray writes:
// uncompressed, so rendering and reading a 300 DPI page stays cheap.
func decodePGM(data []byte) (*image.Gray, error) {
	var fields [4]int
	rest := data
	for i := range fields {
		// Skip whitespace and comments, then read one token.
		for len(rest) > 0 {
			if rest[0] == '#' {
				if j := bytes.IndexByte(rest, '\n'); j >= 0 {
					rest = rest[j:]
				} else {
					rest = nil
				}
			}
			if len(rest) == 0 || !isSpace(rest[0]) {
				break
			}
			rest = rest[1:]
		}
		j := 0
		for j < len(rest) && !isSpace(rest[j]) {
			j++
		}
		tok := string(rest[:j])
		rest = rest[j:]
		if i == 0 {
			if tok != "P5" {
				return nil, fmt.Errorf("not a binary PGM (magic %q)", clip(tok))
			}
			continue
		}
		n, err := strconv.Atoi(tok)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad PGM header field %q", clip(tok))
		}
		fields[i] = n
	}
	w, h, maxval := fields[1], fields[2], fields[3]
	if maxval != 255 {
		return nil, fmt.Errorf("PGM maxval %d, want 255", maxval)
	}
	if len(rest) < 1 || int64(w)*int64(h) > int64(len(rest)-1) {
		return nil, fmt.Errorf("PGM %dx%d truncated (%d bytes of pixels)", w, h, max(len(rest)-1, 0))
	}
	rest = rest[1:] // the single whitespace byte after maxval
	g := image.NewGray(image.Rect(0, 0, w, h))
	copy(g.Pix, rest[:w*h])
	return g, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// prepared is an image ready for tesseract.
type prepared struct {
	gray  *image.Gray
	scale float64 // 1 or 2
	angle float64 // degrees the page was rotated by to deskew it
}

// preprocess converts img to grayscale (by luma, or with ink set by each
// pixel's darkest channel), upscales it ×2 when it is narrower than
// minWidth (0: never) and deskews it when it is rotated by up to maxSkew
// degrees (0: never). It stops early when ctx is done.
func preprocess(ctx context.Context, img image.Image, ink bool, minWidth int, maxSkew float64) (prepared, error) {
	var g *image.Gray
	if ink {
		g = inkGray(img)
	} else {
		g = toGray(img)
	}
	p := prepared{gray: g, scale: 1}
	var angle float64
	if maxSkew > 0 {
		if err := ctx.Err(); err != nil {
			return p, err
		}
		angle = estimateSkew(g, maxSkew)
	}
	if minWidth > 0 && g.Bounds().Dx() < minWidth {
		if err := ctx.Err(); err != nil {
			return p, err
		}
		p.gray = scaleGray(g, 2, draw.CatmullRom)
		p.scale = 2
	}
	if angle != 0 {
		// Rotating after upscaling blurs the strokes less.
		if err := ctx.Err(); err != nil {
			return p, err
		}
		p.gray = rotate(p.gray, angle)
		p.angle = angle
	}
	return p, ctx.Err()
}

// toGray converts any image to an *image.Gray with origin (0, 0), flattening
// transparency onto white. The common decoder outputs have fast paths.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := image.NewGray(image.Rect(0, 0, w, h))
	switch src := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			i := src.PixOffset(b.Min.X, b.Min.Y+y)
			copy(g.Pix[y*g.Stride:y*g.Stride+w], src.Pix[i:i+w])
		}
	case *image.YCbCr:
		// The luma plane is the grayscale image.
		for y := 0; y < h; y++ {
			i := src.YOffset(b.Min.X, b.Min.Y+y)
			copy(g.Pix[y*g.Stride:y*g.Stride+w], src.Y[i:i+w])
		}
	case *image.RGBA:
		for y := 0; y < h; y++ {
			i := src.PixOffset(b.Min.X, b.Min.Y+y)
			row := g.Pix[y*g.Stride : y*g.Stride+w]
			for x := range row {
				p := src.Pix[i+4*x : i+4*x+4 : i+4*x+4]
				row[x] = grayOf(color.RGBA{p[0], p[1], p[2], p[3]})
			}
		}
	case *image.NRGBA:
		for y := 0; y < h; y++ {
			i := src.PixOffset(b.Min.X, b.Min.Y+y)
			row := g.Pix[y*g.Stride : y*g.Stride+w]
			for x := range row {
				p := src.Pix[i+4*x : i+4*x+4 : i+4*x+4]
				row[x] = grayOf(color.NRGBA{p[0], p[1], p[2], p[3]})
			}
		}
	case *image.Paletted:
		var lut [256]uint8
		for i, c := range src.Palette {
			lut[i] = grayOf(c)
		}
		for y := 0; y < h; y++ {
			i := src.PixOffset(b.Min.X, b.Min.Y+y)
			row := g.Pix[y*g.Stride : y*g.Stride+w]
			for x, p := range src.Pix[i : i+w] {
				row[x] = lut[p]
			}
		}
	default:
		for y := 0; y < h; y++ {
			row := g.Pix[y*g.Stride : y*g.Stride+w]
			for x := range row {
				row[x] = grayOf(img.At(b.Min.X+x, b.Min.Y+y))
			}
		}
	}
	return g
}

// inkGray converts any image to an *image.Gray with origin (0, 0) whose
// level is each pixel's darkest channel composited on white: coloured ink
// comes out as dark as black ink, a white background stays white.
func inkGray(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+b.Dx()]
		for x := range row {
			r, gg, bb, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA() // premultiplied
			row[x] = uint8((min(r, gg, bb) + 0xffff - a) >> 8)
		}
	}
	return g
}

// grayOf is the Rec. 601 luma of c composited on white.
func grayOf(c color.Color) uint8 {
	r, gg, bb, a := c.RGBA() // premultiplied
	lum := (19595*r + 38470*gg + 7471*bb + 1<<15) >> 16
	lum += 0xffff - a
	return uint8(min(lum, 0xffff) >> 8)
}

func scaleGray(g *image.Gray, f float64, k draw.Scaler) *image.Gray {
	b := g.Bounds()
	dst := image.NewGray(image.Rect(0, 0, int(float64(b.Dx())*f+0.5), int(float64(b.Dy())*f+0.5)))
	k.Scale(dst, dst.Bounds(), g, b, draw.Src, nil)
	return dst
}

// background is the most common gray level of the image border, used to
// fill the corners uncovered by a rotation.
func background(g *image.Gray) uint8 {
	var hist [256]int
	b := g.Bounds()
	for x := b.Min.X; x < b.Max.X; x++ {
		hist[g.GrayAt(x, b.Min.Y).Y]++
		hist[g.GrayAt(x, b.Max.Y-1).Y]++
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		hist[g.GrayAt(b.Min.X, y).Y]++
		hist[g.GrayAt(b.Max.X-1, y).Y]++
	}
	best := 255
	for v := range hist {
		if hist[v] > hist[best] {
			best = v
		}
	}
	return uint8(best)
}

// rotate turns g by deg degrees counter-clockwise (as displayed, y down)
// about its centre, keeping its size, with bilinear interpolation. Corners
// uncovered by the turn take the border's background level.
func rotate(g *image.Gray, deg float64) *image.Gray {
	b := g.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewGray(image.Rect(0, 0, w, h))
	bg := background(g)
	th := deg * math.Pi / 180
	c, s := math.Cos(th), math.Sin(th)
	cx, cy := float64(w)/2, float64(h)/2
	src := g.Pix
	stride := g.Stride
	for y := 0; y < h; y++ {
		dy := float64(y) + 0.5 - cy
		row := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		for x := range row {
			dx := float64(x) + 0.5 - cx
			// The inverse of the forward turn (x' = c·x + s·y, y' = −s·x + c·y).
			sx := c*dx - s*dy + cx - 0.5
			sy := s*dx + c*dy + cy - 0.5
			if sx < 0 || sy < 0 || sx >= float64(w-1) || sy >= float64(h-1) {
				row[x] = bg
				continue
			}
			x0, y0 := int(sx), int(sy)
			fx, fy := sx-float64(x0), sy-float64(y0)
			i := y0*stride + x0
			top := float64(src[i])*(1-fx) + float64(src[i+1])*fx
			bot := float64(src[i+stride])*(1-fx) + float64(src[i+stride+1])*fx
			row[x] = uint8(top*(1-fy) + bot*fy + 0.5)
		}
	}
	return dst
}

// estimateSkew returns the angle in degrees (within ±maxDeg) that makes the
// text lines of g horizontal, by maximising the variance of the horizontal
// projection profile of dark pixels on a downscaled binarised copy. It
// returns 0 when no angle is clearly better than leaving the page as it is.
func estimateSkew(g *image.Gray, maxDeg float64) float64 {
	small := g
	const work = 1000
	if w := g.Bounds().Dx(); w > work {
		small = scaleGray(g, float64(work)/float64(w), draw.ApproxBiLinear)
	}
	t := otsu(small)
	b := small.Bounds()
	// Dark pixels as points relative to the centre. Long dark runs (bars,
	// filled boxes) carry no angle information beyond their edges and
	// would drown the text, so only pixels whose row is not mostly dark
	// count.
	var xs, ys []float64
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	for y := 0; y < b.Dy(); y++ {
		row := small.Pix[y*small.Stride : y*small.Stride+b.Dx()]
		dark := 0
		for _, v := range row {
			if v < t {
				dark++
			}
		}
		if dark == 0 || dark > b.Dx()*2/3 {
			continue
		}
		for x, v := range row {
			if v < t {
				xs = append(xs, float64(x)-cx)
				ys = append(ys, float64(y)-cy)
			}
		}
	}
	if len(xs) < 200 {
		return 0
	}
	h := int(math.Hypot(float64(b.Dx()), float64(b.Dy()))) + 2
	bins := make([]float64, h)
	off := float64(h) / 2
	score := func(deg float64) float64 {
		clear(bins)
		th := deg * math.Pi / 180
		c, s := math.Cos(th), math.Sin(th)
		for i := range xs {
			// Row of the point after rotating the page by deg.
			r := int(ys[i]*c - xs[i]*s + off)
			if r >= 0 && r < h {
				bins[r]++
			}
		}
		var sum float64
		for _, v := range bins {
			sum += v * v
		}
		return sum
	}
	base := score(0)
	best, bestScore := 0.0, base
	for d := -maxDeg; d <= maxDeg+1e-9; d += 0.5 {
		if sc := score(d); sc > bestScore {
			best, bestScore = d, sc
		}
	}
	lo, hi := best-0.5, best+0.5
	for d := lo; d <= hi+1e-9; d += 0.1 {
		if sc := score(d); sc > bestScore {
			best, bestScore = d, sc
		}
	}
	best = math.Round(best*10) / 10
	// A straight page scores highest at 0; small wins are noise.
	if math.Abs(best) < 0.2 || bestScore < base*1.05 {
		return 0
	}
	return best
}

// otsu returns the threshold below which a pixel counts as dark.
func otsu(g *image.Gray) uint8 {
	var hist [256]float64
	b := g.Bounds()
	for y := 0; y < b.Dy(); y++ {
		for _, v := range g.Pix[y*g.Stride : y*g.Stride+b.Dx()] {
			hist[v]++
		}
	}
	total := float64(b.Dx() * b.Dy())
	var sumAll float64
	for i, n := range hist {
		sumAll += float64(i) * n
	}
	var wB, sumB, best float64
	t := uint8(128)
	for i, n := range hist {
		wB += n
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(i) * n
		mB, mF := sumB/wB, (sumAll-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, t = v, uint8(i+1)
		}
	}
	return t
}

// encodePNG writes g quickly: tesseract reads it once, size does not matter.
func encodePNG(w io.Writer, g *image.Gray) error {
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, g)
}

package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"runtime"
	"testing"
	"time"
)

func TestRenderDPI(t *testing.T) {
	e := &Engine{cfg: DefaultConfig()}
	tests := []struct {
		name    string
		size    PageSize
		wantDPI int // 0: refused
	}{
		{"A4 at the configured DPI", PageSize{595, 842}, 150},
		{"A2 within the cap", PageSize{1191, 1684}, 150},
		{"A1 over the cap", PageSize{1684, 2384}, 142},
		{"MediaBox 14400 pt", PageSize{14400, 14400}, 19},
		{"UserUnit 75000 (max) on letter", PageSize{612 * 75000, 792 * 75000}, 0},
		{"no size", PageSize{}, 0},
		{"negative", PageSize{-5, 842}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dpi, err := e.RenderDPI(tt.size)
			if tt.wantDPI == 0 {
				if !errors.Is(err, ErrBudget) {
					t.Fatalf("RenderDPI = %d, %v; want ErrBudget", dpi, err)
				}
				return
			}
			if err != nil || dpi != tt.wantDPI {
				t.Fatalf("RenderDPI = %d, %v; want %d", dpi, err, tt.wantDPI)
			}
			w := int64(tt.size.W/72*float64(dpi)) + 1
			h := int64(tt.size.H/72*float64(dpi)) + 1
			if w*h > e.cfg.MaxPixels {
				t.Errorf("%d DPI gives %d×%d pixels, over %d", dpi, w, h, e.cfg.MaxPixels)
			}
		})
	}
}

// pngHeader is a PNG declaring w×h pixels, with a few rows of data.
func pngHeader(w, h uint32, depth, colorType byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = depth, colorType
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x62, 0x60, 0x18, 0x05})
	chunk("IEND", nil)
	return b.Bytes()
}

func TestDecodeRefusesBeforeAllocating(t *testing.T) {
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, image.NewGray(image.Rect(0, 0, 64, 64)), nil); err != nil {
		t.Fatal(err)
	}
	giantJPEG := jb.Bytes()
	i := bytes.Index(giantJPEG, []byte{0xff, 0xc0})
	binary.BigEndian.PutUint16(giantJPEG[i+5:], 65500)
	binary.BigEndian.PutUint16(giantJPEG[i+7:], 65500)
	var small bytes.Buffer
	png.Encode(&small, image.NewGray(image.Rect(0, 0, 100, 100)))

	tests := []struct {
		name string
		data []byte
		want error // nil: decoded
	}{
		{"PNG 30000×30000 RGBA16", pngHeader(30000, 30000, 16, 6), ErrBudget},
		{"PNG 30000×30000 grey", pngHeader(30000, 30000, 8, 0), ErrBudget},
		{"JPEG 65500×65500", giantJPEG, ErrBudget},
		{"PNG 5×5", pngHeader(5, 5, 8, 0), ErrImage},
		{"small PNG", small.Bytes(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := decode(tt.data, DefaultConfig().MaxDecodeBytes)
			runtime.ReadMemStats(&after)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("decode: %v, want %v", err, tt.want)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; tt.want != nil && alloc > 1<<20 {
				t.Errorf("allocated %d bytes before refusing", alloc)
			}
		})
	}
}

func TestDecodedBytes(t *testing.T) {
	img := image.Config{Width: 1000, Height: 1000}
	for _, tt := range []struct {
		cfg  image.Config
		want int64
	}{
		{image.Config{ColorModel: image.NewGray(image.Rect(0, 0, 1, 1)).ColorModel(), Width: 1000, Height: 1000}, 1e6},
		{image.Config{ColorModel: image.NewRGBA64(image.Rect(0, 0, 1, 1)).ColorModel(), Width: 1000, Height: 1000}, 8e6},
		{image.Config{ColorModel: image.NewYCbCr(image.Rect(0, 0, 1, 1), image.YCbCrSubsampleRatio420).ColorModel(), Width: 1000, Height: 1000}, 2e6},
		{img, 8e6}, // unknown model: the largest
	} {
		if got := DecodedBytes(tt.cfg); got != tt.want {
			t.Errorf("%T: %d, want %d", tt.cfg.ColorModel, got, tt.want)
		}
	}
}

func TestShrinkKeepsWithinMaxPixels(t *testing.T) {
	src := imageSource{img: image.NewGray(image.Rect(0, 0, 4000, 3000)), scale: 1}
	got := shrink(src, 1_000_000)
	b := got.img.Bounds()
	if int64(b.Dx())*int64(b.Dy()) > 1_000_000 || got.scale >= 1 || b.Dx() < 1100 {
		t.Errorf("shrunk to %v scale %.3f", b, got.scale)
	}
	if same := shrink(src, 20_000_000); same.img != src.img {
		t.Error("an image within the cap was scaled")
	}
}

func TestBlank(t *testing.T) {
	page := func(ink uint8, strokes int) *image.Gray {
		g := image.NewGray(image.Rect(0, 0, 200, 200))
		for i := range g.Pix {
			g.Pix[i] = 255 - ink
		}
		for x := 0; x < strokes; x++ {
			g.Pix[100*g.Stride+50+x] = ink
		}
		return g
	}
	tests := []struct {
		name string
		g    *image.Gray
		want bool
	}{
		{"white", page(5, 0), true},
		{"white with one speck", page(5, 1), true},
		{"dark text on white", page(0, 60), false},
		{"white text on black", page(255, 60), false},
	}
	for _, tt := range tests {
		if got := blank(tt.g); got != tt.want {
			t.Errorf("%s: blank = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRunLimits(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		lim  Limits
		args []string
	}{
		{"endless stdout", Limits{OutputBytes: 1 << 20}, []string{"yes"}},
		{"endless stderr", Limits{OutputBytes: 1 << 20}, []string{"/bin/sh", "-c", "yes >&2"}},
		// dd fails on its own when the allocation is refused; a tool that
		// does not (poppler's std::bad_alloc) dies of a signal: ErrBudget.
		{"memory", Limits{MemoryBytes: 32 << 20}, []string{"/bin/sh", "-c", "dd if=/dev/zero of=/dev/null bs=256M count=1 || kill -ABRT $$"}},
		{"file size", Limits{FileBytes: 1 << 20}, []string{"dd", "if=/dev/zero", "of=" + t.TempDir() + "/big", "bs=1M", "count=8"}},
		{"deadline", Limits{Deadline: 300 * time.Millisecond}, []string{"sleep", "30"}},
		{"CPU", Limits{CPUSeconds: 1}, []string{"/bin/sh", "-c", "while :; do :; done"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := run(ctx, tt.lim, nil, tt.args[0], tt.args[1:]...)
			if !errors.Is(err, ErrBudget) {
				t.Errorf("run = %v, want ErrBudget", err)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	out, err := run(ctx, DefaultLimits(), nil, "echo", "fine")
	if err != nil || string(out) != "fine\n" {
		t.Errorf("echo under the default limits: %q, %v", out, err)
	}
}

func TestTail(t *testing.T) {
	tl := &tail{max: 8}
	for _, s := range []string{"abc", "defgh", "ijk", "0123456789"} {
		tl.Write([]byte(s))
	}
	if got := string(tl.bytes()); got != "23456789" {
		t.Errorf("tail %q", got)
	}
}

// FuzzDecode: decoding untrusted image bytes never panics, and whatever it
// accepts fits the decode budget its header declared.
func FuzzDecode(f *testing.F) {
	f.Add(pngHeader(30000, 30000, 16, 6))
	f.Add(pngHeader(64, 64, 8, 0))
	var jb bytes.Buffer
	jpeg.Encode(&jb, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	f.Add(jb.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		const budget = 4 << 20
		src, err := decode(data, budget)
		if err != nil {
			return
		}
		b := src.img.Bounds()
		if int64(b.Dx())*int64(b.Dy()) > budget {
			t.Fatalf("accepted %v over a %d-byte budget", b, budget)
		}
	})
}

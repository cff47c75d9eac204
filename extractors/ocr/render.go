package ocr

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"golang.org/x/image/draw"
)

// PageSize is the size of a PDF page in points (1/72 inch): its MediaBox
// scaled by its UserUnit. The zero PageSize means unknown.
type PageSize struct {
	W, H float64
}

// Raster is a rendered PDF page, ready for Read.
type Raster struct {
	Page int // 1-based page number
	DPI  int // resolution it was rendered at
	gray *image.Gray
}

// Size returns the raster's width and height in pixels.
func (r *Raster) Size() (int, int) { return r.gray.Rect.Dx(), r.gray.Rect.Dy() }

// RenderDPI returns the resolution a page of size s is rendered at:
// Config.DPI, lowered so that the raster stays within Config.MaxPixels. A
// page that would need less than Config.MinDPI gives an error wrapping
// ErrBudget, as does a size that is not finite or not positive.
func (e *Engine) RenderDPI(s PageSize) (int, error) {
	if !(s.W > 0 && s.H > 0) || math.IsInf(s.W, 0) || math.IsInf(s.H, 0) {
		return 0, fmt.Errorf("%w: page size %g × %g pt", ErrBudget, s.W, s.H)
	}
	dpi := e.cfg.DPI
	area := s.W / 72 * s.H / 72 // square inches
	// Pixels at d DPI: ceil(W/72·d)·ceil(H/72·d) ≤ (W/72·d+1)(H/72·d+1).
	for dpi >= e.cfg.MinDPI {
		w, h := s.W/72*float64(dpi)+1, s.H/72*float64(dpi)+1
		if w*h <= float64(e.cfg.MaxPixels) {
			return dpi, nil
		}
		next := int(math.Sqrt(float64(e.cfg.MaxPixels)/area)) - 1
		dpi = min(dpi-1, max(next, 0))
	}
	return 0, fmt.Errorf("%w: page of %.0f × %.0f pt would need under %d DPI to stay within %d pixels",
		ErrBudget, s.W, s.H, e.cfg.MinDPI, e.cfg.MaxPixels)
}

// RenderPage renders page (1-based) of the PDF at pdfPath in gray with
// pdftoppm, at the resolution RenderDPI chooses for size; a zero size is
// asked of pdfinfo first. pdftoppm runs under Config.Limits, writing into
// Config.TempDir, and its output is removed before RenderPage returns. A
// page that does not exist gives an error wrapping ErrPage; a page too
// large, or a tool over its limits, ErrBudget.
func (e *Engine) RenderPage(ctx context.Context, pdfPath string, page int, size PageSize) (*Raster, error) {
	if page < 1 {
		return nil, fmt.Errorf("%w: page %d: pages are numbered from 1", ErrPage, page)
	}
	if size == (PageSize{}) {
		info, err := e.PDFInfo(ctx, pdfPath, page, page)
		if err != nil {
			return nil, err
		}
		if page > info.Pages || len(info.Sizes) == 0 {
			return nil, fmt.Errorf("%w: page %d of %d", ErrPage, page, info.Pages)
		}
		size = info.Sizes[0]
	}
	dpi, err := e.RenderDPI(size)
	if err != nil {
		return nil, fmt.Errorf("ocr: render page %d: %w", page, err)
	}
	dir, err := os.MkdirTemp(e.cfg.TempDir, "ruku-ocr-pdf-")
	if err != nil {
		return nil, fmt.Errorf("ocr: render page %d: %w", page, err)
	}
	defer os.RemoveAll(dir)
	p := strconv.Itoa(page)
	out := filepath.Join(dir, "page")
	lim := e.cfg.toolLimits()
	// The file is width × height bytes and a short header.
	lim.FileBytes = min(nonzero(lim.FileBytes, math.MaxInt64), e.cfg.MaxPixels+e.cfg.MaxPixels/8+4096)
	if _, err := run(ctx, lim, e.childEnv(), e.pdftoppm, "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-gray", "-singlefile", pdfPath, out); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("ocr: render page %d: %w", page, context.Cause(ctx))
		}
		return nil, fmt.Errorf("%w: pdftoppm page %d: %w", ErrPage, page, err)
	}
	data, err := readPGM(out+".pgm", e.cfg.MaxPixels+e.cfg.MaxPixels/8)
	if err != nil {
		return nil, fmt.Errorf("%w: page %d: %w", ErrPage, page, err)
	}
	img, err := decodePGM(data)
	if err != nil {
		return nil, fmt.Errorf("%w: page %d: %v", ErrPage, page, err)
	}
	return &Raster{Page: page, DPI: dpi, gray: img}, nil
}

// Read OCRs a rendered page.
func (e *Engine) Read(ctx context.Context, r *Raster, mode Mode) (Result, error) {
	ctx, cancel := e.pageContext(ctx)
	defer cancel()
	return e.ocrImage(ctx, imageSource{img: r.gray, format: "pgm", scale: 1}, mode, r.DPI)
}

// readPGM reads a rendered page, refusing one larger than limit bytes
// without reading it. pdftoppm exits 0 and writes nothing for a page past
// the end.
func readPGM(name string, limit int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%w: rendered page of %d bytes", ErrBudget, fi.Size())
	}
	return os.ReadFile(name)
}

// childEnv points the children's temporary files at Config.TempDir.
func (e *Engine) childEnv() []string {
	if e.cfg.TempDir == "" {
		return nil
	}
	return []string{"TMPDIR=" + e.cfg.TempDir}
}

// toolLimits are the limits of pdfinfo and pdftoppm: half the time of
// tesseract's, three quarters of its memory (a page raster is at most
// MaxPixels bytes) and 1 MiB of output each way (their stdout is a few
// lines; their stderr only warnings, endless on some damaged files).
func (c Config) toolLimits() Limits {
	lim := c.Limits
	lim.MemoryBytes -= lim.MemoryBytes / 4
	lim.Deadline /= 2
	lim.CPUSeconds = (lim.CPUSeconds + 1) / 2
	lim.OutputBytes = 1 << 20
	return lim
}

func nonzero(v, def int64) int64 {
	if v > 0 {
		return v
	}
	return def
}

// Info is what pdfinfo says of a PDF.
type Info struct {
	Pages int        // number of pages
	Sizes []PageSize // sizes of the pages asked for, in order
}

var (
	infoPages = regexp.MustCompile(`^Pages:\s+(\d+)`)
	infoSize  = regexp.MustCompile(`^Page\s+(\d+)\s+size:\s+([0-9.]+)\s+x\s+([0-9.]+)\s+pts`)
)

// PDFInfo asks pdfinfo for the number of pages of the PDF at pdfPath and
// the sizes of pages first to last (clipped to the pages there are),
// under Config.Limits.
func (e *Engine) PDFInfo(ctx context.Context, pdfPath string, first, last int) (Info, error) {
	lim := e.cfg.toolLimits()
	lim.MemoryBytes /= 2 // pdfinfo renders nothing
	out, err := run(ctx, lim, e.childEnv(), e.pdfinfo, "-f", strconv.Itoa(max(first, 1)), "-l", strconv.Itoa(max(last, 1)), pdfPath)
	if err != nil {
		return Info{}, fmt.Errorf("%w: pdfinfo: %w", ErrPage, err)
	}
	var info Info
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if m := infoPages.FindStringSubmatch(line); m != nil {
			info.Pages, _ = strconv.Atoi(m[1])
		}
		if m := infoSize.FindStringSubmatch(line); m != nil {
			w, _ := strconv.ParseFloat(m[2], 64)
			h, _ := strconv.ParseFloat(m[3], 64)
			info.Sizes = append(info.Sizes, PageSize{W: w, H: h})
		}
	}
	return info, nil
}

// shrink scales an image larger than maxPixels down to fit, in gray.
func shrink(src imageSource, maxPixels int64) imageSource {
	b := src.img.Bounds()
	px := int64(b.Dx()) * int64(b.Dy())
	if maxPixels <= 0 || px <= maxPixels {
		return src
	}
	f := math.Sqrt(float64(maxPixels)/float64(px)) * 0.999
	g := toGray(src.img)
	src.img = nil
	return imageSource{img: scaleGray(g, f, draw.ApproxBiLinear), format: src.format, scale: f}
}

// blankShare is the share of inked pixels (1 in blankShare, at least 8
// pixels) below which a page is blank.
const blankShare = 50_000

// blank reports whether g has almost no pixel clearly darker or lighter
// than its background: nothing for tesseract to read.
func blank(g *image.Gray) bool {
	b := g.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return true
	}
	bg := int(background(g))
	limit := max(b.Dx()*b.Dy()/blankShare, 8)
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := g.Pix[(y-b.Min.Y)*g.Stride : (y-b.Min.Y)*g.Stride+b.Dx()]
		for _, p := range row {
			if d := int(p) - bg; d > 64 || d < -64 {
				if dark++; dark >= limit {
					return false
				}
			}
		}
	}
	return true
}

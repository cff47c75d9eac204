package ocr

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/image/draw"
)

// PagePNG renders page (1-based) of a PDF, or an image (page 1), as a
// colour PNG width pixels wide, its height in proportion, for showing the
// page with the boxes of its lines (extractors.Box) drawn over it: a PDF
// page is rendered by pdftoppm as for OCR (its MediaBox, turned by its
// /Rotate), an image as decoded (EXIF orientation ignored, as OCR reads
// it), so that the boxes' fractions of width and height fall on the same
// words. The image is made narrower than width when width × height would
// exceed Config.MaxPixels. The work runs under Config.Limits and
// Config.Timeout; a page that does not exist gives an error wrapping
// ErrPage, input that is not a PDF, PNG or JPEG one wrapping ErrImage.
func (e *Engine) PagePNG(ctx context.Context, data []byte, page, width int) ([]byte, error) {
	ctx, cancel := e.pageContext(ctx)
	defer cancel()
	if width < 1 {
		return nil, fmt.Errorf("ocr: page image %d pixels wide", width)
	}
	if bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return e.pdfPNG(ctx, data, page, width)
	}
	if page != 1 {
		return nil, fmt.Errorf("%w: page %d of an image", ErrPage, page)
	}
	src, err := decode(data, e.cfg.MaxDecodeBytes)
	if err != nil {
		return nil, err
	}
	b := src.img.Bounds()
	w := fitWidth(width, float64(b.Dy())/float64(b.Dx()), e.cfg.MaxPixels)
	h := max(int(math.Round(float64(w)*float64(b.Dy())/float64(b.Dx()))), 1)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src.img, b, draw.Src, nil)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("ocr: page image: %w", context.Cause(ctx))
	}
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return nil, fmt.Errorf("ocr: encode page image: %w", err)
	}
	return out.Bytes(), nil
}

// fitWidth is width, narrowed so that an image of aspect (height over
// width) stays within maxPixels.
func fitWidth(width int, aspect float64, maxPixels int64) int {
	if maxPixels > 0 && float64(width)*(float64(width)*aspect+1) > float64(maxPixels) {
		width = int(math.Sqrt(float64(maxPixels)/aspect)) - 1
	}
	return max(width, 1)
}

// pdfPNG renders page of the PDF in data with pdftoppm.
func (e *Engine) pdfPNG(ctx context.Context, data []byte, page, width int) ([]byte, error) {
	if page < 1 {
		return nil, fmt.Errorf("%w: page %d: pages are numbered from 1", ErrPage, page)
	}
	dir, err := os.MkdirTemp(e.cfg.TempDir, "ruku-page-png-")
	if err != nil {
		return nil, fmt.Errorf("ocr: page image: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("ocr: page image: %w", err)
	}
	info, err := e.PDFInfo(ctx, in, page, page)
	if err != nil {
		return nil, err
	}
	if page > info.Pages || len(info.Sizes) == 0 {
		return nil, fmt.Errorf("%w: page %d of %d", ErrPage, page, info.Pages)
	}
	s := info.Sizes[0]
	if !(s.W > 0 && s.H > 0) || math.IsInf(s.W, 0) || math.IsInf(s.H, 0) {
		return nil, fmt.Errorf("%w: page %d is %g × %g pt", ErrPage, page, s.W, s.H)
	}
	// pdfinfo gives the size before /Rotate: budget for the taller way.
	width = fitWidth(width, math.Max(s.W/s.H, s.H/s.W), e.cfg.MaxPixels)
	p := strconv.Itoa(page)
	out := filepath.Join(dir, "page")
	lim := e.cfg.toolLimits()
	// RGB pixels, PNG at worst a little larger than raw.
	lim.FileBytes = min(nonzero(lim.FileBytes, math.MaxInt64), 3*e.cfg.MaxPixels+e.cfg.MaxPixels/2+4096)
	if _, err := run(ctx, lim, e.childEnv(), e.pdftoppm, "-png", "-f", p, "-l", p, "-scale-to-x", strconv.Itoa(width), "-scale-to-y", "-1", "-singlefile", in, out); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("ocr: page image %d: %w", page, context.Cause(ctx))
		}
		return nil, fmt.Errorf("%w: pdftoppm page %d: %w", ErrPage, page, err)
	}
	img, err := readPGM(out+".png", lim.FileBytes)
	if err != nil {
		return nil, fmt.Errorf("%w: page image %d: %w", ErrPage, page, err)
	}
	return img, nil
}

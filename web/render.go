package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"ruku/extractors/ocr"
)

// PageRenderer draws one page of a file as an image for the page view.
// format is "pdf", "png", "jpeg" or what sniffFormat returns otherwise;
// page counts from 1; width is the wanted width in pixels. The result is a
// PNG (or, for an image file, the image as it is: PNG or JPEG); a page it
// cannot draw is an error wrapping errUnsupported where it can tell.
type PageRenderer interface {
	Render(ctx context.Context, file []byte, format string, page, width int) ([]byte, error)
}

// EngineRenderer draws pages with the OCR engine's PagePNG: a PDF page as
// OCR renders it, an image decoded as OCR reads it (EXIF orientation
// ignored), so that the evidence boxes fall on the words, and within the
// engine's pixel budget, limits and timeout.
type EngineRenderer struct {
	Engine *ocr.Engine
}

// Render implements PageRenderer.
func (r EngineRenderer) Render(ctx context.Context, file []byte, format string, page, width int) ([]byte, error) {
	switch format {
	case "png", "jpeg", "pdf":
	default:
		return nil, fmt.Errorf("format %q: %w", format, errUnsupported)
	}
	b, err := r.Engine.PagePNG(ctx, file, page, width)
	switch {
	case errors.Is(err, ocr.ErrPage):
		return nil, fmt.Errorf("page %d: %w: %w", page, errNotFound, err)
	case err != nil:
		return nil, fmt.Errorf("draw page %d: %w: %w", page, errUnsupported, err)
	}
	return b, nil
}

// sniffFormat names a file's format from its first bytes.
func sniffFormat(b []byte) string {
	switch http.DetectContentType(b) {
	case "application/pdf":
		return "pdf"
	case "image/png":
		return "png"
	case "image/jpeg":
		return "jpeg"
	}
	if bytes.HasPrefix(b, []byte("%PDF-")) {
		return "pdf"
	}
	return "unknown"
}

// imageCache keeps the latest rendered page images, evicting the oldest.
// Safe for concurrent use.
type imageCache struct {
	max int

	mu    sync.Mutex
	m     map[string][]byte
	order []string
}

func newImageCache(max int) *imageCache {
	return &imageCache{max: max, m: map[string][]byte{}}
}

func (c *imageCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[key]
	return b, ok
}

func (c *imageCache) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.m[key] = b
	c.order = append(c.order, key)
}

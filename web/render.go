package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strconv"
	"sync"
	"time"
)

// PageRenderer draws one page of a file as an image for the page view.
// format is "pdf", "png", "jpeg" or what sniffFormat returns otherwise;
// page counts from 1; width is the wanted width in pixels. The result is a
// PNG (or, for an image file, the image as it is: PNG or JPEG); a page it
// cannot draw is an error wrapping errUnsupported where it can tell.
type PageRenderer interface {
	Render(ctx context.Context, file []byte, format string, page, width int) ([]byte, error)
}

// DefaultRenderer draws PDF pages with poppler's pdftoppm and passes PNG
// and JPEG files through.
type DefaultRenderer struct {
	// Pdftoppm is the program (default "pdftoppm" on PATH).
	Pdftoppm string
	// Timeout bounds one drawing (default 30s).
	Timeout time.Duration
}

// Render implements PageRenderer.
func (d DefaultRenderer) Render(ctx context.Context, file []byte, format string, page, width int) ([]byte, error) {
	switch format {
	case "png", "jpeg":
		if page != 1 {
			return nil, fmt.Errorf("page %d of an image: %w", page, errNotFound)
		}
		return file, nil
	case "pdf":
	default:
		return nil, fmt.Errorf("format %q: %w", format, errUnsupported)
	}
	prog, timeout := d.Pdftoppm, d.Timeout
	if prog == "" {
		prog = "pdftoppm"
	}
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	p := strconv.Itoa(page)
	cmd := exec.CommandContext(ctx, prog, "-png", "-f", p, "-l", p, "-singlefile",
		"-scale-to-x", strconv.Itoa(width), "-scale-to-y", "-1", "-")
	cmd.Stdin = bytes.NewReader(file)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftoppm page %d: %w: %w: %s", page, errUnsupported, err, bytes.TrimSpace(errb.Bytes()))
	}
	if http.DetectContentType(out.Bytes()) != "image/png" {
		return nil, fmt.Errorf("pdftoppm page %d gave no PNG: %w", page, errUnsupported)
	}
	return out.Bytes(), nil
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

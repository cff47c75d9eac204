// Package ocr reads text from page images through the tesseract command-line
// tool: PNG and JPEG screenshots and photos, and the pages of image-only
// scanned PDFs rendered with pdftoppm.
//
// Images are preprocessed in Go before tesseract sees them: converted to
// grayscale, slightly rotated scans and photos deskewed (projection-profile
// search within ±Config.MaxSkew degrees) and, optionally, small images
// upscaled. Text is read from tesseract's TSV output so every line carries a
// confidence, and lines are rebuilt so that Chinese text has no spaces
// between characters while separate columns on one visual line stay
// separated by a space. Each line keeps a box per character on the input
// image (Line.Boxes), from tesseract's word boxes with the deskew undone;
// PagePNG renders the page image those boxes fall on, for a viewer.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"ruku/extractors"
)

// Sentinel errors owned by this package. Errors returned by the Engine wrap
// them, so callers can test with errors.Is.
var (
	// ErrNotInstalled means a required binary or tesseract language is
	// missing; the message says what to install.
	ErrNotInstalled = errors.New("ocr: required tool not installed")
	// ErrImage means the input bytes are not a decodable PNG or JPEG image.
	ErrImage = errors.New("ocr: not a readable PNG or JPEG image")
	// ErrPage means the requested PDF page does not exist or could not be
	// rendered.
	ErrPage = errors.New("ocr: PDF page cannot be rendered")
)

// Config configures an Engine. The zero value is not useful; start from
// DefaultConfig and override fields.
type Config struct {
	// Tesseract is the tesseract binary, a path or a name looked up in PATH.
	Tesseract string
	// Pdftoppm is the poppler pdftoppm binary, a path or a name in PATH.
	Pdftoppm string
	// Lang is the tesseract language list, e.g. "chi_sim" or "chi_sim+eng".
	Lang string
	// DPI is the resolution PDF pages are rendered at.
	DPI int
	// Timeout bounds the work on one page or image (rendering, preprocessing
	// and tesseract); zero means no limit beyond the caller's context.
	Timeout time.Duration
	// MinWidth: images narrower than this many pixels are upscaled ×2
	// (Catmull-Rom) before OCR. Zero, the default, disables it; PDF pages
	// are never upscaled, their size is set by DPI.
	MinWidth int
	// MaxSkew is the largest rotation in degrees that deskewing looks for
	// (both directions). Zero disables deskewing.
	MaxSkew float64
	// MaxPixels caps the raster tesseract reads: PDF pages are rendered at
	// a resolution below DPI when the page is so large that DPI would
	// exceed it, and larger images are scaled down after decoding.
	MaxPixels int64
	// MaxDecodeBytes caps the memory an image may take once decoded, read
	// from its header (width × height × bytes per pixel) before any
	// decoding: larger images are refused with ErrBudget.
	MaxDecodeBytes int64
	// MinDPI is the lowest resolution a page is rendered at; a page so large
	// that MaxPixels needs less is refused with ErrBudget.
	MinDPI int
	// Limits bound each child process (pdftoppm, pdfinfo, tesseract).
	Limits Limits
	// TempDir holds rendered pages and images for tesseract ("" is
	// os.TempDir()). See Engine.WithTempDir.
	TempDir string
}

// DefaultConfig returns the configuration measured best on the sample
// corpus (94 screenshots and photos, 21 scanned PDFs):
//
//   - Lang chi_sim: adding eng reads Chinese names as Latin garbage and
//     costs 60% more time.
//   - DPI 150: the scans are ~110 ppi JPEG pages; 150, 200 and 300 DPI read
//     the same fields (300 slightly worse) and 150 is the cheapest.
//   - MinWidth 0: upscaling ×2 below 1500 px read no field better (one USCC
//     and one name worse) and costs 55% more time, so it is off.
//   - MaxSkew 5: the scans lean 0.5–1.3°, which tesseract tolerates alone
//     (same field accuracy with and without deskew), but photos turned 2–3°
//     lose dates and names without it.
//   - Timeout 2 minutes per page: a page costs 1–2.5 s of CPU.
//   - MaxPixels 16 M: an A1 page at 142 DPI, a 4000×4000 photo; an A4 page
//     at 150 DPI is 2.2 M; larger images are scaled down to it. MaxDecodeBytes
//     128 MiB: a 64-megapixel JPEG photo (2 bytes a pixel) or a
//     32-megapixel RGBA screenshot decodes within it. MinDPI 10: below, no
//     character is legible.
func DefaultConfig() Config {
	return Config{
		Tesseract:      "tesseract",
		Pdftoppm:       "pdftoppm",
		Lang:           "chi_sim",
		DPI:            150,
		Timeout:        2 * time.Minute,
		MinWidth:       0,
		MaxSkew:        5,
		MaxPixels:      16_000_000,
		MaxDecodeBytes: 128 << 20,
		MinDPI:         10,
		Limits:         DefaultLimits(),
	}
}

// Engine runs OCR with a fixed Config. It holds no mutable state and is safe
// for concurrent use; each call starts its own tesseract process.
type Engine struct {
	cfg       Config
	tesseract string // resolved path
	pdftoppm  string // resolved path
	pdfinfo   string // resolved path
}

// New checks that tesseract and pdftoppm can be found and that every
// language in cfg.Lang is installed, and returns an Engine. Missing pieces are
// reported with the package to install, wrapping ErrNotInstalled.
func New(cfg Config) (*Engine, error) {
	def := DefaultConfig()
	if cfg.Tesseract == "" {
		cfg.Tesseract = def.Tesseract
	}
	if cfg.Pdftoppm == "" {
		cfg.Pdftoppm = def.Pdftoppm
	}
	if cfg.Lang == "" {
		cfg.Lang = def.Lang
	}
	if cfg.DPI <= 0 {
		cfg.DPI = def.DPI
	}
	if cfg.MaxPixels <= 0 {
		cfg.MaxPixels = def.MaxPixels
	}
	if cfg.MaxDecodeBytes <= 0 {
		cfg.MaxDecodeBytes = def.MaxDecodeBytes
	}
	if cfg.MinDPI <= 0 {
		cfg.MinDPI = def.MinDPI
	}
	if cfg.Limits == (Limits{}) {
		cfg.Limits = def.Limits
	}
	if cfg.MaxSkew < 0 || cfg.MaxSkew > 45 {
		return nil, fmt.Errorf("ocr: MaxSkew %.1f outside 0..45 degrees", cfg.MaxSkew)
	}
	tess, err := exec.LookPath(cfg.Tesseract)
	if err != nil {
		return nil, fmt.Errorf("%w: tesseract %q not found (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim): %v",
			ErrNotInstalled, cfg.Tesseract, err)
	}
	ppm, err := exec.LookPath(cfg.Pdftoppm)
	if err != nil {
		return nil, fmt.Errorf("%w: pdftoppm %q not found (apt-get install -y poppler-utils): %v",
			ErrNotInstalled, cfg.Pdftoppm, err)
	}
	info, err := exec.LookPath(filepath.Join(filepath.Dir(ppm), "pdfinfo"))
	if err != nil {
		return nil, fmt.Errorf("%w: pdfinfo next to %s not found (apt-get install -y poppler-utils): %v", ErrNotInstalled, ppm, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, tess, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%w: run %s --list-langs: %v: %s", ErrNotInstalled, tess, err, bytes.TrimSpace(out))
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(out), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	for _, l := range strings.Split(cfg.Lang, "+") {
		if !have[l] {
			pkg := "tesseract-ocr-" + strings.ReplaceAll(l, "_", "-")
			return nil, fmt.Errorf("%w: tesseract language %q not installed (apt-get install -y %s)", ErrNotInstalled, l, pkg)
		}
	}
	return &Engine{cfg: cfg, tesseract: tess, pdftoppm: ppm, pdfinfo: info}, nil
}

// Config returns the configuration the Engine runs with, defaults filled in.
func (e *Engine) Config() Config { return e.cfg }

// WithTempDir returns a copy of the Engine that keeps its temporary files
// in dir, such as a per-bundle directory removed when the bundle is done.
func (e *Engine) WithTempDir(dir string) *Engine {
	c := *e
	c.cfg.TempDir = dir
	return &c
}

// Mode selects tesseract's page segmentation for a kind of document.
type Mode int

// The page segmentation modes.
const (
	// ModeAuto picks the mode from the input: ModeDocument for PDF pages,
	// ModeScreenshot for images (screenshots and photos of licenses read
	// equally well with either on the corpus; rotated screenshots better
	// with ModeScreenshot).
	ModeAuto Mode = iota
	// ModeScreenshot treats the page as one uniform block of text (tesseract
	// --psm 6): a label and its value far to the right stay on one line.
	// Best for web-page screenshots such as Credit China query results.
	ModeScreenshot
	// ModeDocument runs full automatic layout analysis (tesseract --psm 3),
	// for scanned letters, licenses and leases with columns and stamps.
	ModeDocument
	// ModeInk reads like ModeScreenshot an image turned grey by each
	// pixel's darkest channel instead of its luma, so that coloured text
	// (a green 无相关记录, a red 存在记录) reads as dark as black: a second
	// reading for a screenshot whose coloured lines the first lost.
	ModeInk
)

// String names the mode.
func (m Mode) String() string {
	switch m {
	case ModeAuto:
		return "auto"
	case ModeScreenshot:
		return "screenshot"
	case ModeDocument:
		return "document"
	case ModeInk:
		return "ink"
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

func (m Mode) psm() string {
	if m == ModeDocument {
		return "3"
	}
	return "6"
}

// Line is one visual line of recognised text.
type Line struct {
	Text string  // NFKC-normalised; no spaces between CJK characters
	Conf float64 // mean word confidence 0..100
	// Boxes has one box per rune of Text on the input image (the page as
	// rendered, the image as decoded), in fractions of its size, origin
	// top-left: tesseract's word boxes split across their characters; a
	// space between words has the zero Box. Nil when not known.
	Boxes []extractors.Box
}

// Result is the text read from one image or page.
type Result struct {
	Lines []Line  // in tesseract's reading order
	Conf  float64 // mean word confidence 0..100 over the page; 0 when no text
	Angle float64 // deskew rotation applied, degrees counter-clockwise; 0 if none
	Scale float64 // scale factor applied before OCR: 2 for a small image upscaled, below 1 for one larger than Config.MaxPixels
	Mode  Mode    // the mode actually used (never ModeAuto)
	Blank bool    // the image showed nothing to read; tesseract was not run
}

// Text returns the lines joined by newlines.
func (r Result) Text() string {
	var b strings.Builder
	for _, l := range r.Lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// Boxes returns the lines' boxes, parallel to Strings.
func (r Result) Boxes() [][]extractors.Box {
	b := make([][]extractors.Box, len(r.Lines))
	for i, l := range r.Lines {
		b[i] = l.Boxes
	}
	return b
}

// Strings returns the line texts, the form extractors.Page.Lines holds.
func (r Result) Strings() []string {
	s := make([]string, len(r.Lines))
	for i, l := range r.Lines {
		s[i] = l.Text
	}
	return s
}

// Image OCRs PNG or JPEG bytes. Undecodable input returns an error wrapping
// ErrImage. The work is bounded by ctx and by Config.Timeout.
func (e *Engine) Image(ctx context.Context, img []byte, mode Mode) (Result, error) {
	ctx, cancel := e.pageContext(ctx)
	defer cancel()
	src, err := decode(img, e.cfg.MaxDecodeBytes)
	if err != nil {
		return Result{}, err
	}
	src = shrink(src, e.cfg.MaxPixels)
	return e.ocrImage(ctx, src, mode, 0)
}

// PDFPage renders page (1-based) of the PDF at pdfPath and OCRs it, like
// RenderPage with the page size asked of pdfinfo, then Read.
func (e *Engine) PDFPage(ctx context.Context, pdfPath string, page int, mode Mode) (Result, error) {
	ctx, cancel := e.pageContext(ctx)
	defer cancel()
	r, err := e.RenderPage(ctx, pdfPath, page, PageSize{})
	if err != nil {
		return Result{}, err
	}
	return e.Read(ctx, r, mode)
}

func (e *Engine) pageContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if e.cfg.Timeout > 0 {
		return context.WithTimeout(ctx, e.cfg.Timeout)
	}
	return context.WithCancel(ctx)
}

// ocrImage preprocesses a decoded image, writes it to a temporary PNG and
// runs tesseract over it.
// dpi is the resolution of a rendered PDF page, 0 for an image.
func (e *Engine) ocrImage(ctx context.Context, src imageSource, mode Mode, dpi int) (Result, error) {
	rendered := dpi > 0
	if mode < ModeAuto || mode > ModeInk {
		return Result{}, fmt.Errorf("ocr: unknown %v", mode)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("ocr: %w", context.Cause(ctx))
	}
	minWidth := e.cfg.MinWidth
	if rendered {
		minWidth = 0 // the render DPI decides the size of PDF pages
	}
	pre, err := preprocess(ctx, src.img, mode == ModeInk, minWidth, e.cfg.MaxSkew)
	if err != nil {
		return Result{}, fmt.Errorf("ocr: preprocess: %w", context.Cause(ctx))
	}
	if mode == ModeAuto {
		mode = ModeScreenshot
		if rendered {
			mode = ModeDocument
		}
	}
	res := Result{Angle: pre.angle, Scale: pre.scale * src.scale, Mode: mode}
	if blank(pre.gray) {
		res.Blank = true
		return res, nil // nothing for tesseract to read
	}

	f, err := os.CreateTemp(e.cfg.TempDir, "ruku-ocr-*.png")
	if err != nil {
		return res, fmt.Errorf("ocr: temp image: %w", err)
	}
	name := f.Name()
	defer os.Remove(name)
	if err = encodePNG(f, pre.gray); err != nil {
		f.Close()
		return res, fmt.Errorf("ocr: write temp image: %w", err)
	}
	if err = f.Close(); err != nil {
		return res, fmt.Errorf("ocr: write temp image: %w", err)
	}

	args := []string{name, "stdout", "-l", e.cfg.Lang, "--psm", mode.psm()}
	if rendered {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	args = append(args, "tsv")
	tsv, err := e.runTesseract(ctx, args)
	if err != nil {
		return res, err
	}
	words, err := parseTSV(tsv)
	if err != nil {
		return res, fmt.Errorf("ocr: %w", err)
	}
	newPlacer(pre.gray.Rect.Dx(), pre.gray.Rect.Dy(), pre.angle).place(words)
	res.Lines, res.Conf = buildLines(words)
	return res, nil
}

func (e *Engine) runTesseract(ctx context.Context, args []string) ([]byte, error) {
	out, err := run(ctx, e.cfg.Limits, e.childEnv(), e.tesseract, args...)
	if err != nil {
		return nil, fmt.Errorf("ocr: tesseract: %w", err)
	}
	return out, nil
}

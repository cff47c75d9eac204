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
// separated by a space.
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
func DefaultConfig() Config {
	return Config{
		Tesseract: "tesseract",
		Pdftoppm:  "pdftoppm",
		Lang:      "chi_sim",
		DPI:       150,
		Timeout:   2 * time.Minute,
		MinWidth:  0,
		MaxSkew:   5,
	}
}

// Engine runs OCR with a fixed Config. It holds no mutable state and is safe
// for concurrent use; each call starts its own tesseract process.
type Engine struct {
	cfg       Config
	tesseract string // resolved path
	pdftoppm  string // resolved path
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
	return &Engine{cfg: cfg, tesseract: tess, pdftoppm: ppm}, nil
}

// Config returns the configuration the Engine runs with, defaults filled in.
func (e *Engine) Config() Config { return e.cfg }

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
}

// Result is the text read from one image or page.
type Result struct {
	Lines []Line  // in tesseract's reading order
	Conf  float64 // mean word confidence 0..100 over the page; 0 when no text
	Angle float64 // deskew rotation applied, degrees counter-clockwise; 0 if none
	Scale float64 // scale factor applied before OCR (1 or 2)
	Mode  Mode    // the mode actually used (never ModeAuto)
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
	src, err := decode(img)
	if err != nil {
		return Result{}, err
	}
	return e.ocrImage(ctx, src, mode, false)
}

// PDFPage renders page (1-based) of the PDF at pdfPath with pdftoppm at
// Config.DPI into a temporary directory and OCRs it. A page that does not
// exist returns an error wrapping ErrPage.
func (e *Engine) PDFPage(ctx context.Context, pdfPath string, page int, mode Mode) (Result, error) {
	if page < 1 {
		return Result{}, fmt.Errorf("%w: page %d of %s: pages are numbered from 1", ErrPage, page, pdfPath)
	}
	ctx, cancel := e.pageContext(ctx)
	defer cancel()
	dir, err := os.MkdirTemp("", "ruku-ocr-pdf-")
	if err != nil {
		return Result{}, fmt.Errorf("ocr: render page %d of %s: %w", page, pdfPath, err)
	}
	defer os.RemoveAll(dir)
	p := strconv.Itoa(page)
	out := filepath.Join(dir, "page")
	cmd := exec.CommandContext(ctx, e.pdftoppm, "-r", strconv.Itoa(e.cfg.DPI), "-f", p, "-l", p,
		"-gray", "-singlefile", pdfPath, out)
	cmd.WaitDelay = time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return Result{}, fmt.Errorf("ocr: render page %d of %s: %w", page, pdfPath, context.Cause(ctx))
		}
		return Result{}, fmt.Errorf("%w: pdftoppm page %d of %s: %v: %s", ErrPage, page, pdfPath, err, bytes.TrimSpace(stderr.Bytes()))
	}
	data, err := os.ReadFile(out + ".pgm")
	if err != nil {
		// pdftoppm exits 0 and writes nothing for a page past the end.
		return Result{}, fmt.Errorf("%w: page %d of %s: %v", ErrPage, page, pdfPath, err)
	}
	img, err := decodePGM(data)
	if err != nil {
		return Result{}, fmt.Errorf("%w: page %d of %s: %v", ErrPage, page, pdfPath, err)
	}
	return e.ocrImage(ctx, imageSource{img: img, format: "pgm"}, mode, true)
}

func (e *Engine) pageContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if e.cfg.Timeout > 0 {
		return context.WithTimeout(ctx, e.cfg.Timeout)
	}
	return context.WithCancel(ctx)
}

// ocrImage preprocesses a decoded image, writes it to a temporary PNG and
// runs tesseract over it.
func (e *Engine) ocrImage(ctx context.Context, src imageSource, mode Mode, rendered bool) (Result, error) {
	if mode < ModeAuto || mode > ModeDocument {
		return Result{}, fmt.Errorf("ocr: unknown %v", mode)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("ocr: %w", context.Cause(ctx))
	}
	minWidth := e.cfg.MinWidth
	if rendered {
		minWidth = 0 // the render DPI decides the size of PDF pages
	}
	pre, err := preprocess(ctx, src.img, minWidth, e.cfg.MaxSkew)
	if err != nil {
		return Result{}, fmt.Errorf("ocr: preprocess: %w", context.Cause(ctx))
	}
	if mode == ModeAuto {
		mode = ModeScreenshot
		if rendered {
			mode = ModeDocument
		}
	}
	res := Result{Angle: pre.angle, Scale: pre.scale, Mode: mode}

	f, err := os.CreateTemp("", "ruku-ocr-*.png")
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
		args = append(args, "--dpi", strconv.Itoa(e.cfg.DPI))
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
	res.Lines, res.Conf = buildLines(words)
	return res, nil
}

func (e *Engine) runTesseract(ctx context.Context, args []string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, e.tesseract, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("ocr: tesseract: %w", context.Cause(ctx))
		}
		return nil, fmt.Errorf("ocr: tesseract: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return stdout.Bytes(), nil
}

// Package load turns a file's bytes into an extractors.Doc: it recognises the
// format by content, reads the PDF text layer, sends pages whose text layer
// fails the quality gate to OCR, OCRs images, and reads sheets and DOCX.
package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"ruku/extractors"
	"ruku/extractors/docx"
	"ruku/extractors/ocr"
	"ruku/extractors/parse"
	"ruku/extractors/pdftext"
	"ruku/extractors/sheet"
)

// ErrUnsupported is returned (wrapped) for a format ruku cannot read.
var ErrUnsupported = errors.New("unsupported file type")

// ErrNoText is returned (wrapped) when a document yields no text at all.
var ErrNoText = errors.New("no readable text")

// ErrBudget is returned (wrapped) when a file needs more than its share of
// a Budget: what was read within the budget is kept, the rest is named in
// the error.
var ErrBudget = errors.New("over resource budget")

// Budget bounds the pages read from the files of one bundle. Zero fields
// take the values of DefaultBudget.
type Budget struct {
	// MaxPages is the number of pages of one PDF whose text layer is read.
	MaxPages int
	// MaxOCRPages is the number of pages of one file that are OCRed.
	MaxOCRPages int
	// MaxBundleOCRPages is the number of pages OCRed over the whole bundle
	// (over every file one Loader reads).
	MaxBundleOCRPages int
	// MaxBlankRun stops OCR of a file after this many pages in a row that
	// showed nothing at all: a document does not start with so many blank
	// pages, a padded file does.
	MaxBlankRun int
}

// DefaultBudget returns 2,000 text pages and 40 OCR pages per file, 150 OCR
// pages per bundle and 10 blank pages in a row: the largest sample bundle
// OCRs under 30 pages, a page costs 1–2.5 s of CPU, so the budget keeps a
// bundle within minutes.
func DefaultBudget() Budget {
	return Budget{MaxPages: 2000, MaxOCRPages: 40, MaxBundleOCRPages: 150, MaxBlankRun: 10}
}

func (b Budget) withDefaults() Budget {
	d := DefaultBudget()
	if b.MaxPages <= 0 {
		b.MaxPages = d.MaxPages
	}
	if b.MaxOCRPages <= 0 {
		b.MaxOCRPages = d.MaxOCRPages
	}
	if b.MaxBundleOCRPages <= 0 {
		b.MaxBundleOCRPages = d.MaxBundleOCRPages
	}
	if b.MaxBlankRun <= 0 {
		b.MaxBlankRun = d.MaxBlankRun
	}
	return b
}

// Loader reads documents. OCR may be nil: pages that need it then carry an
// empty text and a reason, and images give an error. A Loader counts the
// pages it OCRs against Budget.MaxBundleOCRPages, so use one Loader per
// bundle; it is safe for concurrent use.
type Loader struct {
	OCR    *ocr.Engine
	Budget Budget
	// TempDir holds the files written for OCR ("" is os.TempDir()); see
	// NewTempDir.
	TempDir string

	ocrPages atomic.Int64 // pages OCRed (or started) by this Loader
}

// takeOCRPage reserves one page of the bundle's OCR budget.
func (l *Loader) takeOCRPage() bool {
	if l.ocrPages.Add(1) > int64(l.Budget.withDefaults().MaxBundleOCRPages) {
		l.ocrPages.Add(-1)
		return false
	}
	return true
}

// engine is the OCR engine writing into the Loader's TempDir.
func (l *Loader) engine() *ocr.Engine {
	if l.TempDir == "" {
		return l.OCR
	}
	return l.OCR.WithTempDir(l.TempDir)
}

// Sniff recognises the format of data from its first bytes.
func Sniff(data []byte) extractors.Format {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return extractors.FormatPDF
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")), bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return extractors.FormatImage
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		switch {
		case bytes.Contains(data, []byte("xl/workbook")), bytes.Contains(data, []byte("xl/worksheets")):
			return extractors.FormatXLSX
		case bytes.Contains(data, []byte("word/document")):
			return extractors.FormatDOCX
		}
	}
	return extractors.FormatUnknown
}

// Load reads the file at path (its name inside the bundle) with content data.
// The returned Doc is never nil: on error it holds what could be read.
func (l *Loader) Load(ctx context.Context, path string, data []byte) (*extractors.Doc, error) {
	d := &extractors.Doc{Path: path, Format: Sniff(data)}
	var err error
	switch d.Format {
	case extractors.FormatPDF:
		err = l.pdf(ctx, d, data)
	case extractors.FormatImage:
		err = l.image(ctx, d, data)
	case extractors.FormatXLSX:
		d.Sheets, err = sheet.Read(ctx, bytes.NewReader(data), int64(len(data)))
		if err != nil {
			err = fmt.Errorf("read spreadsheet: %w", err)
		}
	case extractors.FormatDOCX:
		var lines []string
		lines, err = docx.Read(ctx, bytes.NewReader(data), int64(len(data)))
		if err != nil {
			err = fmt.Errorf("read DOCX: %w", err)
		}
		d.Pages = []extractors.Page{{Number: 1, Method: extractors.MethodText, Reason: "DOCX text", Lines: normLines(lines)}}
	default:
		err = unsupported(data)
	}
	if err == nil && strings.TrimSpace(d.Text()) == "" {
		err = ErrNoText
	}
	return d, err
}

func unsupported(data []byte) error {
	switch {
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return fmt.Errorf("%w: old Office (.xls/.doc) or encrypted Office file: convert to XLSX or PDF", ErrUnsupported)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return fmt.Errorf("%w: a zip that is neither XLSX nor DOCX (OFD, nested archive?): convert to PDF", ErrUnsupported)
	case bytes.HasPrefix(data, []byte("GIF8")), bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")),
		bytes.HasPrefix(data, []byte("BM")), len(data) > 12 && bytes.Equal(data[8:12], []byte("WEBP")):
		return fmt.Errorf("%w: image format not supported: convert to PNG, JPEG or PDF", ErrUnsupported)
	case len(data) == 0:
		return fmt.Errorf("%w: empty file", ErrUnsupported)
	}
	return fmt.Errorf("%w: not a PDF, XLSX, DOCX, PNG or JPEG file", ErrUnsupported)
}

func normLines(lines []string) []string {
	out, _ := normBoxed(lines, nil)
	return out
}

// normBoxed cleans lines (parse.Clean), dropping those left empty, and
// keeps their boxes (one list per line, see extractors.Page.Boxes)
// aligned with the cleaned text: a line that cleaning changes has its
// boxes carried through the same normalisation, or keeps one box for the
// whole line when they cannot be. Without boxes (nil) the boxes returned
// are nil.
func normBoxed(lines []string, boxes [][]extractors.Box) ([]string, [][]extractors.Box) {
	out := make([]string, 0, len(lines))
	var outBoxes [][]extractors.Box
	if boxes != nil {
		outBoxes = make([][]extractors.Box, 0, len(lines))
	}
	for i, s := range lines {
		c := parse.Clean(s)
		if c == "" {
			continue
		}
		out = append(out, c)
		if boxes == nil {
			continue
		}
		var b []extractors.Box
		if i < len(boxes) {
			b = boxes[i]
		}
		if c != s && len(b) > 1 {
			t, nb := extractors.NormalizeBoxes(s, extractors.LineBoxes(s, b), nil)
			if t == c && nb != nil {
				b = nb
			} else {
				b = []extractors.Box{extractors.UnionBoxes(b)}
			}
		}
		outBoxes = append(outBoxes, b)
	}
	return out, outBoxes
}

func (l *Loader) image(ctx context.Context, d *extractors.Doc, data []byte) error {
	if l.OCR == nil {
		return fmt.Errorf("image needs OCR, which is not configured")
	}
	if !l.takeOCRPage() {
		return fmt.Errorf("%w: the bundle's %d OCR pages are spent; image not read", ErrBudget, l.Budget.withDefaults().MaxBundleOCRPages)
	}
	res, err := l.engine().Image(ctx, data, ocr.ModeAuto)
	if err != nil {
		return fmt.Errorf("OCR image: %w", err)
	}
	// As for scanned pages: a sparse block reading (a photographed
	// certificate's boxed table) is read again with layout analysis.
	if res.Mode != ocr.ModeDocument && textWeight(res) < sparseChars {
		if layout, err := l.engine().Image(ctx, data, ocr.ModeDocument); err == nil && textWeight(layout) > textWeight(res) {
			res = layout
		}
	}
	d.Pages = []extractors.Page{ocrPage(1, res, "image")}
	return nil
}

// ReadAgain reads an image a second way, its coloured text darkened
// (ocr.ModeInk), and returns that reading as a Doc of its own, for a
// caller whose extractor could not read all it looked for in d, the first
// reading (a short green line between boxes may be lost by it). Only
// images have a second reading; for other formats it returns nil and no
// error. It takes a page of the bundle's OCR budget.
func (l *Loader) ReadAgain(ctx context.Context, d *extractors.Doc, data []byte) (*extractors.Doc, error) {
	if d.Format != extractors.FormatImage || l.OCR == nil || len(d.Pages) == 0 {
		return nil, nil
	}
	if !l.takeOCRPage() {
		return nil, fmt.Errorf("%w: the bundle's %d OCR pages are spent; image not read again", ErrBudget, l.Budget.withDefaults().MaxBundleOCRPages)
	}
	res, err := l.engine().Image(ctx, data, ocr.ModeInk)
	if err != nil {
		return nil, fmt.Errorf("OCR image, coloured text darkened: %w", err)
	}
	return &extractors.Doc{Path: d.Path, Format: d.Format, Pages: []extractors.Page{ocrPage(1, res, "image, coloured text darkened")}}, nil
}

func ocrPage(n int, res ocr.Result, why string) extractors.Page {
	lines, boxes := normBoxed(res.Strings(), res.Boxes())
	return extractors.Page{Number: n, Method: extractors.MethodOCR, Reason: why, Lines: lines, Boxes: boxes, Conf: res.Conf}
}

func (l *Loader) pdf(ctx context.Context, d *extractors.Doc, data []byte) error {
	budget := l.Budget.withDefaults()
	rep, perr := pdftext.ReadPages(ctx, bytes.NewReader(data), int64(len(data)), budget.MaxPages)
	if errors.Is(perr, pdftext.ErrEncrypted) {
		return fmt.Errorf("encrypted PDF: submit it without a password: %w", perr)
	}
	d.Warnings = append(d.Warnings, rep.Warnings...)
	var over []error // budget overruns, reported with what was read
	pages := rep.Pages
	if rep.Total > len(pages) {
		over = append(over, fmt.Errorf("%w: %d pages, only the first %d read", ErrBudget, rep.Total, len(pages)))
	}
	var need []int
	sizes := map[int]ocr.PageSize{}
	for _, p := range pages {
		lines, boxes := normBoxed(p.Lines, p.Boxes)
		pg := extractors.Page{Number: p.Number, Method: extractors.MethodText, Reason: "text layer", Lines: lines, Boxes: boxes}
		if ocrNeeded, why := pdftext.NeedsOCR(p); ocrNeeded {
			pg.Reason = why
			need = append(need, len(d.Pages))
			sizes[p.Number] = ocr.PageSize{W: p.Width, H: p.Height}
		}
		d.Pages = append(d.Pages, pg)
	}
	if len(need) == 0 && perr == nil {
		return errors.Join(over...)
	}
	if l.OCR == nil {
		if perr != nil {
			return fmt.Errorf("read PDF: %w", perr)
		}
		return errors.Join(over...) // pages keep their reason; checks see no text
	}
	tmp, err := writeTemp(l.TempDir, data)
	if err != nil {
		return err
	}
	defer os.RemoveAll(filepath.Dir(tmp))
	eng := l.engine()
	if perr != nil {
		// The text layer could not be read at all: OCR what poppler renders.
		d.Pages = nil
		info, err := eng.PDFInfo(ctx, tmp, 1, budget.MaxOCRPages)
		if err == nil && info.Pages == 0 {
			err = errors.New("no pages")
		}
		if err != nil {
			return fmt.Errorf("read PDF: %w; OCR fallback: %v", perr, err)
		}
		n := min(info.Pages, budget.MaxOCRPages, len(info.Sizes))
		var firstErr error
		blanks := 0
		for i := 0; i < n; i++ {
			if blanks >= budget.MaxBlankRun {
				over = append(over, fmt.Errorf("%w: %d blank pages in a row; pages %d to %d not OCRed", ErrBudget, blanks, i+1, info.Pages))
				break
			}
			if !l.takeOCRPage() {
				over = append(over, fmt.Errorf("%w: the bundle's %d OCR pages are spent; pages %d to %d not read", ErrBudget, budget.MaxBundleOCRPages, i+1, info.Pages))
				break
			}
			l.noteDPI(d, eng, i+1, info.Sizes[i])
			res, err := l.ocrPDFPage(ctx, eng, tmp, i+1, info.Sizes[i])
			if err != nil {
				if ctx.Err() != nil {
					return fmt.Errorf("OCR page %d: %w", i+1, err)
				}
				if firstErr == nil {
					firstErr = fmt.Errorf("OCR page %d: %w", i+1, err)
				}
				d.Pages = append(d.Pages, extractors.Page{Number: i + 1, Method: extractors.MethodOCR, Reason: "text layer unreadable; OCR failed: " + err.Error()})
				continue
			}
			d.Pages = append(d.Pages, ocrPage(i+1, res, "text layer unreadable: "+perr.Error()))
			blanks = blankRun(blanks, res)
		}
		if info.Pages > budget.MaxOCRPages && blanks < budget.MaxBlankRun {
			over = append(over, fmt.Errorf("%w: %d pages to OCR, only the first %d read", ErrBudget, info.Pages, budget.MaxOCRPages))
		}
		if firstErr != nil && strings.TrimSpace(d.Text()) == "" {
			return fmt.Errorf("read PDF: %w; OCR fallback: %v", perr, firstErr)
		}
		d.Warnings = append(d.Warnings, "text layer unreadable, pages read by OCR: "+perr.Error())
		return errors.Join(over...)
	}
	done, blanks := 0, 0
	for k, i := range need {
		pg := &d.Pages[i]
		if done >= budget.MaxOCRPages || blanks >= budget.MaxBlankRun || !l.takeOCRPage() {
			why := fmt.Sprintf("the file's %d OCR pages are spent", budget.MaxOCRPages)
			switch {
			case blanks >= budget.MaxBlankRun:
				why = fmt.Sprintf("%d pages in a row were blank", blanks)
			case done < budget.MaxOCRPages:
				why = fmt.Sprintf("the bundle's %d OCR pages are spent", budget.MaxBundleOCRPages)
			}
			over = append(over, fmt.Errorf("%w: %d pages need OCR, %s: %d pages not read (from page %d)",
				ErrBudget, len(need), why, len(need)-k, pg.Number))
			for _, j := range need[k:] {
				d.Pages[j].Reason += "; not OCRed: over budget"
			}
			break
		}
		done++
		l.noteDPI(d, eng, pg.Number, sizes[pg.Number])
		res, err := l.ocrPDFPage(ctx, eng, tmp, pg.Number, sizes[pg.Number])
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("OCR page %d: %w", pg.Number, err)
			}
			pg.Reason += "; OCR failed: " + err.Error()
			if errors.Is(err, ocr.ErrBudget) {
				over = append(over, fmt.Errorf("OCR page %d: %w", pg.Number, err))
			}
			continue
		}
		*pg = ocrPage(pg.Number, res, pg.Reason)
		blanks = blankRun(blanks, res)
	}
	return errors.Join(over...)
}

// noteDPI warns when a page is so large that it is rendered below the
// configured resolution, so small print may be lost.
func (l *Loader) noteDPI(d *extractors.Doc, eng *ocr.Engine, page int, size ocr.PageSize) {
	if size == (ocr.PageSize{}) {
		return
	}
	cfg := eng.Config()
	if dpi, err := eng.RenderDPI(size); err == nil && dpi < cfg.DPI {
		d.Warnings = append(d.Warnings, fmt.Sprintf("page %d is %.0f × %.0f pt: rendered at %d DPI instead of %d to stay within %d pixels; small print may be lost",
			page, size.W, size.H, dpi, cfg.DPI, cfg.MaxPixels))
	}
}

// blankRun is the number of blank pages in a row after a page read as res.
func blankRun(run int, res ocr.Result) int {
	if res.Blank {
		return run + 1
	}
	return 0
}

// sparseChars is the amount of text below which a page read as one block
// is read again with full layout analysis: boxed tables (a property
// certificate) come out nearly empty in block mode.
const sparseChars = 200

// ocrPDFPage renders a scanned page once and reads it as one uniform block
// first (tesseract psm 6 keeps a label and its value on one line, as
// licenses and forms need); when that yields little text it also runs
// layout analysis (psm 3) and keeps the reading with more confident text.
// A zero size is asked of pdfinfo.
func (l *Loader) ocrPDFPage(ctx context.Context, eng *ocr.Engine, path string, page int, size ocr.PageSize) (ocr.Result, error) {
	r, err := eng.RenderPage(ctx, path, page, size)
	if err != nil {
		return ocr.Result{}, err
	}
	block, err := eng.Read(ctx, r, ocr.ModeScreenshot)
	if err != nil || textWeight(block) >= sparseChars {
		return block, err
	}
	layout, err := eng.Read(ctx, r, ocr.ModeDocument)
	if err != nil || textWeight(layout) <= textWeight(block) {
		return block, nil
	}
	return layout, nil
}

// textWeight is the number of non-space characters read, weighted by the
// page's mean confidence.
func textWeight(r ocr.Result) float64 {
	n := 0
	for _, l := range r.Lines {
		for _, c := range l.Text {
			if c != ' ' {
				n++
			}
		}
	}
	return float64(n) * r.Conf / 100
}

func writeTemp(base string, data []byte) (string, error) {
	dir, err := os.MkdirTemp(base, "ruku-load-")
	if err != nil {
		return "", fmt.Errorf("temp dir for OCR: %w", err)
	}
	p := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("temp file for OCR: %w", err)
	}
	return p, nil
}

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

// maxOCRPages bounds the pages OCRed from one PDF when its text layer
// cannot be read at all.
const maxOCRPages = 40

// Loader reads documents. OCR may be nil: pages that need it then carry an
// empty text and a reason, and images give an error.
type Loader struct {
	OCR *ocr.Engine
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
	if err == nil && d.Text() == "" {
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
	out := make([]string, 0, len(lines))
	for _, s := range lines {
		if s = parse.Clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (l *Loader) image(ctx context.Context, d *extractors.Doc, data []byte) error {
	if l.OCR == nil {
		return fmt.Errorf("image needs OCR, which is not configured")
	}
	res, err := l.OCR.Image(ctx, data, ocr.ModeAuto)
	if err != nil {
		return fmt.Errorf("OCR image: %w", err)
	}
	d.Pages = []extractors.Page{ocrPage(1, res, "image")}
	return nil
}

func ocrPage(n int, res ocr.Result, why string) extractors.Page {
	return extractors.Page{Number: n, Method: extractors.MethodOCR, Reason: why, Lines: normLines(res.Strings()), Conf: res.Conf}
}

func (l *Loader) pdf(ctx context.Context, d *extractors.Doc, data []byte) error {
	pages, perr := pdftext.Read(ctx, bytes.NewReader(data), int64(len(data)))
	if errors.Is(perr, pdftext.ErrEncrypted) {
		return fmt.Errorf("encrypted PDF: submit it without a password: %w", perr)
	}
	var need []int
	for _, p := range pages {
		pg := extractors.Page{Number: p.Number, Method: extractors.MethodText, Reason: "text layer", Lines: normLines(p.Lines)}
		if ocrNeeded, why := pdftext.NeedsOCR(p); ocrNeeded {
			pg.Reason = why
			need = append(need, len(d.Pages))
		}
		d.Pages = append(d.Pages, pg)
	}
	if len(need) == 0 && perr == nil {
		return nil
	}
	if l.OCR == nil {
		if perr != nil {
			return fmt.Errorf("read PDF: %w", perr)
		}
		return nil // pages keep their reason; checks see no text
	}
	tmp, err := writeTemp(data)
	if err != nil {
		return err
	}
	defer os.RemoveAll(filepath.Dir(tmp))
	if perr != nil {
		// The text layer could not be read at all: OCR what poppler renders.
		d.Pages = nil
		for n := 1; n <= maxOCRPages; n++ {
			res, err := l.ocrPDFPage(ctx, tmp, n)
			if err != nil {
				if n == 1 {
					return fmt.Errorf("read PDF: %w; OCR fallback: %v", perr, err)
				}
				break
			}
			d.Pages = append(d.Pages, ocrPage(n, res, "text layer unreadable: "+perr.Error()))
		}
		return nil
	}
	for _, i := range need {
		pg := &d.Pages[i]
		res, err := l.ocrPDFPage(ctx, tmp, pg.Number)
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("OCR page %d: %w", pg.Number, err)
			}
			pg.Reason += "; OCR failed: " + err.Error()
			continue
		}
		*pg = ocrPage(pg.Number, res, pg.Reason)
	}
	return nil
}

// sparseChars is the amount of text below which a page read as one block
// is read again with full layout analysis: boxed tables (a property
// certificate) come out nearly empty in block mode.
const sparseChars = 200

// ocrPDFPage reads a scanned page as one uniform block first (tesseract psm
// 6 keeps a label and its value on one line, as licenses and forms need);
// when that yields little text it also runs layout analysis (psm 3) and
// keeps the reading with more confident text.
func (l *Loader) ocrPDFPage(ctx context.Context, path string, page int) (ocr.Result, error) {
	block, err := l.OCR.PDFPage(ctx, path, page, ocr.ModeScreenshot)
	if err != nil || textWeight(block) >= sparseChars {
		return block, err
	}
	layout, err := l.OCR.PDFPage(ctx, path, page, ocr.ModeDocument)
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

func writeTemp(data []byte) (string, error) {
	dir, err := os.MkdirTemp("", "ruku-load-")
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

// Package extractors holds the document model every extractor reads: a file
// turned into pages of text lines or sheets of cells, and the provenance that
// every extracted fact carries back to the page it came from.
package extractors

import (
	"strings"
	"time"
)

// Method says how the text of a page or document was obtained.
type Method string

// The methods a dossier reports for an input.
const (
	MethodText  Method = "text"  // a PDF or DOCX text layer
	MethodOCR   Method = "ocr"   // tesseract over a page image
	MethodSheet Method = "sheet" // spreadsheet cells
)

// Format is the container format recognised from a file's bytes.
type Format string

// Formats recognised by content (magic bytes), never by file name.
const (
	FormatPDF     Format = "pdf"
	FormatXLSX    Format = "xlsx"
	FormatDOCX    Format = "docx"
	FormatImage   Format = "image"
	FormatUnknown Format = "unknown"
)

// Page is one page of a document as lines of text in reading order. Runs of
// text on the same visual line are joined into one line, separated by a
// space where the page shows a gap between them.
type Page struct {
	Number int      // 1-based page number
	Method Method   // text or ocr
	Reason string   // why this method was used, for the dossier
	Lines  []string // NFKC-normalised lines, in reading order
	Conf   float64  // mean OCR confidence 0..100 when Method is ocr
	// Boxes, when not nil, runs parallel to Lines: Boxes[i] is one Box
	// per rune of Lines[i] (the zero Box for a space standing for a gap),
	// or a single Box covering the whole line when its characters could
	// not be kept aligned with its text, or nil when the line has no
	// position. Text-layer and OCR pages have boxes; DOCX pages do not.
	// See LineBoxes and package locate.
	Boxes [][]Box
}

// Sheet is one worksheet: its name and its rows of cell values as text.
// Numbers are raw values (no thousands separators), dates as the sheet
// stores them (often an Excel serial number).
type Sheet struct {
	Name string
	Rows [][]string
}

// Doc is one input file after its text layer, OCR or cells have been read.
type Doc struct {
	Path   string // path inside the bundle, slash-separated
	Format Format
	Pages  []Page  // PDF, image and DOCX content
	Sheets []Sheet // XLSX content
	// Warnings say what was damaged or repaired in the file and what was
	// lost (a PDF whose cross-reference data was rebuilt, pages missing),
	// for the dossier; the content read is still used.
	Warnings []string
}

// Method is the document's overall method: sheet for spreadsheets, ocr when
// any page was read by OCR, text otherwise.
func (d *Doc) Method() Method {
	if len(d.Sheets) > 0 || d.Format == FormatXLSX {
		return MethodSheet
	}
	for _, p := range d.Pages {
		if p.Method == MethodOCR {
			return MethodOCR
		}
	}
	return MethodText
}

// Text returns all lines of all pages, pages separated by a blank line.
// Sheets are rendered one row a line, cells separated by tabs.
func (d *Doc) Text() string {
	var b strings.Builder
	for i, p := range d.Pages {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, l := range p.Lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	for _, s := range d.Sheets {
		for _, r := range s.Rows {
			b.WriteString(strings.Join(r, "\t"))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Evidence says where a value was read: the file, the page (or sheet and
// row), the text it was read from and how that text was obtained. Boxes,
// when known, are where the snippet's words are on the page image, a
// rectangle per line; the pipeline fills them in (package locate) after
// extraction. Evidence is comparable (a map key, ==).
type Evidence struct {
	Path    string `json:"path"`
	Page    int    `json:"page,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`
	Snippet string `json:"snippet"`
	Method  Method `json:"method"`
	Boxes   Rects  `json:"boxes,omitzero"`
}

// LineEvidence is the evidence for line text on page p of d.
func (d *Doc) LineEvidence(p *Page, text string) Evidence {
	return Evidence{Path: d.Path, Page: p.Number, Snippet: Clip(text), Method: p.Method}
}

// RowEvidence is the evidence for a sheet row (1-based, as the sheet shows it).
func (d *Doc) RowEvidence(sheet string, row int, cells []string) Evidence {
	return Evidence{Path: d.Path, Sheet: sheet, Row: row, Snippet: Clip(strings.Join(cells, " | ")), Method: MethodSheet}
}

// Clip shortens a snippet to at most 120 characters.
func Clip(s string) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}

// Field is a value read from a document, with its provenance. OK is false
// when the value was not found. Doubt, when not empty, says why the value
// cannot be trusted (OCR uncertainty, conflicting readings); checks turn a
// doubtful value into needs_review rather than pass or fail.
type Field[T any] struct {
	Value    T
	OK       bool
	Doubt    string
	Evidence Evidence
}

// Found returns a field holding v read at ev.
func Found[T any](v T, ev Evidence) Field[T] {
	return Field[T]{Value: v, OK: true, Evidence: ev}
}

// Date is a calendar day in UTC.
type Date = time.Time

// DateLayout is the fact format for dates.
const DateLayout = "2006-01-02"

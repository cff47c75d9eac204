// Package extractorstest turns text fixtures into extractors.Doc values for
// the extractors' tests.
package extractorstest

import (
	"os"
	"strings"
	"testing"

	"ruku/extractors"
)

// Load turns a fixture file into a Doc. A fixture is the text of a document,
// one line a line, pages separated by a line holding a form feed. A first
// line "#method ocr" marks OCR text. Lines "#sheet NAME" start worksheets
// whose rows are tab-separated cells.
func Load(t testing.TB, path string) *extractors.Doc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return FromText(path, string(b))
}

// FromText turns fixture text into a Doc named path (see Load).
func FromText(path, s string) *extractors.Doc {
	d := &extractors.Doc{Path: path, Format: extractors.FormatPDF}
	method := extractors.MethodText
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[0], "#method ") {
		method = extractors.Method(strings.TrimPrefix(lines[0], "#method "))
		lines = lines[1:]
	}
	if len(lines) > 0 && strings.HasPrefix(lines[0], "#sheet ") {
		d.Format = extractors.FormatXLSX
		for _, l := range lines {
			switch {
			case strings.HasPrefix(l, "#sheet "):
				d.Sheets = append(d.Sheets, extractors.Sheet{Name: strings.TrimPrefix(l, "#sheet ")})
			case l == "\f" || len(d.Sheets) == 0:
			default:
				sh := &d.Sheets[len(d.Sheets)-1]
				var row []string
				if l != "" {
					row = strings.Split(l, "\t")
				}
				sh.Rows = append(sh.Rows, row)
			}
		}
		return d
	}
	page := extractors.Page{Number: 1, Method: method}
	for _, l := range lines {
		if strings.TrimSpace(l) == "\f" || strings.Contains(l, "\f") {
			d.Pages = append(d.Pages, page)
			page = extractors.Page{Number: len(d.Pages) + 1, Method: method}
			continue
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		page.Lines = append(page.Lines, strings.TrimSpace(l))
	}
	d.Pages = append(d.Pages, page)
	return d
}

// SheetDoc is a one-sheet spreadsheet Doc holding rows.
func SheetDoc(rows ...[]string) *extractors.Doc {
	return &extractors.Doc{Path: "list.xlsx", Format: extractors.FormatXLSX,
		Sheets: []extractors.Sheet{{Name: "Sheet1", Rows: rows}}}
}

// TextDoc is a PDF Doc whose pages hold the given texts, one line a line,
// blank lines left out.
func TextDoc(pages ...string) *extractors.Doc {
	d := &extractors.Doc{Path: "list.pdf", Format: extractors.FormatPDF}
	for i, p := range pages {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		d.Pages = append(d.Pages, extractors.Page{Number: i + 1, Method: extractors.MethodText, Lines: lines})
	}
	return d
}

package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"ruku/extractors/extractorstest"
	"strings"
	"testing"
)

// treePDF builds a PDF from its objects (object i+1 is objs[i]).
func treePDF(objs ...string) []byte { return extractorstest.PDF(objs, "") }

const (
	treeText = "<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 700 Td (Hello tree) Tj ET\nendstream"
	treeFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
)

func TestPageTreeProblems(t *testing.T) {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
	tests := []struct {
		name      string
		pages     string // object 2
		wantPages int
		wantWarn  string // "" : no warning
	}{
		{"sound", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 1, ""},
		{"root is its own kid", "<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 20000 >>", 1, "page tree has 2 cycles"},
		{"page listed twice", "<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>", 1, "lists 1 nodes twice"},
		{"fewer pages than declared", "<< /Type /Pages /Kids [3 0 R] /Count 7 >>", 1, "declares 7 pages, 1 found: 6 missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := treePDF("<< /Type /Catalog /Pages 2 0 R >>", tt.pages, page, treeText, treeFont)
			rep, err := ReadReport(context.Background(), bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Pages) != tt.wantPages {
				t.Errorf("%d pages, want %d", len(rep.Pages), tt.wantPages)
			}
			warn := strings.Join(rep.Warnings, "; ")
			if tt.wantWarn == "" && warn != "" || !strings.Contains(warn, tt.wantWarn) {
				t.Errorf("warnings %q, want %q", warn, tt.wantWarn)
			}
			if p := rep.Pages[0]; p.Width != 600 || p.Height != 800 || !strings.Contains(strings.Join(p.Lines, " "), "Hello tree") {
				t.Errorf("page %+v", p)
			}
		})
	}
}

func TestUserUnitScalesPageSize(t *testing.T) {
	data := treePDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 100 200] >>",
		"<< /Type /Page /Parent 2 0 R /UserUnit 10 /Contents 4 0 R >>", treeText, treeFont)
	rep, err := ReadReport(context.Background(), bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if p := rep.Pages[0]; p.Width != 1000 || p.Height != 2000 {
		t.Errorf("size %g × %g, want the inherited MediaBox × UserUnit 1000 × 2000", p.Width, p.Height)
	}
}

func TestCutFileSaysWhatWasLost(t *testing.T) {
	var objs []string
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		treeText, treeFont,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>",
		treeText)
	data := treePDF(objs...)
	cut := data[:bytes.Index(data, []byte("6 0 obj"))+30] // inside the second page
	rep, err := ReadReport(context.Background(), bytes.NewReader(cut), int64(len(cut)))
	if err != nil {
		t.Fatal(err)
	}
	warn := strings.Join(rep.Warnings, "; ")
	if len(rep.Pages) != 1 || !strings.Contains(warn, "damaged PDF repaired") || !strings.Contains(warn, "1 missing") {
		t.Errorf("%d pages, warnings %q", len(rep.Pages), warn)
	}
	if sound, _ := ReadReport(context.Background(), bytes.NewReader(data), int64(len(data))); len(sound.Warnings) != 0 || len(sound.Pages) != 2 {
		t.Errorf("sound file: %d pages, warnings %q", len(sound.Pages), sound.Warnings)
	}
}

func TestReadPagesStopsEarly(t *testing.T) {
	kids := make([]string, 50)
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", treeText, treeFont}
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", len(objs)+1)
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>")
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count 50 >>", strings.Join(kids, " "))
	data := treePDF(objs...)
	rep, err := ReadPages(context.Background(), bytes.NewReader(data), int64(len(data)), 5)
	if err != nil || len(rep.Pages) != 5 || rep.Total != 50 {
		t.Errorf("%d pages of %d, %v; want 5 of 50", len(rep.Pages), rep.Total, err)
	}
}

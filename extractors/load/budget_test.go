package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"ruku/extractors/extractorstest"
	"strings"
	"testing"
	"time"

	"ruku/extractors/ocr"
)

// blankPDF is a PDF of n blank pages.
func blankPDF(n int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Length 0 >>\nstream\n\nendstream"}
	var kids []string
	for i := 0; i < n; i++ {
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)+1))
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R >>")
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	return extractorstest.PDF(objs, "")
}

func newOCR(t *testing.T) *ocr.Engine {
	t.Helper()
	e, err := ocr.New(ocr.DefaultConfig())
	if err != nil {
		t.Skipf("OCR tools not available: %v", err)
	}
	return e
}

func TestPageBudgets(t *testing.T) {
	eng := newOCR(t)
	tests := []struct {
		name     string
		budget   Budget
		pages    int
		wantOCR  int    // pages read by OCR
		wantText string // in the error; "" for none
	}{
		{"within budget", Budget{}, 3, 3, "no readable text"},
		{"text pages capped", Budget{MaxPages: 4}, 9, 4, "9 pages, only the first 4 read"},
		{"OCR pages per file", Budget{MaxOCRPages: 2, MaxBlankRun: 100}, 5, 2, "the file's 2 OCR pages are spent: 3 pages not read"},
		{"blank run", Budget{MaxBlankRun: 3}, 8, 3, "3 pages in a row were blank: 5 pages not read"},
		{"OCR pages per bundle", Budget{MaxBundleOCRPages: 2, MaxBlankRun: 100}, 5, 2, "the bundle's 2 OCR pages are spent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := &Loader{OCR: eng, Budget: tt.budget, TempDir: t.TempDir()}
			d, err := l.Load(context.Background(), "blank.pdf", blankPDF(tt.pages))
			ocred := 0
			for _, p := range d.Pages {
				if p.Method == "ocr" {
					ocred++
				}
			}
			if ocred != tt.wantOCR {
				t.Errorf("%d pages OCRed, want %d", ocred, tt.wantOCR)
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err %v, want %q", err, tt.wantText)
			}
			if tt.name != "within budget" && !errors.Is(err, ErrBudget) {
				t.Errorf("err %v does not wrap ErrBudget", err)
			}
			if left, _ := os.ReadDir(l.TempDir); len(left) != 0 {
				t.Errorf("left %d files in the temp dir", len(left))
			}
		})
	}
	// The bundle budget is shared by every file of one Loader.
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 64, 64)))
	l := &Loader{OCR: eng, Budget: Budget{MaxBundleOCRPages: 1}}
	l.Load(context.Background(), "a.png", img.Bytes())
	if _, err := l.Load(context.Background(), "b.png", img.Bytes()); !errors.Is(err, ErrBudget) {
		t.Errorf("second image over a 1-page bundle budget: %v", err)
	}
}

func TestSweep(t *testing.T) {
	base := t.TempDir()
	old := time.Now().Add(-2 * staleAfter)
	mk := func(name string, mod time.Time) {
		p := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Join(p, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, mod, mod)
	}
	dead := fmt.Sprintf("%s%d-1", tempPrefix, 1<<22+12345) // beyond pid_max: no such process
	mine := fmt.Sprintf("%s%d-2", tempPrefix, os.Getpid())
	mk(dead, time.Now())
	mk(mine, time.Now())
	mk("ruku-load-old", old)
	mk("ruku-load-new", time.Now())
	mk("other-old", old)
	removed := Sweep(base, time.Now())
	if got := strings.Join(removed, " "); got != dead+" ruku-load-old" {
		t.Errorf("removed %q", got)
	}
	for _, keep := range []string{mine, "ruku-load-new", "other-old"} {
		if _, err := os.Stat(filepath.Join(base, keep)); err != nil {
			t.Errorf("%s removed: %v", keep, err)
		}
	}
	dir, err := NewTempDir(base)
	if err != nil || !strings.HasPrefix(filepath.Base(dir), tempPrefix) {
		t.Errorf("NewTempDir = %s, %v", dir, err)
	}
}

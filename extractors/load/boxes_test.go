package load

import (
	"context"
	"os"
	"testing"
	"unicode/utf8"

	"ruku/extractors"
	"ruku/extractors/ocr"
)

// checkBoxes fails unless every line of d has a box per rune.
func checkBoxes(t *testing.T, d *extractors.Doc) {
	t.Helper()
	for _, p := range d.Pages {
		if len(p.Boxes) != len(p.Lines) {
			t.Fatalf("page %d: %d lines, %d box lists", p.Number, len(p.Lines), len(p.Boxes))
		}
		for i, l := range p.Lines {
			if n := utf8.RuneCountInString(l); len(p.Boxes[i]) != n {
				t.Errorf("page %d line %q: %d boxes for %d runes", p.Number, l, len(p.Boxes[i]), n)
			}
		}
	}
}

func TestLoadKeepsBoxes(t *testing.T) {
	for _, name := range []string{"soffice.pdf", "ucs2.pdf", "winansi_gbk.pdf"} {
		data, err := os.ReadFile("../pdftext/testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := (&Loader{}).Load(context.Background(), name, data)
		if err != nil {
			t.Fatal(err)
		}
		checkBoxes(t, d)
	}
	eng, err := ocr.New(ocr.DefaultConfig())
	if err != nil {
		t.Skipf("OCR tools not available: %v", err)
	}
	for _, name := range []string{"credit_dishonest.png", "license_scan.pdf"} {
		data, err := os.ReadFile("../ocr/testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := (&Loader{OCR: eng}).Load(context.Background(), name, data)
		if err != nil {
			t.Fatal(err)
		}
		if d.Method() != extractors.MethodOCR {
			t.Fatalf("%s read by %s", name, d.Method())
		}
		checkBoxes(t, d)
	}
}

// TestNormBoxed: a line that Clean changes keeps its boxes aligned.
func TestNormBoxed(t *testing.T) {
	box := func(x float32) extractors.Box { return extractors.Box{X0: x, Y0: 0, X1: x + 1, Y1: 1} }
	lines := []string{" a  b ", "   ", "ｃ"}
	boxes := [][]extractors.Box{{{}, box(1), {}, {}, box(4), {}}, {{}, {}, {}}, {box(7)}}
	got, gb := normBoxed(lines, boxes)
	if len(got) != 2 || got[0] != "a b" || got[1] != "c" {
		t.Fatalf("lines %q", got)
	}
	if len(gb) != 2 || len(gb[0]) != 3 || gb[0][0] != box(1) || gb[0][2] != box(4) || len(gb[1]) != 1 || gb[1][0] != box(7) {
		t.Errorf("boxes %+v", gb)
	}
	if _, gb := normBoxed(lines, nil); gb != nil {
		t.Errorf("boxes from none: %+v", gb)
	}
}

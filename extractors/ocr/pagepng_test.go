package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/extractors/pdftext"
)

func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Fatalf("not a PNG: %q", data[:min(len(data), 16)])
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestPagePNG(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	scan := readTestdata(t, "license_scan.pdf")
	img := decodePNG(t, pagePNG(t, e, scan, 1, 600))
	if w := img.Bounds().Dx(); w != 600 {
		t.Errorf("scan page %d pixels wide, want 600", w)
	}
	if _, err := e.PagePNG(ctx, scan, 2, 600); !errors.Is(err, ErrPage) {
		t.Errorf("page past the end: %v", err)
	}
	shot := readTestdata(t, "credit_dishonest.png")
	img = decodePNG(t, pagePNG(t, e, shot, 1, 300))
	src, _, _ := image.Decode(bytes.NewReader(shot))
	wantH := 300 * src.Bounds().Dy() / src.Bounds().Dx()
	if b := img.Bounds(); b.Dx() != 300 || b.Dy() < wantH-1 || b.Dy() > wantH+1 {
		t.Errorf("screenshot image %v, want 300 × %d", b, wantH)
	}
	if _, err := e.PagePNG(ctx, shot, 2, 300); !errors.Is(err, ErrPage) {
		t.Errorf("page 2 of an image: %v", err)
	}
	if _, err := e.PagePNG(ctx, []byte("GIF89a not an image"), 1, 300); !errors.Is(err, ErrImage) {
		t.Errorf("not an image: %v", err)
	}

	// Within the pixel budget, whatever width is asked.
	small := e.cfg
	small.MaxPixels = 200_000
	se := &Engine{cfg: small, tesseract: e.tesseract, pdftoppm: e.pdftoppm, pdfinfo: e.pdfinfo}
	for _, in := range [][]byte{scan, shot} {
		img := decodePNG(t, pagePNG(t, se, in, 1, 5000))
		if b := img.Bounds(); int64(b.Dx())*int64(b.Dy()) > small.MaxPixels {
			t.Errorf("image %v over %d pixels", b, small.MaxPixels)
		}
	}
}

// pagePNG is e.PagePNG, failing the test on error.
func pagePNG(t *testing.T, e *Engine, data []byte, page, width int) []byte {
	t.Helper()
	out, err := e.PagePNG(context.Background(), data, page, width)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBoxesOnPagePNG draws what the readers place on the page images
// PagePNG makes: the boxes of a scanned page's OCR and of a text layer on
// pages turned by /Rotate, cropped by a CropBox, fall on ink.
func TestBoxesOnPagePNG(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	scan := readTestdata(t, "license_scan.pdf")
	r, err := e.PDFPage(ctx, "testdata/license_scan.pdf", 1, ModeAuto)
	if err != nil {
		t.Fatal(err)
	}
	_, bs := lineWith(t, r, "91110108172EPXTJ6X")
	img := decodePNG(t, pagePNG(t, e, scan, 1, 900))
	if s := inkShare(img, extractors.UnionBoxes(bs)); s < 0.05 || s > 0.7 {
		t.Errorf("OCR box of the code on the page image: %.0f%% ink", 100*s)
	}

	for _, rot := range []int{0, 90, 180, 270} {
		t.Run(fmt.Sprint("rotate ", rot), func(t *testing.T) {
			content := "BT /F0 24 Tf 60 700 Td (HEBEI) Tj ET BT /F0 24 Tf 300 120 Td (RUKU) Tj ET"
			doc := extractorstest.PDF([]string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				fmt.Sprintf("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] /CropBox [50 50 545 792] /Rotate %d >>", rot),
				"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F0 4 0 R >> >> /Contents 5 0 R >>",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding /FirstChar 65 /LastChar 90 " +
					"/Widths [722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611] >>",
				fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
			}, "")
			pages, err := pdftext.Read(ctx, bytes.NewReader(doc), int64(len(doc)))
			if err != nil {
				t.Fatal(err)
			}
			p := pages[0]
			img := decodePNG(t, pagePNG(t, e, doc, 1, 500))
			if b := img.Bounds(); (rot%180 == 0) != (b.Dy() > b.Dx()) {
				t.Errorf("page image %v for /Rotate %d", b, rot)
			}
			for i, l := range p.Lines {
				u := extractors.UnionBoxes(p.Boxes[i])
				if s := inkShare(img, u); s < 0.1 {
					t.Errorf("line %q: box %+v is %.0f%% ink", l, u, 100*s)
				}
			}
			if len(p.Lines) != 2 {
				t.Errorf("lines %q", p.Lines)
			}
		})
	}
}

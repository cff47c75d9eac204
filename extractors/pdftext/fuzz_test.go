package pdftext

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzRead checks that Read never panics and keeps its invariants on
// arbitrary input. Seeds are the PDFs in testdata, among them the damaged
// ones that Read repairs (bad_offsets.pdf, no_xref.pdf, objstm_noxref.pdf
// and the others of damagedVariants), and small files without any
// cross-reference data, so that mutations reach the repair scan.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
		"3 0 obj\n<< /Type /Page /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length 22 >>\nstream\nBT /F1 9 Tf (x) Tj ET\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n"))
	f.Add([]byte("%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 2 /First 8 /Length 50 >>\nstream\n2 0 3 30<< /Type /Catalog /Pages 3 0 R >><< /Type /Pages /Kids [] /Count 0 >>\nendstream\nendobj\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		pages, err := Read(ctx, bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if pages != nil {
				t.Fatalf("pages %v with error %v", pages, err)
			}
			return
		}
		for i, p := range pages {
			if p.Number != i+1 || p.Bad > p.Chars || p.Chars < 0 || p.Images < 0 {
				t.Fatalf("bad page %+v", p)
			}
			NeedsOCR(p)
		}
	})
}

// textPDFs are the testdata files with a text layer, used by BenchmarkRead.
var textPDFs = []string{"soffice.pdf", "chrome.pdf", "ucs2.pdf", "utf16.pdf", "gbk.pdf", "identity_gb1.pdf", "winansi_gbk.pdf", "type3.pdf", "positions.pdf", "typeset_gbk.pdf", "type3_punct.pdf"}

// BenchmarkRead reads the text PDFs of testdata and reports ms/page.
func BenchmarkRead(b *testing.B) {
	var docs [][]byte
	for _, name := range textPDFs {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
	}
	b.ReportAllocs()
	b.ResetTimer()
	pages := 0
	for b.Loop() {
		for _, d := range docs {
			ps, err := Read(context.Background(), bytes.NewReader(d), int64(len(d)))
			if err != nil {
				b.Fatal(err)
			}
			pages += len(ps)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(pages), "ms/page")
}

// BenchmarkReadCorpus reads the text PDFs of the shared corpus (when
// present) and reports ms/page.
func BenchmarkReadCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpusGlob, "*.pdf"))
	var docs [][]byte
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
	}
	if len(docs) == 0 {
		b.Skip("no corpus")
	}
	b.ResetTimer()
	pages := 0
	for b.Loop() {
		for _, d := range docs {
			ps, _ := Read(context.Background(), bytes.NewReader(d), int64(len(d)))
			pages += len(ps)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(pages), "ms/page")
}

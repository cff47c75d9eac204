package load

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"ruku/extractors"
)

func TestLoadRefusesWhatItCannotRead(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"old excel", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "convert to XLSX or PDF"},
		{"gif", "GIF89a....", "convert to PNG, JPEG or PDF"},
		{"empty", "", "empty file"},
		{"zip of something else", "PK\x03\x04 mimetype application/ofd", "neither XLSX nor DOCX"},
		{"text", "hello", "not a PDF, XLSX, DOCX, PNG or JPEG"},
	}
	l := &Loader{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := l.Load(context.Background(), "f", []byte(tt.data))
			if d == nil {
				t.Fatal("Load must always return a Doc")
			}
			if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrUnsupported saying %q", err, tt.want)
			}
		})
	}
}

func TestLoadPDFTextLayer(t *testing.T) {
	data, err := os.ReadFile("../pdftext/testdata/soffice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := (&Loader{}).Load(context.Background(), "soffice.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != extractors.FormatPDF || d.Method() != extractors.MethodText || len(d.Pages) == 0 || d.Text() == "" {
		t.Errorf("format %s method %s pages %d", d.Format, d.Method(), len(d.Pages))
	}
}

func TestScanWithoutOCRSaysWhy(t *testing.T) {
	data, err := os.ReadFile("../pdftext/testdata/scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := (&Loader{}).Load(context.Background(), "scan.pdf", data)
	if !errors.Is(err, ErrNoText) {
		t.Errorf("err = %v, want ErrNoText", err)
	}
	if len(d.Pages) == 0 || d.Pages[0].Reason == "" || d.Pages[0].Reason == "text layer" {
		t.Errorf("the page must say why it has no text: %+v", d.Pages)
	}
}

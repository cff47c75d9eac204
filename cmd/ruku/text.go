package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"ruku/extractors/load"
)

func textCommand() command {
	return command{
		usage: "text FILE",
		help:  "print the text ruku reads from a PDF, image, sheet or DOCX (pages separated by form feeds)",
		run:   runText,
	}
}

func runText(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("text", flag.ContinueOnError)
	fl.SetOutput(stderr)
	noOCR := fl.Bool("no-ocr", false, "do not OCR scanned pages and images")
	pos, err := interspersed(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return errors.New("text takes exactly one FILE")
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	l := &load.Loader{OCR: newOCR(*noOCR, stderr)}
	d, err := l.Load(ctx, filepath.Base(pos[0]), data)
	var b strings.Builder
	// Like pdftotext: every page (and every sheet) ends with a form feed.
	for _, p := range d.Pages {
		for _, line := range p.Lines {
			b.WriteString(line)
			b.WriteByte('\n')
		}
		b.WriteString("\f")
		if p.Method != "text" {
			fmt.Fprintf(stderr, "page %d: %s (%s)\n", p.Number, p.Method, p.Reason)
		}
	}
	for _, s := range d.Sheets {
		for _, row := range s.Rows {
			b.WriteString(strings.Join(row, "\t"))
			b.WriteByte('\n')
		}
		b.WriteString("\f")
	}
	if _, werr := io.WriteString(stdout, b.String()); werr != nil {
		return fmt.Errorf("write: %w", werr)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	return nil
}

package pdftext

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDump prints the text of the PDFs named in $PDFTEXT_DUMP (separated
// by '|'); it is a debugging aid and skips when the variable is unset.
func TestDump(t *testing.T) {
	env := os.Getenv("PDFTEXT_DUMP")
	if env == "" {
		t.Skip("PDFTEXT_DUMP not set")
	}
	for _, path := range strings.Split(env, "|") {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		pages, err := Read(context.Background(), f, st.Size())
		f.Close()
		fmt.Printf("== %s err=%v\n", path, err)
		for _, p := range pages {
			ocr, why := NeedsOCR(p)
			fmt.Printf("-- page %d chars=%d bad=%d images=%d ocr=%v %s\n", p.Number, p.Chars, p.Bad, p.Images, ocr, why)
			for _, l := range p.Lines {
				fmt.Println(l)
			}
		}
	}
}

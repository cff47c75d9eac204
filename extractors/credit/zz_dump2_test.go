package credit

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestDump2(t *testing.T) {
	fs, _ := filepath.Glob("testdata/ocr2/*.txt")
	for _, f := range fs {
		r := Extract(ocrDoc(t, f))
		for _, b := range r.Blocks {
			fmt.Printf("%s\t%s\t%s\t%q\t%q\t%q\n", filepath.Base(f), b.List, b.Outcome, b.Subject.Value, b.Subject.Doubt, b.Doubt)
		}
	}
	_ = os.Stdout
}

package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

func TestStableTextHidesTempPaths(t *testing.T) {
	p := filepath.Join(os.TempDir(), "ruku-ocr-123", "page.png")
	got := stableText("ocr: page 1 of " + p + ": exit status 1\nSyntax Error: x")
	if want := "ocr: page 1 of <temp>: exit status 1; Syntax Error: x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

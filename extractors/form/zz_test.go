package form

import (
	"os"
	"strings"
	"testing"

	"ruku/extractors/extractorstest"
)

func TestZZFields(t *testing.T) {
	s := os.Getenv("ZZ")
	if s == "" {
		t.Skip()
	}
	for _, h := range formFields.Lines(strings.Split(s, "|")) {
		t.Logf("%+v", h)
	}
}

func TestZZExtract(t *testing.T) {
	s := os.Getenv("ZZX")
	if s == "" {
		t.Skip()
	}
	f := Extract(extractorstest.FromText("f.pdf", strings.ReplaceAll(s, "|", "\n")))
	t.Logf("%+v", variantFacts(f))
}

package extractorstest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"ruku/extractors"
	"ruku/extractors/sheet"
)

// CorpusDir returns the labelled public corpus: $RUKU_CORPUS, else the
// shared/corpus folder beside the repository (as CI lays it out), else "".
func CorpusDir() string {
	if d := os.Getenv("RUKU_CORPUS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if c := filepath.Join(dir, "shared", "corpus"); isDir(c) {
			return c
		}
	}
	return ""
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// TruthFile is one input file of a labelled bundle.
type TruthFile struct {
	Path string `json:"path"`
	Kind string `json:"kind"`
}

// Truth is the label file of one corpus bundle.
type Truth struct {
	Dir           string                     `json:"-"` // the bundle's folder
	Bundle        string                     `json:"bundle"`
	ReferenceDate string                     `json:"reference_date"`
	Facts         map[string]json.RawMessage `json:"facts"`
	Files         []TruthFile                `json:"files"`
}

// Corpus returns the truth of every public corpus bundle, skipping the test
// when the corpus is absent.
func Corpus(t *testing.T) []Truth {
	t.Helper()
	root := CorpusDir()
	// Every folder holding a truth.json is a bundle (pub_*, trb_* …).
	files, _ := filepath.Glob(filepath.Join(root, "*", "truth.json"))
	var dirs []string
	for _, f := range files {
		dirs = append(dirs, filepath.Dir(f))
	}
	if root == "" || len(dirs) == 0 {
		t.Skip("public corpus not present (set RUKU_CORPUS)")
	}
	var out []Truth
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "truth.json"))
		if err != nil {
			t.Fatal(err)
		}
		tr := Truth{Dir: d}
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatal(err)
		}
		out = append(out, tr)
	}
	return out
}

// FactInt returns an integer fact of tr, false when absent or null.
func (tr Truth) FactInt(t *testing.T, key string) (int, bool) {
	raw, ok := tr.Facts[key]
	if !ok || string(raw) == "null" {
		return 0, false
	}
	var v int
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s %s: %v", tr.Bundle, key, err)
	}
	return v, true
}

// File returns the path of one of the bundle's files.
func (tr Truth) File(f TruthFile) string { return filepath.Join(tr.Dir, "bundle", f.Path) }

// ReadXLSX reads a spreadsheet into a Doc through sheet.Read.
func ReadXLSX(t *testing.T, path string) *extractors.Doc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	sheets, err := sheet.Read(context.Background(), f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &extractors.Doc{Path: filepath.Base(path), Format: extractors.FormatXLSX, Sheets: sheets}
}

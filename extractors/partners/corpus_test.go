package partners

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ruku/extractors"
	"ruku/extractors/sheet"
)

// corpusDir is the public corpus; tests that read it skip when it is absent.
const corpusDir = "/work/shared/corpus"

type truthFile struct {
	Path string `json:"path"`
	Kind string `json:"kind"`
}

type truth struct {
	Bundle        string                     `json:"bundle"`
	ReferenceDate string                     `json:"reference_date"`
	Facts         map[string]json.RawMessage `json:"facts"`
	Files         []truthFile                `json:"files"`
}

// corpusBundles returns the truth of every corpus bundle, skipping the
// test when the corpus is absent.
func corpusBundles(t *testing.T) []truth {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(corpusDir, "pub_*"))
	if len(dirs) == 0 {
		t.Skip("corpus not present")
	}
	var out []truth
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "truth.json"))
		if err != nil {
			t.Fatal(err)
		}
		var tr truth
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatal(err)
		}
		out = append(out, tr)
	}
	return out
}

func readXLSX(t *testing.T, path string) *extractors.Doc {
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

func factInt(t *testing.T, tr truth, key string) (int, bool) {
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

func TestCorpus(t *testing.T) {
	hits, total := 0, 0
	for _, tr := range corpusBundles(t) {
		ref, err := time.Parse("2006-01-02", tr.ReferenceDate)
		if err != nil {
			t.Fatal(err)
		}
		var list []Partner
		for _, f := range tr.Files {
			if f.Kind != "partner_list" {
				continue
			}
			d := readXLSX(t, filepath.Join(corpusDir, tr.Bundle, "bundle", f.Path))
			ps, err := Extract(d)
			if err != nil {
				t.Errorf("%s: %v", tr.Bundle, err)
			}
			list = append(list, ps...)
		}
		c := Count(list, ref.Year()-1, ref)
		want, ok := factInt(t, tr, "partners.count")
		if !ok {
			continue
		}
		total++
		if c.Count == want {
			hits++
		} else {
			t.Errorf("%s partners.count = %d, want %d (%v; skipped %v)", tr.Bundle, c.Count, want, c.Names, c.Skipped)
		}
	}
	t.Logf("partners.count: %d/%d", hits, total)
}

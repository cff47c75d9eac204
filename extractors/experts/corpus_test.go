package experts

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
	keys := []string{"experts.senior", "experts.total"}
	hits, total := map[string]int{}, map[string]int{}
	for _, tr := range corpusBundles(t) {
		ref, err := time.Parse("2006-01-02", tr.ReferenceDate)
		if err != nil {
			t.Fatal(err)
		}
		var list []Expert
		for _, f := range tr.Files {
			if f.Kind != "expert_list" {
				continue
			}
			d := readXLSX(t, filepath.Join(corpusDir, tr.Bundle, "bundle", f.Path))
			es, err := Extract(d)
			if err != nil {
				t.Errorf("%s: %v", tr.Bundle, err)
			}
			list = append(list, es...)
		}
		c := Count(list, ref.Year()-1, nil)
		if r := Count(list, ref.Year()-1, SeniorMatcher(rulesSeniorTitles(t))); r.Senior != c.Senior {
			t.Errorf("%s: rules titles give %d senior, default %d", tr.Bundle, r.Senior, c.Senior)
		}
		got := map[string]int{"experts.senior": c.Senior, "experts.total": c.Total}
		for _, k := range keys {
			want, ok := factInt(t, tr, k)
			if !ok {
				continue
			}
			total[k]++
			if got[k] == want {
				hits[k]++
			} else {
				t.Errorf("%s %s = %d, want %d (senior %v)", tr.Bundle, k, got[k], want, c.SeniorNames)
			}
		}
	}
	for _, k := range keys {
		t.Logf("%s: %d/%d", k, hits[k], total[k])
	}
}

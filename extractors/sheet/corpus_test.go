package sheet

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// corpusDir is the shared public corpus, outside this repository; the test
// skips when it is absent. RUKU_CORPUS overrides it.
func corpusDir() string {
	if d := os.Getenv("RUKU_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "corpus")
}

// TestCorpusTables finds the table of every expert, partner, staff and
// service XLSX of the public corpus and checks that every row under the
// header is a data row, numbered 1..n in its first column.
func TestCorpusTables(t *testing.T) {
	truths, _ := filepath.Glob(filepath.Join(corpusDir(), "pub_*", "truth.json"))
	if len(truths) == 0 {
		t.Skip("public corpus not found; set RUKU_CORPUS")
	}
	kinds := map[string][]Column{"expert_list": expertCols, "partner_list": partnerCols, "service_records": serviceCols, "staff": staffCols}
	n := 0
	for _, tp := range truths {
		var truth struct {
			Files []struct{ Path, Kind string }
		}
		b, err := os.ReadFile(tp)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &truth); err != nil {
			t.Fatalf("%s: %v", tp, err)
		}
		for _, f := range truth.Files {
			cols, ok := kinds[f.Kind]
			if !ok {
				continue
			}
			p := filepath.Join(filepath.Dir(tp), "bundle", filepath.FromSlash(f.Path))
			t.Run(filepath.Base(filepath.Dir(tp))+"/"+f.Kind, func(t *testing.T) {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				sheets, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)))
				if err != nil {
					t.Fatal(err)
				}
				tab, err := FindTable(sheets, cols)
				if err != nil {
					t.Fatal(err)
				}
				if want := len(sheets[0].Rows) - tab.HeaderRow; len(tab.Rows) != want {
					t.Errorf("%d rows under header row %d, want %d", len(tab.Rows), tab.HeaderRow, want)
				}
				for i, r := range tab.Rows {
					if r.Cells[0] != strconv.Itoa(i+1) {
						t.Errorf("row %d: 序号 %q, want %d", r.Number, r.Cells[0], i+1)
						break
					}
				}
			})
			n++
		}
	}
	if n < 20 {
		t.Errorf("only %d corpus tables", n)
	}
}

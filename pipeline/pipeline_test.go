package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ruku/extractors/ocr"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/pipeline/rules"
)

var update = flag.Bool("update", false, "rewrite the golden dossiers in testdata/golden")

// stable is the dossier JSON without generated_at.
func stable(t *testing.T, js []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(js, &m); err != nil {
		t.Fatalf("dossier is not JSON: %v", err)
	}
	delete(m, "generated_at")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func engine(t *testing.T) *ocr.Engine {
	t.Helper()
	e, err := ocr.New(ocr.DefaultConfig())
	if err != nil {
		t.Fatalf("OCR is required for the golden dossiers (scripts/deps.sh installs it): %v", err)
	}
	return e
}

// TestGoldenDossiers verifies the sample bundles and compares each dossier,
// generated_at aside, with its golden file. Run with -update to rewrite.
func TestGoldenDossiers(t *testing.T) {
	zips, _ := filepath.Glob("../samples/bundles/*.zip")
	corpusB, _ := filepath.Glob("../samples/corpus-b/*/bundle.zip")
	zips = append(zips, corpusB...)
	if len(zips) == 0 {
		t.Fatal("no sample bundles under samples/")
	}
	e := engine(t)
	for i, z := range zips {
		name := strings.TrimSuffix(filepath.Base(z), ".zip")
		if name == "bundle" {
			name = filepath.Base(filepath.Dir(z))
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			b, err := bundle.Open(ctx, z, bundle.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			opt := pipeline.Options{OCR: e, UploadedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			d1, err := pipeline.Verify(ctx, b, rules.Default(), opt)
			if err != nil {
				t.Fatal(err)
			}
			js1, err := d1.JSON()
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, stable(t, js1), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run go test -update): %v", err)
			}
			if got := stable(t, js1); !bytes.Equal(got, want) {
				t.Errorf("dossier of %s differs from %s; rerun with -update if the change is intended\n%s", name, golden, firstDiff(got, want))
			}
			if truth := filepath.Join(filepath.Dir(z), "truth.json"); filepath.Base(z) == "bundle.zip" {
				checkTruth(t, truth, js1)
			}
			if i > 0 {
				return // determinism is checked on the first bundle; each run costs OCR time
			}
			// Determinism: a second run gives the same bytes, generated_at aside.
			d2, err := pipeline.Verify(ctx, b, rules.Default(), opt)
			if err != nil {
				t.Fatal(err)
			}
			js2, _ := d2.JSON()
			if !bytes.Equal(stable(t, js1), stable(t, js2)) {
				t.Errorf("two runs over %s differ:\n%s", name, firstDiff(stable(t, js1), stable(t, js2)))
			}
			if _, err := d1.HTML(); err != nil {
				t.Errorf("HTML: %v", err)
			}
		})
	}
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, la[i], lb[i])
		}
	}
	return "lengths differ"
}

// checkTruth compares a dossier with the labels of a template-B sample: the
// verdict and every criterion's status must be the labelled ones.
func checkTruth(t *testing.T, path string, js []byte) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read truth: %v", err)
	}
	var truth struct {
		Verdict  string            `json:"verdict"`
		Criteria map[string]string `json:"criteria"`
	}
	var got struct {
		Verdict  string `json:"verdict"`
		Criteria []struct {
			ID, Status, Message string
		} `json:"criteria"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &got); err != nil {
		t.Fatal(err)
	}
	if got.Verdict != truth.Verdict {
		t.Errorf("verdict %s, labelled %s", got.Verdict, truth.Verdict)
	}
	for _, c := range got.Criteria {
		if want := truth.Criteria[c.ID]; c.Status != want {
			t.Errorf("%s: %s, labelled %s (%s)", c.ID, c.Status, want, c.Message)
		}
	}
}

// TestReferenceDateSources: without a form, R comes from manifest.json's
// submitted_at, and without a manifest from the upload time.
func TestReferenceDateSources(t *testing.T) {
	ctx := context.Background()
	uploaded := time.Date(2026, 5, 6, 20, 0, 0, 0, time.UTC) // 2026-05-07 in China
	for _, tt := range []struct {
		manifest, wantDate, wantSource string
	}{
		{`{"submitted_at": "2026-04-01T09:00:00+08:00"}`, "2026-04-01", "manifest"},
		{"", "2026-05-07", "upload"},
	} {
		dir := t.TempDir()
		if tt.manifest != "" {
			if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(tt.manifest), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a document"), 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := bundle.Open(ctx, dir, bundle.DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		d, err := pipeline.Verify(ctx, b, rules.Default(), pipeline.Options{UploadedAt: uploaded})
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Facts["application.reference_date"]; got != tt.wantDate {
			t.Errorf("reference_date = %v, want %s", got, tt.wantDate)
		}
		if got := d.Facts["application.reference_date_source"]; got != tt.wantSource {
			t.Errorf("reference_date_source = %v, want %s", got, tt.wantSource)
		}
		for _, in := range d.Inputs {
			if in.Kind == "" {
				t.Errorf("%s has no kind", in.Path)
			}
		}
	}
}

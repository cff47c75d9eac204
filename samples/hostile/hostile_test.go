package hostile

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"ruku/extractors/ocr"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
)

// TestHostileBundles verifies every hostile bundle through the real
// pipeline: each gives a dossier whose entry for the bad file says what is
// wrong with it, the good file is still read, the HTML shows no markup from
// names or text, and nothing is left in the temporary directory.
func TestHostileBundles(t *testing.T) {
	cases, err := Cases(MinimalBase())
	if err != nil {
		t.Fatal(err)
	}
	eng, err := ocr.New(ocr.DefaultConfig())
	if err != nil {
		t.Fatalf("OCR is required for the hostile suite (scripts/deps.sh installs it): %v", err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp) // anything written outside the bundle's own dir shows up here too
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			b, err := bundle.OpenZip(ctx, bytes.NewReader(c.Zip), int64(len(c.Zip)), c.Name, bundle.Limits{})
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			d, err := pipeline.Verify(ctx, b, rules.Default(), pipeline.Options{OCR: eng, TempDir: tmp, Workers: 2})
			if err != nil {
				t.Fatalf("verify: %v", err)
			}
			if err := names(d, c.Bad, c.Want); err != "" {
				t.Error(err)
			}
			if in := input(d, "letter.pdf"); in == nil || in.Error != nil || in.Pages != 2 {
				t.Errorf("the good file was not read: %+v", in)
			}
			html, herr := d.HTML()
			if herr != nil {
				t.Fatal(herr)
			}
			if bytes.Contains(html, []byte("<script>alert")) {
				t.Error("dossier.html carries a <script> from the bundle")
			}
			js, jerr := d.JSON()
			if jerr != nil {
				t.Fatal(jerr)
			}
			if bytes.ContainsRune(js, '\u202e') || bytes.ContainsRune(html, '\u202e') {
				t.Error("a bidirectional override reaches the dossier unescaped")
			}
			left, _ := os.ReadDir(tmp)
			for _, e := range left {
				t.Errorf("left in the temporary directory: %s", e.Name())
			}
		})
	}
}

// names checks that the dossier accounts for bad: an input whose error or
// warnings contain want, or an ignored entry whose reason does.
func names(d *dossier.Dossier, bad, want string) string {
	for _, ig := range d.Ignored {
		if ig.Path == bad {
			if strings.Contains(ig.Reason, want) {
				return ""
			}
			return "ignored " + bad + " with reason " + ig.Reason + ", want " + want
		}
	}
	in := input(d, bad)
	if in == nil {
		var paths []string
		for _, in := range d.Inputs {
			paths = append(paths, in.Path)
		}
		return "the dossier does not name " + bad + "; inputs: " + strings.Join(paths, ", ")
	}
	said := strings.Join(in.Warnings, "; ")
	if in.Error != nil {
		said = *in.Error + "; " + said
	}
	if want == "" || strings.Contains(said, want) {
		return ""
	}
	return bad + ": the dossier says " + said + "; want " + want
}

func input(d *dossier.Dossier, p string) *dossier.Input {
	for i := range d.Inputs {
		if d.Inputs[i].Path == p {
			return &d.Inputs[i]
		}
	}
	return nil
}

// TestCasesAreDeterministic: the generator writes the same bytes each time,
// so measurements can be repeated on the same bundles.
func TestCasesAreDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every bundle twice")
	}
	a, err := Cases(MinimalBase())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Cases(MinimalBase())
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if !bytes.Equal(a[i].Zip, b[i].Zip) {
			t.Errorf("%s differs between runs", a[i].Name)
		}
	}
}

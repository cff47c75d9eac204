package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// committed is where the generated corpus is checked in, relative to this package.
const committed = "../corpus-b"

// TestCommittedBundlesCurrent regenerates every bundle into a temporary
// directory and compares it with the committed files. Without the fonts the
// images cannot be reproduced, so only truth.json, the zip's entry names and
// the non-image entries are compared.
func TestCommittedBundlesCurrent(t *testing.T) {
	pt, fonts, err := loadPainter(defaultLatinFont, defaultCJKFont)
	if err != nil {
		t.Fatal(err)
	}
	if !fonts {
		t.Logf("fonts %s / %s absent: skipping image entries", defaultLatinFont, defaultCJKFont)
	}
	tmp := t.TempDir()
	for _, b := range buildAll(pt) {
		if err := write(b, tmp, false); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"truth.json", "bundle.zip"} {
			got, err := os.ReadFile(filepath.Join(tmp, b.Name, name))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(committed, b.Name, name))
			if err != nil {
				t.Fatalf("%v (run: go run ./samples/gen)", err)
			}
			if bytes.Equal(got, want) {
				continue
			}
			if name == "bundle.zip" && !fonts {
				compareEntries(t, b, got, want)
				continue
			}
			t.Errorf("%s/%s differs from the generator's output; regenerate with: go run ./samples/gen", b.Name, name)
		}
	}
}

func compareEntries(t *testing.T, b *bundle, got, want []byte) {
	t.Helper()
	zg, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
	if err != nil {
		t.Fatal(err)
	}
	zw, err := zip.NewReader(bytes.NewReader(want), int64(len(want)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zg.File) != len(zw.File) || len(zg.File) != len(b.Files) {
		t.Fatalf("%s: %d entries generated, %d committed", b.Name, len(zg.File), len(zw.File))
	}
	for i, f := range b.Files {
		if zg.File[i].Name != zw.File[i].Name {
			t.Errorf("%s: entry %d named %q, committed %q", b.Name, i, zg.File[i].Name, zw.File[i].Name)
		}
		if f.Image {
			continue
		}
		if !bytes.Equal(readEntry(t, zg.File[i]), readEntry(t, zw.File[i])) {
			t.Errorf("%s: %s differs from the committed bundle", b.Name, f.Path)
		}
	}
}

func readEntry(t *testing.T, f *zip.File) []byte {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestVerdicts pins what each bundle is meant to show.
func TestVerdicts(t *testing.T) {
	pt, _, err := loadPainter() // no fonts: images stay blank, the data is the same
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"b-eligible": "eligible", "b-ineligible": "ineligible", "b-review": "needs_review", "b-institution": "eligible"}
	for _, b := range buildAll(pt) {
		c := b.judge()
		if len(c) != len(criterionOrder) {
			t.Errorf("%s: %d criteria", b.Name, len(c))
		}
		if got := verdictOf(c); got != want[b.Name] {
			t.Errorf("%s: verdict %s, want %s (%v)", b.Name, got, want[b.Name], c)
		}
	}
}

func TestUSCC(t *testing.T) {
	for _, s := range []string{"91130104MA72G7U680", "91133100MABA242512"} { // from the public corpus
		if !validUSCC(s) {
			t.Errorf("%s should be valid", s)
		}
		if validUSCC(breakUSCC(s)) {
			t.Errorf("%s broken should be invalid", s)
		}
	}
	if got := endOfTerm(d(2024, 1, 1), 1); !got.Equal(d(2024, 12, 31)) {
		t.Errorf("endOfTerm = %s", iso(got))
	}
}

package pdftext

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// corpusGlob finds the shared sample bundles next to the repository.
const corpusGlob = "../../../shared/corpus/*/bundle"

// squash removes white space after NFKC, for comparing extractions.
func squash(s string) string {
	s = strings.ReplaceAll(norm.NFKC.String(s), "\u30fb", "\u00b7")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// bagSimilarity is the Dice coefficient of the two strings' character
// multisets: 1 when they hold the same characters in any order.
func bagSimilarity(a, b string) float64 {
	ca := map[rune]int{}
	for _, r := range a {
		ca[r]++
	}
	common, na, nb := 0, 0, 0
	for _, n := range ca {
		na += n
	}
	for _, r := range b {
		nb++
		if ca[r] > 0 {
			ca[r]--
			common++
		}
	}
	if na+nb == 0 {
		return 1
	}
	return 2 * float64(common) / float64(na+nb)
}

// TestCorpus compares Read with pdftotext on every PDF of the shared
// corpus (white space removed). It skips when the corpus or pdftotext is
// missing.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	var files []string
	dirs, _ := filepath.Glob(corpusGlob)
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no corpus")
	}
	sort.Strings(files)
	producers := corpusProducers(t, dirs)
	type tally struct{ n, exact int }
	byProducer := map[string]*tally{}
	exact, sumSim, n := 0, 0.0, 0
	for _, p := range files {
		want, perr := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", p, "-").Output()
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		pages, err := Read(context.Background(), f, st.Size())
		f.Close()
		if perr != nil {
			// pdftotext cannot read it (the corpus has truncated files).
			if err == nil {
				t.Errorf("%s: pdftotext fails (%v) but Read does not", p, perr)
			} else {
				t.Logf("%s: both fail: %v", p, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		prod := producers[p]
		// Scans need OCR on every page; text documents have a usable text
		// layer (a blank page may still need none).
		usable := 0
		for _, pg := range pages {
			ocr, why := NeedsOCR(pg)
			if !ocr {
				usable++
			}
			if prod == "scan_chrome_pdf" && !ocr {
				t.Errorf("%s (%s) page %d: NeedsOCR = false", p, prod, pg.Number)
			} else if prod != "scan_chrome_pdf" && ocr {
				t.Logf("%s (%s) page %d: NeedsOCR: %s", p, prod, pg.Number, why)
			}
		}
		if prod != "" && prod != "scan_chrome_pdf" && usable == 0 {
			t.Errorf("%s (%s): no page with a usable text layer", p, prod)
		}
		if byProducer[prod] == nil {
			byProducer[prod] = &tally{}
		}
		byProducer[prod].n++
		var b strings.Builder
		for _, pg := range pages {
			b.WriteString(strings.Join(pg.Lines, ""))
		}
		got, w := squash(b.String()), squash(string(want))
		n++
		sim := bagSimilarity(got, w)
		sumSim += sim
		if got == w {
			exact++
			byProducer[prod].exact++
		} else {
			g, ww := []rune(got), []rune(w)
			i := 0
			for i < len(g) && i < len(ww) && g[i] == ww[i] {
				i++
			}
			ctx := func(r []rune) string { return string(r[max(0, i-10):min(len(r), i+20)]) }
			log := t.Logf
			if sim < 0.99 {
				log = t.Errorf
			}
			log("%s: similarity %.3f (%d vs %d chars), first difference: %q vs %q", p, sim, len(g), len(ww), ctx(g), ctx(ww))
		}
	}
	for prod, c := range byProducer {
		t.Logf("producer %q: %d of %d identical", prod, c.exact, c.n)
	}
	t.Logf("corpus: %d PDFs, %d identical to pdftotext (white space removed), mean character similarity %.4f", n, exact, sumSim/float64(n))
}

// corpusProducers maps corpus file paths to the producer their bundle's
// truth.json names.
func corpusProducers(t *testing.T, bundles []string) map[string]string {
	m := map[string]string{}
	for _, d := range bundles {
		data, err := os.ReadFile(filepath.Join(filepath.Dir(d), "truth.json"))
		if err != nil {
			continue
		}
		var truth struct {
			Files []struct{ Path, Producer string }
		}
		if err := json.Unmarshal(data, &truth); err != nil {
			t.Logf("%s: %v", d, err)
			continue
		}
		for _, f := range truth.Files {
			m[filepath.Join(d, filepath.FromSlash(f.Path))] = f.Producer
		}
	}
	return m
}

package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// minAgreement is the character agreement, white space aside, that
// `ruku text` must reach over the external test-suite PDFs as a whole.
const minAgreement = 0.95

// squashed is s after NFKC with white space removed, as runes; the
// katakana middle dot is folded to U+00B7 as ruku writes it.
func squashed(s string) []rune {
	s = strings.ReplaceAll(norm.NFKC.String(s), "\u30fb", "\u00b7")
	return []rune(strings.Join(strings.Fields(s), ""))
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b []rune) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, sub)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// externalFile is one PDF of SHA256SUMS: its suite, path and checksum.
type externalFile struct{ suite, rel, sum string }

// externalFiles lists testdata/external/SHA256SUMS.
func externalFiles(t *testing.T) []externalFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "external", "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	var files []externalFile
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if sum, rel, ok := strings.Cut(sc.Text(), "  "); ok {
			suite, _, _ := strings.Cut(rel, "/")
			files = append(files, externalFile{suite, rel, sum})
		}
	}
	return files
}

// TestTextExternalSuites runs `ruku text` on the CJK PDFs of other
// projects' public test suites (pdf.js test/pdfs, pdfcpu samples, pypdf
// and pdfminer.six resources) that scripts/external-pdfs.sh fetches into
// $RUKU_EXTERNAL_PDFS, and compares its output with the true text in
// testdata/external/SUITE/NAME.txt, read off the rendered pages. Character
// agreement is 1 - edit distance / length of the true text, white space
// aside; it must reach minAgreement over all files. pdftotext's agreement
// on the same files is logged beside ruku's where it is installed.
func TestTextExternalSuites(t *testing.T) {
	dir := os.Getenv("RUKU_EXTERNAL_PDFS")
	if dir == "" {
		if os.Getenv("RUKU_REQUIRE_SERVICES") == "1" {
			t.Fatal("RUKU_EXTERNAL_PDFS is not set: run eval \"$(scripts/external-pdfs.sh)\"")
		}
		t.Skip("RUKU_EXTERNAL_PDFS is not set (scripts/external-pdfs.sh fetches the files)")
	}
	_, noPoppler := exec.LookPath("pdftotext")
	var edits, popplerEdits, chars, below int
	files := externalFiles(t)
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f.rel), ".pdf")
		file := filepath.Join(dir, filepath.FromSlash(f.rel))
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if h := sha256.Sum256(data); hex.EncodeToString(h[:]) != f.sum {
			t.Fatalf("%s: not the file SHA256SUMS names", file)
		}
		want, err := os.ReadFile(filepath.Join("testdata", "external", f.suite, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		code, got, stderr := runCLI(t, "text", file)
		if code != 0 {
			t.Errorf("%s/%s: ruku text exit %d: %s", f.suite, name, code, stderr)
		}
		w := squashed(string(want))
		d := editDistance(squashed(got), w)
		edits += d
		chars += len(w)
		a := 1 - float64(d)/float64(len(w))
		if a < minAgreement {
			below++
		}
		poppler := "-"
		if noPoppler == nil {
			out, _ := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
			pd := min(editDistance(squashed(string(out)), w), len(w))
			popplerEdits += pd
			poppler = fmt.Sprintf("%.3f", 1-float64(pd)/float64(len(w)))
		}
		t.Logf("%-8s %-28s %5d chars  ruku %.3f  pdftotext %s  %s", f.suite, name, len(w), a, poppler, strings.TrimSpace(stderr))
	}
	total := 1 - float64(edits)/float64(chars)
	t.Logf("%d files, %d characters: ruku text %.4f (%d files below %.2f); pdftotext %.4f",
		len(files), chars, total, below, minAgreement, 1-float64(popplerEdits)/float64(chars))
	if total < minAgreement {
		t.Errorf("character agreement %.4f < %.2f", total, minAgreement)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func readDossier(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "dossier.json"))
	if err != nil {
		t.Fatalf("no dossier: %v", err)
	}
	var d map[string]any
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("dossier is not JSON: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "dossier.html")); err != nil {
		t.Errorf("no dossier.html: %v", err)
	}
	return d
}

func TestVerifyUnreadableBundleStillGetsADossier(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "broken.zip")
	if err := os.WriteFile(bad, []byte("this is not a zip file at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := runCLI(t, "verify", bad, "--out", out, "--no-ocr")
	if code != 0 {
		t.Fatalf("exit %d, want 0 (a dossier was written); stderr: %s", code, stderr)
	}
	// Nothing could be read, so nothing is known to be missing: the bundle
	// needs review rather than a confident "ineligible".
	if !strings.Contains(stdout, "needs_review") || !strings.Contains(stdout, filepath.Join(out, "dossier.json")) {
		t.Errorf("summary does not give the verdict and the dossier's path: %q", stdout)
	}
	d := readDossier(t, out)
	inputs := d["inputs"].([]any)
	if len(inputs) != 1 || inputs[0].(map[string]any)["error"] == nil {
		t.Errorf("the unreadable bundle must be one input with an error, got %v", inputs)
	}
	if n := len(d["criteria"].([]any)); n != 23 {
		t.Errorf("%d criteria, want 23", n)
	}
}

func TestVerifyMissingPathFails(t *testing.T) {
	code, _, stderr := runCLI(t, "verify", filepath.Join(t.TempDir(), "nope.zip"), "--out", t.TempDir())
	if code == 0 || !strings.Contains(stderr, "no such file") {
		t.Errorf("exit %d, stderr %q: want a non-zero exit that says why", code, stderr)
	}
}

func TestVerifyFolderWithBadFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.pdf":  "%PDF-1.4 truncated garbage",
		"b.xls":  "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel",
		"c.txt":  "plain text is not a document kind ruku reads",
		"d.xlsx": "PK\x03\x04 not really a workbook",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "verify", dir, "--out", out, "--no-ocr"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	d := readDossier(t, out)
	for _, in := range d["inputs"].([]any) {
		m := in.(map[string]any)
		if m["error"] == nil {
			t.Errorf("%s: want an error on the input", m["path"])
		}
		if m["kind"] != "other" {
			t.Errorf("%s: kind %v, want other", m["path"], m["kind"])
		}
	}
	// Every file unreadable: the missing kinds may be among them.
	if d["verdict"] != "needs_review" {
		t.Errorf("verdict %v, want needs_review", d["verdict"])
	}
	for _, c := range d["criteria"].([]any) {
		if m := c.(map[string]any); m["status"] == "fail" {
			t.Errorf("%s fails on unreadable files: %v", m["id"], m["message"])
		}
	}
}

func TestTextPrintsPagesWithFormFeeds(t *testing.T) {
	code, stdout, stderr := runCLI(t, "text", "../../extractors/pdftext/testdata/ucs2.pdf")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, err := os.ReadFile("../../extractors/pdftext/testdata/ucs2.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(stdout, "\f") {
		t.Errorf("the last page must end with a form feed")
	}
	var lines []string
	for _, l := range strings.Split(string(want), "\n") {
		if !strings.HasPrefix(l, "--- page ") { // the golden's page headers
			lines = append(lines, l)
		}
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(stdout) != squash(strings.Join(lines, "\n")) {
		t.Errorf("text differs from the pdftext golden:\n%s\nwant\n%s", stdout, want)
	}
}

func TestUnknownCommand(t *testing.T) {
	if code, _, stderr := runCLI(t, "frobnicate"); code != 2 || !strings.Contains(stderr, "usage") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestIntakeWithoutTokenRefusesToStart(t *testing.T) {
	t.Setenv("RUKU_INTAKE_TOKEN", "")
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		defer close(done)
		code, _, stderr = runCLI(t, "intake", "--addr", "127.0.0.1:0")
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("ruku intake without a token started serving")
	}
	if code == 0 || !strings.Contains(stderr, "no webhook token") || !strings.Contains(stderr, "--insecure-no-auth") {
		t.Errorf("exit %d, stderr %q; want a refusal naming --insecure-no-auth", code, stderr)
	}
}

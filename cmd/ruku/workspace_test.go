package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ruku/review"
	"ruku/review/accounts"
	"ruku/review/region"
	"ruku/storage/local"
)

// TestSubmitUsersExport runs the one-machine flow on the local store:
// submit a sample bundle, add accounts, make a token, export the lists.
func TestSubmitUsersExport(t *testing.T) {
	// the local store, even where the test script exports an S3 server's
	t.Setenv("RUKU_S3_ENDPOINT", "")
	dir := t.TempDir()
	store := filepath.Join(dir, "data")
	sample := filepath.Join("..", "..", "samples", "bundles", "ineligible-beijing.zip")
	bad := filepath.Join(dir, "broken.zip")
	os.WriteFile(bad, []byte("not a zip"), 0o644)

	code, stdout, stderr := runCLI(t, "submit", sample, bad, "--store-dir", store, "--no-ocr")
	if code != 0 {
		t.Fatalf("submit: exit %d: %s", code, stderr)
	}
	if lines := strings.Split(strings.TrimSpace(stdout), "\n"); len(lines) != 2 ||
		!strings.Contains(lines[0], "ineligible-beijing: ineligible") || !strings.Contains(lines[1], "broken: needs_review") {
		t.Errorf("submit printed %q", stdout)
	}
	if code, _, stderr := runCLI(t, "submit", filepath.Join(dir, "missing.zip"), "--store-dir", store); code != 1 || !strings.Contains(stderr, "missing.zip") {
		t.Errorf("missing bundle: exit %d, %s", code, stderr)
	}

	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("a long enough password\n"), 0o600)
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"users", "add", "sjz", "--role", "city", "--region", "130100"}, 0},
		{[]string{"users", "add", "prov", "--role", "province"}, 0},
		{[]string{"users", "add", "sjz", "--role", "city", "--region", "130100"}, 1}, // exists
		{[]string{"users", "add", "x", "--role", "county", "--region", "130100"}, 1}, // a city code
		{[]string{"users", "add", "y", "--role", "king"}, 1},
		{[]string{"users", "frobnicate"}, 1},
	} {
		args := append(c.args, "--store-dir", store, "--password-file", pw)
		if code, _, stderr := runCLI(t, args...); code != c.code {
			t.Errorf("%v: exit %d, want %d: %s", c.args, code, c.code, stderr)
		}
	}
	code, tok, stderr := runCLI(t, "users", "token", "sjz", "--store-dir", store)
	if code != 0 {
		t.Fatalf("token: %s", stderr)
	}
	code, list, _ := runCLI(t, "users", "list", "--store-dir", store)
	if code != 0 || !strings.Contains(list, "sjz") || !strings.Contains(list, "130100 石家庄市") {
		t.Errorf("list: %q", list)
	}

	// What serve will see: the index rebuilt from the store, the accounts,
	// the token.
	ctx := context.Background()
	st, err := local.New(store)
	if err != nil {
		t.Fatal(err)
	}
	w, err := review.Open(ctx, st, review.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if w.Index.Len() != 2 {
		t.Errorf("index holds %d applications, want 2", w.Index.Len())
	}
	u, err := accounts.New(st, region.Hebei()).ByToken(ctx, strings.TrimSpace(tok))
	if err != nil || u.Name != "sjz" {
		t.Errorf("token: %+v, %v", u, err)
	}
	p, _ := w.Index.List(u, review.Query{})
	if p.Total != 0 {
		t.Errorf("石家庄 sees %d applications (a Beijing one and an unreadable one), want 0", p.Total)
	}

	out := filepath.Join(dir, "汇总表.xlsx")
	if code, stdout, stderr := runCLI(t, "export", "summary", "--city", "130100", "--out", out, "--all", "--store-dir", store); code != 0 || !strings.Contains(stdout, "0 rows") {
		t.Fatalf("export summary: exit %d %q %s", code, stdout, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	f.Close()
	if len(rows) != 5 || len(rows[2]) != 12 || rows[0][0] != "石家庄市优质中小企业服务资源库入库机构推荐汇总表" {
		t.Errorf("summary rows %q", rows)
	}
	if code, _, _ := runCLI(t, "export", "publicity", "--out", filepath.Join(dir, "名单.xlsx"), "--store-dir", store); code != 0 {
		t.Errorf("export publicity: exit %d", code)
	}
	if code, _, _ := runCLI(t, "export", "summary", "--city", "999999", "--out", filepath.Join(dir, "x.xlsx"), "--store-dir", store); code != 1 {
		t.Errorf("unknown city: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.xlsx")); err == nil {
		t.Error("a failed export left a file")
	}
}

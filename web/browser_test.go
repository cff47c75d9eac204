package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ruku/archive"
	"ruku/pipeline/rules"
	"ruku/storage"
	"ruku/web"
)

// chromium returns the browser to drive; the test skips without one
// unless RUKU_REQUIRE_SERVICES is set (CI), where it must run.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("RUKU_REQUIRE_SERVICES") != "" {
		t.Fatal("chromium is required (RUKU_REQUIRE_SERVICES is set): apt-get install chromium")
	}
	t.Skip("chromium absent")
	return ""
}

// TestBrowser drives headless Chromium through the workspace: log in,
// filter the list, open an application, open a quote's page image and
// find the highlight over the quoted words, record an override and see it
// in the history; a form without its CSRF token and another city's
// application, by URL and by API, are refused. Screenshots go to $RUKU_SCREENSHOTS (the README's are
// made with RUKU_SCREENSHOTS=docs/screenshots from the repository root).
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is needed to find the quoted words")
	}
	f := newFixture(t)
	// The quoted words' box, from the PDF's own text layer.
	const word = "91110108172EPXTJ6X" // in the first quote of the first criterion
	pdf := zipEntry(t, f.sample, "01_河北省优质中小企业服务资源库入库申请表.pdf")
	box := wordBox(t, pdf, word)
	setBox(t, f.ws.Store, f.real, box)

	shots := os.Getenv("RUKU_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if !filepath.IsAbs(shots) {
		shots = filepath.Join("..", shots) // tests run in web/
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		t.Fatal(err)
	}
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(tctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		b := value(t, ctx, "screenshot "+name, chromedp.CaptureScreenshot())
		if err := os.WriteFile(filepath.Join(shots, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	login := func(name string) {
		t.Helper()
		run("log in as "+name,
			chromedp.Navigate(f.srv.URL+"/login"),
			chromedp.WaitVisible(chromedp.CSS("#name")),
			chromedp.SendKeys(chromedp.CSS("#name"), name),
			chromedp.SendKeys(chromedp.CSS("#password"), password),
			chromedp.Click(chromedp.CSS("#login")),
			chromedp.WaitVisible(chromedp.CSS("#apps")),
		)
	}
	rows := func() int {
		return value(t, ctx, "count rows", chromedp.Evaluate[int](`document.querySelectorAll("tr.app").length`))
	}

	login("prov")
	if n := rows(); n != len(apps)+1 {
		t.Errorf("province list: %d rows, want %d", n, len(apps)+1)
	}
	shot("list.png")
	// Filter: the ineligible ones.
	run("filter",
		chromedp.SetValue(chromedp.CSS("#verdict"), "ineligible"),
		chromedp.Click(chromedp.CSS("#apply")),
	)
	// The old page also has #apps: wait for the new one.
	waitFor(t, ctx, `location.search.includes("verdict=ineligible") && document.readyState === "complete"`)
	if n := rows(); n != 3 { // 乙, the markup name, the Beijing sample
		t.Errorf("filtered list: %d rows, want 3", n)
	}
	name := value(t, ctx, "markup stays text", chromedp.Evaluate[string](`Array.from(document.querySelectorAll("a.name")).map(a => a.textContent).join("\n")`))
	if !strings.Contains(name, markup) {
		t.Errorf("names %q lack the markup one as text", name)
	}
	if value(t, ctx, "no element from markup", chromedp.Evaluate[bool](`document.querySelectorAll("main script, main img").length > 0`)) {
		t.Error("applicant markup became elements")
	}

	// Open the sample application, then its first quote.
	run("open application",
		chromedp.Navigate(f.srv.URL+"/applications/"+f.real),
		chromedp.WaitVisible(chromedp.CSS("#criteria")),
	)
	shot("application.png")
	run("open quote",
		chromedp.Click(chromedp.CSS("a.evlink")),
		chromedp.WaitVisible(chromedp.CSS(".hl.placed")),
		chromedp.Poll[chromedp.Void](`document.getElementById("page-image").complete && document.getElementById("page-image").naturalWidth > 0`),
	)
	type rects struct{ Img, Hl map[string]float64 }
	rect := value(t, ctx, "measure highlight", chromedp.Evaluate[rects](`(() => {
		const r = e => { const b = e.getBoundingClientRect(); return {x: b.left, y: b.top, w: b.width, h: b.height}; };
		return {Img: r(document.getElementById("page-image")), Hl: r(document.querySelector(".hl"))};
	})()`))
	got := web.Box{
		X0: (rect.Hl["x"] - rect.Img["x"]) / rect.Img["w"], Y0: (rect.Hl["y"] - rect.Img["y"]) / rect.Img["h"],
		X1: (rect.Hl["x"] + rect.Hl["w"] - rect.Img["x"]) / rect.Img["w"], Y1: (rect.Hl["y"] + rect.Hl["h"] - rect.Img["y"]) / rect.Img["h"],
	}
	t.Logf("highlight %+v, words %+v", got, box)
	const tol = 0.005 // half a percent of the page
	if math.Abs(got.X0-box.X0) > tol || math.Abs(got.Y0-box.Y0) > tol || math.Abs(got.X1-box.X1) > tol || math.Abs(got.Y1-box.Y1) > tol {
		t.Errorf("highlight at %+v of the page image, the words %q at %+v", got, word, box)
	}
	// The highlighted area of the drawn page holds ink (the words), and an
	// area as large just left of the page's margin does not.
	ink := value(t, ctx, "ink under the highlight", chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
		const img = document.getElementById("page-image");
		const c = document.createElement("canvas");
		c.width = img.naturalWidth; c.height = img.naturalHeight;
		const g = c.getContext("2d"); g.drawImage(img, 0, 0);
		const dark = (x0, y0, x1, y1) => {
			const d = g.getImageData(x0*c.width, y0*c.height, Math.max(1,(x1-x0)*c.width), Math.max(1,(y1-y0)*c.height)).data;
			let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] + d[i+1] + d[i+2] < 300) n++;
			return n / (d.length/4);
		};
		return [dark(%[1]f,%[2]f,%[3]f,%[4]f), dark(0.0,%[2]f,0.03,%[4]f)];
	})()`, box.X0, box.Y0, box.X1, box.Y1)))
	if len(ink) != 2 || ink[0] < 0.05 || ink[1] > 0.01 {
		t.Errorf("dark share under the highlight %v (want ≥ 5%%), in the margin (want ≤ 1%%)", ink)
	} else {
		t.Logf("dark share: under the highlight %.3f, in the margin %.3f", ink[0], ink[1])
	}
	shot("evidence.png")

	// An override by the county reviewer, seen in the history.
	run("log out", chromedp.Navigate(f.srv.URL+"/"), chromedp.Click(chromedp.CSS("header form button")), chromedp.WaitVisible(chromedp.CSS("#name")))
	login("ca")
	reason := "合并报表总资产230万元，达标（浏览器）"
	run("override",
		chromedp.Navigate(f.srv.URL+appPath(1)),
		chromedp.Click(chromedp.CSS("#c-total_assets details summary")),
		chromedp.SetValue(chromedp.CSS("#c-total_assets form.override select"), "pass"),
		chromedp.SendKeys(chromedp.CSS("#c-total_assets form.override textarea"), reason),
		chromedp.Click(chromedp.CSS("#c-total_assets form.override button")),
		chromedp.WaitVisible(chromedp.CSS("#history-table tr.decision")),
	)
	shot("history.png")
	hist := value(t, ctx, "read history", chromedp.Text(chromedp.CSS("#history-table")))
	if !strings.Contains(hist, reason) || !strings.Contains(hist, "改判为 通过") {
		t.Errorf("history after the override: %q", hist)
	}
	// A form whose CSRF token was taken out is refused, and not recorded.
	run("post without CSRF token",
		chromedp.Navigate(f.srv.URL+appPath(1)),
		chromedp.Click(chromedp.CSS("#c-total_assets details summary")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#c-total_assets form.override input[name=csrf]").remove()`),
		chromedp.SetValue(chromedp.CSS("#c-total_assets form.override textarea"), "无校验码"),
		chromedp.Click(chromedp.CSS("#c-total_assets form.override button")),
		chromedp.WaitVisible(chromedp.CSS("#message")),
	)
	if msg := value(t, ctx, "refusal", chromedp.Text(chromedp.CSS("#message"))); !strings.Contains(msg, "校验码") {
		t.Errorf("POST without CSRF token: %q", msg)
	}

	// 唐山's city reviewer opens a 石家庄 application by URL and by API.
	run("log out", chromedp.Navigate(f.srv.URL+"/"), chromedp.Click(chromedp.CSS("header form button")), chromedp.WaitVisible(chromedp.CSS("#name")))
	login("ts")
	run("other city by URL", chromedp.Navigate(f.srv.URL+appPath(0)), chromedp.WaitVisible(chromedp.CSS("#message")))
	if msg := value(t, ctx, "refusal", chromedp.Text(chromedp.CSS("#message"))); !strings.Contains(msg, "无权访问") {
		t.Errorf("other city by URL: %q", msg)
	}
	if code := value(t, ctx, "other city by API", chromedp.Evaluate[int](`fetch("/api`+appPath(0)+`").then(r => r.status)`, chromedp.EvalAwaitPromise)); code != 403 {
		t.Errorf("other city by API: %d", code)
	}
}

// value runs an action that returns a value, with a timeout.
func value[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitFor evaluates a JavaScript condition until it holds, through
// navigations (which interrupt an evaluation); it fails after 30 seconds.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// zipEntry reads one file of a zip.
func zipEntry(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return nil
}

var (
	pageRE = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)"`)
	wordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// wordBox finds word on page 1 of a PDF with pdftotext -bbox and returns
// its box normalised to the page.
func wordBox(t *testing.T, pdf []byte, word string) web.Box {
	t.Helper()
	cmd := exec.Command("pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	pm := pageRE.FindSubmatch(out)
	if pm == nil {
		t.Fatal("pdftotext -bbox: no page size")
	}
	w, _ := strconv.ParseFloat(string(pm[1]), 64)
	h, _ := strconv.ParseFloat(string(pm[2]), 64)
	for _, m := range wordRE.FindAllSubmatch(out, -1) {
		if strings.Contains(string(m[5]), word) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(string(m[i]), 64); return v }
			return web.Box{X0: f(1) / w, Y0: f(2) / h, X1: f(3) / w, Y1: f(4) / h}
		}
	}
	t.Fatalf("pdftotext found no %q", word)
	return web.Box{}
}

// setBox replaces the boxes of the first quote of the first criterion of
// application sha's dossier.
func setBox(t *testing.T, st storage.Store, sha string, box web.Box) {
	t.Helper()
	ctx := context.Background()
	key := archive.DossierKey(sha, rules.Default(), archive.DossierJSON)
	rc, err := st.Get(ctx, storage.BucketDossiers, key)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(rc)
	rc.Close()
	var d map[string]any
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	ev := d["criteria"].([]any)[0].(map[string]any)["evidence"].([]any)[0].(map[string]any)
	ev["boxes"] = []web.Box{box}
	raw, _ = json.Marshal(d)
	if err := st.Put(ctx, storage.BucketDossiers, key, bytes.NewReader(raw), int64(len(raw)), storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
}

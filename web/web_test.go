package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	_ "image/png"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ruku/archive"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
	"ruku/review"
	"ruku/review/accounts"
	"ruku/review/decisions"
	"ruku/review/reviewtest"
	"ruku/storage"
	"ruku/web"
)

var cheap = accounts.Params{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

const password = "correct horse battery"

// markup is an applicant name that would run script if it were not
// escaped.
const markup = `<script>alert("x")</script>'"&<img src=x onerror=alert(1)>`

// fixture is a workspace over a real local store: synthetic applications
// of 石家庄 and 唐山, one real sample bundle verified by the pipeline (with
// boxes added to one quote), and accounts of every role.
type fixture struct {
	ws     *review.Workspace
	srv    *httptest.Server
	real   string // the sample bundle's SHA-256
	box    web.Box
	sample string // path of the sample zip
}

// The synthetic applications: index, name, division, failed criteria.
var apps = []struct {
	name, div string
	failed    []string
}{
	{"甲科技服务有限公司", "130102", nil},
	{"乙咨询中心", "130102", []string{"total_assets"}},
	{markup, "130123", []string{"premises_valid"}},
	{"唐山己公司", "130203", nil},
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := reviewtest.Store(t)
	if err := review.EnsureBuckets(ctx, st); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	for i, a := range apps {
		reviewtest.Put(t, st, reviewtest.Dossier(i, a.name, a.div, "", a.failed...), t0.Add(time.Duration(i)*time.Hour))
	}
	f := &fixture{sample: filepath.Join("..", "samples", "bundles", "ineligible-beijing.zip"), box: web.Box{X0: 0.1, Y0: 0.2, X1: 0.5, Y1: 0.25}}
	f.real = submitSample(t, st, f.sample, f.box)
	ws, err := review.Open(ctx, st, review.Config{Accounts: []accounts.Option{accounts.WithParams(cheap)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name   string
		role   accounts.Role
		region string
	}{
		{"sjz", accounts.City, "130100"}, {"ts", accounts.City, "130200"}, {"ca", accounts.County, "130102"},
		{"zd", accounts.County, "130123"}, {"prov", accounts.Province, ""}, {"aud", accounts.Auditor, ""},
	} {
		if _, err := ws.Accounts.Add(ctx, u.name, u.role, u.region, []byte(password)); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := web.New(ws, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.ws, f.srv = ws, httptest.NewServer(srv)
	t.Cleanup(f.srv.Close)
	return f
}

// submitSample archives and verifies a sample bundle as ruku submit does
// (without OCR), then adds box to the first quote of the first criterion,
// as the pipeline will write it.
func submitSample(t *testing.T, st storage.Store, path string, box web.Box) string {
	t.Helper()
	ctx := context.Background()
	up, err := archive.ReadBundle(path, 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	p := &archive.Processor{Store: st, Rules: rules.Default(), Limits: bundle.DefaultLimits(), Options: pipeline.Options{Workers: 1}, Log: slog.New(slog.DiscardHandler)}
	if _, err := p.Submit(ctx, up); err != nil {
		t.Fatal(err)
	}
	setBox(t, st, up.SHA256, box)
	return up.SHA256
}

// client is a browser: a cookie jar, redirects not followed, and the CSRF
// token of the last page it read.
type client struct {
	t    *testing.T
	base string
	hc   *http.Client
	csrf string
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

func (f *fixture) client(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: f.srv.URL, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// login logs in as name and checks it worked.
func (f *fixture) login(t *testing.T, name string) *client {
	t.Helper()
	c := f.client(t)
	if code, _, h := c.loginAs(name, password); code != http.StatusSeeOther || h.Get("Location") != "/" {
		t.Fatalf("login %s: %d %s", name, code, h.Get("Location"))
	}
	c.get("/")
	return c
}

// loginAs fetches the login form and posts name and pw.
func (c *client) loginAs(name, pw string) (int, string, http.Header) {
	c.get("/login")
	return c.post("/login", url.Values{"name": {name}, "password": {pw}})
}

func (c *client) do(req *http.Request) (int, string, http.Header) {
	c.t.Helper()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	if m := csrfRE.FindSubmatch(b); m != nil {
		c.csrf = string(m[1])
	}
	return resp.StatusCode, string(b), resp.Header
}

func (c *client) get(path string) (int, string, http.Header) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	return c.do(req)
}

// post sends a form with the page's CSRF token (unless v sets "csrf").
func (c *client) post(path string, v url.Values) (int, string, http.Header) {
	c.t.Helper()
	if _, ok := v["csrf"]; !ok {
		v.Set("csrf", c.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// getJSON fetches an API path into v and returns the status.
func (c *client) getJSON(path string, v any) int {
	c.t.Helper()
	code, body, h := c.get(path)
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		c.t.Fatalf("%s: Content-Type %q", path, ct)
	}
	if v != nil && code == http.StatusOK {
		if err := json.Unmarshal([]byte(body), v); err != nil {
			c.t.Fatalf("%s: %v", path, err)
		}
	}
	return code
}

func appPath(i int) string { return "/applications/" + reviewtest.SHA(i) }

func TestLoginAndList(t *testing.T) {
	f := newFixture(t)
	c := f.client(t)
	if code, _, h := c.get("/"); code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/login") {
		t.Errorf("/ before login: %d %s", code, h.Get("Location"))
	}
	if code := c.getJSON("/api/applications", nil); code != http.StatusUnauthorized {
		t.Errorf("API before login: %d", code)
	}
	sjz := f.login(t, "sjz")
	for _, tc := range []struct {
		query string
		want  []string // names, in order
	}{
		{"", []string{markup, "乙咨询中心", "甲科技服务有限公司"}}, // newest first; no 唐山, no Beijing
		{"?sort=name&desc=0", []string{markup, "乙咨询中心", "甲科技服务有限公司"}},
		{"?verdict=ineligible", []string{markup, "乙咨询中心"}},
		{"?failed=total_assets", []string{"乙咨询中心"}},
		{"?q=" + url.QueryEscape("咨询"), []string{"乙咨询中心"}},
		{"?q=" + reviewtest.USCC("130102", 0), []string{"甲科技服务有限公司"}},
		{"?q=" + reviewtest.USCC("130102", 0)[:8], []string{"乙咨询中心", "甲科技服务有限公司"}},
		{"?county=130123", []string{markup}},
		{"?city=130200", nil},
		{"?limit=1&page=2", []string{"乙咨询中心"}},
	} {
		var p review.Page
		if code := sjz.getJSON("/api/applications"+tc.query, &p); code != http.StatusOK {
			t.Fatalf("%q: %d", tc.query, code)
		}
		var got []string
		for _, a := range p.Items {
			got = append(got, a.Name)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("API %q: %q, want %q", tc.query, got, tc.want)
		}
		// The page lists the same names.
		code, body, _ := sjz.get("/" + tc.query)
		if code != http.StatusOK {
			t.Fatalf("page %q: %d", tc.query, code)
		}
		if n := strings.Count(body, `<tr class="app">`); n != len(tc.want) {
			t.Errorf("page %q: %d rows, want %d", tc.query, n, len(tc.want))
		}
	}
	if code, _, _ := sjz.get("/?sort=bogus"); code != http.StatusBadRequest {
		t.Errorf("unknown sort: %d", code)
	}
	// The province sees every application, the Beijing one too.
	var p review.Page
	f.login(t, "prov").getJSON("/api/applications", &p)
	if p.Total != len(apps)+1 {
		t.Errorf("province sees %d, want %d", p.Total, len(apps)+1)
	}
	// Logout ends the session.
	if code, _, _ := sjz.post("/logout", url.Values{}); code != http.StatusSeeOther {
		t.Errorf("logout: %d", code)
	}
	if code, _, _ := sjz.get("/"); code != http.StatusSeeOther {
		t.Errorf("after logout: %d", code)
	}
}

func TestWrongPasswordRateLimited(t *testing.T) {
	f := newFixture(t)
	c := f.client(t)
	if code, body, _ := c.loginAs("sjz", "wrong password!"); code != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") {
		t.Errorf("wrong password: %d", code)
	}
	if code, _, _ := c.loginAs("nobody", "wrong password!"); code != http.StatusUnauthorized {
		t.Errorf("unknown user: %d", code)
	}
	for range 4 {
		c.loginAs("sjz", "wrong password!")
	}
	// Five failures for the name: now even the right password is refused.
	code, body, h := c.loginAs("sjz", password)
	if code != http.StatusTooManyRequests || h.Get("Retry-After") == "" || !strings.Contains(body, "登录失败次数过多") {
		t.Errorf("after 5 failures: %d, Retry-After %q", code, h.Get("Retry-After"))
	}
	if code, _, _ := c.get("/"); code != http.StatusSeeOther {
		t.Errorf("not logged in after refused login: %d", code)
	}
	// A colleague at the same address still logs in.
	if code, _, _ := f.client(t).loginAs("ca", password); code != http.StatusSeeOther {
		t.Errorf("another account from the same address: %d", code)
	}
	// Many names tried from one address lock the address.
	srv, err := web.New(f.ws, web.Options{AddrLimiter: accounts.NewLimiter(3, time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	c2 := f.client(t)
	c2.base = hs.URL
	for _, name := range []string{"x1", "x2", "x3"} {
		c2.loginAs(name, "wrong password!")
	}
	if code, _, _ := c2.loginAs("ca", password); code != http.StatusTooManyRequests {
		t.Errorf("after 3 failures from one address: %d", code)
	}
}

func TestLoginNeedsCSRF(t *testing.T) {
	f := newFixture(t)
	c := f.client(t)
	c.get("/login")
	if code, _, _ := c.post("/login", url.Values{"name": {"sjz"}, "password": {password}, "csrf": {""}}); code != http.StatusForbidden {
		t.Errorf("login without CSRF token: %d", code)
	}
	fresh := f.client(t) // no session at all
	if code, _, _ := fresh.post("/login", url.Values{"name": {"sjz"}, "password": {password}, "csrf": {strings.Repeat("0", 64)}}); code != http.StatusForbidden {
		t.Errorf("login without session: %d", code)
	}
}

// TestOtherCityForbidden: 属地原则 on every route, by page and by API.
func TestOtherCityForbidden(t *testing.T) {
	f := newFixture(t)
	ts := f.login(t, "ts")
	real := "/applications/" + f.real
	for _, path := range []string{
		appPath(0), "/api" + appPath(0),
		appPath(0) + "/files/0", appPath(0) + "/files/0/pages/1", appPath(0) + "/files/0/pages/1/image",
		"/api" + appPath(0) + "/files/0/pages/1",
		real, "/api" + real, real + "/files/0", real + "/files/0/pages/1?ev=0.0", real + "/files/0/pages/1/image",
		"/api" + real + "/files/0/pages/1",
		"/exports/summary?city=130100", "/exports/publicity", "/publicity",
	} {
		code, body, _ := ts.get(path)
		if code != http.StatusForbidden {
			t.Errorf("唐山 reviewer GET %s: %d, want 403", path, code)
		}
		if strings.Contains(body, "甲科技") || strings.Contains(body, "forbidden") {
			t.Errorf("%s: the refusal shows the application or internal text", path)
		}
	}
	if code, _, _ := ts.post(appPath(0)+"/decisions", url.Values{"kind": {"step"}, "step": {"city"}, "outcome": {"recommend"}}); code != http.StatusForbidden {
		t.Errorf("唐山 reviewer deciding on 石家庄: %d", code)
	}
	// A county reviewer of another county, too.
	zd := f.login(t, "zd")
	if code, _, _ := zd.get(appPath(0)); code != http.StatusForbidden {
		t.Errorf("正定 reviewer on 长安 application: %d", code)
	}
	if code, _, _ := zd.get(appPath(2)); code != http.StatusOK {
		t.Errorf("正定 reviewer on own application: %d", code)
	}
	// Unknown ones are 404, for everyone.
	if code, _, _ := ts.get("/applications/" + strings.Repeat("ab", 32)); code != http.StatusNotFound {
		t.Errorf("unknown application: %d", code)
	}
	if code, _, _ := ts.get("/applications/nothex"); code != http.StatusNotFound {
		t.Errorf("malformed id: %d", code)
	}
}

func TestPostWithoutCSRF(t *testing.T) {
	f := newFixture(t)
	ca := f.login(t, "ca")
	form := func() url.Values {
		return url.Values{"kind": {"criterion"}, "criterion": {"total_assets"}, "action": {"confirm"}}
	}
	for _, tok := range []string{"", strings.Repeat("0", 64), "x"} {
		v := form()
		v.Set("csrf", tok)
		if code, body, _ := ca.post(appPath(1)+"/decisions", v); code != http.StatusForbidden || !strings.Contains(body, "校验码") {
			t.Errorf("POST with CSRF %q: %d", tok, code)
		}
	}
	// A cookie-authenticated API POST needs the header.
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/api"+appPath(1)+"/decisions", strings.NewReader(`{"kind":"criterion","criterion":"total_assets","action":"confirm"}`))
	req.Header.Set("Content-Type", "application/json")
	if code, _, _ := ca.do(req); code != http.StatusForbidden {
		t.Errorf("API POST by cookie without X-CSRF-Token: %d", code)
	}
	if h, _ := f.ws.History(context.Background(), accounts.User{Name: "p", Role: accounts.Province}, reviewtest.SHA(1)); len(h) != 0 {
		t.Errorf("refused POSTs recorded %d decisions", len(h))
	}
	// With the token, by form and by API header, it goes through.
	if code, _, h := ca.post(appPath(1)+"/decisions", form()); code != http.StatusSeeOther || h.Get("Location") != appPath(1)+"#history" {
		t.Errorf("POST with CSRF: %d %s", code, h.Get("Location"))
	}
	req, _ = http.NewRequest(http.MethodPost, f.srv.URL+"/api"+appPath(1)+"/decisions", strings.NewReader(`{"kind":"criterion","criterion":"total_assets","action":"confirm"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", ca.csrf)
	if code, body, _ := ca.do(req); code != http.StatusCreated {
		t.Errorf("API POST with X-CSRF-Token: %d %s", code, body)
	}
}

func TestTokenAPI(t *testing.T) {
	f := newFixture(t)
	tok, err := f.ws.Accounts.NewToken(context.Background(), "ca")
	if err != nil {
		t.Fatal(err)
	}
	c := f.client(t)
	call := func(method, path, token, body string) (int, string) {
		req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		code, b, _ := c.do(req)
		return code, b
	}
	if code, body := call("GET", "/api/applications", tok, ""); code != http.StatusOK || !strings.Contains(body, "甲科技") || strings.Contains(body, "唐山") {
		t.Errorf("token list: %d %s", code, body)
	}
	if code, _ := call("GET", "/api/applications", "rk_"+strings.Repeat("0", 64), ""); code != http.StatusUnauthorized {
		t.Errorf("bad token: %d", code)
	}
	// No CSRF token with a bearer token.
	code, body := call("POST", "/api"+appPath(0)+"/decisions", tok, `{"kind":"step","step":"county","outcome":"pass","opinion":"材料齐全"}`)
	var d decisions.Decision
	json.Unmarshal([]byte(body), &d)
	if code != http.StatusCreated || d.By != "ca" || d.Outcome != decisions.Pass || d.Dossier.RulesDir == "" {
		t.Errorf("token decision: %d %s", code, body)
	}
	if code, _ := call("POST", "/api"+appPath(0)+"/decisions", tok, `{"kind":"step","step":"city","outcome":"recommend"}`); code != http.StatusForbidden {
		t.Errorf("county reviewer taking the city step: %d", code)
	}
	if code, _ := call("POST", "/api"+appPath(0)+"/decisions", tok, `{"kind":"criterion","criterion":"total_assets","action":"override","status":"pass"}`); code != http.StatusBadRequest {
		t.Errorf("override without reason: %d", code)
	}
}

// TestMarkupInert: an applicant's name with markup is text everywhere.
func TestMarkupInert(t *testing.T) {
	f := newFixture(t)
	zd := f.login(t, "zd")
	reason := `<script>alert('reason')</script>`
	if code, _, _ := zd.post(appPath(2)+"/decisions", url.Values{"kind": {"criterion"}, "criterion": {"premises_valid"}, "action": {"override"}, "status": {"pass"}, "reason": {reason}}); code != http.StatusSeeOther {
		t.Fatalf("override: %d", code)
	}
	for _, path := range []string{"/", appPath(2), "/?q=" + url.QueryEscape(`<script>`)} {
		code, body, _ := zd.get(path)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s: markup not escaped", path)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
			t.Errorf("%s: escaped name missing", path)
		}
		assertNoInline(t, path, body)
	}
	for _, path := range []string{"/api/applications", "/api" + appPath(2)} {
		_, body, _ := zd.get(path)
		if strings.Contains(body, "<script>") || strings.Contains(body, "<img") || !strings.Contains(body, `\u003cscript\u003ealert(\"x\")`) {
			t.Errorf("%s: markup not escaped in JSON", path)
		}
	}
}

// assertNoInline checks a page has no inline script, style or handler,
// which the CSP would block.
func assertNoInline(t *testing.T, path, body string) {
	t.Helper()
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
		if !strings.Contains(m, ` src="/static/`) {
			t.Errorf("%s: inline script %s", path, m)
		}
	}
	if regexp.MustCompile(`(?i)<style|<[^>]*\s(style|on[a-z]+)=`).MatchString(body) {
		t.Errorf("%s: inline style or event handler", path)
	}
}

func TestOverrideInHistory(t *testing.T) {
	f := newFixture(t)
	ca := f.login(t, "ca")
	reason := "合并报表总资产230万元，达标"
	code, _, h := ca.post(appPath(1)+"/decisions", url.Values{"kind": {"criterion"}, "criterion": {"total_assets"}, "action": {"override"}, "status": {"pass"}, "reason": {reason}})
	if code != http.StatusSeeOther || h.Get("Location") != appPath(1)+"#history" {
		t.Fatalf("override: %d %s", code, h.Get("Location"))
	}
	code, body, _ := ca.get(appPath(1))
	if code != http.StatusOK {
		t.Fatal(code)
	}
	hist := body[strings.Index(body, `id="history"`):]
	if !strings.Contains(hist, reason) || !strings.Contains(hist, "改判为 通过") || !strings.Contains(hist, "ca") {
		t.Errorf("history does not show the override:\n%s", hist)
	}
	if !strings.Contains(body, "计入审核员改判后：<b>符合入库条件</b>") {
		t.Errorf("reviewed verdict not shown")
	}
	// The API shows it too, with the dossier it saw.
	var j struct {
		Application review.Application   `json:"application"`
		History     []decisions.Decision `json:"history"`
	}
	if code := ca.getJSON("/api"+appPath(1), &j); code != http.StatusOK {
		t.Fatal(code)
	}
	if len(j.History) != 1 || j.History[0].Reason != reason || j.History[0].Status != dossier.Pass || j.History[0].Dossier.RulesDir == "" {
		t.Errorf("API history: %+v", j.History)
	}
	if j.Application.Reviewed != dossier.Eligible {
		t.Errorf("reviewed verdict %q", j.Application.Reviewed)
	}
	// An override without a reason is refused, and not recorded.
	if code, body, _ := ca.post(appPath(1)+"/decisions", url.Values{"kind": {"criterion"}, "criterion": {"total_assets"}, "action": {"override"}, "status": {"fail"}}); code != http.StatusBadRequest || !strings.Contains(body, "理由") {
		t.Errorf("override without reason: %d", code)
	}
	// A city reviewer may not decide while the county step is open.
	if code, _, _ := f.login(t, "sjz").post(appPath(1)+"/decisions", url.Values{"kind": {"step"}, "step": {"city"}, "outcome": {"recommend"}}); code != http.StatusForbidden {
		t.Errorf("city step before 初审: %d", code)
	}
}

// TestSummaryExport takes two applications through 初审 and 推荐 by the
// forms and reads the 推荐汇总表 back.
func TestSummaryExport(t *testing.T) {
	f := newFixture(t)
	ca, zd, sjz := f.login(t, "ca"), f.login(t, "zd"), f.login(t, "sjz")
	steps := []struct {
		c    *client
		i    int
		form url.Values
	}{
		{ca, 0, url.Values{"kind": {"step"}, "step": {"county"}, "outcome": {"pass"}, "opinion": {"材料真实完整"}}},
		{zd, 2, url.Values{"kind": {"step"}, "step": {"county"}, "outcome": {"pass"}, "opinion": {"同意"}}},
		{ca, 1, url.Values{"kind": {"step"}, "step": {"county"}, "outcome": {"return"}, "reason": {"缺审计报告"}}},
		{sjz, 0, url.Values{"kind": {"step"}, "step": {"city"}, "outcome": {"recommend"}, "opinion": {"同意推荐"}}},
		{sjz, 2, url.Values{"kind": {"step"}, "step": {"city"}, "outcome": {"not_recommend"}, "opinion": {"场地不符"}}},
	}
	for _, s := range steps {
		s.c.get(appPath(s.i))
		if code, body, _ := s.c.post(appPath(s.i)+"/decisions", s.form); code != http.StatusSeeOther {
			t.Fatalf("%v on %d: %d %s", s.form, s.i, code, body)
		}
	}
	rows := readXLSX(t, sjz, "/exports/summary?city=130100")
	if !hasRow(rows, "甲科技服务有限公司", reviewtest.USCC("130102", 0), "同意推荐", "材料真实完整") || hasAny(rows, markup) || hasAny(rows, "乙咨询中心") {
		t.Errorf("summary rows: %q", rows)
	}
	all := readXLSX(t, sjz, "/exports/summary?city=130100&all=1")
	if !hasRow(all, "甲科技服务有限公司") || !hasRow(all, markup, "场地不符") || hasAny(all, "乙咨询中心") {
		t.Errorf("summary --all rows: %q", all)
	}
	if !hasRow(all, "序号", "机构名称", "统一社会信用代码") {
		t.Errorf("no header row: %q", all[:min(len(all), 4)])
	}
	// The province may export any city; a county reviewer none.
	prov := f.login(t, "prov")
	if rows := readXLSX(t, prov, "/exports/summary?city=130100"); !hasRow(rows, "甲科技服务有限公司") {
		t.Errorf("province export: %q", rows)
	}
	// The province approves 甲: it is on the 拟入库名单, as XLSX and page.
	prov.get(appPath(0))
	if code, _, _ := prov.post(appPath(0)+"/decisions", url.Values{"kind": {"step"}, "step": {"province"}, "outcome": {"approve"}}); code != http.StatusSeeOther {
		t.Fatalf("approve: %d", code)
	}
	if rows := readXLSX(t, prov, "/exports/publicity"); !hasRow(rows, "甲科技服务有限公司", reviewtest.USCC("130102", 0)) || hasAny(rows, "乙咨询中心") {
		t.Errorf("publicity rows: %q", rows)
	}
	if code, body, _ := prov.get("/publicity"); code != http.StatusOK || !strings.Contains(body, "甲科技服务有限公司") || strings.Contains(body, "乙咨询中心") {
		t.Errorf("publicity page: %d", code)
	}
	if code, _, _ := sjz.get("/exports/publicity"); code != http.StatusForbidden {
		t.Errorf("city reviewer publicity: %d", code)
	}
	if code, _, _ := ca.get("/exports/summary?city=130100"); code != http.StatusForbidden {
		t.Errorf("county reviewer export: %d", code)
	}
	if code, _, _ := sjz.get("/exports/summary?city=999999"); code != http.StatusBadRequest {
		t.Errorf("unknown city: %d", code)
	}
}

func readXLSX(t *testing.T, c *client, path string) [][]string {
	t.Helper()
	code, body, h := c.get(path)
	if code != http.StatusOK {
		t.Fatalf("%s: %d", path, code)
	}
	if cd := h.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		t.Errorf("%s: Content-Disposition %q", path, cd)
	}
	x, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(x.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// hasRow reports whether a row contains every cell text.
func hasRow(rows [][]string, cells ...string) bool {
	for _, r := range rows {
		all := true
		for _, c := range cells {
			found := false
			for _, x := range r {
				found = found || strings.Contains(x, c)
			}
			all = all && found
		}
		if all {
			return true
		}
	}
	return false
}

func hasAny(rows [][]string, s string) bool { return hasRow(rows, s) }

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	prov := f.login(t, "prov")
	anon := f.client(t)
	for _, tc := range []struct {
		c    *client
		path string
	}{{anon, "/login"}, {prov, "/"}, {prov, appPath(0)}, {prov, "/static/app.js"}, {prov, "/api/applications"}, {anon, "/api/applications"}} {
		_, _, h := tc.c.get(tc.path)
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", tc.path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline", tc.path)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", tc.path, h)
		}
	}
	if code, _, _ := prov.get("/static/"); code != http.StatusNotFound {
		t.Errorf("static folder listing: %d", code)
	}
	// The session cookie.
	c := f.client(t)
	c.get("/login")
	_, _, h := c.post("/login", url.Values{"name": {"prov"}, "password": {password}})
	ck := h.Get("Set-Cookie")
	if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Strict") {
		t.Errorf("cookie %q", ck)
	}
	// Errors show no internal text.
	if code, body, _ := prov.get("/applications/" + strings.Repeat("ab", 32)); code != http.StatusNotFound || strings.Contains(body, "review:") || strings.Contains(body, "abababab") {
		t.Errorf("404 page shows internals: %s", body)
	}
}

func TestSecureCookie(t *testing.T) {
	f := newFixture(t)
	srv, err := web.New(f.ws, web.Options{SecureCookies: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/login", nil))
	if ck := rec.Header().Get("Set-Cookie"); !strings.HasPrefix(ck, "__Host-ruku=") || !strings.Contains(ck, "Secure") || !strings.Contains(ck, "HttpOnly") {
		t.Errorf("cookie %q", ck)
	}
}

// TestEvidencePage follows a quote of the real sample to its page view,
// checks the highlight's position, the page image and the original file.
func TestEvidencePage(t *testing.T) {
	f := newFixture(t)
	prov := f.login(t, "prov")
	app := "/applications/" + f.real
	code, body, h := prov.get(app)
	if code != http.StatusOK {
		t.Fatal(code)
	}
	assertNoInline(t, app, body)
	m := regexp.MustCompile(`class="evlink" href="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no evidence link on the application page")
	}
	link := strings.ReplaceAll(m[1], "&amp;", "&")
	if !strings.Contains(link, "/files/0/pages/1?") || !strings.Contains(link, "ev=0.0") {
		t.Errorf("first evidence link %q", link)
	}
	code, page, _ := prov.get(link)
	if code != http.StatusOK {
		t.Fatalf("%s: %d", link, code)
	}
	assertNoInline(t, link, page)
	want := `class="hl" data-left="10.0000" data-top="20.0000" data-width="40.0000" data-height="5.0000"`
	if !strings.Contains(page, want) {
		t.Errorf("page view lacks the highlight %s", want)
	}
	img := regexp.MustCompile(`<img src="([^"]+)"`).FindStringSubmatch(page)
	if img == nil {
		t.Fatal("no page image")
	}
	// The API gives the same boxes.
	var pv struct {
		Boxes    []web.Box      `json:"boxes"`
		Evidence map[string]any `json:"evidence"`
		Other    map[string]any `json:"-"`
	}
	if code := prov.getJSON("/api"+link, &pv); code != http.StatusOK || len(pv.Boxes) != 1 || pv.Boxes[0] != f.box || pv.Evidence["snippet"] == "" {
		t.Errorf("API page view: %d %+v", code, pv)
	}
	var aj struct {
		Evidence [][]struct {
			Page  string    `json:"page"`
			Boxes []web.Box `json:"boxes"`
		} `json:"evidence_links"`
	}
	if code := prov.getJSON("/api"+app, &aj); code != http.StatusOK || len(aj.Evidence) == 0 || len(aj.Evidence[0]) == 0 ||
		aj.Evidence[0][0].Page != link || len(aj.Evidence[0][0].Boxes) != 1 || aj.Evidence[0][0].Boxes[0] != f.box {
		t.Errorf("API application evidence links: %d %+v", code, aj.Evidence)
	}
	// Another quote on the same page is not highlighted with this one's box.
	if _, other, _ := prov.get(strings.Replace(link, "ev=0.0", "ev=0.1", 1)); strings.Contains(other, want) {
		t.Errorf("another quote got this one's highlight")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		if os.Getenv("RUKU_REQUIRE_SERVICES") != "" {
			t.Fatal("pdftoppm is required (RUKU_REQUIRE_SERVICES is set)")
		}
		t.Log("pdftoppm absent: page image not checked")
	} else {
		code, png, h := prov.get(strings.ReplaceAll(img[1], "&amp;", "&"))
		if code != http.StatusOK || h.Get("Content-Type") != "image/png" || !strings.HasPrefix(png, "\x89PNG") {
			t.Errorf("page image: %d %s", code, h.Get("Content-Type"))
		}
	}
	// An image file unread without OCR is still shown, as it is; a
	// spreadsheet has no pages.
	var dj struct {
		Dossier dossier.Dossier `json:"dossier"`
	}
	prov.getJSON("/api"+app, &dj)
	png, xlsx := -1, -1
	for i, in := range dj.Dossier.Inputs {
		switch {
		case png < 0 && strings.HasSuffix(in.Path, ".png"):
			png = i
		case xlsx < 0 && strings.HasSuffix(in.Path, ".xlsx"):
			xlsx = i
		}
	}
	if png < 0 || xlsx < 0 {
		t.Fatalf("the sample has no PNG or no XLSX: %+v", dj.Dossier.Inputs)
	}
	code, body, h = prov.get(fmt.Sprintf("%s/files/%d/pages/1/image", app, png))
	src, _, err := image.DecodeConfig(bytes.NewReader(zipEntry(t, f.sample, dj.Dossier.Inputs[png].Path)))
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := image.DecodeConfig(strings.NewReader(body))
	// the image as OCR decodes it, drawn at the page view's width
	if code != http.StatusOK || h.Get("Content-Type") != "image/png" || err != nil ||
		math.Abs(float64(got.Height)/float64(got.Width)-float64(src.Height)/float64(src.Width)) > 0.01 {
		t.Errorf("PNG page image: %d %s %v: %dx%d of %dx%d", code, h.Get("Content-Type"), err, got.Width, got.Height, src.Width, src.Height)
	}
	if code, _, _ := prov.get(fmt.Sprintf("%s/files/%d/pages/1", app, xlsx)); code != http.StatusNotFound {
		t.Errorf("spreadsheet page: %d", code)
	}
	// The original file, as stored in the bundle, as an attachment.
	code, orig, h := prov.get(app + "/files/0")
	if code != http.StatusOK || h.Get("Content-Type") != "application/octet-stream" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || !strings.HasPrefix(orig, "%PDF") {
		t.Errorf("original: %d %v", code, h)
	}
	if code, _, _ := prov.get(app + "/files/999"); code != http.StatusNotFound {
		t.Errorf("file 999: %d", code)
	}
	if code, _, _ := prov.get(app + "/files/0/pages/99"); code != http.StatusNotFound {
		t.Errorf("page 99: %d", code)
	}
	if code, _, _ := prov.get(link + "9"); code != http.StatusNotFound {
		t.Errorf("unknown evidence: %d", code)
	}
}

// TestRulesVersions: a re-audit under other rules shows beside the newest
// dossier with what changed.
func TestRulesVersions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := reviewtest.Dossier(0, "甲科技服务有限公司", "130102", "", "total_assets")
	d.Rules.Version = "hebei-next"
	d.GeneratedAt = d.GeneratedAt.Add(24 * time.Hour)
	rs := *rules.Default()
	rs.Version, rs.SHA256 = "hebei-next", strings.Repeat("1", 64)
	if err := archive.WriteDossier(ctx, f.ws.Store, d.BundleSHA256, d, &rs); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ws.Reload(ctx, d.BundleSHA256); err != nil {
		t.Fatal(err)
	}
	ca := f.login(t, "ca")
	_, body, _ := ca.get(appPath(0))
	if !strings.Contains(body, "其他规则版本的核验档案") || !strings.Contains(body, "total_assets") || !strings.Contains(body, "（结论改变）") {
		t.Errorf("no comparison on the page")
	}
	// Side by side: two columns, the newest current, the changed cell marked.
	side := body[strings.Index(body, `id="side-by-side"`):]
	side = side[:strings.Index(side, "</table>")]
	if len(regexp.MustCompile(`<th[ >]`).FindAllString(side, -1)) != 3 || strings.Count(side, `class="current"`) != 1 || strings.Count(side, `class="changed"`) != 1 {
		t.Errorf("side-by-side table:\n%s", side)
	}
	var j struct {
		RulesDir string `json:"rules_dir"`
		Compare  []struct {
			VerdictChanged bool `json:"verdict_changed"`
		} `json:"compare"`
	}
	ca.getJSON("/api"+appPath(0), &j)
	if j.RulesDir != archive.RulesDir(&rs) || len(j.Compare) != 1 || !j.Compare[0].VerdictChanged {
		t.Errorf("API compare: %+v", j)
	}
}

// TestRegionCorrection: the province places the Beijing-registered sample
// in 长安区; its county reviewer then sees it, and the history says so.
func TestRegionCorrection(t *testing.T) {
	f := newFixture(t)
	app := "/applications/" + f.real
	ca := f.login(t, "ca")
	if code, _, _ := ca.get(app); code != http.StatusForbidden {
		t.Fatalf("before the correction: %d", code)
	}
	prov := f.login(t, "prov")
	prov.get(app)
	if code, _, _ := prov.post(app+"/decisions", url.Values{"kind": {"region"}, "division": {"130102"}}); code != http.StatusBadRequest {
		t.Errorf("correction without reason: %d", code)
	}
	if code, _, _ := prov.post(app+"/decisions", url.Values{"kind": {"region"}, "division": {"999999"}, "reason": {"x"}}); code != http.StatusBadRequest {
		t.Errorf("correction to an unknown division: %d", code)
	}
	if code, _, _ := prov.post(app+"/decisions", url.Values{"kind": {"region"}, "division": {"130102"}, "reason": {"实际经营地在长安区"}}); code != http.StatusSeeOther {
		t.Fatalf("correction: %d", code)
	}
	code, body, _ := ca.get(app)
	if code != http.StatusOK || !strings.Contains(body, "所在地更正") || !strings.Contains(body, "实际经营地在长安区") {
		t.Errorf("after the correction: %d", code)
	}
	// The login form takes a user back where they were going.
	c := f.client(t)
	if code, _, h := c.get(app); code != http.StatusSeeOther || h.Get("Location") != "/login?next="+url.QueryEscape(app) {
		t.Fatalf("redirect to login: %d %s", code, h.Get("Location"))
	}
	c.get("/login?next=" + url.QueryEscape(app))
	if code, _, h := c.post("/login", url.Values{"name": {"ca"}, "password": {password}, "next": {app}}); code != http.StatusSeeOther || h.Get("Location") != app {
		t.Errorf("login with next: %d %s", code, h.Get("Location"))
	}
	c2 := f.client(t)
	c2.get("/login")
	if _, _, h := c2.post("/login", url.Values{"name": {"ca"}, "password": {password}, "next": {"//evil.example/"}}); h.Get("Location") != "/" {
		t.Errorf("open redirect: %s", h.Get("Location"))
	}
}

// TestRefresh: a dossier a worker writes after start is loaded by
// Refresh, once.
func TestRefresh(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if n, err := web.Refresh(ctx, f.ws); n != 0 || err != nil {
		t.Fatalf("nothing new: %d, %v", n, err)
	}
	reviewtest.Put(t, f.ws.Store, reviewtest.Dossier(9, "新来的服务中心", "130102", ""), time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))
	if n, err := web.Refresh(ctx, f.ws); n != 1 || err != nil {
		t.Fatalf("one new: %d, %v", n, err)
	}
	if n, err := web.Refresh(ctx, f.ws); n != 0 || err != nil {
		t.Fatalf("again: %d, %v", n, err)
	}
	if code, body, _ := f.login(t, "ca").get("/"); code != http.StatusOK || !strings.Contains(body, "新来的服务中心") {
		t.Errorf("the new application is not listed: %d", code)
	}
}

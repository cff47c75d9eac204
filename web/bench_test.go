package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"ruku/archive"
	"ruku/pipeline/rules"
	"ruku/review"
	"ruku/review/accounts"
	"ruku/review/reviewtest"
	"ruku/storage"
	"ruku/web"
)

// BenchmarkListPage measures the server time of the applications list
// (page and API) over 10,000 applications in a local store: the handler
// called directly, session lookup, index query and template included.
func BenchmarkListPage(b *testing.B) {
	ctx := context.Background()
	st := reviewtest.Store(b)
	if err := review.EnsureBuckets(ctx, st); err != nil {
		b.Fatal(err)
	}
	rs := rules.Default()
	divs := []string{"130102", "130123", "130203", "130302", "130402", "130181", "130682", "130629", "131102", "110108"}
	t0 := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	for i := range 10000 {
		var failed []string
		if i%3 == 0 {
			failed = append(failed, "total_assets")
		}
		d := reviewtest.Dossier(i, fmt.Sprintf("服务机构%05d有限公司", i), divs[i%len(divs)], "", failed...)
		js, err := d.JSON()
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Put(ctx, storage.BucketDossiers, archive.DossierKey(d.BundleSHA256, rs, archive.DossierJSON), bytes.NewReader(js), int64(len(js)), storage.PutOptions{}); err != nil {
			b.Fatal(err)
		}
		up := &archive.Upload{Job: archive.Job{SHA256: d.BundleSHA256, Name: d.Bundle, UploadedAt: t0.Add(time.Duration(i) * time.Minute)}, Zip: []byte("z")}
		if err := archive.Archive(ctx, st, up, time.Time{}); err != nil {
			b.Fatal(err)
		}
	}
	ws, err := review.Open(ctx, st, review.Config{Accounts: []accounts.Option{accounts.WithParams(cheap)}})
	if err != nil {
		b.Fatal(err)
	}
	for _, u := range []struct {
		name   string
		role   accounts.Role
		region string
	}{{"prov", accounts.Province, ""}, {"sjz", accounts.City, "130100"}} {
		if _, err := ws.Accounts.Add(ctx, u.name, u.role, u.region, []byte(password)); err != nil {
			b.Fatal(err)
		}
	}
	srv, err := web.New(ws, web.Options{})
	if err != nil {
		b.Fatal(err)
	}
	cookies := map[string]*http.Cookie{"prov": loginDirect(b, srv, "prov"), "sjz": loginDirect(b, srv, "sjz")}
	for _, bc := range []struct{ name, user, path string }{
		{"province/first-page", "prov", "/"},
		{"province/filter-sort", "prov", "/?verdict=ineligible&failed=total_assets&sort=name&desc=1&page=3"},
		{"province/search", "prov", "/?q=" + url.QueryEscape("0999")},
		{"province/last-page-500", "prov", "/?limit=500&page=20"},
		{"city/first-page", "sjz", "/?sort=verified"},
		{"province/api-first-page", "prov", "/api/applications"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodGet, bc.path, nil)
				req.AddCookie(cookies[bc.user])
				srv.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "服务机构") {
					b.Fatalf("%s: %d", bc.path, rec.Code)
				}
			}
		})
	}
}

// loginDirect logs in through the handler and returns the session cookie.
func loginDirect(b *testing.B, srv http.Handler, name string) *http.Cookie {
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/login", nil))
	anon := rec.Result().Cookies()[0]
	m := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(rec.Body.String())
	form := url.Values{"csrf": {m[1]}, "name": {name}, "password": {password}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(anon)
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		b.Fatalf("login %s: %d", name, rec.Code)
	}
	return rec.Result().Cookies()[0]
}

package review

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"ruku/archive"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
	"ruku/review/accounts"
	"ruku/review/decisions"
	"ruku/review/region"
	"ruku/review/reviewtest"
	"ruku/storage"
)

func synth(i int, name, div, addr string, failed ...string) *dossier.Dossier {
	return reviewtest.Dossier(i, name, div, addr, failed...)
}

func shaOf(i int) string { return reviewtest.SHA(i) }

func put(t testing.TB, st storage.Store, d *dossier.Dossier, uploaded time.Time) {
	reviewtest.Put(t, st, d, uploaded)
}

func newStore(t testing.TB) storage.Store {
	st := reviewtest.Store(t)
	if err := EnsureBuckets(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

var cheap = accounts.Params{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

// fixture: four applications and one user per role.
func fixture(t *testing.T) (*Workspace, map[string]accounts.User) {
	t.Helper()
	st := newStore(t)
	t0 := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	put(t, st, synth(0, "长安科技服务有限公司", "130102", "河北省石家庄市长安区中山路1号"), t0)
	put(t, st, synth(1, "正定咨询中心", "130123", "石家庄市正定县", "total_assets"), t0.Add(time.Hour))
	put(t, st, synth(2, "唐山数字赋能研究院", "130203", "唐山市路北区", "premises_valid", "total_assets"), t0.Add(2*time.Hour))
	put(t, st, synth(3, "北京某服务公司", "110108", "北京市海淀区", "registered_hebei"), t0.Add(3*time.Hour))
	w, err := Open(context.Background(), st, Config{Accounts: []accounts.Option{accounts.WithParams(cheap)}})
	if err != nil {
		t.Fatal(err)
	}
	users := map[string]accounts.User{}
	for _, u := range []struct {
		name   string
		role   accounts.Role
		region string
	}{
		{"changan", accounts.County, "130102"}, {"zhengding", accounts.County, "130123"},
		{"sjz", accounts.City, "130100"}, {"ts", accounts.City, "130200"},
		{"prov", accounts.Province, ""}, {"audit", accounts.Auditor, ""}, {"admin", accounts.Admin, ""},
	} {
		a, err := w.Accounts.Add(context.Background(), u.name, u.role, u.region, []byte("0123456789ab"))
		if err != nil {
			t.Fatal(err)
		}
		users[u.name] = a
	}
	return w, users
}

func names(p Page) []string {
	var out []string
	for _, a := range p.Items {
		out = append(out, a.Name)
	}
	return out
}

func TestList(t *testing.T) {
	w, u := fixture(t)
	for _, tc := range []struct {
		name string
		user string
		q    Query
		want []string
	}{
		{"county sees its county", "changan", Query{}, []string{"长安科技服务有限公司"}},
		{"city sees its city", "sjz", Query{}, []string{"长安科技服务有限公司", "正定咨询中心"}},
		{"other city", "ts", Query{}, []string{"唐山数字赋能研究院"}},
		{"province sees all", "prov", Query{}, []string{"长安科技服务有限公司", "正定咨询中心", "唐山数字赋能研究院", "北京某服务公司"}},
		{"auditor sees all, newest first", "audit", Query{Desc: true}, []string{"北京某服务公司", "唐山数字赋能研究院", "正定咨询中心", "长安科技服务有限公司"}},
		{"verdict", "prov", Query{Verdict: dossier.Ineligible}, []string{"正定咨询中心", "唐山数字赋能研究院", "北京某服务公司"}},
		{"failed criterion", "prov", Query{Failed: "total_assets"}, []string{"正定咨询中心", "唐山数字赋能研究院"}},
		{"failed criterion within a city", "sjz", Query{Failed: "total_assets"}, []string{"正定咨询中心"}},
		{"region", "prov", Query{City: "130200"}, []string{"唐山数字赋能研究院"}},
		{"county", "prov", Query{County: "130123"}, []string{"正定咨询中心"}},
		{"search name", "prov", Query{Search: "数字"}, []string{"唐山数字赋能研究院"}},
		{"search uscc prefix, any case", "prov", Query{Search: "91110108ma"}, []string{"北京某服务公司"}},
		{"search is within what one sees", "changan", Query{Search: "正定"}, nil},
		{"sort by name", "prov", Query{Sort: ByName}, []string{"北京某服务公司", "唐山数字赋能研究院", "正定咨询中心", "长安科技服务有限公司"}},
		{"paging", "prov", Query{Offset: 1, Limit: 2}, []string{"正定咨询中心", "唐山数字赋能研究院"}},
		{"state", "prov", Query{State: decisions.PendingCity}, nil},
	} {
		p, err := w.Index.List(u[tc.user], tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(p); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	p, _ := w.Index.List(u["prov"], Query{Offset: 1, Limit: 2})
	if p.Total != 4 {
		t.Errorf("total %d, want 4", p.Total)
	}
	if _, err := w.Index.List(u["prov"], Query{Sort: "colour"}); err == nil {
		t.Error("unknown sort accepted")
	}
}

func TestVersions(t *testing.T) {
	ctx := context.Background()
	w, u := fixture(t)
	// 正定咨询中心 resubmits after 补正: a new bundle under the same USCC.
	d := synth(7, "正定咨询中心", "130123", "石家庄市正定县")
	d.Facts["applicant.uscc"] = reviewtest.USCC("130123", 1)
	put(t, w.Store, d, time.Date(2026, 10, 9, 0, 0, 0, 0, time.UTC))
	if _, err := w.Reload(ctx, shaOf(7)); err != nil {
		t.Fatal(err)
	}
	vs := w.Index.Versions(u["zhengding"], shaOf(1))
	if len(vs) != 2 || vs[0].ID != shaOf(1) || vs[1].ID != shaOf(7) {
		t.Errorf("versions %v", vs)
	}
	all, _ := w.Index.List(u["zhengding"], Query{})
	latest, _ := w.Index.List(u["zhengding"], Query{LatestOnly: true})
	if all.Total != 2 || latest.Total != 1 || latest.Items[0].ID != shaOf(7) {
		t.Errorf("all %d, latest %d %v", all.Total, latest.Total, names(latest))
	}
	if vs := w.Index.Versions(u["changan"], shaOf(1)); len(vs) != 0 {
		t.Errorf("another county sees %d versions", len(vs))
	}
}

func TestApplicationFields(t *testing.T) {
	w, u := fixture(t)
	a, err := w.Application(u["prov"], shaOf(2))
	if err != nil {
		t.Fatal(err)
	}
	if a.Region.City != "130200" || a.Region.County != "130203" || a.Region.CountyName != "路北区" ||
		a.Submitted.Hour() != 10 || a.Verdict != dossier.Ineligible || len(a.Issues) != 2 ||
		a.State != decisions.PendingCounty || a.RulesVersion != rules.Default().Version || len(a.Categories) != 2 {
		t.Errorf("application %+v", a)
	}
	if _, err := w.Application(u["ts"], shaOf(0)); !errors.Is(err, ErrForbidden) {
		t.Errorf("other city's application: %v", err)
	}
	if _, err := w.Dossier(context.Background(), u["sjz"], shaOf(2), ""); !errors.Is(err, ErrForbidden) {
		t.Errorf("other city's dossier: %v", err)
	}
	if d, err := w.Dossier(context.Background(), u["ts"], shaOf(2), ""); err != nil || d.BundleSHA256 != shaOf(2) {
		t.Errorf("own dossier: %v", err)
	}
	if _, err := w.Application(u["prov"], shaOf(9)); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing application: %v", err)
	}
}

func TestDecide(t *testing.T) {
	ctx := context.Background()
	w, u := fixture(t)
	app := shaOf(1) // 正定, fails total_assets
	step := func(user string, s decisions.Step, o decisions.Outcome) error {
		_, err := w.Decide(ctx, u[user], decisions.Decision{Application: app, Kind: decisions.KindStep, Step: s, Outcome: o, Reason: "理由", Opinion: "意见"})
		return err
	}
	forbidden := []struct {
		user string
		s    decisions.Step
		o    decisions.Outcome
	}{
		{"changan", decisions.County, decisions.Pass},    // another county
		{"sjz", decisions.City, decisions.Recommend},     // before the county
		{"sjz", decisions.County, decisions.Pass},        // not the city's step
		{"prov", decisions.Province, decisions.Approve},  // before the city
		{"audit", decisions.County, decisions.Pass},      // read-only
		{"admin", decisions.Province, decisions.Approve}, // decides nothing
		{"ts", decisions.City, decisions.Recommend},      // another city
	}
	for _, f := range forbidden {
		if err := step(f.user, f.s, f.o); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s %s %s: %v, want forbidden", f.user, f.s, f.o, err)
		}
	}
	// The county reviewer overrides the failed criterion, then passes.
	if _, err := w.Decide(ctx, u["zhengding"], decisions.Decision{Application: app, Kind: decisions.KindCriterion,
		Criterion: "total_assets", Action: decisions.Override, Status: dossier.Pass, Reason: "审计报告第3页合并报表总资产为230万元"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Decide(ctx, u["zhengding"], decisions.Decision{Application: app, Kind: decisions.KindCriterion,
		Criterion: "no_such", Action: decisions.Confirm}); !errors.Is(err, decisions.ErrInvalid) {
		t.Errorf("unknown criterion: %v", err)
	}
	for _, s := range []struct {
		user string
		s    decisions.Step
		o    decisions.Outcome
		want decisions.State
	}{
		{"zhengding", decisions.County, decisions.Return, decisions.Returned},
		{"zhengding", decisions.County, decisions.Pass, decisions.PendingCity},
		{"sjz", decisions.City, decisions.Recommend, decisions.PendingProvince},
		{"prov", decisions.Province, decisions.Inspect, decisions.Inspection},
		{"prov", decisions.Province, decisions.Approve, decisions.Approved},
	} {
		if err := step(s.user, s.s, s.o); err != nil {
			t.Fatalf("%s %s: %v", s.user, s.o, err)
		}
		if a, _ := w.Application(u["prov"], app); a.State != s.want {
			t.Errorf("after %s: state %s, want %s", s.o, a.State, s.want)
		}
	}
	if err := step("zhengding", decisions.County, decisions.Return); !errors.Is(err, ErrForbidden) {
		t.Errorf("county after the province decided: %v", err)
	}
	a, _ := w.Application(u["prov"], app)
	if len(a.Issues) != 0 || a.Failed("total_assets") {
		t.Errorf("override not applied: %+v", a.Issues)
	}
	h, err := w.History(ctx, u["audit"], app)
	if err != nil || len(h) != 6 {
		t.Fatalf("history: %d, %v", len(h), err)
	}
	if h[0].By != "zhengding" || h[0].Role != "county" || h[0].Dossier.RulesDir != a.Dossier.RulesDir || h[0].At.IsZero() {
		t.Errorf("first decision %+v", h[0])
	}
	if _, err := w.History(ctx, u["changan"], app); !errors.Is(err, ErrForbidden) {
		t.Errorf("another county's history: %v", err)
	}
	// A re-audit under other rules writes a newer dossier: the override was
	// made on the old one and no longer applies; the history keeps it.
	r2 := *rules.Default()
	r2.SHA256 = strings.Repeat("f", 64)
	// (written later; on a tie of modification times the "f…" rules dir
	// sorts last, so it is the newest either way)
	if err := archive.WriteDossier(ctx, w.Store, app, synth(1, "正定咨询中心", "130123", "石家庄市正定县", "total_assets"), &r2); err != nil {
		t.Fatal(err)
	}
	re, err := w.Reload(ctx, app)
	if err != nil {
		t.Fatal(err)
	}
	if re.Dossier.RulesDir != archive.RulesDir(&r2) || len(re.RulesDirs) != 2 || !re.Failed("total_assets") || len(re.History) != 6 || re.State != decisions.Approved {
		t.Errorf("after re-audit: %s %v failed %v, %d decisions, %s", re.Dossier.RulesDir, re.RulesDirs, re.Failed("total_assets"), len(re.History), re.State)
	}

	// The index is a cache: a new workspace on the same store agrees.
	w2, err := Open(ctx, w.Store, Config{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := w2.Application(u["prov"], app)
	if b.State != decisions.Approved || len(b.History) != 6 || len(b.Issues) != 1 || b.Dossier != re.Dossier {
		t.Errorf("rebuilt: state %s, %d decisions, issues %v", b.State, len(b.History), b.Issues)
	}
}

func TestRegionCorrection(t *testing.T) {
	ctx := context.Background()
	w, u := fixture(t)
	app := shaOf(0) // 长安区
	fix := decisions.Decision{Application: app, Kind: decisions.KindRegion, Division: "130123", Reason: "实际经营地在正定县"}
	if _, err := w.Decide(ctx, u["zhengding"], fix); !errors.Is(err, ErrForbidden) {
		t.Errorf("correction by a county that cannot see it: %v", err)
	}
	bad := fix
	bad.Division = "139999"
	if _, err := w.Decide(ctx, u["changan"], bad); !errors.Is(err, decisions.ErrInvalid) {
		t.Errorf("unknown division: %v", err)
	}
	if _, err := w.Decide(ctx, u["changan"], fix); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Application(u["changan"], app); !errors.Is(err, ErrForbidden) {
		t.Errorf("old county still sees it: %v", err)
	}
	a, err := w.Application(u["zhengding"], app)
	if err != nil || a.Region.Source != region.FromCorrection || a.MachineRegion.County != "130102" {
		t.Errorf("new county: %+v, %v", a, err)
	}
	// The Beijing application reaches no county; the province places it.
	bj := decisions.Decision{Application: shaOf(3), Kind: decisions.KindRegion, Division: "130203", Reason: "实际住所在唐山市路北区"}
	if _, err := w.Decide(ctx, u["audit"], bj); !errors.Is(err, ErrForbidden) {
		t.Errorf("auditor corrects a region: %v", err)
	}
	if _, err := w.Decide(ctx, u["prov"], bj); err != nil {
		t.Fatal(err)
	}
	if p, _ := w.Index.List(u["ts"], Query{}); p.Total != 2 {
		t.Errorf("唐山 sees %d applications after the correction, want 2", p.Total)
	}
}

// BenchmarkList lists a page of 10,000 synthetic applications as a
// province reviewer and as a city reviewer, with a filter and a search.
func BenchmarkList(b *testing.B) {
	t := region.Hebei()
	ix := NewIndex(t)
	divs := []string{"130102", "130123", "130203", "130302", "130402", "130181", "130682", "130629", "131102", "110108"}
	for i := range 10000 {
		div := divs[i%len(divs)]
		var failed []string
		if i%3 == 0 {
			failed = append(failed, "total_assets")
		}
		d := synth(i, fmt.Sprintf("服务机构%05d有限公司", i), div, "", failed...)
		sd := archive.StoredDossier{SHA256: d.BundleSHA256, RulesDir: "r@1"}
		ix.Put(newApplication(t, d, sd, []string{"r@1"}, archive.ArchiveInfo{UploadedAt: d.GeneratedAt}, nil))
	}
	prov := accounts.User{Name: "p", Role: accounts.Province}
	city := accounts.User{Name: "c", Role: accounts.City, Region: "130100"}
	for _, bc := range []struct {
		name string
		u    accounts.User
		q    Query
	}{
		{"province/first-page", prov, Query{}},
		{"province/filter-sort-desc", prov, Query{Verdict: dossier.Ineligible, Failed: "total_assets", Sort: ByName, Desc: true, Offset: 100}},
		{"province/search", prov, Query{Search: "0999"}},
		{"city/first-page", city, Query{Sort: ByVerified}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				p, err := ix.List(bc.u, bc.q)
				if err != nil || p.Total == 0 {
					b.Fatalf("List = %d, %v", p.Total, err)
				}
			}
		})
	}
}

// BenchmarkBuild rebuilds the index from a local store holding 10,000
// applications (dossier.json and archive sidecar each) and 2,000 decisions:
// the start-up cost of a workspace.
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	st := newStore(b)
	rs := rules.Default()
	log := decisions.NewLog(st, 0)
	for i := range 10000 {
		d := synth(i, fmt.Sprintf("服务机构%05d有限公司", i), "130102", "石家庄市长安区")
		js, err := d.JSON()
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Put(ctx, storage.BucketDossiers, archive.DossierKey(d.BundleSHA256, rs, archive.DossierJSON), bytes.NewReader(js), int64(len(js)), storage.PutOptions{}); err != nil {
			b.Fatal(err)
		}
		if err := archive.Archive(ctx, st, &archive.Upload{Job: archive.Job{SHA256: d.BundleSHA256, Name: d.Bundle}, Zip: []byte("z")}, time.Time{}); err != nil {
			b.Fatal(err)
		}
		if i%5 == 0 {
			_, err := log.Append(ctx, decisions.Decision{Application: d.BundleSHA256, Kind: decisions.KindStep, By: "u",
				Step: decisions.County, Outcome: decisions.Pass, Dossier: decisions.DossierRef{BundleSHA256: d.BundleSHA256, RulesDir: archive.RulesDir(rs)}})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		ix, err := Build(ctx, st, region.Hebei(), log, 0)
		if err != nil || ix.Len() != 10000 {
			b.Fatalf("Build = %v", err)
		}
	}
}

// TestDossierJSON: the stored bytes, under the access rule, of a rules
// dir the application has.
func TestDossierJSON(t *testing.T) {
	w, users := fixture(t)
	ctx := context.Background()
	b, dir, err := w.DossierJSON(ctx, users["sjz"], shaOf(1), "")
	if err != nil || !bytes.Contains(b, []byte("正定咨询中心")) || dir == "" {
		t.Fatalf("DossierJSON = %d bytes, %q, %v", len(b), dir, err)
	}
	if _, _, err := w.DossierJSON(ctx, users["ts"], shaOf(1), ""); !errors.Is(err, ErrForbidden) {
		t.Errorf("other city: %v", err)
	}
	if _, _, err := w.DossierJSON(ctx, users["sjz"], shaOf(1), "other@000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown rules dir: %v", err)
	}
	if _, _, err := w.DossierJSON(ctx, users["prov"], shaOf(99), ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown application: %v", err)
	}
}

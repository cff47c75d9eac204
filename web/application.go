package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"time"

	"ruku/extractors"
	"ruku/pipeline/dossier"
	"ruku/reaudit"
	"ruku/review"
	"ruku/review/accounts"
	"ruku/review/decisions"
)

var shaRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// loaded is one application with one of its dossiers, read for a user who
// may see it.
type loaded struct {
	a   *review.Application
	d   *dossier.Dossier
	raw []byte
	dir string
}

// load reads application id and its dossier under rulesDir ("": the
// newest) for u; the access rule is review's (Workspace.DossierJSON).
func (s *Server) load(ctx context.Context, u accounts.User, id, rulesDir string) (*loaded, error) {
	if !shaRE.MatchString(id) {
		return nil, fmt.Errorf("application %q: %w", id, errNotFound)
	}
	raw, dir, err := s.ws.DossierJSON(ctx, u, id, rulesDir)
	if err != nil {
		return nil, err
	}
	a, err := s.ws.Application(u, id)
	if err != nil {
		return nil, err
	}
	l := &loaded{a: a, raw: raw, dir: dir, d: &dossier.Dossier{}}
	if err := json.Unmarshal(raw, l.d); err != nil {
		return nil, fmt.Errorf("decode dossier of %.12s under %s: %w", id, dir, err)
	}
	return l, nil
}

// input returns the dossier's input n (from 0).
// loadPage loads the application, input {n} and page {p} a page route
// names, checking that the page exists.
func (s *Server) loadPage(r *http.Request, c *call) (*loaded, int, dossier.Input, int, error) {
	l, err := s.load(r.Context(), c.user, r.PathValue("sha"), r.URL.Query().Get("rules"))
	if err != nil {
		return nil, 0, dossier.Input{}, 0, err
	}
	n, in, err := l.input(r.PathValue("n"))
	if err != nil {
		return nil, 0, dossier.Input{}, 0, err
	}
	p, err := strconv.Atoi(r.PathValue("p"))
	if err != nil || !pageable(in) || p < 1 || p > max(in.Pages, 1) {
		return nil, 0, dossier.Input{}, 0, fmt.Errorf("page %q of %s: %w", r.PathValue("p"), in.Path, errNotFound)
	}
	return l, n, in, p, nil
}

func (l *loaded) input(n string) (int, dossier.Input, error) {
	i, err := strconv.Atoi(n)
	if err != nil || i < 0 || i >= len(l.d.Inputs) {
		return 0, dossier.Input{}, fmt.Errorf("file %q of %.12s: %w", n, l.a.ID, errNotFound)
	}
	return i, l.d.Inputs[i], nil
}

// appView is the application page.
type appView struct {
	App      *review.Application
	D        *dossier.Dossier
	RulesDir string
	Newest   bool
	Criteria []critView
	Files    []fileView
	History  []decisions.Decision
	Compare  []compareView
	// Side sets the dossiers of every rules version side by side (nil
	// with one version).
	Side     *sideBySide
	Versions []*review.Application
	Steps    []stepView
	// CanCriteria and CanRegion say whether the user may record criterion
	// decisions and region corrections now.
	CanCriteria bool
	CanRegion   bool
	Statuses    []option
	Regions     []option
	// Titles names the criteria by id (for the history).
	Titles map[string]string
}

type critView struct {
	dossier.Criterion
	Evidence []evView
	// Decision is the latest criterion decision (any dossier).
	Decision *decisions.Decision
}

type evView struct {
	extractors.Evidence
	// Link opens the page image with the quote highlighted ("" for sheet
	// rows and evidence that names no file of the bundle).
	Link string
	// File is the input's index, -1 when the evidence names no input.
	File int
}

type fileView struct {
	N int
	dossier.Input
	Download string
	Pages    []pageLink
}

type pageLink struct {
	P    int
	Link string
}

type stepView struct {
	Step     decisions.Step
	Latest   *decisions.Decision
	Outcomes []option // empty when the user may not take the step now
}

type compareView struct {
	Dir     string
	Version string
	Link    string
	Diff    reaudit.BundleDiff
	Titles  map[string]string
	Earlier bool
}

// appJSON is the application as the API gives it.
type appJSON struct {
	Application *review.Application     `json:"application"`
	RulesDir    string                  `json:"rules_dir"`
	Dossier     json.RawMessage         `json:"dossier"`
	Evidence    [][]evJSON              `json:"evidence_links"`
	History     []decisions.Decision    `json:"history"`
	Compare     []reaudit.BundleDiff    `json:"compare"`
	Versions    []string                `json:"versions"`
	Steps       map[decisions.Step]bool `json:"steps_open"`
}

type evJSON struct {
	Page  string `json:"page,omitempty"`
	Boxes []Box  `json:"boxes,omitempty"`
}

// application serves one application (page and API).
func (s *Server) application(w http.ResponseWriter, r *http.Request, c *call) {
	l, err := s.load(r.Context(), c.user, r.PathValue("sha"), r.URL.Query().Get("rules"))
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	v, err := s.appView(r.Context(), c.user, l)
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	if c.api {
		writeJSON(w, http.StatusOK, v.json(l))
		return
	}
	s.render(w, r, c, http.StatusOK, "application", l.a.Name, v)
}

// json is the application page's data as the API gives it.
func (v *appView) json(l *loaded) appJSON {
	j := appJSON{Application: l.a, RulesDir: l.dir, Dossier: l.raw, History: v.History, Steps: map[decisions.Step]bool{}}
	for ci, cr := range v.Criteria {
		evs := []evJSON{}
		for k, ev := range cr.Evidence {
			evs = append(evs, evJSON{Page: ev.Link, Boxes: boxesOf(l.d.Criteria[ci].Evidence[k])})
		}
		j.Evidence = append(j.Evidence, evs)
	}
	for _, cv := range v.Compare {
		j.Compare = append(j.Compare, cv.Diff)
	}
	for _, a := range v.Versions {
		j.Versions = append(j.Versions, a.ID)
	}
	for _, st := range v.Steps {
		j.Steps[st.Step] = len(st.Outcomes) > 0
	}
	return j
}

func (s *Server) appView(ctx context.Context, u accounts.User, l *loaded) (*appView, error) {
	a, d := l.a, l.d
	h, err := s.ws.History(ctx, u, a.ID)
	if err != nil {
		return nil, err
	}
	v := &appView{App: a, D: d, RulesDir: l.dir, Newest: l.dir == a.Dossier.RulesDir, History: h, Versions: s.ws.Index.Versions(u, a.ID)}
	byPath := map[string]int{}
	for i, in := range d.Inputs {
		byPath[in.Path] = i
		fv := fileView{N: i, Input: in, Download: fmt.Sprintf("/applications/%s/files/%d", a.ID, i)}
		if pageable(in) {
			for p := 1; p <= max(in.Pages, 1) && p <= 60; p++ {
				fv.Pages = append(fv.Pages, pageLink{p, s.pageURL(a.ID, i, p, l.dir, "")})
			}
		}
		v.Files = append(v.Files, fv)
	}
	eff := decisions.Effective(h)
	v.Titles = map[string]string{}
	for ci, cr := range d.Criteria {
		v.Titles[cr.ID] = cr.Title
		cv := critView{Criterion: cr, Decision: eff[cr.ID]}
		for j, ev := range cr.Evidence {
			e := evView{Evidence: ev, File: -1}
			if n, ok := byPath[ev.Path]; ok {
				e.File = n
				if p := evidencePage(ev, d.Inputs[n]); p > 0 {
					e.Link = s.pageURL(a.ID, n, p, l.dir, fmt.Sprintf("%d.%d", ci, j))
				}
			}
			cv.Evidence = append(cv.Evidence, e)
		}
		v.Criteria = append(v.Criteria, cv)
	}
	for _, st := range []decisions.Step{decisions.County, decisions.City, decisions.Province} {
		sv := stepView{Step: st, Latest: decisions.Latest(h, st)}
		if review.CanDecide(u, a, st) == nil {
			for _, o := range decisions.Outcomes[st] {
				sv.Outcomes = append(sv.Outcomes, option{string(o), label(decisions.ChineseLabels().Outcomes, o)})
			}
		}
		v.Steps = append(v.Steps, sv)
	}
	v.CanCriteria = v.Newest && review.Permit(u, a, &decisions.Decision{Kind: decisions.KindCriterion}) == nil
	v.CanRegion = review.Permit(u, a, &decisions.Decision{Kind: decisions.KindRegion}) == nil
	for _, st := range []dossier.Status{dossier.Pass, dossier.Fail, dossier.NeedsReview, dossier.Manual} {
		v.Statuses = append(v.Statuses, option{string(st), dossier.StatusLabel(st)})
	}
	if v.CanRegion {
		v.Regions = s.regionOptions()
	}
	if v.Compare, v.Side, err = s.compare(ctx, u, l); err != nil {
		return nil, err
	}
	return v, nil
}

// compare diffs the shown dossier against the application's dossiers under
// other rules versions (re-audits), earlier ones as before, later ones as
// after, and sets them side by side.
func (s *Server) compare(ctx context.Context, u accounts.User, l *loaded) ([]compareView, *sideBySide, error) {
	titles := map[string]string{}
	for _, cr := range l.d.Criteria {
		titles[cr.ID] = cr.Title
	}
	var out []compareView
	all := []versionDossier{{dir: l.dir, d: l.d}}
	for _, dir := range l.a.RulesDirs {
		if dir == l.dir {
			continue
		}
		o, err := s.ws.Dossier(ctx, u, l.a.ID, dir)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, versionDossier{dir: dir, d: o})
		cv := compareView{Dir: dir, Version: o.Rules.Version, Link: versionLink(l.a.ID, dir), Titles: titles}
		if o.GeneratedAt.Before(l.d.GeneratedAt) {
			cv.Earlier, cv.Diff = true, reaudit.DiffDossiers(o, l.d, dir, l.dir)
		} else {
			cv.Diff = reaudit.DiffDossiers(l.d, o, l.dir, dir)
		}
		for _, cr := range o.Criteria {
			if _, ok := titles[cr.ID]; !ok {
				titles[cr.ID] = cr.Title
			}
		}
		out = append(out, cv)
	}
	if len(all) == 1 {
		return nil, nil, nil
	}
	return out, newSideBySide(l.a.ID, l.dir, all, titles), nil
}

func versionLink(id, dir string) string {
	return "/applications/" + id + "?rules=" + url.QueryEscape(dir)
}

type versionDossier struct {
	dir string
	d   *dossier.Dossier
}

// sideBySide is every criterion's status under every rules version of an
// application, oldest version first.
type sideBySide struct {
	Columns []sideColumn
	Rows    []sideRow
}

type sideColumn struct {
	Dir, Version, Link string
	Verdict            string
	Generated          time.Time
	Current            bool
}

type sideRow struct {
	ID, Title string
	Cells     []sideCell
}

// sideCell is one criterion under one version; Changed when its status or
// observed value differs from the shown dossier's.
type sideCell struct {
	Status   dossier.Status
	Observed string
	Changed  bool
}

func newSideBySide(id, current string, all []versionDossier, titles map[string]string) *sideBySide {
	sort.SliceStable(all, func(i, j int) bool { return all[i].d.GeneratedAt.Before(all[j].d.GeneratedAt) })
	byID := make([]map[string]dossier.Criterion, len(all))
	var ids []string
	seen := map[string]bool{}
	cur := map[string]dossier.Criterion{}
	sb := &sideBySide{}
	for i, v := range all {
		sb.Columns = append(sb.Columns, sideColumn{Dir: v.dir, Version: v.d.Rules.Version, Link: versionLink(id, v.dir),
			Verdict: v.d.Verdict, Generated: v.d.GeneratedAt, Current: v.dir == current})
		byID[i] = map[string]dossier.Criterion{}
		for _, c := range v.d.Criteria {
			byID[i][c.ID] = c
			if v.dir == current {
				cur[c.ID] = c
			}
			if !seen[c.ID] {
				seen[c.ID] = true
				ids = append(ids, c.ID)
			}
		}
	}
	for _, cid := range ids {
		row := sideRow{ID: cid, Title: titles[cid]}
		for i := range all {
			c, ok := byID[i][cid]
			cc, cok := cur[cid]
			row.Cells = append(row.Cells, sideCell{Status: c.Status, Observed: c.Observed,
				Changed: ok != cok || c.Status != cc.Status || c.Observed != cc.Observed})
		}
		sb.Rows = append(sb.Rows, row)
	}
	return sb
}

// regionOptions lists the counties and city-level units a region may be
// corrected to, by code.
func (s *Server) regionOptions() []option {
	t := s.ws.Table
	var out []option
	for _, c := range t.Cities {
		out = append(out, option{c.Code, c.Name + "（市级）"})
		for _, code := range t.CountiesOf(c.Code) {
			name, _ := t.CountyName(code)
			out = append(out, option{code, c.Name + " " + name})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}

// pageURL is the page view of file n, page p, under rules dir, with
// evidence ev ("criterion.evidence" indexes) highlighted.
func (s *Server) pageURL(id string, n, p int, dir, ev string) string {
	q := url.Values{"rules": {dir}}
	if ev != "" {
		q.Set("ev", ev)
	}
	return fmt.Sprintf("/applications/%s/files/%d/pages/%d?%s", id, n, p, q.Encode())
}

// pageable reports whether an input may have pages to show as images:
// any but a spreadsheet, unread ones included (a scan that could not be
// read is what a reviewer most needs to see); the renderer says when it
// cannot draw one.
func pageable(in dossier.Input) bool {
	return in.Method != extractors.MethodSheet
}

// evidencePage is the page evidence ev points at in input in: its page, or
// 1 for a single-page file (an image); 0 when it points at no page.
func evidencePage(ev extractors.Evidence, in dossier.Input) int {
	switch {
	case !pageable(in) || ev.Sheet != "":
		return 0
	case ev.Page > 0:
		return ev.Page
	case in.Pages <= 1:
		return 1
	}
	return 0
}

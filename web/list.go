package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
	"ruku/review"
	"ruku/review/decisions"
)

// listQuery is the list's query string, kept as the form shows it.
type listQuery struct {
	Verdict, State, City, County, Failed, Search, Sort string
	Desc, Latest                                       bool
	Page, Limit                                        int
}

// parseListQuery reads the list's parameters: verdict, state, city,
// county, failed (a criterion id), q (name or USCC), sort, desc, latest,
// page (from 1), limit.
func parseListQuery(v url.Values) (listQuery, error) {
	q := listQuery{
		Verdict: v.Get("verdict"), State: v.Get("state"), City: v.Get("city"), County: v.Get("county"),
		Failed: v.Get("failed"), Search: v.Get("q"), Sort: v.Get("sort"),
		Desc: v.Get("desc") == "1", Latest: v.Get("latest") == "1", Page: 1, Limit: 50,
	}
	for _, p := range []struct {
		name string
		dst  *int
		max  int
	}{{"page", &q.Page, 1 << 20}, {"limit", &q.Limit, review.MaxLimit}} {
		s := v.Get(p.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > p.max {
			return q, fmt.Errorf("%s=%q: %w", p.name, s, errBadRequest)
		}
		*p.dst = n
	}
	if q.Sort == "" {
		q.Sort, q.Desc = string(review.BySubmitted), v.Get("desc") != "0"
	}
	return q, nil
}

func (q listQuery) review() review.Query {
	return review.Query{
		Verdict: q.Verdict, State: decisions.State(q.State), City: q.City, County: q.County,
		Failed: q.Failed, Search: q.Search, LatestOnly: q.Latest,
		Sort: review.SortKey(q.Sort), Desc: q.Desc, Offset: (q.Page - 1) * q.Limit, Limit: q.Limit,
	}
}

// values is the query string of q, with the page set to page.
func (q listQuery) values(page int) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"verdict": q.Verdict, "state": q.State, "city": q.City, "county": q.County,
		"failed": q.Failed, "q": q.Search, "sort": q.Sort} {
		if s != "" {
			v.Set(k, s)
		}
	}
	v.Set("desc", "0")
	if q.Desc {
		v.Set("desc", "1")
	}
	if q.Latest {
		v.Set("latest", "1")
	}
	if q.Limit != 50 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// option is one choice of a select.
type option struct{ Value, Label string }

// listView is the list page.
type listView struct {
	Q        listQuery
	Page     review.Page
	Pages    int
	Prev     string
	Next     string
	SortURL  map[string]string // column → URL sorting by it (toggling order)
	Verdicts []option
	States   []option
	Cities   []option
	Counties []option
	Criteria []option
	From     int
	To       int
	Exports  []option // summary exports the user may download
	// Publicity says whether the user may see the 拟入库名单.
	Publicity bool
}

// list serves the applications list (page and API), through the index,
// which keeps only what the user may see.
func (s *Server) list(w http.ResponseWriter, r *http.Request, c *call) {
	q, err := parseListQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	p, err := s.ws.Index.List(c.user, q.review())
	if err != nil {
		s.fail(w, r, c, fmt.Errorf("list: %w: %w", errBadRequest, err))
		return
	}
	if c.api {
		writeJSON(w, http.StatusOK, p)
		return
	}
	s.render(w, r, c, http.StatusOK, "list", "申请列表", s.listView(c, q, p))
}

func (s *Server) listView(c *call, q listQuery, p review.Page) listView {
	v := listView{Q: q, Page: p, Pages: (p.Total + q.Limit - 1) / q.Limit, SortURL: map[string]string{}}
	if len(p.Items) > 0 {
		v.From, v.To = p.Offset+1, p.Offset+len(p.Items)
	}
	if q.Page > 1 {
		v.Prev = "/?" + q.values(q.Page-1).Encode()
	}
	if q.Page < v.Pages {
		v.Next = "/?" + q.values(q.Page+1).Encode()
	}
	for _, k := range []review.SortKey{review.ByName, review.ByUSCC, review.ByRegion, review.BySubmitted, review.ByVerified, review.ByVerdict, review.ByState} {
		sq := q
		sq.Sort = string(k)
		if q.Sort == string(k) {
			sq.Desc = !q.Desc
		} else {
			sq.Desc = k == review.BySubmitted || k == review.ByVerified
		}
		v.SortURL[string(k)] = "/?" + sq.values(1).Encode()
	}
	for _, vd := range []string{dossier.Eligible, dossier.VerdictReview, dossier.Ineligible} {
		v.Verdicts = append(v.Verdicts, option{vd, dossier.VerdictLabel(vd)})
	}
	for _, st := range decisions.States {
		v.States = append(v.States, option{string(st), label(decisions.ChineseLabels().States, st)})
	}
	for _, ct := range s.ws.Table.Cities {
		v.Cities = append(v.Cities, option{ct.Code, ct.Name})
	}
	for _, code := range s.ws.Table.CountiesOf(q.City) {
		name, _ := s.ws.Table.CountyName(code)
		v.Counties = append(v.Counties, option{code, name})
	}
	for _, cr := range rules.Criteria {
		v.Criteria = append(v.Criteria, option{cr.ID, cr.Article + " " + cr.Title})
	}
	for _, ct := range s.ws.Table.Cities {
		if mayExportSummary(c.user, ct.Code) == nil {
			v.Exports = append(v.Exports, option{ct.Code, ct.Name})
		}
	}
	v.Publicity = mayExportPublicity(c.user) == nil
	v.Publicity = mayExportPublicity(c.user) == nil
	return v
}

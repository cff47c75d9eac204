package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"ruku/export"
	"ruku/review"
	"ruku/review/accounts"
)

// mayExportSummary says whether u may download city's 推荐汇总表: the
// city's own reviewers, the province, auditors and admins.
func mayExportSummary(u accounts.User, city string) error {
	switch {
	case u.Disabled:
	case u.Role == accounts.City && u.Region == city,
		u.Role == accounts.Province, u.Role == accounts.Auditor, u.Role == accounts.Admin:
		return nil
	}
	return fmt.Errorf("%s may not export the summary of %s: %w", u.Name, city, errForbidden)
}

// mayExportPublicity says whether u may see the 拟入库名单: the province,
// auditors and admins.
func mayExportPublicity(u accounts.User) error {
	switch {
	case u.Disabled:
	case u.Role == accounts.Province, u.Role == accounts.Auditor, u.Role == accounts.Admin:
		return nil
	}
	return fmt.Errorf("%s may not export the publicity list: %w", u.Name, errForbidden)
}

// exportSummary sends a city's 推荐汇总表 (?city=CODE, &all=1 for every
// application past 初审) as XLSX, of the applications the user may see.
func (s *Server) exportSummary(w http.ResponseWriter, r *http.Request, c *call) {
	city := r.URL.Query().Get("city")
	ct := s.ws.Table.CityByCode(city)
	if ct == nil {
		s.fail(w, r, c, fmt.Errorf("summary of %q: %w", city, errBadRequest))
		return
	}
	if err := mayExportSummary(c.user, city); err != nil {
		s.fail(w, r, c, err)
		return
	}
	opt := export.SummaryOptions{Options: export.Options{Date: s.opt.Now()}, All: r.URL.Query().Get("all") == "1"}
	rows := export.SummaryRows(s.ws.Index.All(c.user, review.BySubmitted), city, opt)
	var b bytes.Buffer
	if err := export.WriteSummary(&b, s.ws.Table, city, rows, opt); err != nil {
		s.fail(w, r, c, err)
		return
	}
	sendXLSX(w, ct.Name+"优质中小企业服务资源库入库机构推荐汇总表.xlsx", b.Bytes())
}

// exportPublicity sends the province's 拟入库名单 as XLSX.
func (s *Server) exportPublicity(w http.ResponseWriter, r *http.Request, c *call) {
	if err := mayExportPublicity(c.user); err != nil {
		s.fail(w, r, c, err)
		return
	}
	rows := export.PublicityRows(s.ws.Index.All(c.user, review.BySubmitted))
	var b bytes.Buffer
	if err := export.WritePublicity(&b, rows, export.Options{Date: s.opt.Now()}); err != nil {
		s.fail(w, r, c, err)
		return
	}
	sendXLSX(w, "拟入库名单.xlsx", b.Bytes())
}

// publicity shows the 拟入库名单 as a printable page.
func (s *Server) publicity(w http.ResponseWriter, r *http.Request, c *call) {
	if err := mayExportPublicity(c.user); err != nil {
		s.fail(w, r, c, err)
		return
	}
	rows := export.PublicityRows(s.ws.Index.All(c.user, review.BySubmitted))
	s.render(w, r, c, http.StatusOK, "publicity", "拟入库名单", rows)
}

func sendXLSX(w http.ResponseWriter, name string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ruku/extractors"
	"ruku/review"
)

// Box is a rectangle on a page where quoted words were read: coordinates
// normalised to the page, 0..1, origin top-left, as extractors.Box, with
// the percentages the page view's stylesheet places highlights by.
type Box struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// boxesOf returns the boxes of an evidence (what the pipeline located,
// see extractors.Rects), clamped to the page.
func boxesOf(e extractors.Evidence) []Box {
	var out []Box
	// the dossier's 4 decimals, not float32's binary approximation of them
	f := func(v float32) float64 { return math.Round(float64(v)*1e4) / 1e4 }
	for _, b := range e.Boxes.Boxes() {
		if x, ok := (Box{f(b.X0), f(b.Y0), f(b.X1), f(b.Y1)}).clean(); ok {
			out = append(out, x)
		}
	}
	return out
}

// clean clamps a box to the page and orders its corners; an empty box is
// dropped.
func (b Box) clean() (Box, bool) {
	c := func(v float64) float64 { return min(max(v, 0), 1) }
	b = Box{c(min(b.X0, b.X1)), c(min(b.Y0, b.Y1)), c(max(b.X0, b.X1)), c(max(b.Y0, b.Y1))}
	return b, b.X1 > b.X0 && b.Y1 > b.Y0
}

// Left is the box's left edge in percent of the page width, as the page's
// script sets it.
func (b Box) Left() string { return pct(b.X0) }

// Top is the box's top edge in percent of the page height.
func (b Box) Top() string { return pct(b.Y0) }

// Width is the box's width in percent of the page width.
func (b Box) Width() string { return pct(b.X1 - b.X0) }

// Height is the box's height in percent of the page height.
func (b Box) Height() string { return pct(b.Y1 - b.Y0) }

func pct(v float64) string { return strconv.FormatFloat(v*100, 'f', 4, 64) }

// pageView is a page of a file: its image, and the quote asked for (?ev=
// criterion.evidence) with its boxes.
type pageView struct {
	App      *review.Application `json:"-"`
	ID       string              `json:"application"`
	RulesDir string              `json:"rules_dir"`
	File     int                 `json:"file"`
	Path     string              `json:"path"`
	Page     int                 `json:"page"`
	Pages    int                 `json:"pages"`
	Image    string              `json:"image"`
	// Criterion and Evidence are the quote highlighted (nil: none).
	Criterion string               `json:"criterion,omitempty"`
	Title     string               `json:"criterion_title,omitempty"`
	Evidence  *extractors.Evidence `json:"evidence,omitempty"`
	Boxes     []Box                `json:"boxes"`
	Prev      string               `json:"prev,omitempty"`
	Next      string               `json:"next,omitempty"`
	Back      string               `json:"back"`
}

// pageView serves a page of a file with a quote highlighted (page and
// API).
func (s *Server) pageView(w http.ResponseWriter, r *http.Request, c *call) {
	l, n, in, p, err := s.loadPage(r, c)
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	v := pageView{App: l.a, ID: l.a.ID, RulesDir: l.dir, File: n, Path: in.Path, Page: p, Pages: max(in.Pages, 1),
		Image: fmt.Sprintf("/applications/%s/files/%d/pages/%d/image?rules=%s", l.a.ID, n, p, url.QueryEscape(l.dir)),
		Back:  "/applications/" + l.a.ID + "?rules=" + url.QueryEscape(l.dir), Boxes: []Box{}}
	if ev := r.URL.Query().Get("ev"); ev != "" {
		ci, j, ok := parseEv(ev)
		if !ok || ci >= len(l.d.Criteria) || j >= len(l.d.Criteria[ci].Evidence) {
			s.fail(w, r, c, fmt.Errorf("evidence %q: %w", ev, errNotFound))
			return
		}
		cr := l.d.Criteria[ci]
		e := cr.Evidence[j]
		v.Criterion, v.Title, v.Evidence = cr.ID, cr.Title, &e
		if e.Path == in.Path && evidencePage(e, in) == p {
			v.Boxes = append(v.Boxes, boxesOf(e)...)
		}
		v.Back += "#c-" + cr.ID
	}
	if p > 1 {
		v.Prev = s.pageURL(l.a.ID, n, p-1, l.dir, "")
	}
	if p < v.Pages {
		v.Next = s.pageURL(l.a.ID, n, p+1, l.dir, "")
	}
	if c.api {
		writeJSON(w, http.StatusOK, v)
		return
	}
	s.render(w, r, c, http.StatusOK, "page", fmt.Sprintf("%s 第%d页", in.Path, p), v)
}

// parseEv reads "criterion.evidence" indexes.
func parseEv(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, ".")
	i, err1 := strconv.Atoi(a)
	j, err2 := strconv.Atoi(b)
	return i, j, ok && err1 == nil && err2 == nil && i >= 0 && j >= 0
}

package web

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"

	"ruku/pipeline/dossier"
	"ruku/review/decisions"
)

// decisionForm is a decision as a form or an API call sends it.
type decisionForm struct {
	Kind      string `json:"kind"`
	Criterion string `json:"criterion"`
	Action    string `json:"action"`
	Status    string `json:"status"`
	Step      string `json:"step"`
	Outcome   string `json:"outcome"`
	Opinion   string `json:"opinion"`
	Division  string `json:"division"`
	Reason    string `json:"reason"`
	// Rules is the rules dir of the page the form was on (redirect only).
	Rules string `json:"-"`
}

// readDecision reads a decision from a JSON body (API) or a form.
func readDecision(r *http.Request) (decisionForm, error) {
	var f decisionForm
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/json" {
		if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
			return f, fmt.Errorf("decode decision: %w: %w", errBadRequest, err)
		}
		return f, nil
	}
	if err := r.ParseForm(); err != nil {
		return f, fmt.Errorf("parse decision form: %w: %w", errBadRequest, err)
	}
	v := r.PostForm
	return decisionForm{Kind: v.Get("kind"), Criterion: v.Get("criterion"), Action: v.Get("action"), Status: v.Get("status"),
		Step: v.Get("step"), Outcome: v.Get("outcome"), Opinion: v.Get("opinion"), Division: v.Get("division"),
		Reason: v.Get("reason"), Rules: v.Get("rules")}, nil
}

// decide records a decision through Workspace.Decide, which checks who may
// take it; a page is sent back (303) to the application's history.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, c *call) {
	id := r.PathValue("sha")
	if !shaRE.MatchString(id) {
		s.fail(w, r, c, fmt.Errorf("application %q: %w", id, errNotFound))
		return
	}
	f, err := readDecision(r)
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	d := decisions.Decision{
		Application: id, Kind: decisions.Kind(f.Kind),
		Criterion: f.Criterion, Action: decisions.Action(f.Action), Status: dossier.Status(f.Status),
		Step: decisions.Step(f.Step), Outcome: decisions.Outcome(f.Outcome), Opinion: f.Opinion,
		Division: f.Division, Reason: f.Reason,
	}
	stored, err := s.ws.Decide(r.Context(), c.user, d)
	if err != nil {
		s.fail(w, r, c, err)
		return
	}
	if c.api {
		writeJSON(w, http.StatusCreated, stored)
		return
	}
	back := "/applications/" + id
	if f.Rules != "" {
		back += "?rules=" + url.QueryEscape(f.Rules)
	}
	http.Redirect(w, r, back+"#history", http.StatusSeeOther)
}

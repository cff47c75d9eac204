package reaudit

import (
	"cmp"
	"io"
	"slices"
	"time"

	"ruku/pipeline/dossier"
)

// Report is the outcome of a re-audit.
type Report struct {
	Rules       dossier.Rules `json:"rules"`
	RulesDir    string        `json:"rules_dir"`
	GeneratedAt time.Time     `json:"generated_at"`
	Summary     Summary       `json:"summary"`
	Bundles     []BundleDiff  `json:"bundles"`
}

// Summary counts the bundles of a report.
type Summary struct {
	Bundles        int `json:"bundles"`
	VerdictChanged int `json:"verdict_changed"`
	// CriteriaChanged counts bundles with at least one changed criterion.
	CriteriaChanged int `json:"criteria_changed"`
	New             int `json:"new"` // no earlier dossier
	Errors          int `json:"errors"`
	// Transitions counts verdict changes as "before -> after".
	Transitions map[string]int `json:"transitions"`
}

// Side is one dossier of a comparison.
type Side struct {
	RulesDir string         `json:"rules_dir"`
	Rules    dossier.Rules  `json:"rules"`
	Verdict  string         `json:"verdict"`
	Counts   map[string]int `json:"counts"`
}

// CriterionChange is a criterion whose status or observed value differs.
// An empty status means the criterion is absent on that side.
type CriterionChange struct {
	ID             string         `json:"id"`
	Before         dossier.Status `json:"before"`
	After          dossier.Status `json:"after"`
	ObservedBefore string         `json:"observed_before,omitempty"`
	ObservedAfter  string         `json:"observed_after,omitempty"`
	RequiredBefore string         `json:"required_before,omitempty"`
	RequiredAfter  string         `json:"required_after,omitempty"`
	Message        string         `json:"message,omitempty"` // the new message
}

// BundleDiff is what changed for one bundle.
type BundleDiff struct {
	Bundle         string            `json:"bundle"`
	SHA256         string            `json:"sha256"`
	Before         *Side             `json:"before"` // nil: no earlier dossier
	After          *Side             `json:"after"`  // nil: the re-audit failed
	VerdictChanged bool              `json:"verdict_changed"`
	Criteria       []CriterionChange `json:"criteria"`
	Error          string            `json:"error,omitempty"`
}

func side(d *dossier.Dossier, dir string) *Side {
	s := &Side{RulesDir: dir, Rules: d.Rules, Verdict: d.Verdict, Counts: map[string]int{}}
	for k, v := range d.Counts {
		s.Counts[string(k)] = v
	}
	return s
}

// Diff compares a bundle's earlier dossier (nil: none) with its new one.
// Criteria are compared by id on status and observed value (a new
// threshold alone, in required, is not a change; it is reported beside
// one); the changes are sorted by id.
func Diff(before *stored, after *dossier.Dossier, afterDir string) BundleDiff {
	bd := BundleDiff{Bundle: after.Bundle, SHA256: after.BundleSHA256, After: side(after, afterDir), Criteria: []CriterionChange{}}
	if before == nil {
		return bd
	}
	bd.Before = side(before.d, before.dir)
	bd.VerdictChanged = before.d.Verdict != after.Verdict
	old := map[string]dossier.Criterion{}
	for _, c := range before.d.Criteria {
		old[c.ID] = c
	}
	seen := map[string]bool{}
	for _, c := range after.Criteria {
		seen[c.ID] = true
		o, ok := old[c.ID]
		if ok && o.Status == c.Status && o.Observed == c.Observed {
			continue
		}
		cc := CriterionChange{ID: c.ID, After: c.Status, ObservedAfter: c.Observed, RequiredAfter: c.Required, Message: c.Message}
		if ok {
			cc.Before, cc.ObservedBefore, cc.RequiredBefore = o.Status, o.Observed, o.Required
		}
		bd.Criteria = append(bd.Criteria, cc)
	}
	for id, o := range old {
		if !seen[id] {
			bd.Criteria = append(bd.Criteria, CriterionChange{ID: id, Before: o.Status, ObservedBefore: o.Observed, RequiredBefore: o.Required})
		}
	}
	slices.SortFunc(bd.Criteria, func(a, b CriterionChange) int { return cmp.Compare(a.ID, b.ID) })
	return bd
}

// DiffDossiers compares two dossiers; before may be nil.
func DiffDossiers(before, after *dossier.Dossier, beforeDir, afterDir string) BundleDiff {
	var b *stored
	if before != nil {
		b = &stored{d: before, dir: beforeDir}
	}
	return Diff(b, after, afterDir)
}

func (r *Report) summarize() {
	s := Summary{Bundles: len(r.Bundles), Transitions: map[string]int{}}
	for _, b := range r.Bundles {
		switch {
		case b.Error != "":
			s.Errors++
		case b.Before == nil:
			s.New++
		}
		if b.VerdictChanged {
			s.VerdictChanged++
			s.Transitions[b.Before.Verdict+" -> "+b.After.Verdict]++
		}
		if len(b.Criteria) > 0 {
			s.CriteriaChanged++
		}
	}
	r.Summary = s
}

func readClose(rc io.ReadCloser) ([]byte, error) {
	defer rc.Close()
	return io.ReadAll(rc)
}

package review

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"ruku/archive"
	"ruku/pipeline/dossier"
	"ruku/review/decisions"
	"ruku/review/region"
)

// Application is one application as the workspace lists it: a bundle, its
// latest dossier and its decisions.
type Application struct {
	// ID is the bundle's SHA-256.
	ID   string `json:"id"`
	Name string `json:"name"`
	USCC string `json:"uscc"`
	// Region is the effective region (a correction, else the machine's);
	// MachineRegion the one read from the USCC and the domicile.
	Region        region.Region `json:"region"`
	MachineRegion region.Region `json:"machine_region"`
	LegalRep      string        `json:"legal_rep,omitempty"`
	Nature        string        `json:"nature,omitempty"`
	Categories    []string      `json:"categories,omitempty"`
	Submitted     time.Time     `json:"submitted"`
	Verified      time.Time     `json:"verified"`
	// Verdict and Counts are the machine dossier's.
	Verdict string                 `json:"verdict"`
	Counts  map[dossier.Status]int `json:"counts"`
	// Issues are the criteria that are not pass after reviewers' decisions,
	// in dossier order.
	Issues []Issue `json:"issues"`
	// Reviewed is the verdict the criteria give after reviewers' overrides
	// (by RULES.md section 2, as dossier.Decide); equal to Verdict without
	// overrides.
	Reviewed string `json:"reviewed_verdict"`
	// State is the review state, derived from the latest step decision.
	State        decisions.State `json:"state"`
	RulesVersion string          `json:"rules_version"`
	// Dossier names the dossier shown (the newest); RulesDirs all of them.
	Dossier   decisions.DossierRef `json:"dossier"`
	RulesDirs []string             `json:"rules_dirs"`
	// History is the application's decisions, oldest first.
	History []decisions.Decision `json:"-"`

	criteria []dossier.Criterion
	search   string // lower-case name and USCC
}

// Issue is a criterion that is not pass, after reviewers' decisions.
type Issue struct {
	ID      string         `json:"id"`
	Title   string         `json:"title"`
	Status  dossier.Status `json:"status"`
	Message string         `json:"message"`
	// Machine is the dossier's status when a reviewer overrode it.
	Machine dossier.Status `json:"machine,omitempty"`
}

// HasCriterion reports whether the dossier checked criterion id.
func (a *Application) HasCriterion(id string) bool {
	return slices.ContainsFunc(a.criteria, func(c dossier.Criterion) bool { return c.ID == id })
}

// Failed reports whether criterion id is fail after reviewers' decisions.
func (a *Application) Failed(id string) bool {
	for _, is := range a.Issues {
		if is.ID == id {
			return is.Status == dossier.Fail
		}
	}
	return false
}

// newApplication makes an index entry from a dossier.
func newApplication(t *region.Table, d *dossier.Dossier, sd archive.StoredDossier, dirs []string, info archive.ArchiveInfo, history []decisions.Decision) *Application {
	a := &Application{
		ID:           sd.SHA256,
		Name:         factString(d.Facts, "applicant.name"),
		USCC:         factString(d.Facts, "applicant.uscc"),
		LegalRep:     factString(d.Facts, "applicant.legal_rep"),
		Nature:       factString(d.Facts, "application.nature"),
		Categories:   factStrings(d.Facts, "application.categories"),
		Submitted:    info.UploadedAt,
		Verified:     d.GeneratedAt,
		Verdict:      d.Verdict,
		Counts:       d.Counts,
		RulesVersion: d.Rules.Version,
		Dossier:      decisions.DossierRef{BundleSHA256: sd.SHA256, RulesDir: sd.RulesDir, Verdict: d.Verdict},
		RulesDirs:    dirs,
		criteria:     summarize(d.Criteria),
	}
	if a.Name == "" {
		a.Name = d.Bundle
	}
	a.MachineRegion = t.Locate(a.USCC, factString(d.Facts, "license.address"))
	a.search = strings.ToLower(a.Name + "\x00" + a.USCC)
	a.setHistory(t, history)
	return a
}

// setHistory derives state, effective region and issues from a history.
func (a *Application) setHistory(t *region.Table, h []decisions.Decision) {
	a.History = h
	a.State = decisions.StateOf(h)
	a.Region = a.MachineRegion
	if div := decisions.Region(h); div != "" {
		a.Region = t.Of(div, region.FromCorrection)
	}
	eff := decisions.Effective(h)
	a.Issues = nil
	for _, c := range a.criteria {
		st, machine := c.Status, dossier.Status("")
		// An override applies to the dossier it was made on: after a
		// re-audit the reviewer confirms again.
		if d := eff[c.ID]; d != nil && d.Action == decisions.Override && d.Status != c.Status && d.Dossier.RulesDir == a.Dossier.RulesDir {
			st, machine = d.Status, c.Status
		}
		if st != dossier.Pass {
			a.Issues = append(a.Issues, Issue{ID: c.ID, Title: c.Title, Status: st, Message: c.Message, Machine: machine})
		}
	}
	a.Reviewed = a.Verdict
	if len(a.criteria) > 0 {
		d := dossier.Dossier{}
		for _, is := range a.Issues {
			d.Criteria = append(d.Criteria, dossier.Criterion{Status: is.Status})
		}
		d.Decide()
		a.Reviewed = d.Verdict
	}
}

// summarize keeps what the index needs of the criteria: not the evidence
// (the page reads the dossier itself), so 10,000 entries stay small.
func summarize(cs []dossier.Criterion) []dossier.Criterion {
	out := make([]dossier.Criterion, len(cs))
	for i, c := range cs {
		c.Evidence = nil
		out[i] = c
	}
	return out
}

// Criteria returns the dossier's criteria without their evidence.
func (a *Application) Criteria() []dossier.Criterion { return slices.Clone(a.criteria) }

func factString(f dossier.Facts, key string) string {
	switch v := f[key].(type) {
	case string:
		return strings.TrimSpace(v)
	case nil:
		return ""
	default:
		return strings.TrimSpace(fmt.Sprint(v))
	}
}

func factStrings(f dossier.Facts, key string) []string {
	switch v := f[key].(type) {
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return slices.Clone(v)
	case string:
		if v != "" {
			return []string{v}
		}
	}
	return nil
}

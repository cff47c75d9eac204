package rules

import (
	"ruku/extractors/classify"
	"sort"
	"strings"

	"ruku/extractors"
	"ruku/pipeline/dossier"
)

// Reason is a reason code: what a check found. Its Chinese text is in
// render.go; tests assert reasons, not texts.
type Reason string

// Args are the parameters of a finding, by name; the renderer places them
// into the reason's text.
type Args map[string]string

// Finding is one thing a check found: a reason with its parameters, the
// status it calls for and, for a non-pass, its basis.
type Finding struct {
	Reason   Reason
	Args     Args
	Status   dossier.Status // pass for the pass message; info for notes
	Basis    dossier.Basis
	Evidence []extractors.Evidence
}

// info is the status of a note shown whatever the criterion decides.
const info dossier.Status = "info"

func fail(basis dossier.Basis, r Reason, a Args, ev ...extractors.Evidence) Finding {
	return Finding{Reason: r, Args: a, Status: dossier.Fail, Basis: basis, Evidence: ev}
}

func review(basis dossier.Basis, r Reason, a Args, ev ...extractors.Evidence) Finding {
	return Finding{Reason: r, Args: a, Status: dossier.NeedsReview, Basis: basis, Evidence: ev}
}

func passed(r Reason, a Args, ev ...extractors.Evidence) Finding {
	return Finding{Reason: r, Args: a, Status: dossier.Pass, Evidence: ev}
}

func note(r Reason, a Args, ev ...extractors.Evidence) Finding {
	return Finding{Reason: r, Args: a, Status: info, Evidence: ev}
}

// text is a finding that only carries words for Required or Observed.
func text(r Reason, a Args) Finding { return Finding{Reason: r, Args: a, Status: info} }

// outcome is what a check returns: what was required, what was observed and
// what it found. The criterion's status is the worst status among Findings
// (fail, then needs_review, then manual, else pass).
type outcome struct {
	Required Finding
	Observed []Finding
	Findings []Finding
	Evidence []extractors.Evidence // cited whatever the status
}

func (o *outcome) add(f ...Finding) { o.Findings = append(o.Findings, f...) }

func (o *outcome) observe(r Reason, a Args) { o.Observed = append(o.Observed, text(r, a)) }

var rank = map[dossier.Status]int{info: -1, dossier.Pass: 0, dossier.Manual: 1, dossier.NeedsReview: 2, dossier.Fail: 3}

// decide returns the status an outcome calls for and the basis of its first
// finding of that status.
func (o *outcome) decide() (dossier.Status, dossier.Basis) {
	st, basis := dossier.Pass, dossier.Basis("")
	for _, f := range o.Findings {
		if rank[f.Status] > rank[st] {
			st, basis = f.Status, f.Basis
		}
	}
	return st, basis
}

// reasons lists the reason codes of an outcome's findings of status st.
func (o *outcome) reasons(st dossier.Status) []Reason {
	var out []Reason
	for _, f := range o.Findings {
		if f.Status == st {
			out = append(out, f.Reason)
		}
	}
	return out
}

// cautious turns a fail for an absent document into needs_review when some
// file that may be that document could not be read or classified with
// confidence. It names those files.
func (o *outcome) cautious(uncertain []FileNote) {
	var named []FileNote
	seen := map[string]bool{}
	for i := range o.Findings {
		f := &o.Findings[i]
		if f.Status != dossier.Fail || f.Basis != dossier.Absent {
			continue
		}
		kind, known := absentKind(*f)
		var suspects []FileNote
		for _, n := range uncertain {
			if !known || n.mayBe(kind) {
				suspects = append(suspects, n)
			}
		}
		if len(suspects) == 0 {
			continue
		}
		f.Status, f.Basis = dossier.NeedsReview, dossier.UncertainFiles
		for _, n := range suspects {
			if !seen[n.Path] {
				seen[n.Path] = true
				named = append(named, n)
			}
		}
	}
	if len(named) > 0 {
		o.add(review(dossier.UncertainFiles, ReasonUncertainFiles, Args{"files": fileList(named)}))
	}
}

// absentKind is the document kind an absent-document finding misses, when
// one kind is meant.
func absentKind(f Finding) (classify.Kind, bool) {
	switch f.Reason {
	case ReasonLicenseAbsent, ReasonEstablishedAbsent:
		return classify.License, true
	case ReasonAuditYearMissing:
		return classify.AuditReport, true
	case ReasonFormAbsent:
		return classify.ApplicationForm, true
	case ReasonPremisesAbsent:
		return classify.Premises, true
	case ReasonCreditMissing:
		return classify.CreditScreenshot, true
	case ReasonListAbsent, ReasonKindMissing:
		if k := f.Args["kind"]; k != "" {
			return classify.Kind(k), true
		}
	}
	return "", false
}

// fileList joins file notes as path(why) pairs for the renderer.
func fileList(notes []FileNote) string {
	parts := make([]string, 0, len(notes))
	for _, n := range notes {
		parts = append(parts, n.Path+"\x00"+string(n.Why))
	}
	sort.Strings(parts)
	return strings.Join(parts, "\x01")
}

// toCriterion renders an outcome for the dossier.
func (o *outcome) toCriterion() dossier.Criterion {
	st, basis := o.decide()
	cr := dossier.Criterion{Status: st, Basis: basis, Required: render(o.Required)}
	if st == dossier.Manual && basis == "" {
		cr.Basis = dossier.NotCheckable
	}
	obs := make([]string, 0, len(o.Observed))
	for _, f := range o.Observed {
		obs = append(obs, render(f))
	}
	cr.Observed = strings.Join(obs, "；")
	if cr.Observed == "" {
		cr.Observed = "—"
	}
	var msg []string
	ev := append([]extractors.Evidence{}, o.Evidence...)
	for _, f := range o.Findings {
		if f.Status == st || f.Status == info {
			msg = append(msg, render(f))
			ev = append(ev, f.Evidence...)
		}
	}
	cr.Message = strings.Join(msg, "；")
	cr.Evidence = dedupEvidence(ev)
	return cr
}

func dedupEvidence(ev []extractors.Evidence) []extractors.Evidence {
	out := []extractors.Evidence{}
	seen := map[extractors.Evidence]bool{}
	for _, e := range ev {
		if e.Path == "" && e.Snippet == "" {
			continue
		}
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

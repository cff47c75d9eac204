package rules

import (
	"testing"

	"ruku/extractors/classify"
	"ruku/pipeline/dossier"
)

// TestCautiousByKind: a missing document turns to needs_review only for an
// uncertain file that may be that document (unread, or with that kind among
// its candidates), and the message names just those files.
func TestCautiousByKind(t *testing.T) {
	missingAudit := func() outcome {
		var o outcome
		o.add(fail(dossier.Absent, ReasonAuditYearMissing, Args{"year": "2024"}))
		return o
	}
	for _, tc := range []struct {
		name      string
		uncertain []FileNote
		want      dossier.Status
	}{
		{"none", nil, dossier.Fail},
		{"a credit page unsure of itself", []FileNote{{Path: "c.jpg", Why: FileUnconfident, Kinds: []classify.Kind{classify.CreditScreenshot}}}, dossier.Fail},
		{"a file that may be the report", []FileNote{{Path: "a.pdf", Why: FileUnclassified, Kinds: []classify.Kind{classify.Other, classify.AuditReport}}}, dossier.NeedsReview},
		{"an unread file", []FileNote{{Path: "x.pdf", Why: FileUnreadable}}, dossier.NeedsReview},
	} {
		o := missingAudit()
		o.cautious(tc.uncertain)
		if got := o.Findings[0].Status; got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
		if tc.want == dossier.NeedsReview && (len(o.Findings) != 2 || o.Findings[1].Reason != ReasonUncertainFiles) {
			t.Errorf("%s: the uncertain files are not named: %+v", tc.name, o.Findings)
		}
	}
}

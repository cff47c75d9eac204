package variation

import (
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"

	"ruku/extractors"
	"ruku/extractors/classify"
)

// TestClassify classifies every kind the generator renders, in every
// rendering: a document must come out as its kind, and never confidently
// as another (a confident wrong kind makes a required document absent, a
// fail).
func TestClassify(t *testing.T) {
	type render struct {
		name string
		kind classify.Kind
		dims []Dim
		doc  func(f Facts, c Choice, r *rand.Rand) *extractors.Doc
	}
	renders := []render{
		{"form", classify.ApplicationForm, FormDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Form(f, c, r) }},
		{"form-sheet", classify.ApplicationForm, FormDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return FormSheet(f, c, r) }},
		{"license", classify.License, LicenseDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return License(f, c, r) }},
		{"institution", classify.License, InstitutionDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Institution(f, c, r) }},
		{"lease", classify.Premises, LeaseDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Lease(f, c, r) }},
		{"certificate", classify.Premises, CertDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Certificate(f, c, r) }},
		{"audit", classify.AuditReport, AuditDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Audit(f, c, r) }},
		{"experts", classify.ExpertList, ExpertDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Experts(f, c, r) }},
		{"partners", classify.PartnerList, PartnerDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Partners(f, c, r) }},
		{"services", classify.ServiceRecords, ServiceDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Services(f, c, r) }},
		{"credit", classify.CreditScreenshot, CreditDims, func(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return Credit(f, c, r) }},
	}
	n := variants(300)
	for _, rd := range renders {
		r := rand.New(rand.NewSource(seed("classify-" + rd.name)))
		wrong, unsure := map[string]int{}, map[string]int{}
		example := ""
		for i := 0; i < n; i++ {
			f := NewFacts(r, r.Intn(2) == 0)
			c := Pick(r, rd.dims, nil)
			d := rd.doc(f, c, r)
			got := classify.Classify(d)
			switch {
			case got.Kind != rd.kind && got.Confident:
				wrong[string(got.Kind)]++
				if example == "" {
					example = fmt.Sprintf("[%s] → %s (%s)\n%s", c, got.Kind, got.Why, firstLines(d, 8))
				}
			case got.Kind != rd.kind || !got.Confident:
				unsure[fmt.Sprintf("%s/%v", got.Kind, got.Confident)]++
				if got.Kind != rd.kind && os.Getenv("VARIATION_SHOW") != "" {
					t.Logf("%s [%s] → %s (%s)\n%s", rd.name, c, got.Kind, got.Why, firstLines(d, 12))
				}
			}
		}
		t.Logf("%s: %d variants, confidently wrong %v, unsure or other %v", rd.name, n, keys(wrong), keys(unsure))
		if len(wrong) > 0 {
			t.Errorf("%s: classified confidently as another kind %v, e.g. %s", rd.name, keys(wrong), example)
		}
	}
}

func keys(m map[string]int) string {
	var out []string
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s:%d", k, v))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func firstLines(d *extractors.Doc, n int) string {
	var out []string
	for _, p := range d.Pages {
		out = append(out, p.Lines...)
	}
	for _, s := range d.Sheets {
		for _, row := range s.Rows {
			out = append(out, strings.Join(row, " | "))
		}
	}
	if len(out) > n {
		out = out[:n]
	}
	return strings.Join(out, "\n")
}

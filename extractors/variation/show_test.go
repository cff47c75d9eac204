package variation

import (
	"math/rand"
	"os"
	"testing"
)

// TestShow prints one rendering of each kind when VARIATION_SHOW is set,
// to read what the generator writes.
func TestShow(t *testing.T) {
	if os.Getenv("VARIATION_SHOW") == "" {
		t.Skip("set VARIATION_SHOW=1 to print renderings")
	}
	r := rand.New(rand.NewSource(7))
	f := NewFacts(r, true)
	show := func(name string, dims []Dim, text func(c Choice) string) {
		c := Pick(r, dims, nil)
		t.Logf("==== %s [%s]\n%s", name, c, text(c))
	}
	show("form", FormDims, func(c Choice) string { d := Form(f, c, r); return d.Text() })
	show("form-sheet", FormDims, func(c Choice) string { d := FormSheet(f, c, r); return d.Text() })
	show("license", LicenseDims, func(c Choice) string { d := License(f, c, r); return d.Text() })
	show("institution", InstitutionDims, func(c Choice) string { d := Institution(f, c, r); return d.Text() })
	show("lease", LeaseDims, func(c Choice) string { d := Lease(f, c, r); return d.Text() })
	show("certificate", CertDims, func(c Choice) string { d := Certificate(f, c, r); return d.Text() })
	show("audit", AuditDims, func(c Choice) string { d := Audit(f, c, r); return d.Text() })
	show("experts", ExpertDims, func(c Choice) string { d := Experts(f, c, r); return d.Text() })
	show("partners", PartnerDims, func(c Choice) string { d := Partners(f, c, r); return d.Text() })
	show("services", ServiceDims, func(c Choice) string { d := Services(f, c, r); return d.Text() })
	show("credit", CreditDims, func(c Choice) string { d := Credit(f, c, r); return d.Text() })
}

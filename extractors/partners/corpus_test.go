package partners

import (
	"testing"
	"time"

	"ruku/extractors/extractorstest"
)

func TestCorpus(t *testing.T) {
	hits, total := 0, 0
	for _, tr := range extractorstest.Corpus(t) {
		ref, err := time.Parse("2006-01-02", tr.ReferenceDate)
		if err != nil {
			t.Fatal(err)
		}
		var list []Partner
		for _, f := range tr.Files {
			if f.Kind != "partner_list" {
				continue
			}
			d := extractorstest.ReadXLSX(t, tr.File(f))
			ps, err := Extract(d)
			if err != nil {
				t.Errorf("%s: %v", tr.Bundle, err)
			}
			list = append(list, ps...)
		}
		c := Count(list, ref.Year()-1, ref)
		want, ok := tr.FactInt(t, "partners.count")
		if !ok {
			continue
		}
		total++
		if c.Count == want {
			hits++
		} else {
			t.Errorf("%s partners.count = %d, want %d (%v; skipped %v)", tr.Bundle, c.Count, want, c.Names, c.Skipped)
		}
	}
	t.Logf("partners.count: %d/%d", hits, total)
}

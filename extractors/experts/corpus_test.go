package experts

import (
	"testing"
	"time"

	"ruku/extractors/extractorstest"
)

func TestCorpus(t *testing.T) {
	keys := []string{"experts.senior", "experts.total"}
	hits, total := map[string]int{}, map[string]int{}
	for _, tr := range extractorstest.Corpus(t) {
		ref, err := time.Parse("2006-01-02", tr.ReferenceDate)
		if err != nil {
			t.Fatal(err)
		}
		var list []Expert
		for _, f := range tr.Files {
			if f.Kind != "expert_list" {
				continue
			}
			d := extractorstest.ReadXLSX(t, tr.File(f))
			es, err := Extract(d)
			if err != nil {
				t.Errorf("%s: %v", tr.Bundle, err)
			}
			list = append(list, es...)
		}
		c := Count(list, ref.Year()-1, isSenior)
		got := map[string]int{"experts.senior": c.Senior, "experts.total": c.Total}
		for _, k := range keys {
			want, ok := tr.FactInt(t, k)
			if !ok {
				continue
			}
			total[k]++
			if got[k] == want {
				hits[k]++
			} else {
				t.Errorf("%s %s = %d, want %d (senior %v)", tr.Bundle, k, got[k], want, c.SeniorNames)
			}
		}
	}
	for _, k := range keys {
		t.Logf("%s: %d/%d", k, hits[k], total[k])
	}
}

package services

import (
	"testing"
	"time"

	"ruku/extractors/extractorstest"
)

func TestCorpus(t *testing.T) {
	keys := []string{"services.smes", "services.point_to_point", "services.invalid_rows"}
	hits, total := map[string]int{}, map[string]int{}
	for _, tr := range extractorstest.Corpus(t) {
		ref, err := time.Parse("2006-01-02", tr.ReferenceDate)
		if err != nil {
			t.Fatal(err)
		}
		var recs []Record
		for _, f := range tr.Files {
			if f.Kind != "service_records" {
				continue
			}
			d := extractorstest.ReadXLSX(t, tr.File(f))
			rs, err := Extract(d)
			if err != nil {
				t.Errorf("%s: %v", tr.Bundle, err)
			}
			recs = append(recs, rs...)
		}
		c := Count(recs, ref, nil)
		got := map[string]int{"services.smes": c.SMEs, "services.point_to_point": c.PointToPoint, "services.invalid_rows": c.InvalidRows}
		for _, k := range keys {
			want, ok := tr.FactInt(t, k)
			if !ok {
				continue
			}
			total[k]++
			if got[k] == want {
				hits[k]++
			} else {
				t.Errorf("%s %s = %d, want %d", tr.Bundle, k, got[k], want)
			}
		}
	}
	for _, k := range keys {
		t.Logf("%s: %d/%d", k, hits[k], total[k])
	}
}

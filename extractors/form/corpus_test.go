package form

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"ruku/extractors/extractorstest"
	"ruku/extractors/load"
	"ruku/extractors/parse"
)

// TestCorpusBundles reads the application form of every bundle of the
// public corpus ($RUKU_CORPUS) through the loader, without OCR (scanned
// forms read nothing), and compares it with the truth. A fact read with a
// wrong value fails the test; a fact not read is counted and logged.
func TestCorpusBundles(t *testing.T) {
	keys := []string{"applicant.name", "applicant.uscc", "applicant.legal_rep", "license.established_on",
		"application.reference_date", "application.nature", "application.categories",
		"application.declared.total_assets", "application.declared.area_m2",
		"application.declared.experts_senior", "application.declared.experts_total",
		"application.declared.partners", "application.declared.smes_served", "application.declared.point_to_point"}
	hits, total := map[string]int{}, map[string]int{}
	for _, tr := range extractorstest.Corpus(t) {
		for _, tf := range tr.Files {
			if tf.Kind != "application_form" {
				continue
			}
			data, err := os.ReadFile(tr.File(tf))
			if err != nil {
				t.Fatal(err)
			}
			d, err := (&load.Loader{}).Load(context.Background(), tf.Path, data)
			if err != nil {
				t.Logf("%s %s: %v", tr.Bundle, tf.Path, err)
			}
			got := corpusFacts(Extract(d))
			for _, k := range keys {
				raw, ok := tr.Facts[k]
				if !ok || string(raw) == "null" {
					continue
				}
				want := truthString(t, raw)
				total[k]++
				switch g, ok := got[k]; {
				case !ok:
					t.Logf("%s %s: not read, want %q", tr.Bundle, k, want)
				case g == want:
					hits[k]++
				default:
					t.Errorf("%s %s: got %q, want %q", tr.Bundle, k, g, want)
				}
			}
		}
	}
	for _, k := range keys {
		t.Logf("%-38s %d/%d", k, hits[k], total[k])
	}
}

// corpusFacts are the facts a form read, as truth.json writes them; a
// fact not read is absent.
func corpusFacts(f Form) map[string]string {
	out := map[string]string{}
	put := func(k string, ok bool, v string) {
		if ok {
			out[k] = v
		}
	}
	put("applicant.name", f.Name.OK, parse.Compact(f.Name.Value))
	put("applicant.uscc", f.USCC.OK, f.USCC.Value)
	put("applicant.legal_rep", f.LegalRep.OK, f.LegalRep.Value)
	put("license.established_on", f.EstablishedOn.OK, parse.FormatDate(f.EstablishedOn.Value))
	put("application.reference_date", f.AppliedOn.OK, parse.FormatDate(f.AppliedOn.Value))
	put("application.nature", f.Nature.OK, f.Nature.Value)
	put("application.categories", f.Categories.OK && len(f.Categories.Value) > 0, strings.Join(f.Categories.Value, ","))
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	put("application.declared.total_assets", f.TotalAssets.OK, num(f.TotalAssets.Value))
	put("application.declared.area_m2", f.AreaM2.OK, num(f.AreaM2.Value))
	put("application.declared.experts_senior", f.ExpertsSenior.OK, fmt.Sprint(f.ExpertsSenior.Value))
	put("application.declared.experts_total", f.ExpertsTotal.OK, fmt.Sprint(f.ExpertsTotal.Value))
	put("application.declared.partners", f.Partners.OK, fmt.Sprint(f.Partners.Value))
	put("application.declared.smes_served", f.SMEsServed.OK, fmt.Sprint(f.SMEsServed.Value))
	put("application.declared.point_to_point", f.PointToPoint.OK, fmt.Sprint(f.PointToPoint.Value))
	return out
}

// truthString writes a truth value as corpusFacts writes facts.
func truthString(t *testing.T, raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	switch x := v.(type) {
	case string:
		return parse.Compact(x)
	case float64:
		if math.Abs(x-math.Round(x)) < 1e-9 {
			return fmt.Sprint(int64(x))
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		var ss []string
		for _, e := range x {
			ss = append(ss, fmt.Sprint(e))
		}
		return strings.Join(ss, ",")
	}
	return fmt.Sprint(v)
}

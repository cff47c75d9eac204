package reaudit

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"ruku/pipeline/dossier"
)

func dos(verdict string, crit ...dossier.Criterion) *dossier.Dossier {
	d := &dossier.Dossier{Bundle: "pub_08", BundleSHA256: "ab12", Criteria: crit}
	d.Decide()
	if d.Verdict != verdict {
		panic("test dossier verdict " + d.Verdict)
	}
	return d
}

func TestDiffAndReport(t *testing.T) {
	before := dos(dossier.Eligible,
		dossier.Criterion{ID: "total_assets", Status: dossier.Pass, Required: ">= 2000000", Observed: "2971000"},
		dossier.Criterion{ID: "operating_years", Status: dossier.Pass, Observed: "5"})
	after := dos(dossier.Ineligible,
		dossier.Criterion{ID: "total_assets", Status: dossier.Fail, Required: ">= 3000000", Observed: "2971000"},
		dossier.Criterion{ID: "operating_years", Status: dossier.Pass, Observed: "5"})
	bd := DiffDossiers(before, after, "hebei-2024.1@aaaa", "ta3m@bbbb")
	if !bd.VerdictChanged || len(bd.Criteria) != 1 || bd.Criteria[0].ID != "total_assets" ||
		bd.Criteria[0].Before != dossier.Pass || bd.Criteria[0].After != dossier.Fail {
		t.Fatalf("diff %+v", bd)
	}
	same := DiffDossiers(before, before, "a", "a")
	if same.VerdictChanged || len(same.Criteria) != 0 {
		t.Errorf("self diff %+v", same)
	}
	fresh := DiffDossiers(nil, after, "", "ta3m@bbbb")

	rep := &Report{RulesDir: "ta3m@bbbb", Bundles: []BundleDiff{bd, same, fresh}}
	rep.summarize()
	if rep.Summary.VerdictChanged != 1 || rep.Summary.New != 1 || rep.Summary.Transitions["eligible -> ineligible"] != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}
	js, err := rep.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil || len(back.Bundles) != 3 {
		t.Fatalf("JSON round trip: %v", err)
	}
	var tab bytes.Buffer
	if err := rep.WriteTable(&tab); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"total_assets pass→fail", "eligible [hebei-2024.1@aaaa]", "1 verdict changed", "eligible -> ineligible: 1"} {
		if !strings.Contains(tab.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, tab.String())
		}
	}
}

func TestBar(t *testing.T) {
	var b bytes.Buffer
	now := time.Unix(0, 0)
	bar := &Bar{W: &b, Width: 10, Now: func() time.Time { return now }}
	bar.Start(4)
	bar.Done("pub_01")
	now = now.Add(3 * time.Second)
	bar.Done("pub_02")
	bar.Finish()
	out := b.String()
	if !strings.Contains(out, "\r[=====>    ] 2/4  50% pub_02") || !strings.HasSuffix(out, "3s\n") {
		t.Errorf("bar output %q", out)
	}
}

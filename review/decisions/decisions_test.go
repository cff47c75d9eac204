package decisions_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"ruku/pipeline/dossier"
	"ruku/review/decisions"
	"ruku/storage"
	"ruku/storage/local"
)

var app = strings.Repeat("ab", 32)

func ref() decisions.DossierRef {
	return decisions.DossierRef{BundleSHA256: app, RulesDir: "2026.1@0123456789ab", Verdict: "eligible"}
}

func newLog(t *testing.T, retain time.Duration) (*decisions.Log, storage.Store) {
	t.Helper()
	st, err := local.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l := decisions.NewLog(st, retain)
	if err := l.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	return l, st
}

func TestValidate(t *testing.T) {
	base := decisions.Decision{Application: app, By: "u", Dossier: ref()}
	for _, tc := range []struct {
		name string
		edit func(d *decisions.Decision)
		ok   bool
	}{
		{"confirm", func(d *decisions.Decision) {
			d.Kind, d.Criterion, d.Action = decisions.KindCriterion, "total_assets", decisions.Confirm
		}, true},
		{"override", func(d *decisions.Decision) {
			d.Kind, d.Criterion, d.Action, d.Status, d.Reason = decisions.KindCriterion, "total_assets", decisions.Override, dossier.Pass, "原件核对无误"
		}, true},
		{"override without reason", func(d *decisions.Decision) {
			d.Kind, d.Criterion, d.Action, d.Status = decisions.KindCriterion, "total_assets", decisions.Override, dossier.Pass
		}, false},
		{"override to nonsense", func(d *decisions.Decision) {
			d.Kind, d.Criterion, d.Action, d.Status, d.Reason = decisions.KindCriterion, "x", decisions.Override, "ok", "r"
		}, false},
		{"county pass", func(d *decisions.Decision) {
			d.Kind, d.Step, d.Outcome = decisions.KindStep, decisions.County, decisions.Pass
		}, true},
		{"county return without reason", func(d *decisions.Decision) {
			d.Kind, d.Step, d.Outcome = decisions.KindStep, decisions.County, decisions.Return
		}, false},
		{"county recommend", func(d *decisions.Decision) {
			d.Kind, d.Step, d.Outcome = decisions.KindStep, decisions.County, decisions.Recommend
		}, false},
		{"city recommend", func(d *decisions.Decision) {
			d.Kind, d.Step, d.Outcome, d.Opinion = decisions.KindStep, decisions.City, decisions.Recommend, "同意推荐"
		}, true},
		{"province inspect", func(d *decisions.Decision) {
			d.Kind, d.Step, d.Outcome = decisions.KindStep, decisions.Province, decisions.Inspect
		}, true},
		{"region", func(d *decisions.Decision) {
			d.Kind, d.Division, d.Reason = decisions.KindRegion, "130102", "住所在长安区"
		}, true},
		{"region not a code", func(d *decisions.Decision) { d.Kind, d.Division, d.Reason = decisions.KindRegion, "13010", "x" }, false},
		{"other dossier", func(d *decisions.Decision) {
			d.Kind, d.Step, d.Outcome = decisions.KindStep, decisions.County, decisions.Pass
			d.Dossier.BundleSHA256 = strings.Repeat("cd", 32)
		}, false},
		{"no kind", func(d *decisions.Decision) {}, false},
		{"long reason", func(d *decisions.Decision) {
			d.Kind, d.Division, d.Reason = decisions.KindRegion, "130102", strings.Repeat("长", decisions.MaxText+1)
		}, false},
	} {
		d := base
		tc.edit(&d)
		if err := d.Validate(); (err == nil) != tc.ok {
			t.Errorf("%s: Validate = %v, want ok %v", tc.name, err, tc.ok)
		} else if err != nil && !errors.Is(err, decisions.ErrInvalid) {
			t.Errorf("%s: %v does not wrap ErrInvalid", tc.name, err)
		}
	}
}

func TestAppendHistory(t *testing.T) {
	ctx := context.Background()
	l, st := newLog(t, time.Hour)
	t0 := time.Now().UTC().Truncate(time.Second) // retention runs from the clock
	// Decisions taken out of key order by the clock still read back by time.
	times := []time.Time{t0.Add(2 * time.Second), t0, t0.Add(time.Second)}
	outcomes := []decisions.Outcome{decisions.Recommend, decisions.Pass, decisions.Return}
	steps := []decisions.Step{decisions.City, decisions.County, decisions.County}
	for i := range times {
		l.SetClock(func() time.Time { return times[i] })
		_, err := l.Append(ctx, decisions.Decision{Application: app, Kind: decisions.KindStep, By: "u", Dossier: ref(),
			Step: steps[i], Outcome: outcomes[i], Reason: "r"})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.Append(ctx, decisions.Decision{Application: app, Kind: decisions.KindStep, By: "u", Dossier: ref()}); err == nil {
		t.Error("an invalid decision was appended")
	}
	h, err := l.History(ctx, app)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range h {
		got = append(got, string(d.Outcome))
	}
	if strings.Join(got, ",") != "pass,return,recommend" {
		t.Errorf("history %v", got)
	}
	if s := decisions.StateOf(h); s != decisions.PendingProvince {
		t.Errorf("state %s", s)
	}
	if d := decisions.Latest(h, decisions.County); d == nil || d.Outcome != decisions.Return {
		t.Errorf("latest county %+v", d)
	}
	// Immutable: the stored object can neither be replaced nor removed.
	key := decisions.Key(app, h[0].ID)
	if err := st.Put(ctx, decisions.Bucket, key, strings.NewReader("{}"), 2, storage.PutOptions{IfAbsent: true}); !errors.Is(err, storage.ErrExists) {
		t.Errorf("overwrite: %v", err)
	}
	if err := st.Remove(ctx, decisions.Bucket, key); !errors.Is(err, storage.ErrRetained) {
		t.Errorf("remove: %v", err)
	}
	all, err := l.All(ctx)
	if err != nil || len(all[app]) != 3 {
		t.Errorf("All = %d, %v", len(all[app]), err)
	}
	if h, err := l.History(ctx, strings.Repeat("ef", 32)); err != nil || len(h) != 0 {
		t.Errorf("empty history = %v, %v", h, err)
	}
}

func TestStates(t *testing.T) {
	for _, tc := range []struct {
		outcomes []decisions.Outcome
		want     decisions.State
	}{
		{nil, decisions.PendingCounty},
		{[]decisions.Outcome{decisions.Return}, decisions.Returned},
		{[]decisions.Outcome{decisions.Return, decisions.Pass}, decisions.PendingCity},
		{[]decisions.Outcome{decisions.Pass, decisions.NotRecommend}, decisions.NotRecommended},
		{[]decisions.Outcome{decisions.Pass, decisions.Recommend, decisions.Inspect, decisions.Approve}, decisions.Approved},
	} {
		var h []decisions.Decision
		for _, o := range tc.outcomes {
			h = append(h, decisions.Decision{Kind: decisions.KindStep, Outcome: o})
		}
		h = append(h, decisions.Decision{Kind: decisions.KindCriterion})
		if got := decisions.StateOf(h); got != tc.want {
			t.Errorf("StateOf(%v) = %s, want %s", tc.outcomes, got, tc.want)
		}
	}
	if !decisions.Open(decisions.County, decisions.Returned) || decisions.Open(decisions.County, decisions.PendingProvince) ||
		decisions.Open(decisions.Province, decisions.PendingCity) || !decisions.Open(decisions.City, decisions.PendingCity) {
		t.Error("Open")
	}
}

func TestLabels(t *testing.T) {
	l := decisions.ChineseLabels()
	for _, s := range decisions.States {
		if l.States[s] == "" {
			t.Errorf("no label for state %s", s)
		}
	}
	for step, os := range decisions.Outcomes {
		if l.Steps[step] == "" {
			t.Errorf("no label for step %s", step)
		}
		for _, o := range os {
			if l.Outcomes[o] == "" {
				t.Errorf("no label for outcome %s", o)
			}
		}
	}
}

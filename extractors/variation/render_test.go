package variation

import (
	"math/rand"
	"testing"
	"time"

	"ruku/extractors/parse"
	"ruku/extractors/uscc"
)

func TestCapital(t *testing.T) {
	cases := []struct {
		yuan float64
		want string
	}{
		{2000000, "贰佰万元整"},
		{4863200, "肆佰捌拾陆万叁仟贰佰元整"},
		{1000500, "壹佰万零伍佰元整"},
		{10000, "壹万元整"},
		{105000000, "壹亿零伍佰万元整"},
	}
	for _, c := range cases {
		if got := Capital(c.yuan); got != c.want {
			t.Errorf("Capital(%v) = %s, want %s", c.yuan, got, c.want)
		}
		if v, ok := parse.CapitalAmount(c.want); !ok || v != c.yuan {
			t.Errorf("CapitalAmount(%s) = %v %v, want %v", c.want, v, ok, c.yuan)
		}
	}
}

func TestDateForms(t *testing.T) {
	d := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	want := map[string]string{
		"年月日": "2024年3月15日", "年0月0日": "2024年03月15日", "iso": "2024-03-15", "dot": "2024.3.15",
		"dot0": "2024.03.15", "slash": "2024/03/15", "slash1": "2024/3/15", "汉字": "二〇二四年三月十五日",
		"spaced": "2024 年 3 月 15 日", "全角": "２０２４年３月１５日", "compact": "20240315",
	}
	for _, f := range DateForms {
		if got := Date(d, f); got != want[f] {
			t.Errorf("Date(%s) = %s, want %s", f, got, want[f])
		}
	}
}

func TestGenerated(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200; i++ {
		f := NewFacts(r, i%2 == 0)
		for _, c := range []string{f.USCC, f.InstUSCC, f.LessorUSCC} {
			if !uscc.Valid(c) {
				t.Fatalf("invalid USCC %s", c)
			}
		}
		if f.Senior > f.Experts || f.P2P > f.SMEs || !f.LeaseEnd.After(f.LeaseStart) {
			t.Fatalf("inconsistent facts %+v", f)
		}
	}
}

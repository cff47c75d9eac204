package place

import (
	"strings"
	"testing"
)

func TestRepair(t *testing.T) {
	for _, tc := range []struct {
		in, hint, want string
		changed        bool
	}{
		{"河北省亏郸市邯山区河北大街389号", "", "河北省邯郸市邯山区河北大街389号", true},
		{"河北省唐山市路南匹某路1号", "", "河北省唐山市路南匹某路1号", false},
		{"河北省廊坊市广阳匹某路1号", "", "河北省廊坊市广阳匹某路1号", false},
		{"河北省廊坊市广杨区某路1号", "", "河北省廊坊市广阳区某路1号", true},
		{"河北省邢台市信部区某路1号", "", "河北省邢台市信都区某路1号", true},
		{"河北省衡水市桃城区某路1号", "", "河北省衡水市桃城区某路1号", false},
		// one character from two counties (藁城区, 栾城区): which is unknown
		{"河北省石家庄市莫城区胜利北街5号", "", "河北省石家庄市莫城区胜利北街5号", false},
		// … unless the applicant's registration authority names one
		{"河北省石家庄市莫城区胜利北街5号", "130109", "河北省石家庄市藁城区胜利北街5号", true},
		{"河北省石家庄市莫城区胜利北街5号", "130111", "河北省石家庄市栾城区胜利北街5号", true},
		{"河北省石家庄市莫城区胜利北街5号", "130102", "河北省石家庄市莫城区胜利北街5号", false},
		{"河北省亏郸市邯山区", "130402", "河北省邯郸市邯山区", true},
		// read right: unchanged
		{"河北省石家庄市藁城区胜利北街5号", "", "河北省石家庄市藁城区胜利北街5号", false},
		{"河北省保定市雄县某路1号", "", "河北省保定市雄县某路1号", false},
		// another province's city one character from a Hebei city
		{"辽宁省鞍山市铁东区某路1号", "", "辽宁省鞍山市铁东区某路1号", false},
		{"鞍山市铁东区某路1号", "", "鞍山市铁东区某路1号", false},
		// a development zone is no county: left alone
		{"河北省石家庄市高新区长江大道9号", "", "河北省石家庄市高新区长江大道9号", false},
		// a two-character county is never guessed
		{"河北省石家庄市起县某路1号", "", "河北省石家庄市起县某路1号", false},
		// two counties equally close: no repair (桥东区/桥西区 of 张家口市)
		{"河北省张家口市桥北区某路1号", "", "河北省张家口市桥北区某路1号", false},
		{"", "", "", false},
		{"河北", "", "河北", false},
	} {
		got, changed := Repair(tc.in, tc.hint)
		if got != tc.want || changed != tc.changed {
			t.Errorf("Repair(%q, %q) = %q, %v; want %q, %v", tc.in, tc.hint, got, changed, tc.want, tc.changed)
		}
	}
}

func FuzzRepair(f *testing.F) {
	f.Add("河北省石家庄市莫城区胜利北街5号")
	f.Add("河北省亏郸市")
	f.Fuzz(func(t *testing.T, s string) {
		got, changed := Repair(s, "130109")
		if !changed && got != s {
			t.Fatalf("unchanged but %q → %q", s, got)
		}
		if len([]rune(got)) != len([]rune(s)) {
			t.Fatalf("length changed: %q → %q", s, got)
		}
	})
}

func TestByCode(t *testing.T) {
	for _, tc := range []struct{ code, name, city string }{
		{"130109", "藁城区", "石家庄市"},
		{"1301", "石家庄市", "石家庄市"},
		{"130100", "石家庄市", "石家庄市"},
		{"131082", "三河市", "廊坊市"},
		{"130682", "定州市", "保定市"},
	} {
		d, ok := ByCode(tc.code)
		if !ok || d.Name != tc.name || d.City != tc.city {
			t.Errorf("ByCode(%q) = %+v, %v; want %s in %s", tc.code, d, ok, tc.name, tc.city)
		}
	}
	for _, code := range []string{"", "110101", "1399", "13010"} {
		if d, ok := ByCode(code); ok {
			t.Errorf("ByCode(%q) = %+v, want none", code, d)
		}
	}
	if n := len(Cities()); n != 11 {
		t.Errorf("%d cities, want 11", n)
	}
	n := 0
	for _, c := range Cities() {
		n += len(divisions().counties[c.Name])
		for _, d := range divisions().counties[c.Name] {
			if !strings.HasPrefix(d.Code, c.Code) || len(d.Code) != 6 {
				t.Errorf("%s %s is not under %s %s", d.Code, d.Name, c.Code, c.Name)
			}
		}
	}
	if n != 167 {
		t.Errorf("%d county-level divisions, want 167", n)
	}
}

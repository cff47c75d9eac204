package place

import "testing"

func TestRepair(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		changed  bool
	}{
		{"河北省亏郸市邯山区河北大街389号", "河北省邯郸市邯山区河北大街389号", true},
		{"河北省唐山市路南匹某路1号", "河北省唐山市路南匹某路1号", false},
		{"河北省廊坊市广阳匹某路1号", "河北省廊坊市广阳匹某路1号", false},
		{"河北省廊坊市广杨区某路1号", "河北省廊坊市广阳区某路1号", true},
		{"河北省邢台市信部区某路1号", "河北省邢台市信都区某路1号", true},
		{"河北省衡水市桃城区某路1号", "河北省衡水市桃城区某路1号", false},
		// one character from two counties (藁城区, 栾城区): which is unknown
		{"河北省石家庄市莫城区胜利北街5号", "河北省石家庄市莫城区胜利北街5号", false},
		// read right: unchanged
		{"河北省石家庄市藁城区胜利北街5号", "河北省石家庄市藁城区胜利北街5号", false},
		{"河北省保定市雄县某路1号", "河北省保定市雄县某路1号", false},
		// another province's city one character from a Hebei city
		{"辽宁省鞍山市铁东区某路1号", "辽宁省鞍山市铁东区某路1号", false},
		{"鞍山市铁东区某路1号", "鞍山市铁东区某路1号", false},
		// a development zone is no county: left alone
		{"河北省石家庄市高新区长江大道9号", "河北省石家庄市高新区长江大道9号", false},
		// a two-character county is never guessed
		{"河北省石家庄市起县某路1号", "河北省石家庄市起县某路1号", false},
		// two counties equally close: no repair (桥东区/桥西区 of 张家口市)
		{"河北省张家口市桥北区某路1号", "河北省张家口市桥北区某路1号", false},
		{"", "", false},
		{"河北", "河北", false},
	} {
		got, changed := Repair(tc.in)
		if got != tc.want || changed != tc.changed {
			t.Errorf("Repair(%q) = %q, %v; want %q, %v", tc.in, got, changed, tc.want, tc.changed)
		}
	}
}

func FuzzRepair(f *testing.F) {
	f.Add("河北省石家庄市莫城区胜利北街5号")
	f.Add("河北省亏郸市")
	f.Fuzz(func(t *testing.T, s string) {
		got, changed := Repair(s)
		if !changed && got != s {
			t.Fatalf("unchanged but %q → %q", s, got)
		}
		if len([]rune(got)) != len([]rune(s)) {
			t.Fatalf("length changed: %q → %q", s, got)
		}
	})
}

package region

import (
	"strings"
	"testing"

	"ruku/extractors/uscc"
	"ruku/pipeline/rules"
)

// code makes a valid USCC with the given division.
func code(div string) string {
	s := "91" + div + "MA0ABCDE1"
	c, _ := uscc.CheckChar(s)
	return s + string(c)
}

func TestHebeiTable(t *testing.T) {
	h := Hebei()
	if len(h.Cities) != 14 {
		t.Errorf("%d review units, want 11 cities + 定州 + 辛集 + 雄安", len(h.Cities))
	}
	for _, c := range h.Cities {
		if len(h.CountiesOf(c.Code)) == 0 {
			t.Errorf("unit %s %s has no county", c.Code, c.Name)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for name, js := range map[string]string{
		"not json":  `{`,
		"no cities": `{"province":{"prefix":"13"}}`,
		"bad code":  `{"province":{"prefix":"13"},"cities":[{"code":"1301","name":"x","prefixes":["1301"]}]}`,
		"orphan":    `{"province":{"prefix":"13"},"cities":[{"code":"130100","name":"x","prefixes":["1301"]}],"counties":{"130202":"y"}}`,
		"two units": `{"province":{"prefix":"13"},"cities":[{"code":"130100","name":"x","prefixes":["1301"]},{"code":"130181","name":"z","codes":["130181"]}],"counties":{"130181":"z"}}`,
		"repeated":  `{"province":{"prefix":"13"},"cities":[{"code":"130100","name":"x","prefixes":["1301"]},{"code":"130100","name":"x","prefixes":["1302"]}]}`,
	} {
		if _, err := Parse([]byte(js), nil); err == nil {
			t.Errorf("%s: Parse accepted %s", name, js)
		}
	}
}

func TestLocate(t *testing.T) {
	h := Hebei()
	for _, tc := range []struct {
		name, uscc, addr string
		city, county     string
		src              Source
		doubt            string // a substring of the joined doubts; "" wants none
	}{
		{"county", code("130102"), "河北省石家庄市长安区中山东路1号", "130100", "130102", FromUSCC, ""},
		{"city level", code("130100"), "石家庄市裕华区槐安路", "130100", "", FromUSCC, ""},
		{"辛集 is its own unit", code("130181"), "河北省辛集市教育路", "130181", "130181", FromUSCC, ""},
		{"定州 is its own unit", code("130682"), "定州市北城区", "130682", "130682", FromUSCC, ""},
		{"容城 is 雄安's", code("130629"), "河北雄安新区容城县", "133100", "130629", FromUSCC, ""},
		{"雄安 code", code("133100"), "河北雄安新区", "133100", "", FromUSCC, ""},
		{"former code", code("130182"), "石家庄市藁城区", "130100", "130182", FromUSCC, ""},
		{"no domicile", code("131102"), "", "131100", "131102", FromUSCC, ""},
		{"domicile in another city", code("130102"), "河北省唐山市路北区", "130100", "130102", FromUSCC, "住所在唐山市"},
		{"domicile in another county", code("130102"), "石家庄市正定县", "130100", "130102", FromUSCC, "住所在正定县"},
		{"shared county name under its city", code("130902"), "沧州市新华区", "130900", "130902", FromUSCC, ""},
		{"shared county name alone is no place", code("130902"), "某某新华区某路", "130900", "130902", FromUSCC, "住所未写明"},
		{"outside Hebei", code("110108"), "北京市海淀区", "", "", FromUSCC, ""},
		{"outside by code, Hebei domicile", code("110108"), "保定市竞秀区", "", "", FromUSCC, "不在河北省"},
		{"bad check character", code("130102")[:17] + "0", "石家庄市长安区", "130100", "130102", FromUSCC, "校验位"},
		{"no uscc, domicile decides", "", "河北省邢台市威县", "130500", "130533", FromDomicile, "按住所"},
		{"no uscc, domicile vague", "", "河北省", "", "", Unknown, "不能确定"},
		{"unknown county code", code("130199"), "石家庄市", "130100", "130199", FromUSCC, "不在区划表"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := h.Locate(tc.uscc, tc.addr)
			if r.City != tc.city || r.County != tc.county || r.Source != tc.src {
				t.Errorf("Locate(%q, %q) = city %q county %q source %q, want %q %q %q", tc.uscc, tc.addr, r.City, r.County, r.Source, tc.city, tc.county, tc.src)
			}
			got := strings.Join(r.Doubts, "；")
			if tc.doubt == "" && got != "" || !strings.Contains(got, tc.doubt) {
				t.Errorf("doubts %q, want %q", got, tc.doubt)
			}
		})
	}
}

func FuzzLocate(f *testing.F) {
	h := Hebei()
	for _, s := range []string{code("130102"), "", "9113", "91130102MA0ABCDE1X", "９１１３０１０２"} {
		f.Add(s, "河北省石家庄市长安区")
	}
	f.Fuzz(func(t *testing.T, c, addr string) {
		r := h.Locate(c, addr)
		if r.Division != "" && !IsCode(r.Division) {
			t.Fatalf("division %q is not a code", r.Division)
		}
		if r.City != "" && h.CityByCode(r.City) == nil {
			t.Fatalf("city %q is not a unit", r.City)
		}
		if r.County != "" && h.City(r.County) == nil {
			t.Fatalf("county %q outside every unit", r.County)
		}
		if r.Source == FromUSCC && r.Division != uscc.Division(strings.TrimSpace(c)) {
			t.Fatalf("source uscc but division %q is not the code's", r.Division)
		}
	})
}

// TestAgreesWithRules: the places the rules accept as Hebei
// (registered_hebei) and this table's places are the same list, until they
// have one home.
func TestAgreesWithRules(t *testing.T) {
	h := Hebei()
	rs := rules.Default()
	if rs.HomeDivisionPrefix != h.Province.Prefix {
		t.Errorf("rules prefix %q, table %q", rs.HomeDivisionPrefix, h.Province.Prefix)
	}
	ours := map[string]bool{}
	for _, p := range h.Province.Places {
		ours[p] = true
	}
	for _, c := range h.Cities {
		ours[c.Places[0]] = true
	}
	theirs := map[string]bool{}
	for _, p := range rs.HomePlaces {
		theirs[p] = true
		if !ours[p] {
			t.Errorf("rules place %q is no unit's first place here", p)
		}
	}
	for p := range ours {
		if !theirs[p] {
			t.Errorf("place %q is not in the rules' home_places", p)
		}
	}
}

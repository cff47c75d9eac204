// Package place knows Hebei's cities and counties with their division
// codes (lexicon/data/places.json): it names the division a code stands for
// (characters 3–8 of a USCC) and repairs place names that OCR misread in an
// address (河北省亏郸市 for 河北省邯郸市).
package place

import (
	"strings"
	"sync"

	"ruku/lexicon"
)

// Division is a city or county-level division of Hebei.
type Division struct {
	Code string // 4 digits for a city, 6 for a county
	Name string // 石家庄市, 藁城区
	City string // the city's name (a city's own)
}

// province is the name that must open an address before its city is
// repaired: a city name one character away from a Hebei city (鞍山市 from
// 唐山市) is another province's unless the address says it is in Hebei.
var province = []string{"河北省", "河北"}

// minFuzzy is the shortest county name repaired: a two-character name
// (赵县) is one character from any X县.
const minFuzzy = 3

type gazetteer struct {
	cities   []Division
	counties map[string][]Division // by city name
	byCode   map[string]Division
}

var divisions = sync.OnceValue(func() *gazetteer {
	lx := lexicon.Default()
	g := &gazetteer{counties: map[string][]Division{}, byCode: map[string]Division{}}
	split := func(s string) (string, string) {
		code, name, _ := strings.Cut(s, " ")
		return code, name
	}
	for _, c := range lx.Words("places.cities") {
		code, name := split(c)
		city := Division{Code: code, Name: name, City: name}
		g.cities = append(g.cities, city)
		g.byCode[code] = city
		for _, d := range lx.Words("places." + name) {
			code, n := split(d)
			county := Division{Code: code, Name: n, City: name}
			g.counties[name] = append(g.counties[name], county)
			g.byCode[code] = county
		}
	}
	return g
})

// ByCode returns the division a code names: a county's 6 digits (130109),
// or a city's 4 (1301) or its 6 digits ending in 00 (130100).
func ByCode(code string) (Division, bool) {
	if len(code) == 6 && strings.HasSuffix(code, "00") {
		code = code[:4]
	}
	d, ok := divisions().byCode[code]
	return d, ok
}

// Cities lists Hebei's cities in code order.
func Cities() []Division { return append([]Division(nil), divisions().cities...) }

// Counties lists the county-level divisions of a city (by name) in code
// order.
func Counties(city string) []Division {
	return append([]Division(nil), divisions().counties[city]...)
}

// Repair returns addr with its city and county names repaired, and whether
// it changed anything. A name is repaired only when it differs from a
// listed name of the same length in one character, not its last (市, 区,
// 县): the only such name, or of several the one in division hint (the
// applicant's registration authority, characters 3–8 of its USCC; "" for
// none). The city is repaired only after 河北省.
func Repair(addr, hint string) (string, bool) {
	g := divisions()
	rs := []rune(addr)
	i := -1
	for _, p := range province {
		if strings.HasPrefix(addr, p) {
			i = len([]rune(p))
			break
		}
	}
	want, _ := ByCode(hint)
	changed := false
	var city *Division
	if i >= 0 {
		if c, ok := closest(rs[i:], g.cities, want.City); ok {
			city = &c
			changed = overwrite(rs[i:], c.Name)
			i += len([]rune(c.Name))
		}
	} else {
		// no province: the city must be read right
		for k := range g.cities {
			if j := strings.Index(addr, g.cities[k].Name); j >= 0 {
				city, i = &g.cities[k], len([]rune(addr[:j]))+len([]rune(g.cities[k].Name))
				break
			}
		}
	}
	if city == nil {
		return addr, false
	}
	var long []Division
	for _, d := range g.counties[city.Name] {
		if hasPrefix(rs[i:], []rune(d.Name)) {
			return result(addr, rs, changed)
		}
		if len([]rune(d.Name)) >= minFuzzy {
			long = append(long, d)
		}
	}
	if d, ok := closest(rs[i:], long, want.Name); ok {
		changed = overwrite(rs[i:], d.Name) || changed
	}
	return result(addr, rs, changed)
}

func result(addr string, rs []rune, changed bool) (string, bool) {
	if !changed {
		return addr, false
	}
	return string(rs), true
}

// closest returns the division whose name s starts with, exactly or with
// one character other than the last misread: the only one that close, or
// of several the one named prefer.
func closest(s []rune, ds []Division, prefer string) (Division, bool) {
	var found []Division
	for _, d := range ds {
		n := []rune(d.Name)
		if hasPrefix(s, n) {
			return d, true
		}
		if len(s) < len(n) || s[len(n)-1] != n[len(n)-1] {
			continue
		}
		diff := 0
		for k := range n {
			if s[k] != n[k] {
				diff++
			}
		}
		if diff == 1 {
			found = append(found, d)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	for _, d := range found {
		if prefer != "" && d.Name == prefer {
			return d, true
		}
	}
	return Division{}, false
}

func hasPrefix(s, p []rune) bool {
	if len(s) < len(p) {
		return false
	}
	for k := range p {
		if s[k] != p[k] {
			return false
		}
	}
	return true
}

// overwrite writes name over the start of s and reports whether that
// changed s.
func overwrite(s []rune, name string) bool {
	changed := false
	for k, r := range []rune(name) {
		if s[k] != r {
			s[k], changed = r, true
		}
	}
	return changed
}

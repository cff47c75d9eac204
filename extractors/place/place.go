// Package place repairs Hebei place names that OCR misread in an address
// (石家庄市莫城区 for 石家庄市藁城区, 河北省亏郸市 for 河北省邯郸市) against the
// division list in the lexicon (lexicon/data/places.json).
package place

import (
	"strings"
	"sync"

	"ruku/lexicon"
)

// province is the name that must open an address before its city is
// repaired: a city name one character away from a Hebei city (鞍山市 from
// 唐山市) is another province's unless the address says it is in Hebei.
var province = []string{"河北省", "河北"}

// minFuzzy is the shortest county name repaired: a two-character name
// (赵县) is one character from any X县.
const minFuzzy = 3

type gazetteer struct {
	cities   [][]rune
	counties map[string][][]rune // by city
}

var names = sync.OnceValue(func() *gazetteer {
	lx := lexicon.Default()
	g := &gazetteer{counties: map[string][][]rune{}}
	for _, c := range lx.Words("places.cities") {
		g.cities = append(g.cities, []rune(c))
		for _, d := range lx.Words("places." + c) {
			g.counties[c] = append(g.counties[c], []rune(d))
		}
	}
	return g
})

// Repair returns addr with its city and county names repaired, and
// whether it changed anything. A name is repaired only when it differs
// from exactly one listed name of the same length in one character, not
// its last (市, 区, 县), and the city only after 河北省.
func Repair(addr string) (string, bool) {
	g := names()
	rs := []rune(addr)
	i := -1
	for _, p := range province {
		if strings.HasPrefix(addr, p) {
			i = len([]rune(p))
			break
		}
	}
	changed := false
	var city []rune
	if i >= 0 {
		if c, ok := closest(rs[i:], g.cities); ok {
			city = c
			changed = copyChanged(rs[i:], c) || changed
			i += len(c)
		}
	} else {
		// no province: the city must be read right
		for _, c := range g.cities {
			if k := strings.Index(addr, string(c)); k >= 0 {
				city, i = c, len([]rune(addr[:k]))+len(c)
				break
			}
		}
	}
	if city == nil {
		return addr, false
	}
	var long [][]rune
	for _, d := range g.counties[string(city)] {
		if len(d) >= minFuzzy {
			long = append(long, d)
		}
	}
	for _, d := range g.counties[string(city)] {
		if hasPrefix(rs[i:], d) {
			return result(addr, rs, changed)
		}
	}
	if d, ok := closest(rs[i:], long); ok {
		changed = copyChanged(rs[i:], d) || changed
	}
	return result(addr, rs, changed)
}

func result(addr string, rs []rune, changed bool) (string, bool) {
	if !changed {
		return addr, false
	}
	return string(rs), true
}

// closest returns the one name that s starts with, exactly or with one
// character other than the last misread; ok is false when none or several
// are that close.
func closest(s []rune, names [][]rune) ([]rune, bool) {
	var found []rune
	for _, n := range names {
		if hasPrefix(s, n) {
			return n, true
		}
	}
	for _, n := range names {
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
			if found != nil {
				return nil, false
			}
			found = n
		}
	}
	return found, found != nil
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

// copyChanged writes n over the start of s and reports whether that
// changed s.
func copyChanged(s, n []rune) bool {
	changed := false
	for k := range n {
		if s[k] != n[k] {
			s[k], changed = n[k], true
		}
	}
	return changed
}

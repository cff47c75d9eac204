// Package region places an application in Hebei's administrative divisions
// for the 属地原则 of the guide's 第八条: the county office (初审) and the
// city-level office (推荐; the 11 prefecture cities, 定州, 辛集 and 雄安新区)
// that handle it. The region comes from the registration-authority code in
// the applicant's USCC (characters 3–8) and is cross-checked against the
// licence domicile. The division table is data: the review units, zones and
// former codes in data/hebei.json, the county-level divisions from the
// lexicon (package place).
package region

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"ruku/extractors/place"
)

//go:embed data/hebei.json
var hebeiJSON []byte

// City is a city-level review unit (推荐单位): the divisions it covers.
type City struct {
	Code string `json:"code"` // the unit's 6-digit code, e.g. 130100
	Name string `json:"name"`
	// Prefixes are division-code prefixes the unit covers; Codes single
	// codes it covers besides; Except codes under a prefix it does not.
	Prefixes []string `json:"prefixes,omitempty"`
	Codes    []string `json:"codes,omitempty"`
	Except   []string `json:"except,omitempty"`
	// Places are names that put a domicile in this unit.
	Places []string `json:"places"`
}

// Table is a province's division table.
type Table struct {
	Province struct {
		Code   string   `json:"code"`
		Name   string   `json:"name"`
		Prefix string   `json:"prefix"`
		Places []string `json:"places"`
	} `json:"province"`
	Cities   []City            `json:"cities"`
	Counties map[string]string `json:"counties"`
	Former   map[string]Former `json:"former"`
}

// Former is a county-level code no longer in use that USCCs issued before
// the change still carry, with the current code that succeeded it ("" when
// it was split).
type Former struct {
	Name string `json:"name"`
	Now  string `json:"now,omitempty"`
}

// Parse reads a table from JSON, adds the county-level divisions in
// counties (code → name; those of the lexicon for Hebei) to those the JSON
// lists, and checks it: 6-digit codes, every county in exactly one city.
func Parse(b []byte, counties map[string]string) (*Table, error) {
	var t Table
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("region table: %w", err)
	}
	if t.Counties == nil {
		t.Counties = map[string]string{}
	}
	for code, name := range counties {
		t.Counties[code] = name
	}
	if t.Province.Prefix == "" || len(t.Cities) == 0 {
		return nil, fmt.Errorf("region table: no province prefix or no cities")
	}
	seen := map[string]bool{}
	for _, c := range t.Cities {
		if !IsCode(c.Code) || c.Name == "" || seen[c.Code] {
			return nil, fmt.Errorf("region table: bad or repeated city %q %q", c.Code, c.Name)
		}
		seen[c.Code] = true
	}
	codes := make([]string, 0, len(t.Counties)+len(t.Former))
	for code := range t.Counties {
		codes = append(codes, code)
	}
	for code, f := range t.Former {
		if _, ok := t.Counties[f.Now]; f.Now != "" && !ok {
			return nil, fmt.Errorf("region table: former county %s succeeded by unknown %q", code, f.Now)
		}
		codes = append(codes, code)
	}
	{
		for _, code := range codes {
			if !IsCode(code) {
				return nil, fmt.Errorf("region table: bad county code %q", code)
			}
			var in []string
			for _, c := range t.Cities {
				if c.covers(code) {
					in = append(in, c.Code)
				}
			}
			if len(in) != 1 {
				return nil, fmt.Errorf("region table: county %s is in %d cities %v, want 1", code, len(in), in)
			}
		}
	}
	return &t, nil
}

var (
	hebeiOnce sync.Once
	hebei     *Table
	hebeiErr  error
)

// Hebei returns the embedded table of Hebei. It panics if the embedded data
// is malformed (a test guards it).
func Hebei() *Table {
	hebeiOnce.Do(func() { hebei, hebeiErr = Parse(hebeiJSON, lexiconCounties()) })
	if hebeiErr != nil {
		panic(hebeiErr)
	}
	return hebei
}

// lexiconCounties returns Hebei's county-level divisions as the lexicon
// lists them (one home for the names the reading repairs addresses by).
func lexiconCounties() map[string]string {
	out := map[string]string{}
	for _, c := range place.Cities() {
		for _, d := range place.Counties(c.Name) {
			out[d.Code] = d.Name
		}
	}
	return out
}

// IsCode reports whether s is six ASCII digits.
func IsCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < 6; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (c *City) covers(code string) bool {
	for _, x := range c.Except {
		if x == code {
			return false
		}
	}
	for _, x := range c.Codes {
		if x == code {
			return true
		}
	}
	for _, p := range c.Prefixes {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

// City returns the review unit that covers division code, or nil.
func (t *Table) City(code string) *City {
	if !IsCode(code) {
		return nil
	}
	for i := range t.Cities {
		if t.Cities[i].covers(code) {
			return &t.Cities[i]
		}
	}
	return nil
}

// CityByCode returns the review unit whose own code is code, or nil.
func (t *Table) CityByCode(code string) *City {
	for i := range t.Cities {
		if t.Cities[i].Code == code {
			return &t.Cities[i]
		}
	}
	return nil
}

// CountyName returns the name of a county-level code, current or former,
// and whether it is known.
func (t *Table) CountyName(code string) (string, bool) {
	if n, ok := t.Counties[code]; ok {
		return n, true
	}
	f, ok := t.Former[code]
	return f.Name, ok
}

// IsCounty reports whether code is a known county-level division (current
// or former) of the province.
func (t *Table) IsCounty(code string) bool {
	_, ok := t.CountyName(code)
	return ok
}

// InProvince reports whether a division code is in the province.
func (t *Table) InProvince(code string) bool {
	return IsCode(code) && strings.HasPrefix(code, t.Province.Prefix)
}

// CountiesOf lists the current county codes of a review unit, sorted.
func (t *Table) CountiesOf(city string) []string {
	c := t.CityByCode(city)
	if c == nil {
		return nil
	}
	var out []string
	for code := range t.Counties {
		if c.covers(code) {
			out = append(out, code)
		}
	}
	sort.Strings(out)
	return out
}

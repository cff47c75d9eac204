package region

import (
	"fmt"
	"sort"
	"strings"

	"ruku/extractors/uscc"
)

// Source says what a Region rests on.
type Source string

// The sources of a region.
const (
	// FromUSCC: the registration-authority code in the USCC.
	FromUSCC Source = "uscc"
	// FromDomicile: the licence domicile, the USCC giving no usable code.
	FromDomicile Source = "domicile"
	// FromCorrection: a reviewer's correction (a region decision).
	FromCorrection Source = "correction"
	// Unknown: neither gave a region.
	Unknown Source = ""
)

// Region is where an application belongs.
type Region struct {
	// Division is the 6-digit code the region rests on ("" when unknown).
	Division string `json:"division"`
	// City is the review unit's code (130100, 130181, 133100 …), "" when
	// the division is outside the province or unknown.
	City     string `json:"city"`
	CityName string `json:"city_name"`
	// County is the county-level code, "" when the application was
	// registered at city level (a code ending in 00) or is outside.
	County     string `json:"county"`
	CountyName string `json:"county_name"`
	Source     Source `json:"source"`
	// Doubts are, in Chinese, what makes the region uncertain: a domicile
	// naming another place, an invalid USCC, an unknown code.
	Doubts []string `json:"doubts,omitempty"`
}

// InProvince reports whether the region is one of the province's units.
func (r Region) InProvince() bool { return r.City != "" }

// Of places a division code, without cross-checks.
func (t *Table) Of(division string, src Source) Region {
	r := Region{Division: division, Source: src}
	if !IsCode(division) {
		r.Division, r.Source = "", Unknown
		return r
	}
	c := t.City(division)
	if c == nil {
		return r
	}
	r.City, r.CityName = c.Code, c.Name
	if name, ok := t.CountyName(division); ok {
		r.County, r.CountyName = division, name
	} else if !strings.HasSuffix(division, "00") {
		r.County = division
		r.Doubts = append(r.Doubts, fmt.Sprintf("区划代码%s不在区划表中", division))
	}
	return r
}

// Locate places an application from its USCC and licence domicile (either
// may be empty). The USCC's division code decides when the code is
// well formed; the domicile only adds doubts when it names another unit or
// county, or no place of the province. Without a usable code, a domicile
// that names exactly one unit (and at most one of its counties) decides,
// with a doubt saying so.
func (t *Table) Locate(code, domicile string) Region {
	code = strings.TrimSpace(code)
	var r Region
	div := ""
	if len(code) == uscc.Len && IsCode(uscc.Division(code)) {
		div = uscc.Division(code)
	}
	if div != "" {
		r = t.Of(div, FromUSCC)
		if !uscc.Valid(code) {
			r.Doubts = append(r.Doubts, "统一社会信用代码校验位不符")
		}
	}
	cities, counties := t.places(domicile)
	if div == "" {
		if len(cities) == 1 && len(counties) <= 1 {
			d := cities[0].Code
			if len(counties) == 1 {
				d = counties[0]
			}
			r = t.Of(d, FromDomicile)
			r.Doubts = append(r.Doubts, "统一社会信用代码不可用，属地按住所确定")
		} else {
			r.Doubts = append(r.Doubts, "统一社会信用代码不可用，住所不能确定属地")
		}
		return r
	}
	if strings.TrimSpace(domicile) == "" {
		return r
	}
	if !r.InProvince() {
		if len(cities) > 0 {
			r.Doubts = append(r.Doubts, fmt.Sprintf("登记机关代码%s不在%s，住所却在%s", div, t.Province.Name, cities[0].Name))
		}
		return r
	}
	if len(cities) == 0 && !t.mentionsProvince(domicile) {
		r.Doubts = append(r.Doubts, fmt.Sprintf("住所未写明%s的地名", t.Province.Name))
		return r
	}
	for _, c := range cities {
		if c.Code != r.City {
			r.Doubts = append(r.Doubts, fmt.Sprintf("住所在%s，登记机关代码属%s", c.Name, r.CityName))
			return r
		}
	}
	if r.County != "" && len(counties) > 0 {
		for _, k := range counties {
			if k == r.County || k == t.Former[r.County].Now {
				return r
			}
		}
		name, _ := t.CountyName(counties[0])
		r.Doubts = append(r.Doubts, fmt.Sprintf("住所在%s，登记机关代码属%s", name, r.CountyName))
	}
	return r
}

// places finds the units and counties a domicile names. A county name that
// several units share (桥西区, 新华区) counts only under a unit the domicile
// also names.
func (t *Table) places(addr string) ([]*City, []string) {
	if addr == "" {
		return nil, nil
	}
	var cities []*City
	for i := range t.Cities {
		c := &t.Cities[i]
		for _, p := range c.Places {
			if strings.Contains(addr, p) {
				cities = append(cities, c)
				break
			}
		}
	}
	// 辛集 and 定州 lie in 石家庄 and 保定 by code but are units of their
	// own: a domicile naming both keeps only the smaller unit.
	if len(cities) > 1 {
		var own []*City
		for _, c := range cities {
			if len(c.Prefixes) == 0 || len(c.Codes) > 0 {
				own = append(own, c)
			}
		}
		if len(own) == 1 {
			cities = own
		}
	}
	var counties []string
	for code, name := range t.Counties {
		if !strings.Contains(addr, name) {
			continue
		}
		c := t.City(code)
		shared := t.sharedName(name)
		if shared && !containsCity(cities, c) {
			continue
		}
		counties = append(counties, code)
	}
	if len(cities) == 0 && len(counties) > 0 {
		seen := map[string]bool{}
		for _, k := range counties {
			if c := t.City(k); c != nil && !seen[c.Code] {
				seen[c.Code] = true
				cities = append(cities, c)
			}
		}
	}
	sort.Strings(counties)
	return cities, counties
}

func (t *Table) sharedName(name string) bool {
	n := 0
	for _, v := range t.Counties {
		if v == name {
			n++
		}
	}
	return n > 1
}

func (t *Table) mentionsProvince(addr string) bool {
	for _, p := range t.Province.Places {
		if strings.Contains(addr, p) {
			return true
		}
	}
	return false
}

func containsCity(cs []*City, c *City) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

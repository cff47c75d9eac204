package variation

import (
	"math/rand"
	"testing"

	"ruku/extractors/experts"
	"ruku/extractors/partners"
	"ruku/extractors/services"
)

// expertGaps are the expert list renderings today's experts extractor does
// not read.
var expertGaps = map[string][]string{
	"col_order": {"shuffled"},
	"date":      {"spaced"},
	"extra":     {"备注"},
	"name_h":    {"姓 名"},
	"term":      {"range-至", "range"},
	"end_h":     {"聘期止"},
	"years_h":   {"聘期"}, // with letter-spaced names in a text table
}

// partnerGaps are the partner list renderings today's partners extractor
// does not read.
var partnerGaps = map[string][]string{
	"date":      {"spaced"},
	"extra":     {"备注"},
	"uscc_form": {"grouped"},
	"years_h":   {"有效期"}, // 有效期 + 3年 in a text table: read as an until column
}

// serviceGaps are the service list renderings today's services extractor
// does not read.
var serviceGaps = map[string][]string{
	"medium":    {"text"},
	"uscc_form": {"lower"}, // a lower-case code does not verify
}

func TestExperts(t *testing.T) {
	check(t, kind{name: "experts", dims: ExpertDims, n: variants(1500), gaps: expertGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, false)
		list, err := experts.Extract(Experts(f, c, r))
		var fs facts
		if err != nil || len(list) != len(f.People) {
			fs.int("rows", len(f.People), len(list), err == nil)
			return fs
		}
		for i, p := range f.People {
			e := list[i]
			fs.str("name", p.Name, e.Name, true)
			fs.str("id", p.ID, e.ID, true)
			fs.str("title", p.Title, e.Title, true)
			fs.date("start", p.Start, e.Start, true)
			fs.date("end", p.End, e.End, true)
		}
		return fs
	}})
}

func TestPartners(t *testing.T) {
	check(t, kind{name: "partners", dims: PartnerDims, n: variants(1500), gaps: partnerGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, false)
		list, err := partners.Extract(Partners(f, c, r))
		var fs facts
		if err != nil || len(list) != len(f.Orgs) {
			fs.int("rows", len(f.Orgs), len(list), err == nil)
			return fs
		}
		for i, o := range f.Orgs {
			p := list[i]
			fs.str("name", o.Name, p.Name, true)
			fs.str("uscc", o.USCC, p.USCC, true)
			fs.date("signed", o.Signed, p.Signed, true)
			fs.date("until", o.Until, p.ValidUntil, true)
		}
		return fs
	}})
}

func TestServices(t *testing.T) {
	check(t, kind{name: "services", dims: ServiceDims, n: variants(1500), gaps: serviceGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, false)
		list, err := services.Extract(Services(f, c, r))
		var fs facts
		if err != nil || len(list) != len(f.Services) {
			fs.int("rows", len(f.Services), len(list), err == nil)
			return fs
		}
		for i, s := range f.Services {
			g := list[i]
			fs.str("name", s.Name, g.Enterprise, true)
			fs.str("uscc", s.USCC, g.USCC, g.USCCValid)
			fs.date("date", s.Date, g.Date, true)
			fs.str("mode", s.Mode, g.Mode, true)
		}
		return fs
	}})
}

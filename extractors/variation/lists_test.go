package variation

import (
	"math/rand"
	"testing"

	"ruku/extractors/experts"
	"ruku/extractors/partners"
	"ruku/extractors/services"
)

// The gaps of the lists: the renderings (in a spreadsheet, in a PDF's
// text) today's experts, partners and services extractors do not read.
var (
	expertSheetGaps  = map[string][]string{}
	expertTextGaps   = map[string][]string{}
	partnerSheetGaps = map[string][]string{}
	partnerTextGaps  = map[string][]string{}
	serviceSheetGaps = map[string][]string{}
	serviceTextGaps  = map[string][]string{}
)

// only is dims with dimension name fixed to value.
func only(dims []Dim, name, value string) []Dim {
	out := append([]Dim{}, dims...)
	for i, d := range out {
		if d.Name == name {
			out[i] = Dim{name, []string{value}}
		}
	}
	return out
}

func TestExpertsSheet(t *testing.T) {
	check(t, kind{name: "experts-sheet", dims: only(ExpertDims, "medium", "sheet"), n: variants(1000), gaps: expertSheetGaps, run: expertsRun})
}

func TestExpertsText(t *testing.T) {
	check(t, kind{name: "experts-text", dims: only(ExpertDims, "medium", "text"), n: variants(1000), gaps: expertTextGaps, run: expertsRun})
}

func TestPartnersSheet(t *testing.T) {
	check(t, kind{name: "partners-sheet", dims: only(PartnerDims, "medium", "sheet"), n: variants(1000), gaps: partnerSheetGaps, run: partnersRun})
}

func TestPartnersText(t *testing.T) {
	check(t, kind{name: "partners-text", dims: only(PartnerDims, "medium", "text"), n: variants(1000), gaps: partnerTextGaps, run: partnersRun})
}

func TestServicesSheet(t *testing.T) {
	check(t, kind{name: "services-sheet", dims: only(ServiceDims, "medium", "sheet"), n: variants(1000), gaps: serviceSheetGaps, run: servicesRun})
}

func TestServicesText(t *testing.T) {
	check(t, kind{name: "services-text", dims: only(ServiceDims, "medium", "text"), n: variants(1000), gaps: serviceTextGaps, run: servicesRun})
}

func expertsRun(r *rand.Rand, c Choice) []miss {
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
}

func partnersRun(r *rand.Rand, c Choice) []miss {
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
}

func servicesRun(r *rand.Rand, c Choice) []miss {
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
}

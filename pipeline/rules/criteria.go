package rules

import (
	"strings"

	"ruku/extractors"
	"ruku/extractors/classify"
	"ruku/extractors/experts"
	"ruku/extractors/parse"
	"ruku/extractors/partners"
	"ruku/extractors/services"
	"ruku/extractors/uscc"
	"ruku/pipeline/dossier"
)

// Criterion is one condition of RULES.md section 3: its contract id, the
// article of the guide it rests on, its Chinese title and its check.
type Criterion struct {
	ID      string
	Article string
	Title   string
	Check   func(c *checker) outcome
}

// Criteria are the criteria of RULES.md section 3, in its order. Each id
// appears here and nowhere else.
var Criteria = []Criterion{
	{"registered_hebei", "第六条", "依法成立且注册地在河北省", (*checker).registered},
	{"political", "第六条（一）", "拥护党的领导，诚信守法", (*checker).political},
	{"legal_person", "第六条（二）", "具有独立法人资格", (*checker).legalPerson},
	{"operating_2y", "第六条（二）", "成立并运营两年以上", (*checker).operating},
	{"audited_2y", "第六条（二）", "近两年度经审计的财务报表（无保留意见）", (*checker).audited},
	{"financial_health", "第六条（二）", "财务收支状况良好", (*checker).financialHealth},
	{"service_categories", "第六条（三）", "服务类别与服务性质", (*checker).categories},
	{"experts_senior", "第六条（四）", "上年度合作的副高级以上专家", (*checker).expertsSenior},
	{"experts_total", "第六条（四）", "上年度合作的相关专家", (*checker).expertsTotal},
	{"partners", "第六条（四）", "签有合作协议的合作机构", (*checker).partners},
	{"premises_area", "第六条（五）", "服务场所面积", (*checker).premisesArea},
	{"premises_valid", "第六条（五）", "服务场所权属与租期", (*checker).premisesValid},
	{"total_assets", "第六条（五）", "总资产", (*checker).totalAssets},
	{"smes_served", "第六条（六）", "近一年服务中小企业数", (*checker).smesServed},
	{"point_to_point", "第六条（六）", "点对点服务企业数", (*checker).pointToPoint},
	{"credit_dishonest_debtor", "第六条（七）", "未列入失信被执行人", creditCheck(CreditLists[0])},
	{"credit_serious_dishonesty", "第六条（七）", "未列入严重失信主体名单", creditCheck(CreditLists[1])},
	{"credit_abnormal_operation", "第六条（七）", "未列入经营异常名录", creditCheck(CreditLists[2])},
	{"credit_tax_violation", "第六条（七）", "未列入重大税收违法失信主体名单", creditCheck(CreditLists[3])},
	{"materials_complete", "第七条", "申请材料齐全", (*checker).materials},
	{"identity_consistent", "第七条", "申请主体名称与代码一致", (*checker).identity},
	{"declared_consistent", "第十二条", "申报数据与佐证一致（无数据造假、夸大成效）", (*checker).declared},
	{"reentry_ban", "第十二条", "移出后两年内不得再次入库", (*checker).reentry},
}

// CreditList is one Credit China list: its key in facts (credit.<key>.*)
// and its Chinese name.
type CreditList struct{ Key, Name string }

// CreditLists are the four Credit China lists, in criterion order.
var CreditLists = []CreditList{
	{"dishonest_debtor", "失信被执行人"},
	{"serious_dishonesty", "严重失信主体名单"},
	{"abnormal_operation", "经营异常名录"},
	{"tax_violation", "重大税收违法失信主体"},
}

func creditCheck(l CreditList) func(*checker) outcome {
	return func(c *checker) outcome { return c.credit(l) }
}

// checker carries one bundle through the checks.
type checker struct {
	b     *Bundle
	r     *Rules
	y     int // 上年度
	facts dossier.Facts

	name    string // the applicant's name, normalised
	nameRaw string
	code    string // the applicant's USCC
	nameEv  []extractors.Evidence
	// nameOCR: the applicant's name is an OCR reading no typed reading
	// confirms; ocrName is the OCR reading a typed one replaced.
	nameOCR  bool
	legalRep string // the applicant's legal representative, normalised
	ocrName  extractors.Field[string]
	seniorOK func(string) bool

	expertCounts  experts.Counts
	partnerCounts partners.Counts
	serviceCounts services.Counts
	haveExperts   bool
	havePartners  bool
	haveServices  bool
}

// Check runs every criterion of RULES.md section 3 over b and returns the
// criteria in contract order and the facts of section 5.
func Check(b *Bundle, r *Rules) ([]dossier.Criterion, dossier.Facts) {
	c, outs := evaluate(b, r)
	out := make([]dossier.Criterion, 0, len(Criteria))
	for i, def := range Criteria {
		cr := outs[i].toCriterion()
		cr.ID, cr.Article, cr.Title = def.ID, def.Article, def.Title
		out = append(out, cr)
	}
	return out, c.facts
}

// evaluate runs the checks and returns their outcomes in Criteria order.
func evaluate(b *Bundle, r *Rules) (*checker, []outcome) {
	c := &checker{b: withoutFragments(b), r: r, y: b.Ref.Year() - 1, facts: dossier.Facts{}}
	c.seniorOK = experts.SeniorMatcher(r.SeniorTitles)
	c.identify()
	c.count()
	c.collectFacts()
	outs := make([]outcome, 0, len(Criteria))
	for _, def := range Criteria {
		o := def.Check(c)
		o.cautious(b.Uncertain)
		outs = append(outs, o)
	}
	return c, outs
}

// withoutFragments returns b without premises readings that are fragments of
// another reading of the same file: a holder alone (no area, no term) read
// again further down, as in a signature block. b itself is not changed.
func withoutFragments(b *Bundle) *Bundle {
	full := map[string][]string{} // path -> holders of readings with an area or a term
	for _, p := range b.Premises {
		if p.AreaM2.OK || p.Start.OK || p.End.OK {
			full[p.Path] = append(full[p.Path], normName(fieldValue(p.Holder)))
		}
	}
	keep := make([]PremisesDoc, 0, len(b.Premises))
	dropped := false
	for _, p := range b.Premises {
		if !p.AreaM2.OK && !p.Start.OK && !p.End.OK && fragmentOf(normName(fieldValue(p.Holder)), full[p.Path]) {
			dropped = true
			continue
		}
		keep = append(keep, p)
	}
	if !dropped {
		return b
	}
	nb := *b
	nb.Premises = keep
	return &nb
}

// fragmentOf reports whether a holder read alone repeats one of holders.
func fragmentOf(h string, holders []string) bool {
	for _, o := range holders {
		if h == "" || h == o || strings.HasPrefix(o, h) || strings.HasPrefix(h, o) {
			return true
		}
	}
	return false
}

// identify decides the applicant's name and USCC: the form's, else the
// license's. A name read by OCR gives way to a typed reading of it elsewhere
// (license, audit report, premises document) that differs only in a
// character or two, OCR's usual misreadings; the OCR reading is kept for a
// note. A USCC whose check character fails gives way to a valid one.
func (c *checker) identify() {
	type reading struct {
		f extractors.Field[string]
		m extractors.Method
	}
	var names, typed []reading
	var codes []string
	if f := c.b.Form; f != nil {
		names = append(names, reading{f.Name, methodOf(f.Name.Evidence)})
		if f.USCC.OK {
			codes = append(codes, f.USCC.Value)
		}
	}
	if l := c.b.License; l != nil {
		names = append(names, reading{l.Name, c.b.LicenseMethod})
		if l.USCC.OK {
			codes = append(codes, l.USCC.Value)
		}
		typed = append(typed, reading{l.Name, c.b.LicenseMethod})
	}
	for i := range c.b.Audits {
		typed = append(typed, reading{c.b.Audits[i].Entity, c.b.Audits[i].Method})
	}
	for i := range c.b.Premises {
		typed = append(typed, reading{c.b.Premises[i].Holder, c.b.Premises[i].Method})
	}
	var pick *reading
	for i := range names {
		if names[i].f.OK && names[i].f.Value != "" {
			pick = &names[i]
			break
		}
	}
	if pick != nil {
		c.nameRaw, c.nameEv, c.nameOCR = pick.f.Value, []extractors.Evidence{pick.f.Evidence}, pick.m == extractors.MethodOCR
		if c.nameOCR {
			for _, t := range typed {
				if !t.f.OK || t.m == extractors.MethodOCR || t.f.Doubt != "" {
					continue
				}
				if d := runeDiff(normName(t.f.Value), normName(pick.f.Value)); d > 0 && d <= 2 {
					c.ocrName = pick.f
					c.nameRaw, c.nameOCR = t.f.Value, false
					c.nameEv = append(c.nameEv, t.f.Evidence)
					break
				} else if d == 0 {
					c.nameOCR = false
					break
				}
			}
		}
	}
	for _, code := range codes {
		if uscc.Valid(code) {
			c.code = code
			break
		}
	}
	if c.code == "" && len(codes) > 0 {
		c.code = codes[0]
	}
	c.name = normName(c.nameRaw)
	if f := c.b.Form; f != nil && f.LegalRep.OK {
		c.legalRep = normName(f.LegalRep.Value)
	} else if l := c.b.License; l != nil && l.LegalRep.OK {
		c.legalRep = normName(l.LegalRep.Value)
	}
}

// methodOf is how the text behind ev was read (text when not said).
func methodOf(ev extractors.Evidence) extractors.Method {
	if ev.Method == "" {
		return extractors.MethodText
	}
	return ev.Method
}

func (c *checker) count() {
	if len(c.b.Kinds[classify.ExpertList]) > 0 {
		c.haveExperts = true
		c.expertCounts = experts.Count(c.b.Experts, c.y, c.seniorOK)
	}
	if len(c.b.Kinds[classify.PartnerList]) > 0 {
		c.havePartners = true
		c.partnerCounts = partners.Count(c.b.Partners, c.y, c.b.Ref)
	}
	if len(c.b.Kinds[classify.ServiceRecords]) > 0 {
		c.haveServices = true
		c.serviceCounts = services.Count(c.b.Services, c.b.Ref, c.r.PointToPointModes)
	}
}

// incomplete lists the files of kind k that were not fully read.
func (c *checker) incomplete(k classify.Kind) []FileNote { return c.b.Incomplete[k] }

// compactAll is parse.Compact over a list.
func compactAll(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		out = append(out, parse.Compact(w))
	}
	return out
}

package rules

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"ruku/extractors"
	"ruku/extractors/classify"
	"ruku/extractors/experts"
	"ruku/extractors/parse"
	"ruku/extractors/partners"
	"ruku/extractors/services"
	"ruku/extractors/uscc"
	"ruku/pipeline/dossier"
)

// Criterion ids and their articles and titles, in the order of RULES.md
// section 3.
var criteria = []struct{ id, article, title string }{
	{"registered_hebei", "第六条", "依法成立且注册地在河北省"},
	{"political", "第六条（一）", "拥护党的领导，诚信守法"},
	{"legal_person", "第六条（二）", "具有独立法人资格"},
	{"operating_2y", "第六条（二）", "成立并运营两年以上"},
	{"audited_2y", "第六条（二）", "近两年度经审计的财务报表（无保留意见）"},
	{"financial_health", "第六条（二）", "财务收支状况良好"},
	{"service_categories", "第六条（三）", "服务类别与服务性质"},
	{"experts_senior", "第六条（四）", "上年度合作的副高级以上专家"},
	{"experts_total", "第六条（四）", "上年度合作的相关专家"},
	{"partners", "第六条（四）", "签有合作协议的合作机构"},
	{"premises_area", "第六条（五）", "服务场所面积"},
	{"premises_valid", "第六条（五）", "服务场所权属与租期"},
	{"total_assets", "第六条（五）", "总资产"},
	{"smes_served", "第六条（六）", "近一年服务中小企业数"},
	{"point_to_point", "第六条（六）", "点对点服务企业数"},
	{"credit_dishonest_debtor", "第六条（七）", "未列入失信被执行人"},
	{"credit_serious_dishonesty", "第六条（七）", "未列入严重失信主体名单"},
	{"credit_abnormal_operation", "第六条（七）", "未列入经营异常名录"},
	{"credit_tax_violation", "第六条（七）", "未列入重大税收违法失信主体名单"},
	{"materials_complete", "第七条", "申请材料齐全"},
	{"identity_consistent", "第七条", "申请主体名称与代码一致"},
	{"declared_consistent", "第十二条", "申报数据与佐证一致（无数据造假、夸大成效）"},
	{"reentry_ban", "第十二条", "移出后两年内不得再次入库"},
}

// CreditLists are the four Credit China lists, in criterion order.
var CreditLists = []struct{ Key, Name string }{
	{"dishonest_debtor", "失信被执行人"},
	{"serious_dishonesty", "严重失信主体名单"},
	{"abnormal_operation", "经营异常名录"},
	{"tax_violation", "重大税收违法失信主体"},
}

// checker carries one bundle through the checks.
type checker struct {
	b     *Bundle
	r     *Rules
	y     int // 上年度
	facts dossier.Facts

	name     string // the applicant's name, compacted
	nameRaw  string
	code     string // the applicant's USCC
	nameEv   []extractors.Evidence
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
	c := &checker{b: b, r: r, y: b.Ref.Year() - 1, facts: dossier.Facts{}}
	c.seniorOK = experts.SeniorMatcher(r.SeniorTitles)
	c.identify()
	c.count()
	c.collectFacts()
	out := make([]dossier.Criterion, 0, len(criteria))
	for _, def := range criteria {
		cr := c.run(def.id)
		cr.ID, cr.Article, cr.Title = def.id, def.article, def.title
		if cr.Evidence == nil {
			cr.Evidence = []extractors.Evidence{}
		}
		out = append(out, cr)
	}
	return out, c.facts
}

func (c *checker) run(id string) dossier.Criterion {
	switch id {
	case "registered_hebei":
		return c.registered()
	case "political":
		return dossier.Criterion{Status: dossier.Manual, Required: "拥护中国共产党的领导，诚信守法", Observed: "—",
			Message: "无法自动核验，由审核人员确认（参见法定代表人诚信守法承诺书）"}
	case "legal_person":
		return c.legalPerson()
	case "operating_2y":
		return c.operating()
	case "audited_2y":
		return c.audited()
	case "financial_health":
		return c.financialHealth()
	case "service_categories":
		return c.categories()
	case "experts_senior":
		return c.countCheck(c.haveExperts, c.expertCounts.Senior, c.r.ExpertsSeniorMin, "专家名单", "名", c.expertCounts.Evidence, c.expertCounts.Skipped)
	case "experts_total":
		return c.countCheck(c.haveExperts, c.expertCounts.Total, c.r.ExpertsTotalMin, "专家名单", "名", c.expertCounts.Evidence, c.expertCounts.Skipped)
	case "partners":
		return c.countCheck(c.havePartners, c.partnerCounts.Count, c.r.PartnersMin, "合作机构名单", "家", c.partnerCounts.Evidence, c.partnerCounts.Skipped)
	case "premises_area":
		return c.premisesArea()
	case "premises_valid":
		return c.premisesValid()
	case "total_assets":
		return c.totalAssets()
	case "smes_served":
		cr := c.countCheck(c.haveServices, c.serviceCounts.SMEs, c.r.SMEsServedMin, "服务企业明细", "家", c.serviceCounts.Evidence, nil)
		if n := c.serviceCounts.InvalidRows; n > 0 {
			cr.Message += fmt.Sprintf("；%d行统一社会信用代码无效，未计入", n)
			cr.Evidence = append(cr.Evidence, c.serviceCounts.Invalid...)
		}
		if n := c.serviceCounts.OutOfWindow; n > 0 {
			cr.Message += fmt.Sprintf("；%d行服务日期不在统计期内或未填写，未计入", n)
		}
		return cr
	case "point_to_point":
		return c.countCheck(c.haveServices, c.serviceCounts.PointToPoint, c.r.PointToPointMin, "服务企业明细", "家", c.serviceCounts.Evidence, nil)
	case "credit_dishonest_debtor":
		return c.credit(CreditLists[0].Key, CreditLists[0].Name)
	case "credit_serious_dishonesty":
		return c.credit(CreditLists[1].Key, CreditLists[1].Name)
	case "credit_abnormal_operation":
		return c.credit(CreditLists[2].Key, CreditLists[2].Name)
	case "credit_tax_violation":
		return c.credit(CreditLists[3].Key, CreditLists[3].Name)
	case "materials_complete":
		return c.materials()
	case "identity_consistent":
		return c.identity()
	case "declared_consistent":
		return c.declared()
	case "reentry_ban":
		return c.reentry()
	}
	panic("rules: unknown criterion " + id)
}

// identify decides the applicant's name and USCC: the form's, else the
// license's.
func (c *checker) identify() {
	if f := c.b.Form; f != nil {
		if f.Name.OK {
			c.nameRaw = f.Name.Value
			c.nameEv = append(c.nameEv, f.Name.Evidence)
		}
		if f.USCC.OK {
			c.code = f.USCC.Value
		}
	}
	if l := c.b.License; l != nil {
		if c.nameRaw == "" && l.Name.OK {
			c.nameRaw = l.Name.Value
			c.nameEv = append(c.nameEv, l.Name.Evidence)
		}
		if c.code == "" && l.USCC.OK {
			c.code = l.USCC.Value
		}
	}
	c.name = parse.Compact(c.nameRaw)
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

func status(ok bool) dossier.Status {
	if ok {
		return dossier.Pass
	}
	return dossier.Fail
}

func (c *checker) countCheck(have bool, n, min int, what, unit string, ev []extractors.Evidence, skipped []string) dossier.Criterion {
	cr := dossier.Criterion{Required: fmt.Sprintf("不少于%d%s", min, unit)}
	if !have {
		cr.Status, cr.Observed = dossier.Fail, "—"
		cr.Message = "申请材料中没有" + what
		return cr
	}
	cr.Status = status(n >= min)
	cr.Observed = fmt.Sprint(n)
	cr.Message = fmt.Sprintf("按%s计入%d%s", what, n, unit)
	if len(skipped) > 0 {
		cr.Message += fmt.Sprintf("；%d行未计入：%s", len(skipped), strings.Join(firstN(skipped, 5), "；"))
	}
	cr.Evidence = firstEv(ev, 3)
	return cr
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(append([]string(nil), s[:n]...), fmt.Sprintf("……另有%d行", len(s)-n))
	}
	return s
}

func firstEv(ev []extractors.Evidence, n int) []extractors.Evidence {
	if len(ev) > n {
		return ev[:n]
	}
	return ev
}

func (c *checker) registered() dossier.Criterion {
	cr := dossier.Criterion{Required: "统一社会信用代码登记管理机关行政区划码为13（河北省），住所在河北省"}
	var ev []extractors.Evidence
	code := c.code
	codeOK := code != ""
	if l := c.b.License; l != nil && l.USCC.OK {
		ev = append(ev, l.USCC.Evidence)
		if code == "" {
			code = l.USCC.Value
		}
	} else if f := c.b.Form; f != nil && f.USCC.OK {
		ev = append(ev, f.USCC.Evidence)
	}
	addr, addrEv, addrOCR := "", extractors.Evidence{}, false
	if l := c.b.License; l != nil && l.Address.OK {
		addr, addrEv, addrOCR = l.Address.Value, l.Address.Evidence, c.b.LicenseMethod == extractors.MethodOCR
	} else if f := c.b.Form; f != nil && f.Address.OK {
		addr, addrEv = f.Address.Value, f.Address.Evidence
	}
	if addr != "" {
		ev = append(ev, addrEv)
	}
	cr.Observed = fmt.Sprintf("统一社会信用代码 %s；住所 %s", orDash(code), orDash(addr))
	cr.Evidence = ev
	divOK := codeOK && strings.HasPrefix(uscc.Division(code), c.r.HomeDivisionPrefix)
	place := c.homePlace(addr, addrOCR)
	switch {
	case codeOK && !divOK:
		cr.Status, cr.Message = dossier.Fail, fmt.Sprintf("统一社会信用代码登记管理机关行政区划码 %s 不在河北省", uscc.Division(code))
	case addr != "" && place == "" && outsideHome(addr):
		cr.Status, cr.Message = dossier.Fail, "住所不在河北省"
	case !codeOK && addr == "":
		cr.Status, cr.Message = dossier.Fail, "未找到统一社会信用代码和住所（缺少营业执照或入库申请表）"
	case !codeOK || addr == "" || place == "":
		cr.Status, cr.Message = dossier.NeedsReview, "统一社会信用代码或住所无法可靠识别"
	default:
		cr.Status, cr.Message = dossier.Pass, fmt.Sprintf("登记管理机关行政区划码 %s，住所在%s", uscc.Division(code), place)
	}
	return cr
}

// homePlace returns the Hebei place an address names: one it starts with,
// or a Hebei city, province or new area named in it. With ocr, a city name
// with one misread character still counts (邯郸市 read as 邯韩市).
func (c *checker) homePlace(addr string, ocr bool) string {
	a := parse.Compact(addr)
	for _, p := range c.r.HomePlaces {
		if strings.HasPrefix(a, p) {
			return p
		}
	}
	for _, p := range c.r.HomePlaces {
		for _, suffix := range []string{"市", "省", "新区"} {
			if strings.Contains(a, p+suffix) {
				return p
			}
		}
	}
	if ocr {
		r := []rune(a)
		for _, p := range c.r.HomePlaces {
			want := []rune(p + "市")
			if len(want) < 3 || len(r) < len(want) {
				continue
			}
			if miss := runeDiff(string(r[:len(want)]), string(want)); miss == 1 && r[len(want)-1] == '市' {
				return p
			}
		}
	}
	return ""
}

// provinces outside Hebei, as a domicile starts.
var otherProvinces = []string{"北京", "天津", "上海", "重庆", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
	"江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海",
	"宁夏", "新疆", "香港", "澳门", "台湾"}

func outsideHome(addr string) bool {
	a := parse.Compact(addr)
	for _, p := range otherProvinces {
		if strings.HasPrefix(a, p) {
			return true
		}
	}
	return false
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

var notLegalPerson = []string{"个体工商户", "个体", "普通合伙", "有限合伙", "特殊普通合伙", "合伙企业", "合伙", "个人独资", "独资企业", "分公司", "分支机构", "分所", "分院", "分中心", "办事处"}
var legalPerson = []string{"有限责任公司", "有限公司", "股份有限公司", "其他企业法人", "企业法人", "事业单位", "社会团体", "民办非企业", "社会服务机构", "基金会",
	"全民所有制", "集体所有制", "股份合作制", "法人"}

func (c *checker) legalPerson() dossier.Criterion {
	cr := dossier.Criterion{Required: "具有独立法人资格（非个体工商户、合伙企业、个人独资企业或分支机构）"}
	l := c.b.License
	if l == nil {
		cr.Status, cr.Observed, cr.Message = dossier.Fail, "—", "申请材料中没有营业执照或登记证书"
		return cr
	}
	typ := ""
	if l.EntityType.OK {
		typ = l.EntityType.Value
		cr.Evidence = append(cr.Evidence, l.EntityType.Evidence)
	}
	name := ""
	if l.Name.OK {
		name = l.Name.Value
	}
	cr.Observed = orDash(typ)
	t := parse.Compact(typ)
	n := parse.Compact(name)
	for _, bad := range notLegalPerson {
		if strings.Contains(t, bad) || (bad != "个体" && bad != "合伙" && strings.HasSuffix(strings.TrimRight(n, ")）"), bad)) ||
			(bad == "普通合伙" || bad == "有限合伙") && strings.Contains(n, bad) {
			cr.Status, cr.Message = dossier.Fail, fmt.Sprintf("主体类型 %q 不具有独立法人资格（%s）", orDash(typ), bad)
			if !l.EntityType.OK && l.Name.OK {
				cr.Evidence = append(cr.Evidence, l.Name.Evidence)
			}
			return cr
		}
	}
	for _, good := range legalPerson {
		if strings.Contains(t, good) {
			cr.Status, cr.Message = dossier.Pass, fmt.Sprintf("主体类型：%s", typ)
			return cr
		}
	}
	if strings.Contains(l.Kind, "事业单位") || strings.Contains(l.Kind, "社会团体") || strings.Contains(l.Kind, "民办非企业") {
		cr.Status, cr.Message, cr.Observed = dossier.Pass, "登记为"+l.Kind, l.Kind
		return cr
	}
	cr.Status, cr.Message = dossier.NeedsReview, "无法识别营业执照上的主体类型"
	return cr
}

// established returns the 成立日期: the license's, else the form's. A
// license date read by OCR that differs from the form's typed date in one
// digit, or that OCR flagged as doubtful, is taken for a misreading of it.
func (c *checker) established() (time.Time, extractors.Evidence, bool) {
	if l := c.b.License; l != nil && l.EstablishedOn.OK {
		if f := c.b.Form; f != nil && f.EstablishedOn.OK && c.b.LicenseMethod == extractors.MethodOCR &&
			(l.EstablishedOn.Doubt != "" || runeDiff(day(l.EstablishedOn.Value), day(f.EstablishedOn.Value)) == 1) {
			return f.EstablishedOn.Value, f.EstablishedOn.Evidence, true
		}
		return l.EstablishedOn.Value, l.EstablishedOn.Evidence, true
	}
	if f := c.b.Form; f != nil && f.EstablishedOn.OK {
		return f.EstablishedOn.Value, f.EstablishedOn.Evidence, true
	}
	return time.Time{}, extractors.Evidence{}, false
}

func (c *checker) operating() dossier.Criterion {
	cr := dossier.Criterion{Required: fmt.Sprintf("成立满%d年之日不晚于基准日 %s", c.r.OperatingYears, day(c.b.Ref))}
	est, ev, ok := c.established()
	if !ok {
		cr.Observed = "—"
		if c.b.License == nil {
			cr.Status, cr.Message = dossier.Fail, "申请材料中没有营业执照，入库申请表上也没有成立日期"
		} else {
			cr.Status, cr.Message = dossier.NeedsReview, "无法识别成立日期"
		}
		return cr
	}
	cr.Observed, cr.Evidence = day(est), []extractors.Evidence{ev}
	due := est.AddDate(c.r.OperatingYears, 0, 0)
	cr.Status = status(!due.After(c.b.Ref))
	cr.Message = fmt.Sprintf("成立于 %s，于 %s 满%d年", day(est), day(due), c.r.OperatingYears)
	return cr
}

func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format(extractors.DateLayout)
}

// auditFor returns the audit report covering year y, preferring one whose
// figures were read.
func (c *checker) auditFor(y int) *AuditDoc {
	var best *AuditDoc
	for i := range c.b.Audits {
		a := &c.b.Audits[i]
		if covers(a, y) {
			if best == nil || (!best.TotalAssets[y].OK && a.TotalAssets[y].OK) {
				best = a
			}
		}
	}
	return best
}

// covers reports whether the audit opinion of a covers year y.
func covers(a *AuditDoc, y int) bool {
	if len(a.Covers) > 0 {
		for _, c := range a.Covers {
			if c == y {
				return true
			}
		}
		return false
	}
	return a.Year.OK && a.Year.Value == y
}

// coveredYears lists the years a report's opinion covers.
func coveredYears(a *AuditDoc) []int {
	if len(a.Covers) > 0 {
		return a.Covers
	}
	if a.Year.OK {
		return []int{a.Year.Value}
	}
	return nil
}

var opinionCN = map[string]string{"unqualified": "无保留意见", "qualified": "保留意见", "adverse": "否定意见", "disclaimer": "无法表示意见"}

func (c *checker) audited() dossier.Criterion {
	cr := dossier.Criterion{Required: fmt.Sprintf("%d年度和%d年度审计报告均为无保留意见", c.y, c.y-1)}
	var obs, problems, doubts []string
	for _, y := range []int{c.y, c.y - 1} {
		a := c.auditFor(y)
		if a == nil {
			obs = append(obs, fmt.Sprintf("%d年度：缺失", y))
			problems = append(problems, fmt.Sprintf("缺少%d年度审计报告", y))
			continue
		}
		if !a.Opinion.OK {
			obs = append(obs, fmt.Sprintf("%d年度：审计意见无法识别", y))
			doubts = append(doubts, fmt.Sprintf("无法识别%d年度审计报告的审计意见", y))
			cr.Evidence = append(cr.Evidence, extractors.Evidence{Path: a.Path, Snippet: "未找到审计意见", Method: a.Method})
			continue
		}
		cr.Evidence = append(cr.Evidence, a.Opinion.Evidence)
		obs = append(obs, fmt.Sprintf("%d年度：%s", y, opinionCN[a.Opinion.Value]))
		if a.Opinion.Value != "unqualified" {
			problems = append(problems, fmt.Sprintf("%d年度审计报告为%s（%s）", y, opinionCN[a.Opinion.Value], a.Opinion.Value))
		} else if a.Opinion.Doubt != "" {
			doubts = append(doubts, a.Opinion.Doubt)
		}
	}
	cr.Observed = strings.Join(obs, "；")
	settle(&cr, problems, doubts, "两个年度均经审计，且均为无保留意见")
	return cr
}

// figure returns an audited figure for year y: from the report covering y,
// else from the prior-year column of the report covering y+1.
func (c *checker) figure(get func(*AuditDoc) map[int]extractors.Field[float64], y int) (extractors.Field[float64], bool) {
	if a := c.auditFor(y); a != nil {
		if f, ok := get(a)[y]; ok && f.OK {
			return f, true
		}
	}
	if a := c.auditFor(y + 1); a != nil {
		if f, ok := get(a)[y]; ok && f.OK {
			return f, true
		}
	}
	return extractors.Field[float64]{}, false
}

func totalAssetsOf(a *AuditDoc) map[int]extractors.Field[float64] { return a.TotalAssets }
func netAssetsOf(a *AuditDoc) map[int]extractors.Field[float64]   { return a.NetAssets }
func netProfitOf(a *AuditDoc) map[int]extractors.Field[float64]   { return a.NetProfit }

func yuan(v float64) string { return fmt.Sprintf("%.2f", v) }

func (c *checker) financialHealth() dossier.Criterion {
	cr := dossier.Criterion{Required: fmt.Sprintf("%d年末净资产大于0；%d年度和%d年度未连续亏损", c.y, c.y, c.y-1)}
	na, okNA := c.figure(netAssetsOf, c.y)
	p1, ok1 := c.figure(netProfitOf, c.y)
	p0, ok0 := c.figure(netProfitOf, c.y-1)
	var obs []string
	for _, f := range []struct {
		label string
		v     extractors.Field[float64]
		ok    bool
	}{{fmt.Sprintf("%d年末净资产", c.y), na, okNA}, {fmt.Sprintf("%d年度净利润", c.y), p1, ok1}, {fmt.Sprintf("%d年度净利润", c.y-1), p0, ok0}} {
		if f.ok {
			obs = append(obs, f.label+" "+yuan(f.v.Value)+"元")
			cr.Evidence = append(cr.Evidence, f.v.Evidence)
		} else {
			obs = append(obs, f.label+" —")
		}
	}
	cr.Observed = strings.Join(obs, "；")
	switch {
	case !okNA && c.auditFor(c.y) == nil:
		cr.Status, cr.Message = dossier.Fail, fmt.Sprintf("缺少%d年度审计报告", c.y)
	case !okNA:
		cr.Status, cr.Message = dossier.NeedsReview, fmt.Sprintf("无法识别%d年末净资产", c.y)
	case na.Value <= 0:
		cr.Status, cr.Message = dossier.Fail, fmt.Sprintf("%d年末净资产为%s元（不大于0）", c.y, yuan(na.Value))
	case ok1 && ok0 && p1.Value < 0 && p0.Value < 0:
		cr.Status, cr.Message = dossier.NeedsReview, fmt.Sprintf("%d年度（净利润%s元）和%d年度（净利润%s元）均为净亏损", c.y, yuan(p1.Value), c.y-1, yuan(p0.Value))
	case !ok1 || !ok0:
		cr.Status, cr.Message = dossier.NeedsReview, "有一个年度的净利润无法识别"
	case na.Doubt != "":
		cr.Status, cr.Message = dossier.NeedsReview, na.Doubt
	default:
		cr.Status, cr.Message = dossier.Pass, "净资产为正，且未连续两年亏损"
	}
	return cr
}

func (c *checker) categories() dossier.Criterion {
	cr := dossier.Criterion{Required: "至少勾选一项服务类别，并勾选服务性质（公益性/社会化）"}
	f := c.b.Form
	if f == nil {
		cr.Status, cr.Observed, cr.Message = dossier.Fail, "—", "申请材料中没有入库申请表"
		return cr
	}
	var cats []string
	if f.Categories.OK {
		cats = f.Categories.Value
		cr.Evidence = append(cr.Evidence, f.Categories.Evidence)
	}
	nature := ""
	if f.Nature.OK {
		nature = f.Nature.Value
		cr.Evidence = append(cr.Evidence, f.Nature.Evidence)
	}
	cr.Observed = fmt.Sprintf("类别 %s；性质 %s", orDash(strings.Join(cats, "、")), orDash(nature))
	switch {
	case len(cats) == 0 && nature == "":
		cr.Status, cr.Message = dossier.Fail, "入库申请表未勾选服务类别和服务性质"
	case len(cats) == 0:
		cr.Status, cr.Message = dossier.Fail, "入库申请表未勾选服务类别"
	case nature == "":
		cr.Status, cr.Message = dossier.Fail, "入库申请表未勾选服务性质（公益性/社会化）"
	default:
		cr.Status, cr.Message = dossier.Pass, "已填报服务类别和服务性质"
	}
	if cr.Status == dossier.Fail && f.Categories.Doubt != "" {
		cr.Status, cr.Message = dossier.NeedsReview, cr.Message+"；"+f.Categories.Doubt
	}
	return cr
}

// validPremises reports whether a premises document is valid on R by its
// dates: a certificate, or a lease whose term contains R.
func (c *checker) validOnRef(p *PremisesDoc) bool {
	if p.Kind == "certificate" {
		return true
	}
	if !p.Start.OK || !p.End.OK {
		return false
	}
	return !p.Start.Value.After(c.b.Ref) && !p.End.Value.Before(c.b.Ref)
}

func (c *checker) premisesArea() dossier.Criterion {
	cr := dossier.Criterion{Required: fmt.Sprintf("基准日 %s 有效的服务场所面积不少于%g平方米", day(c.b.Ref), c.r.PremisesAreaMinM2)}
	if len(c.b.Premises) == 0 {
		cr.Status, cr.Observed, cr.Message = dossier.Fail, "—", "申请材料中没有租赁合同或不动产权证书"
		return cr
	}
	sum, unread := 0.0, 0
	var parts []string
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		if !p.AreaM2.OK {
			unread++
			continue
		}
		cr.Evidence = append(cr.Evidence, p.AreaM2.Evidence)
		if c.validOnRef(p) {
			sum += p.AreaM2.Value
			parts = append(parts, fmt.Sprintf("%s %g平方米", p.Path, p.AreaM2.Value))
		} else {
			parts = append(parts, fmt.Sprintf("%s %g平方米（基准日不在有效期内，未计入）", p.Path, p.AreaM2.Value))
		}
	}
	sum = math.Round(sum*100) / 100
	cr.Observed = fmt.Sprintf("%g平方米", sum)
	cr.Message = strings.Join(parts, "；")
	switch {
	case sum >= c.r.PremisesAreaMinM2:
		cr.Status = dossier.Pass
	case unread > 0:
		cr.Status, cr.Message = dossier.NeedsReview, cr.Message+fmt.Sprintf("；%d份文件的面积无法识别", unread)
	default:
		cr.Status = dossier.Fail
	}
	return cr
}

func (c *checker) premisesValid() dossier.Criterion {
	cr := dossier.Criterion{Required: "每份场所文件的权利人或承租人均为申请单位；租赁期限覆盖基准日 " + day(c.b.Ref)}
	if len(c.b.Premises) == 0 {
		cr.Status, cr.Observed, cr.Message = dossier.Fail, "—", "申请材料中没有租赁合同或不动产权证书"
		return cr
	}
	var problems, doubts, obs []string
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		holder := ""
		if p.Holder.OK {
			holder = p.Holder.Value
			cr.Evidence = append(cr.Evidence, p.Holder.Evidence)
		}
		code := ""
		if p.HolderUSCC.OK {
			code = p.HolderUSCC.Value
		}
		switch c.sameEntity(holder, code, p.Method) {
		case matchNo:
			problems = append(problems, fmt.Sprintf("%s 的权利人或承租人为 %s，不是申请单位", p.Path, holder))
		case matchUnsure:
			doubts = append(doubts, fmt.Sprintf("%s 的权利人或承租人无法可靠识别（%q）", p.Path, holder))
		}
		if p.Kind != "certificate" {
			if !p.Start.OK || !p.End.OK {
				doubts = append(doubts, fmt.Sprintf("无法识别 %s 的租赁期限", p.Path))
			} else {
				cr.Evidence = append(cr.Evidence, p.End.Evidence)
				obs = append(obs, fmt.Sprintf("%s %s–%s", holder, day(p.Start.Value), day(p.End.Value)))
				if p.End.Value.Before(c.b.Ref) {
					problems = append(problems, fmt.Sprintf("租赁合同 %s 已于 %s 到期，早于基准日 %s", p.Path, day(p.End.Value), day(c.b.Ref)))
				} else if p.Start.Value.After(c.b.Ref) {
					problems = append(problems, fmt.Sprintf("租赁合同 %s 自 %s 起租，晚于基准日 %s", p.Path, day(p.Start.Value), day(c.b.Ref)))
				}
			}
		} else {
			obs = append(obs, fmt.Sprintf("%s 不动产权证书", holder))
		}
	}
	cr.Observed = strings.Join(obs, "；")
	settle(&cr, problems, doubts, "场所属申请单位，且在基准日有效")
	return cr
}

func (c *checker) totalAssets() dossier.Criterion {
	cr := dossier.Criterion{Required: fmt.Sprintf("%d年末资产总计不少于%.0f元", c.y, c.r.TotalAssetsMinYuan)}
	f, ok := c.figure(totalAssetsOf, c.y)
	if !ok {
		cr.Observed = "—"
		if c.auditFor(c.y) == nil {
			cr.Status, cr.Message = dossier.Fail, fmt.Sprintf("缺少%d年度审计报告", c.y)
		} else {
			cr.Status, cr.Message = dossier.NeedsReview, fmt.Sprintf("无法识别%d年末资产总计", c.y)
		}
		return cr
	}
	cr.Observed, cr.Evidence = yuan(f.Value)+"元", []extractors.Evidence{f.Evidence}
	switch {
	case f.Doubt != "":
		cr.Status, cr.Message = dossier.NeedsReview, f.Doubt
	case f.Value >= c.r.TotalAssetsMinYuan:
		cr.Status, cr.Message = dossier.Pass, "资产总计取自经审计的财务报表"
	default:
		cr.Status, cr.Message = dossier.Fail, fmt.Sprintf("资产总计%s元，低于%.0f元", yuan(f.Value), c.r.TotalAssetsMinYuan)
	}
	return cr
}

func (c *checker) credit(list, name string) dossier.Criterion {
	cr := dossier.Criterion{Required: fmt.Sprintf("%s：申请单位无记录，查询日期在基准日 %s 前%d日内", name, day(c.b.Ref), c.r.CreditMaxAgeDays)}
	var found []*CreditDoc
	for i := range c.b.Credits {
		if c.b.Credits[i].List == list {
			found = append(found, &c.b.Credits[i])
		}
	}
	if len(found) == 0 {
		cr.Status, cr.Observed, cr.Message = dossier.Fail, "缺失", "申请材料中没有信用中国「"+name+"」查询结果"
		return cr
	}
	// The worst of several screenshots for one list decides.
	worst := dossier.Pass
	var msgs, obs []string
	rank := map[dossier.Status]int{dossier.Pass: 0, dossier.NeedsReview: 1, dossier.Fail: 2}
	for _, r := range found {
		st, msg := c.oneCredit(r)
		cr.Evidence = append(cr.Evidence, r.Evidence...)
		obs = append(obs, fmt.Sprintf("%s %s", outcomeCN(r.Outcome), day(r.QueryDate.Value)))
		msgs = append(msgs, fmt.Sprintf("%s：%s", r.Path, msg))
		if rank[st] > rank[worst] {
			worst = st
		}
	}
	cr.Status, cr.Observed, cr.Message = worst, strings.Join(obs, "；"), strings.Join(msgs, "；")
	return cr
}

// outcomeCN names a Credit China result outcome in Chinese.
func outcomeCN(o string) string {
	switch o {
	case "clear":
		return "无记录"
	case "listed":
		return "有记录"
	case "unreadable", "":
		return "无法识别"
	}
	return o
}

func (c *checker) oneCredit(r *CreditDoc) (dossier.Status, string) {
	subj := ""
	if r.Subject.OK {
		subj = r.Subject.Value
	}
	code := ""
	if r.USCC.OK {
		code = r.USCC.Value
	}
	m := c.sameEntity(subj, code, extractors.MethodOCR)
	lo := c.b.Ref.AddDate(0, 0, -c.r.CreditMaxAgeDays)
	switch {
	case m == matchNo:
		return dossier.NeedsReview, fmt.Sprintf("查询对象为 %q（%s），不是申请单位", subj, orDash(code))
	case r.Outcome == "listed" && m == matchYes:
		return dossier.Fail, "查询结果显示有记录"
	case r.Outcome == "listed":
		return dossier.NeedsReview, "查询结果显示有记录，但查询对象无法可靠识别"
	case r.Outcome != "clear":
		return dossier.NeedsReview, "查询结果无法识别：" + orDash(r.Doubt)
	case m == matchUnsure:
		return dossier.NeedsReview, fmt.Sprintf("查询对象 %q 无法可靠识别", subj)
	case !r.QueryDate.OK:
		return dossier.NeedsReview, "无法识别查询日期"
	case r.QueryDate.Value.Before(lo) || r.QueryDate.Value.After(c.b.Ref):
		return dossier.NeedsReview, fmt.Sprintf("查询日期 %s 不在 %s 至 %s 之间", day(r.QueryDate.Value), day(lo), day(c.b.Ref))
	}
	return dossier.Pass, fmt.Sprintf("无记录，查询日期 %s", day(r.QueryDate.Value))
}

type match int

const (
	matchYes match = iota
	matchNo
	matchUnsure
)

// sameEntity compares a name (and USCC, if read) with the applicant. A name
// read from a text layer or sheet must match exactly (after NFKC and
// without spaces); one read by OCR matches when its USCC matches or when it
// differs from the applicant's name in at most two characters of the same
// length, where OCR is unsure.
func (c *checker) sameEntity(name, code string, m extractors.Method) match {
	n := parse.Compact(name)
	if c.name == "" {
		return matchUnsure
	}
	if n == c.name {
		return matchYes
	}
	if m != extractors.MethodOCR {
		if n == "" {
			return matchUnsure
		}
		return matchNo
	}
	if code != "" && c.code != "" && code == c.code {
		return matchYes
	}
	if n == "" {
		return matchUnsure
	}
	if d := runeDiff(n, c.name); d >= 0 && d <= 2 {
		return matchYes
	}
	if code != "" && c.code != "" && uscc.Valid(code) && code != c.code {
		return matchNo
	}
	if d := runeDiff(n, c.name); d >= 0 && d <= len([]rune(c.name))/4 {
		return matchUnsure
	}
	return matchNo
}

// runeDiff counts differing characters of two equal-length strings, -1 when
// the lengths differ.
func runeDiff(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return -1
	}
	d := 0
	for i := range ra {
		if ra[i] != rb[i] {
			d++
		}
	}
	return d
}

var kindCN = map[classify.Kind]string{
	classify.ApplicationForm: "入库申请表", classify.Overview: "单位情况概述", classify.License: "营业执照/登记证书",
	classify.Premises: "不动产权证书或租赁合同", classify.Policies: "服务管理制度", classify.ServiceHistory: "近两年服务情况",
	classify.ExpertList: "专家名单", classify.PartnerList: "合作机构名单", classify.Staff: "主要人员基本情况表",
	classify.AuditReport: "审计报告", classify.ServiceReport: "上年度服务情况", classify.ServiceRecords: "服务企业明细",
	classify.CreditScreenshot: "信用中国查询截图", classify.IntegrityPledge: "诚信守法承诺", classify.Declaration: "真实性声明",
	classify.Other: "其他",
}

// KindName is the Chinese name of a document kind.
func KindName(k classify.Kind) string { return kindCN[k] }

func (c *checker) materials() dossier.Criterion {
	cr := dossier.Criterion{Required: "第七条规定的各类申请材料齐全；两个年度的审计报告；四类信用中国查询截图"}
	var missing []string
	for _, k := range classify.Required {
		if len(c.b.Kinds[k]) == 0 {
			missing = append(missing, fmt.Sprintf("%s（%s）", kindCN[k], k))
		}
	}
	if len(c.b.Kinds[classify.AuditReport]) > 0 {
		for _, y := range []int{c.y, c.y - 1} {
			if c.auditFor(y) == nil {
				missing = append(missing, fmt.Sprintf("%d年度审计报告（audit_report）", y))
			}
		}
	}
	if len(c.b.Kinds[classify.CreditScreenshot]) > 0 {
		for _, l := range CreditLists {
			have := false
			for _, r := range c.b.Credits {
				have = have || r.List == l.Key
			}
			if !have {
				missing = append(missing, fmt.Sprintf("信用中国「%s」查询截图（credit_screenshot %s）", l.Name, l.Key))
			}
		}
	}
	present := 0
	for _, k := range classify.Required {
		if len(c.b.Kinds[k]) > 0 {
			present++
		}
	}
	cr.Observed = fmt.Sprintf("应提交%d类，已提交%d类", len(classify.Required), present)
	if len(missing) > 0 {
		cr.Status, cr.Message = dossier.Fail, "缺少："+strings.Join(missing, "；")
	} else {
		cr.Status, cr.Message = dossier.Pass, "申请材料齐全"
	}
	return cr
}

func (c *checker) identity() dossier.Criterion {
	cr := dossier.Criterion{Required: "入库申请表、营业执照、审计报告、场所文件和信用中国查询截图上的名称与统一社会信用代码一致"}
	if c.name == "" {
		cr.Status, cr.Observed, cr.Message = dossier.Fail, "—", "入库申请表和营业执照上均未找到申请单位名称"
		return cr
	}
	cr.Observed = c.nameRaw + " " + orDash(c.code)
	cr.Evidence = append(cr.Evidence, c.nameEv...)
	var problems, doubts, notes []string
	compare := func(what, name, code string, ev extractors.Evidence, m extractors.Method) {
		switch c.sameEntity(name, code, m) {
		case matchNo:
			problems = append(problems, fmt.Sprintf("%s 载明的名称为 %q", what, name))
			cr.Evidence = append(cr.Evidence, ev)
		case matchUnsure:
			doubts = append(doubts, fmt.Sprintf("%s 的名称识别为 %q", what, name))
			cr.Evidence = append(cr.Evidence, ev)
		default:
			if m == extractors.MethodOCR && parse.Compact(name) != c.name {
				notes = append(notes, fmt.Sprintf("%s 的OCR识别结果 %q 视为申请单位", what, name))
			}
		}
	}
	codes := func(what, code string, ev extractors.Evidence) {
		if code != "" && c.code != "" && code != c.code && uscc.Valid(code) {
			problems = append(problems, fmt.Sprintf("%s 的统一社会信用代码 %s 与申请单位的 %s 不一致", what, code, c.code))
			cr.Evidence = append(cr.Evidence, ev)
		}
	}
	if l := c.b.License; l != nil {
		code := ""
		if l.USCC.OK {
			code = l.USCC.Value
			codes("营业执照", code, l.USCC.Evidence)
		}
		if l.Name.OK {
			compare("营业执照 "+l.Name.Evidence.Path, l.Name.Value, code, l.Name.Evidence, c.b.LicenseMethod)
		}
	}
	for i := range c.b.Audits {
		a := &c.b.Audits[i]
		if a.Entity.OK {
			compare("审计报告 "+a.Path, a.Entity.Value, "", a.Entity.Evidence, a.Method)
		}
	}
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		if p.Holder.OK {
			code := ""
			if p.HolderUSCC.OK {
				code = p.HolderUSCC.Value
			}
			compare("场所文件 "+p.Path, p.Holder.Value, code, p.Holder.Evidence, p.Method)
		}
	}
	for i := range c.b.Credits {
		r := &c.b.Credits[i]
		code := ""
		if r.USCC.OK {
			code = r.USCC.Value
			codes("信用中国查询截图 "+r.Path, code, r.USCC.Evidence)
		}
		if r.Subject.OK {
			compare("信用中国查询截图 "+r.Path, r.Subject.Value, code, r.Subject.Evidence, extractors.MethodOCR)
		}
	}
	sort.Strings(notes)
	settle(&cr, problems, doubts, "名称与统一社会信用代码一致")
	if len(notes) > 0 {
		cr.Message += "；" + strings.Join(notes, "；")
	}
	return cr
}

func (c *checker) declared() dossier.Criterion {
	tol := c.r.DeclaredTolerance
	cr := dossier.Criterion{Required: fmt.Sprintf("申报数量不超过佐证数量；申报金额和面积不超过佐证值 × %g", tol)}
	f := c.b.Form
	if f == nil {
		cr.Status, cr.Observed, cr.Message = dossier.Pass, "—", "没有入库申请表，无申报数据可比对"
		return cr
	}
	var problems, doubts, obs []string
	amount := func(label, unit string, d extractors.Field[float64], ev float64, evOK bool) {
		if !d.OK {
			return
		}
		if !evOK {
			doubts = append(doubts, fmt.Sprintf("%s申报 %g%s，但佐证无法识别", label, d.Value, unit))
			return
		}
		obs = append(obs, fmt.Sprintf("%s %g/%g", label, d.Value, ev))
		if d.Value > ev*tol+1e-6 {
			problems = append(problems, fmt.Sprintf("%s申报 %g%s，超过佐证 %g%s × %g", label, d.Value, unit, ev, unit, tol))
			cr.Evidence = append(cr.Evidence, d.Evidence)
		}
	}
	count := func(label string, d extractors.Field[int], ev int, have bool) {
		if !d.OK {
			return
		}
		if !have {
			ev = 0
		}
		obs = append(obs, fmt.Sprintf("%s %d/%d", label, d.Value, ev))
		if d.Value > ev {
			problems = append(problems, fmt.Sprintf("%s申报 %d，超过佐证 %d", label, d.Value, ev))
			cr.Evidence = append(cr.Evidence, d.Evidence)
		}
	}
	ta, taOK := c.figure(totalAssetsOf, c.y)
	amount("总资产", "元", f.TotalAssets, ta.Value, taOK && ta.Doubt == "")
	area, areaOK := c.validArea()
	amount("服务场所面积", "平方米", f.AreaM2, area, areaOK)
	count("副高级以上专家", f.ExpertsSenior, c.expertCounts.Senior, c.haveExperts)
	count("专家总数", f.ExpertsTotal, c.expertCounts.Total, c.haveExperts)
	count("合作机构数", f.Partners, c.partnerCounts.Count, c.havePartners)
	count("近一年服务企业数", f.SMEsServed, c.serviceCounts.SMEs, c.haveServices)
	count("点对点服务企业数", f.PointToPoint, c.serviceCounts.PointToPoint, c.haveServices)
	cr.Observed = "申报/佐证：" + strings.Join(obs, "；")
	settle(&cr, problems, doubts, "申报数据均未超过佐证")
	return cr
}

// validArea sums the areas of the premises documents valid on R; false when
// an area could not be read.
func (c *checker) validArea() (float64, bool) {
	sum := 0.0
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		if !p.AreaM2.OK {
			return 0, false
		}
		if c.validOnRef(p) {
			sum += p.AreaM2.Value
		}
	}
	return math.Round(sum*100) / 100, true
}

func (c *checker) reentry() dossier.Criterion {
	cr := dossier.Criterion{Required: fmt.Sprintf("基准日 %s 前%d年内未被移出资源库", day(c.b.Ref), c.r.ReentryBanYears)}
	if c.b.Register == nil {
		cr.Status, cr.Observed, cr.Message = dossier.Manual, "—", "未配置移出机构名单，由审核人员核查"
		return cr
	}
	lo := c.b.Ref.AddDate(-c.r.ReentryBanYears, 0, 0)
	for _, e := range *c.b.Register {
		if e.USCC != c.code || c.code == "" {
			continue
		}
		t, ok := parse.Date(e.RemovedOn)
		if ok && !t.Before(lo) && !t.After(c.b.Ref) {
			cr.Status, cr.Observed = dossier.Fail, "于 "+e.RemovedOn+" 移出"
			cr.Message = fmt.Sprintf("于 %s 移出资源库（%s）；%s 前不得再次入库", e.RemovedOn, e.Reason, day(t.AddDate(c.r.ReentryBanYears, 0, 0)))
			return cr
		}
	}
	cr.Status, cr.Observed, cr.Message = dossier.Pass, "不在移出机构名单中", fmt.Sprintf("已核对移出机构名单%d条", len(*c.b.Register))
	return cr
}

// settle sets a criterion's status and message from what its check found:
// fail with the problems, else needs_review with the doubts, else pass with
// the message ok.
func settle(cr *dossier.Criterion, problems, doubts []string, ok string) {
	switch {
	case len(problems) > 0:
		cr.Status, cr.Message = dossier.Fail, strings.Join(problems, "；")
	case len(doubts) > 0:
		cr.Status, cr.Message = dossier.NeedsReview, strings.Join(doubts, "；")
	default:
		cr.Status, cr.Message = dossier.Pass, ok
	}
}

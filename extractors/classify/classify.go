// Package classify decides the document kind (RULES.md section 4) of a file
// from its content: the words of its title and body, or its sheet headers.
// File names are never looked at.
package classify

import (
	"fmt"
	"sort"
	"strings"

	"ruku/extractors"
	"ruku/extractors/parse"
)

// Kind is a document kind of RULES.md section 4.
type Kind string

// The document kinds.
const (
	ApplicationForm  Kind = "application_form"
	Overview         Kind = "overview"
	License          Kind = "license"
	Premises         Kind = "premises"
	Policies         Kind = "policies"
	ServiceHistory   Kind = "service_history"
	ExpertList       Kind = "expert_list"
	PartnerList      Kind = "partner_list"
	Staff            Kind = "staff"
	AuditReport      Kind = "audit_report"
	ServiceReport    Kind = "service_report"
	ServiceRecords   Kind = "service_records"
	CreditScreenshot Kind = "credit_screenshot"
	IntegrityPledge  Kind = "integrity_pledge"
	Declaration      Kind = "declaration"
	Other            Kind = "other"
)

// Required lists the kinds materials_complete asks for, in the order of
// 第七条.
var Required = []Kind{ApplicationForm, Overview, License, Premises, Policies, ServiceHistory,
	ExpertList, PartnerList, Staff, AuditReport, ServiceReport, ServiceRecords, CreditScreenshot,
	IntegrityPledge, Declaration}

// cue is a phrase that speaks for a kind: in the title (the first lines of
// the first page, or the rows above a sheet's header) it weighs title, in
// the body it weighs body.
type cue struct {
	phrase      string
	title, body int
}

// cues by kind. A title cue decides; body cues add up.
var cues = map[Kind][]cue{
	ApplicationForm: {{"入库申请表", 10, 6}, {"申请表", 6, 2}, {"申请日期", 0, 2}, {"服务性质", 0, 2}, {"服务类别", 0, 2}, {"机构名称", 0, 1}, {"点对点服务", 0, 1}},
	Overview:        {{"单位情况概述", 10, 4}, {"情况概述", 8, 2}, {"机构简介", 8, 2}, {"单位简介", 8, 2}, {"公司简介", 8, 2}, {"机构概况", 8, 2}, {"发展沿革", 0, 2}, {"服务业绩", 0, 1}},
	License: {{"营业执照", 10, 5}, {"事业单位法人证书", 10, 5}, {"法人登记证书", 10, 5}, {"登记证书", 8, 3}, {"成立批文", 8, 3},
		{"事业单位法人", 8, 4}, {"民办非企业单位登记", 8, 4}, {"社会团体法人", 8, 4},
		{"经营范围", 0, 2}, {"登记机关", 0, 2}, {"营业期限", 0, 2}, {"注册资本", 0, 1}, {"住所", 0, 1}, {"宗旨和业务范围", 0, 2}, {"开办资金", 0, 2},
		{"举办单位", 0, 2}, {"经费来源", 0, 2}, {"登记管理局", 0, 2}, {"业务主管单位", 0, 2}},
	Premises: {{"租赁合同", 10, 4}, {"租赁协议", 10, 4}, {"不动产权证书", 10, 5}, {"房屋所有权证", 10, 5}, {"不动产权", 6, 3},
		{"出租方", 0, 2}, {"承租方", 0, 2}, {"租赁期限", 0, 2}, {"权利人", 0, 2}, {"建筑面积", 0, 1}, {"坐落", 0, 1}},
	Policies:        {{"管理制度", 10, 2}, {"制度汇编", 10, 2}, {"服务规范", 8, 2}, {"服务承诺", 6, 1}, {"管理办法", 8, 2}, {"制度", 4, 0}, {"总则", 0, 2}, {"附则", 0, 2}, {"第一章", 0, 1}},
	ServiceHistory:  {{"近两年服务", 10, 3}, {"服务产品及服务企业", 10, 4}, {"服务企业情况", 6, 2}, {"服务产品", 0, 1}},
	ServiceReport:   {{"服务情况报告", 10, 3}, {"年度服务情况", 10, 3}, {"服务情况总结", 8, 2}, {"典型案例", 4, 3}, {"公益性服务", 0, 1}},
	IntegrityPledge: {{"诚信守法承诺", 10, 4}, {"承诺书", 6, 1}, {"无不良信用", 0, 1}},
	Declaration:     {{"真实性声明", 10, 4}, {"声明", 4, 0}, {"郑重声明", 0, 3}},
	AuditReport: {{"审计报告", 10, 3}, {"财务报表", 4, 1}, {"资产负债表", 4, 3}, {"利润表", 2, 2}, {"审计意见", 0, 2},
		{"会计师事务所", 0, 2}, {"资产总计", 0, 2}, {"注册会计师", 0, 1}},
	CreditScreenshot: {{"信用中国", 10, 6}, {"creditchina", 4, 4}, {"查询时间", 0, 2}, {"主体名称", 0, 2}, {"暂无数据", 0, 1},
		{"信用服务", 0, 1}},
	ExpertList:     {{"专家名单", 10, 3}, {"专家库", 6, 2}, {"合作专家", 6, 2}, {"职称", 0, 2}, {"合作起始", 0, 2}, {"合作终止", 0, 2}, {"合作期限", 0, 1}, {"身份证", 0, 1}},
	PartnerList:    {{"合作机构名单", 10, 3}, {"合作机构", 6, 2}, {"合作单位名单", 8, 3}, {"机构名称", 0, 1}, {"协议名称", 0, 3}, {"签订日期", 0, 2}, {"有效期", 0, 1}},
	Staff:          {{"主要人员", 10, 3}, {"人员基本情况", 10, 3}, {"人员情况", 6, 2}, {"出生年月", 0, 2}, {"学历", 0, 2}, {"职务", 0, 2}},
	ServiceRecords: {{"服务企业明细", 10, 3}, {"服务台账", 10, 3}, {"服务企业名单", 8, 3}, {"服务记录", 6, 2}, {"企业名称", 0, 2}, {"服务日期", 0, 2}, {"服务方式", 0, 2}, {"服务内容", 0, 1}},
}

// Result is the kind chosen for a document and why.
type Result struct {
	Kind  Kind
	Score int
	Why   string // the cues that decided, for the dossier
}

// minScore is the least score a kind needs; below it the document is other.
const minScore = 6

// Classify returns the kind of d.
func Classify(d *extractors.Doc) Result {
	title, body := textOf(d)
	has := strings.Contains
	if d.Method() == extractors.MethodOCR {
		has = fuzzyContains
	}
	type scored struct {
		kind  Kind
		score int
		hits  []string
	}
	var all []scored
	for kind, cs := range cues {
		s := scored{kind: kind}
		for _, c := range cs {
			switch {
			case c.title > 0 && has(title, c.phrase):
				s.score += c.title
				s.hits = append(s.hits, "标题:"+c.phrase)
			case c.body > 0 && has(body, c.phrase):
				s.score += c.body
				s.hits = append(s.hits, c.phrase)
			}
		}
		all = append(all, s)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		return all[i].kind < all[j].kind
	})
	best := all[0]
	if best.score < minScore {
		return Result{Kind: Other, Score: best.score, Why: fmt.Sprintf("no kind scored %d or more (best %s %d)", minScore, best.kind, best.score)}
	}
	return Result{Kind: best.kind, Score: best.score, Why: strings.Join(best.hits, " ")}
}

// textOf returns the title area and the whole body of d, compacted (no
// white space) so that letter-spaced and OCR text match the cues.
func textOf(d *extractors.Doc) (title, body string) {
	var t, b strings.Builder
	if len(d.Sheets) > 0 {
		for _, s := range d.Sheets {
			for i, r := range s.Rows {
				if i > 40 {
					break
				}
				line := strings.Join(r, " ")
				if i < 3 {
					t.WriteString(line + "\n")
				}
				b.WriteString(line + "\n")
			}
		}
		// a sheet's header row is its title too when no title row exists
		return parse.Compact(t.String()), parse.Compact(b.String())
	}
	n := 0
	for _, p := range d.Pages {
		for _, l := range p.Lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			if p.Number == d.Pages[0].Number && n < 6 {
				t.WriteString(l + "\n")
				n++
			}
			b.WriteString(l + "\n")
		}
	}
	return parse.Compact(t.String()), strings.ToLower(parse.Compact(b.String()))
}

// fuzzyContains reports whether s contains phrase, allowing one wrong
// character in phrases of four or more characters: OCR misreads a
// character now and then (承诺书 read as 承诸书).
func fuzzyContains(s, phrase string) bool {
	if strings.Contains(s, phrase) {
		return true
	}
	p := []rune(phrase)
	if len(p) < 4 {
		return false
	}
	r := []rune(s)
	for i := 0; i+len(p) <= len(r); i++ {
		miss := 0
		for j := range p {
			if r[i+j] != p[j] {
				miss++
				if miss > 1 {
					break
				}
			}
		}
		if miss <= 1 {
			return true
		}
	}
	return false
}

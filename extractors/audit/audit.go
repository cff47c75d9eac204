// Package audit reads an audit report (审计报告) with its balance sheet
// (资产负债表) and income statement (利润表): the audited entity, the year
// the statements cover, the auditor's opinion, and total assets, net
// assets, net profit and the balance sheet's 负债和所有者权益总计 for the
// current and the prior year.
package audit

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"ruku/extractors"
	"ruku/extractors/parse"
)

// Opinions a report can give, as facts name them.
const (
	Unqualified = "unqualified" // 无保留意见, with or without 强调事项
	Qualified   = "qualified"   // 保留意见
	Adverse     = "adverse"     // 否定意见
	Disclaimer  = "disclaimer"  // 无法表示意见
)

// Report is what an audit report states. Money maps are keyed by year: the
// current column is Year, the prior column (上年年末余额 / 上期金额) is
// Year-1; values are in yuan whatever Unit the statements use.
type Report struct {
	Entity  extractors.Field[string] // the audited entity (编制单位 / 我们审计了…)
	Year    extractors.Field[int]    // the year the statements cover
	Opinion extractors.Field[string] // Unqualified, Qualified, Adverse or Disclaimer
	Unit    string                   // 元 or 万元 as the statements state; "" if not stated

	TotalAssets          map[int]extractors.Field[float64] // 资产总计
	NetAssets            map[int]extractors.Field[float64] // 所有者权益（或股东权益）合计
	NetProfit            map[int]extractors.Field[float64] // 净利润
	LiabilitiesAndEquity map[int]extractors.Field[float64] // 负债和所有者权益总计
}

var (
	yearEndRe  = regexp.MustCompile(`((?:19|20)\d\d)年12月31日`)
	yearFullRe = regexp.MustCompile(`((?:19|20)\d\d)年度`)
	unitRe     = regexp.MustCompile(`单位[:：]?(?:人民币)?(万元|千元|元)`)
	entityRes  = []*regexp.Regexp{
		regexp.MustCompile(`我们审计了(.{4,60}?)(?:\(以下简称|（以下简称|的?财务报表|财务报告)`),
		regexp.MustCompile(`编制单位[:：]\s*(\S{4,60}?)(?:\s|(?:19|20)\d\d年|单位[:：]|$)`),
		regexp.MustCompile(`^(\S{4,60}?)全体(?:股东|出资人|合伙人|理事|成员)`),
		regexp.MustCompile(`^(\S{4,60}?)(?:董事会|理事会)[:：]`),
	}
	respRe   = regexp.MustCompile(`管理层(?:和治理层)?对财务报表的责任|注册会计师对财务报表审计的责任|治理层对财务报表的责任`)
	exceptRe = regexp.MustCompile(`除.{0,80}?(?:影响|事项)外`)
)

// Extract reads an audit report. Values not found are left !OK; a total
// that the balance sheet contradicts carries a Doubt.
func Extract(d *extractors.Doc) Report {
	r := Report{
		TotalAssets:          map[int]extractors.Field[float64]{},
		NetAssets:            map[int]extractors.Field[float64]{},
		NetProfit:            map[int]extractors.Field[float64]{},
		LiabilitiesAndEquity: map[int]extractors.Field[float64]{},
	}
	if d == nil {
		return r
	}
	r.Entity = entity(d)
	r.Year = year(d)
	r.Opinion = opinion(d)
	mult := 1.0
	if u, ok := unit(d); ok {
		r.Unit = u
		if u == "万元" {
			mult = 10000
		} else if u == "千元" {
			mult = 1000
		}
	}
	t := newTable(d)
	y := r.Year.Value
	if !r.Year.OK {
		y = 0
	}
	claimed := map[int]bool{}
	put := func(m map[int]extractors.Field[float64], re *regexp.Regexp) bool {
		gi, label := t.labelMatch(classOK(re), claimed)
		if gi < 0 {
			return false
		}
		claimed[gi] = true
		g := t.groups[gi]
		l := t.lines[g.line]
		ev := d.LineEvidence(l.page, snippet(label, l.text))
		cur, prior, cok, pok := t.amounts(g)
		if cok {
			m[y] = extractors.Found(round2(cur*mult), ev)
		}
		if pok && y != 0 {
			m[y-1] = extractors.Found(round2(prior*mult), ev)
		}
		return cok || pok
	}
	put(r.TotalAssets, totalAssetsRe)
	put(r.LiabilitiesAndEquity, liabEqRe)
	put(r.NetProfit, netProfitRe)
	if !put(r.NetAssets, equityRe) {
		// no equity total: derive it from the totals, doubtfully
		liab := map[int]extractors.Field[float64]{}
		if put(liab, liabilitiesRe) {
			for yy, ta := range r.TotalAssets {
				if l, ok := liab[yy]; ok {
					f := extractors.Found(round2(ta.Value-l.Value), l.Evidence)
					f.Doubt = "no 所有者权益合计 row: net assets computed as 资产总计 - 负债合计"
					r.NetAssets[yy] = f
				}
			}
		}
	}
	tol := 0.011 * mult
	for yy, ta := range r.TotalAssets {
		le, ok := r.LiabilitiesAndEquity[yy]
		if ok && math.Abs(ta.Value-le.Value) > tol {
			ta.Doubt = fmt.Sprintf("资产总计 %s ≠ 负债和所有者权益总计 %s", money(ta.Value), money(le.Value))
			r.TotalAssets[yy] = ta
		}
	}
	return r
}

func snippet(label, line string) string {
	if strings.Contains(compactSpace(line), compactSpace(label)) {
		return line
	}
	return label + " … " + line
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func money(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// docLines returns every non-empty line with its page, normalised.
func docLines(d *extractors.Doc) []struct {
	p    *extractors.Page
	text string
} {
	var out []struct {
		p    *extractors.Page
		text string
	}
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			if s := parse.Norm(l); s != "" {
				out = append(out, struct {
					p    *extractors.Page
					text string
				}{p, s})
			}
		}
	}
	return out
}

// joined is the document's text with lines joined without separators (a
// sentence wraps anywhere) and a map from byte offset to line.
type joined struct {
	text  string
	start []int // start offset of each line
	lines []struct {
		p    *extractors.Page
		text string
	}
}

func join(d *extractors.Doc) joined {
	j := joined{lines: docLines(d)}
	var b strings.Builder
	for _, l := range j.lines {
		j.start = append(j.start, b.Len())
		b.WriteString(strings.ReplaceAll(l.text, " ", ""))
	}
	j.text = b.String()
	return j
}

// evidence for the line holding byte offset off of j.text.
func (j joined) evidence(d *extractors.Doc, off int) extractors.Evidence {
	i := 0
	for k, s := range j.start {
		if s <= off {
			i = k
		}
	}
	if len(j.lines) == 0 {
		return extractors.Evidence{Path: d.Path}
	}
	return d.LineEvidence(j.lines[i].p, j.lines[i].text)
}

func entity(d *extractors.Doc) extractors.Field[string] {
	j := join(d)
	if m := entityRes[0].FindStringSubmatchIndex(j.text); m != nil {
		name := strings.Trim(j.text[m[2]:m[3]], "“”\"")
		return extractors.Found(name, j.evidence(d, m[2]))
	}
	for _, re := range entityRes[1:] {
		for _, l := range j.lines {
			if m := re.FindStringSubmatch(l.text); m != nil {
				return extractors.Found(strings.TrimSpace(m[1]), d.LineEvidence(l.p, l.text))
			}
		}
	}
	return extractors.Field[string]{}
}

func year(d *extractors.Doc) extractors.Field[int] {
	j := join(d)
	for _, re := range []*regexp.Regexp{yearEndRe, yearFullRe} {
		if m := re.FindStringSubmatchIndex(j.text); m != nil {
			y, _ := strconv.Atoi(j.text[m[2]:m[3]])
			return extractors.Found(y, j.evidence(d, m[0]))
		}
	}
	return extractors.Field[int]{}
}

func unit(d *extractors.Doc) (string, bool) {
	j := join(d)
	if m := unitRe.FindStringSubmatch(j.text); m != nil {
		return m[1], true
	}
	return "", false
}

// opinion classifies the opinion the report gives, read from the part
// before the responsibility paragraphs (whose boilerplate mentions
// 非无保留意见 in every report).
func opinion(d *extractors.Doc) extractors.Field[string] {
	j := join(d)
	sec := j.text
	if loc := respRe.FindStringIndex(sec); loc != nil && loc[0] > 0 {
		sec = sec[:loc[0]]
	}
	at := func(kw string) int { return strings.Index(sec, kw) }
	found := func(op string, off int) extractors.Field[string] {
		return extractors.Found(op, j.evidence(d, off))
	}
	// an emphasis-of-matter paragraph does not change the opinion
	if i := strings.Index(sec, "强调事项"); i > 0 {
		sec = sec[:i]
	}
	clean := strings.ReplaceAll(sec, "非无保留意见", "＃＃＃＃＃＃")
	if i := strings.Index(clean, "无法表示意见"); i >= 0 {
		return found(Disclaimer, i)
	}
	if i := strings.Index(clean, "不对后附"); i >= 0 && strings.Contains(clean[i:], "发表审计意见") {
		return found(Disclaimer, i)
	}
	if i := strings.Index(clean, "否定意见"); i >= 0 {
		return found(Adverse, i)
	}
	clean = strings.ReplaceAll(clean, "无保留意见", "＃＃＃＃＃")
	if i := strings.Index(clean, "保留意见"); i >= 0 {
		return found(Qualified, i)
	}
	if loc := exceptRe.FindStringIndex(clean); loc != nil && strings.Contains(clean[loc[0]:], "公允反映") {
		return found(Qualified, loc[0])
	}
	for _, kw := range []string{"没有在所有重大方面", "不能公允反映", "未能公允反映", "未公允反映"} {
		if i := at(kw); i >= 0 {
			return found(Adverse, i)
		}
	}
	if i := at("公允反映了"); i >= 0 {
		return found(Unqualified, i)
	}
	if i := at("无保留意见"); i >= 0 {
		return found(Unqualified, i)
	}
	if i := at("公允反映"); i >= 0 && strings.Contains(sec, "我们认为") {
		return found(Unqualified, i)
	}
	return extractors.Field[string]{}
}

package variation

import (
	"fmt"
	"math"
	"math/rand"
	"strings"

	"ruku/extractors"
)

// AuditDims are the ways an audit report's opinion and statements vary.
var AuditDims = []Dim{
	{"medium", []string{"text", "sheet"}},
	{"unit", []string{"元", "万元", "千元"}},
	{"unit_form", []string{"单位：U", "单位：人民币U", "（单位：U）", "金额单位：U", "货币单位：人民币U", "单位:U"}},
	{"number", []string{"thousands", "plain", "paren-negative"}},
	{"cur_header", []string{"期末余额", "期末数", "年末数", "期末金额", "年末余额", "本年年末数"}},
	{"prior_header", []string{"上年年末余额", "年初余额", "期初数", "年初数", "上年年末数", "期初余额"}},
	{"income_headers", []string{"本期金额/上期金额", "本年金额/上年金额", "本年累计数/上年同期数", "本期数/上期数", "本年累计金额/上年累计金额"}},
	{"col_order", []string{"current-first", "prior-first"}},
	{"row_no", []string{"行次", "none", "附注"}},
	{"ta_label", []string{"资产总计", "资产合计", "资产总额"}},
	{"eq_label", []string{"所有者权益合计", "股东权益合计", "所有者权益（或股东权益）合计", "净资产合计", "所有者权益总计"}},
	{"le_label", []string{"负债和所有者权益总计", "负债及所有者权益总计", "负债和股东权益总计", "负债和所有者权益（或股东权益）总计", "负债及所有者权益合计"}},
	{"np_label", []string{"四、净利润", "净利润", "五、净利润（净亏损以“－”号填列）", "四、净利润（亏损以“-”号填列）", "净利润（净亏损）"}},
	{"spacing", []string{"none", "letters"}},
	{"opinion", []string{"standard", "old-style", "two-year"}},
	{"date", []string{"年月日", "iso", "年度"}},
	{"addressee", []string{"全体股东", "董事会", "股东会", "none"}},
	{"sides", []string{"one", "two"}},
	{"wrap_labels", []string{"none", "wrapped"}},
}

// AuditUnit is the multiplier of the unit c renders the statements in.
func AuditUnit(c Choice) float64 {
	switch c["unit"] {
	case "万元":
		return 10000
	case "千元":
		return 1000
	}
	return 1
}

// AuditValue is v as the statements of c state it, in yuan: rounded to
// the cent of the unit.
func AuditValue(v float64, c Choice) float64 {
	u := AuditUnit(c)
	return math.Round(v/u*100) / 100 * u
}

// Audit renders f's audit report and statements as c chooses.
func Audit(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	u := AuditUnit(c)
	num := func(v float64) string {
		v = math.Round(v/u*100) / 100
		switch c["number"] {
		case "plain":
			return Plain(v)
		case "paren-negative":
			if v < 0 {
				return "(" + Thousands(-v) + ")"
			}
		}
		return Thousands(v)
	}
	lab := func(s string) string {
		if c["spacing"] == "letters" {
			return LetterSpace(s, " ")
		}
		return s
	}
	y, e := f.Year, f.Name
	yearEnd := fmt.Sprintf("%d年12月31日", y)
	switch c["date"] {
	case "iso":
		yearEnd = fmt.Sprintf("%d-12-31", y)
	case "年度":
		yearEnd = fmt.Sprintf("%d年度", y)
	}
	unit := strings.Replace(c["unit_form"], "U", c["unit"], 1)
	var report []string
	report = append(report, e, fmt.Sprintf("%d年度财务报表审计报告", y), "审 计 报 告")
	if c["addressee"] != "none" {
		report = append(report, e+c["addressee"]+"：")
	}
	report = append(report, "一、审计意见")
	switch c["opinion"] {
	case "old-style":
		report = append(report, fmt.Sprintf("我们审计了后附的%s财务报表，包括%d年12月31日的资产负债表，%d年度的利润表、现金流量表以及财务报表附注。", e, y, y),
			fmt.Sprintf("我们认为，%s财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了%s%d年12月31日的财务状况以及%d年度的经营成果。", e, e, y, y))
	case "two-year":
		report = append(report, fmt.Sprintf("我们审计了%s（以下简称“贵公司”）财务报表，包括%d年12月31日、%d年12月31日的资产负债表，%d年度、%d年度的利润表以及相关财务报表附注。", e, y, y-1, y, y-1),
			fmt.Sprintf("我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了贵公司%d年12月31日、%d年12月31日的财务状况以及%d年度、%d年度的经营成果和现金流量。", y, y-1, y, y-1))
	default:
		report = append(report, fmt.Sprintf("我们审计了%s（以下简称“贵公司”）财务报表，包括%d年12月31日的资产负债表，%d年度的利润表、现金流量表、所有者权益变动表以及相关财务报表附注。", e, y, y),
			fmt.Sprintf("我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了贵公司%d年12月31日的财务状况以及%d年度的经营成果和现金流量。", y, y))
	}
	report = append(report, "二、形成审计意见的基础", "我们按照中国注册会计师审计准则的规定执行了审计工作。",
		"三、管理层和治理层对财务报表的责任", "四、注册会计师对财务报表审计的责任", "河北某某会计师事务所有限公司 中国注册会计师：张某", fmt.Sprintf("%d年3月20日", y+1))

	cols := func(cur, prior string) []string {
		if c["col_order"] == "prior-first" {
			return []string{prior, cur}
		}
		return []string{cur, prior}
	}
	rowNo := 0
	row := func(label string, cur, prior float64) []string {
		rowNo++
		out := []string{lab(label)}
		switch c["row_no"] {
		case "行次":
			out = append(out, fmt.Sprint(rowNo))
		case "附注":
			if rowNo%3 == 0 {
				out = append(out, fmt.Sprintf("五、%d", rowNo))
			} else {
				out = append(out, "")
			}
		}
		return append(out, cols(num(cur), num(prior))...)
	}
	head := func(first string, cur, prior string) []string {
		out := []string{first}
		if c["row_no"] != "none" {
			out = append(out, c["row_no"])
		}
		return append(out, cols(cur, prior)...)
	}
	cash := round2(f.TotalAssets * 0.3)
	pcash := round2(f.PriorTA * 0.3)
	fixed := round2(f.TotalAssets - cash)
	pfixed := round2(f.PriorTA - pcash)
	capital := round2(f.NetAssets() * 0.6)
	pcapital := round2(f.PriorNet() * 0.6)
	assets := [][]string{
		row("货币资金", cash, pcash),
		row("流动资产合计", cash, pcash),
		row("固定资产", fixed, pfixed),
		row("非流动资产合计", fixed, pfixed),
		row(c["ta_label"], f.TotalAssets, f.PriorTA),
	}
	liabs := [][]string{
		row("短期借款", f.Liabilities, f.PriorLiab),
		row("负债合计", f.Liabilities, f.PriorLiab),
		row("实收资本（或股本）", capital, pcapital),
		row("未分配利润", round2(f.NetAssets()-capital), round2(f.PriorNet()-pcapital)),
		row(c["eq_label"], f.NetAssets(), f.PriorNet()),
		row(c["le_label"], f.TotalAssets, f.PriorTA),
	}
	bal := [][]string{{"资产负债表"}, {"编制单位：" + e, yearEnd, unit}}
	if c["sides"] == "two" {
		bal = append(bal, append(head("资产", c["cur_header"], c["prior_header"]), head("负债和所有者权益", c["cur_header"], c["prior_header"])...))
		for i := range liabs {
			var l []string
			if i < len(assets) {
				l = append(l, assets[i]...)
			} else {
				l = append(l, make([]string, len(liabs[i]))...)
			}
			bal = append(bal, append(l, liabs[i]...))
		}
	} else {
		bal = append(bal, head("资产", c["cur_header"], c["prior_header"]))
		bal = append(append(bal, assets...), liabs...)
	}
	hs := strings.Split(c["income_headers"], "/")
	rowNo = 0
	revenue := round2(math.Abs(f.NetProfit)*4 + 1e5)
	prevenue := round2(math.Abs(f.PriorProfit)*4 + 1e5)
	inc := [][]string{
		{"利润表"},
		{"编制单位：" + e, fmt.Sprintf("%d年度", y), unit},
		head("项目", hs[0], hs[1]),
		row("一、营业收入", revenue, prevenue),
		row("减：营业成本", round2(revenue-f.NetProfit*1.25), round2(prevenue-f.PriorProfit*1.25)),
		row("二、营业利润", round2(f.NetProfit*1.25), round2(f.PriorProfit*1.25)),
		row("三、利润总额", round2(f.NetProfit*1.25), round2(f.PriorProfit*1.25)),
		row("减：所得税费用", round2(f.NetProfit*0.25), round2(f.PriorProfit*0.25)),
		row(c["np_label"], f.NetProfit, f.PriorProfit),
	}
	if c["medium"] == "sheet" {
		var rows [][]string
		for _, l := range report {
			rows = append(rows, []string{l})
		}
		return &extractors.Doc{Path: "audit.xlsx", Format: extractors.FormatXLSX, Sheets: []extractors.Sheet{
			{Name: "审计报告", Rows: rows}, {Name: "资产负债表", Rows: bal}, {Name: "利润表", Rows: inc}}}
	}
	text := func(rows [][]string) []string {
		var out []string
		for _, r := range rows {
			var cells, tails []string
			for _, x := range r {
				if x == "" {
					continue
				}
				if c["wrap_labels"] == "wrapped" && len(cells) > 0 || c["wrap_labels"] == "wrapped" && len(r) > 3 {
					// a narrow label cell wraps its tail onto a line of its own
					if rs := []rune(x); len(rs) > 5 && !strings.ContainsAny(x, "0123456789") {
						x, tails = string(rs[:4]), append(tails, string(rs[4:]))
					}
				}
				cells = append(cells, x)
			}
			out = append(out, strings.Join(cells, " "))
			if len(tails) > 0 {
				out = append(out, strings.Join(tails, " "))
			}
		}
		return out
	}
	return &extractors.Doc{Path: "audit.pdf", Format: extractors.FormatPDF, Pages: []extractors.Page{
		{Number: 1, Method: extractors.MethodText, Lines: report},
		{Number: 2, Method: extractors.MethodText, Lines: text(bal)},
		{Number: 3, Method: extractors.MethodText, Lines: text(inc)},
	}}
}

package audit

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/lexicon"
)

// statement is one generated audit report: its layout choices and the
// figures it shows, current year first.
type statement struct {
	year      int
	curFirst  bool      // the current column stands left of the prior one
	heads     [2]string // balance sheet headings, in column order
	incHeads  [2]string // income statement headings, in column order
	unit      string    // 元, 万元 or 千元
	rowNo     bool      // a 行次 column
	parens    bool      // negatives in parentheses, else with a minus
	taLabel   string
	naLabel   string
	npLabel   string
	ocr       bool // an OCR reading: one heading, label and amount misread
	ta, na    [2]float64
	liab, np  [2]float64
	misreadAt int  // which misreading the OCR variant carries (0..2)
	single    bool // one value column: the current year's
}

func (s statement) mult() float64 {
	switch s.unit {
	case "万元":
		return 10000
	case "千元":
		return 1000
	}
	return 1
}

// amount formats v yuan in the statement's unit.
func (s statement) amount(v float64) string {
	x := v / s.mult()
	neg := x < 0
	txt := strconv.FormatFloat(math.Abs(x), 'f', 2, 64)
	intPart, dec := txt[:len(txt)-3], txt[len(txt)-2:]
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	txt = b.String() + "." + dec
	switch {
	case neg && s.parens:
		return "(" + txt + ")"
	case neg:
		return "-" + txt
	}
	return txt
}

// misread changes one character after the first of w, as OCR does.
func misread(w string) string {
	r := []rune(w)
	if len(r) < minFuzzy {
		return w
	}
	r[1] = '囗'
	return string(r)
}

// text renders the report with its two statements.
func (s statement) text() string {
	y := s.year
	row := func(label string, n int, v [2]float64) string {
		vals := []string{s.amount(v[0]), s.amount(v[1])}
		if !s.curFirst {
			vals[0], vals[1] = vals[1], vals[0]
		}
		if s.single {
			vals = vals[:1]
		}
		parts := []string{label}
		if s.rowNo {
			parts = append(parts, strconv.Itoa(n))
		}
		return strings.Join(append(parts, vals...), " ")
	}
	head := func(h [2]string) string {
		parts := []string{"项目"}
		if s.rowNo {
			parts = append(parts, "行次")
		}
		if s.single {
			return strings.Join(append(parts, h[0]), " ")
		}
		return strings.Join(append(parts, h[0], h[1]), " ")
	}
	heads, ta, np := s.heads, s.taLabel, s.npLabel
	taRow := row(ta, 30, s.ta)
	if s.ocr {
		switch s.misreadAt {
		case 0:
			// a heading word misread (a date misread is lost)
			if !strings.Contains(heads[1], "年12月") {
				heads[1] = misread(heads[1])
			}
		case 1:
			ta = misread(ta)
			taRow = row(ta, 30, s.ta)
		case 2:
			np = misread(np)
		}
		// a thousands separator read as a point
		taRow = strings.Replace(taRow, ",", ".", 1)
	}
	lines := []string{
		"审 计 报 告",
		"华信审字（" + strconv.Itoa(y+1) + "）第018号",
		"河北测试咨询服务有限公司全体股东：",
		"一、审计意见",
		fmt.Sprintf("我们审计了河北测试咨询服务有限公司（以下简称贵公司）财务报表，包括%d年12月31日的资产负债表，%d年度的利润表以及相关财务报表附注。", y, y),
		fmt.Sprintf("我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了贵公司%d年12月31日的财务状况以及%d年度的经营成果。", y, y),
		"二、形成审计意见的基础",
		"我们按照中国注册会计师审计准则的规定执行了审计工作。",
		"\f",
		"资产负债表",
		fmt.Sprintf("编制单位：河北测试咨询服务有限公司 %d年12月31日 单位：%s", y, s.unit),
		head(heads),
		"流动资产：",
		row("货币资金", 1, [2]float64{s.ta[0] / 2, s.ta[1] / 2}),
		row("流动资产合计", 10, [2]float64{s.ta[0] / 2, s.ta[1] / 2}),
		taRow,
		"流动负债：",
		row("负债合计", 50, s.liab),
		"所有者权益：",
		row("实收资本", 55, [2]float64{1000000, 1000000}),
		row(s.naLabel, 60, s.na),
		row("负债和所有者权益总计", 70, s.ta),
		"\f",
		"利润表",
		fmt.Sprintf("编制单位：河北测试咨询服务有限公司 %d年度 单位：%s", y, s.unit),
		head(s.incHeads),
		row("一、营业收入", 1, [2]float64{s.ta[0], s.ta[1]}),
		row("三、利润总额", 15, s.np),
		row("减：所得税费用", 16, [2]float64{0, 0}),
		row("四、"+np, 17, s.np),
	}
	return strings.Join(lines, "\n")
}

// variations generates n statements varying column order, heading
// wording (lexicon words and explicit dates), units, 行次, negative
// formats, label synonyms and OCR misreadings, from a fixed seed.
func variations(n int) []statement {
	lx := lexicon.Default()
	rnd := rand.New(rand.NewSource(8))
	pick := func(ws []string) string { return ws[rnd.Intn(len(ws))] }
	units := []string{"元", "万元", "千元"}
	// labels with their parenthetical notes as statements print them
	taLabels := append([]string{}, lx.Words("audit.total_assets")...)
	naLabels := append([]string{"所有者权益（或股东权益）合计", "净资产合计（所有者权益合计）"}, lx.Words("audit.net_assets")...)
	npLabels := append([]string{"净利润（净亏损以“－”号填列）", "净利润(亏损以\"-\"号填列)", "本年盈余（亏损以“-”号填列）"}, lx.Words("audit.net_profit")...)
	var out []statement
	for i := 0; i < n; i++ {
		s := statement{
			year:     2020 + rnd.Intn(6),
			curFirst: rnd.Intn(2) == 0,
			unit:     units[rnd.Intn(len(units))],
			rowNo:    rnd.Intn(2) == 0,
			parens:   rnd.Intn(2) == 0,
			taLabel:  pick(taLabels),
			naLabel:  pick(naLabels),
			npLabel:  pick(npLabels),
			ocr:      i%4 == 3,
		}
		s.misreadAt = rnd.Intn(3)
		cur, prior := pick(lx.Words("audit.col_current")), pick(lx.Words("audit.col_prior"))
		icur, iprior := pick(lx.Words("audit.col_current")), pick(lx.Words("audit.col_prior"))
		if rnd.Intn(4) == 0 {
			// dated headings
			cur, prior = fmt.Sprintf("%d年12月31日", s.year), fmt.Sprintf("%d年12月31日", s.year-1)
			icur, iprior = fmt.Sprintf("%d年度", s.year), fmt.Sprintf("%d年度", s.year-1)
		}
		s.heads, s.incHeads = [2]string{cur, prior}, [2]string{icur, iprior}
		if i%10 == 7 {
			// a single current column, as small units' statements have
			s.single, s.curFirst = true, true
		}
		if !s.curFirst {
			s.heads, s.incHeads = [2]string{prior, cur}, [2]string{iprior, icur}
		}
		// figures in whole hundredths of the unit, so that they print exactly
		amt := func(lo, hi int) float64 {
			return float64(lo+rnd.Intn(hi-lo)) * s.mult() / 100
		}
		for k := 0; k < 2; k++ {
			s.ta[k] = amt(100000, 2000000000)
			s.liab[k] = amt(0, 100000000)
			s.na[k] = s.ta[k] - s.liab[k]
			s.np[k] = amt(-5000000, 50000000)
		}
		if rnd.Intn(5) == 0 {
			s.na[0] = -amt(1000, 500000) // negative equity
		}
		out = append(out, s)
	}
	return out
}

// TestVariations reads generated statements in every layout variation
// and checks the figures for both years.
func TestVariations(t *testing.T) {
	const n = 600
	fails := 0
	for i, s := range variations(n) {
		d := extractorstest.FromText(fmt.Sprintf("variant%03d.pdf", i), strings.ReplaceAll(s.text(), "\f", "\n\f\n"))
		if s.ocr {
			for k := range d.Pages {
				d.Pages[k].Method = extractors.MethodOCR
			}
		}
		r := Extract(d)
		var bad []string
		if !r.Year.OK || r.Year.Value != s.year {
			bad = append(bad, fmt.Sprintf("year %v", r.Year.Value))
		}
		for _, m := range []struct {
			name string
			got  map[int]extractors.Field[float64]
			want [2]float64
		}{{"total_assets", r.TotalAssets, s.ta}, {"net_assets", r.NetAssets, s.na}, {"net_profit", r.NetProfit, s.np}} {
			for k, y := range []int{s.year, s.year - 1} {
				g, ok := m.got[y]
				if s.single && k == 1 {
					if ok {
						bad = append(bad, fmt.Sprintf("%s[%d] = %.2f read from a single column", m.name, y, g.Value))
					}
					continue
				}
				if !ok || math.Abs(g.Value-m.want[k]) > 0.005 || g.Doubt != "" {
					bad = append(bad, fmt.Sprintf("%s[%d] = %.2f %q, want %.2f", m.name, y, g.Value, g.Doubt, m.want[k]))
				}
			}
		}
		if len(bad) > 0 {
			fails++
			if fails <= 10 {
				t.Errorf("variant %d (%+v):\n%s\n%s", i, s, strings.Join(bad, "\n"), s.text())
			}
		}
	}
	if fails > 0 {
		t.Errorf("%d of %d variants misread", fails, n)
	}
}

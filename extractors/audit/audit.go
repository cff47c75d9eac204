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
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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
	Unit    string                   // 元, 千元 or 万元 as the statements state; "" if not stated
	// Covers lists the years the audit opinion covers, ascending: [Year]
	// for a one-year report, both years for a report on two years (whose
	// Year is the latest).
	Covers []int

	TotalAssets          map[int]extractors.Field[float64] // 资产总计
	NetAssets            map[int]extractors.Field[float64] // 所有者权益（或股东权益）合计
	NetProfit            map[int]extractors.Field[float64] // 净利润
	LiabilitiesAndEquity map[int]extractors.Field[float64] // 负债和所有者权益总计
}

var (
	yearEndRe  = regexp.MustCompile(`((?:19|20)\d\d)年12月31日`)
	yearFullRe = regexp.MustCompile(`((?:19|20)\d\d)年度`)
	unitRe     = regexp.MustCompile(`单位[:：]?(?:人民币|RMB|CNY)?(万元|千元|元)|[(（](?:单位[:：]?)?(?:人民币)?(万元|千元|元)[)）]`)
	entityRes  = []*regexp.Regexp{
		regexp.MustCompile(`我们审计了(.{4,60}?)(?:\(以下简称|（以下简称|的?财务报表|财务报告)`),
		regexp.MustCompile(`编制单位[:：]\s*(\S{4,60}?)(?:\s|(?:19|20)\d\d年|单位[:：]|$)`),
		regexp.MustCompile(`^(\S{4,60}?)全体(?:股东|出资人|合伙人|理事|成员)`),
		regexp.MustCompile(`^(\S{4,60}?)(?:董事会|理事会)[:：]`),
	}
	respRe   = regexp.MustCompile(`管理层(?:和治理层)?对财务报表的责任|注册会计师对财务报表审计的责任|治理层对财务报表的责任|注册会计师的责任|管理层(?:和治理层)?的责任`)
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
	d = withSheetPages(d)
	j := join(d)
	r.Entity = entity(d, j)
	r.Year, r.Covers = years(d, j)
	r.Opinion = opinion(d, j)
	y := 0
	if r.Year.OK {
		y = r.Year.Value
	}
	t := newTable(d, y)
	r.Unit = t.segs[0].unit
	for _, s := range t.segs[1:] {
		if s.kind != segReport && s.unit != "" {
			r.Unit = s.unit
			break
		}
	}
	claimed := map[int]bool{}
	mults := map[int]float64{} // the unit multiplier of each total assets year
	// groups an OCR reading may not reach: those of text layers
	textLayer := map[int]bool{}
	for gi, g := range t.groups {
		if t.lines[g.line].page.Method != extractors.MethodOCR {
			textLayer[gi] = true
		}
	}
	put := func(m map[int]extractors.Field[float64], class string, kind segKind) bool {
		found := false
		cur := map[int]bool{} // years read from a current column
		// the row where expected, then everywhere else; then a label
		// misread by OCR, in the same order
		for pass := 0; pass < 4 && !found; pass++ {
			segs := t.segsOf(kind)
			if pass%2 == 1 {
				segs = t.segsNot(kind)
			}
			ok, skip := classOK(class), claimed
			if pass >= 2 {
				ok, skip = classFuzzy(class), union(claimed, textLayer)
			}
			for _, si := range segs {
				gi, label := t.labelMatch(ok, skip, si)
				if gi < 0 {
					continue
				}
				claimed[gi] = true
				g := t.groups[gi]
				l := t.lines[g.line]
				ev := d.LineEvidence(l.page, snippet(label, l.text))
				for _, c := range t.cells(g) {
					if _, ok := m[c.year]; ok && (cur[c.year] || !c.cur) {
						continue
					}
					m[c.year] = extractors.Found(c.value, ev)
					cur[c.year] = cur[c.year] || c.cur
					if class == labTotalAssets {
						mults[c.year] = t.segs[l.seg].mult
					}
					found = true
				}
			}
		}
		return found
	}
	put(r.TotalAssets, labTotalAssets, segBalance)
	put(r.LiabilitiesAndEquity, labLiabEq, segBalance)
	put(r.NetProfit, labNetProfit, segIncome)
	put(r.NetAssets, labNetAssets, segBalance)
	// no equity total for a year: derive it from the totals, doubtfully
	liab := map[int]extractors.Field[float64]{}
	for yy, ta := range r.TotalAssets {
		if _, ok := r.NetAssets[yy]; ok {
			continue
		}
		if len(liab) == 0 && !put(liab, labLiab, segBalance) {
			break
		}
		if l, ok := liab[yy]; ok {
			f := extractors.Found(round2(ta.Value-l.Value), l.Evidence)
			f.Doubt = "no 所有者权益合计 row: net assets computed as 资产总计 - 负债合计"
			r.NetAssets[yy] = f
		}
	}
	for yy, ta := range r.TotalAssets {
		tol := 0.011 * math.Max(mults[yy], 1)
		le, ok := r.LiabilitiesAndEquity[yy]
		if ok && math.Abs(ta.Value-le.Value) > tol {
			ta.Doubt = fmt.Sprintf("资产总计 %s ≠ 负债和所有者权益总计 %s", money(ta.Value), money(le.Value))
			r.TotalAssets[yy] = ta
		}
	}
	return r
}

// withSheetPages returns d with its worksheets as pages, one line a row,
// when d has no pages (statements delivered as a spreadsheet). An empty
// cell between a row's label and its last number reads as a blank
// placeholder so that the columns keep their places.
func withSheetPages(d *extractors.Doc) *extractors.Doc {
	if len(d.Pages) > 0 || len(d.Sheets) == 0 {
		return d
	}
	c := *d
	v := words()
	for i, sh := range d.Sheets {
		p := extractors.Page{Number: i + 1, Method: extractors.MethodSheet, Reason: "sheet " + sh.Name}
		notes := map[int]bool{} // the columns of note references (附注)
		for _, row := range sh.Rows {
			if heads := noteColumns(v, row); len(heads) > 0 {
				notes = heads
			}
			last := -1 // the last numeric cell
			for k, cell := range row {
				if !notes[k] && valueTokRe.MatchString(strings.TrimSpace(cell)) {
					last = k
				}
			}
			var cells []string
			for k, cell := range row {
				if notes[k] {
					continue
				}
				cell = strings.Join(strings.Fields(cell), "")
				if cell == "" {
					if len(cells) > 0 && k < last {
						cells = append(cells, "-")
					}
					continue
				}
				cells = append(cells, cell)
			}
			if len(cells) > 0 {
				p.Lines = append(p.Lines, strings.Join(cells, " "))
			}
		}
		c.Pages = append(c.Pages, p)
	}
	return &c
}

func snippet(label, line string) string {
	if strings.Contains(compactSpace(line), compactSpace(label)) {
		return line
	}
	return label + " … " + line
}

// union returns a new set holding the members of a and b.
func union(a, b map[int]bool) map[int]bool {
	u := make(map[int]bool, len(a)+len(b))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
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
	reportEnd int // offset of the first statement heading (len(text) if none)
}

func join(d *extractors.Doc) joined {
	j := joined{lines: docLines(d), reportEnd: -1}
	var b strings.Builder
	for _, l := range j.lines {
		j.start = append(j.start, b.Len())
		if _, ok := heading(l.text); ok && j.reportEnd < 0 && b.Len() > 0 {
			j.reportEnd = b.Len()
		}
		b.WriteString(strings.ReplaceAll(l.text, " ", ""))
	}
	j.text = b.String()
	if j.reportEnd < 0 {
		j.reportEnd = len(j.text)
	}
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

// segsOf returns the segments of kind k, or every segment (-1) when the
// document marks no statement of that kind.
func (t *table) segsOf(k segKind) []int {
	var out []int
	for i, s := range t.segs {
		if s.kind == k {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		return []int{-1}
	}
	return out
}

// segsNot returns the segments of another kind than k, when the document
// marks some statement of kind k (otherwise segsOf searched them all).
func (t *table) segsNot(k segKind) []int {
	var out []int
	has := false
	for i, s := range t.segs {
		if s.kind == k {
			has = true
		} else {
			out = append(out, i)
		}
	}
	if !has {
		return nil
	}
	return out
}

// addresseeRe is the line a report is addressed to: X全体股东：, X董事会：
// or plainly X：.
var addresseeRe = regexp.MustCompile(`^(\S{4,60}?)(?:全体(?:股东|出资人|合伙人|理事|成员|会员|举办者)|董事会|理事会|股东会|股东大会|管理委员会)?[:：]$`)

// periodAfterRe starts a period written after an entity's name.
var periodAfterRe = regexp.MustCompile(`(?:截至|截止)?(?:19|20)\d\d年`)

// notEntityRe marks a line ending with a colon that names no entity.
var notEntityRe = regexp.MustCompile(`资产|负债|权益|收入|费用|单位|会计师|日期|地址|电话|附注|说明|如下|包括|项目|事项|[，,。;；]`)

func entity(d *extractors.Doc, j joined) extractors.Field[string] {
	clean := func(s string) string {
		s = strings.Trim(s, "“”\"'‘’「」 ")
		for _, p := range []string{"后附的", "后附", "了"} {
			s = strings.TrimPrefix(s, p)
		}
		// a period written after the name: X2025年度的财务报表
		if loc := periodAfterRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
			s = s[:loc[0]]
		}
		return strings.Trim(s, "“”\"'‘’「」 ")
	}
	if m := entityRes[0].FindStringSubmatchIndex(j.text); m != nil {
		if name := clean(j.text[m[2]:m[3]]); len([]rune(name)) >= 4 {
			return extractors.Found(name, j.evidence(d, m[2]))
		}
	}
	for _, re := range entityRes[1:] {
		for _, l := range j.lines {
			if m := re.FindStringSubmatch(l.text); m != nil {
				return extractors.Found(clean(m[1]), d.LineEvidence(l.p, l.text))
			}
		}
	}
	// the addressee line of the report text
	for i, l := range j.lines {
		if j.start[i] >= j.reportEnd {
			break
		}
		c := strings.ReplaceAll(l.text, " ", "")
		if m := addresseeRe.FindStringSubmatch(c); m != nil && !notEntityRe.MatchString(m[1]) {
			return extractors.Found(clean(m[1]), d.LineEvidence(l.p, l.text))
		}
	}
	return extractors.Field[string]{}
}

var (
	// scopeRe finds the sentence naming the statements audited.
	scopeRe  = regexp.MustCompile(`审计了[^。]{0,400}?(?:财务报表|资产负债表|利润表|会计报表)[^。]{0,300}`)
	scope2Re = regexp.MustCompile(`审计[^。]{0,60}?(?:财务报表|会计报表)[^。]{0,300}`)
	// fairRe finds the opinion sentence.
	fairRe = regexp.MustCompile(`(?:公允反映|公允地反映|不能公允反映|未能公允反映)[^。]{0,200}`)
	// titleRe is a cover title naming the years: 2024年度、2025年度财务报表.
	titleRe = regexp.MustCompile(`((?:(?:19|20)\d\d)年(?:度)?(?:[、,，及和与至-]|以及)?){1,4}(?:财务报表|会计报表|审计报告)`)
	// rangeRe is a period spanning years: 2024年1月1日至2025年12月31日,
	// 2024年度至2025年度.
	rangeRe   = regexp.MustCompile(`((?:19|20)\d\d)年(?:度|1月1日)?(?:至|-|—|~)((?:19|20)\d\d)年(?:度|12月31日)`)
	anyYearRe = regexp.MustCompile(`((?:19|20)\d\d)年`)
)

// periodYears returns the years a text names as balance sheet dates
// (X年12月31日), financial years (X年度, X年1-12月) or ranges of them.
func periodYears(s string) []int {
	set := map[int]bool{}
	for _, m := range rangeRe.FindAllStringSubmatch(s, -1) {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if b >= a && b-a <= 4 {
			for y := a; y <= b; y++ {
				set[y] = true
			}
		}
	}
	for _, re := range segDateRes {
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			y, _ := strconv.Atoi(m[1])
			set[y] = true
		}
	}
	var out []int
	for y := range set {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

// years returns the year of the report (the latest its opinion covers) and
// every year the opinion covers, read from the audit scope sentence
// (我们审计了…包括2025年12月31日、2024年12月31日的资产负债表…), else
// the opinion sentence, else the cover title; the first balance sheet
// date or financial year otherwise.
func years(d *extractors.Doc, j joined) (extractors.Field[int], []int) {
	rep := j.text[:j.reportEnd]
	for _, re := range []*regexp.Regexp{scopeRe, scope2Re, fairRe, titleRe} {
		for _, loc := range re.FindAllStringIndex(rep, 3) {
			var ys []int
			if re == titleRe {
				for _, m := range anyYearRe.FindAllStringSubmatch(rep[loc[0]:loc[1]], -1) {
					y, _ := strconv.Atoi(m[1])
					ys = append(ys, y)
				}
				sort.Ints(ys)
				ys = slices.Compact(ys)
			} else {
				ys = periodYears(rep[loc[0]:loc[1]])
			}
			if len(ys) == 0 || ys[len(ys)-1]-ys[0] > 4 {
				continue
			}
			return extractors.Found(ys[len(ys)-1], j.evidence(d, loc[0])), ys
		}
	}
	for _, re := range []*regexp.Regexp{yearEndRe, yearFullRe} {
		if m := re.FindStringSubmatchIndex(j.text); m != nil {
			y, _ := strconv.Atoi(j.text[m[2]:m[3]])
			return extractors.Found(y, j.evidence(d, m[0])), []int{y}
		}
	}
	return extractors.Field[int]{}, nil
}

var (
	// basisRe is the heading of the basis paragraph of a modified opinion
	// (形成保留意见的基础), or the opinion heading itself (一、保留意见).
	basisRe = regexp.MustCompile(`形成(无法表示意见|否定意见|保留意见)的基础|(?:^|[一1][、.])(无法表示意见|否定意见|保留意见)(?:[:：]|$|我们)`)
	// emphasisRe starts a paragraph that does not change the opinion.
	emphasisRe = regexp.MustCompile(`强调事项|与持续经营相关的重大不确定性|关键审计事项|其他事项|其他信息`)
)

// opinion classifies the opinion the report gives, read from the report
// text before the responsibility paragraphs (whose boilerplate mentions
// 非无保留意见 in every report) and before any emphasis-of-matter
// paragraph; a report that states its opinion after the responsibility
// paragraphs (the older layout) is read up to its first statement.
func opinion(d *extractors.Doc, j joined) extractors.Field[string] {
	rep := j.text[:j.reportEnd]
	mask := func(s string) string {
		for _, p := range []string{"带强调事项段的无保留意见", "带强调事项段无保留意见", "带有强调事项段的无保留意见"} {
			s = strings.ReplaceAll(s, p, "无保留意见"+strings.Repeat("＃", utf8.RuneCountInString(p)-5))
		}
		return strings.ReplaceAll(s, "非无保留意见", "＃＃＃＃＃＃")
	}
	rep = mask(rep)
	sec := rep
	if loc := respRe.FindStringIndex(sec); loc != nil && loc[0] > 0 {
		sec = sec[:loc[0]]
	}
	if f := classify(d, j, sec, 0); f.OK {
		return f
	}
	// the older layout: opinion after the responsibility paragraphs
	if loc := respRe.FindStringIndex(rep); loc != nil && loc[0] > 0 {
		return classify(d, j, rep[loc[1]:], loc[1])
	}
	return extractors.Field[string]{}
}

// classify reads the opinion of sec, the report text at offset base of
// j.text with 非无保留意见 masked.
func classify(d *extractors.Doc, j joined, sec string, base int) extractors.Field[string] {
	found := func(op string, off int) extractors.Field[string] {
		return extractors.Found(op, j.evidence(d, base+off))
	}
	at := func(kw string) int { return strings.Index(sec, kw) }
	// the first basis or opinion heading of a modified opinion
	if m := basisRe.FindStringSubmatchIndex(sec); m != nil {
		kw := ""
		if m[2] >= 0 {
			kw = sec[m[2]:m[3]]
		} else {
			kw = sec[m[4]:m[5]]
		}
		// 无保留意见 is no heading of a modified opinion
		if !(kw == "保留意见" && m[2] < 0 && m[4] >= 3 && sec[m[4]-3:m[4]] == "无") {
			switch kw {
			case "无法表示意见":
				return found(Disclaimer, m[0])
			case "否定意见":
				return found(Adverse, m[0])
			default:
				return found(Qualified, m[0])
			}
		}
	}
	// an emphasis-of-matter paragraph does not change the opinion
	if loc := emphasisRe.FindStringIndex(sec); loc != nil && loc[0] > 0 {
		sec = sec[:loc[0]]
	}
	clean := sec
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

// noteColumns returns the columns that a heading row names as note
// references (附注), or none when row is no heading row with such a
// column: a row naming value columns too.
func noteColumns(v *vocab, row []string) map[int]bool {
	out := map[int]bool{}
	value := false
	for k, cell := range row {
		c := compactSpace(cell)
		if v.notes[c] {
			out[k] = true
		} else if n, _ := v.colAt([]rune(c), 0); n > 0 {
			value = true
		}
	}
	if !value {
		return nil
	}
	return out
}

package form

import (
	"math"
	"regexp"
	"strings"

	"ruku/extractors"
	"ruku/extractors/fields"
	"ruku/extractors/parse"
	"ruku/lexicon"

	"golang.org/x/text/unicode/norm"
)

// The declared figures a form states, as figureKind names them.
const (
	figAssets   = "assets"
	figArea     = "area"
	figSenior   = "senior"
	figExperts  = "experts"
	figPartners = "partners"
	figSMEs     = "smes"
	figP2P      = "p2p"
)

// figureStems recognise a figure's label, or a piece of a label that a
// narrow cell wrapped (副高级以上专 / 家人数, 近一年服务企 / 业数), in
// priority order: a label matched by an earlier stem is not matched again by
// a later one (副高级以上专家人数 is the senior count, not the total;
// 点对点服务企业数 is not the number of enterprises served).
var figureStems = []struct {
	key string
	re  *regexp.Regexp
}{
	{figP2P, regexp.MustCompile(`点对点|一对一|上门服务`)},
	{figSenior, regexp.MustCompile(`副高|正高|高级职称|高级以上|高级及以上`)},
	{figExperts, regexp.MustCompile(`专家`)},
	{figPartners, regexp.MustCompile(`合作机构|协议的?机构|签约机构|合作单位|机构数|合作伙伴`)},
	{figSMEs, regexp.MustCompile(`服务(?:的)?(?:中小)?企|企业数|企业家数|服务企业`)},
	{figAssets, regexp.MustCompile(lexicon.Default().Alt("form.assets_labels"))},
	{figArea, regexp.MustCompile(lexicon.Default().Alt("form.area_labels"))},
}

// orgSuffixRe marks a cell that holds a name rather than a label.
var orgSuffixRe = regexp.MustCompile(`(?:公司|中心|合伙\)|研究院|协会|事务所|学会|商会|集团)$`)

// figureKind returns the figure a label (or label piece) names, or "".
func figureKind(label string) string {
	c := parse.Compact(label)
	if c == "" || orgSuffixRe.MatchString(c) || len([]rune(c)) > 40 {
		return ""
	}
	for _, s := range figureStems {
		if s.re.MatchString(c) {
			return s.key
		}
	}
	return ""
}

// units is the alternation of the units a figure's value may carry: money,
// counts and the lexicon's area units, NFKC-normalised as tokens are.
var units = func() string {
	ws := []string{"万元", "元", "万", "家", "人", "个", "名", "户"}
	for _, u := range lexicon.Default().Words("common.area_units") {
		ws = append(ws, norm.NFKC.String(u))
	}
	return lexicon.Alt(ws)
}()

// moneyPrefix is the alternation of the marks written before an amount
// (人民币, ¥), NFKC-normalised.
var moneyPrefix = func() string {
	var ws []string
	for _, p := range lexicon.Default().Words("common.money_prefixes") {
		ws = append(ws, norm.NFKC.String(p))
	}
	return lexicon.Alt(ws)
}()

var (
	// valueTokRe is a figure's value: a number with an optional money
	// prefix and an optional unit.
	valueTokRe = regexp.MustCompile(`^` + moneyPrefix + `?(\d[\d,]*(?:\.\d+)?)` + units + `?$`)
	// unitTokRe is a cell holding only a unit: (元), (家), 平方米 …
	unitTokRe = regexp.MustCompile(`^\(?(?:单位)?` + units + `?\)?$`)
	// bareUnitRe is a cell holding a unit and nothing else (万元, ㎡): the
	// unit of the value on its left.
	bareUnitRe = regexp.MustCompile(`^` + units + `$`)
	// gluedRe splits a label written against its value (总资产486.32万元).
	gluedRe = regexp.MustCompile(`^(.*?\D)(` + moneyPrefix + `?\d[\d,]*(?:\.\d+)?` + units + `?)$`)
)

// figTok is one cell-like piece of a line.
type figTok struct {
	text  string
	value bool
	key   string // figure the token labels, for label tokens
	used  bool
}

// tokens splits a line into pieces: at spaces (which separate a row's
// cells) and colons, a label glued to its value split off. Dates and
// phone numbers are dropped, so that their digits are not taken for
// values.
func tokens(line string) []figTok {
	s := parse.FoldLookAlikes(parse.Clean(line))
	for _, m := range dateTextAllRe.FindAllString(s, -1) {
		s = strings.Replace(s, m, " 〇 ", 1)
	}
	s = strings.NewReplacer(":", " ", "：", " ", "（", "(", "）", ")").Replace(s)
	var out []figTok
	for _, f := range strings.Fields(s) {
		if phoneRe.FindString(f) == f || longDigitsRe.MatchString(f) {
			f = "〇"
		}
		if !valueTokRe.MatchString(f) && !isCapital(f) {
			// a label written against an amount in capitals (资产合计陆仟…元整)
			if m := gluedCapitalRe.FindStringSubmatch(f); m != nil && isCapital(m[2]) {
				out = append(out, figTok{text: m[1], key: figureKind(m[1])}, figTok{text: m[2], value: true})
				continue
			}
			if m := gluedRe.FindStringSubmatch(f); m != nil && !strings.HasSuffix(m[1], ".") && !strings.HasSuffix(m[1], ",") {
				out = append(out, figTok{text: m[1], key: figureKind(m[1])}, figTok{text: m[2], value: true})
				continue
			}
		}
		if valueTokRe.MatchString(f) || isCapital(f) {
			out = append(out, figTok{text: f, value: true})
		} else {
			out = append(out, figTok{text: f, key: figureKind(f)})
		}
	}
	return out
}

// capitalTokRe is an amount written in capital numerals, whole: 人民币叁佰
// 贰拾玖万柒仟元整, ¥贰佰万元.
var capitalTokRe = regexp.MustCompile(`^(?:人民币|RMB|¥|￥)?[零〇壹贰貳叁參肆伍陆陸柒捌玖拾][零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億]*(?:元|圆)(?:[零〇壹贰叁肆伍陆柒捌玖]角)?(?:[零〇壹贰叁肆伍陆柒捌玖]分)?整?$`)

// gluedCapitalRe splits a label written against an amount in capital
// numerals, the amount as long as it can be.
var gluedCapitalRe = regexp.MustCompile(`^(.*?[^零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億])((?:人民币|RMB|¥)?[零〇壹贰貳叁參肆伍陆陸柒捌玖][零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億]*(?:元|圆).*)$`)

// isCapital reports whether v is an amount in capital numerals.
func isCapital(v string) bool { return capitalTokRe.MatchString(parse.Compact(v)) }

// longDigitsRe is a code or account number, never a declared figure.
var longDigitsRe = regexp.MustCompile(`^\d{13,}$`)

var dateTextAllRe = regexp.MustCompile(`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日`)

// figure is a value paired with the label it belongs to.
type figure struct {
	key   string
	value string // the value token, unit included
	unit  string // the label's text, and its wrapped unit, for the money unit
	line  int
}

// pairFigures pairs each value with its label. A value belongs to the
// nearest label left of it on its line (unit-only cells skipped); a value
// with another value or nothing on its left belongs to a label piece on the
// line above or below that no value of its own line claims (a cell wrapped
// around the value, or a label written above its value), taken left to
// right. A value whose left neighbour is another label (注册资本, a name, a
// phone's owner) is not a figure.
func pairFigures(lines [][]figTok) []figure {
	var out []figure
	taken := map[string]bool{}
	type pending struct {
		line, tok int
	}
	var waiting []pending
	for i, toks := range lines {
		for k, t := range toks {
			if !t.value {
				continue
			}
			// A unit in a cell of its own is the value's: 4879.79 | 万元.
			if k+1 < len(toks) && bareUnitRe.MatchString(toks[k+1].text) && valueTokRe.MatchString(t.text) && !hasUnit(t.text) {
				toks[k].text += toks[k+1].text
				t = toks[k]
			}
			j := k - 1
			for j >= 0 && !toks[j].value && toks[j].key == "" && unitTokRe.MatchString(toks[j].text) && toks[j].text != "" {
				j--
			}
			switch {
			case j < 0 || toks[j].value:
				waiting = append(waiting, pending{i, k})
			case toks[j].key != "" && !toks[j].used && !taken[toks[j].key]:
				toks[j].used = true
				taken[toks[j].key] = true
				// A unit cell between label and value is the label's:
				// 总资产 | (单位：万元) | 4946.34.
				unit := unitText(lines, i, j)
				for _, u := range toks[j+1 : k] {
					unit += u.text
				}
				out = append(out, figure{toks[j].key, t.text, unit, i})
			}
		}
	}
	// values waiting on each line, and figure labels on each line
	waits, labels := map[int]int{}, map[int]int{}
	for _, w := range waiting {
		waits[w.line]++
	}
	for i, toks := range lines {
		for _, t := range toks {
			if t.key != "" {
				labels[i]++
			}
		}
	}
	for _, w := range waiting {
		var cands []struct{ line, tok int }
		for _, li := range []int{w.line - 1, w.line, w.line + 1} {
			if li < 0 || li >= len(lines) {
				continue
			}
			for k, t := range lines[li] {
				if t.key == "" || t.used || taken[t.key] {
					continue
				}
				if li == w.line && k > w.tok {
					continue
				}
				if li != w.line && hasValue(lines[li]) && !hasFreeLabelOnly(lines[li]) {
					continue
				}
				if li == w.line+1 && !hasValue(lines[li]) && li+1 < len(lines) && hasValue(lines[li+1]) {
					continue // a header row over values of its own
				}
				cands = append(cands, struct{ line, tok int }{li, k})
			}
		}
		if len(cands) == 0 {
			continue
		}
		c := cands[0]
		if c.line == w.line-1 && !hasValue(lines[c.line]) && labels[c.line] < waits[w.line] {
			// a row of values under fewer labels than values (labels
			// run together, 专家人数副高级专家人数): which is whose is
			// not known
			continue
		}
		t := &lines[c.line][c.tok]
		t.used = true
		taken[t.key] = true
		// the label's unit, also when a colon split it off (资产总额(单位 | 万元))
		unit := unitText(lines, c.line, c.tok)
		for k := c.tok + 1; k < len(lines[c.line]); k++ {
			u := lines[c.line][k]
			if u.value || u.key != "" || !unitTokRe.MatchString(u.text) || u.text == "" {
				break
			}
			unit += u.text
		}
		out = append(out, figure{t.key, lines[w.line][w.tok].text, unit, w.line})
	}
	return out
}

// hasUnit reports whether a value token carries its unit.
func hasUnit(v string) bool {
	m := valueTokRe.FindStringSubmatch(v)
	return m != nil && !strings.HasSuffix(v, m[1])
}

// hasValue reports whether a line holds a value token.
func hasValue(toks []figTok) bool {
	for _, t := range toks {
		if t.value {
			return true
		}
	}
	return false
}

// hasFreeLabelOnly reports whether every value of a line is claimed, so
// that a label piece left on it may belong to a neighbour's value: true
// when some label of the line is unused and no value of it lacks a label.
func hasFreeLabelOnly(toks []figTok) bool {
	for k, t := range toks {
		if t.value && (k == 0 || toks[k-1].value) {
			return false
		}
	}
	return true
}

// unitText is a label's text with the unit a wrapped cell put on the next
// lines at the same position ((万 / 元), 总资产 / (元)).
func unitText(lines [][]figTok, li, k int) string {
	s := lines[li][k].text
	for _, n := range []int{li + 1, li + 2} {
		if n >= len(lines) || k >= len(lines[n]) {
			continue
		}
		t := lines[n][k].text
		if !lines[n][k].value && lines[n][k].key == "" && (unitTokRe.MatchString(t) || strings.HasSuffix(t, ")")) && len([]rune(t)) <= 6 {
			return s + t
		}
	}
	return s
}

// Kinds of unit a value may carry.
const (
	unitMoney = "money"
	unitArea  = "area"
	unitCount = "count"
)

// areaUnitRe is a value ending in an area unit of the lexicon.
var areaUnitRe = func() *regexp.Regexp {
	var ws []string
	for _, u := range lexicon.Default().Words("common.area_units") {
		ws = append(ws, norm.NFKC.String(u))
	}
	return regexp.MustCompile(`\d\s*` + lexicon.Alt(ws) + `$`)
}()

// unitKind is the kind of unit value v carries, "" for none.
func unitKind(v string) string {
	c := parse.Norm(strings.ReplaceAll(v, " ", ""))
	switch {
	case areaUnitRe.MatchString(c):
		return unitArea
	case strings.HasSuffix(c, "元") || strings.HasSuffix(c, "万") || strings.ContainsAny(c, "¥"):
		return unitMoney
	case strings.HasSuffix(c, "家") || strings.HasSuffix(c, "人") || strings.HasSuffix(c, "个") || strings.HasSuffix(c, "名") || strings.HasSuffix(c, "户"):
		return unitCount
	}
	return ""
}

// figureUnit is the kind of unit figure key is stated in.
func figureUnit(key string) string {
	switch key {
	case figAssets:
		return unitMoney
	case figArea:
		return unitArea
	}
	return unitCount
}

// setFigure stores a declared figure read from value v under a label
// whose text (with its unit) is label.
func setFigure(f *Form, key, v, label string, ev extractors.Evidence) {
	m := valueTokRe.FindStringSubmatch(parse.Norm(strings.ReplaceAll(v, " ", "")))
	if m == nil {
		if key == figAssets && isCapital(v) {
			if a, ok := parse.CapitalAmount(parse.Compact(v)); ok {
				f.TotalAssets = extractors.Found(a, ev)
			}
		}
		return
	}
	n, ok := parse.Number(m[1])
	if !ok || n < 0 {
		return
	}
	if u := unitKind(v); u != "" && u != figureUnit(key) {
		return // 2456.99㎡ is no count, 3958.57万元 no area: a label mixed up
	}
	iv := extractors.Found(int(math.Round(n)), ev)
	switch key {
	case figAssets:
		f.TotalAssets = amount(v, label, ev)
	case figArea:
		f.AreaM2 = extractors.Found(n, ev)
	case figSenior:
		f.ExpertsSenior = iv
	case figExperts:
		f.ExpertsTotal = iv
	case figPartners:
		f.Partners = iv
	case figSMEs:
		f.SMEsServed = iv
	case figP2P:
		f.PointToPoint = iv
	}
}

// textFigures reads the declared figures from the lines of a text form.
func textFigures(d *extractors.Doc, f *Form) {
	type at struct {
		page *extractors.Page
		raw  string
	}
	var raw []string
	var src []at
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			raw = append(raw, fields.Unspace(fields.Fold(l))) // 总 资 产 → 总资产
			src = append(src, at{p, l})
		}
	}
	// A header row over its row of values is read as one row of pairs.
	rows, from := formFields.Rows(raw)
	var lines [][]figTok
	var where []at
	for i, l := range rows {
		lines = append(lines, tokens(l))
		where = append(where, src[from[i]])
	}
	for _, fg := range pairFigures(lines) {
		w := where[fg.line]
		setFigure(f, fg.key, fg.value, fg.unit, d.LineEvidence(w.page, w.raw))
	}
}

// sheetFigures reads the declared figures from a sheet: a cell naming a
// figure, its value the rest of the cell, else the next non-empty cell on
// its right, else the cell below. The first cell naming a figure wins.
func sheetFigures(d *extractors.Doc, f *Form) {
	taken := map[string]bool{}
	for _, sh := range d.Sheets {
		for r, row := range sh.Rows {
			for c, cell := range row {
				key := figureKind(cell)
				if key == "" || taken[key] {
					continue
				}
				toks := tokens(cell)
				if len(toks) > 0 && toks[len(toks)-1].value {
					taken[key] = true
					setFigure(f, key, toks[len(toks)-1].text, cell, d.RowEvidence(sh.Name, r+1, row))
					continue
				}
				v, ev := "", d.RowEvidence(sh.Name, r+1, row)
				for k := c + 1; k < len(row) && v == ""; k++ {
					v = strings.TrimSpace(row[k])
					// a unit in a cell of its own is the value's: 4879.79 | 万元
					if v != "" && k+1 < len(row) && !hasUnit(parse.Norm(v)) && bareUnitRe.MatchString(parse.Compact(row[k+1])) {
						v += parse.Compact(row[k+1])
					}
				}
				if isLabel(v) {
					v = "" // a header row: the value is below
				}
				if v == "" && r+1 < len(sh.Rows) && c < len(sh.Rows[r+1]) {
					v = strings.TrimSpace(sh.Rows[r+1][c])
					ev = d.RowEvidence(sh.Name, r+2, sh.Rows[r+1])
				}
				if v == "" || isLabel(v) {
					continue
				}
				taken[key] = true
				setFigure(f, key, parse.Norm(v), cell, ev)
			}
		}
	}
}

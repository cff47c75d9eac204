// Package form reads the application form (入库申请表) from a spreadsheet
// (label cells and value cells) or from the text of a PDF or DOCX, where a
// two-column table arrives as lines whose cells wrapped into each other.
package form

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
)

// Form is what the application form declares. Nature is 公益性 or 社会化
// ("" with OK false when none is ticked); Categories are the ticked service
// categories in the guide's spelling; TotalAssets is in yuan whatever unit
// the label states.
type Form struct {
	Name, USCC, LegalRep, Address extractors.Field[string]
	EstablishedOn, AppliedOn      extractors.Field[time.Time]
	Nature                        extractors.Field[string]
	Categories                    extractors.Field[[]string]
	TotalAssets, AreaM2           extractors.Field[float64]
	ExpertsSenior, ExpertsTotal   extractors.Field[int]
	Partners, SMEsServed          extractors.Field[int]
	PointToPoint                  extractors.Field[int]
}

// Categories and natures the guide names (第九条).
var (
	categoryNames = []string{"数字赋能", "融资促进", "技术创新", "检验检测", "成果转化", "品牌提升", "政策咨询", "人力资源", "其他"}
	natureNames   = []string{"公益性", "社会化"}
)

const ticks = "☑■√✓☒✔✅"
const unticks = "□☐"

// label patterns over compact text, in the form's usual order.
var (
	nameLabel    = regexp.MustCompile(`^(?:机构名称|单位名称|申请单位名称|申报单位名称)`)
	usccLabel    = regexp.MustCompile(`^统一社会信用代码`)
	repLabel     = regexp.MustCompile(`^(?:法定代表人|法人代表|负责人)`)
	addrLabel    = regexp.MustCompile(`^(?:注册地址|注册地|住所|单位地址|通讯地址)`)
	estLabel     = regexp.MustCompile(`^(?:成立日期|成立时间|注册日期)`)
	appliedLabel = regexp.MustCompile(`^(?:申请日期|申报日期|填报日期)`)
	natureLabel  = regexp.MustCompile(`^服务性质`)
	catLabel     = regexp.MustCompile(`^服务类别`)
	assetsLabel  = regexp.MustCompile(`^(?:总资产|资产总额)`)
	areaLabel    = regexp.MustCompile(`^(?:服务场所面积|场所面积|办公面积|经营面积)`)
	seniorLabel  = regexp.MustCompile(`^(?:副高级以上专家|副高级及以上专家|高级职称专家)`)
	expertsLabel = regexp.MustCompile(`^(?:专家总数|专家人数|合作专家总数)`)
	partnerLabel = regexp.MustCompile(`^(?:合作机构数|合作机构)`)
	smesLabel    = regexp.MustCompile(`^(?:近一年服务企业数|近一年服务企业|服务企业数|服务中小企业数)`)
	p2pLabel     = regexp.MustCompile(`^(?:点对点服务企业数|点对点服务企业|点对点)`)
)

// Extract reads an application form.
func Extract(d *extractors.Doc) Form {
	if d == nil {
		return Form{}
	}
	if len(d.Sheets) > 0 {
		return fromSheets(d)
	}
	return fromText(d)
}

// ---- spreadsheets ----

type cellAt struct {
	sheet    string
	row, col int
	text     string
	cells    []string
}

func fromSheets(d *extractors.Doc) Form {
	var f Form
	// value finds the value of the first cell whose compact text starts
	// with the label: the rest of the cell, else the next non-empty cell to
	// the right, else the cell below.
	value := func(re *regexp.Regexp) (string, string, extractors.Evidence, bool) {
		for _, sh := range d.Sheets {
			for r, row := range sh.Rows {
				for c, cell := range row {
					cc := parse.Compact(cell)
					loc := re.FindStringIndex(cc)
					if loc == nil {
						continue
					}
					ev := d.RowEvidence(sh.Name, r+1, row)
					rest := strings.TrimLeft(cc[loc[1]:], ":：")
					for k := c + 1; k < len(row); k++ {
						if v := strings.TrimSpace(row[k]); v != "" {
							return v, cc, ev, true
						}
					}
					if rest != "" && !strings.HasPrefix(rest, "(") {
						return rest, cc, ev, true
					}
					if r+1 < len(sh.Rows) && c < len(sh.Rows[r+1]) {
						if v := strings.TrimSpace(sh.Rows[r+1][c]); v != "" {
							return v, cc, d.RowEvidence(sh.Name, r+2, sh.Rows[r+1]), true
						}
					}
					return "", cc, ev, false
				}
			}
		}
		return "", "", extractors.Evidence{}, false
	}
	str := func(re *regexp.Regexp) extractors.Field[string] {
		if v, _, ev, ok := value(re); ok {
			return extractors.Found(strings.TrimSpace(parse.Norm(v)), ev)
		}
		return extractors.Field[string]{}
	}
	date := func(re *regexp.Regexp) extractors.Field[time.Time] {
		if v, _, ev, ok := value(re); ok {
			if t, ok := cellDate(v); ok {
				return extractors.Found(t, ev)
			}
		}
		return extractors.Field[time.Time]{}
	}
	integer := func(re *regexp.Regexp) extractors.Field[int] {
		if v, _, ev, ok := value(re); ok {
			if n, ok := parse.Number(v); ok && n >= 0 {
				return extractors.Found(int(math.Round(n)), ev)
			}
		}
		return extractors.Field[int]{}
	}
	f.Name = str(nameLabel)
	f.USCC = codeField(str(usccLabel))
	f.LegalRep = str(repLabel)
	f.Address = str(addrLabel)
	f.EstablishedOn = date(estLabel)
	f.AppliedOn = date(appliedLabel)
	if v, _, ev, ok := value(natureLabel); ok {
		f.Nature = nature(v, ev)
	}
	if v, _, ev, ok := value(catLabel); ok {
		f.Categories = extractors.Found(ticked(v, categoryNames), ev)
	}
	if v, label, ev, ok := value(assetsLabel); ok {
		f.TotalAssets = amount(v, label, ev)
	}
	if v, _, ev, ok := value(areaLabel); ok {
		if n, ok := parse.Number(v); ok {
			f.AreaM2 = extractors.Found(n, ev)
		}
	}
	f.ExpertsSenior = integer(seniorLabel)
	f.ExpertsTotal = integer(expertsLabel)
	f.Partners = integer(partnerLabel)
	f.SMEsServed = integer(smesLabel)
	f.PointToPoint = integer(p2pLabel)
	return f
}

// cellDate reads a date cell: an Excel serial number or written text.
func cellDate(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if n, err := strconv.ParseFloat(v, 64); err == nil && n > 20000 && n < 80000 {
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)), true
	}
	return parse.Date(v)
}

func codeField(f extractors.Field[string]) extractors.Field[string] {
	if !f.OK {
		return f
	}
	if c := uscc.Find(f.Value); len(c) > 0 {
		f.Value = c[0]
		return f
	}
	f.Value = strings.ToUpper(strings.Join(strings.Fields(f.Value), ""))
	f.Doubt = "统一社会信用代码 check character does not verify"
	return f
}

// amount reads a money value in the unit its label states (总资产（万元）).
func amount(v, label string, ev extractors.Evidence) extractors.Field[float64] {
	a, ok := parse.Amount(v)
	if !ok {
		return extractors.Field[float64]{}
	}
	if !strings.ContainsAny(v, "万千元") {
		if u, ok := parse.UnitOf(label); ok {
			a = math.Round(a*u*100) / 100
		}
	}
	return extractors.Found(a, ev)
}

// ticked returns the names in s that a tick mark precedes.
func ticked(s string, names []string) []string {
	c := parse.Compact(s)
	c = strings.NewReplacer("[√]", "☑", "[✓]", "☑", "[ ]", "□", "[]", "□", "(√)", "☑").Replace(c)
	out := []string{}
	for _, n := range names {
		i := strings.Index(c, n)
		for i >= 0 {
			before := []rune(c[:i])
			if len(before) > 0 && strings.ContainsRune(ticks, before[len(before)-1]) {
				out = append(out, n)
				break
			}
			j := strings.Index(c[i+len(n):], n)
			if j < 0 {
				break
			}
			i += len(n) + j
		}
	}
	return out
}

func nature(s string, ev extractors.Evidence) extractors.Field[string] {
	t := ticked(s, natureNames)
	if len(t) == 1 {
		return extractors.Found(t[0], ev)
	}
	if len(t) > 1 {
		f := extractors.Found(t[0], ev)
		f.Doubt = "both 公益性 and 社会化 ticked"
		return f
	}
	return extractors.Field[string]{Evidence: ev}
}

// ---- text (PDF, DOCX) ----

type tline struct {
	page *extractors.Page
	raw  string
}

var (
	dateTextRe = regexp.MustCompile(`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2}`)
	phoneRe    = regexp.MustCompile(`1\d{10}|0\d{2,3}-?\d{7,8}`)
	numTokRe   = regexp.MustCompile(`^\d[\d,]*(?:\.\d+)?$`)
	applicant  = regexp.MustCompile(`申请单位\s*[(（]?\s*(?:盖章|公章)?\s*[)）]?\s*[:：]\s*(\S.+)$`)
	labelWords = regexp.MustCompile(`机构名称|统一社会信用代码|统一社会信用代?|信用代码|代码|^码$|^码 | 码$|法定代表人|成立日期|注册地址|联系人/电话|联系人|联系电话|注册资本`)
)

func fromText(d *extractors.Doc) Form {
	var f Form
	var lines []tline
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			if s := strings.TrimSpace(parse.Norm(l)); s != "" {
				lines = append(lines, tline{p, s})
			}
		}
	}
	ev := func(i int) extractors.Evidence { return d.LineEvidence(lines[i].page, lines[i].raw) }
	find := func(re *regexp.Regexp) int {
		for i, l := range lines {
			if re.MatchString(strings.ReplaceAll(l.raw, " ", "")) {
				return i
			}
		}
		return -1
	}
	contains := func(s string) int {
		for i, l := range lines {
			if strings.Contains(strings.ReplaceAll(l.raw, " ", ""), s) {
				return i
			}
		}
		return -1
	}
	// USCC: the first valid code
	for i, l := range lines {
		if c := uscc.Find(l.raw); len(c) > 0 {
			f.USCC = extractors.Found(c[0], ev(i))
			break
		}
	}
	// Name: the sealed applicant line, else the 机构名称 cell's pieces.
	for i, l := range lines {
		if m := applicant.FindStringSubmatch(l.raw); m != nil {
			f.Name = extractors.Found(strings.TrimSpace(m[1]), ev(i))
			break
		}
	}
	rep := contains("法定代表人")
	if !f.Name.OK {
		start := contains("机构名称")
		if start >= 0 {
			from := max(0, start-2)
			if t := contains("申请表"); t >= 0 && t < start {
				from = t + 1
			}
			to := start + 3
			if rep > start {
				to = rep
			}
			f.Name = extractors.Found(pieces(lines, from, min(to, len(lines))), ev(start))
		}
	}
	// Legal representative: the token after the label.
	if rep >= 0 {
		fs := strings.Fields(lines[rep].raw)
		for k, t := range fs {
			if strings.HasPrefix(t, "法定代表人") {
				v := strings.TrimLeft(strings.TrimPrefix(t, "法定代表人"), ":：")
				if v == "" && k+1 < len(fs) {
					v = fs[k+1]
				}
				if i := repStop.FindStringIndex(v); i != nil {
					v = v[:i[0]]
				}
				if v != "" {
					f.LegalRep = extractors.Found(v, ev(rep))
				}
				break
			}
		}
	}
	dateAfter := func(label string) extractors.Field[time.Time] {
		for i, l := range lines {
			c := strings.ReplaceAll(l.raw, " ", "")
			k := strings.Index(c, label)
			if k < 0 {
				continue
			}
			rest := c[k+len(label):]
			if i+1 < len(lines) {
				rest += " " + lines[i+1].raw
			}
			if m := dateTextRe.FindString(rest); m != "" {
				if t, ok := parse.Date(m); ok {
					return extractors.Found(t, ev(i))
				}
			}
		}
		return extractors.Field[time.Time]{}
	}
	f.EstablishedOn = dateAfter("成立日期")
	f.AppliedOn = dateAfter("申请日期")
	// Address: the pieces around the 注册地址 label.
	if a := contains("注册地址"); a >= 0 {
		from := a - 1
		if rep >= 0 && rep >= from {
			from = rep + 1
		}
		to := a + 2
		if n := contains("服务性质"); n > a && n < to {
			to = n
		}
		f.Address = extractors.Found(pieces(lines, max(from, 0), min(to, len(lines))), ev(a))
	}
	// Ticks: the text from 服务性质 to the first figure label, joined.
	ns := contains("服务性质")
	fig := find(assetsLabelText)
	if ns >= 0 {
		end := len(lines)
		if fig > ns {
			end = fig
		}
		var b strings.Builder
		for _, l := range lines[ns:end] {
			b.WriteString(l.raw)
		}
		joined := strings.ReplaceAll(parse.Compact(b.String()), "服务类别", "")
		joined = strings.ReplaceAll(joined, "服务性质", "")
		f.Nature = nature(joined, ev(ns))
		if c := contains("服务类别"); c >= 0 {
			f.Categories = extractors.Found(ticked(joined, categoryNames), ev(c))
		} else {
			f.Categories = extractors.Found(ticked(joined, categoryNames), ev(ns))
		}
	}
	if fig >= 0 {
		// a wrapped right-hand label may start above the 总资产 line
		from := max(fig-2, ns+1, 0)
		if c := contains("服务类别"); c >= 0 && c < fig {
			from = max(from, c+1)
		}
		figures(d, lines, min(from, fig), &f)
	}
	return f
}

var repStop = regexp.MustCompile(`成立日期|成立时间|注册资本|联系人|联系电话|统一社会`)

var assetsLabelText = regexp.MustCompile(`总资产|资产总额`)

// pieces joins the text of lines[from:to] without the form's labels,
// codes, phone numbers and the contact's name: what is left of a cell
// that wrapped between its neighbours.
func pieces(lines []tline, from, to int) string {
	var b strings.Builder
	for _, l := range lines[from:to] {
		s := l.raw
		if i := strings.Index(s, "联系人"); i >= 0 {
			s = s[:i]
		}
		if i := strings.Index(s, "成立日期"); i >= 0 {
			s = s[:i]
		}
		if i := strings.Index(s, "注册资本"); i >= 0 {
			s = s[:i]
		}
		for _, c := range uscc.Candidates(s) {
			s = strings.ReplaceAll(s, c, "")
		}
		s = phoneRe.ReplaceAllString(s, "")
		s = labelWords.ReplaceAllString(strings.TrimSpace(s), "")
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	}
	return parse.Norm(b.String())
}

// figureLabels are the declared figures in the form's order; their values
// follow in the same order in the text whatever the wrapping.
var figureLabels = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`总资产|资产总额`), "assets"},
	{regexp.MustCompile(`服务场所面|场所面积`), "area"},
	{regexp.MustCompile(`副高级`), "senior"},
	{regexp.MustCompile(`专家总数`), "experts"},
	{regexp.MustCompile(`合作机构`), "partners"},
	{regexp.MustCompile(`近一年服务|服务企业数|服务企\S*业数`), "smes"},
	{regexp.MustCompile(`点对点`), "p2p"},
}

func figures(d *extractors.Doc, lines []tline, from int, f *Form) {
	type pos struct {
		at  int
		key string
	}
	var joined strings.Builder
	var starts []int
	for _, l := range lines[from:] {
		starts = append(starts, joined.Len())
		joined.WriteString(strings.ReplaceAll(l.raw, " ", ""))
		joined.WriteString("\n")
	}
	text := joined.String()
	var ps []pos
	seen := map[string]bool{}
	for _, fl := range figureLabels {
		if loc := fl.re.FindStringIndex(text); loc != nil && !seen[fl.key] {
			seen[fl.key] = true
			ps = append(ps, pos{loc[0], fl.key})
		}
	}
	// The values follow in the form's order (left cell before right cell of
	// a row), not in the order the wrapped labels start.
	// the standalone numbers, in order, before the 申请日期's date
	type num struct {
		v    float64
		line int
	}
	var nums []num
	for i, l := range lines[from:] {
		s := dateTextRe.ReplaceAllString(l.raw, " ")
		s = phoneRe.ReplaceAllString(s, " ")
		for _, t := range strings.Fields(s) {
			t = strings.TrimSuffix(strings.TrimSuffix(t, "元"), "万")
			if numTokRe.MatchString(t) {
				if v, ok := parse.Number(t); ok {
					nums = append(nums, num{v, from + i})
				}
			}
		}
		if strings.Contains(l.raw, "申请日期") || strings.Contains(l.raw, "本单位承诺") {
			break
		}
	}
	unitMul := 1.0
	if loc := assetsLabelText.FindStringIndex(text); loc != nil {
		after := text[loc[1]:min(len(text), loc[1]+40)]
		if strings.HasPrefix(after, "(万") || strings.HasPrefix(after, "(万元") {
			unitMul = 10000
		} else if u, ok := parse.UnitOf(after[:min(len(after), 12)]); ok && strings.HasPrefix(after, "(") {
			unitMul = u
		}
	}
	for i, p := range ps {
		if i >= len(nums) {
			break
		}
		n := nums[i]
		ev := d.LineEvidence(lines[n.line].page, lines[n.line].raw)
		iv := extractors.Found(int(math.Round(n.v)), ev)
		switch p.key {
		case "assets":
			f.TotalAssets = extractors.Found(math.Round(n.v*unitMul*100)/100, ev)
		case "area":
			f.AreaM2 = extractors.Found(n.v, ev)
		case "senior":
			f.ExpertsSenior = iv
		case "experts":
			f.ExpertsTotal = iv
		case "partners":
			f.Partners = iv
		case "smes":
			f.SMEsServed = iv
		case "p2p":
			f.PointToPoint = iv
		}
	}
}

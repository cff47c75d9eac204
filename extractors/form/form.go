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
	"unicode/utf8"

	"ruku/extractors"
	"ruku/extractors/fields"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
	"ruku/lexicon"
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

// Marks that tick a box, and empty boxes.
const (
	ticks   = "☑■√✓☒✔✅▣◉●◼▪"
	unticks = "□☐○◯"
)

// labelRe matches a label of the lexicon list key at the start of a
// compact cell, longest first.
func labelRe(key string) *regexp.Regexp {
	return regexp.MustCompile(`^` + lexicon.Default().Alt(key))
}

// label patterns over compact text, in the form's usual order.
var (
	nameLabel    = labelRe("form.name_labels")
	usccLabel    = labelRe("form.uscc_labels")
	repLabel     = labelRe("form.rep_labels")
	addrLabel    = labelRe("form.address_labels")
	estLabel     = labelRe("form.established_labels")
	appliedLabel = labelRe("form.applied_labels")
	natureLabel  = labelRe("form.nature_labels")
	catLabel     = labelRe("form.category_labels")
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
	// value finds the value of the first cell that starts with a label of
	// field key (see package fields): the next non-empty cell to the right
	// unless that is a label, else the rest of the cell (企业名称：…), else
	// the cell below (a header row). It also returns where the value
	// stands.
	type at struct {
		sheet    *extractors.Sheet
		row, col int
	}
	value := func(key string) (string, at, extractors.Evidence, bool) {
		for s := range d.Sheets {
			sh := &d.Sheets[s]
			for r, row := range sh.Rows {
				for c, cell := range row {
					l, rest, ok := formFields.Cell(cell)
					if !ok || l.Key != key {
						continue
					}
					ev := d.RowEvidence(sh.Name, r+1, row)
					for k := c + 1; k < len(row); k++ {
						if v := strings.TrimSpace(row[k]); v != "" {
							if _, _, ok := formFields.Cell(v); ok || isLabel(v) {
								break // a label: the value is in this cell or below
							}
							return v, at{sh, r, k}, ev, true
						}
					}
					if rest != "" {
						return rest, at{sh, r, c}, ev, true
					}
					if r+1 < len(sh.Rows) && c < len(sh.Rows[r+1]) {
						if v := strings.TrimSpace(sh.Rows[r+1][c]); v != "" && !isLabel(v) {
							return v, at{sh, r + 1, c}, d.RowEvidence(sh.Name, r+2, sh.Rows[r+1]), true
						}
					}
					return "", at{}, ev, false
				}
			}
		}
		return "", at{}, extractors.Evidence{}, false
	}
	str := func(key string) extractors.Field[string] {
		if v, _, ev, ok := value(key); ok {
			return extractors.Found(strings.TrimSpace(parse.Norm(v)), ev)
		}
		return extractors.Field[string]{}
	}
	date := func(key string) extractors.Field[time.Time] {
		if v, _, ev, ok := value(key); ok {
			if t, ok := cellDate(v); ok {
				return extractors.Found(t, ev)
			}
		}
		return extractors.Field[time.Time]{}
	}
	if v, pos, ev, ok := value(keyName); ok {
		v = sealNote.ReplaceAllString(strings.TrimSpace(v), "")
		// a name a narrow cell wrapped into the row below, which holds
		// nothing else
		if rows := pos.sheet.Rows; !wholeName(v) && pos.row+1 < len(rows) {
			var rest []string
			for _, c := range rows[pos.row+1] {
				if c = strings.TrimSpace(c); c != "" {
					rest = append(rest, c)
				}
			}
			if len(rest) == 1 {
				if next := sealNote.ReplaceAllString(v+rest[0], ""); wholeName(next) {
					v = next
				}
			}
		}
		f.Name = extractors.Found(strings.TrimSpace(parse.Norm(v)), ev)
	}
	f.USCC = codeField(str(keyUSCC))
	f.LegalRep = str(keyRep)
	f.Address = str(keyAddr)
	f.EstablishedOn = date(keyEst)
	f.AppliedOn = date(keyApplied)
	if v, ev, ok := tickRow(d, natureLabel, natureNames); ok {
		f.Nature = nature(v, ev)
	} else if v, _, ev, ok := value(keyNature); ok {
		f.Nature = nature(v, ev)
	}
	if v, ev, ok := tickRow(d, catLabel, categoryNames); ok {
		f.Categories = extractors.Found(ticked(v, categoryNames), ev)
	} else if v, _, ev, ok := value(keyCat); ok {
		f.Categories = extractors.Found(ticked(v, categoryNames), ev)
	}
	sheetFigures(d, &f)
	return f
}

// tickRow finds the boxes of a tick field in a sheet: the text after the
// first label cell re matches whose row (or the row below) names one of
// names, the rest of the row joined, as when each box has its own cell.
// Without such a label, the first row naming at least two of names next to
// box or tick marks. It returns false when there is neither.
func tickRow(d *extractors.Doc, re *regexp.Regexp, names []string) (string, extractors.Evidence, bool) {
	hasName := func(s string) int {
		n := 0
		for _, nm := range names {
			if strings.Contains(s, nm) {
				n++
			}
		}
		return n
	}
	join := func(cells []string) string { return parse.Compact(strings.Join(cells, " ")) }
	for _, sh := range d.Sheets {
		for r, row := range sh.Rows {
			for c, cell := range row {
				cc := parse.Compact(cell)
				loc := re.FindStringIndex(cc)
				if loc == nil || len([]rune(cc)) > 12+len([]rune(cc[loc[0]:loc[1]])) && hasName(cc) == 0 {
					continue
				}
				rest := cc[loc[1]:] + join(row[c+1:])
				if hasName(rest) > 0 {
					return rest, d.RowEvidence(sh.Name, r+1, row), true
				}
				if r+1 < len(sh.Rows) && c < len(sh.Rows[r+1]) {
					if below := join(sh.Rows[r+1][c:]); hasName(below) > 0 && !isLabel(sh.Rows[r+1][c]) {
						return below, d.RowEvidence(sh.Name, r+2, sh.Rows[r+1]), true
					}
				}
			}
		}
	}
	for _, sh := range d.Sheets {
		for r, row := range sh.Rows {
			j := join(row)
			if hasName(j) >= min(2, len(names)) && strings.ContainsAny(j, ticks+unticks) {
				return j, d.RowEvidence(sh.Name, r+1, row), true
			}
		}
	}
	return "", extractors.Evidence{}, false
}

// sheetLabels are the labels of a sheet form's cells.
var sheetLabels = []*regexp.Regexp{nameLabel, usccLabel, repLabel, addrLabel, estLabel, appliedLabel, natureLabel, catLabel}

// isLabel reports whether a cell holds a label rather than a value.
func isLabel(cell string) bool {
	c := parse.Compact(cell)
	if figureKind(c) != "" {
		return true
	}
	if formFields.IsLabel(c) {
		return true
	}
	for _, re := range sheetLabels {
		if loc := re.FindStringIndex(c); loc != nil && len(c)-loc[1] <= len("(万元)") {
			return true
		}
	}
	return false
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
		if u, ok := labelUnit(label); ok {
			a = math.Round(a*u*100) / 100
		}
	}
	return extractors.Found(a, ev)
}

// labelUnit is the money unit a label states, also when its cell wrapped
// inside the unit (总资产(万 / 元)) or wrote it as 单位：万元.
func labelUnit(label string) (float64, bool) {
	c := parse.Compact(label)
	if u, ok := parse.UnitOf(c); ok {
		return u, true
	}
	switch {
	case strings.HasSuffix(c, "(万") || strings.Contains(c, "(万)") || strings.HasSuffix(c, "万"):
		return parse.TenKYuan, true
	case strings.HasSuffix(c, "(千") || strings.Contains(c, "(千)"):
		return parse.ThousandYuan, true
	}
	return 0, false
}

// ticked returns the names in s that a tick mark marks: the mark before
// the name (☑公益性, [√]公益性), or after it (公益性√, 公益性(√)) when more
// names have a box or mark after them than before.
func ticked(s string, names []string) []string { return tickedAmong(s, names, names) }

// tickedAmong is ticked, whether the marks stand before or after the names
// decided over the names among (a superset of names: several rows of boxes
// read as one text).
func tickedAmong(s string, names, among []string) []string {
	c := parse.Compact(s)
	c = strings.NewReplacer("(√)", "☑", "(✓)", "☑", "(✔)", "☑", "()", "□", "(□)", "□").Replace(c)
	marked := func(r rune) bool { return strings.ContainsRune(ticks, r) }
	boxed := func(r rune) bool { return marked(r) || strings.ContainsRune(unticks, r) }
	before, after := 0, 0
	for _, n := range among {
		for i := strings.Index(c, n); i >= 0; {
			if r, ok := lastRuneOf(c[:i]); ok && boxed(r) {
				before++
			}
			if r, ok := firstRuneOf(c[i+len(n):]); ok && boxed(r) {
				after++
			}
			j := strings.Index(c[i+len(n):], n)
			if j < 0 {
				break
			}
			i += len(n) + j
		}
	}
	suffix := after > before
	out := []string{}
	for _, n := range names {
		for i := strings.Index(c, n); i >= 0; {
			if suffix {
				if r, ok := firstRuneOf(c[i+len(n):]); ok && marked(r) {
					out = append(out, n)
					break
				}
			} else if r, ok := lastRuneOf(c[:i]); ok && marked(r) {
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

func lastRuneOf(s string) (rune, bool) {
	r, n := utf8.DecodeLastRuneInString(s)
	return r, n > 0
}

func firstRuneOf(s string) (rune, bool) {
	r, n := utf8.DecodeRuneInString(s)
	return r, n > 0
}

func nature(s string, ev extractors.Evidence) extractors.Field[string] {
	return natureAmong(s, natureNames, ev)
}

// natureAmong is nature, the marks' side decided over the names among.
func natureAmong(s string, among []string, ev extractors.Evidence) extractors.Field[string] {
	t := tickedAmong(s, natureNames, among)
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
	raw  string // normalised (parse.Norm): spaces between CJK characters gone
	orig string // as the page gives it, spaces that separate cells kept
}

var (
	phoneRe    = regexp.MustCompile(`1\d{10}|0\d{2,3}-?\d{7,8}`)
	numTokRe   = regexp.MustCompile(`^\d[\d,]*(?:\.\d+)?$`)
	applicant  = regexp.MustCompile(lexicon.Default().Alt("form.text_sealed_labels") + `\s*[(（]?\s*` + lexicon.Default().Alt("form.text_seal_words") + `?\s*[)）]?\s*[:：]\s*(\S.+)$`)
	labelWords = regexp.MustCompile(`机构名称|统一社会信用代码|统一社会信用代?|信用代码|代码|^码$|^码 | 码$|法定代表人|法人代表|主要负责人|负责人|成立日期|成立时间|注册日期|注册地址|住所|经营场所|单位地址|办公地址|通讯地址|通信地址|联系人/电话|联系人|联系电话|注册资本`)
)

func fromText(d *extractors.Doc) Form {
	var f Form
	var lines []tline
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			if s := strings.TrimSpace(parse.Norm(l)); s != "" {
				lines = append(lines, tline{p, s, l})
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
	containsNot := func(s, not string) int {
		for i, l := range lines {
			if c := strings.ReplaceAll(l.raw, " ", ""); strings.Contains(strings.ReplaceAll(c, not, ""), s) {
				return i
			}
		}
		return -1
	}
	// USCC: the first valid code
	for i, l := range lines {
		c := uscc.Find(l.raw)
		for _, tok := range strings.Fields(l.raw) {
			if len(c) > 0 {
				break
			}
			c = uscc.Find(tok) // a column of its own (148 9113…): not joined to its neighbour
		}
		if len(c) > 0 {
			f.USCC = extractors.Found(c[0], ev(i))
			break
		}
	}
	lab := readLabelled(lines)
	sealed, sealedLine := "", -1
	// Name: the sealed applicant line, else the labelled name, else the
	// 机构名称 cell's pieces.
	for i, l := range lines {
		if m := applicant.FindStringSubmatch(fields.Fold(l.orig)); m != nil {
			v := m[1]
			if ls := formFields.Labels(v); len(ls) > 0 {
				v = v[:ls[0].Start] // the next pair of the line
			}
			v = parse.Norm(sealNote.ReplaceAllString(strings.TrimSpace(v), ""))
			if !wholeName(v) {
				// a name cut by a narrow cell: the labelled reading
				// joins its pieces
				sealed, sealedLine = v, i
				continue
			}
			f.Name = extractors.Found(v, ev(i))
			break
		}
	}
	if !f.Name.OK {
		f.Name = found(d, lines, lab.name, lab.nameLine)
	}
	if !f.Name.OK && sealedLine >= 0 && sealed != "" {
		f.Name = extractors.Found(sealed, ev(sealedLine))
	}
	rep, repWord := -1, ""
	for _, w := range repWords {
		if rep = contains(w); rep >= 0 {
			repWord = w
			break
		}
	}
	if !f.Name.OK {
		for i, l := range lines {
			if m := nameText.FindStringSubmatch(l.raw); m != nil {
				v := m[1]
				if k := repStop.FindStringIndex(v); k != nil {
					v = v[:k[0]]
				}
				if v = strings.TrimSpace(v); orgSuffixRe.MatchString(parse.Compact(v)) {
					f.Name = extractors.Found(v, ev(i))
					break
				}
			}
		}
	}
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
			if v := pieces(lines, from, min(to, len(lines))); v != "" && plainName(v) {
				f.Name = extractors.Found(v, ev(start))
			}
		}
	}
	// Legal representative: the labelled value, else the token after the
	// label.
	f.LegalRep = found(d, lines, lab.rep, lab.repLine)
	if rep >= 0 && !f.LegalRep.OK {
		fs := strings.Fields(lines[rep].raw)
		for k, t := range fs {
			if j := strings.Index(t, repWord); j >= 0 {
				v := strings.TrimLeft(t[j+len(repWord):], ":：")
				if v == "" && k+1 < len(fs) {
					v = fs[k+1]
				}
				if i := repStop.FindStringIndex(v); i != nil {
					v = v[:i[0]]
				}
				if personRe.MatchString(v) && len(formFields.Labels(v)) == 0 {
					f.LegalRep = extractors.Found(v, ev(rep))
				}
				break
			}
		}
	}
	dateAfter := func(re *regexp.Regexp) extractors.Field[time.Time] {
		for i, l := range lines {
			c := strings.ReplaceAll(l.raw, " ", "")
			loc := re.FindStringIndex(c)
			if loc == nil {
				continue
			}
			rest := c[loc[1]:]
			if i+1 < len(lines) {
				rest += " " + lines[i+1].raw
			}
			if t, ok := parse.Date(rest); ok {
				return extractors.Found(t, ev(i))
			}
		}
		return extractors.Field[time.Time]{}
	}
	f.EstablishedOn = found(d, lines, lab.est, lab.estLine)
	if !f.EstablishedOn.OK {
		f.EstablishedOn = dateAfter(estText)
	}
	if !f.EstablishedOn.OK {
		f.EstablishedOn = wrappedDate(d, lines, estPiece)
	}
	f.AppliedOn = found(d, lines, lab.applied, lab.applLine)
	if !f.AppliedOn.OK {
		f.AppliedOn = dateAfter(appliedText)
	}
	if !f.AppliedOn.OK {
		f.AppliedOn = dateAfter(bareDateText)
	}
	// Address: the pieces around the address label.
	a, addrWord := -1, ""
	for _, w := range addrWords {
		// 经营场所面积 names an area, not the address
		if a = containsNot(w, w+"面积"); a >= 0 {
			addrWord = w
			break
		}
	}
	if a >= 0 {
		// label: value on one line
		c := strings.ReplaceAll(lines[a].raw, " ", "")
		if k := strings.Index(c, addrWord); k >= 0 && strings.HasPrefix(c[k+len(addrWord):], ":") {
			v := c[k+len(addrWord)+1:]
			if i := repStop.FindStringIndex(v); i != nil {
				v = v[:i[0]]
			}
			if v != "" {
				f.Address = extractors.Found(v, ev(a))
			}
		}
	}
	if a >= 0 && !f.Address.OK {
		from := a - 1
		if rep >= 0 && rep >= from {
			from = rep + 1
		}
		to := a + 2
		if n := contains("服务性质"); n > a && n < to {
			to = n
		}
		if v := pieces(lines, max(from, 0), min(to, len(lines))); v != "" {
			f.Address = extractors.Found(v, ev(a))
		}
	}
	// Ticks: the text from 服务性质 to the first figure label, joined.
	ns := find(natureText)
	if ns < 0 {
		ns = find(tickLine)
	}
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
		// Whether marks stand before or after the names is decided over
		// both rows: the box closing the nature row (社会化□) stands before
		// the first category once the label between them is gone.
		both := append(append([]string{}, natureNames...), categoryNames...)
		f.Nature = natureAmong(joined, both, ev(ns))
		if c := contains("服务类别"); c >= 0 {
			f.Categories = extractors.Found(tickedAmong(joined, categoryNames, both), ev(c))
		} else {
			f.Categories = extractors.Found(tickedAmong(joined, categoryNames, both), ev(ns))
		}
	}
	textFigures(d, &f)
	return f
}

// estPiece is what a narrow cell leaves of the 成立日期 label on its
// first line (成立时 / 间), at the end of a token (a wrapped name's piece
// may stand before it).
var estPiece = regexp.MustCompile(`(?:成立日期?|成立时间?|注册日期?|设立日期?)$`)

var (
	// datePieceRe is the first line of a date a narrow cell wrapped
	// (2024-10- / 31, 2016年04月 / 13日).
	datePieceRe = regexp.MustCompile(`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]?$`)
	// dayPieceRe is its second line.
	dayPieceRe = regexp.MustCompile(`^(\d{1,2})\s*[日号]?$`)
)

// wrappedDate reads a date whose label and value cells both wrapped: the
// label piece (成立时) is a token of a line, the date's year and month
// follow it, and the day is the first token of the next two lines that can
// only be a day (31, 13日), the label's rest (间) before it if any.
func wrappedDate(d *extractors.Doc, lines []tline, label *regexp.Regexp) extractors.Field[time.Time] {
	for i, l := range lines {
		fs := strings.Fields(l.raw)
		for k, tok := range fs {
			if !label.MatchString(strings.Trim(tok, ":：")) || k+1 >= len(fs) {
				continue
			}
			m := datePieceRe.FindStringSubmatch(fs[k+1])
			if m == nil {
				continue
			}
			for j := i + 1; j < len(lines) && j <= i+2; j++ {
				for _, t := range strings.Fields(lines[j].raw) {
					if dm := dayPieceRe.FindStringSubmatch(t); dm != nil {
						if t, ok := parse.Day(atoi(m[1]), atoi(m[2]), atoi(dm[1])); ok {
							return extractors.Found(t, d.LineEvidence(l.page, l.raw+" / "+lines[j].raw))
						}
					}
				}
			}
		}
	}
	return extractors.Field[time.Time]{}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var repStop = regexp.MustCompile(`成立日期|成立时间|注册日期|设立日期|注册资本|联系人|联系电话|统一社会|社会信用代码|信用代码|住所|地址`)

// Labels of a text form's fields, in order of preference.
var (
	repWords     = lexicon.Default().Words("form.text_rep_labels")
	addrWords    = lexicon.Default().Words("form.text_address_labels")
	estText      = regexp.MustCompile(lexicon.Default().Alt("form.text_established_labels"))
	appliedText  = regexp.MustCompile(lexicon.Default().Alt("form.text_applied_labels"))
	bareDateText = regexp.MustCompile(`(?:^|[^立册立])日期[:：]?`)
	nameText     = regexp.MustCompile(lexicon.Default().Alt("form.text_name_labels") + `\s*[:：]?\s*(\S.+)$`)
	natureText   = regexp.MustCompile(lexicon.Default().Alt("form.text_nature_labels"))
	tickLine     = regexp.MustCompile(`[` + ticks + unticks + `]\s*(?:公益性|社会化)|(?:公益性|社会化)\s*[(\[]?[√✓✔]`)
)

var assetsLabelText = regexp.MustCompile(lexicon.Default().Alt("form.assets_labels"))

// pieces joins the text of lines[from:to] without the form's labels,
// codes, phone numbers and the contact's name: what is left of a cell
// that wrapped between its neighbours.
func pieces(lines []tline, from, to int) string {
	if from < 0 || to > len(lines) || from >= to {
		return ""
	}
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
		s = dateTextAllRe.ReplaceAllString(s, "")
		s = labelWords.ReplaceAllString(strings.TrimSpace(s), "")
		b.WriteString(strings.Trim(strings.ReplaceAll(strings.TrimSpace(s), " ", ""), ":："))
	}
	return parse.Norm(b.String())
}

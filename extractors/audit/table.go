package audit

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
	"ruku/extractors/parse"
)

// A statement row is read from the text of a page whose table cells were
// flattened into lines: the values of a row ([行次] current prior) form a
// group of number tokens on one line, and the row's label is the text just
// before the group, often wrapped over the lines above and below it (a
// narrow cell). Balance sheets put two rows side by side, so a line may
// hold two groups and two label fragments. Lines carry no column
// positions, so the label of a group is searched among the readings its
// neighbourhood allows, the fewest lines first.

// token is one space-separated piece of a line.
type token struct {
	text  string
	value bool // a number or a blank placeholder
}

// group is a run of value tokens on one line.
type group struct {
	line    int // index into table.lines
	first   int // index of its first token on the line
	end     int // index after its last token
	nGroups int // groups on the line
	idx     int // 0-based position among the line's groups
	values  []string
}

// tline is one line of the document with its tokens.
type tline struct {
	page   *extractors.Page
	text   string
	tokens []token
	groups []int  // indexes into table.groups
	seg    int    // index into table.segs
	cols   []role // column roles in force (nil: current, then prior)
}

// role is what one value column of a statement holds: the current period,
// the prior period (年初 is the prior year-end), a column to ignore (本月数),
// or the period of an explicitly dated column.
type role struct {
	kind int // roleCur, rolePrior, roleSkip or roleYear
	year int // for roleYear
}

// Column roles.
const (
	roleCur = iota
	rolePrior
	roleSkip
	roleYear
)

// segKind is the kind of statement a segment of the document holds.
type segKind int

// Segment kinds: the report text before any statement, a balance sheet, an
// income statement (利润表, 收入费用表, 业务活动表 …) and any other
// statement (现金流量表, 所有者权益变动表 …).
const (
	segReport segKind = iota
	segBalance
	segIncome
	segOther
)

// segment is a run of lines from one statement heading to the next: its
// kind, the year of its current column and its unit multiplier.
type segment struct {
	kind segKind
	year int     // 0 when the heading states none
	unit string  // 元, 千元 or 万元 as stated for it (or inherited)
	mult float64 // unit multiplier to yuan
}

// table is a document's lines tokenised for statement reading.
type table struct {
	lines  []tline
	groups []group
	segs   []segment
	hasRow bool // the document has a 行次 column
	// checks counts the label candidates tried; past maxLabelChecks no
	// more labels are looked for (a document of long label-less lines
	// would otherwise take minutes), and the rows not yet found are
	// not read.
	checks int
}

// noteRef is the pattern of a note reference (see noteRefRe).
const noteRef = `(?:(?:附注|注释|注)?(?:[一二三四五六七八九十]{1,3}[、.]?)?\d{1,3}(?:\.\d{1,3})*|(?:附注|注释|注)?[一二三四五六七八九十]{1,3})`

var (
	valueTokRe  = regexp.MustCompile(`^[-−–]?\(?[-−–]?\d[\d,]*(\.\d+)?\)?$`)
	loneValueRe = regexp.MustCompile(`^(?:[-−–]|\(|[-−–]?\d{1,3}(?:,\d{3})+)`)
	plainIntRe  = regexp.MustCompile(`^\d{1,3}$`)
	placeholder = map[string]bool{"-": true, "—": true, "--": true, "——": true, "－": true, "/": true}
	parenRe     = regexp.MustCompile(`\([^()]*\)`)
	// noteRefRe is a note reference that a 附注 column leaves after a
	// row's label, as a token of its own or glued to it: 五、3, 六.1, 注3,
	// 五 (its parenthesis already removed).
	noteRefRe   = regexp.MustCompile(noteRef + `$`)
	noteTokenRe = regexp.MustCompile(`^` + noteRef + `$`)
	ordinalRe   = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.]|\d+[、.]|(?:加|减|其中)[:：])+`)
	rowHeadRe   = regexp.MustCompile(`(?m)^行 |^次 `)
	colYearRe   = regexp.MustCompile(`((?:19|20)\d\d)年`)
	// stmtRe recognises a statement heading; the rest of the line may hold
	// its date, unit or form number but no sentence.
	stmtRe      = regexp.MustCompile(`^(?:合并|母公司)?(资产负债表|利润表|损益表|利润及利润分配表|利润分配表|收入费用表|收入支出表|收支表|业务活动表|现金流量表|(?:所有者|股东)权益变动表|净资产变动表)(.*)$`)
	stmtRestBad = regexp.MustCompile(`[，,、。;；]|的|^(?:日后|项目|附注|中|及|和|与|是|为|所)`)
	segDateRes  = []*regexp.Regexp{
		regexp.MustCompile(`((?:19|20)\d\d)年12月31日`),
		regexp.MustCompile(`((?:19|20)\d\d)年度`),
		regexp.MustCompile(`((?:19|20)\d\d)年(?:1|01)(?:月)?(?:-|—|~|至)12月`),
		regexp.MustCompile(`((?:19|20)\d\d)[-./]12[-./]31`),
	}
)

// heading returns the kind of statement a line heads, if it is a heading.
func heading(line string) (segKind, bool) {
	c := compactSpace(line)
	m := stmtRe.FindStringSubmatch(c)
	if m == nil || len([]rune(m[2])) > 40 || stmtRestBad.MatchString(m[2]) {
		return 0, false
	}
	switch m[1] {
	case "资产负债表":
		return segBalance, true
	case "利润表", "损益表", "利润及利润分配表", "收入费用表", "收入支出表", "收支表", "业务活动表":
		return segIncome, true
	}
	return segOther, true
}

// unitOf returns the unit a text states for its amounts.
func unitOf(s string) (string, float64, bool) {
	m := unitRe.FindStringSubmatch(compactSpace(s))
	if m == nil {
		return "", 1, false
	}
	u := m[1] + m[2]
	switch u {
	case "万元":
		return u, 10000, true
	case "千元":
		return u, 1000, true
	}
	return u, 1, true
}

// columns reads the column headings of a line: the roles of its value
// columns in order, or nil when the line is no column heading. Headings
// are read by the words of the lexicon (audit.col_current, col_prior,
// col_skip), misread by one character on an OCR page (ocr set).
func columns(s string, ocr bool) []role {
	c := compactSpace(s)
	out := headingRoles(c, ocr)
	kinds := map[int]bool{}
	for _, r := range out {
		kinds[r.kind] = true
	}
	// a heading wrapped inside its cell (上年年末余 / 额) leaves only some
	// keywords: trust a line naming both a current and another column
	if kinds[roleCur] && (kinds[rolePrior] || kinds[roleSkip]) {
		return out
	}
	// headings cut short by their wrapped cells (上年年末 / 余额), one
	// cell a field
	if out := wrappedRoles(s); out != nil {
		return out
	}
	// dated columns: 2025年12月31日 2024年12月31日, 2025年度 2024年度
	out = out[:0]
	seen := map[int]bool{}
	for _, m := range colYearRe.FindAllStringSubmatch(c, -1) {
		y, _ := strconv.Atoi(m[1])
		seen[y] = true
		out = append(out, role{kind: roleYear, year: y})
	}
	if len(seen) >= 2 && len(seen) <= 3 {
		return out
	}
	return nil
}

// wrappedRoles reads a heading line whose cells may be cut short: each
// space-separated field holds a heading word or is the start of words of
// one role (a field naming two is no heading). It returns nil unless the line names a current and another
// column.
func wrappedRoles(s string) []role {
	v := words()
	var out []role
	kinds := map[int]bool{}
	for _, f := range strings.Fields(s) {
		k, ok := 0, false
		if rs := headingRoles(f, false); len(rs) == 1 {
			k, ok = rs[0].kind, true
		} else if len(rs) == 0 {
			k, ok = v.prefixKind(f)
		}
		if ok {
			out = append(out, role{kind: k})
			kinds[k] = true
		}
	}
	if kinds[roleCur] && (kinds[rolePrior] || kinds[roleSkip]) {
		return out
	}
	return nil
}

// subRe finds the sub-columns of a 业务活动表 (非限定性 限定性 合计).
var subRe = regexp.MustCompile(`非限定性|限定性|合计`)

// subColumns expands the column roles main by a line of sub-column
// headings under them (非限定性 限定性 合计 under each of 本年数 and
// 上年数): only each column's 合计 is read. A line that is no such
// heading leaves main as it is.
func subColumns(main []role, s string) []role {
	c := compactSpace(s)
	if !strings.Contains(c, "非限定性") || !strings.Contains(c, "合计") {
		return main
	}
	subs := subRe.FindAllString(c, -1)
	n := len(subs)
	if n%len(main) == 0 && n/len(main) >= 2 {
		n /= len(main)
	}
	var out []role
	for i, r := range main {
		for k := 0; k < n; k++ {
			sub := subs[k]
			if n != len(subs) {
				sub = subs[i*n+k]
			}
			if sub == "合计" {
				out = append(out, r)
			} else {
				out = append(out, role{kind: roleSkip})
			}
		}
	}
	return out
}

func newTable(d *extractors.Doc, year int) *table {
	t := &table{}
	for pi := range d.Pages {
		p := &d.Pages[pi]
		for _, raw := range p.Lines {
			s := strings.TrimSpace(norm.NFKC.String(raw))
			if s == "" {
				continue
			}
			t.lines = append(t.lines, tline{page: p, text: s, tokens: tokenize(s, p.Method == extractors.MethodOCR)})
		}
		// A page break ends every label window.
		t.lines = append(t.lines, tline{page: p})
	}
	all := strings.Join(func() []string {
		var ss []string
		for _, l := range t.lines {
			ss = append(ss, l.text)
		}
		return ss
	}(), "\n")
	t.hasRow = strings.Contains(strings.ReplaceAll(all, " ", ""), "行次") || rowHeadRe.MatchString(all)
	docUnit, docMult, _ := unitOf(all)
	t.segs = []segment{{kind: segReport, year: year, unit: docUnit, mult: docMult}}
	var cols []role
	for li := range t.lines {
		l := &t.lines[li]
		if k, ok := heading(l.text); ok {
			prev := t.segs[len(t.segs)-1]
			seg := segment{kind: k, year: year, unit: docUnit, mult: docMult}
			if prev.kind != segReport {
				// a unit stated once for several statements
				seg.unit, seg.mult = prev.unit, prev.mult
			}
			cont := strings.Contains(l.text, "续")
			if cont && prev.kind == k {
				seg.year = prev.year
			} else {
				cols = nil
			}
			t.segs = append(t.segs, seg)
			t.headSeg(li, &t.segs[len(t.segs)-1])
		}
		l.seg = len(t.segs) - 1
		if c := columns(l.text, l.page.Method == extractors.MethodOCR); c != nil && t.segs[l.seg].kind != segReport && len(tokenGroups(l.tokens)) == 0 {
			cols = c
		} else if cols != nil && len(l.tokens) > 0 && len(tokenGroups(l.tokens)) == 0 {
			cols = subColumns(cols, l.text)
		}
		l.cols = cols
		t.lineGroups(li)
	}
	return t
}

// headSeg reads a statement's year and unit from its heading lines: the
// heading and the lines after it up to the first row of values.
func (t *table) headSeg(li int, seg *segment) {
	var b strings.Builder
	for i := li; i < len(t.lines) && i < li+8; i++ {
		if i > li {
			if _, ok := heading(t.lines[i].text); ok {
				break
			}
		}
		if i > li && len(tokenGroups(t.lines[i].tokens)) > 0 {
			break
		}
		b.WriteString(compactSpace(t.lines[i].text))
		b.WriteString(" ")
	}
	h := b.String()
	for _, re := range segDateRes {
		if m := re.FindStringSubmatch(h); m != nil {
			seg.year, _ = strconv.Atoi(m[1])
			break
		}
	}
	if u, mult, ok := unitOf(h); ok {
		seg.unit, seg.mult = u, mult
		return
	}
	// a unit stated further down the statement (under the table)
	for i := li + 1; i < len(t.lines) && i < li+200; i++ {
		if _, ok := heading(t.lines[i].text); ok {
			break
		}
		if u, mult, ok := unitOf(t.lines[i].text); ok {
			seg.unit, seg.mult = u, mult
			return
		}
	}
}

// tokenGroups returns the [start, end) token ranges of the value groups of
// a tokenised line: runs of value tokens, a lone integer being text.
func tokenGroups(toks []token) [][2]int {
	var out [][2]int
	for i := 0; i < len(toks); {
		if !toks[i].value {
			i++
			continue
		}
		j := i
		for j < len(toks) && toks[j].value {
			j++
		}
		f := toks[i].text
		if j-i >= 2 || strings.Contains(f, ".") || loneValueRe.MatchString(f) && !placeholder[f] {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

// lineGroups finds the value groups of line li.
func (t *table) lineGroups(li int) {
	l := &t.lines[li]
	rs := tokenGroups(l.tokens)
	// a lone integer (a year, a page number) is text
	k := 0
	for i := range l.tokens {
		if k < len(rs) && i >= rs[k][1] {
			k++
		}
		if l.tokens[i].value && (k >= len(rs) || i < rs[k][0]) {
			l.tokens[i].value = false
		}
	}
	for gi, r := range rs {
		var vals []string
		for _, tk := range l.tokens[r[0]:r[1]] {
			vals = append(vals, tk.text)
		}
		l.groups = append(l.groups, len(t.groups))
		t.groups = append(t.groups, group{line: li, first: r[0], end: r[1], idx: gi, nGroups: len(rs), values: vals})
	}
}

func compactSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// gluedRe is an amount with two decimals at the start of a field: text
// layers sometimes lose the gap between two cells (8,711,188.209,508,544.91
// or 3,646,119.98（或股东权益）).
var gluedRe = regexp.MustCompile(`^[-−(]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}\)?`)

// tokenize splits a line into tokens; on an OCR page (ocr set) amounts
// misread are rewritten (canonAmount).
func tokenize(s string, ocr bool) []token {
	var out []token
	for _, f := range strings.Fields(s) {
		if ocr {
			f = canonAmount(f)
		}
		if valueTokRe.MatchString(f) || placeholder[f] {
			out = append(out, token{text: f, value: true})
			continue
		}
		var parts []token
		rest := f
		for {
			m := gluedRe.FindString(rest)
			if m == "" || m == rest {
				break
			}
			if r := rest[len(m):]; r[0] == '.' || r[0] == ',' {
				break
			}
			parts = append(parts, token{text: m, value: true})
			rest = rest[len(m):]
		}
		if len(parts) == 0 {
			out = append(out, token{text: f})
			continue
		}
		out = append(out, parts...)
		out = append(out, token{text: rest, value: valueTokRe.MatchString(rest)})
	}
	return out
}

// cell is one value of a statement row: the year it belongs to, whether
// it is the statement's current column, and the value in yuan.
type cell struct {
	year  int
	cur   bool
	value float64
}

// cells returns the values of a group with their years, blanks left out.
func (t *table) cells(g group) []cell {
	vals := g.values
	if len(vals) >= 2 && plainIntRe.MatchString(vals[0]) && (len(vals) >= 3 || t.hasRow) {
		vals = vals[1:] // the 行次 column
	}
	l := t.lines[g.line]
	seg := t.segs[l.seg]
	roles := l.cols
	if len(roles) == 0 {
		roles = []role{{kind: roleCur}, {kind: rolePrior}}
	}
	k := len(vals)
	switch {
	case len(roles) >= (g.idx+1)*k:
		roles = roles[g.idx*k : (g.idx+1)*k]
	case g.idx > 0 && len(roles) > k && len(roles)%2 == 0:
		roles = roles[len(roles)/2:]
	}
	latest := 0
	for _, r := range roles {
		if r.kind == roleYear && r.year > latest {
			latest = r.year
		}
	}
	var out []cell
	for i, v := range vals {
		if i >= len(roles) || placeholder[v] {
			continue
		}
		f, ok := parse.Number(v)
		if !ok {
			continue
		}
		c := cell{value: round2(f * seg.mult)}
		switch r := roles[i]; r.kind {
		case roleSkip:
			continue
		case roleCur:
			c.year, c.cur = seg.year, true
		case rolePrior:
			c.year = seg.year - 1
		case roleYear:
			c.year, c.cur = r.year, r.year == latest
		}
		if c.year <= 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// maxLabelRunes bounds the text a row label is looked for in: no label of
// the lexicon, with its notes, is longer, and longer candidates would make
// the search over neighbouring lines grow without bound on long lines.
const maxLabelRunes = 48

// side parts of a line without groups: the texts a label on the left
// (prefixes) or on the right (suffixes) may have taken from it, up to
// maxLabelRunes long.
func sideParts(toks []token, right bool) []string {
	if len(toks) == 0 {
		return nil
	}
	var out []string
	n := 0
	for k := 1; k <= len(toks); k++ {
		added := toks[k-1] // the token this part adds
		if right {
			added = toks[len(toks)-k]
		}
		if n += utf8.RuneCountInString(added.text); n > maxLabelRunes {
			break
		}
		var parts []token
		if right {
			parts = toks[len(toks)-k:]
		} else {
			parts = toks[:k]
		}
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p.text)
		}
		out = append(out, b.String())
	}
	return out
}

// inline returns the label text on the group's own line: the text between
// the previous group (or the line start) and the group.
func (t *table) inline(g group) string {
	l := t.lines[g.line]
	start := 0
	if g.idx > 0 {
		start = t.groups[l.groups[g.idx-1]].end
	}
	var b strings.Builder
	for _, tk := range l.tokens[start:g.first] {
		if noteRefToken(tk.text) {
			continue
		}
		b.WriteString(tk.text)
	}
	return b.String()
}

// noteRefToken reports whether a token is a note reference (五、3) of a
// 附注 column: a numbered reference, never a bare numeral, which may be a
// letter-spaced ordinal (一 、).
func noteRefToken(s string) bool {
	return noteTokenRe.MatchString(s) && strings.ContainsAny(s, "0123456789")
}

// neighbours returns the lines above (nearest first) and below the group
// that hold label text only, stopping at a line with values or a page end.
func (t *table) neighbours(g group, up bool, max int) [][]token {
	var out [][]token
	step := 1
	if up {
		step = -1
	}
	for i := g.line + step; i >= 0 && i < len(t.lines) && len(out) < max; i += step {
		l := t.lines[i]
		if len(l.tokens) == 0 || len(l.groups) > 0 {
			break
		}
		out = append(out, l.tokens)
	}
	return out
}

// labelMatch looks for the group whose label, read from the fewest lines,
// satisfies ok, skipping the groups in exclude (already given another
// label) and, when seg >= 0, those outside segment seg. It returns the
// group index and the label, or -1.
func (t *table) labelMatch(ok func(label string) bool, exclude map[int]bool, seg int) (int, string) {
	const maxSpan = 4
	for span := 0; span <= 2*maxSpan; span++ {
		for gi, g := range t.groups {
			if exclude[gi] || seg >= 0 && t.lines[g.line].seg != seg {
				continue
			}
			if lab, found := t.groupLabel(g, span, maxSpan, ok); found {
				return gi, lab
			}
		}
	}
	return -1, ""
}

func (t *table) groupLabel(g group, span, maxSpan int, ok func(string) bool) (string, bool) {
	in := t.inline(g)
	l := t.lines[g.line]
	sides := []bool{g.idx > 0}
	if g.nGroups == 1 {
		// one group on the line: it is on the left when text follows it
		if g.end < len(l.tokens) {
			sides = []bool{false}
		} else {
			sides = []bool{false, true}
		}
	}
	ups := t.neighbours(g, true, maxSpan)
	downs := t.neighbours(g, false, maxSpan)
	for _, right := range sides {
		for a := 0; a <= span; a++ {
			b := span - a
			if a > len(ups) || b > len(downs) || a > maxSpan || b > maxSpan {
				continue
			}
			// candidates: the cartesian product of side parts
			cands := []string{""}
			for i := a - 1; i >= 0; i-- {
				cands = cross(cands, sideParts(ups[i], right))
			}
			cands = cross(cands, []string{in})
			for i := 0; i < b; i++ {
				cands = cross(cands, sideParts(downs[i], right))
			}
			for _, c := range cands {
				if t.checks++; t.checks > maxLabelChecks {
					return "", false
				}
				if ok(c) {
					return c, true
				}
			}
		}
	}
	return "", false
}

// maxLabelChecks bounds the label candidates tried in one document: the
// statements of the corpora take at most a few thousand.
const maxLabelChecks = 200_000

// maxCandidates bounds the label candidates of one group and span.
const maxCandidates = 4096

// cross returns every prefix followed by every part, leaving out those
// longer than maxLabelRunes, at most maxCandidates.
func cross(prefixes, parts []string) []string {
	if len(parts) == 0 {
		return prefixes
	}
	out := make([]string, 0, min(len(prefixes)*len(parts), maxCandidates))
	for _, p := range prefixes {
		n := utf8.RuneCountInString(p)
		for _, q := range parts {
			if n+utf8.RuneCountInString(q) > maxLabelRunes {
				continue
			}
			if out = append(out, p+q); len(out) == maxCandidates {
				return out
			}
		}
	}
	return out
}

// cleanLabel reduces a label to its core: parentheticals, ordinals
// (四、), 加：/减：/其中： prefixes and trailing colons removed.
func cleanLabel(s string) string {
	s = compactSpace(norm.NFKC.String(s))
	for {
		n := parenRe.ReplaceAllString(s, "")
		if n == s {
			break
		}
		s = n
	}
	s = ordinalRe.ReplaceAllString(s, "")
	s = noteRefRe.ReplaceAllString(s, "")
	return strings.TrimRight(s, ":：")
}

func classOK(class string) func(string) bool {
	return func(raw string) bool { return isLabel(class, raw) }
}

func classFuzzy(class string) func(string) bool {
	return func(raw string) bool { return isFuzzyLabel(class, raw) }
}

package audit

import (
	"regexp"
	"strings"

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
	groups []int // indexes into table.groups
	header int   // column order in force: 0 current first, 1 prior first
}

// table is a document's lines tokenised for statement reading.
type table struct {
	lines  []tline
	groups []group
	hasRow bool // the document has a 行次 column
}

var (
	valueTokRe  = regexp.MustCompile(`^[-−–]?\(?[-−–]?\d[\d,]*(\.\d+)?\)?$`)
	plainIntRe  = regexp.MustCompile(`^\d{1,3}$`)
	placeholder = map[string]bool{"-": true, "—": true, "--": true, "——": true, "－": true, "/": true}
	parenRe     = regexp.MustCompile(`\([^()]*\)`)
	ordinalRe   = regexp.MustCompile(`^(?:[一二三四五六七八九十]+[、.]|\d+[、.]|(?:加|减|其中)[:：])+`)
	rowHeadRe   = regexp.MustCompile(`(?m)^行 |^次 `)
	curKwRe     = regexp.MustCompile(`期末余额|期末数|期末金额|本期金额|本年金额|本年累计金额|本年累计数|本年数|本期数|年末余额|年末数`)
	priorKwRe   = regexp.MustCompile(`上年年末余额|上年末余额|年初余额|年初数|上期金额|上年金额|上年同期金额|上年同期数|上年数|上期数|上年同期累计`)
)

func newTable(d *extractors.Doc) *table {
	t := &table{}
	for pi := range d.Pages {
		p := &d.Pages[pi]
		for _, raw := range p.Lines {
			s := strings.TrimSpace(norm.NFKC.String(raw))
			if s == "" {
				continue
			}
			t.lines = append(t.lines, tline{page: p, text: s, tokens: tokenize(s)})
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
	order := 0
	for li := range t.lines {
		l := &t.lines[li]
		if c, p := curKwRe.FindStringIndex(compactSpace(l.text)), priorKwRe.FindStringIndex(compactSpace(l.text)); c != nil && p != nil {
			if p[0] < c[0] {
				order = 1
			} else {
				order = 0
			}
		}
		l.header = order
		var gs []group
		for i := 0; i < len(l.tokens); {
			if !l.tokens[i].value {
				i++
				continue
			}
			j := i
			for j < len(l.tokens) && l.tokens[j].value {
				j++
			}
			var vals []string
			for _, tk := range l.tokens[i:j] {
				vals = append(vals, tk.text)
			}
			if j-i >= 2 || strings.Contains(vals[0], ".") {
				gs = append(gs, group{line: li, first: i, end: j, values: vals})
			} else {
				// a lone integer (a year, a page number) is text
				l.tokens[i].value = false
			}
			i = j
		}
		for gi := range gs {
			gs[gi].idx = gi
			gs[gi].nGroups = len(gs)
			l.groups = append(l.groups, len(t.groups))
			t.groups = append(t.groups, gs[gi])
		}
	}
	return t
}

func compactSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// gluedRe is an amount with two decimals at the start of a field: text
// layers sometimes lose the gap between two cells (8,711,188.209,508,544.91
// or 3,646,119.98（或股东权益）).
var gluedRe = regexp.MustCompile(`^[-−(]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}\)?`)

func tokenize(s string) []token {
	var out []token
	for _, f := range strings.Fields(s) {
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

// amounts returns a group's current and prior values (in the document's
// unit), each with ok false when blank or absent.
func (t *table) amounts(g group) (cur, prior float64, curOK, priorOK bool) {
	vals := g.values
	if len(vals) >= 2 && plainIntRe.MatchString(vals[0]) && (len(vals) >= 3 || t.hasRow) {
		vals = vals[1:] // the 行次 column
	}
	read := func(i int) (float64, bool) {
		if i >= len(vals) || placeholder[vals[i]] {
			return 0, false
		}
		return parse.Number(vals[i])
	}
	a, aok := read(0)
	b, bok := read(1)
	if t.lines[g.line].header == 1 {
		return b, a, bok, aok
	}
	return a, b, aok, bok
}

// side parts of a line without groups: the texts a label on the left
// (prefixes) or on the right (suffixes) may have taken from it.
func sideParts(toks []token, right bool) []string {
	if len(toks) == 0 {
		return nil
	}
	var out []string
	for k := 1; k <= len(toks); k++ {
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
		b.WriteString(tk.text)
	}
	return b.String()
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
// label). It returns the group index and the label, or -1.
func (t *table) labelMatch(ok func(label string) bool, exclude map[int]bool) (int, string) {
	const maxSpan = 4
	for span := 0; span <= 2*maxSpan; span++ {
		for gi, g := range t.groups {
			if exclude[gi] {
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
				if ok(c) {
					return c, true
				}
			}
		}
	}
	return "", false
}

func cross(prefixes, parts []string) []string {
	if len(parts) == 0 {
		return prefixes
	}
	out := make([]string, 0, len(prefixes)*len(parts))
	for _, p := range prefixes {
		for _, q := range parts {
			out = append(out, p+q)
		}
	}
	if len(out) > 4096 {
		out = out[:4096]
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
	return strings.TrimRight(s, ":：")
}

// Label classes of the rows the report reads.
var (
	totalAssetsRe = regexp.MustCompile(`^资产(?:总计|合计|总额)$`)
	equityRe      = regexp.MustCompile(`^(?:(?:所有者权益|股东权益)(?:合计|总计|总额)|净资产(?:合计|总计|总额)?)$`)
	liabEqRe      = regexp.MustCompile(`^负债(?:和|及|与|加)?(?:所有者|股东)权益(?:总计|合计)$`)
	liabilitiesRe = regexp.MustCompile(`^负债(?:合计|总计|总额)$`)
	netProfitRe   = regexp.MustCompile(`^(?:净利润|净亏损|净利润\(净亏损\))$`)
)

func classOK(re *regexp.Regexp) func(string) bool {
	return func(raw string) bool { return re.MatchString(cleanLabel(raw)) }
}

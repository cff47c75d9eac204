package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
	"ruku/lexicon"
)

// A list delivered as a PDF (or read by OCR) arrives as lines of text, one
// table row a line, cells separated by spaces. TextSheet turns those lines
// into a pseudo-sheet so that FindTable can locate the header; align
// then puts the tokens of each data row back under the header's columns,
// because empty cells leave no token and a cell holding a space leaves two.

// LineRef says where a pseudo-sheet row came from.
type LineRef struct {
	Page *extractors.Page
	Text string
}

// TextSheet returns the lines of every page of d as one pseudo-sheet, each
// line split into tokens at white space, and where each row came from.
// Lines are only NFKC-normalised: the spaces between cells must survive.
func TextSheet(d *extractors.Doc) (extractors.Sheet, []LineRef) {
	var s extractors.Sheet
	var refs []LineRef
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			l = norm.NFKC.String(l)
			s.Rows = append(s.Rows, strings.Fields(l))
			refs = append(refs, LineRef{Page: p, Text: strings.Join(strings.Fields(l), " ")})
		}
	}
	s.Name = "text"
	return s, refs
}

// FindTextTable finds the table of l in a text pseudo-sheet. Header words
// written letter-spaced (姓 名) are joined first. When the text lost the
// spaces between Chinese cells (a header read as one run of characters),
// the header is split at the column names it holds, and the cells of data
// rows at the matches of l's vocabulary (values known to end or start a
// cell, or to stand anywhere in a run of cells when l.Inside is set),
// before the rows are aligned under the header by what each column holds
// (see align).
func FindTextTable(s extractors.Sheet, l List) (*Table, error) {
	s = joinSpacedHeads(s, l.Columns)
	cols, vocab := l.Columns, l.vocab()
	t, err := FindTable([]extractors.Sheet{s}, cols)
	if err != nil {
		merged := extractors.Sheet{Name: s.Name, Rows: make([][]string, len(s.Rows))}
		split := false
		for i, row := range s.Rows {
			if h, ok := splitHeader(row, cols); ok {
				merged.Rows[i], split = h, true
				continue
			}
			merged.Rows[i] = splitVocab(row, vocab, l.Inside)
		}
		if !split {
			return nil, err
		}
		if t, err = FindTable([]extractors.Sheet{merged}, cols); err != nil {
			return nil, err
		}
		s = merged
	}
	alignRows(t, s, l)
	return t, nil
}

// blankHeads are header words of columns usually left blank (lexicon
// lists.blank_heads: 备注), so that a text row's cells are not shifted into
// them.
func blankHeads() []string { return lexicon.Default().Words("lists.blank_heads") }

// headWords returns the normalised header words a text table may hold: the
// names of cols and the words of columns no extractor reads.
func headWords(cols []Column) map[string]bool {
	known := map[string]bool{}
	for _, c := range cols {
		for _, n := range c.Names {
			known[Normalize(n)] = true
		}
	}
	for _, w := range append(extraHeads(), blankHeads()...) {
		known[Normalize(w)] = true
	}
	return known
}

// joinSpacedHeads returns s with the header words written letter-spaced
// (姓 名, 职 称: one Han character a token) joined into one token, on the
// lines that then hold at least two header words. Other lines, and runs of
// characters that do not spell a header word (a letter-spaced name, 王 伟),
// are left as they are.
func joinSpacedHeads(s extractors.Sheet, cols []Column) extractors.Sheet {
	known := headWords(cols)
	out := extractors.Sheet{Name: s.Name, Rows: s.Rows}
	copied := false
	for i, row := range s.Rows {
		joined, n := joinSpaced(row, known)
		if n == 0 {
			continue
		}
		heads := 0
		for _, tok := range joined {
			if known[Normalize(tok)] {
				heads++
			}
		}
		if heads < 2 {
			continue
		}
		if !copied {
			out.Rows = append([][]string(nil), s.Rows...)
			copied = true
		}
		out.Rows[i] = joined
	}
	return out
}

// joinSpaced joins runs of single-Han-character tokens that spell a word of
// known, longest first, and reports how many runs it joined.
func joinSpaced(row []string, known map[string]bool) ([]string, int) {
	var out []string
	n := 0
	for i := 0; i < len(row); {
		end := i
		for end < len(row) && oneHan(row[end]) {
			end++
		}
		best := 0
		for j := end; j >= i+2; j-- {
			if known[strings.Join(row[i:j], "")] {
				best = j
				break
			}
		}
		if best == 0 {
			out = append(out, row[i])
			i++
			continue
		}
		out = append(out, strings.Join(row[i:best], ""))
		n++
		i = best
	}
	return out, n
}

// oneHan reports whether t is a single Han character.
func oneHan(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && unicode.Is(unicode.Han, r)
}

// extraHeads are header words of columns no extractor reads (lexicon
// lists.extra_heads), so that a merged header splits at them too.
func extraHeads() []string { return lexicon.Default().Words("lists.extra_heads") }

// splitHeader splits the tokens of a line at the column names they hold,
// longest name first. It reports false unless the line reads as a header:
// at least three names, at most one other piece, no code or date.
func splitHeader(row []string, cols []Column) ([]string, bool) {
	var names []string
	for _, c := range cols {
		names = append(names, c.Names...)
	}
	names = append(names, extraHeads()...)
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	var out []string
	other := 0
	for _, tok := range row {
		if Typed(tok) {
			return nil, false
		}
		for _, p := range segment(tok, names) {
			if !known[p] {
				other++
			}
			out = append(out, p)
		}
	}
	return out, len(out)-other >= 3 && other <= 1 && len(out) > len(row)
}

// segment splits s at the words it holds, preferring the longest word at
// each position; runs of other text are kept as one piece.
func segment(s string, words []string) []string {
	var out []string
	rest, other := s, ""
	for rest != "" {
		best := ""
		for _, w := range words {
			if len(w) > len(best) && strings.HasPrefix(rest, w) {
				best = w
			}
		}
		if best == "" {
			_, n := utf8.DecodeRuneInString(rest)
			other += rest[:n]
			rest = rest[n:]
			continue
		}
		if other != "" {
			out = append(out, other)
			other = ""
		}
		out = append(out, best)
		rest = rest[len(best):]
	}
	if other != "" {
		out = append(out, other)
	}
	return out
}

// splitVocab splits off a known value (a match of vocab) at the end or
// start of a token that holds more than that value, or, when inside is
// set, anywhere in it; the longest such match wins.
func splitVocab(row []string, vocab *regexp.Regexp, inside bool) []string {
	if vocab == nil {
		return row
	}
	out := make([]string, 0, len(row))
	for _, tok := range row {
		at, end := -1, -1
		for _, m := range vocab.FindAllStringIndex(tok, -1) {
			n := m[1] - m[0]
			if n == 0 || n >= len(tok) || n <= end-at {
				continue
			}
			if m[1] == len(tok) || m[0] == 0 || inside {
				at, end = m[0], m[1]
			}
		}
		if at < 0 {
			out = append(out, tok)
			continue
		}
		for _, p := range []string{tok[:at], tok[at:end], tok[end:]} {
			if p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Kind is what a column's cells look like, for aligning tokens.
type Kind int

const (
	KindText   Kind = iota // free text: may be empty or take several tokens
	KindSeq                // a row number
	KindCode               // a USCC or an ID number: letters and digits, maybe written in groups
	KindDate               // a date, maybe written in spaced pieces (2024 年 3 月 5 日)
	KindPerson             // a person's name: two to four Han characters, maybe letter-spaced (王 伟)
	KindTerm               // a period: a duration (3年, 36个月), a range of dates, a date or 长期
)

// fits reports whether token t looks like a cell of Kind k.
func fits(k Kind, t string) bool {
	switch k {
	case KindSeq:
		n, err := strconv.Atoi(t)
		return err == nil && n >= 0 && n < 100000
	case KindCode:
		return looksLikeCode(t)
	case KindDate:
		if _, ok := CellDate(t); ok {
			return true
		}
		if _, ok := parse.Date(t); ok {
			return true
		}
		return parse.OpenEnded(t) // an end date cell may say 长期 or 至今
	}
	return true
}

// looksLikeCode reports whether t is a run of 15 to 20 letters, digits or
// masking stars holding at least 6 digits: a USCC or ID number, valid or not.
func looksLikeCode(t string) bool {
	n, digits := 0, 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || r == '*'):
		default:
			return false
		}
		n++
	}
	return n >= 15 && n <= 20 && digits >= 6
}

// Typed reports whether token t looks like a cell of a typed Kind other
// than a row number (a code, a date, or 长期 in place of an end date), so
// that free text columns do not swallow it.
func Typed(t string) bool {
	return fits(KindCode, t) || fits(KindDate, t)
}

// spec is what one column of a text table should hold.
type spec struct {
	kind   Kind
	expect func(cell string) bool // a free-text column's shape, nil when any text will do
	blank  float64                // the cost of the column holding nothing
}

// Costs of placing tokens in columns (see spanCost). A column that is
// given what it should hold costs nothing, or a little per extra token when
// its cell was written in pieces; one given something else costs more; an
// empty column costs the more the more likely it is to hold something.
const (
	costInf         = 1e18
	costTypedBlank  = 2   // a date or code column left empty
	costTypedMisfit = 4   // a date or code column holding something else
	costPiece       = 0.1 // each extra piece of a cell written in pieces
	costToken       = 0.6 // each extra token of a free-text cell
	costTypedInText = 3   // a date or a code in a free-text cell
	costFragment    = 2   // a piece of a date or a number in a free-text cell: more than any blank
	costSplitRun    = 0.8 // cells parting a run of one-character tokens (a letter-spaced 李 晓 东)
	costMisshapen   = 0.4 // a cell not of its column's shape: below costTextBlank-costOtherBlank, so it stays in its column
	costTextBlank   = 1.5 // a column the table reads left empty
	costOtherBlank  = 1   // a column no extractor reads left empty
	costUsualBlank  = 0.3 // a column usually left blank (备注) left empty
	maxPieces       = 8   // the most tokens a date or code is written in
	maxNameTokens   = 4   // the most tokens a letter-spaced name is written in
	maxShapedTokens = 16  // the most tokens a period is written in
	maxExpectTokens = 2   // the most tokens a cell of a free-text column's shape is written in
)

// align distributes the tokens of a text row over the columns at the least
// cost: each column takes a run of tokens, in order; a date, a code or a
// name whose pieces were spread over several tokens is taken whole when the
// pieces join into one; an empty column takes none. Columns are aligned by
// what they hold, not by position, so an empty column (备注) does not shift
// the cells after it. It returns one cell per column, its tokens joined by
// spaces.
func align(tokens []string, cols []spec) []string {
	n, k := len(tokens), len(cols)
	// odd[j]: the cost of tokens[:j] standing in free text (a date or a
	// code, a piece of a date), summed so that a span's is a difference.
	odd := make([]float64, n+1)
	for i, t := range tokens {
		odd[i+1] = odd[i]
		switch {
		case Typed(t):
			odd[i+1] += costTypedInText
		case fragment(t):
			odd[i+1] += costFragment
		}
	}
	// splits[s]: the cost of a cell starting at token s, in the middle of
	// a run of one-Han-character tokens.
	splits := make([]float64, n+1)
	for s := 1; s < n; s++ {
		if nameChar(tokens[s-1]) && nameChar(tokens[s]) {
			splits[s] = costSplitRun
		}
	}
	// cost[i][j]: best cost of placing tokens[:j] in columns[:i].
	cost := make([][]float64, k+1)
	from := make([][]int, k+1)
	for i := range cost {
		cost[i] = make([]float64, n+1)
		from[i] = make([]int, n+1)
		for j := range cost[i] {
			cost[i][j] = costInf
		}
	}
	cost[0][0] = 0
	for i := 1; i <= k; i++ {
		c := cols[i-1]
		for j := 0; j <= n; j++ {
			for s := j; s >= 0; s-- { // column i-1 takes tokens[s:j]
				if j-s > maxSpan(c.kind) {
					break
				}
				if cost[i-1][s] >= costInf {
					continue
				}
				sc := spanCost(c, tokens[s:j], odd[j]-odd[s])
				if sc >= costInf {
					continue
				}
				if s < j {
					sc += splits[s]
				}
				if v := cost[i-1][s] + sc; v < cost[i][j] {
					cost[i][j], from[i][j] = v, s
				}
			}
		}
	}
	if cost[k][n] >= costInf {
		return tokens
	}
	out := make([]string, k)
	j := n
	for i := k; i >= 1; i-- {
		s := from[i][j]
		out[i-1] = strings.Join(tokens[s:j], " ")
		j = s
	}
	return out
}

// maxSpan is the most tokens a column of Kind kd takes.
func maxSpan(kd Kind) int {
	switch kd {
	case KindSeq:
		return 1
	case KindCode, KindDate:
		return maxPieces
	}
	return 1 << 30
}

// spanCost is the cost of column c holding the tokens ts; odd is what
// they cost in free text for being dates, codes or pieces of dates.
func spanCost(c spec, ts []string, odd float64) float64 {
	if len(ts) == 0 {
		return c.blank
	}
	switch c.kind {
	case KindSeq, KindCode, KindDate:
		switch {
		case len(ts) == 1 && fits(c.kind, ts[0]):
			return 0
		case len(ts) == 1:
			return costTypedMisfit
		case pieces(c.kind, ts):
			return costPiece * float64(len(ts)-1)
		}
		return costInf
	case KindPerson:
		if len(ts) <= maxNameTokens && personName(ts) {
			return costPiece * float64(len(ts)-1)
		}
	case KindTerm:
		if len(ts) <= maxShapedTokens && termLike(strings.Join(ts, " ")) {
			return costPiece * float64(len(ts)-1)
		}
	}
	cost := costToken*float64(len(ts)-1) + odd
	switch {
	case c.kind == KindPerson || c.kind == KindTerm:
		cost += costMisshapen
	case c.expect != nil && (len(ts) > maxExpectTokens || !c.expect(strings.Join(ts, " "))):
		cost += costMisshapen
	}
	return cost
}

// pieces reports whether the tokens ts are the pieces of one whole date
// (2024 年 3 月 5 日) or of one code written in groups (911301 0899Y3 4U4B37). A
// grouped code is taken only when it verifies as a USCC or an ID number, so
// that neighbouring numbers are not run together.
func pieces(kd Kind, ts []string) bool {
	switch kd {
	case KindDate:
		// 2024 年 3 月 5 日 whole: not without its 日
		d := strings.Join(ts, " ")
		if strings.Contains(d, "月") && !strings.HasSuffix(d, "日") && !strings.HasSuffix(d, "号") {
			return false
		}
		_, ok := CellDate(d)
		return ok
	case KindCode:
		var b strings.Builder
		for _, t := range ts {
			for _, r := range t {
				if r >= unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
					return false
				}
			}
			b.WriteString(t)
		}
		code := strings.ToUpper(b.String())
		return uscc.Valid(code) || citizenID(code)
	}
	return false
}

// citizenID reports whether s is an 18-character citizen ID number whose
// check character (GB 11643) verifies.
func citizenID(s string) bool {
	if len(s) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		sum += int(s[i]-'0') * w
	}
	return s[17] == "10X98765432"[sum%11]
}

// personName reports whether the tokens ts are a person's name: two to four
// Han characters, in one token or spaced (王 伟, 欧阳 晓东).
func personName(ts []string) bool {
	n := 0
	for _, t := range ts {
		for _, r := range t {
			if !unicode.Is(unicode.Han, r) {
				return false
			}
			n++
		}
	}
	return n >= 2 && n <= 4
}

// termLike reports whether a cell reads as a period and nothing else: a
// duration (3年, 三年, 36个月), a bare count (3, under a header stating the
// unit), a range or a date, or open-ended (长期, 2022.1.1-长期). A piece of
// one (年 6 月 19 日) is not.
func termLike(cell string) bool {
	c := parse.Compact(cell)
	if parse.OpenEnded(c) {
		return utf8.RuneCountInString(c) <= 16
	}
	if c == "" {
		return false
	}
	unitRunes := strings.Join(append(append([]string(nil), units().years...), units().months...), "")
	for _, r := range c {
		if !(r < unicode.MaxASCII && (unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)) ||
			strings.ContainsRune(numeralRunes+dateRunes+unitRunes, r)) {
			return false // a word: not a period
		}
	}
	first, _ := utf8.DecodeRuneInString(c)
	last, _ := utf8.DecodeLastRuneInString(c)
	if !(unicode.IsDigit(first) || strings.ContainsRune(numeralRunes+"至到", first)) ||
		!(unicode.IsDigit(last) || strings.ContainsRune(numeralRunes+"日号"+unitRunes, last)) {
		return false // a piece: 年 6 月 19 日, 2023 年 6 月 20 日-
	}
	if strings.Contains(c, "日") && !strings.HasSuffix(c, "日") && !strings.HasSuffix(c, "号") {
		return false // 2022年5月13日至2027年5月12: the last day lost its 日
	}
	runs := 0
	for _, f := range strings.FieldsFunc(c, func(r rune) bool { return !unicode.IsDigit(r) }) {
		if len(f) > 8 {
			return false // a number no date holds: a phone number
		}
		runs++
	}
	if runs > 6 {
		return false // more numbers than two dates hold
	}
	if isTerm(c) {
		return true
	}
	if _, _, ok := parse.Range(c); ok {
		return true
	}
	_, ok := DateIn(c)
	return ok
}

// fragment reports whether a token is a piece of a date written in pieces
// (2023, 年, 5, 日-2025): the words of a date, or a short number, and
// nothing else. A phone number is not one.
func fragment(t string) bool {
	digits, words := 0, false
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(dateRunes, r):
			words = true
		case !(r < unicode.MaxASCII && (unicode.IsPunct(r) || unicode.IsSymbol(r))):
			return false
		}
	}
	return words || digits <= 4
}

// nameChar reports whether t is one Han character that may be part of a
// letter-spaced name: not a word of a date (年, 日).
func nameChar(t string) bool {
	return oneHan(t) && !strings.Contains(dateRunes, t)
}

// Characters of a period besides digits and units: numerals, the words of
// a date, and what joins the ends of a range.
const (
	numeralRunes = "零〇○一二两三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾"
	dateRunes    = "年月日号至到起止—–－～"
)

// TypedCell reports whether a cell of an aligned text row holds a date or a
// code, whole or written in pieces (2024 年 3 月 5 日, 911301 0899Y3 4U4B37),
// or a token that is one.
func TypedCell(cell string) bool {
	ts := strings.Fields(cell)
	for _, t := range ts {
		if Typed(t) {
			return true
		}
	}
	return len(ts) > 1 && (pieces(KindDate, ts) || pieces(KindCode, ts))
}

// alignRows realigns the rows of a table found in a text pseudo-sheet under
// its header: the header row's token count is the column count.
func alignRows(t *Table, s extractors.Sheet, l List) {
	hdr := s.Rows[t.HeaderRow-1]
	cols := make([]spec, len(hdr))
	usual := map[string]bool{}
	for _, w := range blankHeads() {
		usual[Normalize(w)] = true
	}
	for j, h := range hdr {
		cols[j] = spec{kind: KindText, blank: costOtherBlank}
		if usual[Normalize(h)] {
			cols[j].blank = costUsualBlank
		}
	}
	for key, j := range t.Cols {
		if j < len(cols) {
			cols[j] = spec{kind: l.Kinds[key], expect: l.Expect[key], blank: costTextBlank}
			if cols[j].kind == KindSeq || cols[j].kind == KindCode || cols[j].kind == KindDate {
				cols[j].blank = costTypedBlank
			}
		}
	}
	if len(cols) > 0 {
		// A leading column of row numbers is common and usually unnamed
		// in the column spec (序号).
		if h := parse.Compact(hdr[0]); h == "序号" || h == "编号" || h == "No." {
			cols[0] = spec{kind: KindSeq, blank: costTypedBlank}
		}
	}
	for i := range t.Rows {
		t.Rows[i].Cells = align(t.Rows[i].Cells, cols)
	}
}

// Tidy normalises a name read from a cell: parse.Norm, then no spaces
// except between two ASCII letters or digits (a layout or OCR gap inside a
// Chinese name, around its brackets, is not part of it).
func Tidy(s string) string {
	rs := []rune(parse.Norm(s))
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && !(i > 0 && i+1 < len(rs) && asciiWord(rs[i-1]) && asciiWord(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func asciiWord(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// List describes the table of a list document (experts, partners, service
// records) for ReadList.
type List struct {
	Columns []Column
	// Kinds, Expect, Vocab, VocabRe and Inside guide FindTextTable for
	// lists printed as text. Kinds says what each column holds (free text
	// when absent); Expect, for a free-text column, whether a cell is of
	// the shape it holds (a title, a mode of service); Vocab are literal
	// values, VocabRe a pattern of values (either may be empty).
	Kinds   map[string]Kind
	Expect  map[string]func(cell string) bool
	Vocab   []string
	VocabRe *regexp.Regexp
	Inside  bool
	// IsData tells data lines of a text table from page headers, footers
	// and notes between its rows.
	IsData func(cells []string) bool
}

// ListRow is one row of a list and where it was read.
type ListRow struct {
	Table    *Table
	Row      Row
	Evidence extractors.Evidence
}

// ReadList returns the rows of the list's table in d: from every sheet that
// holds it, or from the text lines of a PDF or scan. It returns an error
// wrapping ErrNoTable when d holds no such table.
func ReadList(d *extractors.Doc, l List) ([]ListRow, error) {
	var out []ListRow
	if len(d.Sheets) > 0 {
		tables := FindTables(d.Sheets, l.Columns)
		if len(tables) == 0 {
			return nil, fmt.Errorf("%s: %w", d.Path, ErrNoTable)
		}
		for _, t := range tables {
			for _, r := range t.Rows {
				out = append(out, ListRow{Table: t, Row: r, Evidence: d.RowEvidence(t.Sheet, r.Number, r.Cells)})
			}
		}
		return out, nil
	}
	s, refs := TextSheet(d)
	t, err := FindTextTable(s, l)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, ErrNoTable)
	}
	for _, r := range t.Rows {
		if l.IsData != nil && !l.IsData(r.Cells) {
			continue
		}
		ref := refs[r.Number-1]
		out = append(out, ListRow{Table: t, Row: r, Evidence: d.LineEvidence(ref.Page, ref.Text)})
	}
	return out, nil
}

// vocab joins the literal Vocab and VocabRe into one pattern, nil when both
// are empty.
func (l List) vocab() *regexp.Regexp {
	var alts []string
	if len(l.Vocab) > 0 {
		alts = append(alts, lexicon.Alt(l.Vocab))
	}
	if l.VocabRe != nil {
		alts = append(alts, "(?:"+l.VocabRe.String()+")")
	}
	if len(alts) == 0 {
		return nil
	}
	expr := strings.Join(alts, "|")
	if re, ok := vocabCache.Load(expr); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(expr)
	vocabCache.Store(expr, re)
	return re
}

// vocabCache keeps the compiled vocab patterns: lists use the same few.
var vocabCache sync.Map

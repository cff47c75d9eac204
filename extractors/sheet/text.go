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

// FindTextTable finds the table in a text pseudo-sheet. When the text lost
// the spaces between Chinese cells (a header read as one run of
// characters), the header is split at the column names it holds, and the
// cells of data rows at the matches of vocab (values known to end or start a
// cell, or to stand anywhere in a run of cells when inside is set), before
// the rows are aligned under the header. vocab may be nil.
func FindTextTable(s extractors.Sheet, cols []Column, kindOf map[string]Kind, vocab *regexp.Regexp, inside bool) (*Table, error) {
	t, err := FindTable([]extractors.Sheet{s}, cols)
	if err != nil {
		merged := extractors.Sheet{Name: s.Name, Rows: make([][]string, len(s.Rows))}
		split := false
		for i, row := range s.Rows {
			if h, ok := splitHeader(row, cols); ok {
				merged.Rows[i], split = h, true
				continue
			}
			merged.Rows[i] = splitVocab(row, vocab, inside)
		}
		if !split {
			return nil, err
		}
		if t, err = FindTable([]extractors.Sheet{merged}, cols); err != nil {
			return nil, err
		}
		s = merged
	}
	alignRows(t, s, kindOf)
	return t, nil
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
	KindText Kind = iota // free text: may be empty or take several tokens
	KindSeq              // a row number
	KindCode             // a USCC or an ID number: one token of letters and digits
	KindDate             // a date
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

// align distributes the tokens of a text row over columns of the given
// kinds at the least cost: a typed column takes at most one token, a text
// column any number (joined by a space). It returns one cell per column.
func align(tokens []string, kinds []Kind) []string {
	n, k := len(tokens), len(kinds)
	if n == k {
		ok := true
		for i, t := range tokens {
			if kinds[i] != KindText && !fits(kinds[i], t) {
				ok = false
				break
			}
		}
		if ok {
			return tokens
		}
	}
	const inf = 1e18
	// cost[i][j]: best cost of placing tokens[:j] in columns[:i].
	cost := make([][]float64, k+1)
	from := make([][]int, k+1)
	for i := range cost {
		cost[i] = make([]float64, n+1)
		from[i] = make([]int, n+1)
		for j := range cost[i] {
			cost[i][j] = inf
		}
	}
	cost[0][0] = 0
	for i := 1; i <= k; i++ {
		kd := kinds[i-1]
		for j := 0; j <= n; j++ {
			for s := j; s >= 0; s-- { // column i-1 takes tokens[s:j]
				if cost[i-1][s] >= inf {
					continue
				}
				c := spanCost(kd, tokens[s:j])
				if c >= inf {
					if kd != KindText {
						break // a typed column never takes more than one token
					}
					continue
				}
				if v := cost[i-1][s] + c; v < cost[i][j] {
					cost[i][j], from[i][j] = v, s
				}
			}
		}
	}
	if cost[k][n] >= inf {
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

// spanCost is the cost of a column of Kind kd holding the tokens ts.
func spanCost(kd Kind, ts []string) float64 {
	const inf = 1e18
	if kd != KindText {
		switch {
		case len(ts) == 0:
			return 2
		case len(ts) > 1:
			return inf
		case fits(kd, ts[0]):
			return 0
		default:
			return 4
		}
	}
	if len(ts) == 0 {
		return 1.5
	}
	c := 0.6 * float64(len(ts)-1)
	for _, t := range ts {
		if Typed(t) {
			c += 3
		}
	}
	return c
}

// alignRows realigns the rows of a table found in a text pseudo-sheet under
// its header: the header row's token count is the column count.
func alignRows(t *Table, s extractors.Sheet, kindOf map[string]Kind) {
	hdr := s.Rows[t.HeaderRow-1]
	kinds := make([]Kind, len(hdr))
	for key, j := range t.Cols {
		if j < len(kinds) {
			kinds[j] = kindOf[key]
		}
	}
	if len(kinds) > 0 {
		// A leading column of row numbers is common and usually unnamed
		// in the column spec (序号).
		if h := parse.Compact(hdr[0]); h == "序号" || h == "编号" || h == "No." {
			kinds[0] = KindSeq
		}
	}
	for i := range t.Rows {
		t.Rows[i].Cells = align(t.Rows[i].Cells, kinds)
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
	// Kinds, Vocab, VocabRe and Inside guide FindTextTable for lists
	// printed as text: Vocab are literal values, VocabRe a pattern of
	// values (either may be empty).
	Kinds   map[string]Kind
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
	t, err := FindTextTable(s, l.Columns, l.Kinds, l.vocab(), l.Inside)
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

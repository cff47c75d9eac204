// Package locate finds a quote on its page: given a page read with the
// positions of its characters (extractors.Page.Boxes) and the snippet of a
// piece of evidence, it returns the rectangles of the page image that
// cover the quoted words, one per line, for a viewer to highlight.
//
// Snippets are lines of the page as the extractors quote them: whole or
// cut by extractors.Clip ("…" at the end), normalised again (NFKC,
// look-alike punctuation folded, spaces between Chinese characters
// dropped), two lines joined with " / ", or a label and a line joined with
// " … ". Matching ignores white space and look-alike punctuation; a quote
// is looked for whole, then part by part: the longest part found anchors
// it, and the others are highlighted only within a few lines of it.
package locate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
	"ruku/extractors/parse"
)

// Separators the extractors put between the parts of a snippet.
var separators = []string{" … ", " / "}

// Page is a page prepared for locating quotes on it.
type Page struct {
	p     *extractors.Page
	lines []key
	all   key // every line's key, one after another
}

// key is text reduced for matching, with where each of its runes came
// from.
type key struct {
	text string
	line []int // per rune of text: the line it came from
	pos  []int // per rune of text: its rune index in that line
}

// New prepares p. A page without boxes locates nothing.
func New(p *extractors.Page) *Page {
	pg := &Page{p: p}
	if p == nil || p.Boxes == nil {
		return pg
	}
	pg.lines = make([]key, len(p.Lines))
	var all strings.Builder
	for i, l := range p.Lines {
		k := key{}
		var b strings.Builder
		for j, r := range []rune(l) {
			r = parse.FoldLookAlike(r)
			if unicode.IsSpace(r) {
				continue
			}
			b.WriteRune(r)
			k.line = append(k.line, i)
			k.pos = append(k.pos, j)
		}
		k.text = b.String()
		pg.lines[i] = k
		all.WriteString(k.text)
		pg.all.line = append(pg.all.line, k.line...)
		pg.all.pos = append(pg.all.pos, k.pos...)
	}
	pg.all.text = all.String()
	return pg
}

// Quote returns the rectangles of p's image (fractions of its size,
// origin top-left, rounded to 4 decimals) covering snippet, one per line
// it spans (or per column of a line), in the snippet's order; nil when the page has no boxes or the
// snippet is not on it.
func Quote(p *extractors.Page, snippet string) []extractors.Box {
	return New(p).Quote(snippet)
}

// Quote is the package's Quote on the prepared page.
func (pg *Page) Quote(snippet string) []extractors.Box {
	if pg.lines == nil {
		return nil
	}
	s := strings.TrimSpace(snippet)
	if out := pg.part(s); out != nil {
		return out
	}
	if t, ok := strings.CutSuffix(s, "…"); ok {
		s = strings.TrimSpace(t)
		if out := pg.part(s); out != nil {
			return out
		}
	}
	parts := []string{s}
	for _, sep := range separators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	if len(parts) == 1 {
		return nil
	}
	// The longest part found anchors the quote; the others count only
	// near it (a label looked for above a figure, the next line of an
	// address), where they are looked for first.
	ms := make([]match, len(parts))
	anchor := -1
	for i, p := range parts {
		if m, ok := pg.find(reduce(p), -1); ok {
			ms[i] = m
			if anchor < 0 || m.n > ms[anchor].n {
				anchor = i
			}
		}
	}
	if anchor < 0 {
		return nil
	}
	var out []extractors.Box
	for i, p := range parts {
		m, ok := ms[anchor], true
		if i != anchor {
			m, ok = pg.find(reduce(p), ms[anchor].line)
			ok = ok && abs(m.line-ms[anchor].line) <= maxPartDistance
		}
		if ok {
			for _, b := range pg.rects(m.k, m.from, m.from+m.n) {
				out = appendNew(out, b)
			}
		}
	}
	return out
}

// maxPartDistance is how many lines away from the anchor of a quote
// another part of it may be found.
const maxPartDistance = 3

// match is where a reduced text was found: runes from..from+n of k, which
// start on line line.
type match struct {
	k       key
	from, n int
	line    int
}

// part locates one piece of text (see find).
func (pg *Page) part(s string) []extractors.Box {
	m, ok := pg.find(reduce(s), -1)
	if !ok {
		return nil
	}
	return pg.rects(m.k, m.from, m.from+m.n)
}

// find looks for the reduced text k: a line that is k, else a line that
// holds it, else the first place it runs across lines. Among lines of
// one kind it takes the first, or with near >= 0 the nearest to line
// near.
func (pg *Page) find(k string, near int) (match, bool) {
	if k == "" {
		return match{}, false
	}
	n := utf8.RuneCountInString(k)
	best := func(ok func(l key) (int, bool)) (match, bool) {
		var m match
		found := false
		for i, l := range pg.lines {
			from, hit := ok(l)
			if !hit {
				continue
			}
			if !found || (near >= 0 && abs(i-near) < abs(m.line-near)) {
				m, found = match{k: l, from: from, n: n, line: i}, true
			}
			if near < 0 {
				break
			}
		}
		return m, found
	}
	if m, ok := best(func(l key) (int, bool) { return 0, l.text == k }); ok {
		return m, true
	}
	if m, ok := best(func(l key) (int, bool) {
		i := strings.Index(l.text, k)
		if i < 0 {
			return 0, false
		}
		return utf8.RuneCountInString(l.text[:i]), true
	}); ok {
		return m, true
	}
	if i := strings.Index(pg.all.text, k); i >= 0 {
		from := utf8.RuneCountInString(pg.all.text[:i])
		return match{k: pg.all, from: from, n: n, line: pg.all.line[from]}, true
	}
	return match{}, false
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// columnGap is the gap between two characters of a line, in multiples of
// the larger of them, beyond which they are in different columns (a label
// and its value across a table) and get rectangles of their own.
const columnGap = 3

// rects are the rectangles of the runes from..to of k: one per line, or
// per stretch of a line where a wide gap parts its columns.
func (pg *Page) rects(k key, from, to int) []extractors.Box {
	var out []extractors.Box
	var cur, last extractors.Box
	line := -1
	flush := func() {
		if !cur.IsZero() {
			out = appendNew(out, cur.Rounded())
		}
		cur, last = extractors.Box{}, extractors.Box{}
	}
	var boxes []extractors.Box
	for i := from; i < to; i++ {
		if k.line[i] != line {
			flush()
			line = k.line[i]
			boxes = extractors.LineBoxes(pg.p.Lines[line], lineBoxes(pg.p, line))
		}
		if boxes == nil {
			continue
		}
		b := boxes[k.pos[i]]
		if b.IsZero() {
			continue
		}
		if !last.IsZero() && apart(last, b) {
			flush()
		}
		cur, last = cur.Union(b), b
	}
	flush()
	return out
}

// apart reports whether b is a column away from a.
func apart(a, b extractors.Box) bool {
	w := max(a.X1-a.X0, b.X1-b.X0)
	h := max(a.Y1-a.Y0, b.Y1-b.Y0)
	gx := max(b.X0-a.X1, a.X0-b.X1)
	gy := max(b.Y0-a.Y1, a.Y0-b.Y1)
	return gx > columnGap*w || gy > columnGap*h
}

// lineBoxes is the boxes of line i of p, nil when it has none.
func lineBoxes(p *extractors.Page, i int) []extractors.Box {
	if i < len(p.Boxes) {
		return p.Boxes[i]
	}
	return nil
}

// appendNew appends b to out unless out already holds it.
func appendNew(out []extractors.Box, b extractors.Box) []extractors.Box {
	for _, o := range out {
		if o == b {
			return out
		}
	}
	return append(out, b)
}

// reduce is s as matched: NFKC, look-alikes folded, white space dropped.
func reduce(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		r = parse.FoldLookAlike(r)
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

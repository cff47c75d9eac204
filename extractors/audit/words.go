package audit

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"ruku/lexicon"
)

// The wording the statements are read by comes from the lexicon
// (lexicon/data/audit.json): the column headings of each meaning and the
// labels of the rows read.

// colWord is one column heading word and the role of its column.
type colWord struct {
	w    []rune
	kind int
}

// Label classes of the rows the report reads: lexicon list names.
const (
	labTotalAssets = "audit.total_assets"
	labNetAssets   = "audit.net_assets"
	labLiabEq      = "audit.liabilities_and_equity"
	labLiab        = "audit.liabilities"
	labNetProfit   = "audit.net_profit"
)

var labelClasses = []string{labTotalAssets, labNetAssets, labLiabEq, labLiab, labNetProfit}

// vocab is the audit wording, read once from the lexicon.
type vocab struct {
	cols   []colWord       // longest first
	notes  map[string]bool // headings of note-reference columns (附注)
	labels map[string]map[string]bool
}

var words = sync.OnceValue(func() *vocab {
	lx := lexicon.Default()
	v := &vocab{labels: map[string]map[string]bool{}, notes: map[string]bool{}}
	for _, w := range lx.Words("audit.col_note") {
		v.notes[compactSpace(w)] = true
	}
	for _, k := range []struct {
		list string
		kind int
	}{{"audit.col_skip", roleSkip}, {"audit.col_prior", rolePrior}, {"audit.col_current", roleCur}} {
		for _, w := range lx.Words(k.list) {
			v.cols = append(v.cols, colWord{w: []rune(compactSpace(w)), kind: k.kind})
		}
	}
	sort.SliceStable(v.cols, func(i, j int) bool { return len(v.cols[i].w) > len(v.cols[j].w) })
	for _, c := range labelClasses {
		set := map[string]bool{}
		for _, w := range lx.Words(c) {
			set[cleanLabel(w)] = true
		}
		v.labels[c] = set
	}
	return v
})

// minFuzzy is the shortest word that may match with one character
// misread.
const minFuzzy = 3

// roleUnknown marks a heading misread so that it could name columns of
// different meanings.
const roleUnknown = -1

// colAt returns the length in runes and role of the heading word exactly
// at c[i:], or 0.
func (v *vocab) colAt(c []rune, i int) (int, int) {
	for _, w := range v.cols {
		if hasAt(c, i, w.w, 0) {
			return len(w.w), w.kind
		}
	}
	return 0, 0
}

// fuzzyColAt returns the length and role of the longest heading word that
// c[i:] spells with one character misread, roleUnknown when words of
// different meanings match, or length 0.
func (v *vocab) fuzzyColAt(c []rune, i int) (int, int) {
	n, kind := 0, 0
	for _, w := range v.cols {
		if len(w.w) < minFuzzy || n > 0 && len(w.w) < n || !hasAt(c, i, w.w, 1) {
			continue
		}
		// an exact word starting inside the window wins
		for k := i + 1; k < i+len(w.w) && k < len(c); k++ {
			if m, _ := v.colAt(c, k); m > 0 {
				return 0, 0
			}
		}
		switch {
		case n == 0:
			n, kind = len(w.w), w.kind
		case kind != w.kind:
			kind = roleUnknown
		}
	}
	return n, kind
}

// prefixKind returns the role of the heading words that field, a heading
// cut short where its narrow cell wrapped (上年年末 of 上年年末余额), begins,
// when all such words have one role; ok is false otherwise.
func (v *vocab) prefixKind(field string) (kind int, ok bool) {
	f := []rune(compactSpace(field))
	if len(f) < 2 {
		return 0, false
	}
	for _, w := range v.cols {
		if len(w.w) <= len(f) || !hasAt(w.w, 0, f, 0) {
			continue
		}
		if ok && kind != w.kind {
			return 0, false
		}
		kind, ok = w.kind, true
	}
	return kind, ok
}

// hasAt reports whether c[i:] starts with w, up to miss characters
// differing (never the first).
func hasAt(c []rune, i int, w []rune, miss int) bool {
	if i+len(w) > len(c) {
		return false
	}
	for k, r := range w {
		if c[i+k] != r {
			if k == 0 || miss == 0 {
				return false
			}
			miss--
		}
	}
	return true
}

// headingRoles reads the column heading words of a line in order. With
// ocr set, a word may have one character misread; a misread heading that
// could name columns of two meanings takes the meaning the line's other
// headings leave open (年初数 期未数: the second is the current column).
func headingRoles(s string, ocr bool) []role {
	v := words()
	c := []rune(compactSpace(s))
	var out []role
	for i := 0; i < len(c); {
		if n, k := v.colAt(c, i); n > 0 {
			out = append(out, role{kind: k})
			i += n
			continue
		}
		if ocr {
			if n, k := v.fuzzyColAt(c, i); n > 0 {
				out = append(out, role{kind: k})
				i += n
				continue
			}
		}
		i++
	}
	unknown, cur, prior := -1, 0, 0
	for i, r := range out {
		switch r.kind {
		case roleUnknown:
			if unknown >= 0 {
				return nil // two misread headings: no reading
			}
			unknown = i
		case roleCur:
			cur++
		case rolePrior:
			prior++
		}
	}
	if unknown >= 0 {
		switch {
		case cur > 0 && prior == 0:
			out[unknown].kind = rolePrior
		case prior > 0 && cur == 0:
			out[unknown].kind = roleCur
		default:
			return nil
		}
	}
	return out
}

// isLabel reports whether raw, cleaned, is a label of class (a lexicon
// list name).
func isLabel(class, raw string) bool { return words().labels[class][cleanLabel(raw)] }

// isFuzzyLabel reports whether raw, cleaned, spells a label of class with
// one character misread (an OCR reading) and no label of another class.
func isFuzzyLabel(class, raw string) bool {
	c := []rune(cleanLabel(raw))
	match := func(cl string) bool {
		for w := range words().labels[cl] {
			wr := []rune(w)
			if len(wr) >= minFuzzy && len(wr) == len(c) && hasAt(c, 0, wr, 1) {
				return true
			}
		}
		return false
	}
	if !match(class) {
		return false
	}
	for _, other := range labelClasses {
		if other != class && (match(other) || isLabel(other, raw)) {
			return false
		}
	}
	return true
}

// ocrAmountRe is an amount as OCR reads it: thousands separators read as
// points or doubled (9,.769,956.66, 6.997,969.29), a separator lost
// (1276,108.27), a stray mark after it (16.38,).
var ocrAmountRe = regexp.MustCompile(`^([-−–]?\(?[-−–]?)(\d{1,4}(?:[.,]{1,2}\d{3})*)[.,](\d{2})(\)?)[,.;:，。、]?$`)

// canonRe is an amount as written by a producer.
var canonRe = regexp.MustCompile(`^[-−–]?\(?[-−–]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?$`)

// canonAmount rewrites an amount misread by OCR as plain digits with a
// decimal point; other fields are returned as they are.
func canonAmount(f string) string {
	if canonRe.MatchString(f) {
		return f
	}
	m := ocrAmountRe.FindStringSubmatch(f)
	if m == nil {
		return f
	}
	digits := strings.NewReplacer(",", "", ".", "").Replace(m[2])
	return m[1] + digits + "." + m[3] + m[4]
}

// Package label is the one reader of labelled fields: given a document's
// lines (or a table row's cells) and the words that label a field, it finds
// the field's value however the document writes it:
//
//	label：value            label:value            label value
//	乙方(承租人)：value      承租人（以下简称“乙方”）：value
//	label | value           (neighbouring table cells, one Line each)
//	label                   (label ending its line,
//	value                    value on the next line)
//	面积150平方米            150平方米的房屋 (a number with its unit, or
//	                         before a cue word in place of its label)
//
// A value ends at a sentence end (;；。) or where another label (a stop)
// begins on its line. Wording is the caller's: labels, stops, units and cues
// come from the lexicon, never from this package.
package label

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/lexicon"
)

// Line is one line of a document, or one cell of a table row.
type Line struct {
	Page  int    // 1-based page number; 0 for cells
	Index int    // 0-based line index on its page, or cell index in its row
	Text  string // the text as the document gives it (the evidence)

	norm string // Text as the reader compares it, when already computed
}

// DocLines returns the lines of every page of d, in reading order, blank
// lines left out. Sheets are not included: read their rows with Cells.
func DocLines(d *extractors.Doc) []Line {
	if d == nil {
		return nil
	}
	var out []Line
	for _, p := range d.Pages {
		for i, l := range p.Lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			out = append(out, Line{Page: p.Number, Index: i, Text: l, norm: norm(l)})
		}
	}
	return out
}

// Cells returns a table row's cells as lines, so that a label in one cell
// and its value in the next read as a label ending its line.
func Cells(cells []string) []Line {
	out := make([]Line, 0, len(cells))
	for i, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		out = append(out, Line{Index: i, Text: c, norm: norm(c)})
	}
	return out
}

// Spec says how a field is labelled. Only Labels is required.
type Spec struct {
	// Labels are the words that introduce the value. A word written with
	// a trailing colon (乙方:) labels the value only when a colon follows
	// it (after any bracketed notes) or when it ends its line: bare, such
	// a word is common prose (乙方不得转租).
	Labels []string
	// Stops end a value on its line: other fields' labels, and words
	// such as 的房屋 that close an address in a sentence.
	Stops []string
	// Exclude are longer words holding a label that mean something else
	// (宗地面积 holds 面积): a label inside one of them is not read.
	Exclude []string
	// Joiners are words allowed between a label and its value (为, 是,
	// 共, 约).
	Joiners []string
	// Units, when set, make the value a number written with one of them
	// (150平方米, 622m2); the number is the value and Match.Unit the unit.
	Units []string
	// UnitOptional accepts a number written without any unit (Match.Unit
	// is then empty).
	UnitOptional bool
	// Cues are words that may follow a number and its unit in place of a
	// label before it (150平方米的房屋). Only read when Units is set.
	Cues []string
	// Complete, when set, says whether a value is whole. A value cut by
	// the end of its line that is not whole takes the start of the next
	// line when that makes it whole (a name wrapped by a narrow cell).
	Complete func(string) bool
}

// Match is a value found, and where.
type Match struct {
	Value    string // the value, NFKC-normalised, spaces between CJK removed
	Unit     string // the unit written after a number (Spec.Units)
	Label    string // the label (or cue) it was read by
	Line     Line   // the line holding the value: the evidence
	At       int    // index of that line in the lines searched
	OK       bool
	NextLine bool // the value is on the line after its label
	Before   bool // the value is written before its cue (150平方米的房屋)

	noteUnit string // the unit stated in the label's note, while reading
}

// Reader finds the values of one Spec. Build it once with New.
type Reader struct {
	spec    Spec
	labels  *regexp.Regexp
	strict  map[string]bool
	exclude *regexp.Regexp
	stops   *regexp.Regexp
	lead    *regexp.Regexp // notes, colon and joiners after a label
	number  *regexp.Regexp // a number and its unit at the start of a value
	before  *regexp.Regexp // a number, its unit and a cue
	units   *regexp.Regexp // a unit anywhere
	bare    *regexp.Regexp // a number without a unit
}

// noteRe is a bracketed note after a label: (承租人), （以下简称“乙方”）.
const noteRe = `(?:\s*[(（【\[][^()（）【】\[\]]{0,30}[)）】\]])*`

// numberRe is a number as documents write it: 1,234.5 or 150 or 97.9.
const numberRe = `(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`

// New compiles spec. Words are literal text, matched after NFKC
// normalisation (full-width colons and brackets read as ASCII).
func New(spec Spec) *Reader {
	r := &Reader{spec: spec, strict: map[string]bool{}}
	var labels []string
	for _, l := range spec.Labels {
		w := parse.Norm(l)
		if t := strings.TrimRight(w, ":"); t != w {
			w = t
			r.strict[w] = true
		}
		if w != "" {
			labels = append(labels, w)
		}
	}
	if len(labels) == 0 {
		labels = []string{"\x00"} // matches nothing in text
	}
	r.labels = regexp.MustCompile(lexicon.Alt(labels))
	if ws := normAll(spec.Exclude); len(ws) > 0 {
		r.exclude = regexp.MustCompile(lexicon.Alt(ws))
	}
	stops := normAll(append(append([]string(nil), spec.Stops...), labels...))
	r.stops = regexp.MustCompile(lexicon.Alt(stops))
	joiners := ""
	if ws := normAll(spec.Joiners); len(ws) > 0 {
		joiners = lexicon.Alt(ws) + `?`
	}
	r.lead = regexp.MustCompile(`^` + noteRe + `\s*(:?)\s*` + joiners + `\s*:?\s*`)
	if len(spec.Units) > 0 {
		units := lexicon.Alt(normAll(spec.Units))
		opt := ""
		if spec.UnitOptional {
			opt = "?"
		}
		r.number = regexp.MustCompile(`^` + numberRe + `\s*(` + units + `)` + opt)
		r.units = regexp.MustCompile(units)
		r.bare = regexp.MustCompile(`^` + numberRe + `(?:[^\d.,]|$)`)
		if cues := normAll(spec.Cues); len(cues) > 0 {
			r.before = regexp.MustCompile(numberRe + `\s*(` + units + `)\s*(` + lexicon.Alt(cues) + `)`)
		}
	}
	return r
}

func normAll(ws []string) []string {
	var out []string
	for _, w := range ws {
		if w = strings.TrimRight(parse.Norm(w), ":"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Find returns the first value in lines, in reading order.
func (r *Reader) Find(lines []Line) Match {
	for i := range lines {
		if ms := r.line(lines, i, true); len(ms) > 0 {
			return ms[0]
		}
	}
	return Match{}
}

// FindAll returns every value in lines, in reading order.
func (r *Reader) FindAll(lines []Line) []Match {
	var out []Match
	for i := range lines {
		out = append(out, r.line(lines, i, false)...)
	}
	return out
}

// Find reads the first value labelled by spec in lines; build a Reader
// with New when the same spec reads many documents.
func Find(lines []Line, spec Spec) Match { return New(spec).Find(lines) }

// norm is a line as the reader sees it.
func norm(s string) string { return parse.Norm(s) }

// Norm is l as the reader compares it (see the function Norm).
func (l Line) Norm() string {
	if l.norm != "" || l.Text == "" {
		return l.norm
	}
	return norm(l.Text)
}

// line reads the values labelled on line i (and those before their cues).
func (r *Reader) line(lines []Line, i int, first bool) []Match {
	t := lines[i].Norm()
	var excl [][]int
	if r.exclude != nil {
		excl = r.exclude.FindAllStringIndex(t, -1)
	}
	type hit struct {
		at int
		m  Match
	}
	var hits []hit
	for _, loc := range r.labels.FindAllStringIndex(t, -1) {
		if overlaps(loc, excl) {
			continue
		}
		m, ok := r.after(lines, i, t, loc)
		if ok {
			hits = append(hits, hit{loc[0], m})
			if first && r.before == nil {
				break
			}
		}
	}
	if r.before != nil {
		for _, loc := range r.before.FindAllStringSubmatchIndex(t, -1) {
			if overlaps([]int{loc[6], loc[7]}, excl) {
				continue
			}
			m := Match{Value: t[loc[2]:loc[3]], Unit: t[loc[4]:loc[5]], Label: t[loc[6]:loc[7]],
				Line: lines[i], At: i, OK: true, Before: true}
			hits = append(hits, hit{loc[0], m})
		}
	}
	// reading order on the line
	for a := 1; a < len(hits); a++ {
		for b := a; b > 0 && hits[b].at < hits[b-1].at; b-- {
			hits[b], hits[b-1] = hits[b-1], hits[b]
		}
	}
	out := make([]Match, len(hits))
	for k, h := range hits {
		out[k] = h.m
	}
	return out
}

func overlaps(loc []int, spans [][]int) bool {
	for _, s := range spans {
		if loc[0] < s[1] && s[0] < loc[1] {
			return true
		}
	}
	return false
}

// after reads the value after the label at loc on line i (text t).
func (r *Reader) after(lines []Line, i int, t string, loc []int) (Match, bool) {
	label := t[loc[0]:loc[1]]
	rest := t[loc[1]:]
	lead := r.lead.FindStringSubmatchIndex(rest)
	colon, notes := false, ""
	if lead != nil {
		colon = lead[3] > lead[2] || strings.Contains(rest[:lead[1]], ":")
		notes = rest[:lead[1]]
		rest = rest[lead[1]:]
	}
	m := Match{Label: label, Line: lines[i], At: i, noteUnit: r.noteUnit(notes)}
	v, cut := r.cut(rest)
	if v == "" && !cut && i+1 < len(lines) && (!r.strict[label] || colon || loc[0] == 0) {
		// the label ends its line: the value is the next line's start
		nt := lines[i+1].Norm()
		if loc := r.stops.FindStringIndex(nt); loc != nil && loc[0] == 0 {
			return Match{}, false // the next line is another field
		}
		v, cut = r.cut(nt)
		m.Line, m.At, m.NextLine = lines[i+1], i+1, true
	} else if r.strict[label] && !colon {
		return Match{}, false
	}
	if v == "" {
		return Match{}, false
	}
	if j := m.At + 1; !cut && r.spec.Complete != nil && !r.spec.Complete(v) && j < len(lines) {
		// a value wrapped by a narrow cell
		if w, _ := r.cut(lines[j].Norm()); w != "" && r.spec.Complete(v+w) {
			v += w
		}
	}
	return r.value(m, v)
}

// value finishes m with the value text v: a number and unit when the spec
// has units.
func (r *Reader) value(m Match, v string) (Match, bool) {
	if r.number == nil {
		m.Value, m.OK = v, true
		return m, true
	}
	n := r.number.FindStringSubmatch(v)
	if n == nil && m.noteUnit != "" {
		// 面积(㎡):150 — the unit is in the label's note
		if k := r.bare.FindStringSubmatch(v); k != nil {
			n = []string{k[0], k[1], m.noteUnit}
		}
	}
	if n == nil {
		return Match{}, false
	}
	m.Value, m.Unit, m.OK = n[1], n[2], true
	if m.Unit == "" {
		m.Unit = m.noteUnit
	}
	m.noteUnit = ""
	return m, true
}

// noteUnit is the unit a label's bracketed note states (面积(㎡)), or "".
func (r *Reader) noteUnit(notes string) string {
	if r.units == nil || !strings.ContainsAny(notes, "(（【[") {
		return ""
	}
	return r.units.FindString(notes)
}

// maxValue is the most bytes of a line read as one value (100 CJK
// characters).
const maxValue = 300

// ends are the characters that end a value.
const ends = ";；。"

// cut returns the value at the start of s: up to a sentence end or a stop
// label, trimmed, and whether something other than the end of the line
// ended it.
func (r *Reader) cut(s string) (string, bool) {
	if len(s) > maxValue {
		// no value runs this long: look no further (and keep the
		// reading of a long line linear)
		k := maxValue
		for k > 0 && !utf8.RuneStart(s[k]) {
			k--
		}
		s = s[:k]
	}
	end, cut := len(s), false
	if k := strings.IndexAny(s, ends); k >= 0 {
		end, cut = k, true
	}
	if loc := r.stops.FindStringIndex(s[:end]); loc != nil {
		end, cut = loc[0], true
	}
	return strings.TrimSpace(s[:end]), cut
}

// Norm returns s as the reader compares it: NFKC, runs of white space one
// space, spaces between CJK characters removed.
func Norm(s string) string { return norm(s) }

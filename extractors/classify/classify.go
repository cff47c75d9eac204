// Package classify decides the document kind (RULES.md section 4) of a file
// from its content: the words of its title and body, or its sheet headers.
// File names are never looked at. The cues are wording, read from the
// lexicon (lexicon/data/classify.json); every kind is scored and the result
// says how sure the choice is.
package classify

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/lexicon"
)

// Kind is a document kind of RULES.md section 4.
type Kind string

// The document kinds.
const (
	ApplicationForm  Kind = "application_form"
	Overview         Kind = "overview"
	License          Kind = "license"
	Premises         Kind = "premises"
	Policies         Kind = "policies"
	ServiceHistory   Kind = "service_history"
	ExpertList       Kind = "expert_list"
	PartnerList      Kind = "partner_list"
	Staff            Kind = "staff"
	AuditReport      Kind = "audit_report"
	ServiceReport    Kind = "service_report"
	ServiceRecords   Kind = "service_records"
	CreditScreenshot Kind = "credit_screenshot"
	IntegrityPledge  Kind = "integrity_pledge"
	Declaration      Kind = "declaration"
	Other            Kind = "other"
)

// Required lists the kinds materials_complete asks for, in the order of
// 第七条.
var Required = []Kind{ApplicationForm, Overview, License, Premises, Policies, ServiceHistory,
	ExpertList, PartnerList, Staff, AuditReport, ServiceReport, ServiceRecords, CreditScreenshot,
	IntegrityPledge, Declaration}

// scored lists the kinds that have cues: the required ones and Other (a
// document that names itself 荣誉证书 is confidently other).
var scored = append(append([]Kind(nil), Required...), Other)

// Candidate is a kind and the score the document got for it.
type Candidate struct {
	Kind  Kind
	Score int
}

// Result is the kind chosen for a document and why. Confident is false
// when the choice is weak: the best score is low, or the runner-up is
// close; Candidates then holds the two best kinds with their scores. A
// document classified Other is confidently Other unless some required kind
// scored strayScore or more.
type Result struct {
	Kind       Kind
	Score      int
	Cues       []string // the cues that matched for Kind; title cues are prefixed 标题:
	Why        string   // the cues that decided, for the dossier
	Confident  bool
	Candidates []Candidate
}

// Weights of the cues (see lexicon/data/classify.json). The title part of
// a score is its best title cue, plus extraTitle for each further title
// cue the title lines hold (at most maxExtra); body and header cues add
// bodyCue each, at most maxBody, so that a long body never outweighs a
// title.
const (
	titleInTitle = 10
	titleInBody  = 3
	weakInTitle  = 5
	weakInBody   = 1
	extraTitle   = 1
	maxExtra     = 3
	bodyCue      = 2
	maxBody      = 10
)

// Decision thresholds: below minScore the document is Other; a choice is
// confident from sureScore on (a title cue, or four header cues) when the
// runner-up is at least margin behind.
const (
	minScore  = 6
	sureScore = 8
	margin    = 5
	// strayScore: a required kind scoring less (a body cue or a weak
	// title word) does not make an Other document unsure.
	strayScore = 3
)

// The title lines are the first titleLines lines of the first page, up to
// the first line of prose: longer than titleRunes (without spaces), or
// holding a sentence's punctuation. A body sentence that names another
// kind (本单位所提交的申请表及…) is no title.
const (
	titleLines = 6
	titleRunes = 26
)

// prose reports whether a line (as read, and compact) reads as a sentence
// of the body. The punctuation is looked for in the line as read: Compact
// writes the enumeration comma 、 of a title (服务产品、服务企业) as a comma.
func prose(line, compact string) bool {
	return utf8.RuneCountInString(compact) > titleRunes || strings.ContainsAny(line, ",，。;；")
}

// cueSet is the wording of one kind: its title, body and header cues, and
// the words of each column its table has (columns[i] the words of one
// column).
type cueSet struct {
	title, weak, body, headers []string
	columns                    [][]string
}

// words returns a lexicon list, or nil when the data file has none.
func words(lx *lexicon.Lexicon, key string) []string {
	for _, k := range lx.Keys() {
		if k == key {
			return norm(lx.Words(key))
		}
	}
	return nil
}

func norm(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		parts := strings.Split(w, gap)
		for k, p := range parts {
			parts[k] = strings.ToLower(parse.Compact(p))
		}
		out[i] = strings.Join(parts, gap)
	}
	return out
}

// cues reads every kind's wording from the lexicon.
func cues(lx *lexicon.Lexicon) map[Kind]cueSet {
	m := map[Kind]cueSet{}
	for _, k := range scored {
		p := "classify." + string(k) + "."
		part := func(name string) []string {
			ws := words(lx, p+name)
			seen := map[string]bool{}
			for _, w := range ws {
				seen[w] = true
			}
			for _, list := range words(lx, p+name+"_from") {
				for _, w := range norm(lx.Words(list)) {
					if !seen[w] {
						seen[w] = true
						ws = append(ws, w)
					}
				}
			}
			return ws
		}
		cs := cueSet{title: part("title"), weak: part("title_weak"), body: part("body"), headers: part("headers")}
		for _, list := range words(lx, p+"columns") {
			var col []string
			for _, w := range lx.Words(list) {
				col = append(col, headingCell(w))
			}
			cs.columns = append(cs.columns, col)
		}
		m[k] = cs
	}
	return m
}

// defaultCues are the cues of the embedded lexicon.
var defaultCues = sync.OnceValue(func() map[Kind]cueSet { return cues(lexicon.Default()) })

// Classify returns the kind of d.
func Classify(d *extractors.Doc) Result {
	return classify(d, defaultCues())
}

// text is the compacted, lower-cased text a document is classified by,
// and the rows that may head a table: their cells (a text line's fields),
// compacted, lower-cased and without parenthetical notes.
type text struct {
	title, body, headers string
	rows                 [][]string
	ocr                  bool
	// titled: the title lines name a kind; a table's columns then add
	// nothing (they tell untitled tables apart, never overrule a title).
	titled bool
}

// hasTitle reports whether the title lines hold a title cue of any kind.
func (t text) hasTitle(cs map[Kind]cueSet) bool {
	for _, c := range cs {
		for _, cue := range append(append([]string(nil), c.title...), c.weak...) {
			if t.match(t.title, cue) > 0 {
				return true
			}
		}
	}
	return false
}

// Weights of a table's heading row: colCue a column whose heading names
// what the kind's table holds, from minColumns such columns on, at most
// maxColumns in all (like a title cue).
const (
	colCue     = 3
	minColumns = 3
	maxColumns = 12
)

// columnScore is the score of the row of t heading the most columns of c
// (see colCue), and the headings that made it.
func (t text) columnScore(c cueSet) (int, string) {
	best, why := 0, ""
	for _, row := range t.rows {
		var hit []string
		for _, col := range c.columns {
			for _, cell := range row {
				if slices.Contains(col, cell) {
					hit = append(hit, cell)
					break
				}
			}
		}
		if len(hit) >= minColumns && len(hit)*colCue > best {
			best, why = min(len(hit)*colCue, maxColumns), "表头:"+strings.Join(hit, "+")
		}
	}
	return best, why
}

// headingCell is a cell as columns are compared: compacted, lower-cased,
// its parenthetical notes (单位：万元) removed.
func headingCell(s string) string {
	return lower(parenNote.ReplaceAllString(s, ""))
}

var parenNote = regexp.MustCompile(`[(（][^()（）]*[)）]`)

// tableRow reports whether a text line's fields make a table's row: four
// or more fields of two characters or more (a letter-spaced title has
// fields of one).
func tableRow(fields []string) bool {
	n := 0
	for _, f := range fields {
		if utf8.RuneCountInString(f) >= 2 {
			n++
		}
	}
	return n >= 4
}

// distinct is the number of different cells of a row: a title is a row
// of one (a merged cell may repeat its text), never a label beside its
// value.
func distinct(cells []string) int {
	seen := map[string]bool{}
	for _, c := range cells {
		seen[c] = true
	}
	return len(seen)
}

// headRows is how many lines of each page, or rows of each sheet, may
// head a table.
const headRows = 15

// match reports whether cue is in s: exactly (2), or for OCR text with
// one wrong character (1), else 0.
func (t text) match(s, cue string) int {
	if gapContains(s, cue) {
		return 2
	}
	if t.ocr && fuzzyContains(s, cue) {
		return 1
	}
	return 0
}

// score is a kind's score for the text and the cues that made it.
func (t text) score(c cueSet) (int, []string) {
	var hits []string
	best, extra := 0, 0
	weigh := func(cs []string, inTitle, inBody int) {
		for _, cue := range cs {
			w, hit := 0, ""
			if m := t.match(t.title, cue); m > 0 {
				w, hit = inTitle*m/2, "标题:"+cue
			} else if m := t.match(t.body, cue); m > 0 {
				w, hit = inBody*m/2, cue
			}
			if w == 0 {
				continue
			}
			hits = append(hits, hit)
			switch {
			case w > best:
				if best >= weakInTitle {
					extra++
				}
				best = w
			case strings.HasPrefix(hit, "标题:"):
				extra++
			}
		}
	}
	weigh(c.title, titleInTitle, titleInBody)
	weigh(c.weak, weakInTitle, weakInBody)
	if w, hit := t.columnScore(c); w > 0 && !t.titled {
		hits = append(hits, hit)
		if w > best {
			if best >= weakInTitle {
				extra++
			}
			best = w
		}
	}
	body := 0
	for _, cs := range []struct {
		cues []string
		in   string
	}{{c.body, t.body}, {c.headers, t.headers}} {
		for _, cue := range cs.cues {
			if m := t.match(cs.in, cue); m > 0 {
				body += bodyCue * m / 2
				hits = append(hits, cue)
			}
		}
	}
	return best + min(extra, maxExtra)*extraTitle + min(body, maxBody), hits
}

func classify(d *extractors.Doc, cs map[Kind]cueSet) Result {
	t := textOf(d)
	t.ocr = d.Method() == extractors.MethodOCR
	t.titled = t.hasTitle(cs)
	type kindScore struct {
		kind  Kind
		score int
		hits  []string
	}
	all := make([]kindScore, 0, len(scored))
	for _, k := range scored {
		s, hits := t.score(cs[k])
		all = append(all, kindScore{k, s, hits})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	best, second := all[0], all[1]
	r := Result{Kind: best.kind, Score: best.score, Cues: best.hits, Why: strings.Join(best.hits, " ")}
	if best.score < minScore {
		r.Kind = Other
		r.Why = fmt.Sprintf("no kind scored %d or more (best %s %d)", minScore, best.kind, best.score)
		if best.score == 0 {
			r.Why = "no cue of any kind"
		}
	}
	r.Confident = best.score >= sureScore && best.score-second.score >= margin
	if r.Kind == Other {
		// confidently other when no required kind has more than a stray
		// body cue speaking for it
		top := 0
		for _, a := range all {
			if a.kind != Other {
				top = max(top, a.score)
			}
		}
		r.Confident = r.Confident || top < strayScore
	}
	if !r.Confident {
		r.Candidates = []Candidate{{best.kind, best.score}, {second.kind, second.score}}
		r.Why += fmt.Sprintf("; unsure: %s %d, %s %d", best.kind, best.score, second.kind, second.score)
	}
	return r
}

// textOf returns the title lines, the whole body and the header area of d,
// compacted (no white space) and lower-cased so that letter-spaced and OCR
// text match the cues. The title lines are the first lines of the first
// page up to its first line of prose, or a sheet's first rows; the header area is a sheet's
// first rows, or the whole text of a document (its tables arrive as lines).
func textOf(d *extractors.Doc) text {
	var t, b, h strings.Builder
	var rows [][]string
	if len(d.Sheets) > 0 {
		for _, s := range d.Sheets {
			for i, r := range s.Rows {
				if i > 40 {
					break
				}
				line := strings.Join(r, " ")
				var cells []string
				for _, c := range r {
					if c := headingCell(c); c != "" {
						cells = append(cells, c)
					}
				}
				if i < headRows {
					rows = append(rows, cells)
				}
				if i < 3 && distinct(cells) == 1 {
					t.WriteString(line + "\n")
				}
				if i < 6 {
					h.WriteString(line + "\n")
				}
				b.WriteString(line + "\n")
			}
		}
		return text{title: lower(t.String()), body: lower(b.String()), headers: lower(h.String()), rows: rows}
	}
	n, inTitle := 0, true
	for _, p := range d.Pages {
		k := 0
		for _, l := range p.Lines {
			c := parse.Compact(l)
			if c == "" {
				continue
			}
			fields := strings.Fields(l)
			if k++; k <= headRows {
				var cells []string
				for _, f := range fields {
					cells = append(cells, headingCell(f))
				}
				rows = append(rows, cells)
			}
			if p.Number != d.Pages[0].Number || n >= titleLines || prose(l, c) || tableRow(fields) {
				inTitle = false
			}
			if inTitle {
				n++
				t.WriteString(l + "\n")
			}
			b.WriteString(l + "\n")
		}
	}
	body := lower(b.String())
	return text{title: lower(t.String()), body: body, headers: body, rows: rows}
}

func lower(s string) string { return strings.ToLower(parse.Compact(s)) }

// gap separates the pieces of a cue that may stand apart, and maxGap is
// how many characters may come between them.
const (
	gap    = "…"
	maxGap = 8
)

// gapContains reports whether s contains cue, whose pieces (split at …)
// may be up to maxGap characters apart.
func gapContains(s, cue string) bool {
	parts := strings.Split(cue, gap)
	if len(parts) == 1 {
		return strings.Contains(s, cue)
	}
	for from := 0; ; {
		i := strings.Index(s[from:], parts[0])
		if i < 0 {
			return false
		}
		end := from + i + len(parts[0])
		if restWithin(s[end:], parts[1:]) {
			return true
		}
		from = from + i + len(parts[0])
	}
}

// restWithin reports whether parts follow at the start of s, each within
// maxGap characters of the previous one.
func restWithin(s string, parts []string) bool {
	if len(parts) == 0 {
		return true
	}
	r := []rune(s)
	for k := 0; k <= maxGap && k < len(r); k++ {
		rest := string(r[k:])
		if strings.HasPrefix(rest, parts[0]) && restWithin(rest[len(parts[0]):], parts[1:]) {
			return true
		}
	}
	return false
}

// fuzzyContains reports whether s contains phrase, allowing one wrong
// character in phrases of four or more characters: OCR misreads a
// character now and then (承诺书 read as 承诸书). A phrase with gaps is
// matched exactly only.
func fuzzyContains(s, phrase string) bool {
	if strings.Contains(s, phrase) {
		return true
	}
	p := []rune(phrase)
	if len(p) < 4 || strings.Contains(phrase, gap) {
		return false
	}
	r := []rune(s)
	for i := 0; i+len(p) <= len(r); i++ {
		miss := 0
		for j := range p {
			if r[i+j] != p[j] {
				miss++
				if miss > 1 {
					break
				}
			}
		}
		if miss <= 1 {
			return true
		}
	}
	return false
}

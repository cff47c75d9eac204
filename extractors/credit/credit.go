// Package credit reads Credit China (信用中国) evidence: a query result
// screenshot read by OCR, a page that shows several lists one under the
// other, a long stitched screenshot of several queries, a mobile page or a
// credit report (信用报告) PDF. For each list it shows (失信被执行人,
// 严重失信主体名单, 经营异常名录, 重大税收违法失信主体) it reads for which
// subject and USCC, when, and whether the page shows no record or a record.
//
// A page is cut into blocks at the list headings; each block gets its own
// outcome, and its own subject and query date when it shows them, else the
// page's. OCR garbles characters, so labels and list names are matched
// fuzzily (most of their characters in order) and values carry a Doubt
// when a reading is uncertain. All wording comes from the lexicon
// (lexicon/data/credit.json).
package credit

import (
	"strings"
	"time"

	"ruku/extractors"
	"ruku/extractors/parse"
)

// The lists a result may be for, as the dossier's fact keys name them.
const (
	DishonestDebtor   = "dishonest_debtor"   // 失信被执行人
	SeriousDishonesty = "serious_dishonesty" // 严重失信主体名单
	AbnormalOperation = "abnormal_operation" // 经营异常名录
	TaxViolation      = "tax_violation"      // 重大税收违法失信主体
)

// Outcomes of a query.
const (
	Clear      = "clear"      // the page says there is no record for the subject
	Listed     = "listed"     // the page shows a record
	Unreadable = "unreadable" // neither can be read with confidence
)

// Result is what a credit query page shows for one list.
type Result struct {
	List      string // one of the list constants, "" when not recognised
	Subject   extractors.Field[string]
	USCC      extractors.Field[string]
	QueryDate extractors.Field[time.Time]
	Outcome   string // Clear, Listed or Unreadable
	// Evidence holds the lines the list and the outcome were read from.
	Evidence []extractors.Evidence
	// Doubt, when not empty, says why the list or outcome is uncertain
	// (and, for Unreadable, why nothing could be read). A Clear result
	// with a Doubt is a reading a person should confirm.
	Doubt string
	// Blocks holds one Result per list the file shows, in the order the
	// file shows them; Blocks[0] is this Result itself (with no Blocks of
	// its own). A file that shows one list has one block. Extract always
	// sets it; readers that want every list of a file range over Blocks.
	Blocks []Result
}

// line is one line of the document with where it came from.
type line struct {
	page *extractors.Page
	text string // normalised
	raw  string // as read, for the gaps between fields
}

// Extract reads the credit evidence shown in d: one Result per list, in
// Blocks, the first of them also returned as the Result itself.
func Extract(d *extractors.Doc) Result {
	lines := docLines(d)
	ev := func(l line) extractors.Evidence { return d.LineEvidence(l.page, l.text) }
	lines = splitRows(lines, findFields(lines))
	fl := findFields(lines)
	page := pageFields(lines, fl, ev)
	var rs []Result
	for _, b := range segment(lines, fl) {
		rs = append(rs, readBlock(lines, fl, b, page, ev))
	}
	rs = mergeSameList(rs)
	top := rs[0]
	top.Blocks = rs
	return top
}

// docLines returns the non-empty normalised lines of d's pages and sheets,
// with a count split over two lines (a mobile card's big "0" over "条")
// joined into one.
func docLines(d *extractors.Doc) []line {
	var lines []line
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			l = colons.Replace(l)
			if t := parse.Norm(l); t != "" {
				lines = append(lines, line{p, t, l})
			}
		}
	}
	for _, s := range d.Sheets {
		for _, r := range s.Rows {
			raw := colons.Replace(strings.Join(r, "  "))
			if t := parse.Norm(raw); t != "" {
				lines = append(lines, line{&extractors.Page{Number: 1, Method: extractors.MethodSheet}, t, raw})
			}
		}
	}
	lines = chunk(lines)
	var out []line
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) && lines[i+1].page == l.page && isNumber(l.text) && startsWithUnit(lines[i+1].text) {
			l.text += lines[i+1].text
			l.raw += lines[i+1].raw
			i++
		}
		out = append(out, l)
	}
	return out
}

// colons maps the colon look-alikes NFKC keeps (the ratio sign ∶) to a
// colon.
var colons = strings.NewReplacer("∶", ":", "︰", ":")

// maxLine bounds the length of a line in characters: a page's line is far
// shorter, and fuzzy matching costs grow with it, so a longer one (hostile
// or broken input) is read in pieces.
const maxLine = 500

func chunk(lines []line) []line {
	var out []line
	for _, l := range lines {
		rs := []rune(l.text)
		if len(rs) <= maxLine {
			out = append(out, l)
			continue
		}
		for a := 0; a < len(rs); a += maxLine {
			t := string(rs[a:min(len(rs), a+maxLine)])
			out = append(out, line{l.page, t, t})
		}
	}
	return out
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func startsWithUnit(s string) bool {
	for _, u := range lx.Words("credit.count_units") {
		if strings.HasPrefix(s, u) {
			return true
		}
	}
	return false
}

func joinDoubt(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "" || strings.Contains(a, b):
		return a
	}
	return a + "; " + b
}

package credit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"ruku/extractors"
)

// rowRe is a data row of a record table: it holds a date or a case number.
var rowRe = regexp.MustCompile(`\d{4}\s*[-./年]\s*\d{1,2}|\d{4}\)|执\d|号`)

// outcomeRead is what a block's lines say about its result.
type outcomeRead struct {
	outcome string
	at      []int // lines the outcome was read from
	last    int   // the last line that states a result, -1 when none
	doubt   string
}

// readOutcome reads the result of block b from lines [b.from, b.to).
// A count (共N条, 查询结果：0条), an answer to 是否列入, a no-record phrase
// (暂无数据 …), a record table and words such as 被列入 are read; a
// heading line is read after its list name. A record needs a count above
// zero, a yes, or a table with a data row: a listing phrase or a table
// header alone is doubtful and leaves the result unreadable.
func readOutcome(lines []line, fl fieldHits, b block) outcomeRead {
	o := outcomeRead{last: -1}
	head := map[int]bool{}
	for _, i := range b.heads {
		head[i] = true
	}
	clearAt, listedAt, tableAt, phraseAt := -1, -1, -1, -1
	var countDoubt string
	first := func(p *int, i int) {
		if *p < 0 {
			*p = i
		}
		o.last = max(o.last, i)
	}
	for i := b.from; i < b.to; i++ {
		t := lines[i].text
		rem := t
		if head[i] {
			if k := nameEnd(t, b.list); k >= 0 {
				rem = t[k:]
			}
		}
		if n, d, ok := readCount(rem, head[i]); ok {
			if d != "" && countDoubt == "" {
				countDoubt = d
			}
			if n == 0 {
				first(&clearAt, i)
			} else {
				first(&listedAt, i)
			}
			continue
		}
		if m := questionRe.FindStringSubmatch(t); m != nil {
			if noRe.MatchString(m[1]) {
				first(&clearAt, i)
			} else {
				first(&listedAt, i)
			}
			continue
		}
		if fl.lines[i] {
			continue
		}
		if containsFuzzy(t, clearPhrases) || noneRe.MatchString(rem) || bareNoneRe.MatchString(rem) {
			first(&clearAt, i)
			continue
		}
		if recordTable(t) {
			first(&tableAt, i)
			continue
		}
		if listedPhrase(t) {
			first(&phraseAt, i)
		}
	}
	if tableAt >= 0 {
		if tableRows(lines, fl, tableAt, b.to) {
			first(&listedAt, tableAt)
		} else if clearAt >= 0 {
			tableAt = -1 // a table header over an empty body
		}
	}
	weakAt := tableAt
	if weakAt < 0 || (phraseAt >= 0 && phraseAt < weakAt) {
		weakAt = phraseAt
	}
	if listedAt >= 0 {
		weakAt = -1 // a firm record makes the weak signs moot
	}
	switch {
	case clearAt >= 0 && listedAt >= 0:
		o.outcome = Unreadable
		o.at = []int{clearAt, listedAt}
		o.doubt = "page shows both no record and a record"
	case listedAt >= 0:
		o.outcome = Listed
		o.at = []int{listedAt}
	case clearAt >= 0 && weakAt >= 0:
		o.outcome = Unreadable
		o.at = []int{clearAt, weakAt}
		o.doubt = fmt.Sprintf("page shows no record, yet %q suggests one", extractors.Clip(lines[weakAt].text))
	case clearAt >= 0:
		o.outcome = Clear
		o.at = []int{clearAt}
		o.doubt = countDoubt
	case weakAt >= 0:
		o.outcome = Unreadable
		o.at = []int{weakAt}
		o.doubt = fmt.Sprintf("%q suggests a record but no count or data row confirms it", extractors.Clip(lines[weakAt].text))
	default:
		o.outcome = Unreadable
		if b.to <= b.from || len(lines) == 0 {
			o.doubt = "no text read from the page"
		} else {
			o.doubt = "neither a no-record notice (暂无数据) nor a record readable"
			if b.list != "" {
				o.doubt = "no result readable under the list heading " + extractors.Clip(lines[b.heads[0]].text)
			}
		}
	}
	return o
}

// readCount reads a count of records from text (after a list name when
// afterName): the number, a doubt when OCR letters stood for zeros, and
// whether a count was found.
func readCount(text string, afterName bool) (int, string, bool) {
	num := ""
	if m := countRe.FindStringSubmatch(text); m != nil {
		num = m[1] + m[2] + m[3]
	} else if afterName {
		if m := bareCountRe.FindStringSubmatch(text); m != nil {
			num = m[1]
		}
	}
	if num == "" {
		return 0, "", false
	}
	digits := strings.Map(func(r rune) rune {
		if r == 'O' || r == 'o' || r == '〇' {
			return '0'
		}
		return r
	}, num)
	n, err := strconv.Atoi(digits)
	if err != nil {
		return 0, "", false
	}
	doubt := ""
	if digits != num {
		doubt = fmt.Sprintf("count %q read as %d", num, n)
	}
	return n, doubt, true
}

// tableRows reports whether a record table whose header is at head has a
// data row in the next few lines, before the block ends or a no-record
// notice follows.
func tableRows(lines []line, fl fieldHits, head, to int) bool {
	for k := head + 1; k < to && k <= head+3; k++ {
		t := lines[k].text
		if containsFuzzy(t, clearPhrases) {
			return false
		}
		if !fl.lines[k] && rowRe.MatchString(t) {
			return true
		}
	}
	return false
}

// recordTable reports whether a line is the header of a record table: two
// record column headings, or one and a date.
func recordTable(text string) bool {
	n := 0
	for _, h := range recordHeads {
		if containsFuzzy(text, []string{h}) {
			n++
		}
	}
	return n >= 2 || (n == 1 && dateRe.MatchString(text))
}

// listedPhrase reports whether text says the subject is listed (被列入,
// 存在记录 …) with no negation (未, 没有 …) just before the phrase.
func listedPhrase(text string) bool {
	for _, p := range listedPhrases {
		for off := 0; ; {
			k := strings.Index(text[off:], p)
			if k < 0 {
				break
			}
			a := off + k
			before := text[:a]
			negated := false
			for _, n := range negations {
				if strings.HasSuffix(before, n) || strings.HasSuffix(strings.TrimSpace(before), n) {
					negated = true
				}
			}
			if !negated {
				return true
			}
			off = a + len(p)
		}
	}
	return false
}

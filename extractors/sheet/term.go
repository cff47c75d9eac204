package sheet

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"ruku/extractors/parse"
	"ruku/lexicon"
)

// termUnits are the units a term is written in, from the lexicon
// (lists.term_year_units, lists.term_month_units), and the patterns built
// from them.
type termUnits struct {
	years, months []string
	withUnit      *regexp.Regexp // a number and its unit anywhere in a cell
	bare          *regexp.Regexp // a cell holding only a number
}

// numeral is a count in Arabic digits, Chinese numerals or capital numerals
// (3, 三, 叁, 十二, 壹拾贰).
const numeral = `([0-9]+|[零〇一二两三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾]+)`

var units = sync.OnceValue(func() termUnits {
	lx := lexicon.Default()
	u := termUnits{years: lx.Words("lists.term_year_units"), months: lx.Words("lists.term_month_units")}
	all := lexicon.Alt(append(append([]string(nil), u.years...), u.months...))
	u.withUnit = regexp.MustCompile(numeral + `\s*(` + all + `)`)
	u.bare = regexp.MustCompile(`^` + numeral + `$`)
	return u
})

// Term reads a term cell as years and months: a term with its unit (3年,
// 三年, 叁年, 36个月, 1.5年 is not a term), or a bare number (3, 叁) whose
// unit the column header states (合作期限（年）, 聘期(月), 合作年限). A bare
// number under a header without a unit is not read: 3 could be years or
// months. An agreement of N years signed on a day ends the day before the
// N-th anniversary: signed.AddDate(years, months, -1).
func Term(cell, header string) (years, months int, ok bool) {
	u := units()
	c := parse.Compact(cell)
	if c == "" {
		return 0, 0, false
	}
	if m := u.withUnit.FindStringSubmatch(c); m != nil {
		// not the tail of a date or a decimal: 2023年, 1.5年
		i := strings.Index(c, m[0])
		if i > 0 && (c[i-1] == '.' || (c[i-1] >= '0' && c[i-1] <= '9')) {
			return 0, 0, false
		}
		if n, ok := count(m[1]); ok && n <= 100 && !isYear(m[1]) {
			return split(n, m[2], u)
		}
		return 0, 0, false
	}
	m := u.bare.FindStringSubmatch(c)
	if m == nil {
		return 0, 0, false
	}
	n, ok := count(m[1])
	if !ok || n > 100 {
		return 0, 0, false
	}
	h := Normalize(header)
	for _, w := range u.months { // months first: 月 is not in 年
		if strings.Contains(h, w) {
			return 0, n, true
		}
	}
	for _, w := range u.years {
		if strings.Contains(h, w) {
			return n, 0, true
		}
	}
	return 0, 0, false
}

// count reads a positive count in any numerals.
func count(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n > 0
	}
	v, ok := parse.ChineseInt(s)
	return int(v), ok && v > 0
}

// isYear reports whether a number before 年 is a calendar year (2023年).
func isYear(s string) bool { return len(s) == 4 && s[0] >= '1' && s[0] <= '2' }

// split turns n units into years and months.
func split(n int, unit string, u termUnits) (years, months int, ok bool) {
	for _, w := range u.months {
		if unit == w {
			return 0, n, true
		}
	}
	return n, 0, true
}

// isTerm reports whether a compacted cell is a term and nothing else: a
// count and its unit (3年, 三年, 36个月) or a bare count (3).
func isTerm(c string) bool {
	u := units()
	if m := u.withUnit.FindStringSubmatchIndex(c); m != nil && m[0] == 0 && m[1] == len(c) {
		n, ok := count(c[m[2]:m[3]])
		return ok && n <= 100 && !isYear(c[m[2]:m[3]])
	}
	if m := u.bare.FindStringSubmatch(c); m != nil {
		n, ok := count(m[1])
		return ok && n <= 100
	}
	return false
}

package parse

import (
	"regexp"
	"strconv"
	"time"
)

var (
	dateCN  = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?`)
	dateSep = regexp.MustCompile(`\b(\d{4})\s*([-./])\s*(\d{1,2})\s*([-./])\s*(\d{1,2})\b`)
	dateHan = regexp.MustCompile(`([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
	dateNum = regexp.MustCompile(`\b((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b`)
)

// Day returns the date y-m-d at midnight UTC, and false when it does not
// exist on the calendar.
func Day(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2200 || t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

type dateAt struct {
	at int
	t  time.Time
}

// Dates returns every date written in s, in order of appearance:
// 2024年3月1日, 2024-03-01, 2024.3.1, 2024/03/01, 二〇二四年三月一日, 20240301.
func Dates(s string) []time.Time {
	s = Norm(s)
	var found []dateAt
	taken := make([]bool, len(s)+1)
	add := func(start, end int, y, m, d int) {
		for i := start; i < end; i++ {
			if taken[i] {
				return
			}
		}
		if t, ok := Day(y, m, d); ok {
			for i := start; i < end; i++ {
				taken[i] = true
			}
			found = append(found, dateAt{start, t})
		}
	}
	for _, m := range dateCN.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], m[1], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
	}
	for _, m := range dateSep.FindAllStringSubmatchIndex(s, -1) {
		if s[m[4]:m[5]] != s[m[8]:m[9]] {
			continue // 2024-03.01 is not a date
		}
		add(m[2], m[11], atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[10]:m[11]]))
	}
	for _, m := range dateHan.FindAllStringSubmatchIndex(s, -1) {
		y, ok1 := ChineseInt(s[m[2]:m[3]])
		mo, ok2 := ChineseInt(s[m[4]:m[5]])
		d, ok3 := ChineseInt(s[m[6]:m[7]])
		if ok1 && ok2 && ok3 {
			add(m[0], m[1], int(y), int(mo), int(d))
		}
	}
	for _, m := range dateNum.FindAllStringSubmatchIndex(s, -1) {
		add(m[2], m[7], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]))
	}
	// order by position
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].at < found[j-1].at; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	out := make([]time.Time, len(found))
	for i, f := range found {
		out[i] = f.t
	}
	return out
}

// Date returns the first date written in s.
func Date(s string) (time.Time, bool) {
	ds := Dates(s)
	if len(ds) == 0 {
		return time.Time{}, false
	}
	return ds[0], true
}

var yearMonthRe = regexp.MustCompile(`(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*月?`)

// YearMonth reads a year and month (2024年3月, 2024.03, 2024-3) as the first
// day of that month.
func YearMonth(s string) (time.Time, bool) {
	m := yearMonthRe.FindStringSubmatch(Norm(s))
	if m == nil {
		return time.Time{}, false
	}
	return Day(atoi(m[1]), atoi(m[2]), 1)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// FormatDate formats t as YYYY-MM-DD.
func FormatDate(t time.Time) string { return t.Format("2006-01-02") }

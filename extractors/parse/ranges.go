package parse

import (
	"regexp"
	"strconv"
	"time"
)

// rangeRe is a period written as two dates or months joined by a dash or
// 至: 2024.1-2026.12, 2024年1月至2026年12月, 2023.3.1～2026.2.28,
// 2024.1.1-2026.12.
var rangeRe = regexp.MustCompile(`(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*(?:[月.\-/]\s*(\d{1,2})\s*[日号]?|月)?\s*(?:-|—|–|－|~|～|至|到)+\s*(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*(?:[月.\-/]\s*(\d{1,2})\s*[日号]?|月)?`)

// monthRe is a month alone: 2024.1, 2024年1月, 2024-01.
var monthRe = regexp.MustCompile(`^\s*(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*月?\s*$`)

// Range reads a period from s: its first and last day. A month without
// a day starts on its first day and ends on its last.
func Range(s string) (start, end time.Time, ok bool) {
	m := rangeRe.FindStringSubmatch(Norm(s))
	if m == nil {
		return time.Time{}, time.Time{}, false
	}
	start, ok1 := ymd(m[1], m[2], m[3], false)
	end, ok2 := ymd(m[4], m[5], m[6], true)
	if !ok1 || !ok2 || end.Before(start) {
		return time.Time{}, time.Time{}, false
	}
	return start, end, true
}

// Month reads a cell holding only a month (2024.1, 2024年1月): its first
// day, or its last when last is set.
func Month(s string, last bool) (time.Time, bool) {
	m := monthRe.FindStringSubmatch(Norm(s))
	if m == nil {
		return time.Time{}, false
	}
	return ymd(m[1], m[2], "", last)
}

// ymd is the day y-m-d, or the first (last) day of month y-m when d is
// empty.
func ymd(y, m, d string, last bool) (time.Time, bool) {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	if d != "" {
		di, _ := strconv.Atoi(d)
		return Day(yi, mi, di)
	}
	t, ok := Day(yi, mi, 1)
	if ok && last {
		t = t.AddDate(0, 1, -1)
	}
	return t, ok
}

package sheet

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors/parse"
)

// Serial numbers of the dates ExcelDate accepts: 1990-01-01 and 2100-12-31
// in the 1900 date system. Numbers outside are not taken for dates.
const (
	minSerial = 32874
	maxSerial = 73415
)

// excelEpoch is day 0 of the 1900 date system as Excel counts after its
// fictitious 1900-02-29 (serial 60), which the accepted range lies beyond.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// ExcelDate reads an Excel serial number of the 1900 date system (as Read
// returns date cells), fractional days included, as a UTC time rounded to
// the second. Only serials from 1990 to 2100 are accepted, so that ordinary
// numbers are not taken for dates.
func ExcelDate(s string) (time.Time, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || v < minSerial || v >= maxSerial+1 {
		return time.Time{}, false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	return excelEpoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second), true
}

// textDate matches the ways people type a date into a cell: 2024.3.1,
// 2024-03-01, 2024/3/1, 2024年3月1日, 2024. 3. 1, optionally followed by a
// time of day.
var textDate = regexp.MustCompile(`^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$`)

// compactDate matches 20240301.
var compactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)

// CellDate reads a date cell: an Excel serial number (see ExcelDate) or a
// typed date such as 2024.3.1, 2024-03-01, 2024/3/1, 2024年3月1日 or
// 20240301. The result is the calendar day in UTC; a serial's time of day
// is dropped. Invalid days (2024.2.30) are rejected.
func CellDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(norm.NFKC.String(s))
	m := textDate.FindStringSubmatch(s)
	if m == nil {
		m = compactDate.FindStringSubmatch(s)
	}
	if m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
			return time.Time{}, false
		}
		return t, true
	}
	t, ok := ExcelDate(s)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}

// DateIn reads a date cell: an Excel serial, a typed date, or the first date
// written in a longer text (a range such as 2025.3.1-3.5).
func DateIn(s string) (time.Time, bool) {
	if t, ok := CellDate(s); ok {
		return t, true
	}
	return parse.Date(s)
}

package parse

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// termRe matches a term: 3年, 三年, 2 年, 36个月, 18月.
var termRe = regexp.MustCompile(`([0-9]+|[一二两三四五六七八九十]+)\s*(年|个月|月)`)

// HasTerm reports whether s states a term such as 3年 or 36个月.
func HasTerm(s string) bool { return termRe.MatchString(s) }

// Term reads a term such as 3年, 三年 or 36个月 as years and months. An
// agreement signed on a day for a term of N years ends on the day before
// the N-th anniversary: signed.AddDate(years, months, -1).
func Term(s string) (years, months int, ok bool) {
	m := termRe.FindStringSubmatch(Norm(s))
	if m == nil {
		return 0, 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		v, ok := ChineseInt(strings.ReplaceAll(m[1], "两", "二"))
		if !ok {
			return 0, 0, false
		}
		n = int(v)
	}
	if n <= 0 || n > 100 {
		return 0, 0, false
	}
	if m[2] == "年" {
		return n, 0, true
	}
	return 0, n, true
}

// OpenEnd is the end date of an agreement or cooperation without an end.
func OpenEnd() time.Time { return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC) }

// OpenEnded reports whether s says an agreement has no end date (长期,
// 至今, 无固定期限 …).
func OpenEnded(s string) bool {
	s = Compact(s)
	for _, w := range []string{"长期", "至今", "无固定期限", "永久", "不限"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

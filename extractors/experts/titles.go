package experts

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"ruku/extractors/parse"
	"ruku/lexicon"
)

// Which titles are senior (副高级 and above) is decided by the rules file
// (senior_titles), never here: an auditor re-running older rules must get
// the older decision. This package only knows how titles are written, from
// the lexicon: the titles below the associate-senior grade
// (experts.junior_titles), and the grades and stems titles are made of
// (experts.title_grades, experts.title_stems) for finding a title in text.

// titlePattern matches a professional title written as up to two grades
// and a stem (教授级高级工程师, 副研究员, 中级经济师, 讲师), or a junior title
// of the lexicon, for splitting a title off a run of cells whose spaces
// were lost.
var titlePattern = sync.OnceValue(func() *regexp.Regexp {
	lx := lexicon.Default()
	return regexp.MustCompile(lx.Alt("experts.title_grades") + `{0,2}` + lx.Alt("experts.title_stems") + "|" + lx.Alt("experts.junior_titles"))
})

// maxTitleLen is the longest a cell of titles is, notes in brackets aside.
const maxTitleLen = 24

// gradePattern matches a grade written alone (正高, 副高级), which a title
// cell may hold in place of a title.
var gradePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(lexicon.Default().Alt("experts.title_grades"))
})

// titleCell reports whether a cell holds titles or grades and nothing else
// (教授, 高级工程师（副高）, 副教授/研究员, 正高), notes in brackets aside.
func titleCell(cell string) bool {
	c := bracketed.ReplaceAllString(parse.Compact(cell), "")
	if utf8.RuneCountInString(c) > maxTitleLen || !titleEnd(c) {
		return false
	}
	rest := gradePattern().ReplaceAllString(titlePattern().ReplaceAllString(c, ""), "")
	if rest == c {
		return false
	}
	for _, r := range rest {
		if !unicode.IsPunct(r) {
			return false
		}
	}
	return true
}

// titleEnds are what a title ends with: the stems, junior titles and
// grades of the lexicon.
var titleEnds = sync.OnceValue(func() []string {
	lx := lexicon.Default()
	var ends []string
	for _, key := range []string{"experts.title_stems", "experts.junior_titles", "experts.title_grades"} {
		ends = append(ends, lx.Words(key)...)
	}
	return ends
})

// titleEnd reports whether c ends with a title stem, a junior title or a
// grade: a quick test before titlePattern.
func titleEnd(c string) bool {
	for _, w := range titleEnds() {
		if strings.HasSuffix(c, w) {
			return true
		}
	}
	return false
}

// matcher decides titles by the longest known title they contain.
type matcher struct {
	senior, junior []string // compacted
}

func newMatcher(senior []string) matcher {
	m := matcher{}
	for _, t := range senior {
		if t = parse.Compact(t); t != "" {
			m.senior = append(m.senior, t)
		}
	}
	for _, t := range lexicon.Default().Words("experts.junior_titles") {
		m.junior = append(m.junior, parse.Compact(t))
	}
	return m
}

// SeniorMatcher returns a title test for the given list of senior titles
// (the rules file's senior_titles): a title is senior when the longest
// title it contains, among those and the lexicon's junior titles (讲师,
// 工程师, 助理研究员, 经济师 …), is a senior one. So with 高级工程师 and
// 研究员 among the senior titles, 高级工程师 and 教授级高级工程师 are senior
// while 工程师, 助理研究员 and 中级经济师 are not, although 研究员 and 经济师
// are substrings of other titles. On equal length the senior title wins.
func SeniorMatcher(senior []string) func(title string) bool {
	return newMatcher(senior).match
}

func (m matcher) match(title string) bool {
	t := parse.Compact(title)
	// 副高 and 正高 are short for 副高级 and 正高级.
	t = strings.NewReplacer("副高级", "副高", "正高级", "正高").Replace(t)
	t = strings.NewReplacer("副高", "副高级", "正高", "正高级").Replace(t)
	if t == "" {
		return false
	}
	best, senior := 0, false
	for _, s := range m.senior {
		if n := len(s); n > best && strings.Contains(t, s) {
			best, senior = n, true
		}
	}
	for _, j := range m.junior {
		if n := len(j); n > best && strings.Contains(t, j) {
			best, senior = n, false
		}
	}
	return senior
}

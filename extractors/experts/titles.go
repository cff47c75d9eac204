package experts

import (
	"strings"

	"ruku/extractors/parse"
)

// seniorTitles are professional titles of the associate-senior (副高级) or
// senior (正高级) grade.
var seniorTitles = []string{
	"正高级", "副高级", "教授", "副教授", "研究员", "副研究员",
	"正高级工程师", "高级工程师", "教授级高级工程师", "高级工程师(教授级)",
	"高级经济师", "正高级经济师", "高级会计师", "正高级会计师", "高级会计师(正高级)",
	"高级审计师", "正高级审计师", "高级统计师", "正高级统计师",
	"高级农艺师", "农业技术推广研究员", "高级畜牧师", "高级兽医师", "高级实验师",
	"高级工艺美术师", "高级政工师", "高级讲师", "高级教师", "正高级教师",
	"主任医师", "副主任医师", "主任药师", "副主任药师", "主任护师", "副主任护师",
	"主任技师", "副主任技师", "编审", "副编审", "高级记者", "主任记者",
	"高级编辑", "主任编辑", "译审", "副译审", "研究馆员", "副研究馆员",
	"高级律师", "一级律师", "二级律师", "高级规划师", "高级建筑师", "高级城市规划师",
}

// juniorTitles are titles below the associate-senior grade, listed so that
// a senior title they contain ("研究员" in "助理研究员") does not decide.
var juniorTitles = []string{
	"工程师", "助理工程师", "技术员", "讲师", "助教", "研究实习员", "助理研究员",
	"经济师", "中级经济师", "助理经济师", "初级经济师", "会计师", "中级会计师", "助理会计师", "初级会计师",
	"审计师", "助理审计师", "统计师", "助理统计师", "农艺师", "助理农艺师",
	"实验师", "助理实验师", "医师", "主治医师", "住院医师", "医士", "药师", "主管药师",
	"护师", "主管护师", "护士", "技师", "主管技师", "高级技师", "编辑", "助理编辑",
	"记者", "助理记者", "翻译", "助理翻译", "馆员", "助理馆员",
	"三级律师", "四级律师", "律师", "一级教师", "二级教师", "三级教师",
	"中级", "初级", "助理", "员级",
}

// titleWords are all known titles, for splitting a title off a run of
// cells whose spaces were lost.
func titleWords() []string {
	return append(append([]string(nil), seniorTitles...), juniorTitles...)
}

// IsSenior is the default title test: SeniorMatcher over the built-in list
// of senior titles.
func IsSenior(title string) bool { return newMatcher(seniorTitles).match(title) }

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
	for _, t := range juniorTitles {
		m.junior = append(m.junior, parse.Compact(t))
	}
	return m
}

// SeniorMatcher returns a title test for the given list of senior titles
// (the rules file's senior_titles): a title is senior when the longest
// title it contains, among those and the built-in non-senior titles (讲师,
// 工程师, 助理研究员, 经济师 …), is a senior one. So 高级工程师 and
// 教授级高级工程师 are senior, while 工程师, 助理研究员 and 中级经济师 are not,
// although 研究员 and 经济师 are substrings of other titles. On equal
// length the senior title wins.
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

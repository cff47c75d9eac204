package experts

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
)

func r(cells ...string) []string { return cells }

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCorpusFixtures(t *testing.T) {
	for _, c := range []struct {
		file          string
		year          int
		senior, total int
	}{
		{"masked_hand.xlsx", 2025, 14, 21},
		{"serial_fods.xlsx", 2025, 15, 24},
	} {
		list, err := Extract(extractorstest.ReadXLSX(t, filepath.Join("testdata", c.file)))
		if err != nil {
			t.Fatal(err)
		}
		got := Count(list, c.year, isSenior)
		if got.Senior != c.senior || got.Total != c.total {
			t.Errorf("%s: senior %d total %d, want %d %d", c.file, got.Senior, got.Total, c.senior, c.total)
		}
		if len(got.Evidence) != got.Total || got.Evidence[0].Row == 0 {
			t.Errorf("%s: evidence %v", c.file, got.Evidence)
		}
	}
}

// TestLayouts reads the same six experts written in other layouts.
func TestLayouts(t *testing.T) {
	// In force in 2025: 张三 (高级工程师), 李四 (工程师), 王五 (研究员, listed
	// twice with the employer written differently), 赵六 (教授, no ID, twice).
	// Not in force: 钱七 (ended 2024-12-31), 孙八 (starts 2026-01-01).
	cases := []struct {
		name string
		doc  *extractors.Doc
	}{
		{"titles above, other order, repeated header, total", extractorstest.SheetDoc(
			r("河北某某公司合作专家名单"),
			r("填报日期：2026年3月1日"),
			nil,
			r("职称", "姓名", "合作终止日期", "合作起始日期", "工作单位", "身份证号码"),
			r("高级工程师", "张三", "2026.12.31", "2023.1.1", "河北大学", "130102198001011234"),
			r("工程师", "李四", "2025年6月30日", "2023年7月1日", "燕山大学", "130102198001011235"),
			r("职称", "姓名", "合作终止日期", "合作起始日期", "工作单位", "身份证号码"),
			r("研究员", "王五", "46022", "45292", "河北省科学院", "13010219800101123X"),
			r("研究员", "王五", "46022", "45292", "河北省科学院（石家庄）", "13010219800101123x"),
			r("教授", "赵六", "2027/1/1", "2024/1/1", "河北工业大学", ""),
			r("教授", "赵六", "2027/1/1", "2024/1/1", "河北工业大学", ""),
			r("副教授", "钱七", "2024-12-31", "2022-01-01", "河北科技大学", "130102198001011237"),
			r("主任医师", "孙八", "2028-12-31", "2026-01-01", "河北医科大学", "130102198001011238"),
			nil,
			r("合计", "8人"),
		)},
		{"signing date and term", extractorstest.SheetDoc(
			r("序号", "专家姓名", "证件号码", "所在单位", "专业技术职称", "协议签订日期", "合作期限"),
			r("1", "张三", "130102198001011234", "河北大学", "高级工程师", "2023-01-01", "4年"),
			r("2", "李四", "130102198001011235", "燕山大学", "工程师", "2023-07-01", "2年"),
			r("3", "王五", "13010219800101123X", "河北省科学院", "研究员", "2024-01-01", "长期"),
			r("4", "赵六", "", "河北工业大学", "教授", "2024-01-01", "三年"),
			r("5", "钱七", "130102198001011237", "河北科技大学", "副教授", "2022-01-01", "3年"),
			r("6", "孙八", "130102198001011238", "河北医科大学", "主任医师", "2026-01-01", "3年"),
		)},
		{"two-row header", extractorstest.SheetDoc(
			r("姓名", "身份证号", "工作单位", "职称", "合作期限", ""),
			r("", "", "", "", "起始", "终止"),
			r("张三", "130102198001011234", "河北大学", "高级工程师", "2023.1.1", "2026.12.31"),
			r("李四", "130102198001011235", "燕山大学", "工程师", "2023.7.1", "2025.6.30"),
			r("王五", "13010219800101123X", "河北省科学院", "研究员", "2024.1.1", "长期"),
			r("赵六", "", "河北工业大学", "教授", "2024.1.1", "2027.1.1"),
			r("钱七", "130102198001011237", "河北科技大学", "副教授", "2022.1.1", "2024.12.31"),
			r("孙八", "130102198001011238", "河北医科大学", "主任医师", "2026.1.1", "2028.12.31"),
		)},
		{"range in one cell", extractorstest.SheetDoc(
			r("姓名", "工作单位", "职称", "聘期"),
			r("张三", "河北大学", "高级工程师", "2023.1.1-2026.12.31"),
			r("李四", "燕山大学", "工程师", "2023年7月1日至2025年6月30日"),
			r("王五", "河北省科学院", "研究员", "2024.1.1-2026.1.1"),
			r("王五", "河北省科学院", "研究员", "2024.1.1-2026.1.1"),
			r("赵六", "河北工业大学", "教授", "2024.1.1-2027.1.1"),
			r("钱七", "河北科技大学", "副教授", "2022.1.1-2024.12.31"),
			r("孙八", "河北医科大学", "主任医师", "2026.1.1-2028.12.31"),
		)},
		{"pdf text", extractorstest.TextDoc(`河北某某公司合作专家名单
序号 姓名 身份证号 工作单位 职称 合作起始日期 合作终止日期
1 张三 130102********1234 河北 大学 高级工程师 2023.1.1 2026.12.31
2 李四 130102********1235 燕山大学 工程师 2023.7.1 2025.6.30
第 1 页 共 2 页`, `序号 姓名 身份证号 工作单位 职称 合作起始日期 合作终止日期
3 王五 130102********123X 河北省科学院 研究员 2024.1.1 2026.1.1
4 王五 130102********123X 省科学院 研究员 2024.1.1 2026.1.1
5 赵六 河北工业大学 教授 2024.1.1 2027.1.1
6 钱七 130102********1237 河北科技大学 副教授 2022.1.1 2024.12.31
7 孙八 130102********1238 河北医科大学 主任医师 2026.1.1 2028.12.31
合计 7人`)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			list, err := Extract(c.doc)
			if err != nil {
				t.Fatal(err)
			}
			got := Count(list, 2025, isSenior)
			if got.Total != 4 || got.Senior != 3 {
				t.Errorf("total %d senior %d, want 4 3\nnames %v senior %v\nskipped %v\nlist %+v",
					got.Total, got.Senior, got.TotalNames, got.SeniorNames, got.Skipped, list)
			}
			if want := []string{"张三", "李四", "王五", "赵六"}; strings.Join(got.TotalNames, ",") != strings.Join(want, ",") {
				t.Errorf("names %v, want %v", got.TotalNames, want)
			}
		})
	}
}

func TestPDFRowCells(t *testing.T) {
	list, err := Extract(extractorstest.TextDoc(`序号 姓名 身份证号 工作单位 职称 合作起始日期 合作终止日期
1 张三 130102198001011234 河北 大学 高级工程师 2023.1.1 2026.12.31
2 李四 燕山大学 工程师 2023.7.1 2025.6.30`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Expert{
		{Name: "张三", ID: "130102198001011234", Employer: "河北大学", Title: "高级工程师", Start: date("2023-01-01"), End: date("2026-12-31")},
		{Name: "李四", Employer: "燕山大学", Title: "工程师", Start: date("2023-07-01"), End: date("2025-06-30")},
	}
	if len(list) != len(want) {
		t.Fatalf("got %d experts: %+v", len(list), list)
	}
	for i, w := range want {
		g := list[i]
		g.Evidence = extractors.Evidence{}
		if g != w {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
	if list[1].Evidence.Page != 1 || !strings.Contains(list[1].Evidence.Snippet, "李四") {
		t.Errorf("evidence %+v", list[1].Evidence)
	}
}

// TestMergedCells reads a PDF list whose lines lost the spaces between
// Chinese cells (parse.Norm removes them).
func TestMergedCells(t *testing.T) {
	text := `序号 姓名 性别 身份证号 工作单位 职称 专业领域 合作起始日期 合作终止日期
1 张三 男 130102198001011234 河北大学 高级工程师 机械工程 2023.1.1 2026.12.31
2 李四 女 130102198001011235 燕山大学 工程师 自动化 2023.7.1 2025.6.30
3 王五 男 13010219800101123X 河北省科学院 助理研究员 新材料 2024.1.1 2026.1.1
4 赵六 女 13010219800101123Y 石家庄学院 教授级高级工程师 化工 2024.1.1 2026.1.1`
	d := extractorstest.TextDoc(text)
	for i, l := range d.Pages[0].Lines {
		d.Pages[0].Lines[i] = parse.Norm(l)
	}
	list, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	var titles, employers []string
	for _, e := range list {
		titles = append(titles, e.Title)
		employers = append(employers, e.Employer)
	}
	if got, want := strings.Join(titles, ","), "高级工程师,工程师,助理研究员,教授级高级工程师"; got != want {
		t.Errorf("titles %s, want %s", got, want)
	}
	if got, want := strings.Join(employers, ","), "河北大学,燕山大学,河北省科学院,石家庄学院"; got != want {
		t.Errorf("employers %s, want %s", got, want)
	}
	if c := Count(list, 2025, isSenior); c.Total != 4 || c.Senior != 2 {
		t.Errorf("total %d senior %d, want 4 2", c.Total, c.Senior)
	}
}

func TestSameNameDifferentPeople(t *testing.T) {
	list := []Expert{
		{Name: "宋强", ID: "130102198001011234", Employer: "河北大学", Title: "教授", Start: date("2024-01-01"), End: date("2026-01-01")},
		{Name: "宋强", ID: "130102199001011234", Employer: "燕山大学", Title: "讲师", Start: date("2024-01-01"), End: date("2026-01-01")},
		{Name: "宋强", Employer: "河北大学", Title: "教授", Start: date("2024-01-01"), End: date("2026-01-01")},
		{Name: "宋强", Employer: "河北 大学", Title: "教授", Start: date("2024-01-01"), End: date("2026-01-01")},
	}
	got := Count(list, 2025, isSenior)
	if got.Total != 3 || got.Senior != 2 {
		t.Errorf("total %d senior %d, want 3 2 (%v)", got.Total, got.Senior, got.Skipped)
	}
}

func TestInForceEdges(t *testing.T) {
	for _, c := range []struct {
		start, end string
		in         bool
	}{
		{"2025-12-31", "2027-01-01", true},
		{"2026-01-01", "2027-01-01", false},
		{"2020-01-01", "2025-01-01", true},
		{"2020-01-01", "2024-12-31", false},
		{"", "2025-06-01", true},
		{"2024-06-01", "", true},
		{"", "", false},
	} {
		e := Expert{Name: "甲", Title: "教授"}
		if c.start != "" {
			e.Start = date(c.start)
		}
		if c.end != "" {
			e.End = date(c.end)
		}
		if got := Count([]Expert{e}, 2025, isSenior).Total == 1; got != c.in {
			t.Errorf("%s..%s in force %v, want %v", c.start, c.end, got, c.in)
		}
	}
}

func TestTermEndsBeforeAnniversary(t *testing.T) {
	s, e := period("", "", "2022-01-01", "3年", "")
	if !s.Equal(date("2022-01-01")) || !e.Equal(date("2024-12-31")) {
		t.Errorf("period %v..%v", s, e)
	}
	s, e = period("", "", "2024.2.29", "1年", "")
	if !e.Equal(date("2025-02-28")) {
		t.Errorf("period %v..%v", s, e)
	}
	if _, e = period("2024-01-01", "", "", "36个月", ""); !e.Equal(date("2026-12-31")) {
		t.Errorf("36个月 ends %v", e)
	}
}

func TestIsSenior(t *testing.T) {
	senior := []string{"正高级工程师", "高级工程师", "教授级高级工程师", "研究员", "副研究员", "教授", "副教授",
		"主任医师", "副主任医师", "高级经济师", "正高级经济师", "高级会计师", "正高级会计师", "高级审计师",
		"高级工程师（教授级）", " 高级 工程师 ", "副高级", "高级讲师"}
	junior := []string{"讲师", "工程师", "助理研究员", "经济师", "中级经济师", "助理工程师", "会计师", "助教",
		"主治医师", "高级技师", "技术员", "", "无"}
	for _, s := range senior {
		if !isSenior(s) {
			t.Errorf("isSenior(%q) = false", s)
		}
	}
	for _, s := range junior {
		if isSenior(s) {
			t.Errorf("isSenior(%q) = true", s)
		}
	}
	// Another rules file decides otherwise: 高级讲师 is not senior without it.
	m := SeniorMatcher([]string{"教授", "高级工程师"})
	if m("高级讲师") || !m("教授级高级工程师") || m("工程师") {
		t.Error("a rules list of 教授 and 高级工程师 is not followed")
	}
}

// rulesSeniorTitles returns the senior_titles of the rules file, the only
// home of the senior titles.
func rulesSeniorTitles() []string {
	b, err := os.ReadFile("../../pipeline/rules/default.json")
	if err != nil {
		panic(err)
	}
	var rules struct {
		SeniorTitles []string `json:"senior_titles"`
	}
	if err := json.Unmarshal(b, &rules); err != nil || len(rules.SeniorTitles) == 0 {
		panic(fmt.Sprintf("rules file: %v, %d senior titles", err, len(rules.SeniorTitles)))
	}
	return rules.SeniorTitles
}

// isSenior is the title test of the default rules.
var isSenior = SeniorMatcher(rulesSeniorTitles())

func TestNoTable(t *testing.T) {
	if _, err := Extract(extractorstest.SheetDoc(r("项目", "金额"), r("a", "1"))); err == nil {
		t.Error("no error for a sheet without an expert table")
	}
	if _, err := Extract(extractorstest.TextDoc("本公司承诺所提交材料真实有效。")); err == nil {
		t.Error("no error for a text without an expert table")
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("序号 姓名 身份证号 工作单位 职称 合作起始日期 合作终止日期\n1 张三 130102198001011234 河北大学 高级工程师 2023.1.1 2026.12.31", "姓名\t职称\t协议签订日期\t合作期限\n张三\t教授\t45000\t3年")
	f.Add("姓名 职称 聘期\n李四 工程师 2023.1.1-长期", "职称\t姓名\n\t\n合计")
	f.Fuzz(func(t *testing.T, text, cells string) {
		var rows [][]string
		for _, l := range strings.Split(cells, "\n") {
			rows = append(rows, strings.Split(l, "\t"))
		}
		for _, d := range []*extractors.Doc{extractorstest.TextDoc(text), extractorstest.SheetDoc(rows...)} {
			list, _ := Extract(d)
			Count(list, 2025, isSenior)
		}
	})
}

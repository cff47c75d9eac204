package experts

import (
	"fmt"
	"slices"
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
	"ruku/lexicon"
)

// TestHeaderVariants: expert lists headed in wordings the samples do not
// use. Year 2025. 甲 (教授级高级工程师) 2024.1-2026.12; 乙 (高级工程师（副高）)
// signed 2023-03-01 for 3年 (to 2026-02-28); 丙 (副教授/硕导) signed
// 2021-06-01 for 3年 (ended 2024-05-31, out); 丁 (工程师) 长期 from 2022-01-01;
// 戊 (研究员) starting 2026-01-01 (out).
func TestHeaderVariants(t *testing.T) {
	type hdr struct{ name, id, employer, title string }
	hdrs := []hdr{
		{"专家姓名", "证件号码", "所在单位", "职称"},
		{"姓名", "身份证号码", "工作单位及职务", "专业技术职务"},
		{"专家名单", "身份证件号码", "工作单位/职务", "技术职称"},
		{"名 字", "公民身份号码", "单位及职务", "职称/职务"},
		{"专家", "身份证号", "现工作单位", "职称（职务）"},
		{"姓名", "证件号", "所在单位及职务", "专业技术资格/职称"},
		{"姓 名", "身份证", "工作单位", "专业技术职称等级"},
		{"专家名称", "证件号码", "单位", "技术职务"},
		{"姓名", "证件号码", "工作单位", "职称等级"},
	}
	ids := []string{"130102198001011234", "130102198001011235", "1301**********1236", "130102198001011237", "130102198001011238"}
	layouts := []struct {
		name    string
		headers []string
		cells   [][]string
	}{
		{"range term", []string{"聘任期限"}, [][]string{{"2024.1-2026.12"}, {"2023.3.1-2026.2.28"}, {"2021.6.1-2024.5.31"}, {"长期"}, {"2026.1.1-2028.12.31"}}},
		{"聘期", []string{"聘期"}, [][]string{{"2024.1-2026.12"}, {"2023年3月1日至2026年2月28日"}, {"2021.06-2024.05"}, {"2022.1.1-长期"}, {"2026.01-2028.12"}}},
		{"signed + term", []string{"签约日期", "合作年限"}, [][]string{{"2024-01-01", "3年"}, {"2023-03-01", "3年"}, {"2021-06-01", "3年"}, {"2022-01-01", "长期"}, {"2026-01-01", "2年"}}},
		{"协议签订 + 协议期限", []string{"协议签订时间", "协议期限"}, [][]string{{"2024年1月1日", "三年"}, {"2023年3月1日", "3年"}, {"2021年6月1日", "三年"}, {"2022年1月1日", "长期有效"}, {"2026年1月1日", "两年"}}},
		{"开始日期 + 聘期止", []string{"开始日期", "聘期止"}, [][]string{{"2024.01.01", "2026.12.31"}, {"2023.03.01", "2026.02.28"}, {"2021.06.01", "2024.05.31"}, {"2022.01.01", "长期"}, {"2026.01.01", "2028.12.31"}}},
		{"start + end", []string{"聘任开始时间", "聘任结束时间"}, [][]string{{"2024.01.01", "2026.12.31"}, {"2023.03.01", "2026.02.28"}, {"2021.06.01", "2024.05.31"}, {"2022.01.01", "长期"}, {"2026.01.01", "2028.12.31"}}},
		{"two-row header", []string{"合作期限 起", "合作期限 止"}, [][]string{{"2024/1/1", "2026/12/31"}, {"2023/3/1", "2026/2/28"}, {"2021/6/1", "2024/5/31"}, {"2022/1/1", "至今"}, {"2026/1/1", "2028/12/31"}}},
	}
	names := []string{"甲", "乙", "丙", "丁", "戊"}
	titles := []string{"教授级高级工程师", "高级工程师（副高）", "副教授/硕导", "工程师", "研究员"}
	for _, h := range hdrs {
		for _, l := range layouts {
			top := r("序号", h.name, "性别", h.id, h.employer, h.title)
			sub := r("", "", "", "", "", "")
			two := false
			for _, x := range l.headers {
				var p, c string
				if _, err := fmt.Sscanf(x, "%s %s", &p, &c); err == nil {
					two = true
					if len(top) > 0 && top[len(top)-1] == p {
						p = ""
					}
					top = append(top, p)
					sub = append(sub, c)
				} else {
					top = append(top, x)
					sub = append(sub, "")
				}
			}
			rows := [][]string{r("专家库成员名单"), top}
			if two {
				rows = append(rows, sub)
			}
			for i := range names {
				row := r(fmt.Sprint(i+1), names[i]+"某", "男", ids[i], "河北某大学 院长", titles[i])
				row = append(row, l.cells[i]...)
				rows = append(rows, row)
			}
			list, err := Extract(extractorstest.SheetDoc(rows...))
			if err != nil {
				t.Errorf("%v %s: %v", h, l.name, err)
				continue
			}
			got := Count(list, 2025, isSenior)
			if got.Total != 3 || got.Senior != 2 {
				t.Errorf("%v %s: senior %d total %d, want 2 3; %v", h, l.name, got.Senior, got.Total, got.Skipped)
				for _, e := range list {
					t.Logf("  %+v", e)
				}
			}
		}
	}
}

func TestTitleVariants(t *testing.T) {
	for title, want := range map[string]bool{
		"教授级高级工程师":   true,
		"高级工程师（副高）":  true,
		"副教授/硕导":     true,
		"正高级工程师":     true,
		"高级经济师":      true,
		"研究员级高级工程师":  true,
		"副研究员":       true,
		"高级（副高级）":    true,
		"副高":         true,
		"正高":         true,
		"高级职称":       false, // ambiguous: left to review
		"工程师":        false,
		"讲师":         false,
		"助理研究员":      false,
		"中级经济师":      false,
		"工程师（中级）":    false,
		"高级技师":       false,
		"博士/讲师":      false,
		"教授、博士生导师":   true,
		"主任医师":       true,
		"注册会计师":      false,
		"高级会计师（副高级）": true,
		"高级工程师(正高级)": true,
	} {
		if got := isSenior(title); got != want {
			t.Errorf("isSenior(%q) = %v, want %v", title, got, want)
		}
	}
}

// TestTextVariants: a PDF expert table with other headers and a range term.
func TestTextVariants(t *testing.T) {
	d := extractorstest.TextDoc(`专家库成员名单
序号 专家姓名 证件号码 所在单位 技术职称 聘任期限
1 张伟 130102198001011234 河北工业大学 教授级高级工程师 2024.1-2026.12
2 李娜 130102198001011235 河北科技大学 副教授 2023.3.1-2026.2.28
3 王强 130102198001011236 石家庄学院 讲师 2021.6.1-2024.5.31
4 赵敏 130102198001011237 保定学院 工程师 2022.1.1-2027.12.31`)
	list, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	got := Count(list, 2025, isSenior)
	if got.Total != 3 || got.Senior != 2 {
		t.Errorf("senior %d total %d, want 2 3; %v %+v", got.Senior, got.Total, got.Skipped, list)
	}
}

// TestTitlesOneHome: the package keeps no senior titles of its own; the
// rules file's list decides, and the lexicon's title wording agrees with it.
func TestTitlesOneHome(t *testing.T) {
	if SeniorMatcher(nil)("教授") {
		t.Error("a title is senior without a rules list")
	}
	junior := map[string]bool{}
	for _, j := range lexicon.Default().Words("experts.junior_titles") {
		junior[parse.Compact(j)] = true
	}
	for _, s := range rulesSeniorTitles() {
		c := parse.Compact(s)
		if junior[c] {
			t.Errorf("%s is both a rules senior title and a lexicon junior title", s)
		}
		// Every senior title can be found in a run of text: a grade alone
		// (副高级), or grades and a stem, maybe with a note after it.
		if slices.Contains(lexicon.Default().Words("experts.title_grades"), c) {
			continue
		}
		if loc := titlePattern().FindStringIndex(c); loc == nil || loc[0] != 0 || (loc[1] != len(c) && c[loc[1]] != '(') {
			t.Errorf("title pattern finds %v in %q", loc, c)
		}
	}
}

// TestStaffSheet: a workbook with the applicant's staff on one sheet and
// the experts on another counts the experts only; a document holding only a
// staff-like table keeps it (it was classified as an expert list).
func TestStaffSheet(t *testing.T) {
	experts := extractors.Sheet{Name: "合作专家", Rows: [][]string{
		{"合作专家情况表"},
		{"序号", "姓名", "职称", "工作单位", "身份证号码", "合作起始日期", "合作终止日期"},
		{"1", "张三", "教授", "河北大学", "130102198001011234", "2024-01-01", "2026-12-31"},
		{"2", "李四", "讲师", "燕山大学", "130102198001011235", "2024-01-01", "2026-12-31"},
	}}
	staff := extractors.Sheet{Name: "Sheet2", Rows: [][]string{
		{"主要人员情况表"},
		{"序号", "姓名", "职称", "身份证号码", "聘用日期"},
		{"1", "王五", "高级工程师", "130102198001011236", "2020-01-01"},
		{"2", "赵六", "研究员", "130102198001011237", "2021-01-01"},
	}}
	for _, sheets := range [][]extractors.Sheet{{experts, staff}, {staff, experts}} {
		d := &extractors.Doc{Path: "list.xlsx", Format: extractors.FormatXLSX, Sheets: sheets}
		list, err := Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		if c := Count(list, 2025, isSenior); c.Total != 2 || c.Senior != 1 {
			t.Errorf("total %d senior %d, want 2 1: %v", c.Total, c.Senior, c.TotalNames)
		}
	}
	only := &extractors.Doc{Path: "list.xlsx", Format: extractors.FormatXLSX, Sheets: []extractors.Sheet{staff}}
	if list, err := Extract(only); err != nil || len(list) != 2 {
		t.Errorf("staff-only workbook: %d rows, %v", len(list), err)
	}
}

// TestBareTermUnitInHeader: 协议签订日期 and a bare number under a header
// stating the unit, in every numeral form.
func TestBareTermUnitInHeader(t *testing.T) {
	for _, h := range []string{"合作期限（年）", "合作期限(年)", "合作年限", "聘期（年）", "协议期限/年"} {
		for _, n := range [][3]string{{"3", "2", "1"}, {"叁", "贰", "壹"}, {"三", "两", "一"}, {"３", "２", "１"}} {
			d := extractorstest.SheetDoc(
				r("序号", "专家姓名", "专业技术职称", "工作单位", "身份证号码", "协议签订日期", h),
				r("1", "张三", "教授", "河北大学", "130102198001011234", "2023-01-01", n[0]),  // to 2025-12-31
				r("2", "李四", "讲师", "燕山大学", "130102198001011235", "2023-01-02", n[1]),  // to 2025-01-01
				r("3", "王五", "研究员", "河北大学", "130102198001011236", "2023-12-31", n[2]), // to 2024-12-30
			)
			list, err := Extract(d)
			if err != nil {
				t.Fatal(err)
			}
			if c := Count(list, 2025, isSenior); c.Total != 2 || c.Senior != 1 {
				t.Errorf("%s %v: total %d senior %d, want 2 1; %v", h, n, c.Total, c.Senior, c.Skipped)
			}
		}
	}
}

// TestTextRowsByContent: rows of a PDF expert list whose cells the layout
// spread or left out are read by what each column holds: letter-spaced
// names (also next to a gender column), a spaced date, an empty 专业领域 or
// 备注 next to a title that is only a grade.
func TestTextRowsByContent(t *testing.T) {
	list, err := Extract(extractorstest.TextDoc(`专家库成员名单
序 号 姓 名 性别 身份证号 工作单位 职称 专业领域 开始日期 结束日期 备注
1 王 伟 男 130102198001011232 河北大学 教授 机械工程 2024 年 1 月 1 日 2026 年 12 月 31 日
2 欧阳 晓东 男 130102198001011240 燕山大学 正高 2024.1.1 2026.12.31 续聘
3 李 晓 东 女 130102198001011259 河北科技大学 工程师 2024.1.1 2026.12.31`))
	if err != nil {
		t.Fatal(err)
	}
	want := []Expert{
		{Name: "王伟", ID: "130102198001011232", Employer: "河北大学", Title: "教授", Start: date("2024-01-01"), End: date("2026-12-31")},
		{Name: "欧阳晓东", ID: "130102198001011240", Employer: "燕山大学", Title: "正高", Start: date("2024-01-01"), End: date("2026-12-31")},
		{Name: "李晓东", ID: "130102198001011259", Employer: "河北科技大学", Title: "工程师", Start: date("2024-01-01"), End: date("2026-12-31")},
	}
	if len(list) != len(want) {
		t.Fatalf("%d experts, want %d: %+v", len(list), len(want), list)
	}
	for i, w := range want {
		g := list[i]
		g.Evidence = extractors.Evidence{}
		if g != w {
			t.Errorf("row %d: %+v, want %+v", i+1, g, w)
		}
	}
}

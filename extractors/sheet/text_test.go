package sheet

import (
	"regexp"
	"strings"
	"testing"

	"ruku/extractors"
)

// textDoc is a PDF whose one page holds lines.
func textDoc(text string) *extractors.Doc {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return &extractors.Doc{Path: "list.pdf", Format: extractors.FormatPDF,
		Pages: []extractors.Page{{Number: 1, Method: extractors.MethodText, Lines: lines}}}
}

// textList is a list like the extractors': experts' and partners' columns
// in one, with a title column whose cells are titles.
var textList = List{
	Columns: []Column{
		{Key: "name", Names: []string{"姓名", "专家姓名"}, Required: true},
		{Key: "id", Names: []string{"身份证号", "统一社会信用代码"}},
		{Key: "employer", Names: []string{"工作单位", "合作单位"}},
		{Key: "title", Names: []string{"职称"}},
		{Key: "start", Names: []string{"开始日期", "签订日期"}},
		{Key: "end", Names: []string{"结束日期"}},
		{Key: "term", Names: []string{"合作期限", "聘期"}},
	},
	Kinds: map[string]Kind{"name": KindPerson, "id": KindCode, "start": KindDate, "end": KindDate, "term": KindTerm},
	Expect: map[string]func(string) bool{
		"title": regexp.MustCompile(`^(?:教授|副教授|研究员|高级工程师|工程师|讲师)$`).MatchString,
	},
}

const (
	validID   = "130102198001011232"
	validCode = "91130105MAD28A3885"
	badCode   = "91130105MAD28A3886" // check character wrong
)

// TestAlignByContent: the cells of text rows go to the columns whose
// content they are, whatever the layout did to them: dates and codes in
// pieces, letter-spaced names and headers, empty columns, numbers that are
// not periods.
func TestAlignByContent(t *testing.T) {
	cases := []struct {
		name, text string
		want       map[string]string // key → cell of the first data row
	}{
		{"spaced date", `序号 姓名 身份证号 职称 开始日期 结束日期
1 王伟 ` + validID + ` 教授 2024 年 3 月 5 日 2027 年 3 月 4 日`,
			map[string]string{"name": "王伟", "start": "2024 年 3 月 5 日", "end": "2027 年 3 月 4 日", "title": "教授"}},
		{"spaced date before a name", `开始日期 姓名 职称
2024 年 3 月 5 日 高 磊 讲师`,
			map[string]string{"start": "2024 年 3 月 5 日", "name": "高 磊", "title": "讲师"}},
		{"letter-spaced names", `序号 工作单位 职称 姓名 备注
1 河北大学 教授 李 晓 东
2 燕山大学 讲师 王 伟`,
			map[string]string{"employer": "河北大学", "name": "李 晓 东", "title": "教授"}},
		{"letter-spaced header", `序号 姓 名 职 称 开始日期
1 王伟 教授 2024.3.5`,
			map[string]string{"name": "王伟", "title": "教授", "start": "2024.3.5"}},
		{"empty 备注 before the text columns", `序号 备注 职称 工作单位 姓名 开始日期
1 教授 河北大学 王伟 2024.3.5`,
			map[string]string{"title": "教授", "employer": "河北大学", "name": "王伟"}},
		{"a term next to a name", `序号 姓名 备注 合作期限 签订日期
1 王伟 4年 2024.3.5`,
			map[string]string{"name": "王伟", "term": "4年", "start": "2024.3.5"}},
		{"a phone number is not a period", `身份证号 合作期限 联系电话 工作单位 姓名
` + validID + ` 2023.5.21-2026.5.20 13903222647 河北大学 王伟`,
			map[string]string{"term": "2023.5.21-2026.5.20", "employer": "河北大学", "name": "王伟"}},
		{"a time after a date", `姓名 开始日期 工作单位
王伟 2025-06-01 10:30`,
			map[string]string{"start": "2025-06-01 10:30", "employer": ""}},
		{"no piece of a date in an empty column", `备注 合作期限 职称 姓名
2023 年 6 月 20 日-2025 年 6 月 19 日 研究员 杨 建 国`,
			map[string]string{"term": "2023 年 6 月 20 日-2025 年 6 月 19 日", "title": "研究员", "name": "杨 建 国"}},
		{"a spaced range keeps its last 日", `合作期限 姓名 职称
2022 年 5 月 13 日至2027 年 5 月 12 日 陈 明 教授`,
			map[string]string{"term": "2022 年 5 月 13 日至2027 年 5 月 12 日", "name": "陈 明"}},
		{"grouped code", `姓名 统一社会信用代码 合作期限
王伟 911301 05MAD2 8A3885 3年`,
			map[string]string{"name": "王伟", "id": "911301 05MAD2 8A3885", "term": "3年"}},
		{"grouped ID", `姓名 身份证号 职称
王伟 130102 19800101 1232 教授`,
			map[string]string{"id": "130102 19800101 1232", "title": "教授"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := ReadList(textDoc(c.text), textList)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 {
				t.Fatal("no rows")
			}
			lr := rows[0]
			for key, want := range c.want {
				if got := lr.Table.Cell(lr.Row, key); got != want {
					t.Errorf("%s = %q, want %q (row %q)", key, got, want, lr.Row.Cells)
				}
			}
		})
	}
}

// TestGroupedCodeMustVerify: pieces that do not join into a verifying code
// are not taken for one.
func TestGroupedCodeMustVerify(t *testing.T) {
	grouped := badCode[:6] + " " + badCode[6:12] + " " + badCode[12:]
	rows, err := ReadList(textDoc(`姓名 统一社会信用代码 合作期限
王伟 `+grouped+` 3年`), textList)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	if got := rows[0].Table.Cell(rows[0].Row, "id"); got == grouped || got == badCode {
		t.Errorf("id = %q: pieces of an invalid code joined", got)
	}
	if !pieces(KindCode, strings.Fields(validCode[:6]+" "+validCode[6:12]+" "+validCode[12:])) {
		t.Error("a valid grouped code is not joined")
	}
	if !pieces(KindCode, strings.Fields(strings.ToLower(validCode[:9])+" "+validCode[9:])) {
		t.Error("a valid lower-case grouped code is not joined")
	}
}

func TestTermLike(t *testing.T) {
	for cell, want := range map[string]bool{
		"3年":                  true,
		"三年":                  true,
		"36个月":                true,
		"3":                   true,
		"长期":                  true,
		"2022.1.1-长期":         true,
		"2023.1.1-2025.12.31": true,
		"2024 年 3 月 5 日":      true,
		"2024 年 3 月 5 日至2027 年 3 月 4 日": true,
		"2024.3.5":   true,
		"年 6 月 19 日": false, // a piece
		"2022 年 5 月 13 日至2027 年 5 月 12":   false, // the last day lost its 日
		"2023.5.21-2026.5.20 13903222647": false, // a phone number
		"教授 60个月":                         false, // a word
		"2023":                            false,
		"":                                false,
	} {
		if got := termLike(cell); got != want {
			t.Errorf("termLike(%q) = %v, want %v", cell, got, want)
		}
	}
}

func TestPersonName(t *testing.T) {
	for cell, want := range map[string]bool{
		"王伟":       true,
		"王 伟":      true,
		"欧阳晓东":     true,
		"李 晓 东":    true,
		"王":        false,
		"王 晓东":     true,
		"欧阳 晓东":    true,
		"欧阳晓东 男":   false,
		"河北科技大学":   false,
		"王伟 高级工程师": false,
		"3年":       false,
	} {
		if got := personName(strings.Fields(cell)); got != want {
			t.Errorf("personName(%q) = %v, want %v", cell, got, want)
		}
	}
}

func TestTypedCell(t *testing.T) {
	for cell, want := range map[string]bool{
		"2024 年 3 月 5 日":       true,
		"2024.3.5":             true,
		validCode:              true,
		"911301 05MAD2 8A3885": true,
		"河北大学":                 false,
		"4年":                   false,
		"13903222647":          false,
	} {
		if got := TypedCell(cell); got != want {
			t.Errorf("TypedCell(%q) = %v, want %v", cell, got, want)
		}
	}
}

// TestDataRowIsNotAHeader: a line of data longer than the header (a
// letter-spaced name adds a token) is not read as the header's second row.
func TestDataRowIsNotAHeader(t *testing.T) {
	rows, err := ReadList(textDoc(`姓名 身份证号 工作单位 职称 合作期限
黄 芳 `+validID+` 河北科技大学 教授 2023/10/04-2027/10/03
陈芳 `+validID+` 河北工业大学 讲师 2021/09/15-2024/09/14`), textList)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	if got := rows[0].Table.Cell(rows[0].Row, "name"); got != "黄 芳" {
		t.Errorf("name %q", got)
	}
}

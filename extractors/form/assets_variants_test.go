package form

import (
	"fmt"
	"strings"
	"testing"

	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
	"ruku/lexicon"
)

// assetValues are one declared total (3,568,000 yuan) written the ways
// forms write it: label unit and value, value with its unit, capital
// numerals.
var assetValues = []struct{ labelUnit, value string }{
	{"(万元)", "356.8"},
	{"（万元）", "356.80"},
	{"(元)", "3568000"},
	{"(元)", "3,568,000.00"},
	{"", "356.8万元"},
	{"", "3568000元"},
	{"", "人民币叁佰伍拾陆万捌仟元整"},
	{"(元)", "叁佰伍拾陆万捌仟元"},
	{"", "¥叁佰伍拾陆万捌仟元整"},
}

// layout renders the rows of a form (label, value pairs) one way.
type layout struct {
	name   string
	file   string
	render func(rows [][2]string) string
}

var layouts = []layout{
	{"sheet, value in the next cell", "f.xlsx", func(rows [][2]string) string {
		return sheetOf(rows, func(l, v string) string { return l + "\t" + v })
	}},
	{"sheet, merged cells between", "f.xlsx", func(rows [][2]string) string {
		return sheetOf(rows, func(l, v string) string { return l + "\t\t\t" + v + "\t\t" })
	}},
	{"sheet, two pairs a row", "f.xlsx", func(rows [][2]string) string {
		var b strings.Builder
		b.WriteString("#sheet 申请表\n河北省优质中小企业服务资源库入库申请表\n")
		for i := 0; i < len(rows); i += 2 {
			b.WriteString(rows[i][0] + "\t" + rows[i][1])
			if i+1 < len(rows) {
				b.WriteString("\t\t" + rows[i+1][0] + "\t" + rows[i+1][1])
			}
			b.WriteString("\n")
		}
		return b.String()
	}},
	{"sheet, label: value in one cell", "f.xlsx", func(rows [][2]string) string {
		return sheetOf(rows, func(l, v string) string { return l + "：" + v })
	}},
	{"sheet, half-width colon", "f.xlsx", func(rows [][2]string) string {
		return sheetOf(rows, func(l, v string) string { return l + ":" + v })
	}},
	{"text, space", "f.pdf", func(rows [][2]string) string {
		return textOf(rows, func(l, v string) string { return l + " " + v })
	}},
	{"text, full-width colon", "f.pdf", func(rows [][2]string) string {
		return textOf(rows, func(l, v string) string { return l + "：" + v })
	}},
	{"text, half-width colon", "f.pdf", func(rows [][2]string) string {
		return textOf(rows, func(l, v string) string { return l + ": " + v })
	}},
	{"text, value on the next line", "f.pdf", func(rows [][2]string) string {
		return textOf(rows, func(l, v string) string { return l + "\n" + v })
	}},
}

func sheetOf(rows [][2]string, cell func(l, v string) string) string {
	var b strings.Builder
	b.WriteString("#sheet 申请表\n河北省优质中小企业服务资源库入库申请表\n")
	for _, r := range rows {
		b.WriteString(cell(r[0], r[1]) + "\n")
	}
	return b.String()
}

func textOf(rows [][2]string, line func(l, v string) string) string {
	var b strings.Builder
	b.WriteString("河北省优质中小企业服务资源库入库申请表\n")
	for _, r := range rows {
		b.WriteString(line(r[0], r[1]) + "\n")
	}
	return b.String()
}

// TestAssetsVariants renders the total assets with every label of the
// lexicon, every way of writing the amount and every layout, between
// other rows of the form: hundreds of variants, each read as 3,568,000.
func TestAssetsVariants(t *testing.T) {
	n := 0
	for _, label := range lexicon.Default().Words("form.assets_labels") {
		for _, v := range assetValues {
			for _, l := range layouts {
				rows := [][2]string{
					{"单位名称", "廊坊智诚质量技术服务有限公司"},
					{"统一社会信用代码", "91130105MAD28A3885"},
					{label + v.labelUnit, v.value},
					{"服务场地面积(㎡)", "220"},
					{"填表日期", "2026年4月10日"},
				}
				n++
				got := variantFacts(Extract(extractorstest.FromText(l.file, l.render(rows))))
				if got["assets"] != "3568000" || got["area"] != "220" {
					t.Errorf("%s, %s%s = %s: assets %q area %q, want 3568000 and 220", l.name, label, v.labelUnit, v.value, got["assets"], got["area"])
				}
			}
		}
	}
	if n < 300 {
		t.Errorf("only %d variants", n)
	}
}

// TestEstablishedVariants: 成立日期 under each label, in the date
// spellings forms use, in every layout.
func TestEstablishedVariants(t *testing.T) {
	dates := []string{"2017年8月9日", "2017年08月09日", "2017-08-09", "2017.8.9", "2017/08/09"}
	n := 0
	for _, label := range lexicon.Default().Words("form.established_labels") {
		for _, dt := range dates {
			for _, l := range layouts {
				rows := [][2]string{
					{"单位名称", "廊坊智诚质量技术服务有限公司"},
					{label, dt},
					{"法定代表人", "赵立新"},
				}
				n++
				got := variantFacts(Extract(extractorstest.FromText(l.file, l.render(rows))))
				if got["est"] != "2017-08-09" {
					t.Errorf("%s, %s = %s: est %q", l.name, label, dt, got["est"])
				}
			}
		}
	}
	if n < 150 {
		t.Errorf("only %d variants", n)
	}
}

// TestWrappedEstablished: a two-column table whose narrow cells wrapped
// both the label (成立时 / 间) and the date (2024-10- / 31) around the
// neighbouring row.
func TestWrappedEstablished(t *testing.T) {
	for _, tc := range []struct{ first, second, want string }{
		{"成立时 2024-10-", "间 31", "2024-10-31"},
		{"刘瑞 成立时 2024-04-", "雪 间 19", "2024-04-19"},
		{"叶 成立日 2016年04月", "瑶 期 13日", "2016-04-13"},
		{"设立日 2016.4.", "期 3", "2016-04-03"},
	} {
		text := fmt.Sprintf("入库申请表\n申请单位名称 某某有限公司 社会信用代码 91130105MAD28A3885\n%s\n法定代表人 联系电话 13975647533\n%s\n注册地址 某市某路1号\n", tc.first, tc.second)
		got := variantFacts(Extract(extractorstest.FromText("f.pdf", text)))
		if got["est"] != tc.want {
			t.Errorf("%q / %q: est %q, want %s", tc.first, tc.second, got["est"], tc.want)
		}
		if got["name"] != "某某有限公司" {
			t.Errorf("%q: name %q", tc.first, got["name"])
		}
	}
}

// TestSealedName: the applicant named on the sealed line above the table,
// under its several labels and brackets.
func TestSealedName(t *testing.T) {
	for _, label := range lexicon.Default().Words("form.text_sealed_labels") {
		for _, seal := range []string{"(盖章)", "（公章）", "", "(签章)"} {
			for _, colon := range []string{":", "：", " : "} {
				text := "入库申请表\n" + label + seal + colon + "河北冀联质量技术服务中心（普通合伙）\n河北冀联质量技术服务中心(普通\n机构名称 社会信用代码 91130602MAC5G6RJ41\n合伙)\n"
				got := Extract(extractorstest.FromText("f.pdf", text))
				if parse.Compact(got.Name.Value) != parse.Compact("河北冀联质量技术服务中心（普通合伙）") {
					t.Errorf("%s%s%s: name %q", label, seal, colon, got.Name.Value)
				}
			}
		}
	}
}

package form

import (
	"strings"
	"testing"

	"ruku/extractors/extractorstest"
)

// labelRows are form rows in wordings the samples do not use: label, value.
var labelRows = [][2]string{
	{"单位名称", "廊坊智诚质量技术服务有限公司"},
	{"统一社会信用代码", "91130105MAD28A3885"},
	{"法定代表人", "赵立新"},
	{"注册地址", "廊坊市广阳区新华路18号"},
	{"成立时间", "2017年8月9日"},
	{"服务机构性质", "☑公益性 □社会化"},
	{"服务领域", "☑数字赋能 □融资促进 √技术创新 □检验检测 □其他"},
	{"总资产(万元)", "356.8"},
	{"场地面积(㎡)", "220"},
	{"上年度合作副高级以上专家(人)", "12"},
	{"合作专家总数(人)", "26"},
	{"签约合作机构(个)", "6"},
	{"近一年服务中小企业(家)", "135"},
	{"其中点对点服务(家)", "18"},
	{"填表日期", "2026年4月10日"},
}

var labelWant = map[string]string{
	"name": "廊坊智诚质量技术服务有限公司", "uscc": "91130105MAD28A3885", "rep": "赵立新",
	"est": "2017-08-09", "applied": "2026-04-10", "nature": "公益性", "cats": "数字赋能,技术创新",
	"assets": "3568000", "area": "220", "senior": "12", "experts": "26", "partners": "6", "smes": "135", "p2p": "18",
}

func checkFacts(t *testing.T, what string, got map[string]string) {
	t.Helper()
	for k, w := range labelWant {
		if got[k] != w {
			t.Errorf("%s %s: got %q, want %q", what, k, got[k], w)
		}
	}
}

func TestLabelVariantsSheet(t *testing.T) {
	var b strings.Builder
	b.WriteString("#sheet 申请表\n河北省质量中小企业服务资源库入库申请表\n")
	for _, r := range labelRows {
		b.WriteString(r[0] + "\t" + r[1] + "\n")
	}
	checkFacts(t, "sheet", variantFacts(Extract(extractorstest.FromText("f.xlsx", b.String()))))
}

func TestLabelVariantsSheetFourColumns(t *testing.T) {
	var b strings.Builder
	b.WriteString("#sheet 申请表\n河北省质量中小企业服务资源库入库申请表\n")
	for i := 0; i < len(labelRows); i += 2 {
		b.WriteString(labelRows[i][0] + "\t" + labelRows[i][1])
		if i+1 < len(labelRows) {
			b.WriteString("\t" + labelRows[i+1][0] + "\t" + labelRows[i+1][1])
		}
		b.WriteString("\n")
	}
	checkFacts(t, "sheet4", variantFacts(Extract(extractorstest.FromText("f.xlsx", b.String()))))
}

func TestLabelVariantsText(t *testing.T) {
	for _, sep := range []string{"：", " "} {
		var b strings.Builder
		b.WriteString("河北省质量中小企业服务资源库入库申请表\n")
		for _, r := range labelRows {
			b.WriteString(r[0] + sep + r[1] + "\n")
		}
		checkFacts(t, "text"+sep, variantFacts(Extract(extractorstest.FromText("f.pdf", b.String()))))
	}
}

func TestFigureLabelVariants(t *testing.T) {
	rows := [][2]string{
		{"申请机构名称", "廊坊智诚质量技术服务有限公司"},
		{"社会信用代码", "91130105MAD28A3885"},
		{"资产总额（元）", "3568000"},
		{"办公场所面积（平方米）", "220㎡"},
		{"正高级及副高级职称专家数", "12人"},
		{"专家总数", "26人"},
		{"合作机构数量", "6个"},
		{"服务中小企业数量（家）", "135家"},
		{"点对点服务企业数量", "18家"},
		{"申请时间", "2026.4.10"},
	}
	want := map[string]string{"name": "廊坊智诚质量技术服务有限公司", "uscc": "91130105MAD28A3885",
		"assets": "3568000", "area": "220", "senior": "12", "experts": "26", "partners": "6", "smes": "135", "p2p": "18", "applied": "2026-04-10"}
	var sb, tb strings.Builder
	sb.WriteString("#sheet 表\n")
	for _, r := range rows {
		sb.WriteString(r[0] + "\t" + r[1] + "\n")
		tb.WriteString(r[0] + "：" + r[1] + "\n")
	}
	for what, text := range map[string]string{"sheet": sb.String(), "text": tb.String()} {
		got := variantFacts(Extract(extractorstest.FromText("f."+what, text)))
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s %s: got %q, want %q", what, k, got[k], w)
			}
		}
	}
}

package variation

import (
	"math/rand"
	"strconv"
	"strings"

	"ruku/extractors"
)

// FormDims are the ways an application form (入库申请表) varies.
var FormDims = []Dim{
	{"name_label", []string{"机构名称", "单位名称", "申请单位名称", "服务机构名称", "企业名称", "机构全称", "申请机构", "名称", "申报单位名称", "服务机构全称"}},
	{"uscc_label", []string{"统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "统一社会信用代码（组织机构代码）", "机构代码"}},
	{"rep_label", []string{"法定代表人", "法人代表", "负责人", "主要负责人", "法定代表人（负责人）", "法定代表人姓名"}},
	{"est_label", []string{"成立日期", "成立时间", "注册日期", "设立日期", "成立年月日", "注册时间"}},
	{"applied_label", []string{"申请日期", "填报日期", "填表日期", "申报日期", "日期", "申报时间", "填报时间"}},
	{"assets_label", []string{"总资产", "资产总额", "资产总计", "上年末资产总额", "总资产规模", "资产合计"}},
	{"money", []string{"元-label", "万元-label", "万元-suffix", "元-suffix", "元-comma", "¥", "capital", "单位：万元", "人民币万元"}},
	{"area_label", []string{"场所面积", "办公面积", "服务场所面积", "经营场所面积", "办公场地面积", "场地面积", "办公用房面积", "服务场地面积（自有或租赁）"}},
	{"area_unit", Lexicon(append([]string{"label-㎡", "label-平方米"}, AreaUnits...), "common.area_units")},
	{"senior_label", []string{"副高级以上专家人数", "副高级及以上职称专家数", "高级职称专家数", "其中：副高级以上", "具有副高级以上职称的专家人数", "正高、副高级职称专家"}},
	{"experts_label", []string{"专家总数", "专家人数", "签约专家数", "专家团队人数", "专家数量", "专职和签约专家总数"}},
	{"partners_label", []string{"合作机构数", "签约合作机构数量", "合作单位数", "合作机构数量", "签订协议的合作机构", "合作伙伴数"}},
	{"smes_label", []string{"近一年服务企业数", "服务中小企业数量", "年服务企业数", "服务企业家数", "上年度服务中小企业数", "近一年服务中小企业户数"}},
	{"p2p_label", []string{"点对点服务企业数", "一对一服务企业数", "上门服务企业数", "其中点对点服务", "点对点服务中小企业数量"}},
	{"count_unit", []string{"none", "suffix", "label", "（个）"}},
	SepDim,
	{"spacing", []string{"none", "letters", "ideographic", "two-char"}},
	{"per_line", []string{"1", "2"}},
	{"layout", []string{"same-line", "next-line", "header-row"}},
	{"order", []string{"usual", "shuffled", "figures-first"}},
	{"tick", []string{"☑", "■", "√", "[√]", "(√)-after", "√-after", "☒"}},
	{"date", DateForms},
	{"seal", []string{"none", "name"}},
	{"name_note", []string{"none", "（盖章）"}},
	{"title", []string{"河北省中小企业公共服务资源库入库申请表", "服务资源入库申请表", "none"}},
	{"split", []string{"none", "name-wrapped", "unit-cell"}},
}

type formField struct{ label, value string }

// Form renders the application form of f as c chooses, as the text layer
// of a PDF or DOCX.
func Form(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return renderForm(f, c, r, false) }

// FormSheet renders the application form of f as c chooses, as the cells
// of a spreadsheet.
func FormSheet(f Facts, c Choice, r *rand.Rand) *extractors.Doc { return renderForm(f, c, r, true) }

func renderForm(f Facts, c Choice, r *rand.Rand, sheet bool) *extractors.Doc {
	sep := SepText(c)
	name := f.Name
	if c["name_note"] != "none" {
		name += c["name_note"]
	}
	moneyLabel, moneyValue := formMoney(f.Assets, c["money"])
	areaLabel, areaValue := c["area_label"], Short(f.AreaM2)
	switch u := c["area_unit"]; u {
	case "label-㎡":
		areaLabel += "（㎡）"
	case "label-平方米":
		areaLabel += "（平方米）"
	default:
		areaValue += u
	}
	count := func(label string, n int, unit string) formField {
		v := strconv.Itoa(n)
		switch c["count_unit"] {
		case "suffix":
			v += unit
		case "label":
			label += "（" + unit + "）"
		case "（个）":
			label += "（个）"
		}
		return formField{label, v}
	}
	ids := []formField{
		{c["name_label"], name},
		{c["uscc_label"], f.USCC},
		{c["rep_label"], f.LegalRep},
		{c["est_label"], Date(f.Established, c["date"])},
	}
	figs := []formField{
		{c["assets_label"] + moneyLabel, moneyValue},
		{areaLabel, areaValue},
		count(c["experts_label"], f.Experts, "人"),
		count(c["senior_label"], f.Senior, "人"),
		count(c["partners_label"], f.Partners, "家"),
		count(c["smes_label"], f.SMEs, "家"),
		count(c["p2p_label"], f.P2P, "家"),
	}
	var fields []formField
	switch c["order"] {
	case "shuffled":
		fields = append(ids, figs...)
		r.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
	case "figures-first":
		fields = append(append([]formField{}, figs...), ids...)
	default:
		fields = append(ids, figs...)
	}
	nature := ticks(c["tick"], []string{"公益性", "社会化"}, []string{f.Nature})
	cats := ticks(c["tick"], categories, f.Categories)
	applied := formField{c["applied_label"], Date(f.Applied, c["date"])}
	if sheet {
		return formSheet(fields, nature, cats, applied, f, c)
	}
	var lines []string
	if c["title"] != "none" {
		lines = append(lines, c["title"])
	}
	per := 1
	if c["per_line"] == "2" {
		per = 2
	}
	for i := 0; i < len(fields); i += per {
		group := fields[i:min(i+per, len(fields))]
		switch c["layout"] {
		case "next-line":
			var l1, l2 []string
			for _, g := range group {
				l1 = append(l1, Label(g.label, c)+strings.TrimSpace(sep))
				l2 = append(l2, g.value)
			}
			lines = append(lines, strings.Join(l1, "    "), strings.Join(l2, "    "))
		case "header-row":
			var l1, l2 []string
			for _, g := range group {
				l1 = append(l1, Label(g.label, c))
				l2 = append(l2, g.value)
			}
			lines = append(lines, strings.Join(l1, " "), strings.Join(l2, " "))
		default:
			var parts, below []string
			for _, g := range group {
				v := g.value
				switch {
				case c["split"] == "name-wrapped" && g.label == c["name_label"]:
					// a narrow cell wraps the name onto the next line
					rs := []rune(v)
					v = string(rs[:len(rs)/2])
					below = append(below, string(rs[len(rs)/2:]))
				case c["split"] == "unit-cell":
					v = unitApart(v)
				}
				parts = append(parts, Label(g.label, c)+sep+v)
			}
			lines = append(lines, strings.Join(parts, "    "))
			lines = append(lines, below...)
		}
	}
	lines = append(lines, Label("服务性质", c)+sep+nature, Label("服务类别", c)+sep+cats)
	lines = append(lines, "本单位承诺所填内容真实有效。")
	if c["seal"] == "name" {
		lines = append(lines, "申请单位（盖章）："+f.Name)
	}
	lines = append(lines, Label(applied.label, c)+sep+applied.value)
	return &extractors.Doc{Path: "form.pdf", Format: extractors.FormatPDF,
		Pages: []extractors.Page{{Number: 1, Method: extractors.MethodText, Lines: lines}}}
}

func formSheet(fields []formField, nature, cats string, applied formField, f Facts, c Choice) *extractors.Doc {
	var rows [][]string
	if c["title"] != "none" {
		rows = append(rows, []string{c["title"]})
	}
	all := append(append([]formField{}, fields...), formField{"服务性质", nature}, formField{"服务类别", cats}, applied)
	sep := SepText(c)
	per := 1
	if c["per_line"] == "2" {
		per = 2
	}
	for i := 0; i < len(all); i += per {
		group := all[i:min(i+per, len(all))]
		switch c["layout"] {
		case "next-line": // label and value in one cell
			var row []string
			for _, g := range group {
				row = append(row, Label(g.label, c)+sep+g.value)
			}
			rows = append(rows, row)
		case "header-row":
			var l1, l2 []string
			for _, g := range group {
				l1 = append(l1, Label(g.label, c))
				l2 = append(l2, g.value)
			}
			rows = append(rows, l1, l2)
		default:
			var row, below []string
			for _, g := range group {
				v := g.value
				switch {
				case c["split"] == "name-wrapped" && g.label == c["name_label"]:
					// the name continues in the cell below
					rs := []rune(v)
					v = string(rs[:len(rs)/2])
					below = append(below, "", string(rs[len(rs)/2:]))
				case c["split"] == "unit-cell":
					if u := unitApart(v); u != v {
						i := strings.LastIndex(u, " ")
						row = append(row, Label(g.label, c), u[:i], u[i+1:])
						continue
					}
				}
				row = append(row, Label(g.label, c), v)
			}
			rows = append(rows, row)
			if len(below) > 0 {
				rows = append(rows, below)
			}
		}
	}
	if c["seal"] == "name" {
		rows = append(rows, []string{"申请单位（盖章）", f.Name})
	}
	return &extractors.Doc{Path: "form.xlsx", Format: extractors.FormatXLSX,
		Sheets: []extractors.Sheet{{Name: "申请表", Rows: rows}}}
}

// formMoney renders total assets: the label's unit and the value.
func formMoney(yuan float64, style string) (string, string) {
	wan := Short(yuan / 10000)
	switch style {
	case "万元-label":
		return "（万元）", wan
	case "万元-suffix":
		return "", wan + "万元"
	case "元-suffix":
		return "", Thousands(yuan) + "元"
	case "元-comma":
		return "（元）", Thousands(yuan)
	case "¥":
		return "", "¥" + Thousands(yuan)
	case "capital":
		return "", Capital(yuan)
	case "单位：万元":
		return "（单位：万元）", wan
	case "人民币万元":
		return "", "人民币" + wan + "万元"
	}
	return "（元）", Plain(yuan)
}

// ticks renders a row of boxes, those of on ticked with mark style.
func ticks(style string, names, on []string) string {
	var parts []string
	for _, n := range names {
		t := contains(on, n)
		switch style {
		case "(√)-after":
			if t {
				parts = append(parts, n+"(√)")
			} else {
				parts = append(parts, n+"( )")
			}
		case "√-after":
			if t {
				parts = append(parts, n+"√")
			} else {
				parts = append(parts, n+"□")
			}
		case "[√]":
			if t {
				parts = append(parts, "[√]"+n)
			} else {
				parts = append(parts, "[ ]"+n)
			}
		default:
			if t {
				parts = append(parts, style+n)
			} else {
				parts = append(parts, "□"+n)
			}
		}
	}
	return strings.Join(parts, " ")
}

// unitApart writes the unit of a value apart from its number (486.32 万元,
// 1200 ㎡), as when the unit has a cell of its own; other values as they are.
func unitApart(v string) string {
	i := strings.LastIndexAny(v, "0123456789")
	if i < 0 || i == len(v)-1 || strings.HasPrefix(v, "¥") {
		return v
	}
	unit := strings.TrimSpace(v[i+1:])
	if !contains(append([]string{"元", "万元", "家", "人"}, AreaUnits...), unit) && !contains(AreaUnits, unit+" ") {
		return v
	}
	return v[:i+1] + " " + unit
}

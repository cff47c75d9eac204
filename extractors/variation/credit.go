package variation

import (
	"math/rand"
	"strings"

	"ruku/extractors"
)

// CreditLists are the lists a credit query screenshot shows, by the
// extractor's constants, with the names each goes by.
var CreditLists = map[string][]string{
	"dishonest_debtor":   {"失信被执行人", "失信被执行人名单"},
	"serious_dishonesty": {"严重失信主体名单", "严重违法失信企业名单", "严重失信主体"},
	"abnormal_operation": {"经营异常名录", "经营异常名单", "异常经营名录"},
	"tax_violation":      {"重大税收违法失信主体", "税收违法黑名单", "重大税收违法案件当事人名单"},
}

// CreditDims are the ways a credit query screenshot varies.
var CreditDims = []Dim{
	{"list", []string{"dishonest_debtor", "serious_dishonesty", "abnormal_operation", "tax_violation"}},
	{"list_name", []string{"0", "1", "2"}},
	{"outcome", []string{"暂无数据", "未查询到相关记录", "查询结果：无", "共0条", "没有找到相关信息", "无相关记录", "查询结果为空", "共找到 0 条记录", "listed"}},
	{"subject_label", []string{"主体名称", "企业名称", "查询对象", "查询主体", "单位名称", "机构名称", "市场主体名称"}},
	{"uscc_label", []string{"统一社会信用代码", "信用代码", "社会信用代码"}},
	{"time_label", []string{"查询时间", "查询日期", "截图时间", "报告生成时间"}},
	{"time", []string{"date", "date+hms", "date+hm"}},
	{"date", DateForms},
	{"layout", []string{"one-per-line", "two-per-line", "next-line"}},
	{"breadcrumb", []string{"none", "首页 > 信用服务 > L", "信用中国", "tabs"}},
	SepDim,
	MethodDim,
}

// CreditOutcome is the extractor's outcome constant c renders.
func CreditOutcome(c Choice) string {
	if c["outcome"] == "listed" {
		return "listed"
	}
	return "clear"
}

// Credit renders f's credit query for the list c chooses.
func Credit(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	names := CreditLists[c["list"]]
	name := names[0]
	if i := int(c["list_name"][0] - '0'); i < len(names) {
		name = names[i]
	}
	sep := SepText(c)
	var lines []string
	switch c["breadcrumb"] {
	case "首页 > 信用服务 > L":
		lines = append(lines, "首页 > 信用服务 > "+name)
	case "信用中国":
		lines = append(lines, "信用中国", name+"查询")
	case "tabs":
		lines = append(lines, "信用中国", "失信被执行人 严重失信主体名单 经营异常名录 重大税收违法失信主体", name)
	default:
		lines = append(lines, name)
	}
	when := Date(f.QueryDate, c["date"])
	switch c["time"] {
	case "date+hms":
		when += " 10:12:33"
	case "date+hm":
		when += " 09:05"
	}
	fields := [][2]string{{c["subject_label"], f.Name}, {c["uscc_label"], f.USCC}, {c["time_label"], when}}
	switch c["layout"] {
	case "two-per-line":
		lines = append(lines, fields[0][0]+sep+fields[0][1]+"  "+fields[1][0]+sep+fields[1][1], fields[2][0]+sep+fields[2][1])
	case "next-line":
		for _, fl := range fields {
			lines = append(lines, fl[0]+strings.TrimSpace(sep), fl[1])
		}
	default:
		for _, fl := range fields {
			lines = append(lines, fl[0]+sep+fl[1])
		}
	}
	if c["outcome"] == "listed" {
		lines = append(lines, "共找到 1 条记录", "案号 执行法院 立案时间 履行情况",
			"(2024)冀0102执1234号 石家庄市长安区人民法院 "+Date(f.QueryDate.AddDate(0, -3, 0), "iso")+" 全部未履行")
	} else {
		lines = append(lines, c["outcome"])
	}
	return &extractors.Doc{Path: "credit.png", Format: extractors.FormatImage,
		Pages: []extractors.Page{page(lines, c)}}
}

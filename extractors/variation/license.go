package variation

import (
	"math/rand"
	"strings"

	"ruku/extractors"
)

// LicenseDims are the ways a business licence (营业执照) varies.
var LicenseDims = []Dim{
	{"title", []string{"营业执照", "营 业 执 照", "营业执照（副本）", "营业执照 (副 本)", "企业法人营业执照"}},
	{"name_label", []string{"名称", "企业名称", "名 称", "单位名称", "市场主体名称"}},
	{"rep_label", []string{"法定代表人", "负责人", "法定代表人（负责人）", "执行董事"}},
	{"capital", []string{"capital", "人民币万元", "万元", "壹佰万元-with-rmb"}},
	{"term", []string{"至长期", "至date", "长期", "自起至止", "不约定期限"}},
	{"code_layout", []string{"same-line", "next-line", "grouped", "before-title", "spaced-chars"}},
	SepDim,
	{"spacing", []string{"none", "letters", "ideographic", "two-char"}},
	{"columns", []string{"1", "2"}},
	{"layout", []string{"same-line", "next-line"}},
	{"order", []string{"usual", "shuffled"}},
	{"address_wrap", []string{"none", "wrap"}},
	{"date", DateForms},
	{"scope_lines", []string{"1", "3"}},
	MethodDim,
}

// InstitutionDims are the ways a 事业单位法人证书 varies.
var InstitutionDims = []Dim{
	{"title", []string{"事业单位法人证书", "事 业 单 位 法 人 证 书", "事业单位法人证书（副本）", "事业单位法人证书 副本"}},
	{"name_label", []string{"名称", "名 称", "单位名称", "事业单位名称"}},
	{"rep_label", []string{"法定代表人", "法定代表人（负责人）", "负责人", "法 定 代 表 人"}},
	{"address_label", []string{"住所", "住 所", "地址", "单位地址"}},
	{"capital", []string{"￥100万元", "壹佰万元", "人民币100万元", "100万元"}},
	{"code_layout", []string{"same-line", "next-line", "grouped", "spaced-chars"}},
	SepDim,
	{"spacing", []string{"none", "letters", "ideographic", "two-char"}},
	{"layout", []string{"same-line", "next-line"}},
	{"order", []string{"usual", "shuffled"}},
	{"date", DateForms},
	{"funds", []string{"财政补助", "自收自支", "财政全额拨款"}},
	MethodDim,
}

type lfield struct{ label, value string }

// License renders f's business licence as c chooses.
func License(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	est := Date(f.Established, c["date"])
	var term string
	switch c["term"] {
	case "至date":
		term = est + "至" + Date(f.Established.AddDate(30, 0, -1), c["date"])
	case "长期":
		term = "长期"
	case "自起至止":
		term = "自" + est + "起至长期"
	case "不约定期限":
		term = est + "至不约定期限"
	default:
		term = est + "至长期"
	}
	var capital string
	switch c["capital"] {
	case "人民币万元":
		capital = "人民币" + Short(f.Assets/20000) + "万元"
	case "万元":
		capital = Short(f.Assets/20000) + "万元"
	case "壹佰万元-with-rmb":
		capital = "人民币" + Capital(float64(int64(f.Assets/20000))*10000)
	default:
		capital = Capital(float64(int64(f.Assets/20000)) * 10000)
	}
	scope := "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；企业管理咨询；信息咨询服务（不含许可类信息咨询服务）；检验检测服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）"
	fields := []lfield{
		{c["name_label"], f.Name},
		{"类型", "有限责任公司（自然人投资或控股）"},
		{c["rep_label"], f.LegalRep},
		{"注册资本", capital},
		{"成立日期", est},
		{"营业期限", term},
		{"住所", f.Address},
		{"经营范围", scope},
	}
	if c["order"] == "shuffled" {
		r.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
	}
	var lines []string
	code := codeLines(f.USCC, c)
	if c["code_layout"] == "before-title" {
		lines = append(lines, code...)
		lines = append(lines, c["title"])
	} else {
		lines = append(lines, c["title"])
		lines = append(lines, code...)
	}
	lines = append(lines, fieldLines(fields, c)...)
	lines = append(lines, "登记机关", Date(f.Established.AddDate(0, 0, 3), c["date"]), "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn")
	return &extractors.Doc{Path: "license.pdf", Format: extractors.FormatPDF,
		Pages: []extractors.Page{page(lines, c)}}
}

// Institution renders f's 事业单位法人证书 as c chooses.
func Institution(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	fields := []lfield{
		{c["name_label"], f.InstName},
		{"宗旨和业务范围", "为中小企业提供技术咨询、检验检测与培训服务，促进科技成果转化。"},
		{c["address_label"], f.InstAddress},
		{c["rep_label"], f.InstRep},
		{"经费来源", c["funds"]},
		{"开办资金", c["capital"]},
		{"举办单位", "河北省工业和信息化厅"},
	}
	if c["order"] == "shuffled" {
		r.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
	}
	lines := []string{c["title"]}
	lines = append(lines, codeLines(f.InstUSCC, c)...)
	lines = append(lines, fieldLines(fields, c)...)
	from := f.Established.AddDate(15, 0, 0)
	lines = append(lines, "有效期 自"+Date(from, c["date"])+"至"+Date(from.AddDate(5, 0, 0), c["date"]),
		"登记管理机关", "河北省事业单位登记管理局")
	return &extractors.Doc{Path: "institution.pdf", Format: extractors.FormatPDF,
		Pages: []extractors.Page{page(lines, c)}}
}

func codeLines(code string, c Choice) []string {
	label := "统一社会信用代码"
	switch c["code_layout"] {
	case "next-line":
		return []string{label, code}
	case "grouped":
		return []string{label + SepText(c) + code[:2] + " " + code[2:8] + " " + code[8:17] + " " + code[17:]}
	case "spaced-chars":
		return []string{label + SepText(c) + LetterSpace(code, " ")}
	}
	return []string{label + SepText(c) + code}
}

func fieldLines(fields []lfield, c Choice) []string {
	sep := SepText(c)
	var lines []string
	per := 1
	if c["columns"] == "2" {
		per = 2
	}
	for i := 0; i < len(fields); i += per {
		group := fields[i:min(i+per, len(fields))]
		var l1, l2 []string
		for _, g := range group {
			v := g.value
			var rest []string
			if g.label == "住所" || g.label == "经营范围" || g.label == "宗旨和业务范围" {
				n := 200
				if g.label != "住所" && c["scope_lines"] == "3" || g.label == "住所" && c["address_wrap"] == "wrap" {
					n = 12
				}
				ws := wrap(v, n)
				v, rest = ws[0], ws[1:]
			}
			if c["layout"] == "next-line" {
				l1 = append(l1, Label(g.label, c))
				l2 = append(l2, v)
			} else {
				l1 = append(l1, Label(g.label, c)+sep+v)
			}
			if len(rest) > 0 && len(group) == 1 {
				l2 = append(l2, rest...)
			} else if len(rest) > 0 {
				// a wrapped value of a two-column row continues below it
				l2 = append(l2, strings.Join(rest, ""))
			}
		}
		lines = append(lines, strings.Join(l1, "    "))
		if c["layout"] == "next-line" || len(group) > 1 {
			if len(l2) > 0 {
				lines = append(lines, strings.Join(l2, "    "))
			}
		} else {
			lines = append(lines, l2...)
		}
	}
	return lines
}

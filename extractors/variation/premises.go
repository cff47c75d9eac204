package variation

import (
	"math/rand"
	"strconv"
	"strings"

	"ruku/extractors"
)

// LeaseDims are the ways a house lease (房屋租赁合同) varies.
var LeaseDims = []Dim{
	{"title", []string{"房屋租赁合同", "租赁合同", "房屋租赁协议", "办公用房租赁合同", "房 屋 租 赁 合 同"}},
	{"lessor_label", []string{"出租方（甲方）", "甲方（出租方）", "出租人", "甲方", "出租方", "出租人（以下简称甲方）"}},
	{"lessee_label", []string{"承租方（乙方）", "乙方（承租方）", "承租人", "乙方", "承租方", "承租人（以下简称乙方）"}},
	{"name_note", distinct(append([]string{"none", "（以下简称“乙方”）", "（盖章）", "（承租方）"}, noteWords()...))},
	{"uscc", []string{"next-line", "same-line", "label-信用代码"}},
	{"address", []string{"坐落于X的房屋", "房屋坐落：X", "房屋地址：X", "位于X", "租赁房屋位于X", "房屋位置：X"}},
	{"area_label", []string{"租赁面积", "建筑面积", "使用面积", "面积", "出租面积", "房屋面积", "租赁建筑面积", "承租面积"}},
	{"area_unit", Lexicon(AreaUnits, "common.area_units")},
	{"area_verb", Lexicon([]string{"为", "：", "共", "约", "共计", "是"}, "premises.area_verbs")},
	{"term_label", Lexicon([]string{"租赁期限", "租期", "租赁期", "期限", "租赁时间", "合同期限"}, "premises.term_labels")},
	{"term", []string{"自S起至E止", "S至E", "租期N年，自S起", "S—E", "从S到E", "S起E止", "S~E", "S-E", "自S至E"}},
	{"date", DateForms},
	NumberingDim,
	{"wrap", []string{"none", "20", "9"}},
	{"spacing", []string{"none", "letters"}},
	{"order", []string{"address-area-term", "term-first"}},
	SepDim,
	MethodDim,
}

// CertDims are the ways a title certificate (不动产权证书) varies.
var CertDims = []Dim{
	{"title", []string{"不动产权证书", "中华人民共和国不动产权证书", "不 动 产 权 证 书"}},
	{"owner_label", []string{"权利人", "房屋所有权人", "所有权人", "权 利 人", "权利人（申请人）"}},
	{"area", []string{"宗地/房屋", "房屋建筑面积", "建筑面积", "lines", "房屋面积", "套内/建筑"}},
	{"area_unit", Lexicon(AreaUnits, "common.area_units")},
	{"address_label", []string{"坐落", "坐 落", "房屋坐落", "不动产坐落"}},
	{"layout", []string{"same-line", "next-line"}},
	SepDim,
	{"spacing", []string{"none", "letters"}},
	{"number", []string{"冀（2020）", "冀(2020)", "none"}},
	MethodDim,
}

// Lease renders f's premises lease as c chooses.
func Lease(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	sep := SepText(c)
	lab := func(s string) string {
		if c["spacing"] == "letters" {
			return LetterSpace(s, " ")
		}
		return s
	}
	name := f.Name
	if c["name_note"] != "none" {
		name += c["name_note"]
	}
	var lines []string
	lines = append(lines, c["title"], "合同编号：ZL-"+f.CertNo)
	lines = append(lines, lab(c["lessor_label"])+sep+f.Lessor, "统一社会信用代码："+f.LessorUSCC)
	code := "统一社会信用代码"
	if c["uscc"] == "label-信用代码" {
		code = "信用代码"
	}
	if c["uscc"] == "same-line" {
		lines = append(lines, lab(c["lessee_label"])+sep+name+"    "+code+"："+f.USCC)
	} else {
		lines = append(lines, lab(c["lessee_label"])+sep+name, code+"："+f.USCC)
	}
	lines = append(lines, "根据《中华人民共和国民法典》及有关规定，甲乙双方经协商一致，订立本合同。")
	addr := strings.Replace(c["address"], "X", f.LeaseAddress, 1)
	if !strings.HasSuffix(addr, "的房屋") {
		addr += "。"
	} else {
		addr = "甲方将" + addr + "出租给乙方使用。"
	}
	area := lab(c["area_label"]) + strings.NewReplacer("：", sep).Replace(c["area_verb"]) + Short(f.LeaseArea) + c["area_unit"] + "。"
	s, e := Date(f.LeaseStart, c["date"]), Date(f.LeaseEnd, c["date"])
	term := strings.NewReplacer("S", s, "E", e, "N", strconv.Itoa(f.LeaseYears)).Replace(c["term"])
	termLine := lab(c["term_label"]) + sep + term + "。"
	if strings.HasPrefix(c["term"], "租期") {
		termLine = term + "。"
		if c["term_label"] != "租期" {
			termLine = lab(c["term_label"]) + sep + strings.Replace(term, "租期", "", 1) + "。"
		}
	}
	clauses := [][]string{
		{"房屋基本情况", addr + area},
		{"租赁期限", termLine},
		{"租金及支付方式", "年租金人民币" + Thousands(f.LeaseArea*365) + "元，按季度支付。"},
	}
	if c["order"] == "term-first" {
		clauses[0], clauses[1] = clauses[1], clauses[0]
	}
	for i, cl := range clauses {
		lines = append(lines, Numbering(c["numbering"], i+1)+cl[0])
		body := cl[1]
		if n, err := strconv.Atoi(c["wrap"]); err == nil {
			lines = append(lines, wrap(body, n)...)
		} else {
			lines = append(lines, body)
		}
	}
	lines = append(lines, "甲方（盖章）：", "乙方（盖章）：", "签订日期："+Date(f.LeaseStart.AddDate(0, 0, -10), c["date"]))
	return &extractors.Doc{Path: "lease.pdf", Format: extractors.FormatPDF,
		Pages: []extractors.Page{page(lines, c)}}
}

// Certificate renders f's title certificate as c chooses.
func Certificate(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	sep := SepText(c)
	lab := func(s string) string {
		if c["spacing"] == "letters" {
			return LetterSpace(s, " ")
		}
		return s
	}
	lines := []string{c["title"]}
	if c["number"] != "none" {
		lines = append(lines, c["number"]+"石家庄市不动产权第"+f.CertNo+"号")
	}
	u := c["area_unit"]
	land := Short(round2(f.CertArea*3+12.5)) + u
	area := Short(f.CertArea) + u
	var areaRows [][2]string
	switch c["area"] {
	case "房屋建筑面积":
		areaRows = [][2]string{{"面积", "房屋建筑面积" + area}}
	case "建筑面积":
		areaRows = [][2]string{{"面积", "建筑面积" + area}}
	case "lines":
		areaRows = [][2]string{{"宗地面积", land}, {"房屋建筑面积", area}}
	case "房屋面积":
		areaRows = [][2]string{{"房屋面积", area}}
	case "套内/建筑":
		areaRows = [][2]string{{"面积", "套内建筑面积" + Short(round2(f.CertArea*0.8)) + u + "/建筑面积" + area}}
	default:
		areaRows = [][2]string{{"面积", "共有宗地面积" + land + "/房屋建筑面积" + area}}
	}
	rows := [][2]string{
		{c["owner_label"], f.Name},
		{"共有情况", "单独所有"},
		{c["address_label"], f.LeaseAddress},
		{"不动产单元号", "130102 003001 GB00123 F0001" + f.CertNo[:4]},
		{"权利类型", "国有建设用地使用权/房屋所有权"},
		{"权利性质", "出让/市场化商品房"},
		{"用途", "商务金融用地/办公"},
	}
	rows = append(rows, areaRows...)
	rows = append(rows, [2]string{"使用期限", "2010年01月01日起2050年12月31日止"})
	for _, row := range rows {
		if c["layout"] == "next-line" {
			lines = append(lines, lab(row[0]), row[1])
		} else {
			lines = append(lines, lab(row[0])+sep+row[1])
		}
	}
	lines = append(lines, "权利其他状况", "房屋结构：钢筋混凝土结构")
	return &extractors.Doc{Path: "cert.pdf", Format: extractors.FormatPDF,
		Pages: []extractors.Page{page(lines, c)}}
}

package variation

import (
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"time"

	"ruku/extractors"
)

// listDims are the dimensions every list shares.
var listDims = []Dim{
	{"medium", []string{"sheet", "text"}},
	{"col_order", []string{"usual", "reversed", "shuffled"}},
	{"date", DateForms},
	{"title", []string{"none", "title", "title+unit"}},
	{"serial", []string{"序号", "none", "编号"}},
	{"extra", []string{"none", "备注", "联系电话"}},
	{"notes", []string{"none", "注：以上信息真实有效。", "blank-rows"}},
	{"char_space", []string{"none", "names"}},
}

func withDims(extra ...Dim) []Dim { return append(append([]Dim{}, listDims...), extra...) }

// ExpertDims are the ways an expert list varies.
var ExpertDims = withDims(
	Dim{"name_h", []string{"姓名", "专家姓名", "名字", "专家", "姓 名", "专家名单"}},
	Dim{"id_h", []string{"身份证号", "身份证号码", "证件号码", "公民身份号码", "身份证件号", "证件编号"}},
	Dim{"employer_h", []string{"工作单位", "所在单位", "任职单位", "单位", "工作单位及职务", "现工作单位"}},
	Dim{"title_h", []string{"职称", "专业技术职称", "技术职称", "职称级别", "专业技术资格", "职称/职务"}},
	Dim{"term", []string{"start+end", "range", "signed+years", "range-至", "start+end-months"}},
	Dim{"start_h", []string{"开始日期", "合作开始日期", "聘任开始时间", "起始日期", "聘期起"}},
	Dim{"end_h", []string{"结束日期", "合作终止日期", "聘任结束时间", "截止日期", "聘期止"}},
	Dim{"range_h", []string{"合作期限", "聘期", "聘任期限", "起止日期", "合作起止时间"}},
	Dim{"signed_h", []string{"签订日期", "签约日期", "协议签订时间", "聘书签发日期"}},
	Dim{"years_h", []string{"合作年限", "合作期限", "聘期", "协议年限"}},
	Dim{"years", []string{"N年", "汉字年", "N个月"}},
)

// PartnerDims are the ways a partner list varies.
var PartnerDims = withDims(
	Dim{"name_h", []string{"合作机构名称", "机构名称", "合作单位名称", "合作单位", "合作方", "签约单位", "合作伙伴名称", "合作机构全称"}},
	Dim{"uscc_h", []string{"统一社会信用代码", "社会信用代码", "信用代码", "统一代码"}},
	Dim{"agreement_h", []string{"协议名称", "合作协议名称", "合作内容", "协议"}},
	Dim{"term", []string{"signed+until", "range", "signed+years", "range-至"}},
	Dim{"signed_h", []string{"签订日期", "协议签订日期", "签约时间", "签署日期", "合作开始日期"}},
	Dim{"until_h", []string{"有效期至", "到期日期", "截止日期", "合作终止日期", "协议到期时间"}},
	Dim{"range_h", []string{"合作期限", "协议有效期", "有效期限", "合作起止日期", "协议期限"}},
	Dim{"years_h", []string{"合作期限", "协议期限", "合作年限", "有效期"}},
	Dim{"years", []string{"N年", "汉字年", "N个月"}},
	Dim{"uscc_form", []string{"plain", "grouped", "lower"}},
)

// ServiceDims are the ways a service record list varies.
var ServiceDims = withDims(
	Dim{"name_h", []string{"企业名称", "服务企业名称", "服务对象", "受服务企业", "客户名称", "被服务企业名称", "企业全称"}},
	Dim{"uscc_h", []string{"统一社会信用代码", "社会信用代码", "信用代码", "企业统一社会信用代码", "统一代码"}},
	Dim{"date_h", []string{"服务日期", "服务时间", "日期", "开展时间", "服务开始日期"}},
	Dim{"mode_h", []string{"服务方式", "服务形式", "服务类型", "方式", "服务模式", "服务渠道"}},
	Dim{"content_h", []string{"服务内容", "服务事项", "服务项目", "内容"}},
	Dim{"uscc_form", []string{"plain", "grouped", "lower"}},
)

type column struct {
	head  string
	cells []string
}

// table renders columns as a sheet or as text lines, as c chooses.
func table(path, title string, cols []column, c Choice, r *rand.Rand) *extractors.Doc {
	n := len(cols[0].cells)
	if c["serial"] != "none" {
		s := column{c["serial"], nil}
		for i := 0; i < n; i++ {
			s.cells = append(s.cells, strconv.Itoa(i+1))
		}
		cols = append([]column{s}, cols...)
	}
	switch c["extra"] {
	case "备注":
		cols = append(cols, column{"备注", make([]string, n)})
	case "联系电话":
		ph := column{"联系电话", nil}
		for i := 0; i < n; i++ {
			ph.cells = append(ph.cells, fmt.Sprintf("139%08d", r.Intn(100000000)))
		}
		cols = append(cols, ph)
	}
	body := cols
	if c["serial"] != "none" {
		body = cols[1:]
	}
	switch c["col_order"] {
	case "reversed":
		for i, j := 0, len(body)-1; i < j; i, j = i+1, j-1 {
			body[i], body[j] = body[j], body[i]
		}
	case "shuffled":
		r.Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	}
	var rows [][]string
	switch c["title"] {
	case "title":
		rows = append(rows, []string{title})
	case "title+unit":
		rows = append(rows, []string{title}, []string{"填报单位（盖章）：", "", "填报日期：2025年6月1日"})
	}
	var head []string
	for _, col := range cols {
		head = append(head, col.head)
	}
	rows = append(rows, head)
	for i := 0; i < n; i++ {
		var row []string
		for _, col := range cols {
			row = append(row, col.cells[i])
		}
		rows = append(rows, row)
		if c["notes"] == "blank-rows" && i == n/2 {
			rows = append(rows, make([]string, len(cols)))
		}
	}
	if c["notes"] != "none" && c["notes"] != "blank-rows" {
		rows = append(rows, []string{c["notes"]})
	}
	if c["medium"] == "text" {
		var lines []string
		for _, row := range rows {
			var cells []string
			for _, x := range row {
				if x = strings.TrimSpace(x); x != "" {
					cells = append(cells, x)
				}
			}
			if len(cells) > 0 {
				lines = append(lines, strings.Join(cells, " "))
			}
		}
		return &extractors.Doc{Path: path + ".pdf", Format: extractors.FormatPDF,
			Pages: []extractors.Page{{Number: 1, Method: extractors.MethodText, Lines: lines}}}
	}
	return &extractors.Doc{Path: path + ".xlsx", Format: extractors.FormatXLSX,
		Sheets: []extractors.Sheet{{Name: "Sheet1", Rows: rows}}}
}

func years(n int, c Choice) string {
	switch c["years"] {
	case "汉字年":
		return hanNumber(n) + "年"
	case "N个月":
		return strconv.Itoa(12*n) + "个月"
	}
	return strconv.Itoa(n) + "年"
}

// termColumns renders a cooperation's period as c["term"] asks.
func termColumns(c Choice, starts, ends []time.Time, ys []int, startH, endH string) []column {
	var a, b column
	switch c["term"] {
	case "range", "range-至":
		a.head = c["range_h"]
		sep := "-"
		if c["term"] == "range-至" {
			sep = "至"
		}
		for i := range starts {
			a.cells = append(a.cells, Date(starts[i], c["date"])+sep+Date(ends[i], c["date"]))
		}
		return []column{a}
	case "signed+years":
		a.head, b.head = c["signed_h"], c["years_h"]
		for i := range starts {
			a.cells = append(a.cells, Date(starts[i], c["date"]))
			b.cells = append(b.cells, years(ys[i], c))
		}
	default:
		a.head, b.head = c[startH], c[endH]
		for i := range starts {
			a.cells = append(a.cells, Date(starts[i], c["date"]))
			b.cells = append(b.cells, Date(ends[i], c["date"]))
		}
	}
	return []column{a, b}
}

func spaceName(s string, c Choice) string {
	if c["char_space"] == "names" && len([]rune(s)) <= 3 {
		return LetterSpace(s, " ")
	}
	return s
}

func codeForm(s string, c Choice) string {
	switch c["uscc_form"] {
	case "grouped":
		return s[:6] + " " + s[6:12] + " " + s[12:]
	case "lower":
		return strings.ToLower(s)
	}
	return s
}

// Experts renders f's expert list as c chooses.
func Experts(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	name, id, emp, title := column{head: c["name_h"]}, column{head: c["id_h"]}, column{head: c["employer_h"]}, column{head: c["title_h"]}
	var starts, ends []time.Time
	var ys []int
	for _, p := range f.People {
		name.cells = append(name.cells, spaceName(p.Name, c))
		id.cells = append(id.cells, p.ID)
		emp.cells = append(emp.cells, p.Employer)
		title.cells = append(title.cells, p.Title)
		starts, ends, ys = append(starts, p.Start), append(ends, p.End), append(ys, p.Years)
	}
	cols := append([]column{name, id, emp, title}, termColumns(c, starts, ends, ys, "start_h", "end_h")...)
	return table("experts", "专家库成员名单", cols, c, r)
}

// Partners renders f's partner list as c chooses.
func Partners(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	name, code, ag := column{head: c["name_h"]}, column{head: c["uscc_h"]}, column{head: c["agreement_h"]}
	var starts, ends []time.Time
	var ys []int
	for _, o := range f.Orgs {
		name.cells = append(name.cells, o.Name)
		code.cells = append(code.cells, codeForm(o.USCC, c))
		ag.cells = append(ag.cells, o.Agreement)
		starts, ends, ys = append(starts, o.Signed), append(ends, o.Until), append(ys, o.Years)
	}
	cols := append([]column{name, code, ag}, termColumns(c, starts, ends, ys, "signed_h", "until_h")...)
	return table("partners", "合作机构名单", cols, c, r)
}

// Services renders f's service records as c chooses.
func Services(f Facts, c Choice, r *rand.Rand) *extractors.Doc {
	name, code, date, mode, content := column{head: c["name_h"]}, column{head: c["uscc_h"]}, column{head: c["date_h"]}, column{head: c["mode_h"]}, column{head: c["content_h"]}
	for _, s := range f.Services {
		name.cells = append(name.cells, s.Name)
		code.cells = append(code.cells, codeForm(s.USCC, c))
		date.cells = append(date.cells, Date(s.Date, c["date"]))
		mode.cells = append(mode.cells, s.Mode)
		content.cells = append(content.cells, s.Content)
	}
	return table("services", "近一年服务企业名单", []column{name, code, date, mode, content}, c, r)
}

package main

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// serial is the Excel 1900-system serial number of a date.
func serial(t day) int { return int(t.Sub(d(1899, 12, 30)).Hours() / 24) }

type book struct {
	f     *excelize.File
	sheet string
	date  int // style id for real dates
	head  int
	title int
}

func newBook(sheet, dateFmt string) *book {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		panic(err)
	}
	df := dateFmt
	ds, err := f.NewStyle(&excelize.Style{CustomNumFmt: &df})
	if err != nil {
		panic(err)
	}
	hs, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		panic(err)
	}
	ts, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		panic(err)
	}
	return &book{f: f, sheet: sheet, date: ds, head: hs, title: ts}
}

func cell(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return c
}

func (bk *book) set(col, row int, v any) {
	if err := bk.f.SetCellValue(bk.sheet, cell(col, row), v); err != nil {
		panic(err)
	}
}

// setDate writes a real Excel date (a serial with a date format).
func (bk *book) setDate(col, row int, t day) {
	bk.set(col, row, serial(t))
	if err := bk.f.SetCellStyle(bk.sheet, cell(col, row), cell(col, row), bk.date); err != nil {
		panic(err)
	}
}

func (bk *book) merge(c1, r1, c2, r2 int) {
	if err := bk.f.MergeCell(bk.sheet, cell(c1, r1), cell(c2, r2)); err != nil {
		panic(err)
	}
}

func (bk *book) style(c1, r1, c2, r2, st int) {
	if err := bk.f.SetCellStyle(bk.sheet, cell(c1, r1), cell(c2, r2), st); err != nil {
		panic(err)
	}
}

func (bk *book) titleRow(text string, ncol int) {
	bk.set(1, 1, text)
	bk.merge(1, 1, ncol, 1)
	bk.style(1, 1, ncol, 1, bk.title)
}

func (bk *book) widths(ws ...float64) {
	for i, w := range ws {
		c, _ := excelize.ColumnNumberToName(i + 1)
		if err := bk.f.SetColWidth(bk.sheet, c, c, w); err != nil {
			panic(err)
		}
	}
}

func (bk *book) bytes() []byte {
	buf, err := bk.f.WriteToBuffer()
	if err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// expertXLSX lists experts with 协议签订日期 and 合作期限 N年 under a merged
// two-row header. realDates writes the signing date as an Excel date.
func (b *bundle) expertXLSX(realDates bool) []byte {
	bk := newBook("专家库", `yyyy"年"m"月"d"日"`)
	bk.titleRow(b.Org.Name+"合作专家一览表", 9)
	heads := []string{"序号", "姓名", "性别", "身份证号码", "工作单位", "职称", "专业方向"}
	for i, h := range heads {
		bk.set(i+1, 2, h)
		bk.merge(i+1, 2, i+1, 3)
	}
	bk.set(8, 2, "合作协议")
	bk.merge(8, 2, 9, 2)
	bk.set(8, 3, "协议签订日期")
	bk.set(9, 3, "合作期限")
	bk.style(1, 2, 9, 3, bk.head)
	for i, e := range b.Experts {
		r := i + 4
		bk.set(1, r, i+1)
		bk.set(2, r, e.Name)
		bk.set(3, r, e.Gender)
		bk.set(4, r, e.ID)
		bk.set(5, r, e.Employer)
		bk.set(6, r, e.Title)
		bk.set(7, r, e.Field)
		if realDates {
			bk.setDate(8, r, e.Signed)
		} else {
			bk.set(8, r, cn(e.Signed))
		}
		bk.set(9, r, fmt.Sprintf("%d年", e.Years))
	}
	bk.widths(6, 10, 6, 22, 30, 14, 14, 16, 10)
	return bk.bytes()
}

// partnerXLSX lists partner institutions; an open-ended agreement says 长期.
func (b *bundle) partnerXLSX(realDates bool) []byte {
	bk := newBook("合作机构", "yyyy-mm-dd")
	bk.titleRow("签约合作机构名单", 6)
	for i, h := range []string{"序号", "合作机构名称", "统一社会信用代码", "协议名称", "签订时间", "有效期至"} {
		bk.set(i+1, 2, h)
	}
	bk.style(1, 2, 6, 2, bk.head)
	for i, p := range b.Partners {
		r := i + 3
		bk.set(1, r, i+1)
		bk.set(2, r, p.Name)
		bk.set(3, r, p.USCC)
		bk.set(4, r, p.Agreement)
		if realDates {
			bk.setDate(5, r, p.Signed)
		} else {
			bk.set(5, r, cn(p.Signed))
		}
		switch {
		case p.Until.IsZero():
			bk.set(6, r, "长期")
		case realDates:
			bk.setDate(6, r, p.Until)
		default:
			bk.set(6, r, cn(p.Until))
		}
	}
	bk.widths(6, 34, 22, 16, 14, 14)
	return bk.bytes()
}

func (b *bundle) staffXLSX() []byte {
	bk := newBook("主要人员", "yyyy-mm")
	bk.titleRow("服务机构主要人员基本情况表", 7)
	for i, h := range []string{"序号", "姓名", "职务", "学历", "职称", "执业资格", "从事专业年限"} {
		bk.set(i+1, 2, h)
	}
	bk.style(1, 2, 7, 2, bk.head)
	for i, s := range b.Staff {
		bk.set(1, i+3, i+1)
		for j, v := range s {
			bk.set(j+2, i+3, v)
		}
	}
	bk.widths(6, 10, 18, 12, 14, 18, 12)
	return bk.bytes()
}

// servicesXLSX lists served enterprises with text dates (2025年3月1日) and a 合计 row.
func (b *bundle) servicesXLSX() []byte {
	bk := newBook("服务明细", "yyyy-mm-dd")
	bk.titleRow(fmt.Sprintf("服务企业明细表（%s—%s）", cn(b.R.AddDate(-1, 0, 0)), cn(b.R)), 6)
	for i, h := range []string{"序号", "服务企业名称", "统一社会信用代码", "服务时间", "服务事项", "服务形式"} {
		bk.set(i+1, 2, h)
	}
	bk.style(1, 2, 6, 2, bk.head)
	for i, s := range b.Services {
		r := i + 3
		bk.set(1, r, i+1)
		bk.set(2, r, s.Name)
		bk.set(3, r, s.USCC)
		bk.set(4, r, cn(s.Date))
		bk.set(5, r, s.Content)
		bk.set(6, r, s.Mode)
	}
	r := len(b.Services) + 3
	bk.set(1, r, "合计")
	bk.merge(1, r, 2, r)
	bk.set(3, r, fmt.Sprintf("共%d条服务记录", len(b.Services)))
	bk.widths(6, 34, 22, 16, 20, 10)
	return bk.bytes()
}

// formXLSX writes the application form as label/value rows with a real date cell.
func (b *bundle) formXLSX() []byte {
	bk := newBook("申请表", `yyyy"年"m"月"d"日"`)
	bk.titleRow("河北省优质中小企业服务资源库入库申请表", 2)
	for i, r := range b.formRows("☑") {
		row := i + 2
		bk.set(1, row, r[0])
		switch r[0] {
		case "申请日期":
			bk.setDate(2, row, b.R)
		case "成立日期":
			bk.setDate(2, row, b.Org.Established)
		default:
			bk.set(2, row, r[1])
		}
	}
	bk.widths(34, 70)
	return bk.bytes()
}

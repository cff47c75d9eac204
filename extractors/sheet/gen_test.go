package sheet

import (
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "regenerate the generated testdata/*.xlsx files")

// TestGenerate writes the generated test workbooks: tables laid out the
// ways applicants fill them. Run with -update after changing it; the files
// are committed so that the other tests do not depend on the writer.
func TestGenerate(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate testdata")
	}
	for name, build := range map[string]func(*excelize.File) error{
		"gen_experts_messy.xlsx":   buildExpertsMessy,
		"gen_partners_tworow.xlsx": buildPartnersTwoRow,
		"gen_services_years.xlsx":  buildServicesYears,
		"gen_raw_values.xlsx":      buildRawValues,
		"gen_staff_template.xlsx":  buildStaffTemplate,
	} {
		f := excelize.NewFile()
		if err := build(f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := f.SaveAs(filepath.Join("testdata", name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_ = f.Close()
	}
	// A password-protected workbook: OLE2 container holding the encrypted package.
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "机密")
	if err := f.SaveAs(filepath.Join("testdata", "gen_encrypted.xlsx"), excelize.Options{Password: "ruku"}); err != nil {
		t.Fatalf("encrypted: %v", err)
	}
	_ = f.Close()
}

// setRows writes rows starting at row start; nil values leave a cell empty.
func setRows(f *excelize.File, sheet string, start int, rows [][]any) error {
	for i, r := range rows {
		for j, v := range r {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(j+1, start+i)
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
		}
	}
	return nil
}

// buildExpertsMessy: title and notes above the header, merged title, columns
// in an unusual order with variant names and line breaks, dates typed three
// ways and as date-formatted serials, masked IDs, a blank row, a repeated
// header, a 合计 row and a note under the table.
func buildExpertsMessy(f *excelize.File) error {
	const s = "专家库"
	if err := f.SetSheetName("Sheet1", s); err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	header := []any{"序号", "专家\n姓名", "工作单位（全称）", "身份证号码", "职称/职务", "聘用开始时间", "聘用结束时间", "联系电话"}
	rows := [][]any{
		{"河北示例咨询有限公司合作专家名单"},
		{"填报单位（盖章）：河北示例咨询有限公司", nil, nil, nil, nil, "填报日期：2026年3月1日"},
		{"说明：本表所列专家均已签订合作协议。"},
		header,
		{1, "张三", "河北科技大学", "130102********1234", "教授", "2024.3.1", "2027.2.28", "13800000000"},
		{2, "李四", "河北工业大学", "130102198001011234", "高级工程师", "2024年3月1日", "2026年2月28日"},
		{},
		{3, "王五", "石家庄铁道大学", "13010219800101123X", "研究员", nil, nil},
		header,
		{4, "赵六", "河北师范大学", "130104********5678", "副教授", "2023-07-01", "2025/6/30"},
		{"合 计", nil, "4人"},
		{"注：身份证号按要求部分隐藏。"},
	}
	if err := setRows(f, s, 1, rows); err != nil {
		return err
	}
	// Row 8 (王五): dates as real date cells (serial + date format).
	for _, c := range []struct {
		ref string
		v   float64
	}{{"F8", 45352}, {"G8", 46446}} {
		if err := f.SetCellValue(s, c.ref, c.v); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, c.ref, c.ref, dateStyle); err != nil {
			return err
		}
	}
	if err := f.MergeCell(s, "A1", "H1"); err != nil {
		return err
	}
	if err := f.MergeCell(s, "A2", "E2"); err != nil {
		return err
	}
	return f.MergeCell(s, "A3", "H3")
}

// buildPartnersTwoRow: a header over two rows with merged cells: 序号 and
// 合作机构名称 merged down, 合作期限 merged across 起始 and 终止; an amount
// column in 万元; a subtotal row.
func buildPartnersTwoRow(f *excelize.File) error {
	const s = "合作单位"
	if err := f.SetSheetName("Sheet1", s); err != nil {
		return err
	}
	rows := [][]any{
		{"合作机构一览表"},
		{"序号", "合作机构名称", "统一社会信用代码", "合作期限", nil, "合作金额（万元）"},
		{nil, nil, nil, "起始", "终止"},
		{1, "河北甲律师事务所", "31130000MA0000000X", "2024.1.1", "2026.12.31", 12.5},
		{2, "河北乙会计师事务所有限公司", "91130100MA0000001Y", 45292, 46022, 8},
		{"小计", nil, nil, nil, nil, 20.5},
	}
	if err := setRows(f, s, 1, rows); err != nil {
		return err
	}
	for _, m := range [][2]string{{"A1", "F1"}, {"A2", "A3"}, {"B2", "B3"}, {"C2", "C3"}, {"D2", "E2"}, {"F2", "F3"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			return err
		}
	}
	return nil
}

// buildServicesYears: one sheet per year with slightly different headers,
// and an instructions sheet first.
func buildServicesYears(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", "填表说明"); err != nil {
		return err
	}
	if err := setRows(f, "填表说明", 1, [][]any{
		{"请按年度分别填写服务企业名称、统一社会信用代码、服务日期和服务方式。"},
	}); err != nil {
		return err
	}
	for _, y := range []struct {
		sheet  string
		header []any
		rows   [][]any
	}{
		{"2024年", []any{"序号", "服务企业名称", "统一社会信用代码", "服务时间", "服务方式"}, [][]any{
			{1, "甲公司", "91130100MA0000002A", "2024.5.6", "上门"},
			{2, "乙公司", "91130100MA0000003B", 45500, "线上"},
		}},
		{"2025年", []any{"企业名称", "信用代码", "服务日期", "服务内容", "服务方式"}, [][]any{
			{"丙公司", "91130100MA0000004C", "2025年1月2日", "诊断", "一对一"},
			{"丁公司", "91130100MA0000005D", "2025-02-03", "培训", "讲座"},
			{"戊公司", "91130100MA0000006E", "2025.3.4", "咨询", "点对点"},
		}},
	} {
		if _, err := f.NewSheet(y.sheet); err != nil {
			return err
		}
		if err := setRows(f, y.sheet, 1, [][]any{{y.sheet + "服务企业明细"}, y.header}); err != nil {
			return err
		}
		if err := setRows(f, y.sheet, 3, y.rows); err != nil {
			return err
		}
	}
	return nil
}

// buildRawValues: numbers with thousands-separator and date formats, a
// formula with its value, a boolean, leading and trailing blanks.
func buildRawValues(f *excelize.File) error {
	const s = "数值"
	if err := f.SetSheetName("Sheet1", s); err != nil {
		return err
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return err
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	if err := setRows(f, s, 1, [][]any{
		{"总资产（元）", 2345678.9},
		{"申请日期", 45657},
		{"净资产", nil, nil, 100},
		{"是否", true},
	}); err != nil {
		return err
	}
	if err := f.SetCellStyle(s, "B1", "B1", money); err != nil {
		return err
	}
	if err := f.SetCellStyle(s, "B2", "B2", date); err != nil {
		return err
	}
	if err := f.SetCellFormula(s, "B5", "B1*2"); err != nil {
		return err
	}
	if err := f.SetCellValue(s, "A5", "合计"); err != nil {
		return err
	}
	// A styled but empty cell far to the right, and an empty styled row 9.
	if err := f.SetCellStyle(s, "Z3", "Z3", money); err != nil {
		return err
	}
	return f.SetCellStyle(s, "A9", "C9", money)
}

// buildStaffTemplate: an empty template sheet with the header only, then
// the sheet with the data; FindTable must pick the data.
func buildStaffTemplate(f *excelize.File) error {
	header := []any{"序号", "姓名", "性别", "出生年月", "学历", "职务", "职称"}
	if err := f.SetSheetName("Sheet1", "模板"); err != nil {
		return err
	}
	if err := setRows(f, "模板", 1, [][]any{header}); err != nil {
		return err
	}
	if _, err := f.NewSheet("人员"); err != nil {
		return err
	}
	return setRows(f, "人员", 2, [][]any{
		header,
		{1, "邹宁", "女", "1971.04", "硕士", "总经理", "经济师"},
		{2, "黎静", "女", "1987.10", "本科", "副总经理", "高级审计师"},
	})
}

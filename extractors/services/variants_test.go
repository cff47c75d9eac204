package services

import (
	"ruku/extractors/extractorstest"
	"testing"

	"ruku/extractors"
)

// TestHeaderVariants: header wordings and cell formats the samples do not
// use. R 2026-03-01; A served 一对一 and 上门, B 点对点, C 线上 (all inside the
// window), D outside, one bad code.
func TestHeaderVariants(t *testing.T) {
	type hdr struct{ name, code, date, mode string }
	hdrs := []hdr{
		{"单位名称", "社会信用代码", "服务时间", "服务形式"},
		{"服务对象", "信用代码", "服务开始日期", "服务类型"},
		{"企业全称", "统一代码", "服务日期（年/月/日）", "方式"},
		{"服务企业名称", "统一社会信用代码（18位）", "服务起止时间", "服务方式"},
		{"受服务企业名称", "企业统一社会信用代码", "服务开展时间", "服务方式（线上/线下/点对点）"},
		{"被服务企业", "统一社会信用代码", "开展日期", "服务模式"},
		{"中小企业名称", "纳税人识别号/统一社会信用代码", "服务时间", "服务形式"},
	}
	for _, h := range hdrs {
		d := extractorstest.SheetDoc(
			r("近一年服务中小企业明细表"),
			r("序号", h.name, h.code, "服务内容", h.date, h.mode, "备注"),
			r("1", "甲公司", codeA, "辅导", "2025年3月1日", "一对一辅导", ""),
			nil,
			r("2", "甲公司", codeA, "诊断", "2025.03.01", "上门服务", ""),
			r("3", "乙公司", codeB, "对接", "45900", "点对点对接", ""),
			r("4", "丙公司", codeC, "培训", "2025/12/1", "线上", ""),
			r("5", "丁公司", codeD, "培训", "2024.12.31", "上门", ""),
			r("6", "戊公司", bad, "培训", "2025-06-01", "线上", ""),
			r("合计", "", "", "", "", "", ""),
		)
		recs, err := Extract(d)
		if err != nil {
			t.Errorf("%v: %v", h, err)
			continue
		}
		got := Count(recs, date("2026-03-01"), nil)
		if len(recs) != 6 || got.SMEs != 3 || got.PointToPoint != 2 || got.InvalidRows != 1 {
			t.Errorf("%v: %d recs, smes %d p2p %d invalid %d, want 6 3 2 1\n%+v", h, len(recs), got.SMEs, got.PointToPoint, got.InvalidRows, recs)
		}
	}
}

// TestTwoYearSheets: a sheet per year, both read.
func TestTwoYearSheets(t *testing.T) {
	d := &extractors.Doc{Path: "list.xlsx", Format: extractors.FormatXLSX, Sheets: []extractors.Sheet{
		{Name: "2025年", Rows: [][]string{
			r("2025年服务企业名单"),
			r("序号", "企业名称", "统一社会信用代码", "服务日期", "服务方式"),
			r("1", "甲公司", codeA, "2025-05-01", "上门"),
			r("2", "乙公司", codeB, "2025-06-01", "线上"),
		}},
		{Name: "2026年", Rows: [][]string{
			r("序号", "企业名称", "统一社会信用代码", "服务日期", "服务方式"),
			r("1", "丙公司", codeC, "2026-01-05", "一对一"),
			r("小计", "", "", "", ""),
		}},
	}}
	recs, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	got := Count(recs, date("2026-03-01"), nil)
	if got.SMEs != 3 || got.PointToPoint != 2 {
		t.Errorf("smes %d p2p %d, want 3 2", got.SMEs, got.PointToPoint)
	}
}

// TestTextVariants: a PDF service table with other headers.
func TestTextVariants(t *testing.T) {
	d := extractorstest.TextDoc(`服务企业明细
序号 单位名称 社会信用代码 服务时间 服务形式
1 甲公司 ` + codeA + ` 2025年3月1日 一对一辅导
2 乙公司 ` + codeB + ` 2025.06.01 线上
3 丙公司 ` + codeC + ` 2025.07.01 点对点对接`)
	recs, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	got := Count(recs, date("2026-03-01"), nil)
	if got.SMEs != 3 || got.PointToPoint != 2 {
		t.Errorf("smes %d p2p %d, want 3 2; %+v", got.SMEs, got.PointToPoint, recs)
	}
}

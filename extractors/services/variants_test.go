package services

import (
	"strings"
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
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

// TestTextRowsByContent: rows of a PDF service list whose cells the layout
// spread or left out are read by what each column holds: codes in groups
// and in lower case, dates in spaced pieces, an empty 备注 column before
// the mode.
func TestTextRowsByContent(t *testing.T) {
	group := func(c string) string { return c[:6] + " " + c[6:12] + " " + c[12:] }
	d := extractorstest.TextDoc(`服务企业明细
序号 企业名称 统一社会信用代码 服务日期 备注 服务方式 服务内容
1 甲公司 ` + group(codeA) + ` 2025 年 3 月 1 日 上门 政策咨询
2 乙公司 ` + strings.ToLower(group(codeB)) + ` 2025.06.01 线上 管理诊断
3 丙公司 ` + strings.ToLower(codeC) + ` 2025 年 7 月 1 日 培训 知识产权培训`)
	recs, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{Enterprise: "甲公司", USCC: codeA, Mode: "上门", Content: "政策咨询", Date: date("2025-03-01"), USCCValid: true},
		{Enterprise: "乙公司", USCC: codeB, Mode: "线上", Content: "管理诊断", Date: date("2025-06-01"), USCCValid: true},
		{Enterprise: "丙公司", USCC: codeC, Mode: "培训", Content: "知识产权培训", Date: date("2025-07-01"), USCCValid: true},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i, w := range want {
		g := recs[i]
		g.Evidence = extractors.Evidence{}
		if g != w {
			t.Errorf("row %d: %+v, want %+v", i+1, g, w)
		}
	}
}

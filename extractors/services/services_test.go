package services

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
)

func r(cells ...string) []string { return cells }

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCorpusFixtures(t *testing.T) {
	for _, c := range []struct {
		file                  string
		ref                   string
		smes, p2p, invalidRow int
	}{
		{"invalid_hand.xlsx", "2026-04-05", 97, 19, 10},
		{"textdates_hand.xlsx", "2026-09-20", 120, 13, 0},
	} {
		recs, err := Extract(extractorstest.ReadXLSX(t, filepath.Join("testdata", c.file)))
		if err != nil {
			t.Fatal(err)
		}
		got := Count(recs, date(c.ref), nil)
		if got.SMEs != c.smes || got.PointToPoint != c.p2p || got.InvalidRows != c.invalidRow {
			t.Errorf("%s: %d %d %d, want %d %d %d", c.file, got.SMEs, got.PointToPoint, got.InvalidRows, c.smes, c.p2p, c.invalidRow)
		}
		if len(got.Invalid) != got.InvalidRows || len(got.Evidence) != got.SMEs {
			t.Errorf("%s: evidence counts", c.file)
		}
	}
}

// Valid codes for the tests.
const (
	codeA = "91130105MAD28A3885"
	codeB = "91130302MA3J517C2F"
	codeC = "911301047QK1C1933J"
	codeD = "91130403MA5DG9173D"
	bad   = "91130105MAD28A3886" // check character wrong
	short = "91130105MAD28A388"
)

// TestLayouts: R 2026-03-01, window [2025-03-01, 2026-03-01). A served
// twice (once 上门), B once (线上), C on R itself (outside), D a day before
// the window (outside); a bad and a short code count as invalid rows
// wherever their date lies.
func TestLayouts(t *testing.T) {
	cases := []struct {
		name string
		doc  *extractors.Doc
	}{
		{"sheet with title, note, total, repeated header", extractorstest.SheetDoc(
			r("某公司近一年服务企业明细"),
			r("填报日期：2026年3月1日"),
			r("服务方式", "服务日期", "统一社会信用代码", "服务企业名称", "服务内容"),
			r("培训", "2025-03-01", codeA, "甲公司", "政策解读"),
			r("上门服务", "2025.6.1", codeA, "甲公司", "诊断"),
			nil,
			r("服务方式", "服务日期", "统一社会信用代码", "服务企业名称", "服务内容"),
			r("线上", "46000", codeB, "乙公司", "咨询"),
			r("一对一", "2026-03-01", codeC, "丙公司", "辅导"),
			r("点对点", "2025-02-28", codeD, "丁公司", "辅导"),
			r("点对点", "2025-05-01", bad, "戊公司", "辅导"),
			r("上门", "2020-05-01", short, "己公司", "辅导"),
			r("合计", "", "", "7家"),
			r("注：服务方式填写线上、线下、上门、点对点等"),
		)},
		{"pdf text over two pages", extractorstest.TextDoc(`某公司近一年服务企业明细
序号 企业名称 统一社会信用代码 服务日期 服务内容 服务方式
1 甲公司 `+codeA+` 2025-03-01 政策解读 培训
2 甲 公司 `+codeA+` 2025-06-01 诊断 上门服务
3 乙公司 `+codeB+` 2025-12-09 咨询 线上
第 1 页`, `序号 企业名称 统一社会信用代码 服务日期 服务内容 服务方式
4 丙公司 `+codeC+` 2026-03-01 辅导 一对一
5 丁公司 `+codeD+` 2025-02-28 辅导 点对点
6 戊公司 `+bad+` 2025-05-01 辅导 点对点
7 己公司 `+short+` 2020-05-01 上门
合计 7家`)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, err := Extract(c.doc)
			if err != nil {
				t.Fatal(err)
			}
			got := Count(recs, date("2026-03-01"), nil)
			if got.SMEs != 2 || got.PointToPoint != 1 || got.InvalidRows != 2 || got.OutOfWindow != 2 {
				t.Errorf("smes %d p2p %d invalid %d outside %d, want 2 1 2 2\n%+v", got.SMEs, got.PointToPoint, got.InvalidRows, got.OutOfWindow, recs)
			}
			if len(recs) != 7 {
				t.Errorf("%d records, want 7", len(recs))
			}
		})
	}
}

func TestMergedCells(t *testing.T) {
	d := extractorstest.TextDoc(`序号 企业名称 统一社会信用代码 服务日期 服务内容 服务方式
1 甲公司 ` + codeA + ` 2025-06-01 数字化转型诊断 上门
2 乙公司 ` + codeB + ` 2025-06-01 政策解读 一对一`)
	for i, l := range d.Pages[0].Lines {
		d.Pages[0].Lines[i] = parse.Norm(l)
	}
	recs, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Mode != "上门" || recs[0].Content != "数字化转型诊断" || recs[1].Mode != "一对一" {
		t.Errorf("%+v", recs)
	}
}

func TestP2PModes(t *testing.T) {
	recs := []Record{
		{USCC: codeA, USCCValid: true, Date: date("2025-06-01"), Mode: "现场走访"},
		{USCC: codeB, USCCValid: true, Date: date("2025-06-01"), Mode: "一 对 一"},
	}
	if got := Count(recs, date("2026-03-01"), nil).PointToPoint; got != 1 {
		t.Errorf("default modes: %d", got)
	}
	if got := Count(recs, date("2026-03-01"), []string{"走访", "一对一"}).PointToPoint; got != 2 {
		t.Errorf("given modes: %d", got)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("序号 企业名称 统一社会信用代码 服务日期 服务内容 服务方式\n1 甲公司 91130105MAD28A3885 2025-03-01 政策解读 上门", "企业名称\t统一社会信用代码\t服务日期\n甲\t91130105MAD28A3885\t45000")
	f.Add("企业名称 信用代码\n合计", "统一社会信用代码\t企业名称\n\t\n合计\t3")
	f.Fuzz(func(t *testing.T, text, cells string) {
		var rows [][]string
		for _, l := range strings.Split(cells, "\n") {
			rows = append(rows, strings.Split(l, "\t"))
		}
		for _, d := range []*extractors.Doc{extractorstest.TextDoc(text), extractorstest.SheetDoc(rows...)} {
			recs, _ := Extract(d)
			Count(recs, date("2026-03-01"), nil)
		}
	})
}

// TestLowerCaseCode: a code typed in lower case is the same code; it is
// upper-cased before it is checked.
func TestLowerCaseCode(t *testing.T) {
	recs, err := Extract(extractorstest.SheetDoc(
		r("企业名称", "统一社会信用代码", "服务日期", "服务方式"),
		r("甲公司", strings.ToLower(codeA), "2025-06-01", "上门"),
		r("乙公司", strings.ToLower(bad), "2025-06-01", "上门"),
	))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].USCC != codeA || !recs[0].USCCValid || recs[1].USCCValid {
		t.Errorf("%+v", recs)
	}
}

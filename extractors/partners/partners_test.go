package partners

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

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCorpusFixtures(t *testing.T) {
	for _, c := range []struct {
		file string
		ref  string
		want int
	}{
		{"renewal_hand.xlsx", "2026-06-08", 8},
		{"fods.xlsx", "2026-03-24", 9},
	} {
		list, err := Extract(extractorstest.ReadXLSX(t, filepath.Join("testdata", c.file)))
		if err != nil {
			t.Fatal(err)
		}
		ref := day(c.ref)
		if got := Count(list, ref.Year()-1, ref); got.Count != c.want {
			t.Errorf("%s: %d partners, want %d (%v)", c.file, got.Count, c.want, got.Skipped)
		}
	}
}

// TestLayouts reads the same partners in other layouts. With R 2026-03-01
// and Y 2025: A (valid), B (renewed: two rows), C (长期), D (3年 from
// 2023-01-01: valid until 2025-12-31), count; E (ended 2024-12-31) and F
// (signed after R) do not.
func TestLayouts(t *testing.T) {
	cases := []struct {
		name string
		doc  *extractors.Doc
	}{
		{"end dates", extractorstest.SheetDoc(
			r("合作机构名单"),
			r("序号", "合作机构名称", "统一社会信用代码", "协议名称", "签订日期", "有效期至"),
			r("1", "甲检测有限公司", "", "合作协议", "2024.1.1", "2026.12.31"),
			r("2", "乙(河北)认证有限公司", "", "合作协议", "2022-01-01", "2023-12-31"),
			r("3", "乙（河北）认证有限公司", "", "续签协议", "2024-01-01", "2026-12-31"),
			r("4", "丙律师事务所", "", "框架协议", "2020年5月1日", "长期"),
			r("5", "丁会计师事务所", "", "合作协议", "45000", "2025/12/31"),
			r("6", "戊担保有限公司", "", "合作协议", "2022-01-01", "2024-12-31"),
			r("7", "己科技有限公司", "", "合作协议", "2026-03-02", "2028-03-01"),
			r("合计", "7家"),
		)},
		{"term in years", extractorstest.SheetDoc(
			r("合作单位", "合作内容", "协议签订日期", "合作期限"),
			r("甲检测有限公司", "检测", "2024-01-01", "3年"),
			r("乙(河北)认证有限公司", "认证", "2022-01-01", "2年"),
			r("乙(河北)认证有限公司", "认证", "2024-01-01", "3年"),
			r("丙律师事务所", "法律", "2020-05-01", "长期"),
			r("丁会计师事务所", "财务", "2023-01-01", "三年"),
			r("戊担保有限公司", "融资", "2022-01-01", "3年"),
			r("合作单位", "合作内容", "协议签订日期", "合作期限"),
			r("己科技有限公司", "数字化", "2026-03-02", "2年"),
		)},
		{"range", extractorstest.SheetDoc(
			r("机构名称", "有效期"),
			r("甲检测有限公司", "2024.1.1-2026.12.31"),
			r("乙(河北)认证有限公司", "2024.1.1-2026.12.31"),
			r("丙律师事务所", "长期有效"),
			r("丁会计师事务所", "2023年1月1日至2025年12月31日"),
			r("戊担保有限公司", "2022.1.1-2024.12.31"),
			r("己科技有限公司", "2026.3.2-2028.3.1"),
		)},
		{"pdf text", extractorstest.TextDoc(`合作机构名单
序号 合作机构名称 统一社会信用代码 协议名称 签订日期 有效期至
1 甲检测有限公司 合作协议 2024.1.1 2026.12.31
2 乙(河北)认证有限公司 合作协议 2022.1.1 2023.12.31
3 乙 (河北) 认证有限公司 续签协议 2024.1.1 2026.12.31
4 丙律师事务所 框架协议 2020.5.1 长期
5 丁会计师事务所 合作协议 2023.1.1 2025.12.31
6 戊担保有限公司 合作协议 2022.1.1 2024.12.31
7 己科技有限公司 合作协议 2026.3.2 2028.3.1`)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			list, err := Extract(c.doc)
			if err != nil {
				t.Fatal(err)
			}
			got := Count(list, 2025, day("2026-03-01"))
			if want := "甲检测有限公司,乙(河北)认证有限公司,丙律师事务所,丁会计师事务所"; strings.Join(got.Names, ",") != want {
				t.Errorf("names %v, want %s\nskipped %v\nlist %+v", got.Names, want, got.Skipped, list)
			}
		})
	}
}

func TestSameUSCCDifferentlyWritten(t *testing.T) {
	list := []Partner{
		{Name: "河北甲认证有限公司", USCC: "91130105MAD28A3885", Signed: day("2024-01-01"), ValidUntil: day("2026-01-01")},
		{Name: "河北省甲认证有限公司", USCC: "91130105MAD28A3885", Signed: day("2025-01-01"), ValidUntil: day("2027-01-01")},
	}
	if got := Count(list, 2025, day("2026-03-01")); got.Count != 1 {
		t.Errorf("count %d, want 1", got.Count)
	}
}

func TestMergedCells(t *testing.T) {
	text := `序号 合作机构名称 协议名称 签订日期 有效期至
1 甲检测有限公司 战略合作协议 2024.1.1 2026.12.31
2 丙律师事务所 框架协议 2020.5.1 长期`
	d := extractorstest.TextDoc(text)
	for i, l := range d.Pages[0].Lines {
		d.Pages[0].Lines[i] = parse.Norm(l)
	}
	list, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "甲检测有限公司" || !list[1].ValidUntil.Equal(parse.OpenEnd()) {
		t.Errorf("list %+v", list)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("序号 合作机构名称 统一社会信用代码 协议名称 签订日期 有效期至\n1 甲公司 91130105MAD28A3885 合作协议 2024.1.1 长期", "合作单位\t协议签订日期\t合作期限\n甲\t45000\t3年")
	f.Add("机构名称 有效期\n甲 2024.1.1-", "机构名称\t有效期\n\t\n合计")
	f.Fuzz(func(t *testing.T, text, cells string) {
		var rows [][]string
		for _, l := range strings.Split(cells, "\n") {
			rows = append(rows, strings.Split(l, "\t"))
		}
		for _, d := range []*extractors.Doc{extractorstest.TextDoc(text), extractorstest.SheetDoc(rows...)} {
			list, _ := Extract(d)
			Count(list, 2025, day("2026-03-01"))
		}
	})
}

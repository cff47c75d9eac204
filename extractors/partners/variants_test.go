package partners

import (
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
)

// TestHeaderVariants: partner lists headed in wordings the samples do not
// use. Year 2025, R 2026-03-01: 甲 (2024.5.1-2027.4.30, renewed), 乙 (长期)
// and 丁 (三年 from 2025-03-01) count; 丙 ended 2024-12-31, 戊 signed after R.
func TestHeaderVariants(t *testing.T) {
	type hdr struct{ name, signed, term string }
	hdrs := []hdr{
		{"合作单位", "协议签订时间", "协议期限"},
		{"机构全称", "签订时间", "有效期"},
		{"合作机构全称", "签约时间", "合作期限"},
		{"合作单位全称", "协议签署日期", "协议有效期"},
		{"合作方", "签订日期", "有效期限"},
		{"合作机构（单位）名称", "协议签订日期", "合作年限"},
		{"单位名称", "签约日期", "期限"},
		{"服务机构名称", "协议签订日期", "协议有效期限"},
		{"合作伙伴", "签订日期", "合作期限"},
	}
	for _, h := range hdrs {
		for _, terms := range [][]string{
			{"2024.5.1-2027.4.30", "长期", "三年", "3年", "2年", "续签三年"},
			{"2024年5月1日至2027年4月30日", "长期有效", "3年", "三 年", "一年", "3年"},
			{"2024.05-2027.04", "无固定期限", "36个月", "3年", "1年", "3年"},
		} {
			d := extractorstest.SheetDoc(
				r("合作机构名单"),
				r("序号", h.name, "统一社会信用代码", "合作内容", h.signed, h.term, "备注"),
				r("1", "甲研究院", "", "技术合作", "2024.5.1", terms[0], ""),
				r("2", "乙大学", "", "人才培养", "2023-06-01", terms[1], ""),
				r("3", "丙检测中心", "", "检验检测", "45000", "", "已到期"),
				r("4", "丁银行", "", "融资", "2025年3月1日", terms[3], ""),
				r("5", "戊协会", "", "培训", "2026-05-01", terms[4], ""),
				r("6", "甲研究院", "", "续签", "2025-05-01", terms[5], ""),
			)
			// 丙: 45000 is 2023-03-15; give it a term ending in 2024
			d.Sheets[0].Rows[4][5] = "1年"
			list, err := Extract(d)
			if err != nil {
				t.Errorf("%v: %v", h, err)
				continue
			}
			got := Count(list, 2025, day("2026-03-01"))
			if got.Count != 3 {
				t.Errorf("%v %v: %d, want 3; %v", h, terms, got.Count, got.Skipped)
				for _, p := range list {
					t.Logf("  %+v", p)
				}
			}
		}
	}
}

// TestStartEndColumns: validity as start and end columns, end as a month.
func TestStartEndColumns(t *testing.T) {
	d := extractorstest.SheetDoc(
		r("序号", "合作机构", "协议起始时间", "协议截止时间"),
		r("1", "甲", "2024.1.1", "2026.12"),
		r("2", "乙", "2022.1", "2024.12"),
		r("3", "丙", "2025/6/1", "长期"),
	)
	list, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := Count(list, 2025, day("2026-03-01")); got.Count != 2 {
		t.Errorf("%d, want 2; %v %+v", got.Count, got.Skipped, list)
	}
}

// TestTextVariants: a PDF partner table with other headers.
func TestTextVariants(t *testing.T) {
	d := extractorstest.TextDoc(`合作机构名单
序号 合作单位 协议签订时间 协议期限
1 河北工业大学 2024.5.1 2024.5.1-2027.4.30
2 石家庄银行股份有限公司 2023-06-01 长期
3 河北省标准化研究院 2022-01-01 3年
4 唐山市质量协会 2025-03-01 3年`)
	list, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := Count(list, 2025, day("2026-03-01")); got.Count != 3 {
		t.Errorf("%d, want 3; %v %+v", got.Count, got.Skipped, list)
	}
}

// TestBareTermUnitInHeader: a term column holding bare numbers, its unit in
// the header (合作期限（年）, 合作年限, 期限(月)).
func TestBareTermUnitInHeader(t *testing.T) {
	for _, c := range []struct {
		header string
		terms  [3]string
		want   int
	}{
		// 甲 signed 2022-03-01: 3 years reach 2025, 2 do not; 乙 signed
		// 2023-06-01; 丙 signed 2021-01-01.
		{"合作期限（年）", [3]string{"3", "2", "5"}, 3},
		{"合作期限（年）", [3]string{"2", "2", "3"}, 1},
		{"合作年限", [3]string{"叁", "贰", "伍"}, 3},
		{"期限(月)", [3]string{"36", "24", "60"}, 3},
		{"期限(月)", [3]string{"24", "12", "36"}, 0},
	} {
		d := extractorstest.SheetDoc(
			r("序号", "合作机构名称", "协议签订日期", c.header),
			r("1", "甲研究院", "2022-03-01", c.terms[0]),
			r("2", "乙大学", "2023-06-01", c.terms[1]),
			r("3", "丙中心", "2021-01-01", c.terms[2]),
		)
		list, err := Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := Count(list, 2025, day("2026-03-01")); got.Count != c.want {
			t.Errorf("%s %v: %d, want %d; %v", c.header, c.terms, got.Count, c.want, got.Skipped)
		}
	}
}

// TestTextRowsByContent: rows of a PDF partner list whose cells the layout
// spread or left out are read by what each column holds: a term printed
// next to the name, a code in groups, dates in spaced pieces, an empty
// 备注 column.
func TestTextRowsByContent(t *testing.T) {
	const code = "91130105MAD28A3885"
	d := extractorstest.TextDoc(`合作机构名单
序号 备注 有效期 签订日期 协议名称 统一社会信用代码 合作单位名称
1 4年 2022 年 2 月 5 日 合作协议 911301 05MAD2 8A3885 河北瑞丰咨询有限责任公司
2 3年 2021.10.10 合作框架协议 ` + code + ` 邯郸正元科技有限公司`)
	list, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	want := []Partner{
		{Name: "河北瑞丰咨询有限责任公司", USCC: code, Agreement: "合作协议", Signed: day("2022-02-05"), ValidUntil: day("2026-02-04")},
		{Name: "邯郸正元科技有限公司", USCC: code, Agreement: "合作框架协议", Signed: day("2021-10-10"), ValidUntil: day("2024-10-09")},
	}
	if len(list) != len(want) {
		t.Fatalf("%d partners, want %d: %+v", len(list), len(want), list)
	}
	for i, w := range want {
		g := list[i]
		g.Evidence = extractors.Evidence{}
		if g != w {
			t.Errorf("row %d: %+v, want %+v", i+1, g, w)
		}
	}
}

package audit

import (
	"slices"
	"testing"
)

func TestHeadingRoles(t *testing.T) {
	const c, p, s = roleCur, rolePrior, roleSkip
	for _, tc := range []struct {
		line string
		ocr  bool
		want []int // kinds; nil: no reading
	}{
		{"项目 期末余额 上年年末余额", false, []int{c, p}},
		{"项目 年初数 期末数", false, []int{p, c}},
		{"项目 行次 本月数 本年累计数 上年同期累计数", false, []int{s, c, p}},
		{"项目年初余额期末余额", false, []int{p, c}},
		{"项 目 本 期 金 额 上 期 金 额", false, []int{c, p}},
		{"项目 本年数 上年数", false, []int{c, p}},
		// OCR: 末 read as 未; the other heading settles its meaning
		{"项目 年初数 期未数", true, []int{p, c}},
		{"项目 期未数 年初数", true, []int{c, p}},
		{"项目 期末余额 上年年未余额", true, []int{c, p}},
		{"项目 期未数 期初数", true, []int{c, p}},
		// without OCR a misread word is no heading
		{"项目 年初数 期未数", false, []int{p}},
		// two misread headings cannot be told apart
		{"项目 期未数 期未数", true, nil},
	} {
		var got []int
		roles := headingRoles(tc.line, tc.ocr)
		for _, r := range roles {
			got = append(got, r.kind)
		}
		if !slices.Equal(got, tc.want) || (roles == nil) != (tc.want == nil) {
			t.Errorf("headingRoles(%q, %v) = %v, want %v", tc.line, tc.ocr, got, tc.want)
		}
	}
}

func TestCanonAmount(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"9,.769,956.66", "9769956.66"},
		{"6.997,969.29", "6997969.29"},
		{"1276,108.27", "1276108.27"},
		{"16.38,", "16.38"},
		{"-1078,588.73", "-1078588.73"},
		{"(7.967.18)", "(7967.18)"},
		{"3,049,683.41", "3,049,683.41"},
		{"0.00", "0.00"},
		{"2025年", "2025年"},
		{"1.5", "1.5"},
		{"12.345", "12.345"},
	} {
		if got := canonAmount(tc.in); got != tc.want {
			t.Errorf("canonAmount(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLabels(t *testing.T) {
	for _, tc := range []struct {
		class, raw string
		exact, ocr bool
	}{
		{labTotalAssets, "资产总计", true, true},
		{labTotalAssets, "资 产 合 计", true, true},
		{labNetAssets, "所有者权益（或股东权益）合计", true, true},
		{labNetAssets, "净资产合计", true, true},
		{labNetProfit, "四、净利润（净亏损以“－”号填列）", true, true},
		{labNetProfit, "本年盈余", true, true},
		{labNetProfit, "四、净利省", false, true},
		{labTotalAssets, "资产总汁", false, true},
		{labLiabEq, "负债和所有者权益（或股东权益）总计", true, true},
		// a misread first character, or a label of another class, is not read
		{labNetProfit, "毛利润", false, false},
		{labTotalAssets, "负债合计", false, false},
		{labLiab, "负债合汁", false, true},
		{labNetAssets, "负债合计", false, false},
	} {
		if got := isLabel(tc.class, tc.raw); got != tc.exact {
			t.Errorf("isLabel(%s, %q) = %v", tc.class, tc.raw, got)
		}
		if got := tc.exact || isFuzzyLabel(tc.class, tc.raw); got != tc.ocr {
			t.Errorf("isFuzzyLabel(%s, %q) = %v", tc.class, tc.raw, got)
		}
	}
}

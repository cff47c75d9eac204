package parse

import "testing"

func TestFoldLookAlike(t *testing.T) {
	for _, tc := range []struct{ in, norm, compact string }{
		{"买买提·艾力", "买买提·艾力", "买买提.艾力"},
		{"买买提・艾力", "买买提·艾力", "买买提.艾力"},
		{"买买提‧艾力", "买买提·艾力", "买买提.艾力"},
		{"买买提•艾力", "买买提·艾力", "买买提.艾力"},
		{"买买提･艾力", "买买提·艾力", "买买提.艾力"},
		{"买买提∙艾力", "买买提·艾力", "买买提.艾力"},
		{"单位∶元", "单位:元", "单位:元"},
		{"−1,234.56", "-1,234.56", "-1,234.56"},
		{"2024‐2025", "2024-2025", "2024-2025"},
		{"甲―乙", "甲—乙", "甲—乙"},
		{"资产总计", "资产总计", "资产总计"},
	} {
		if got := Norm(tc.in); got != tc.norm {
			t.Errorf("Norm(%q) = %q, want %q", tc.in, got, tc.norm)
		}
		if got := Compact(tc.in); got != tc.compact {
			t.Errorf("Compact(%q) = %q, want %q", tc.in, got, tc.compact)
		}
		if got := FoldLookAlikes(tc.in); got != tc.norm && Norm(got) != tc.norm {
			t.Errorf("FoldLookAlikes(%q) = %q", tc.in, got)
		}
	}
}

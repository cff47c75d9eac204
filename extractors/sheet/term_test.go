package sheet

import (
	"fmt"
	"strings"
	"testing"

	"ruku/extractors"
)

func TestTerm(t *testing.T) {
	for _, c := range []struct {
		cell, header string
		y, m         int
		ok           bool
	}{
		{"3年", "合作期限", 3, 0, true},
		{"3 年", "", 3, 0, true},
		{"三年", "", 3, 0, true},
		{"叁年", "", 3, 0, true},
		{"两年", "", 2, 0, true},
		{"贰年", "聘期", 2, 0, true},
		{"拾年", "", 10, 0, true},
		{"十二个月", "", 0, 12, true},
		{"36个月", "", 0, 36, true},
		{"18月", "", 0, 18, true},
		{"３年", "", 3, 0, true},
		{"5周年", "", 5, 0, true},
		{"3", "合作期限（年）", 3, 0, true},
		{"3", "合作期限(年)", 3, 0, true},
		{"3", "合作年限", 3, 0, true},
		{"3", "协议期限/年", 3, 0, true},
		{"叁", "合作期限（年）", 3, 0, true},
		{"24", "聘期（月）", 0, 24, true},
		{"24", "合作期限（个月）", 0, 24, true},
		{"3", "合作期限", 0, 0, false}, // years or months? not read
		{"3", "", 0, 0, false},
		{"", "合作期限（年）", 0, 0, false},
		{"长期", "合作期限（年）", 0, 0, false},
		{"2023年", "", 0, 0, false},
		{"1.5年", "", 0, 0, false},
		{"0", "合作期限（年）", 0, 0, false},
		{"500", "合作期限（年）", 0, 0, false},
		{"44619", "合作期限（年）", 0, 0, false},
		{"3.5", "合作期限（年）", 0, 0, false},
	} {
		y, m, ok := Term(c.cell, c.header)
		if y != c.y || m != c.m || ok != c.ok {
			t.Errorf("Term(%q, %q) = %d, %d, %v; want %d, %d, %v", c.cell, c.header, y, m, ok, c.y, c.m, c.ok)
		}
	}
}

// TestTermForms writes every count of 1 to 10 years and months in every
// numeral form, with the unit in the cell or in the header.
func TestTermForms(t *testing.T) {
	arabic := func(n int) string { return fmt.Sprint(n) }
	wide := func(n int) string {
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, fmt.Sprint(n))
	}
	lower := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	capital := []string{"", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "拾"}
	forms := []func(int) string{arabic, wide, func(n int) string { return lower[n] }, func(n int) string { return capital[n] }}
	n := 0
	for v := 1; v <= 10; v++ {
		for _, f := range forms {
			for _, u := range []struct {
				cell, header string
				months       bool
			}{{"年", "", false}, {"个月", "", true}, {"", "合作期限（年）", false}, {"", "聘期(月)", true}, {" 年", "期限", false}} {
				y, m, ok := Term(f(v)+u.cell, u.header)
				wy, wm := v, 0
				if u.months {
					wy, wm = 0, v
				}
				if !ok || y != wy || m != wm {
					t.Errorf("Term(%q, %q) = %d, %d, %v; want %d, %d", f(v)+u.cell, u.header, y, m, ok, wy, wm)
				}
				n++
			}
		}
	}
	if n != 200 {
		t.Fatalf("%d forms", n)
	}
}

func FuzzTerm(f *testing.F) {
	for _, s := range []string{"3年", "叁", "36个月", "2023年", "1.5年", "十二个月"} {
		f.Add(s, "合作期限（年）")
	}
	f.Fuzz(func(t *testing.T, cell, header string) {
		y, m, ok := Term(cell, header)
		if ok && (y < 0 || m < 0 || y > 100 || m > 100 || y+m == 0) {
			t.Errorf("Term(%q, %q) = %d, %d", cell, header, y, m)
		}
	})
}

// TestSectionAndTitle: a table's title rows are kept as its Title, and
// section rows inside it are not data.
func TestSectionAndTitle(t *testing.T) {
	s := extractors.Sheet{Name: "专家", Rows: [][]string{
		{"附件3"},
		{"合作专家情况表"},
		{"序号", "姓名", "职称", "工作单位"},
		{"", "一、续聘专家"},
		{"1", "张三", "教授", "河北大学"},
		{"二、新聘专家"},
		{"2", "李四", "讲师", "燕山大学"},
		{"合计", "2人"},
	}}
	tb, err := FindTable([]extractors.Sheet{s}, []Column{
		{Key: "name", Names: []string{"姓名"}, Required: true},
		{Key: "title", Names: []string{"职称"}},
		{Key: "employer", Names: []string{"工作单位"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if tb.Title != "附件3 合作专家情况表" {
		t.Errorf("title %q", tb.Title)
	}
	var names []string
	for _, r := range tb.Rows {
		names = append(names, tb.Cell(r, "name"))
	}
	if strings.Join(names, ",") != "张三,李四" {
		t.Errorf("rows %v", names)
	}
}

package parse

import (
	"testing"
	"time"
)

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"审 计 报 告", "审计报告"},
		{"资   产  总 计   1,157.60", "资产总计 1,157.60"},
		{"２０２４年３月１日", "2024年3月1日"},
		{"主体名称：河北 X 公司", "主体名称:河北 X 公司"},
		{"  a\u3000b  ", "a b"},
	}
	for _, tt := range tests {
		if got := Norm(tt.in); got != tt.want {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1,234,567.89", 1234567.89, true},
		{"1157.60万元", 11576000, true},
		{"人民币600万元", 6000000, true},
		{"５，０００元", 5000, true},
		{"(413,687.36)", -413687.36, true},
		{"-223,200.00", -223200, true},
		{"贰佰叁拾万元整", 2300000, true},
		{"壹仟贰佰叁拾肆元伍角陆分", 1234.56, true},
		{"贰拾壹万肆仟陆佰元整", 214600, true},
		{"无", 0, false},
	}
	for _, tt := range tests {
		got, ok := Amount(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("Amount(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDates(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want []time.Time
	}{
		{"租赁期限自 2026 年 07 月 06 日起至 2028 年 07 月 05 日止", []time.Time{d(2026, 7, 6), d(2028, 7, 5)}},
		{"2024-03-01", []time.Time{d(2024, 3, 1)}},
		{"2024.3.1 至 2027/2/28", []time.Time{d(2024, 3, 1), d(2027, 2, 28)}},
		{"二〇二四年三月十一日", []time.Time{d(2024, 3, 11)}},
		{"查询时间 : 2026-08-08 09:50:41", []time.Time{d(2026, 8, 8)}},
		{"20240301", []time.Time{d(2024, 3, 1)}},
		{"2025-01-01至2027-12-31", []time.Time{d(2025, 1, 1), d(2027, 12, 31)}},
		{"期限2025.1.1-2027.12.31", []time.Time{d(2025, 1, 1), d(2027, 12, 31)}},
		{"2024-02-30", nil},
		{"1,011.86", nil},
	}
	for _, tt := range tests {
		got := Dates(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("Dates(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if !got[i].Equal(tt.want[i]) {
				t.Errorf("Dates(%q)[%d] = %v, want %v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
}

func TestChineseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"二〇二四", 2024}, {"十二", 12}, {"贰佰叁拾万", 2300000}, {"一亿零五万", 100050000}, {"三十一", 31},
	}
	for _, tt := range tests {
		if got, ok := ChineseInt(tt.in); !ok || got != tt.want {
			t.Errorf("ChineseInt(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2024年3月1日", "1,234.5万元", "贰佰万元整", "(12)", "二〇二四年三月一日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Norm(s)
		Compact(s)
		Amount(s)
		Numbers(s)
		Dates(s)
		ChineseInt(s)
	})
}

func TestTerm(t *testing.T) {
	tests := []struct {
		in     string
		y, m   int
		wantOK bool
	}{{"3年", 3, 0, true}, {"合作期限 三年", 3, 0, true}, {"36个月", 0, 36, true}, {"两年", 2, 0, true}, {"长期", 0, 0, false}}
	for _, tt := range tests {
		y, m, ok := Term(tt.in)
		if y != tt.y || m != tt.m || ok != tt.wantOK {
			t.Errorf("Term(%q) = %d, %d, %v", tt.in, y, m, ok)
		}
	}
	if !OpenEnded("长期有效") || !OpenEnded("至今") || OpenEnded("2027-12-31") {
		t.Error("OpenEnded")
	}
}

func TestRangeAndMonth(t *testing.T) {
	d := func(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }
	s, e, ok := Range("聘期 2024.1-2026.12")
	if !ok || !s.Equal(d(2024, 1, 1)) || !e.Equal(d(2026, 12, 31)) {
		t.Errorf("Range month-only = %v %v %v", s, e, ok)
	}
	s, e, ok = Range("2023年3月1日至2026年2月28日")
	if !ok || !s.Equal(d(2023, 3, 1)) || !e.Equal(d(2026, 2, 28)) {
		t.Errorf("Range days = %v %v %v", s, e, ok)
	}
	if _, _, ok := Range("2026.12-2024.1"); ok {
		t.Error("a range that ends before it starts must be refused")
	}
	if m, ok := Month("2024年2月", true); !ok || !m.Equal(d(2024, 2, 29)) {
		t.Errorf("Month last = %v %v", m, ok)
	}
}

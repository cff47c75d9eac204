package fields

import (
	"fmt"
	"strings"
	"testing"
)

var testSet = New([]Field{
	{Key: "name", Words: []string{"机构名称", "名称", "企业名称"}},
	{Key: "rep", Words: []string{"法定代表人", "法定代表人姓名", "负责人"}},
	{Key: "est", Words: []string{"成立日期"}},
	{Key: "assets", Words: []string{"总资产"}},
	{Words: []string{"联系电话", "专家", "其中"}}, // stop labels
})

// hits renders the hits of lines as key=value;…, notes in brackets.
func hits(lines []string) string {
	var out []string
	for _, h := range testSet.Lines(lines) {
		s := h.Key + "=" + h.Value
		if h.Note != "" {
			s += "(" + h.Note + ")"
		}
		if h.VLine != h.Line {
			s += "↓"
		}
		out = append(out, s)
	}
	return strings.Join(out, ";")
}

func TestLines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"colon", []string{"机构名称：河北某某有限公司"}, "name=河北某某有限公司"},
		{"ascii colon", []string{"机构名称: 河北某某有限公司"}, "name=河北某某有限公司"},
		{"ratio colon", []string{"机构名称∶河北某某有限公司"}, "name=河北某某有限公司"},
		{"space", []string{"机构名称 河北某某有限公司"}, "name=河北某某有限公司"},
		{"glued", []string{"机构名称河北某某有限公司"}, "name=河北某某有限公司"},
		{"letter-spaced", []string{"机 构 名 称：河北某某有限公司"}, "name=河北某某有限公司"},
		{"ideographic", []string{"机\u3000构\u3000名\u3000称\u3000河北某某有限公司"}, "name=河北某某有限公司"},
		{"longest label", []string{"法定代表人姓名：张伟"}, "rep=张伟"},
		{"note", []string{"法定代表人（负责人）：张伟"}, "rep=张伟(负责人)"},
		{"note glued", []string{"总资产(万元)486.32"}, "assets=486.32(万元)"},
		{"two notes", []string{"总资产（自有或租赁）（万元）：486.32"}, "assets=486.32(自有或租赁 万元)"},
		{"stop label runs on", []string{"负责人    专家团队人数", "张伟    12"}, "rep=张伟↓"},
		{"stop label over a colon", []string{"负责人 其中：副高级以上", "张伟 12"}, "rep=张伟↓"},
		{"two a line", []string{"法定代表人：张伟    成立日期：2001年3月28日"}, "rep=张伟;est=2001年3月28日"},
		{"two a line glued", []string{"法定代表人张伟 成立日期2001年3月28日"}, "rep=张伟;est=2001年3月28日"},
		{"stop label", []string{"负责人：张伟 联系电话：0311-1234567"}, "rep=张伟"},
		{"stop figure", []string{"法定代表人：陈洋    专家总数：24"}, "rep=陈洋"},
		{"next line", []string{"机构名称：", "河北某某有限公司"}, "name=河北某某有限公司↓"},
		{"next line two", []string{"机构名称：    法定代表人：", "河北某某有限公司    张伟"}, "name=河北某某有限公司↓;rep=张伟↓"},
		{"header row", []string{"机构名称 法定代表人 成立日期", "河北某某有限公司 张伟 2024 年 3 月 5 日"}, "name=河北某某有限公司↓;rep=张伟↓;est=2024 年 3 月 5 日↓"},
		{"header row with stop", []string{"法定代表人 联系电话", "张伟 13800000000"}, "rep=张伟↓"},
		{"header row mismatch", []string{"机构名称 法定代表人", "河北 某某 有限公司 张伟"}, "name=;rep="},
		{"label below is not a value", []string{"机构名称：", "法定代表人：张伟"}, "name=;rep=张伟"},
		{"short label inside a word", []string{"企业名称：某某名称研究院"}, "name=某某名称研究院"},
		{"short label needs a boundary", []string{"服务名称：x"}, ""},
		{"no label", []string{"本单位承诺所填内容真实有效。"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hits(tc.lines); got != tc.want {
				t.Errorf("%q: got %q, want %q", tc.lines, got, tc.want)
			}
		})
	}
}

func TestCell(t *testing.T) {
	for _, tc := range []struct {
		cell, want string
		label      bool
	}{
		{"企业名称：河北某某有限公司", "name:河北某某有限公司", false},
		{"法定代表人（负责人）", "rep:", true},
		{"总资产（单位：万元）", "assets:", true},
		{"名 称", "name:", true},
		{"河北某某有限公司", "", false},
		{"  机构名称 河北某某有限公司 法定代表人 张伟", "name:河北某某有限公司", false},
	} {
		l, v, ok := testSet.Cell(tc.cell)
		got := ""
		if ok {
			got = l.Key + ":" + v
		}
		if got != tc.want || testSet.IsLabel(tc.cell) != tc.label {
			t.Errorf("%q: got %q label %v, want %q label %v", tc.cell, got, testSet.IsLabel(tc.cell), tc.want, tc.label)
		}
	}
}

func TestColumns(t *testing.T) {
	for _, tc := range []struct {
		row  string
		n    int
		want string
	}{
		{"a  b c", 2, "[a b c]"},
		{"a b c", 3, "[a b c]"},
		{"2024 年 3 月 5 日 41", 2, "[2024 年 3 月 5 日 41]"},
		{"41 24", 2, "[41 24]"},
		{"41 24", 1, "[]"},
		{"2024 年 3 月 5 日", 1, "[2024 年 3 月 5 日]"},
		{"河北某某有限公司", 1, "[河北某某有限公司]"},
		{"a b c", 2, "[]"},
		{"", 1, "[]"},
	} {
		if got := fmt.Sprint(Columns(tc.row, tc.n)); got != tc.want {
			t.Errorf("Columns(%q, %d) = %s, want %s", tc.row, tc.n, got, tc.want)
		}
	}
}

func TestRows(t *testing.T) {
	rows, from := testSet.Rows([]string{"标题", "机构名称    专家人数（人）", "河北某某有限公司    12", "总资产：12"})
	want := []string{"标题", "机构名称 河北某某有限公司    专家人数(人) 12", "总资产:12"}
	if fmt.Sprint(rows) != fmt.Sprint(want) || fmt.Sprint(from) != "[0 1 3]" {
		t.Errorf("Rows = %q %v, want %q [0 1 3]", rows, from, want)
	}
}

func TestUnspace(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"总 资 产 ( 元 ) :12", "总资产(元):12"},
		{"总 资 产 (元):12", "总资产(元):12"},
		{"总 资 产 12", "总资产 12"},
		{"法 定 代 表 人张伟    专 家 总 数 41", "法定代表人张伟    专家总数 41"},
		{"2024 年 3 月 5 日", "2024 年 3 月 5 日"},
		{"名    称 河北", "名    称 河北"},
		{"码 间", "码间"},
		{"机构名称 河北某某有限公司", "机构名称 河北某某有限公司"},
		{"", ""},
	} {
		if got := Unspace(tc.in); got != tc.want {
			t.Errorf("Unspace(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEmptySet(t *testing.T) {
	if ls := New(nil).Labels("机构名称：x"); ls != nil {
		t.Errorf("empty set found %v", ls)
	}
}

// FuzzLines checks that Lines never panics and that every value it returns
// is a piece of the folded text of its line.
func FuzzLines(f *testing.F) {
	f.Add("机构名称：河北某某有限公司\n法定代表人（负责人）张伟  成立日期2024 年 3 月 5 日")
	f.Add("机构名称 法定代表人\n河北 张伟")
	f.Add("总 资 产（万元）：12\n(\n:")
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		for _, h := range testSet.Lines(lines) {
			if h.VLine < 0 || h.VLine >= len(lines) || h.Line < 0 || h.Line >= len(lines) {
				t.Fatalf("hit %+v out of the lines", h)
			}
			if h.Value != "" && !strings.Contains(strings.Join(strings.Fields(Fold(lines[h.VLine])), " "), strings.Join(strings.Fields(h.Value), " ")) {
				t.Fatalf("value %q is not in line %q", h.Value, lines[h.VLine])
			}
		}
		for _, l := range lines {
			testSet.Cell(l)
			if u := Unspace(l); strings.ReplaceAll(u, " ", "") != strings.ReplaceAll(l, " ", "") {
				t.Fatalf("Unspace(%q) = %q changed more than spaces", l, u)
			}
		}
	})
}

func TestAnywhere(t *testing.T) {
	any := testSet.Anywhere()
	for _, tc := range []struct {
		line      string
		want, std string
	}{
		{"名称河北某某有限公司负责人张伟", "name=河北某某有限公司;rep=张伟", "name=河北某某有限公司负责人张伟"},
		{"总资产12负责人(经理)张伟", "assets=12;rep=张伟(经理)", "assets=12负责人(经理)张伟"},
		{"名称河北某某有限公司法定代表人张伟", "name=河北某某有限公司;rep=张伟", "name=河北某某有限公司;rep=张伟"},
		{"服务名称x", "name=x", ""},
		{"机构名称河北", "name=河北", "name=河北"},
		{"无标签", "", ""},
	} {
		for _, s := range []struct {
			set  *Set
			want string
		}{{any, tc.want}, {testSet, tc.std}} {
			var got []string
			ls := s.set.Labels(tc.line)
			for i, l := range ls {
				end := len(tc.line)
				if i+1 < len(ls) {
					end = ls[i+1].Start
				}
				h := l.Key + "=" + tc.line[l.End:end]
				if l.Note != "" {
					h += "(" + l.Note + ")"
				}
				got = append(got, h)
			}
			if g := strings.Join(got, ";"); g != s.want {
				t.Errorf("%q (anywhere %v): got %q, want %q", tc.line, s.set.anywhere, g, s.want)
			}
		}
	}
	if testSet.anywhere {
		t.Error("Anywhere changed the set it copies")
	}
}

func TestColon(t *testing.T) {
	for _, tc := range []struct {
		line string
		want string
	}{
		{"机构名称：河北", "true"},
		{"机构名称（全称） : 河北", "true"},
		{"机构名称 河北", "false"},
		{"机构名称河北 法定代表人:张伟", "false true"},
	} {
		var got []string
		for _, l := range testSet.Labels(Fold(tc.line)) {
			got = append(got, fmt.Sprint(l.Colon))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%q: colons %q, want %q", tc.line, g, tc.want)
		}
	}
}

func TestNext(t *testing.T) {
	line := Fold("总资产（法定代表人）12 成立日期：2001")
	var got []string
	for l, ok := testSet.Next(line, 0); ok; l, ok = testSet.Next(line, l.Start+len(l.Word)) {
		got = append(got, l.Key+"@"+line[l.Start:l.Start+len(l.Word)])
	}
	// Labels reads the note as the label's; Next from the word's end finds
	// the label inside it
	if g := strings.Join(got, " "); g != "assets@总资产 rep@法定代表人 est@成立日期" {
		t.Errorf("Next: %q", g)
	}
	if ls := testSet.Labels(line); len(ls) != 2 || ls[0].Note != "法定代表人" {
		t.Errorf("Labels: %+v", ls)
	}
	if _, ok := testSet.Next(line, len(line)); ok {
		t.Error("Next found a label past the line's end")
	}
}

package locate

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"ruku/extractors"
)

// grid is a page whose lines have a box per rune: rune k of line i spans
// x from k/100 to (k+1)/100 and y from i/10 to i/10 + 0.05. Spaces have
// no box, as gaps.
func grid(lines ...string) *extractors.Page {
	p := &extractors.Page{Number: 1, Method: extractors.MethodText, Lines: lines}
	for i, l := range lines {
		var bs []extractors.Box
		for k, r := range []rune(l) {
			if r == ' ' {
				bs = append(bs, extractors.Box{})
				continue
			}
			bs = append(bs, extractors.Box{X0: float32(k) / 100, Y0: float32(i) / 10, X1: float32(k+1) / 100, Y1: float32(i)/10 + 0.05})
		}
		p.Boxes = append(p.Boxes, bs)
	}
	return p
}

// span is the rounded box of runes from..to of line i of a grid.
func span(i, from, to int) extractors.Box {
	return extractors.Box{X0: float32(from) / 100, Y0: float32(i) / 10, X1: float32(to) / 100, Y1: float32(i)/10 + 0.05}.Rounded()
}

func TestQuote(t *testing.T) {
	page := grid(
		"营业执照",
		"统一社会信用代码 91130104MA72G7U680",
		"服务类别及内容",
		"服务类别",
		"所有者权益合计 59 894.35 827.36",
		"我们认为,后附的财务报表在所有重大方面按照企业会计准则的规定编制,",
		"公允反映了贵公司2024年12月31日的财务状况",
		"注册资本                100万元",
	)
	long := page.Lines[5] + page.Lines[6]
	tests := []struct {
		name    string
		snippet string
		want    []extractors.Box
	}{
		{"whole line", "营业执照", []extractors.Box{span(0, 0, 4)}},
		{"a line equal to the quote wins over one holding it", "服务类别", []extractors.Box{span(3, 0, 4)}},
		{"part of a line", "91130104MA72G7U680", []extractors.Box{span(1, 9, 27)}},
		{"spaces ignored", "统一社会信用代码91130104MA72G7U680", []extractors.Box{span(1, 0, 27)}},
		{"full-width and look-alike forms", "统一社会信用代码　９１１３０１０４ＭＡ７２Ｇ７Ｕ６８０", []extractors.Box{span(1, 0, 27)}},
		{"label … line", "所有者权益(或股东权益)合计 … 所有者权益合计 59 894.35 827.36", []extractors.Box{span(4, 0, 24)}},
		{"label found too", "营业执照 … 服务类别及内容", []extractors.Box{span(0, 0, 4), span(2, 0, 7)}},
		{"two lines joined with /", "营业执照 / 服务类别", []extractors.Box{span(0, 0, 4), span(3, 0, 4)}},
		{"clipped, running on to the next line", string([]rune(long)[:40]) + "…", []extractors.Box{span(5, 0, 33), span(6, 0, 7)}},
		{"across a line break", "规定编制,公允反映", []extractors.Box{span(5, 28, 33), span(6, 0, 4)}},
		{"columns apart", "注册资本 100万元", []extractors.Box{span(7, 0, 4), span(7, 20, 25)}},
		{"a label far from its line is not highlighted", "统一社会信用代码 … 注册资本 100万元", []extractors.Box{span(7, 0, 4), span(7, 20, 25)}},
		{"of two places of a label, the one nearer its line", "财务 … 注册资本 100万元", []extractors.Box{span(6, 20, 22), span(7, 0, 4), span(7, 20, 25)}},
		{"not on the page", "无相关记录", nil},
		{"empty", " ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Quote(page, tt.snippet)
			if len(got) != len(tt.want) {
				t.Fatalf("Quote(%q) = %+v, want %+v", tt.snippet, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("Quote(%q)[%d] = %+v, want %+v", tt.snippet, i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestQuoteWithoutCharacterBoxes(t *testing.T) {
	p := &extractors.Page{Lines: []string{"暂无数据", "查询结果:0条"}, Boxes: [][]extractors.Box{nil, {{X0: 0.1, Y0: 0.2, X1: 0.5, Y1: 0.25}}}}
	if got := Quote(p, "暂无数据"); got != nil {
		t.Errorf("a line without boxes: %+v", got)
	}
	if got := Quote(p, "0条"); len(got) != 1 || got[0] != (extractors.Box{X0: 0.1, Y0: 0.2, X1: 0.5, Y1: 0.25}) {
		t.Errorf("a line with one box: %+v", got)
	}
	p.Boxes = nil
	if got := Quote(p, "暂无数据"); got != nil {
		t.Errorf("a page without boxes: %+v", got)
	}
	if got := Quote(nil, "暂无数据"); got != nil {
		t.Errorf("no page: %+v", got)
	}
}

func FuzzQuote(f *testing.F) {
	f.Add("营业执照\n统一社会信用代码 9113", "代码 91")
	f.Add("a / b\nc … d", "a / b … c")
	f.Add("①②\n㈱ＡＢ", "1 … (株)")
	f.Add("\u0301e\u0301", "é…")
	f.Fuzz(func(t *testing.T, text, snippet string) {
		if !utf8.ValidString(text) || len(text) > 4096 {
			return
		}
		lines := splitLines(text)
		if len(lines) > 9 || len(snippet) > 4096 {
			return
		}
		for _, l := range lines {
			if utf8.RuneCountInString(l) > 99 {
				return // the grid is 100 runes wide
			}
		}
		p := grid(lines...)
		for _, b := range Quote(p, snippet) {
			if b.IsZero() || b.X0 < 0 || b.Y0 < 0 || b.X1 > 1 || b.Y1 > 1 || b.X0 > b.X1 || b.Y0 > b.Y1 {
				t.Fatalf("Quote(%q) on %q: box %+v", snippet, lines, b)
			}
		}
		// a whole line with a visible character is found
		for i, l := range lines {
			if reduce(l) != "" && hasBox(p.Boxes[i]) && reduce(l) == l {
				if len(Quote(p, l)) == 0 {
					t.Fatalf("line %q of %q not found", l, lines)
				}
			}
		}
	})
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func hasBox(bs []extractors.Box) bool {
	for _, b := range bs {
		if !b.IsZero() {
			return true
		}
	}
	return false
}

// BenchmarkQuote prepares a page of 60 lines of 40 characters and locates
// a quote on its last line, as the pipeline does for each evidence.
func BenchmarkQuote(b *testing.B) {
	var lines []string
	for i := 0; i < 60; i++ {
		lines = append(lines, fmt.Sprintf("第%02d行 所有者权益(或股东权益)合计 59 894.35 827.36 河北冀联", i))
	}
	p := grid(lines[:9]...)
	for i := 9; i < len(lines); i++ { // the grid is 9 lines high: reuse its boxes
		p.Lines = append(p.Lines, lines[i])
		p.Boxes = append(p.Boxes, p.Boxes[i%9])
	}
	b.ReportAllocs()
	for b.Loop() {
		if New(p).Quote("第59行 所有者权益(或股东权益)合计 … 59 894.35") == nil {
			b.Fatal("not found")
		}
	}
}

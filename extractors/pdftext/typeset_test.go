package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// typesetGBKPDF is a page as typesetting systems export official
// documents: GB2312 bytes behind simple WinAnsi TrueType fonts named
// FangSong_GB2312 and 宋体, each character shown by its own Tj followed by
// a space byte and placed with Td, so that the advances the font's
// /Widths give (two bytes and a space) run past the next character. The
// first font gives every high byte a full em, the second half an em and
// the space byte half an em. ASCII digits are drawn the same way, half
// an em apart.
func typesetGBKPDF() []byte {
	w := &pdfWriter{}
	wide := func(space, ascii, high int) string {
		var b strings.Builder
		for c := 32; c <= 255; c++ {
			switch {
			case c == 32:
				fmt.Fprintf(&b, "%d ", space)
			case c < 128:
				fmt.Fprintf(&b, "%d ", ascii)
			default:
				fmt.Fprintf(&b, "%d ", high)
			}
		}
		return strings.TrimSpace(b.String())
	}
	f0 := w.add("<< /Type /Font /Subtype /TrueType /BaseFont /FangSong_GB2312 /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + wide(250, 500, 1000) + "] >>")
	f1 := w.add("<< /Type /Font /Subtype /TrueType /BaseFont /#CB#CE#CC#E5 /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + wide(500, 500, 500) + "] >>")
	// line shows s from (x, y) in font f at size, one Tj per character,
	// CJK characters step em apart (plus tracking) and ASCII half as far.
	line := func(f string, size, tracking, x, y float64, s string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "BT /%s %.1f Tf %.2f %.2f Td\n", f, size, x, y)
		first := true
		prev := 0.0
		for _, r := range s {
			if !first {
				fmt.Fprintf(&b, "%.2f 0 Td\n", prev)
			}
			first = false
			fmt.Fprintf(&b, "<%X20> Tj\n", gbkBytes(string(r)))
			prev = size + tracking
			if r < utf8.RuneSelf {
				prev = size / 2
			}
		}
		b.WriteString("ET\n")
		return b.String()
	}
	content := line("F0", 22, 11, 200, 780, "审计报告") +
		line("F0", 16, 0, 72, 740, "河北测试咨询服务有限公司全体股东：") +
		line("F0", 16, 0, 104, 716, "我们审计了贵公司财务报表，包括2025年12月31日的") +
		line("F0", 16, 0, 72, 692, "资产负债表，2025年度的利润表。") +
		line("F1", 12, 0, 72, 660, "签发人：张三　联系电话：0311-86001234") +
		line("F1", 12, 0, 72, 640, "买买提·艾力 主任")
	return onePage(w, []string{content}, map[string]int{"F0": f0, "F1": f1}, "", nil)
}

// type3PunctPDF is a page as some converters write FangSong text: the
// characters of each line in one string of a CID font, moved over the
// places of the punctuation with TJ offsets, and the punctuation drawn
// afterwards in a Type3 font at explicit positions, its origin where the
// mark is inked, a little below the baseline; the Type3 font's FontBBox
// holds only the marks, so that its em reads small. Its
// second line holds look-alike middle dots (U+2027, U+30FB, U+2022) in
// names.
func type3PunctPDF() []byte {
	w := &pdfWriter{}
	f := cidFont(w, "/UniGB-UCS2-H")
	punct := []rune("，。：、；“”（）·‧・•")
	var diffs, bf, widths strings.Builder
	diffs.WriteString("1")
	fmt.Fprintf(&bf, "%d beginbfchar\n", len(punct))
	for i, r := range punct {
		fmt.Fprintf(&diffs, " /p%d", i+1)
		fmt.Fprintf(&bf, "<%02X> <%X>\n", i+1, utf16be(string(r)))
		widths.WriteString("1000 ")
	}
	bf.WriteString("endbfchar\n")
	cmapText := "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /T3Punct def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" + bf.String() + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
	tu := w.add(stream("", []byte(cmapText), true))
	proc := w.add(stream("", []byte("1000 0 0 -120 300 200 d1 0 -120 300 320 re f"), false))
	var procs strings.Builder
	for i := range punct {
		fmt.Fprintf(&procs, "/p%d %d 0 R ", i+1, proc)
	}
	t3 := w.add(fmt.Sprintf("<< /Type /Font /Subtype /Type3 /Name /FangSong /FontBBox [0 -120 300 200] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << %s>> /Encoding << /Type /Encoding /Differences [%s] >> /FirstChar 1 /LastChar %d /Widths [%s] /ToUnicode %d 0 R /Resources << >> >>",
		procs.String(), diffs.String(), len(punct), strings.TrimSpace(widths.String()), tu))
	code := map[rune]int{}
	for i, r := range punct {
		code[r] = i + 1
	}
	var text, marks strings.Builder
	// lines: the text with its punctuation in place; the text goes out in
	// one TJ with a gap for each mark, the marks after every line.
	for i, l := range []string{
		"一、审计意见：我们认为，后附的财务报表公允反映了贵公司的财务状况。",
		"（二）签字注册会计师：买买提·艾力、阿依古丽‧吐尔逊、李・明、王•芳；",
		"“强调事项”段落不影响已发表的审计意见。",
	} {
		const size, x0 = 14.0, 60.0
		y := 760 - float64(i)*24
		var tj strings.Builder
		run := ""
		gap := 0
		flush := func() {
			if run != "" {
				if gap > 0 {
					fmt.Fprintf(&tj, "-%d", gap*1000)
				}
				fmt.Fprintf(&tj, "<%X>", utf16be(run))
				run, gap = "", 0
			}
		}
		for k, r := range []rune(l) {
			if c, ok := code[r]; ok {
				if run != "" {
					flush()
				}
				gap++
				fmt.Fprintf(&marks, "BT /T3 %.0f Tf %.2f %.2f Td <%02X> Tj ET\n", size, x0+float64(k)*size, y-1.5, c)
				continue
			}
			run += string(r)
		}
		flush()
		fmt.Fprintf(&text, "BT /F0 %.0f Tf %.2f %.2f Td [%s] TJ ET\n", size, x0, y, tj.String())
	}
	return onePage(w, []string{text.String() + marks.String()}, map[string]int{"F0": f, "T3": t3}, "", nil)
}

// TestGenerateTypeset writes typeset_gbk.pdf and type3_punct.pdf when run
// with -gen.
func TestGenerateTypeset(t *testing.T) {
	if !*gen {
		t.Skip("run with -gen to regenerate testdata PDFs")
	}
	must(t, os.WriteFile(filepath.Join("testdata", "typeset_gbk.pdf"), typesetGBKPDF(), 0o644))
	must(t, os.WriteFile(filepath.Join("testdata", "type3_punct.pdf"), type3PunctPDF(), 0o644))
}

// TestReadTypeset checks that characters placed one by one come out one
// line per printed line, punctuation drawn in a pass of its own in its
// place, and look-alike middle dots as one character.
func TestReadTypeset(t *testing.T) {
	tests := []struct {
		file string
		want []string // the page's lines, in order
	}{
		{"typeset_gbk.pdf", []string{
			"审计报告",
			"河北测试咨询服务有限公司全体股东:",
			"我们审计了贵公司财务报表,包括2025年12月31日的",
			"资产负债表,2025年度的利润表。",
			"签发人:张三 联系电话:0311-86001234",
			"买买提·艾力 主任",
		}},
		{"type3_punct.pdf", []string{
			"一、审计意见:我们认为,后附的财务报表公允反映了贵公司的财务状况。",
			"(二)签字注册会计师:买买提·艾力、阿依古丽·吐尔逊、李·明、王·芳;",
			"“强调事项”段落不影响已发表的审计意见。",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			pages := golden(t, tt.file)
			if len(pages) != 1 {
				t.Fatalf("%d pages", len(pages))
			}
			got := pages[0].Lines
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// typesetLine is a one-line page: text in a FangSong_GB2312 WinAnsi font
// whose high bytes are high/1000 em wide and space byte space/1000 em,
// each character its own Tj plus a space byte, placed step apart (ASCII
// half an em) with Td at size.
func typesetLine(text string, high, space int, size, step float64) []byte {
	w := &pdfWriter{}
	var widths strings.Builder
	for c := 32; c <= 255; c++ {
		switch {
		case c == 32:
			fmt.Fprintf(&widths, "%d ", space)
		case c < 128:
			widths.WriteString("500 ")
		default:
			fmt.Fprintf(&widths, "%d ", high)
		}
	}
	f := w.add("<< /Type /Font /Subtype /TrueType /BaseFont /FangSong_GB2312 /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + strings.TrimSpace(widths.String()) + "] >>")
	var b strings.Builder
	fmt.Fprintf(&b, "BT /F0 %.2f Tf 40 700 Td\n", size)
	prev := 0.0
	for i, r := range text {
		if i > 0 {
			fmt.Fprintf(&b, "%.2f 0 Td\n", prev)
		}
		fmt.Fprintf(&b, "<%X20> Tj\n", gbkBytes(string(r)))
		prev = step
		if r < utf8.RuneSelf {
			prev = size / 2
		}
	}
	b.WriteString("ET\n")
	return onePage(w, []string{b.String()}, map[string]int{"F0": f}, "", nil)
}

// TestTypesetVariants reads one line placed character by character under
// every combination of font widths, space byte width, size and tracking:
// it must come out as the one line it is, without spaces between the
// characters.
func TestTypesetVariants(t *testing.T) {
	const text = "资产总计2025年12月31日，负债：1,011.86元。"
	n := 0
	// each byte of a pair half an em (the pair one em) or more
	for _, high := range []int{500, 600, 1000, 1500} {
		for _, space := range []int{0, 250, 500, 1000} {
			for _, size := range []float64{9, 10.5, 16, 22} {
				for _, track := range []float64{0, 0.1, 0.25} {
					// characters whose advances fall short of the step
					// are letter-spaced: gaps a reader sees
					if float64(2*high) < (1+track)*1000 {
						continue
					}
					n++
					data := typesetLine(text, high, space, size, size*(1+track))
					pages, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)))
					if err != nil {
						t.Fatal(err)
					}
					want := normalize(text)
					if len(pages) != 1 || strings.Join(pages[0].Lines, "\n") != want {
						t.Errorf("high %d space %d size %.1f tracking %.2f: got %q, want %q", high, space, size, track, pages[0].Lines, want)
					}
				}
			}
		}
	}
	t.Logf("%d variants", n)
}

// punctLine is a one-line page: text in a CID font with a gap for each
// mark of marks, the marks drawn afterwards (or first, before) in a Type3
// font with FontBBox height bbox/1000 em, dy below the baseline.
func punctLine(text string, bbox int, dy float64, before bool) []byte {
	w := &pdfWriter{}
	f := cidFont(w, "/UniGB-UCS2-H")
	marks := []rune("，。：、；“”（）·")
	var diffs, bf, widths, procs strings.Builder
	diffs.WriteString("1")
	fmt.Fprintf(&bf, "%d beginbfchar\n", len(marks))
	proc := w.add(stream("", []byte("1000 0 0 0 300 200 d1 0 0 300 200 re f"), false))
	code := map[rune]int{}
	for i, r := range marks {
		code[r] = i + 1
		fmt.Fprintf(&diffs, " /p%d", i+1)
		fmt.Fprintf(&bf, "<%02X> <%X>\n", i+1, utf16be(string(r)))
		widths.WriteString("1000 ")
		fmt.Fprintf(&procs, "/p%d %d 0 R ", i+1, proc)
	}
	bf.WriteString("endbfchar\n")
	tu := w.add(stream("", []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"+bf.String()+"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"), true))
	t3 := w.add(fmt.Sprintf("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 %d] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << %s>> /Encoding << /Type /Encoding /Differences [%s] >> /FirstChar 1 /LastChar %d /Widths [%s] /ToUnicode %d 0 R /Resources << >> >>",
		bbox, procs.String(), diffs.String(), len(marks), strings.TrimSpace(widths.String()), tu))
	const size, x0, y = 12.0, 50.0, 700.0
	var tj, pm strings.Builder
	run, gap := "", 0
	flush := func() {
		if run == "" {
			return
		}
		if gap > 0 {
			fmt.Fprintf(&tj, "-%d", gap*1000)
		}
		fmt.Fprintf(&tj, "<%X>", utf16be(run))
		run, gap = "", 0
	}
	for k, r := range []rune(text) {
		if c, ok := code[r]; ok {
			flush()
			gap++
			fmt.Fprintf(&pm, "BT /T3 %.0f Tf %.2f %.2f Td <%02X> Tj ET\n", size, x0+float64(k)*size, y-dy, c)
			continue
		}
		run += string(r)
	}
	flush()
	body := fmt.Sprintf("BT /F0 %.0f Tf %.2f %.2f Td [%s] TJ ET\n", size, x0, y, tj.String())
	// a line of text above and below, a line apart
	body += fmt.Sprintf("BT /F0 %.0f Tf %.2f %.2f Td <%X> Tj ET\n", size, x0, y+2*size, utf16be("上一行文字"))
	body += fmt.Sprintf("BT /F0 %.0f Tf %.2f %.2f Td <%X> Tj ET\n", size, x0, y-2*size, utf16be("下一行文字"))
	if before {
		body = pm.String() + body
	} else {
		body += pm.String()
	}
	return onePage(w, []string{body}, map[string]int{"F0": f, "T3": t3}, "", nil)
}

// TestPunctVariants reads lines whose punctuation a converter drew in a
// pass of its own: before or after the text, its font's em small or
// whole, on the baseline or a little off it. The marks must come out in
// their places, and the lines above and below untouched.
func TestPunctVariants(t *testing.T) {
	const text = "（一）审计意见：我们认为，报表公允反映了财务状况、经营成果。"
	n := 0
	for _, bbox := range []int{0, 200, 320, 1000} {
		for _, dy := range []float64{-2.5, -1, 0, 1, 1.5, 3} {
			for _, before := range []bool{false, true} {
				n++
				data := punctLine(text, bbox, dy, before)
				pages, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)))
				if err != nil {
					t.Fatal(err)
				}
				want := []string{"上一行文字", normalize(text), "下一行文字"}
				if len(pages) != 1 || strings.Join(pages[0].Lines, "\n") != strings.Join(want, "\n") {
					t.Errorf("bbox %d dy %.1f before %v: got %q", bbox, dy, before, pages[0].Lines)
				}
			}
		}
	}
	t.Logf("%d variants", n)
}

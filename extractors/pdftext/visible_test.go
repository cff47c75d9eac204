package pdftext

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// annotsPDF is a page with text off the page, text cropped but on the
// page, a string that runs past the edge, and annotations: a
// filled-in text field with an appearance stream, a field whose value has
// no appearance (NeedAppearances), a checked check box, a free-text note
// whose /BBox is offset, a hidden field and a popup that must not show.
func annotsPDF() []byte {
	w := &pdfWriter{}
	helv := w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	song := cidFont(w, "/UniGB-UCS2-H")
	dings := w.add("<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>")
	res := fmt.Sprintf("/Resources << /Font << /F0 %d 0 R /F1 %d 0 R /ZaDb %d 0 R >> >>", song, helv, dings)
	ap := func(bbox, matrix, content string) int {
		return w.add(stream("/Type /XObject /Subtype /Form /BBox ["+bbox+"] "+matrix+" "+res, []byte(content), false))
	}
	name := ap("0 0 100 20", "", fmt.Sprintf("/Tx BMC BT /F0 10 Tf 2 5 Td <%X> Tj ET EMC", utf16be("杰基")))
	yes := ap("0 0 12 12", "", "BT /ZaDb 10 Tf 1 2 Td (4) Tj ET")
	off := ap("0 0 12 12", "", "")
	note := ap("10 10 110 30", "/Matrix [1 0 0 1 0 0]", "BT /F1 10 Tf 12 15 Td (Reviewed on site) Tj ET")
	hidden := ap("0 0 100 20", "", "BT /F1 10 Tf 2 5 Td (HIDDEN FIELD) Tj ET")
	popup := ap("0 0 100 20", "", "BT /F1 10 Tf 2 5 Td (POPUP TEXT) Tj ET")
	annots := []int{
		w.add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [200 600 300 620] /AP << /N %d 0 R >> >>", name)),
		w.add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T (org) /V <FEFF%X> /DA (/Helv 10 Tf 0 g) /Rect [200 560 420 580] >>", utf16be("河北同创检验检测有限公司"))),
		w.add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Btn /T (agree) /V /Yes /AS /Yes /Rect [120 520 132 532] /AP << /N << /Yes %d 0 R /Off %d 0 R >> >> >>", yes, off)),
		w.add(fmt.Sprintf("<< /Type /Annot /Subtype /FreeText /Rect [100 400 200 420] /AP << /N %d 0 R >> >>", note)),
		w.add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /F 2 /Rect [200 300 300 320] /AP << /N %d 0 R >> >>", hidden)),
		w.add(fmt.Sprintf("<< /Type /Annot /Subtype /Popup /Rect [200 250 300 270] /AP << /N %d 0 R >> >>", popup)),
	}
	var refs []string
	for _, a := range annots {
		refs = append(refs, fmt.Sprintf("%d 0 R", a))
	}
	content := fmt.Sprintf("BT /F0 10 Tf 150 605 Td <%X> Tj ET\n", utf16be("姓名：")) +
		fmt.Sprintf("BT /F0 10 Tf 120 565 Td <%X> Tj ET\n", utf16be("单位名称：")) +
		fmt.Sprintf("BT /F0 10 Tf 140 522 Td <%X> Tj ET\n", utf16be("同意")) +
		"BT /F1 12 Tf 72 760 Td (Inside the crop box) Tj ET\n" +
		"BT /F1 12 Tf 72 820 Td (Cropped but on the page) Tj ET\n" +
		"BT /F1 12 Tf 72 860 Td (Above the page) Tj ET\n" +
		"BT /F1 12 Tf 520 740 Td (Runs past the right edge) Tj ET\n" +
		"BT /F1 12 Tf -200 700 Td (Left of the page) Tj ET\n"
	pagesN := w.add("")
	cn := w.add(stream("", []byte(content), true))
	pn := w.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /CropBox [0 0 595 800] /Resources << /Font << /F0 %d 0 R /F1 %d 0 R >> >> /Contents %d 0 R /Annots [%s] >>", pagesN, song, helv, cn, strings.Join(refs, " ")))
	w.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 /MediaBox [0 0 595 842] >>", pn))
	return w.bytes(w.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /AcroForm << /NeedAppearances true >> >>", pagesN)))
}

// anglesPDF has a page with a table set at 30 degrees between horizontal
// lines, and a page of vertical writing (UniGB-UCS2-V) under a horizontal
// title.
func anglesPDF() []byte {
	w := &pdfWriter{}
	h := cidFont(w, "/UniGB-UCS2-H")
	v := cidFont(w, "/UniGB-UCS2-V")
	var page1 strings.Builder
	fmt.Fprintf(&page1, "BT /F0 16 Tf 200 780 Td <%X> Tj ET\n", utf16be("合作机构名单"))
	s, c := math.Sincos(30 * math.Pi / 180)
	rows := [][]string{{"序号", "机构名称", "合作期限"}, {"1", "河北检测中心", "3年"}, {"2", "保定标准化院", "长期"}}
	for i, row := range rows {
		for j, cellText := range row {
			// Cell (j, i) of the table in its own frame, turned by 30°.
			x, y := float64(j)*110, -float64(i)*24
			px, py := 150+x*c-y*s, 500+x*s+y*c
			fmt.Fprintf(&page1, "BT /F0 10 Tf %.4f %.4f %.4f %.4f %.2f %.2f Tm <%X> Tj ET\n", c, s, -s, c, px, py, utf16be(cellText))
		}
	}
	fmt.Fprintf(&page1, "BT /F0 10 Tf 280 60 Td <%X> Tj ET\n", utf16be("第 1 页"))
	var page2 strings.Builder
	fmt.Fprintf(&page2, "BT /F0 16 Tf 220 780 Td <%X> Tj ET\n", utf16be("竖排文字"))
	for i, col := range []string{"河北省质量", "服务资源库"} {
		fmt.Fprintf(&page2, "BT /F1 14 Tf %d 740 Td <%X> Tj ET\n", 400-i*100, utf16be(col))
	}
	return onePage(w, []string{page1.String(), page2.String()}, map[string]int{"F0": h, "F1": v}, "", nil)
}

// TestGenerateVisible writes annots.pdf and angles.pdf when run with -gen.
func TestGenerateVisible(t *testing.T) {
	if !*gen {
		t.Skip("run with -gen to regenerate testdata PDFs")
	}
	must(t, os.WriteFile(filepath.Join("testdata", "annots.pdf"), annotsPDF(), 0o644))
	must(t, os.WriteFile(filepath.Join("testdata", "angles.pdf"), anglesPDF(), 0o644))
}

// TestReadVisible checks what a reader sees against the goldens: page
// text on the page, annotation appearances and field values,
// tables at an angle and vertical writing.
func TestReadVisible(t *testing.T) {
	tests := []struct {
		file string
		want []string // lines that must appear, each whole
		not  []string // text that must not appear anywhere
	}{
		{"annots.pdf",
			[]string{"Inside the crop box", "Cropped but on the page", "Runs past the right edge", "姓名: 杰基", "单位名称: 河北同创检验检测有限公司", "✔ 同意", "Reviewed on site"},
			[]string{"Above the page", "Left of the page", "HIDDEN", "POPUP"}},
		{"angles.pdf",
			[]string{"合作机构名单", "序号 机构名称 合作期限", "1 河北检测中心 3年", "2 保定标准化院 长期", "第 1 页", "竖排文字", "服务资源库", "河北省质量"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			pages := golden(t, tt.file)
			got := render(pages)
			lines := map[string]bool{}
			for _, p := range pages {
				for _, l := range p.Lines {
					lines[l] = true
				}
			}
			for _, l := range tt.want {
				if !lines[l] {
					t.Errorf("no line %q in\n%s", l, got)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(got, s) {
					t.Errorf("%q shows, but a reader cannot see it:\n%s", s, got)
				}
			}
		})
	}
}

// golden reads a testdata PDF and compares its rendering with the .txt
// golden beside it (rewritten with -update); it returns the pages.
func golden(t *testing.T, file string) []Page {
	t.Helper()
	pages, err := readFile(t, file)
	if err != nil {
		t.Fatal(err)
	}
	got := render(pages)
	name := filepath.Join("testdata", strings.TrimSuffix(file, ".pdf")+".txt")
	if *update {
		must(t, os.WriteFile(name, []byte(got), 0o644))
	}
	want, err := os.ReadFile(name)
	must(t, err)
	if got != string(want) {
		t.Errorf("text differs from %s\ngot:\n%s\nwant:\n%s", name, got, want)
	}
	return pages
}

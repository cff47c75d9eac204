package pdftext

import (
	"bytes"
	"compress/zlib"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// -gen rewrites the hand-written PDFs in testdata (see TestGenerate).
var gen = flag.Bool("gen", false, "regenerate the hand-written PDFs in testdata")

// pdfWriter assembles a PDF from numbered objects, computing the xref.
type pdfWriter struct {
	objs []string // objs[i] is object i+1
}

// add appends an object and returns its number.
func (w *pdfWriter) add(body string) int {
	w.objs = append(w.objs, body)
	return len(w.objs)
}

// set replaces object n (reserved earlier with add("")).
func (w *pdfWriter) set(n int, body string) { w.objs[n-1] = body }

// stream makes a stream object body, Flate-compressed when flate is set.
func stream(dict string, data []byte, flate bool) string {
	if flate {
		var b bytes.Buffer
		zw := zlib.NewWriter(&b)
		zw.Write(data)
		zw.Close()
		data = b.Bytes()
		dict += " /Filter /FlateDecode"
	}
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

func (w *pdfWriter) bytes(root int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(w.objs))
	for i, o := range w.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(w.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(w.objs)+1, root, x)
	return b.Bytes()
}

// onePage writes a document whose pages show the given content streams
// with font resources fonts (name -> object number) and extra resources.
func onePage(w *pdfWriter, contents []string, fonts map[string]int, extraRes string, pageExtra []string) []byte {
	pagesN := w.add("")
	var kids []string
	for i, c := range contents {
		cn := w.add(stream("", []byte(c), i%2 == 0))
		var fr strings.Builder
		names := make([]string, 0, len(fonts))
		for name := range fonts {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			fmt.Fprintf(&fr, "/%s %d 0 R ", name, fonts[name])
		}
		extra := ""
		if i < len(pageExtra) {
			extra = pageExtra[i]
		}
		pn := w.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s>> %s >> /Contents %d 0 R %s >>", pagesN, fr.String(), extraRes, cn, extra))
		kids = append(kids, fmt.Sprintf("%d 0 R", pn))
	}
	w.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	root := w.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesN))
	return w.bytes(root)
}

// cell is one text run at a position.
type cell struct {
	x, y, size float64
	text       string
}

// sample is the text every hand-written CJK PDF shows: a title, a
// paragraph, a balance-sheet row with one run per cell, and a line mixing
// ASCII and CJK.
var sample = []cell{
	{230, 760, 18, "资产负债表"},
	{60, 730, 11, "编制单位：河北同创检验检测有限公司（以下简称“贵公司”）"},
	{60, 712, 11, "２０２５年１２月３１日，单位：元。"},
	{60, 690, 10, "流动资产合计"},
	{160, 690, 10, "13"},
	{200, 690, 10, "922.58"},
	{260, 690, 10, "1,011.86"},
	{320, 690, 10, "流动负债合计"},
	{420, 690, 10, "45"},
	{460, 690, 10, "195.63"},
	{520, 690, 10, "429.13"},
	{60, 668, 11, "统一社会信用代码：91130105MAF8643B4W"},
}

// cjkContent shows sample with font F0, each string encoded by enc.
func cjkContent(cells []cell, enc func(string) []byte) string {
	var b strings.Builder
	for _, c := range cells {
		fmt.Fprintf(&b, "BT /F0 %.2f Tf %.2f %.2f Td <%X> Tj ET\n", c.size, c.x, c.y, enc(c.text))
	}
	return b.String()
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func gbkBytes(s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// cidFont writes a Type0 font over a non-embedded STSong-Light with the
// given encoding (a name or an object reference) and returns its number.
func cidFont(w *pdfWriter, encoding string) int {
	widths := "[1 95 500]"
	if strings.HasPrefix(encoding, "/GBK") {
		// GBK-EUC-H shows ASCII bytes with CIDs 814..907; give them the
		// half widths of the proportional forms, as a producer may.
		widths = "[1 95 500 814 907 500]"
	}
	fd := w.add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
	cf := w.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor %d 0 R /DW 1000 /W %s >>", fd, widths))
	return w.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding %s /DescendantFonts [%d 0 R] >>", encoding, cf))
}

// TestGenerate writes the hand-written PDFs of testdata when run with -gen.
func TestGenerate(t *testing.T) {
	if !*gen {
		t.Skip("run with -gen to regenerate testdata PDFs")
	}
	files := map[string][]byte{}

	// UniGB-UCS2-H: codes are UTF-16BE, one Tj per run (raw_ucs2 producer).
	w := &pdfWriter{}
	f := cidFont(w, "/UniGB-UCS2-H")
	files["ucs2.pdf"] = onePage(w, []string{cjkContent(sample, utf16be)}, map[string]int{"F0": f}, "", nil)

	// UniGB-UTF16-H, with a character outside the BMP (surrogate pair).
	w = &pdfWriter{}
	f = cidFont(w, "/UniGB-UTF16-H")
	utf16Sample := append(append([]cell{}, sample...), cell{60, 646, 11, "姓名：吉𠮷祥"})
	files["utf16.pdf"] = onePage(w, []string{cjkContent(utf16Sample, utf16be)}, map[string]int{"F0": f}, "", nil)

	// GBK-EUC-H: one byte for ASCII, two for GBK.
	w = &pdfWriter{}
	f = cidFont(w, "/GBK-EUC-H")
	files["gbk.pdf"] = onePage(w, []string{cjkContent(sample, gbkBytes)}, map[string]int{"F0": f}, "", nil)

	// Identity-H with Adobe-GB1 ordering and no ToUnicode: codes are CIDs.
	w = &pdfWriter{}
	f = cidFont(w, "/Identity-H")
	files["identity_gb1.pdf"] = onePage(w, []string{cjkContent(sample, func(s string) []byte {
		var b []byte
		for _, r := range s {
			cid, ok := gb1Reverse()[r]
			if !ok {
				panic(fmt.Sprintf("no GB1 CID for %q", r))
			}
			b = append(b, byte(cid>>8), byte(cid))
		}
		return b
	})}, map[string]int{"F0": f}, "", nil)

	// TrueType named 宋体 (GBK bytes in the name) with WinAnsi encoding and
	// no ToUnicode: the byte pairs are GBK.
	w = &pdfWriter{}
	widths := strings.TrimSpace(strings.Repeat("500 ", 224))
	f = w.add("<< /Type /Font /Subtype /TrueType /BaseFont /#CB#CE#CC#E5 /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + widths + "] >>")
	f2 := w.add("<< /Type /Font /Subtype /TrueType /BaseFont /FangSong_GB2312 /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [" + widths + "] >>")
	content := cjkContent(sample, gbkBytes) + strings.ReplaceAll(cjkContent([]cell{{60, 646, 11, "仿宋字体：申请表"}}, gbkBytes), "/F0", "/F1")
	files["winansi_gbk.pdf"] = onePage(w, []string{content}, map[string]int{"F0": f, "F1": f2}, "", nil)

	// Type3 font with Differences and a ToUnicode CMap, the way Skia writes
	// fonts it cannot embed as outlines.
	files["type3.pdf"] = type3PDF()

	// Text positioning: TJ offsets, Tc, Tw, Tz, TL/T*, ', ", q/Q/cm, a
	// form XObject, and a second page with /Rotate 90.
	files["positions.pdf"] = positionsPDF()

	// A scan: one image drawn, no text.
	w = &pdfWriter{}
	img := make([]byte, 32*32)
	for i := range img {
		img[i] = byte(i * 7)
	}
	im := w.add(stream("/Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray /BitsPerComponent 8", img, true))
	files["scan.pdf"] = onePage(w, []string{"q 595 0 0 842 0 0 cm /Im0 Do Q\n"}, nil, fmt.Sprintf("/XObject << /Im0 %d 0 R >>", im), nil)

	// An inline image between two lines of text.
	w = &pdfWriter{}
	f = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	inline := "BT /F0 12 Tf 72 760 Td (Before the image) Tj ET\n" +
		"q 40 0 0 40 72 700 cm BI /W 4 /H 4 /CS /G /BPC 8 ID \x00\xff<(\x8f)>]\x00/\xfe%\x01\x02) (\x03\x04 EI Q\n" +
		"BT /F0 12 Tf 72 640 Td (After the image) Tj ET\n"
	pagesN := w.add("")
	cn := w.add(stream("", []byte(inline), false))
	pn := w.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F0 %d 0 R >> >> /Contents %d 0 R >>", pagesN, f, cn))
	w.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pn))
	files["inline_image.pdf"] = w.bytes(w.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesN)))

	// Embedded TrueType fonts without ToUnicode (ttfgen_test.go).
	for name, data := range trueTypeFixtures() {
		files[name] = data
	}

	for name, data := range files {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Damaged variants of ucs2.pdf.
	ucs2 := files["ucs2.pdf"]
	must(t, os.WriteFile(filepath.Join("testdata", "truncated.pdf"), ucs2[:len(ucs2)/2], 0o644))
	bad := bytes.Replace(ucs2, []byte("xref\n0 "), []byte("xref\nGARBAGE 0 "), 1)
	must(t, os.WriteFile(filepath.Join("testdata", "corrupt_xref.pdf"), bad, 0o644))
	// A content stream whose Flate data is cut off mid-way.
	w = &pdfWriter{}
	f = cidFont(w, "/UniGB-UCS2-H")
	var zb bytes.Buffer
	zw := zlib.NewWriter(&zb)
	zw.Write([]byte(cjkContent(sample, utf16be)))
	zw.Close()
	cut := zb.Bytes()[:zb.Len()/2]
	pagesN = w.add("")
	cn = w.add(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(cut), cut))
	pn = w.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F0 %d 0 R >> >> /Contents %d 0 R >>", pagesN, f, cn))
	w.set(pagesN, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pn))
	must(t, os.WriteFile(filepath.Join("testdata", "corrupt_stream.pdf"), w.bytes(w.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesN))), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func type3PDF() []byte {
	w := &pdfWriter{}
	text := "机构简介：本公司成立于2018年。"
	runes := []rune(text)
	codes := map[rune]int{}
	var diffs, bf strings.Builder
	var order []rune
	for _, r := range runes {
		if _, ok := codes[r]; !ok {
			codes[r] = len(codes) + 1
			order = append(order, r)
		}
	}
	diffs.WriteString("1")
	for i := range order {
		fmt.Fprintf(&diffs, " /g%d", i+1)
	}
	fmt.Fprintf(&bf, "%d beginbfchar\n", len(order))
	for _, r := range order {
		fmt.Fprintf(&bf, "<%02X> <%X>\n", codes[r], utf16be(string(r)))
	}
	bf.WriteString("endbfchar\n")
	cmapText := "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Skia-T3 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" + bf.String() + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
	tu := w.add(stream("", []byte(cmapText), true))
	proc := w.add(stream("", []byte("1000 0 0 0 900 900 d1 0 0 900 900 re f"), false))
	var procs, widths strings.Builder
	for i, r := range order {
		fmt.Fprintf(&procs, "/g%d %d 0 R ", i+1, proc)
		wd := 1000
		if r < 128 {
			wd = 500
		}
		fmt.Fprintf(&widths, "%d ", wd)
	}
	f := w.add(fmt.Sprintf("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << %s>> /Encoding << /Type /Encoding /Differences [%s] >> /FirstChar 1 /LastChar %d /Widths [%s] /ToUnicode %d 0 R /Resources << >> >>",
		procs.String(), diffs.String(), len(order), strings.TrimSpace(widths.String()), tu))
	enc := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(codes[r]))
		}
		return b
	}
	// Skia positions every run with its own Tm, scaled text matrix.
	content := fmt.Sprintf("BT /F0 1 Tf 12 0 0 -12 72 100 Tm <%X> Tj ET\n", enc(text))
	content = "1 0 0 -1 0 842 cm\n" + content
	return onePage(w, []string{content}, map[string]int{"F0": f}, "", nil)
}

func positionsPDF() []byte {
	w := &pdfWriter{}
	f := w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	form := w.add(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Matrix [1 0 0 1 50 50] /Resources << /Font << /F0 %d 0 R >> >>", f),
		[]byte("BT /F0 10 Tf 10 10 Td (Inside a form XObject) Tj ET"), false))
	page1 := strings.Join([]string{
		"BT /F0 12 Tf 72 760 Td [(Kern)-20(ed)] TJ ET",                        // small offsets: no space
		"BT /F0 12 Tf 72 740 Td [(Label)-3000(Value)] TJ ET",                  // large offset: a gap
		"BT /F0 12 Tf 2 Tc 72 720 Td (Spaced) Tj 0 Tc ET",                     // char spacing below threshold
		"BT /F0 12 Tf 20 Tw 72 700 Td (two words) Tj 0 Tw ET",                 // word spacing
		"BT /F0 12 Tf 50 Tz 72 680 Td (Half width) Tj 100 Tz ET",              // horizontal scaling
		"BT /F0 12 Tf 14 TL 72 660 Td (Line one) Tj T* (Line two) Tj ET",      // leading
		"BT /F0 12 Tf 14 TL 72 620 Td (A) Tj (Next line) ' 1 0 (Quote) \" ET", // ' and "
		"q 1 0 0 1 300 0 cm BT /F0 12 Tf 0 760 Td (Moved by cm) Tj ET Q",      // cm inside q/Q
		"BT /F0 12 Tf 72 560 Td (After Q) Tj ET",
		"/Fm0 Do",
		"BT /F0 12 Tf 72 500 Td (ab) Tj ET BT /F0 12 Tf 72.3 500.2 Td (ab) Tj ET",   // fake bold
		"BT /F0 12 Tf 1 0 0 1 400 400 Tm (right) Tj 1 0 0 1 72 400 Tm (left) Tj ET", // x order
	}, "\n")
	page2 := "BT /F0 12 Tf 72 760 Td (Rotated page line one) Tj 0 -20 Td (line two) Tj ET"
	return onePage(w, []string{page1, page2}, map[string]int{"F0": f}, fmt.Sprintf("/XObject << /Fm0 %d 0 R >>", form), []string{"", "/Rotate 90"})
}

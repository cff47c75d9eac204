package variation

import (
	"fmt"
	"math"
	"ruku/extractors"
	"strconv"
	"strings"
	"time"
)

// DateForms are the ways a day is written (2024-03-05 shown).
var DateForms = []string{
	"年月日",     // 2024年3月5日
	"年0月0日",   // 2024年03月05日
	"iso",     // 2024-03-05
	"dot",     // 2024.3.5
	"dot0",    // 2024.03.05
	"slash",   // 2024/03/05
	"slash1",  // 2024/3/5
	"汉字",      // 二〇二四年三月五日
	"spaced",  // 2024 年 3 月 5 日
	"全角",      // ２０２４年３月５日
	"compact", // 20240305
}

// Date writes t in form (one of DateForms).
func Date(t time.Time, form string) string {
	y, m, d := t.Year(), int(t.Month()), t.Day()
	switch form {
	case "年0月0日":
		return fmt.Sprintf("%d年%02d月%02d日", y, m, d)
	case "iso":
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	case "dot":
		return fmt.Sprintf("%d.%d.%d", y, m, d)
	case "dot0":
		return fmt.Sprintf("%d.%02d.%02d", y, m, d)
	case "slash":
		return fmt.Sprintf("%d/%02d/%02d", y, m, d)
	case "slash1":
		return fmt.Sprintf("%d/%d/%d", y, m, d)
	case "汉字":
		return hanDigits(y) + "年" + hanNumber(m) + "月" + hanNumber(d) + "日"
	case "spaced":
		return fmt.Sprintf("%d 年 %d 月 %d 日", y, m, d)
	case "全角":
		return Fullwidth(fmt.Sprintf("%d年%d月%d日", y, m, d))
	case "compact":
		return fmt.Sprintf("%d%02d%02d", y, m, d)
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, d)
}

const hanDigit = "〇一二三四五六七八九"

func hanDigits(n int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteRune([]rune(hanDigit)[c-'0'])
	}
	return b.String()
}

// hanNumber writes 1..99 as 一 … 十二 … 三十一.
func hanNumber(n int) string {
	d := []rune(hanDigit)
	switch {
	case n < 10:
		return string(d[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(d[n-10])
	case n%10 == 0:
		return string(d[n/10]) + "十"
	}
	return string(d[n/10]) + "十" + string(d[n%10])
}

// Fullwidth writes ASCII digits, letters and punctuation full-width.
func Fullwidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			r += 0xfee0
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	capDigits = []rune("零壹贰叁肆伍陆柒捌玖")
	capUnits  = []string{"", "拾", "佰", "仟"}
)

// Capital writes a whole amount of yuan in capital numerals:
// 2000000 → 贰佰万元整, 4863200 → 肆佰捌拾陆万叁仟贰佰元整.
func Capital(yuan float64) string {
	n := int64(math.Round(yuan))
	if n == 0 {
		return "零元整"
	}
	section := func(v int64) string {
		var b strings.Builder
		zero := false
		for i := 3; i >= 0; i-- {
			p := int64(math.Pow10(i))
			dg := v / p % 10
			if dg == 0 {
				if b.Len() > 0 && v%p != 0 {
					zero = true
				}
				continue
			}
			if zero {
				b.WriteRune(capDigits[0])
				zero = false
			}
			b.WriteRune(capDigits[dg])
			b.WriteString(capUnits[i])
		}
		return b.String()
	}
	var out string
	yi, wan, rest := n/100000000, n/10000%10000, n%10000
	if yi > 0 {
		out += section(yi) + "亿"
	}
	if wan > 0 {
		if yi > 0 && wan < 1000 {
			out += "零"
		}
		out += section(wan) + "万"
	}
	if rest > 0 {
		if (yi > 0 || wan > 0) && rest < 1000 {
			out += "零"
		}
		out += section(rest)
	}
	return out + "元整"
}

// Thousands writes v with two decimals and thousands separators.
func Thousands(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if v < 0 {
		return "-" + b.String() + frac
	}
	return b.String() + frac
}

// Plain writes v with two decimals.
func Plain(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// Short writes v with as few decimals as it needs (120.5, 486.32, 12).
func Short(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// LetterSpace puts sep between the characters of a label (租 赁 面 积).
func LetterSpace(s, sep string) string {
	rs := []rune(s)
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = string(r)
	}
	return strings.Join(parts, sep)
}

// Label renders a label in the style c["spacing"] asks for: as is,
// letter-spaced with a space, or with an ideographic space.
func Label(l string, c Choice) string {
	switch c["spacing"] {
	case "letters":
		return LetterSpace(l, " ")
	case "ideographic":
		return LetterSpace(l, "\u3000")
	case "two-char": // 名 称 but 法定代表人: short labels spread to the width of long ones
		if len([]rune(l)) == 2 {
			return LetterSpace(l, "    ")
		}
	}
	return l
}

// Seps are what stands between a label and its value.
var Seps = []string{"：", ":", " ", "： ", "∶", "\t"}

// Sep renders separator name s.
func Sep(s string) string {
	if s == "none" {
		return ""
	}
	if s == "tab" {
		return "  "
	}
	return s
}

// SepDim is the separator dimension shared by the text kinds.
var SepDim = Dim{"sep", []string{"：", ":", "space", "： ", "∶", "none"}}

// SepText renders the sep dimension.
func SepText(c Choice) string {
	switch c["sep"] {
	case "space":
		return " "
	case "none":
		return ""
	}
	return c["sep"]
}

// Numbering is how a section or clause number is written: n is 1-based.
func Numbering(style string, n int) string {
	switch style {
	case "一、":
		return hanNumber(n) + "、"
	case "第一条":
		return "第" + hanNumber(n) + "条 "
	case "1.":
		return strconv.Itoa(n) + ". "
	case "1、":
		return strconv.Itoa(n) + "、"
	case "（一）":
		return "（" + hanNumber(n) + "）"
	case "(1)":
		return "(" + strconv.Itoa(n) + ")"
	case "第1条":
		return "第" + strconv.Itoa(n) + "条 "
	}
	return ""
}

// NumberingDim is the clause numbering dimension.
var NumberingDim = Dim{"numbering", []string{"none", "一、", "第一条", "1.", "1、", "（一）", "(1)", "第1条"}}

// AreaUnits are the ways square metres are written.
var AreaUnits = []string{"平方米", "㎡", "m²", "m2", "平米", "M2", "平方米 ", "平", "平方"}

// wrap splits s into pieces of at most n runes, as a narrow cell or a
// page's right margin breaks a line.
func wrap(s string, n int) []string {
	rs := []rune(s)
	var out []string
	for len(rs) > n {
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	return append(out, string(rs))
}

// MethodDim is how a page's text was read: a text layer, or OCR of a scan.
var MethodDim = Dim{"method", []string{"text", "ocr"}}

// page is page 1 holding lines, read as c["method"] says.
func page(lines []string, c Choice) extractors.Page {
	if c["method"] == "ocr" {
		return extractors.Page{Number: 1, Method: extractors.MethodOCR, Reason: "scanned page", Lines: lines, Conf: 91}
	}
	return extractors.Page{Number: 1, Method: extractors.MethodText, Lines: lines}
}

package parse

import (
	"regexp"
	"strconv"
	"strings"
)

var numberRe = regexp.MustCompile(`[-−–(（]?\s*\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?\)?|[-−–(（]?\s*\d+(?:\.\d+)?\)?`)

// Number reads the first number in s: thousands separators allowed, a
// leading minus or surrounding parentheses mean negative.
func Number(s string) (float64, bool) {
	m := numberRe.FindString(Norm(s))
	if m == "" {
		return 0, false
	}
	return toFloat(m)
}

// Numbers returns every number in s, in order.
func Numbers(s string) []float64 {
	var out []float64
	for _, m := range numberRe.FindAllString(Norm(s), -1) {
		if v, ok := toFloat(m); ok {
			out = append(out, v)
		}
	}
	return out
}

// NumberTokens returns every number in s with its text, in order.
func NumberTokens(s string) []string {
	return numberRe.FindAllString(Norm(s), -1)
}

func toFloat(m string) (float64, bool) {
	neg := false
	m = strings.TrimSpace(m)
	if strings.HasPrefix(m, "(") || strings.HasPrefix(m, "（") {
		if !strings.HasSuffix(m, ")") {
			m = strings.TrimLeft(m, "(（")
		} else {
			neg = true
			m = strings.Trim(m, "(（)")
		}
	}
	m = strings.TrimSuffix(m, ")")
	for _, p := range []string{"-", "−", "–"} {
		if strings.HasPrefix(m, p) {
			neg = true
			m = strings.TrimPrefix(m, p)
		}
	}
	m = strings.NewReplacer(",", "", "，", "", " ", "").Replace(m)
	v, err := strconv.ParseFloat(m, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// Unit multipliers to yuan.
const (
	Yuan         = 1.0
	ThousandYuan = 1000.0
	TenKYuan     = 10000.0
)

// UnitOf returns the money unit a label or header states (万元, 千元, 元),
// and false when it states none.
func UnitOf(s string) (float64, bool) {
	s = Compact(s)
	switch {
	case strings.Contains(s, "万元"):
		return TenKYuan, true
	case strings.Contains(s, "千元"):
		return ThousandYuan, true
	case strings.Contains(s, "元"):
		return Yuan, true
	}
	return 0, false
}

var amountRe = regexp.MustCompile(`([-−(（]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?\)?|[-−(（]?\d+(?:\.\d+)?\)?)\s*(万元|万|千元|元)?`)

// Amount reads the first amount in s in yuan. A unit written after the
// number (万元, 千元, 元) applies; a number without a unit is taken as yuan.
// Chinese capital numerals (贰佰叁拾万元整) are read when s holds no digits.
func Amount(s string) (float64, bool) {
	n := Norm(s)
	if m := amountRe.FindStringSubmatch(n); m != nil {
		v, ok := toFloat(m[1])
		if !ok {
			return 0, false
		}
		switch m[2] {
		case "万元", "万":
			v *= TenKYuan
		case "千元":
			v *= ThousandYuan
		}
		return round2(v), true
	}
	return CapitalAmount(n)
}

func round2(v float64) float64 {
	if v < 0 {
		return -round2(-v)
	}
	return float64(int64(v*100+0.5)) / 100
}

var digitValue = map[rune]int64{
	'零': 0, '〇': 0, '○': 0, 'Ｏ': 0, 'O': 0,
	'一': 1, '壹': 1, '二': 2, '贰': 2, '貳': 2, '两': 2, '三': 3, '叁': 3, '參': 3, '四': 4, '肆': 4,
	'五': 5, '伍': 5, '六': 6, '陆': 6, '陸': 6, '七': 7, '柒': 7, '八': 8, '捌': 8, '九': 9, '玖': 9,
}

var smallUnit = map[rune]int64{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}

// ChineseInt reads an integer written in Chinese numerals (二〇二四 digit by
// digit, or 两千零二十四 / 贰佰叁拾 with units up to 亿).
func ChineseInt(s string) (int64, bool) {
	rs := []rune(strings.TrimSpace(s))
	if len(rs) == 0 {
		return 0, false
	}
	hasUnit := false
	for _, r := range rs {
		if _, ok := smallUnit[r]; ok || r == '万' || r == '萬' || r == '亿' || r == '億' {
			hasUnit = true
		} else if _, ok := digitValue[r]; !ok {
			return 0, false
		}
	}
	if !hasUnit {
		var v int64
		for _, r := range rs {
			v = v*10 + digitValue[r]
		}
		return v, true
	}
	var total, section, digit int64
	for _, r := range rs {
		if d, ok := digitValue[r]; ok {
			digit = d
			continue
		}
		if u, ok := smallUnit[r]; ok {
			if digit == 0 && u == 10 {
				digit = 1 // 十二 = 12
			}
			section += digit * u
			digit = 0
			continue
		}
		switch r {
		case '万', '萬':
			total += (section + digit) * 10000
		case '亿', '億':
			total = (total + section + digit) * 100000000
		}
		section, digit = 0, 0
	}
	return total + section + digit, true
}

var capitalRe = regexp.MustCompile(`([零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億一二三四五六七八九十百千两]+)(?:元|圆)(?:([零〇壹贰叁肆伍陆柒捌玖一二三四五六七八九])角)?(?:([零〇壹贰叁肆伍陆柒捌玖一二三四五六七八九])分)?`)

// CapitalAmount reads an amount in Chinese capital numerals, such as
// 贰佰叁拾万元整 or 人民币壹仟元伍角, in yuan.
func CapitalAmount(s string) (float64, bool) {
	m := capitalRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	v, ok := ChineseInt(m[1])
	if !ok {
		return 0, false
	}
	f := float64(v)
	if m[2] != "" {
		d, _ := ChineseInt(m[2])
		f += float64(d) / 10
	}
	if m[3] != "" {
		d, _ := ChineseInt(m[3])
		f += float64(d) / 100
	}
	return round2(f), true
}

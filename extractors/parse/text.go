// Package parse reads the numbers, amounts, dates and names that Chinese
// documents write in many forms, and normalises text before it is read.
package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Norm returns s in NFKC (full-width digits and punctuation become ASCII),
// with runs of white space collapsed to one space, spaces between two CJK
// characters removed (letter-spaced titles, OCR output) and ends trimmed.
func Norm(s string) string {
	s = norm.NFKC.String(s)
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := FoldLookAlike(rs[i])
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			j := i
			for j < len(rs) && (unicode.IsSpace(rs[j]) || rs[j] == '\u00a0' || rs[j] == '\u200b' || rs[j] == '\ufeff') {
				j++
			}
			if b.Len() > 0 && j < len(rs) {
				prev, _ := lastRune(b.String())
				if !(IsCJK(prev) && IsCJK(rs[j])) {
					b.WriteByte(' ')
				}
			}
			i = j - 1
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func lastRune(s string) (rune, bool) {
	if s == "" {
		return 0, false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r, true
}

// Clean returns s in NFKC with runs of white space collapsed to one space
// and ends trimmed. Unlike Norm it keeps the spaces between CJK characters,
// which separate the cells of a table row.
func Clean(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// IsCJK reports whether r is a Han character or CJK punctuation.
func IsCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// Compact returns s normalised for comparing names: NFKC, without any white
// space, with Chinese and ASCII brackets and punctuation unified.
func Compact(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		r = FoldLookAlike(r)
		switch {
		case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
			continue
		case r == '〔' || r == '【' || r == '[':
			r = '('
		case r == '〕' || r == '】' || r == ']':
			r = ')'
		case r == MiddleDot:
			r = '.'
		case r == '、':
			r = ','
		}
		b.WriteRune(r)
	}
	return b.String()
}

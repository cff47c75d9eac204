package parse

import "strings"

// MiddleDot is the character every look-alike middle dot reads as.
const MiddleDot = '\u00b7'

// lookAlikes maps punctuation that fonts, encodings and OCR give in
// several look-alike forms to the one form ruku reads: the Chinese 间隔号
// (买买提·艾力) as U+00B7 whether it came as the katakana middle dot old
// GB2312 tables give for 0xA1A4, its halfwidth form, the hyphenation point,
// a bullet or a dot operator; GB2312's 0xA1AA dash as U+2014 whichever
// table decoded it; the ratio sign GB2312 has for a colon (单位∶元) as a
// colon; hyphens and the minus sign as a hyphen-minus.
var lookAlikes = map[rune]rune{
	'\u0387': MiddleDot, // Greek ano teleia
	'\u16eb': MiddleDot, // runic single punctuation
	'\u2022': MiddleDot, // bullet
	'\u2027': MiddleDot, // hyphenation point
	'\u2219': MiddleDot, // bullet operator
	'\u22c5': MiddleDot, // dot operator
	'\u2e31': MiddleDot, // word separator middle dot
	'\u30fb': MiddleDot, // katakana middle dot
	'\uff65': MiddleDot, // halfwidth katakana middle dot
	'\u2015': '\u2014',  // horizontal bar
	'\u2236': ':',       // ratio
	'\u2010': '-',       // hyphen
	'\u2011': '-',       // non-breaking hyphen
	'\u2212': '-',       // minus sign
}

// FoldLookAlike returns the form ruku reads punctuation r as (see
// lookAlikes); other characters are returned as they are. Every reader
// of text folds through it: PDF text layers, Norm and Compact.
func FoldLookAlike(r rune) rune {
	if f, ok := lookAlikes[r]; ok {
		return f
	}
	return r
}

// FoldLookAlikes applies FoldLookAlike to every character of s.
func FoldLookAlikes(s string) string {
	for _, r := range s {
		if _, ok := lookAlikes[r]; ok {
			return strings.Map(FoldLookAlike, s)
		}
	}
	return s
}

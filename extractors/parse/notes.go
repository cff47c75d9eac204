package parse

import (
	"strings"
	"unicode/utf8"
)

// Notes recognises the bracketed notes documents write after a label or a
// name: 法定代表人（负责人）, 出租方（甲方）, …有限公司（盖章）,
// …有限公司（以下简称“乙方”）. A note is a pair of brackets, half- or
// full-width, whose content (quotes and spaces aside) is one of Words,
// starts with one of Leads, or is empty (a note whose word was lost). Any
// other bracketed text is not a note: 河北正元（河北）检测有限公司 and
// …事务所（特殊普通合伙） keep their brackets. The words are the caller's,
// from the lexicon.
type Notes struct {
	Words []string // whole notes: 盖章, 甲方, 负责人
	Leads []string // words that open a note: 以下简称
}

// maxNote is the longest note content read, in runes.
const maxNote = 30

var (
	noteOpen    = []string{"(", "（"}
	noteClose   = []string{")", "）"}
	noteIgnored = strings.NewReplacer("“", "", "”", "", "\"", "", "'", "", "‘", "", "’", "", "「", "", "」", "", "『", "", "』", "", " ", "", "\u3000", "")
)

// one returns the length in bytes of the note s starts with, or 0.
func (n Notes) one(s string) int {
	open := ""
	for _, o := range noteOpen {
		if strings.HasPrefix(s, o) {
			open = o
		}
	}
	if open == "" {
		return 0
	}
	rest := s[len(open):]
	end, closeLen, runes := -1, 0, 0
	for i, r := range rest {
		if r == '(' || r == '（' || runes > maxNote {
			return 0
		}
		if r == ')' || r == '）' {
			end, closeLen = i, utf8.RuneLen(r)
			break
		}
		runes++
	}
	if end < 0 {
		return 0
	}
	if !n.isNote(rest[:end]) {
		return 0
	}
	return len(open) + end + closeLen
}

// isNote reports whether the content of a bracket is a note.
func (n Notes) isNote(content string) bool {
	c := noteIgnored.Replace(content)
	if c == "" {
		return true
	}
	for _, w := range n.Words {
		if c == w {
			return true
		}
	}
	for _, l := range n.Leads {
		if strings.HasPrefix(c, l) {
			return true
		}
	}
	return false
}

// Len returns the length in bytes of the notes s starts with (several in a
// row are one run), or 0 when s does not start with a note.
func (n Notes) Len(s string) int {
	total := 0
	for {
		k := n.one(s[total:])
		if k == 0 {
			return total
		}
		total += k
	}
}

// Index returns the offset in bytes of the first note in s, or -1.
func (n Notes) Index(s string) int {
	for i := range s {
		if n.one(s[i:]) > 0 {
			return i
		}
	}
	return -1
}

// TrimEnd removes the notes that end s and the spaces around them:
// 河北华信科技有限公司（盖章） → 河北华信科技有限公司.
func (n Notes) TrimEnd(s string) string {
	for {
		t := strings.TrimRight(s, " \u3000")
		cut := -1
		for _, c := range noteClose {
			if !strings.HasSuffix(t, c) {
				continue
			}
			// the note opens at the last opening bracket before the close
			for _, o := range noteOpen {
				if i := strings.LastIndex(t, o); i > cut {
					cut = i
				}
			}
		}
		if cut < 0 || n.one(t[cut:]) != len(t)-cut {
			return t
		}
		s = t[:cut]
	}
}

// Spans returns where the notes in s are, as [start, end) byte offsets in
// order: a reader may blank them out so that the words inside (承租方,
// 乙方) are not read as labels.
func (n Notes) Spans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if k := n.one(s[i:]); k > 0 {
			out = append(out, [2]int{i, i + k})
			i += k
			continue
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return out
}

// Package fields reads labelled values from the lines of a document's text
// or the cells of a sheet, whatever template laid them out:
//
//	机构名称：河北某某有限公司        label, separator, value
//	机构名称 河北某某有限公司         a space or nothing between them
//	机 构 名 称：河北某某有限公司     a letter-spaced label (also with U+3000)
//	法定代表人（负责人）：张伟        a note in brackets after the label
//	法定代表人：张伟  成立日期：…     two pairs a line: a value ends at the next label
//	机构名称：                        the value on the line below when its
//	河北某某有限公司                  label's line has none
//	机构名称  法定代表人              a header row of labels over a row of
//	河北某某有限公司  张伟            values, column by column
//
// A Set is built once from the field labels of a document kind (lexicon
// lists) and stop labels (labels of other fields that end a value but are
// not read, such as 联系电话):
//
//	set := fields.New([]fields.Field{
//		{Key: "name", Words: lx.Words("form.name_labels")},
//		{Key: "rep", Words: lx.Words("form.rep_labels")},
//		{Words: []string{"联系电话"}}, // a stop label: no Key
//	})
//	for _, h := range set.Lines(lines) { … h.Key, h.Value, h.Note, h.Line … }
//	if l, v, ok := set.Cell(cell); ok { … a sheet cell holding 企业名称：… }
//
// The other entry points:
//
//	set.Labels(line)     the labels of one folded line, with their notes and offsets
//	set.Next(line, i)    the first label at or after an offset
//	set.IsLabel(cell)    a cell holding a label alone (a header, not a value)
//	set.Rows(lines)      header rows merged with their value rows into lines of
//	                     pairs, for readers that read pairs on one line
//	fields.Unspace(line) letter-spaced words joined (总 资 产 → 总资产)
//	fields.Columns(row, n) a row of values split into n columns
//	fields.Fold(s)       text as the package reads it
//	set.Anywhere()       the set finding labels in text without separators
//
// A label is found at the start of a line, after white space, a colon, a
// closing bracket or a box, or anywhere when it is four characters or
// longer; at each place the longest label wins, so 名称 is never read inside
// 机构名称 (Anywhere lifts the boundary rule for text that has lost its
// separators, such as OCR text with its noise removed). A stop label runs on over the Han characters after it (专家 is
// the start of 专家团队人数), so that it need only name a label's beginning.
// Up to three bracketed notes may follow a label, then a colon.
//
// The package reads and splits; judging whether a value is plausible (a
// name, a code, a date) is the caller's job: Lines may return a value that
// is not the field's when a template is stranger than these layouts, and
// returns "" rather than guess when a row of values does not split one
// column per label. Text is folded first (NFKC, look-alike punctuation
// such as the ratio colon ∶), so offsets refer to the folded text that Fold
// returns.
package fields

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors/parse"
)

// Field is one field of a document kind: the key the caller reads it by
// and its labels. A Field without a Key is a stop label: it ends the value
// before it and is not returned by Lines.
type Field struct {
	Key   string
	Words []string
}

// Set finds the labels of a kind's fields in text. It is immutable and safe
// for concurrent use.
type Set struct {
	root     *node
	key      map[string]string // a label word, spaces removed, to its field's key
	anywhere bool              // labels of any length are found anywhere
}

// node is a node of the trie of label words, by rune.
type node struct {
	next map[rune]*node
	word string // the word ending here, "" for none
}

// Label is a label found in a line.
type Label struct {
	Key   string // the field's key; "" for a stop label
	Word  string // the label as the Field lists it (法定代表人)
	Note  string // the bracketed notes after the label, without brackets (负责人, 万元; 自有或租赁 平方米)
	Start int    // byte offset of the label in the folded line
	End   int    // byte offset after the label, its note and its separator
	Colon bool   // a colon separates the label (and its note) from what follows
}

// Hit is a labelled value.
type Hit struct {
	Label
	Value string // the value: from the label's end to the next label, trimmed; "" when none was found
	Line  int    // index of the label's line
	VLine int    // index of the value's line: Line, or Line+1 when the value stood below
}

// New builds the Set of fields fs. Words are literal text; empty words are
// ignored.
func New(fs []Field) *Set {
	s := &Set{key: map[string]string{}}
	var words []string
	for _, f := range fs {
		for _, w := range f.Words {
			w = compact(Fold(w))
			if w == "" {
				continue
			}
			if _, dup := s.key[w]; !dup {
				words = append(words, w)
				s.key[w] = f.Key
			} else if s.key[w] == "" {
				s.key[w] = f.Key // a field's label wins over the same stop label
			}
		}
	}
	s.root = &node{next: map[rune]*node{}}
	for _, w := range words {
		n := s.root
		for _, r := range w {
			c := n.next[r]
			if c == nil {
				c = &node{next: map[rune]*node{}}
				n.next[r] = c
			}
			n = c
		}
		n.word = w
	}
	return s
}

// Anywhere returns a copy of s that finds labels of any length anywhere in
// a line, not only after a boundary: for text whose white space and
// separators were removed (OCR text cleaned of its noise, 名称某某公司类型
// 有限责任公司), where no boundary is left to find a short label by. A
// label word inside a value is then read as a label too, so the words
// should be ones values rarely hold.
func (s *Set) Anywhere() *Set {
	c := *s
	c.anywhere = true
	return &c
}

// match returns the longest label word at byte i of line, letters
// possibly spaced (总 资 产), and the byte offset after its last letter.
func (s *Set) match(line string, i int) (string, int) {
	n, best, end := s.root, "", -1
	for j := i; j < len(line); {
		r, size := utf8.DecodeRuneInString(line[j:])
		if (r == ' ' || r == '\t') && n != s.root {
			j += size
			continue
		}
		c := n.next[r]
		if c == nil {
			break
		}
		n, j = c, j+size
		if n.word != "" {
			best, end = n.word, j
		}
	}
	return best, end
}

// tail reads what may follow a label at byte i of line: spaces, up to
// three notes in brackets of at most 16 characters each, spaces, a colon,
// spaces. It returns the notes, the offset after them all and whether a
// colon was among them.
func tail(line string, i int) (string, int, bool) {
	j := skipSpaces(line, i)
	note := ""
	for n := 0; n < 3 && j < len(line) && line[j] == '('; n++ {
		// notes, one or more: 服务场地面积（自有或租赁）（平方米）
		k := strings.IndexAny(line[j+1:], "()")
		if k <= 0 || line[j+1+k] != ')' || utf8.RuneCountInString(line[j+1:j+1+k]) > 16 {
			break
		}
		if note != "" {
			note += " "
		}
		note += strings.TrimSpace(line[j+1 : j+1+k])
		j = skipSpaces(line, j+2+k)
		i = j
	}
	colon := j < len(line) && line[j] == ':'
	if colon {
		i = skipSpaces(line, j+1)
	} else if j > i && note == "" {
		i = j
	}
	return note, i, colon
}

// hanRun returns the offset after the Han characters at byte i of s, and
// the 、 and colons between them (其中：副高级以上).
func hanRun(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '、' || r == ':' {
			if n, _ := utf8.DecodeRuneInString(s[i+size:]); !unicode.Is(unicode.Han, n) {
				break
			}
		} else if !unicode.Is(unicode.Han, r) {
			break
		}
		i += size
	}
	return i
}

func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// Fold returns s as Set reads it: NFKC (full-width forms and the
// ideographic space become ASCII), look-alike punctuation folded (∶ is a
// colon), brackets 【】〔〕 as round ones, tabs as spaces. White space is
// kept as it is, for it separates a row's cells.
func Fold(s string) string {
	s = parse.FoldLookAlikes(norm.NFKC.String(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case '【', '〔', '[':
			return '('
		case '】', '〕', ']':
			return ')'
		case '\t', '\u00a0':
			return ' '
		}
		return r
	}, s)
}

func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Labels returns the labels in line, which should be folded (see Fold),
// left to right. A label's notes are the label's: no label is found in
// them.
func (s *Set) Labels(line string) []Label {
	var out []Label
	for l, ok := s.Next(line, 0); ok; l, ok = s.Next(line, l.End) {
		out = append(out, l)
	}
	return out
}

// Next returns the first label in line at or after byte i, which should
// be at a character's start. Unlike Labels, it looks inside the notes of
// a label found before i: a reader that wants every place a label word
// stands (租赁房屋（建筑面积120平方米）) continues from the end of the
// label's word, l.Start+len(l.Word) when line is unspaced.
func (s *Set) Next(line string, i int) (Label, bool) {
	for pos := i; pos < len(line); {
		_, size := utf8.DecodeRuneInString(line[pos:])
		word, end := s.match(line, pos)
		if word == "" || !s.anywhere && !boundary(line, pos) && utf8.RuneCountInString(word) < 4 {
			pos += size
			continue
		}
		key := s.key[word]
		if key == "" {
			// a stop label begins a label it does not spell out
			// (专家 … 专家团队人数): the label runs on over Han characters
			end = hanRun(line, end)
		}
		note, after, colon := tail(line, end)
		return Label{Key: key, Word: word, Note: note, Start: pos, End: after, Colon: colon}, true
	}
	return Label{}, false
}

// boundary reports whether a label may start at byte i of line: at its
// start, or after white space, a colon, a closing bracket or a box.
func boundary(line string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(line[:i])
	return unicode.IsSpace(r) || strings.ContainsRune(":)|□☐☑■√✓", r)
}

// trimValue trims white space and separators around a value.
func trimValue(v string) string { return strings.Trim(v, " :") }

// Cell reads a cell (or a line) that starts with a label: the label and
// the value after it, up to the next label. It returns false when the cell
// does not start with a label.
func (s *Set) Cell(cell string) (Label, string, bool) {
	c := strings.TrimSpace(Fold(cell))
	ls := s.Labels(c)
	if len(ls) == 0 || ls[0].Start != 0 {
		return Label{}, "", false
	}
	end := len(c)
	if len(ls) > 1 {
		end = ls[1].Start
	}
	return ls[0], trimValue(c[ls[0].End:end]), true
}

// IsLabel reports whether a cell holds a label and nothing else but its
// note and separator: a header, not a value.
func (s *Set) IsLabel(cell string) bool {
	_, v, ok := s.Cell(cell)
	return ok && v == ""
}

// Lines reads the labelled values of lines, in order. Each label's value is
// the text after it up to the next label on its line. Labels whose line
// leaves them no value take theirs from the next line when that line holds
// no label: the whole line for one label, else its columns (see Columns),
// one per label without a value, stop labels included; when the columns do
// not come out one per label, those values stay "". Stop labels end values
// but are not returned.
func (s *Set) Lines(lines []string) []Hit {
	folded := make([]string, len(lines))
	labels := make([][]Label, len(lines))
	for i, l := range lines {
		folded[i] = strings.TrimSpace(Fold(l))
		labels[i] = s.Labels(folded[i])
	}
	var out []Hit
	for i, ls := range labels {
		var empty []int // this line's labels without a value
		first := len(out)
		for j, l := range ls {
			end := len(folded[i])
			if j+1 < len(ls) {
				end = ls[j+1].Start
			}
			v := trimValue(folded[i][l.End:end])
			if v == "" {
				empty = append(empty, j)
			}
			if l.Key != "" {
				out = append(out, Hit{Label: l, Value: v, Line: i, VLine: i})
			}
		}
		if len(empty) == 0 || i+1 >= len(lines) || len(labels[i+1]) > 0 {
			continue
		}
		vs := Columns(folded[i+1], len(empty))
		if vs == nil {
			continue
		}
		for k, j := range empty {
			if ls[j].Key == "" {
				continue
			}
			for h := first; h < len(out); h++ {
				if out[h].Start == ls[j].Start {
					out[h].Value, out[h].VLine = vs[k], i+1
				}
			}
		}
	}
	return out
}

// Rows returns lines with each header row and the row of values under it
// merged into one line of label-value pairs, so that a reader of pairs on
// one line reads them too:
//
//	机构名称    法定代表人          机构名称 河北某某有限公司    法定代表人 张伟
//	河北某某有限公司    张伟   →
//
// A header row is a line of labels (stop labels included) none of which
// has a value, followed by a line without labels that splits into one
// column per label (see Columns). Other lines are returned folded (see
// Fold) and trimmed. from[i] is the index in lines of the returned line i
// (the header row's, for a merged line).
func (s *Set) Rows(lines []string) (rows []string, from []int) {
	folded := make([]string, len(lines))
	labels := make([][]Label, len(lines))
	for i, l := range lines {
		folded[i] = strings.TrimSpace(Fold(l))
		labels[i] = s.Labels(folded[i])
	}
	for i := 0; i < len(lines); i++ {
		ls := labels[i]
		header := len(ls) > 0 && ls[0].Start == 0 && i+1 < len(lines) && len(labels[i+1]) == 0
		for j := 0; header && j < len(ls); j++ {
			end := len(folded[i])
			if j+1 < len(ls) {
				end = ls[j+1].Start
			}
			header = trimValue(folded[i][ls[j].End:end]) == ""
		}
		var vs []string
		if header {
			vs = Columns(folded[i+1], len(ls))
		}
		if vs == nil {
			rows, from = append(rows, folded[i]), append(from, i)
			continue
		}
		var b strings.Builder
		for j, l := range ls {
			if j > 0 {
				b.WriteString("    ")
			}
			end := len(folded[i])
			if j+1 < len(ls) {
				end = ls[j+1].Start
			}
			b.WriteString(strings.TrimSpace(folded[i][l.Start:end]) + " " + vs[j])
		}
		rows, from = append(rows, b.String()), append(from, i)
		i++
	}
	return rows, from
}

// Unspace joins the letters of letter-spaced words in line (总 资 产 （ 元
// ）：12 → 总资产（元）：12): a run of two or more one-character tokens
// (Han characters, brackets, colons) each one space apart, with the token
// after it when that starts with a Han character, a bracket or a colon (the
// word's last letter written against its note, separator or value). Other
// text, and gaps wider than one space, are kept.
func Unspace(line string) string {
	type tok struct{ text, gap string }
	var toks []tok
	for i := 0; i < len(line); {
		j := i
		for j < len(line) && line[j] != ' ' {
			j++
		}
		k := j
		for k < len(line) && line[k] == ' ' {
			k++
		}
		toks = append(toks, tok{line[i:j], line[j:k]})
		i = k
	}
	var b strings.Builder
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && letter(toks[j].text) && (j == i || toks[j-1].gap == " ") {
			j++
		}
		if j-i < 2 {
			b.WriteString(toks[i].text + toks[i].gap)
			i++
			continue
		}
		for _, t := range toks[i:j] {
			b.WriteString(t.text)
		}
		if j < len(toks) && toks[j-1].gap == " " {
			if r, _ := utf8.DecodeRuneInString(toks[j].text); unicode.Is(unicode.Han, r) || strings.ContainsRune("():：（）", r) {
				b.WriteString(toks[j].text)
				j++
			}
		}
		b.WriteString(toks[j-1].gap)
		i = j
	}
	return b.String()
}

// letter reports whether a token is one letter of a letter-spaced word.
func letter(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	return n == len(t) && n > 0 && (unicode.Is(unicode.Han, r) || strings.ContainsRune("():：（）、", r))
}

var wideGap = regexp.MustCompile(` {2,}`)

// Columns splits a row of values into n columns: at runs of two or more
// spaces when that gives n, else at single spaces with the pieces of a
// spaced date (2024 年 3 月 5 日) kept together. It returns nil when the
// row does not split into n columns: a row of two values (49人 34人) is not
// the value of one label, nor is a name with spaces in it.
func Columns(row string, n int) []string {
	row = strings.TrimSpace(row)
	if n <= 0 || row == "" {
		return nil
	}
	if cs := wideGap.Split(row, -1); len(cs) == n && n > 1 {
		return cs
	}
	var cs []string
	for _, f := range strings.Fields(row) {
		if k := len(cs) - 1; k >= 0 && datePieces(cs[k], f) {
			cs[k] += " " + f
			continue
		}
		cs = append(cs, f)
	}
	if len(cs) != n {
		return nil
	}
	return cs
}

// datePieces reports whether next continues the spaced date begun in prev:
// 2024 | 年, 2024 年 | 3, 3 | 月.
func datePieces(prev, next string) bool {
	if !isDatePiece(prev) || !isDatePiece(next) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(prev)
	n, _ := utf8.DecodeRuneInString(next)
	switch {
	case unicode.IsDigit(p):
		return strings.ContainsRune("年月日号", n)
	case p == '年' || p == '月':
		return unicode.IsDigit(n) && utf8.RuneCountInString(strings.TrimRight(next, "月日号")) <= 2
	}
	return false
}

// isDatePiece reports whether a column built so far may continue as a date:
// digits and 年月日 only.
func isDatePiece(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != ' ' && !strings.ContainsRune("年月日号", r) {
			return false
		}
	}
	return true
}

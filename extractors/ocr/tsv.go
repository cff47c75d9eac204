package ocr

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
)

// word is one level-5 row of tesseract's TSV output.
type word struct {
	block, par, line int
	left, top        int
	width, height    int
	conf             float64
	text             string           // NFKC-normalised
	boxes            []extractors.Box // one per rune of text on the input image (placer.place); nil if not placed
}

// parseTSV reads tesseract's TSV output and returns its words (level 5) in
// output order, NFKC-normalised, 〈〉 read as (). Empty words are dropped.
func parseTSV(data []byte) ([]word, error) {
	var words []word
	// tesseract's Chinese model reads the full-width parentheses of
	// licenses (有限责任公司（自然人投资或控股）) as angle brackets, which
	// these documents never use.
	fix := strings.NewReplacer("〈", "(", "〉", ")")
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		row := sc.Text()
		if n == 1 {
			if !strings.HasPrefix(row, "level\t") {
				return nil, fmt.Errorf("parse tesseract TSV: unexpected header %q", clip(row))
			}
			continue
		}
		if row == "" {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) < 11 {
			return nil, fmt.Errorf("parse tesseract TSV line %d: %d fields", n, len(f))
		}
		if f[0] != "5" || len(f) < 12 {
			continue
		}
		text := fix.Replace(strings.TrimSpace(norm.NFKC.String(f[11])))
		if text == "" {
			continue
		}
		var ints [9]int
		for i := 1; i <= 9; i++ {
			v, err := strconv.Atoi(f[i])
			if err != nil {
				return nil, fmt.Errorf("parse tesseract TSV line %d field %d: %w", n, i+1, err)
			}
			ints[i-1] = v
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if err != nil {
			return nil, fmt.Errorf("parse tesseract TSV line %d conf: %w", n, err)
		}
		words = append(words, word{
			block: ints[1], par: ints[2], line: ints[3],
			left: ints[5], top: ints[6], width: ints[7], height: ints[8],
			conf: max(conf, 0), text: text,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read tesseract TSV: %w", err)
	}
	return words, nil
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// bigGap is the horizontal gap, in multiples of the line height, beyond
// which two words are separate columns and keep a space between them even
// when both are Chinese.
const bigGap = 1.5

// buildLines groups words into lines by tesseract's block, paragraph and
// line numbers and joins each line's words: no space next to Chinese
// characters or punctuation, a space between two Latin or digit words, and a
// space wherever the gap between words is large (a column break). It returns
// the lines and the mean word confidence.
func buildLines(words []word) ([]Line, float64) {
	var lines []Line
	var confSum float64
	n := 0
	for i := 0; i < len(words); {
		j := i + 1
		for j < len(words) && words[j].block == words[i].block && words[j].par == words[i].par && words[j].line == words[i].line {
			j++
		}
		lw := cleanWords(words[i:j])
		i = j
		if len(lw) == 0 {
			continue
		}
		slices.SortStableFunc(lw, func(a, b word) int { return a.left - b.left })
		h := lineHeight(lw)
		var b strings.Builder
		var sum float64
		var boxes []extractors.Box
		placed := true
		for k, w := range lw {
			if k > 0 {
				prev := lw[k-1]
				gap := float64(w.left - (prev.left + prev.width))
				if gap > bigGap*h || needsSpace(prev.text, w.text) {
					b.WriteByte(' ')
					boxes = append(boxes, extractors.Box{})
				}
			}
			b.WriteString(w.text)
			sum += w.conf
			placed = placed && len(w.boxes) == utf8.RuneCountInString(w.text)
			boxes = append(boxes, w.boxes...)
		}
		confSum += sum
		n += len(lw)
		if !placed {
			boxes = nil
		}
		lines = append(lines, Line{Text: b.String(), Conf: sum / float64(len(lw)), Boxes: boxes})
	}
	if n == 0 {
		return nil, 0
	}
	return lines, confSum / float64(n)
}

// junkConf is the confidence below which a word made only of punctuation is
// taken for noise: tesseract's Chinese model reads wide blank gaps (between
// a label and its value) as quote marks and commas.
const junkConf = 40

// cleanWords drops low-confidence punctuation-only words and strips the
// closing quote tesseract puts before a word after a blank gap (”型, ”河北):
// a closing quote never starts a word, nor an opening one a number.
func cleanWords(ws []word) []word {
	out := ws[:0:0]
	for _, w := range ws {
		if t, ok := strings.CutPrefix(w.text, "”"); ok && t != "" && !allPunct(t) {
			w.text, w.boxes = t, dropFirst(w.boxes)
		} else if t, ok := strings.CutPrefix(w.text, "“"); ok && t != "" && unicode.IsDigit([]rune(t)[0]) {
			w.text, w.boxes = t, dropFirst(w.boxes)
		}
		if allPunct(w.text) && w.conf < junkConf {
			continue
		}
		out = append(out, w)
	}
	return out
}

// dropFirst is boxes without the first, for a word whose first rune is
// cut.
func dropFirst(boxes []extractors.Box) []extractors.Box {
	if len(boxes) == 0 {
		return nil
	}
	return boxes[1:]
}

func allPunct(s string) bool {
	for _, r := range s {
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
			return false
		}
	}
	return true
}

// lineHeight is the median word height of a line: robust against the tall
// boxes tesseract reports for some Chinese characters.
func lineHeight(lw []word) float64 {
	hs := make([]int, len(lw))
	for i, w := range lw {
		hs[i] = w.height
	}
	slices.Sort(hs)
	return float64(max(hs[len(hs)/2], 1))
}

// needsSpace reports whether two adjacent words on a line are separated by a
// space: only when the end of a and the start of b are both letters or
// digits of an alphabetic script (Latin words, numbers, a date and a time).
func needsSpace(a, b string) bool {
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return isAlnum(ra) && isAlnum(rb)
}

func isAlnum(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r)
}

// isCJK reports whether r is a Chinese, Japanese or Korean character or a
// CJK punctuation mark.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

package credit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
)

var (
	dateRe    = regexp.MustCompile(`(\d{4})\s*[-./年]\s*[-./]?\s*(\d{1,2})\s*[-./月]\s*[-./]?\s*(\d{1,2})`)
	dayTimeRe = regexp.MustCompile(`\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?\s*\d{1,2}\s*[:：]\s*\d{2}`)
)

// hit is a labelled field: the line of its label, the line of its value
// and the value's text; exact when the label was read word for word.
type hit struct {
	at, valAt int
	val       string
	exact     bool
}

// fieldHits are the labelled fields of a document and the lines they use.
type fieldHits struct {
	subject, uscc, date []hit
	lines               map[int]bool
}

// fieldSet is the subject, code and query date a block (or page) shows.
type fieldSet struct {
	subject extractors.Field[string]
	uscc    extractors.Field[string]
	date    extractors.Field[time.Time]
}

func findFields(lines []line) fieldHits {
	fl := fieldHits{lines: map[int]bool{}}
	fl.subject = labelledAll(lines, subjectLabels, func(v string) bool { return len([]rune(v)) >= 2 && !recordTable(v) })
	fl.uscc = labelledAll(lines, usccLabels, func(v string) bool { return len(uscc.Candidates(v)) > 0 })
	fl.date = labelledAll(lines, dateLabels, func(v string) bool { _, ok := parse.Date(v); return ok || dateRe.MatchString(v) })
	for _, hs := range [][]hit{fl.subject, fl.uscc, fl.date} {
		for _, h := range hs {
			fl.lines[h.at], fl.lines[h.valAt] = true, true
		}
	}
	return fl
}

// labelledAll finds every line holding one of labels: word for word
// anywhere in the line, or garbled by OCR (fuzzily) at its start with a
// value that valid accepts (a garbled label is taken on the value's word:
// 移出日期 is a column heading, not 出具日期). The value is the text after
// the label (and its colon) up to another field's label, or the next line
// when the label stands alone.
func labelledAll(lines []line, labels []string, valid func(string) bool) []hit {
	var hits []hit
	for i := range lines {
		h, ok := labelAt(lines, i, labels)
		if !ok || (!h.exact && (!valid(h.val) || recordTable(lines[i].text))) {
			continue
		}
		hits = append(hits, h)
	}
	return hits
}

func labelAt(lines []line, i int, labels []string) (hit, bool) {
	l := lines[i]
	mk := func(rest string, exact bool) hit {
		v := cutAtLabel(strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(rest), ":：;；. ")))
		if v == "" && i+1 < len(lines) && !startsWithLabel(lines[i+1].text) {
			return hit{at: i, valAt: i + 1, val: cutAtLabel(lines[i+1].text), exact: exact}
		}
		return hit{at: i, valAt: i, val: v, exact: exact}
	}
	best, bestK := "", -1
	for _, lab := range labels {
		if k := strings.Index(l.text, lab); k >= 0 && (bestK < 0 || k < bestK || (k == bestK && len(lab) > len(best))) {
			best, bestK = lab, k
		}
	}
	if bestK >= 0 {
		return mk(l.text[bestK+len(best):], true), true
	}
	rs := []rune(l.text)
	for _, lab := range labels {
		lr := []rune(lab)
		if len(lr) < 4 {
			continue // a short label garbled is anyone's guess
		}
		if end, ok := findFuzzy(rs, lr, 0.75); ok && end <= len(lr)+2 {
			return mk(string(rs[end:]), false), true
		}
	}
	return hit{}, false
}

// pick returns the first hit whose label lies in [lo, hi), preferring
// labels read word for word.
func pick(hs []hit, lo, hi int) (hit, bool) {
	for _, exact := range []bool{true, false} {
		for _, h := range hs {
			if h.at >= lo && h.at < hi && h.exact == exact {
				return h, true
			}
		}
	}
	return hit{}, false
}

// blockFields reads the fields labelled within lines [lo, hi).
func blockFields(lines []line, fl fieldHits, lo, hi int, ev func(line) extractors.Evidence) (fs fieldSet) {
	if h, ok := pick(fl.subject, lo, hi); ok {
		fs.subject = readSubject(lines, h, ev)
	}
	if h, ok := pick(fl.uscc, lo, hi); ok {
		fs.uscc = readUSCC(h.val, ev(lines[h.valAt]))
	}
	if h, ok := pick(fl.date, lo, hi); ok {
		fs.date = readDate(h.val, ev(lines[h.valAt]))
	}
	return fs
}

// pageFields reads the fields of the whole document, falling back to an
// unlabelled code or date (with a doubt) when no label is readable.
func pageFields(lines []line, fl fieldHits, ev func(line) extractors.Evidence) fieldSet {
	fs := blockFields(lines, fl, 0, len(lines), ev)
	if len(fl.uscc) == 0 {
		for j, l := range lines {
			if codes := uscc.Find(l.text); len(codes) > 0 {
				fs.uscc = extractors.Found(codes[0], ev(lines[j]))
				fs.uscc.Doubt = "USCC found without its label"
				break
			}
		}
	}
	if len(fl.date) == 0 {
		for j, l := range lines {
			if loc := dayTimeRe.FindString(l.text); loc != "" {
				fs.date = readDate(loc, ev(lines[j]))
				if fs.date.OK && fs.date.Doubt == "" {
					fs.date.Doubt = "query time found without its label"
				}
				break
			}
		}
		if !fs.date.OK {
			// a date on a line that names a time or date (截图日期 …)
			for j, l := range lines {
				if !containsAny(l.text, dateWords) {
					continue
				}
				if loc := dateRe.FindString(l.text); loc != "" {
					if d := readDate(loc, ev(lines[j])); d.OK {
						fs.date = d
						fs.date.Doubt = "query date found without its label"
						break
					}
				}
			}
		}
	}
	return fs
}

// readSubject reads the subject's name from its hit: the value up to a
// gap the OCR line shows between two runs of Chinese text (where the next
// field, such as a garbled query date, begins), checked against the name
// typed into the search box.
func readSubject(lines []line, h hit, ev func(line) extractors.Evidence) extractors.Field[string] {
	name := compactName(cutAtGap(lines[h.valAt], h.val))
	if name == "" {
		return extractors.Field[string]{Evidence: ev(lines[h.valAt]), Doubt: "subject label without a name"}
	}
	f := extractors.Found(name, ev(lines[h.valAt]))
	if alt := searchBox(lines, h.at); alt != "" && alt != name && similar(alt, name) {
		f.Doubt = fmt.Sprintf("OCR readings differ: %s / %s", name, alt)
	}
	return f
}

// cutAtGap cuts the value v of an OCR line at the first space after a
// run of at least four Chinese characters and before anything but a
// bracket: OCR writes a space next to a Chinese character only where the
// page shows a gap (or around a bracket), so the space ends the name and
// starts the next field (such as a garbled query date).
func cutAtGap(l line, v string) string {
	if l.page == nil || l.page.Method != extractors.MethodOCR {
		return v
	}
	raw := norm.NFKC.String(l.raw)
	vr := []rune(v)
	if len(vr) < 2 {
		return v
	}
	start := strings.Index(raw, string(vr[:2]))
	if start < 0 {
		return v
	}
	rs := []rune(raw[start:])
	run := 0
	for i, r := range rs {
		switch {
		case unicode.IsSpace(r):
			if run >= 4 && parse.IsCJK(rs[i-1]) && i+1 < len(rs) && !strings.ContainsRune("()（）", rs[i+1]) {
				if cut := parse.Norm(string(rs[:i])); strings.HasPrefix(v, cut) {
					return cut
				}
				return v
			}
			run = 0
		case parse.IsCJK(r) || strings.ContainsRune("()（）", r):
			run++
		default:
			run = 0
		}
	}
	return v
}

// cutAtLabel cuts v before the label of another field on the same line.
func cutAtLabel(v string) string {
	end := len(v)
	for _, lab := range otherLabels {
		if k := strings.Index(v, lab); k > 0 && k < end {
			end = k
		}
	}
	return strings.TrimSpace(v[:end])
}

// startsWithLabel reports whether a line starts with a field's label.
func startsWithLabel(t string) bool {
	for _, lab := range otherLabels {
		if strings.HasPrefix(t, lab) {
			return true
		}
	}
	return false
}

// searchBox returns the subject as typed into the search box: the text of a
// line before the subject line that ends in 查询 and is not the breadcrumb.
func searchBox(lines []line, subject int) string {
	for i := subject - 1; i >= 0 && i >= subject-3; i-- {
		t := lines[i].text
		if containsAny(t, navCues) {
			continue
		}
		for _, s := range searchSuffix {
			if strings.HasSuffix(t, s) {
				if list, _ := whichList(t); list != "" {
					return "" // a title such as 失信被执行人查询
				}
				return compactName(strings.TrimSuffix(t, s))
			}
		}
	}
	return ""
}

// compactName removes the spaces OCR puts into a name around brackets and
// between characters; a name with Latin words keeps single spaces between
// them.
func compactName(s string) string {
	s = parse.Norm(s)
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if r == ' ' {
			if i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1]) {
				b.WriteRune(r)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// readUSCC reads the code after its label: valid (after repairing OCR
// confusions where the check character verifies), else the raw reading
// with a doubt.
func readUSCC(v string, ev extractors.Evidence) extractors.Field[string] {
	if codes := uscc.Find(v); len(codes) > 0 {
		return extractors.Found(codes[0], ev)
	}
	raw := strings.ToUpper(strings.Join(strings.Fields(v), ""))
	if cs := uscc.Candidates(v); len(cs) > 0 {
		raw = cs[0]
	}
	if raw == "" {
		return extractors.Field[string]{Evidence: ev, Doubt: "USCC label without a code"}
	}
	f := extractors.Found(raw, ev)
	f.Doubt = "USCC reading " + raw + " does not verify (GB 32100 check character)"
	return f
}

// readDate reads the query date from the text after its label.
func readDate(v string, ev extractors.Evidence) extractors.Field[time.Time] {
	m := dateRe.FindStringSubmatch(v)
	if m == nil {
		// 二〇二六年三月一日, 20260301 and the other forms parse reads
		if t, ok := parse.Date(v); ok {
			return extractors.Found(t, ev)
		}
		return extractors.Field[time.Time]{Evidence: ev, Doubt: "query time unreadable: " + extractors.Clip(v)}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t, ok := parse.Day(y, mo, d)
	if !ok {
		return extractors.Field[time.Time]{Evidence: ev, Doubt: "query date not a calendar day: " + m[0]}
	}
	return extractors.Found(t, ev)
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// similar reports whether two readings share at least half their
// characters in order: two OCR readings of one name, not a name and a
// garbled title.
func similar(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	return 2*lcs(ra, rb) >= max(len(ra), len(rb))
}

// Package credit reads a Credit China (信用中国) query result, usually a
// screenshot read by OCR: which list was queried (失信被执行人, 严重失信主体名单,
// 经营异常名录, 重大税收违法失信主体), for which subject and USCC, when, and
// whether the page shows no record or a record.
//
// OCR garbles characters, so labels and list names are matched fuzzily (most
// of their characters in order) and values carry a Doubt when two readings
// disagree or a code does not verify.
package credit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
)

// The lists a result may be for, as the dossier's fact keys name them.
const (
	DishonestDebtor   = "dishonest_debtor"   // 失信被执行人
	SeriousDishonesty = "serious_dishonesty" // 严重失信主体名单
	AbnormalOperation = "abnormal_operation" // 经营异常名录
	TaxViolation      = "tax_violation"      // 重大税收违法失信主体
)

// Outcomes of a query.
const (
	Clear      = "clear"      // the page says there is no record for the subject
	Listed     = "listed"     // the page shows a record
	Unreadable = "unreadable" // neither can be read with confidence
)

// Result is what a credit query page shows.
type Result struct {
	List      string // one of the list constants, "" when not recognised
	Subject   extractors.Field[string]
	USCC      extractors.Field[string]
	QueryDate extractors.Field[time.Time]
	Outcome   string // Clear, Listed or Unreadable
	// Evidence holds the lines the list and the outcome were read from.
	Evidence []extractors.Evidence
	// Doubt, when not empty, says why the list or outcome is uncertain
	// (and, for Unreadable, why nothing could be read).
	Doubt string
}

// listNames are the names each list goes by in titles, breadcrumbs and
// section headings.
var listNames = []struct {
	list  string
	names []string
}{
	{DishonestDebtor, []string{"失信被执行人"}},
	{SeriousDishonesty, []string{"严重失信主体名单", "严重失信主体", "严重违法失信名单", "严重违法失信企业名单"}},
	{AbnormalOperation, []string{"经营异常名录", "异常经营名录", "经营异常名单"}},
	{TaxViolation, []string{"重大税收违法失信主体", "税收违法黑名单", "重大税收违法案件当事人", "重大税收违法"}},
}

// clearPhrases say there is no record.
var clearPhrases = []string{"暂无数据", "未查询到", "无相关记录", "查询结果为空", "没有找到", "无记录", "暂无记录", "未找到",
	"暂无相关信息", "无相关信息", "没有查询到", "未检索到", "查无", "无符合条件", "暂无信息", "暂无结果", "无查询结果", "没有相关"}

// recordHeads are column headings of a record table.
var recordHeads = []string{"案号", "列入日期", "列入原因", "执行法院", "认定部门", "列入时间", "失信行为", "决定机关", "违法事实", "作出决定机关", "设立日期", "移出日期", "履行情况", "案件性质",
	"立案时间", "立案日期", "发布时间", "发布日期", "认定日期", "认定机关", "主要违法事实", "失信情形", "列入决定机关", "处罚情况"}

// Label texts of the fields (fuzzy).
var (
	subjectLabels = []string{"主体名称", "企业名称", "查询对象", "查询主体", "单位名称", "机构名称"}
	usccLabels    = []string{"统一社会信用代码", "信用代码"}
	timeLabels    = []string{"查询时间", "查询日期"}
)

var (
	countRe = regexp.MustCompile(`(?:结果|共找到|共查询到|共检索到|查询到|检索到|找到|共计|共有|共|记录数|记录)\s*[:：]?\s*(\d+)\s*(?:条|项|个|$)|查询结果\s*[(（]\s*(\d+)\s*[)）]|^(\d+)\s*条(?:记录|结果|信息|数据)`)
	// noneRe is a result stated as none (查询结果：无).
	noneRe = regexp.MustCompile(`(?:查询结果|结果|记录)\s*[:：]?\s*(?:无|空|暂无)(?:记录|数据|信息|结果)?\s*$`)
	// rowRe is a data row of a record table: it holds a date or a case number.
	rowRe     = regexp.MustCompile(`\d{4}\s*[-./年]\s*\d{1,2}|\d{4}\)|执\d|号`)
	dateRe    = regexp.MustCompile(`(\d{4})\s*[-./年]\s*[-./]?\s*(\d{1,2})\s*[-./月]\s*[-./]?\s*(\d{1,2})`)
	dayTimeRe = regexp.MustCompile(`\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?\s+\d{1,2}\s*[:：]\s*\d{2}`)
)

// line is one line of the document with where it came from.
type line struct {
	page *extractors.Page
	text string // normalised
}

// Extract reads the credit query result shown in d.
func Extract(d *extractors.Doc) Result {
	var lines []line
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			if t := parse.Norm(l); t != "" {
				lines = append(lines, line{p, t})
			}
		}
	}
	for _, s := range d.Sheets {
		for _, r := range s.Rows {
			if t := parse.Norm(strings.Join(r, " ")); t != "" {
				lines = append(lines, line{&extractors.Page{Number: 1, Method: extractors.MethodSheet}, t})
			}
		}
	}
	ev := func(l line) extractors.Evidence { return d.LineEvidence(l.page, l.text) }
	var r Result
	fieldLine := map[int]bool{}

	// Subject, USCC and query date from their labelled lines.
	if i, v, j := labelled(lines, subjectLabels); i >= 0 {
		fieldLine[i], fieldLine[j] = true, true
		name := compactName(v)
		if name != "" {
			r.Subject = extractors.Found(name, ev(lines[j]))
			if alt := searchBox(lines, i); alt != "" && alt != name {
				r.Subject.Doubt = fmt.Sprintf("OCR readings differ: %s / %s", name, alt)
			}
		}
	}
	if i, v, j := labelled(lines, usccLabels); i >= 0 {
		fieldLine[i], fieldLine[j] = true, true
		r.USCC = readUSCC(v, ev(lines[j]))
	} else {
		for j, l := range lines {
			if codes := uscc.Find(l.text); len(codes) > 0 {
				r.USCC = extractors.Found(codes[0], ev(lines[j]))
				r.USCC.Doubt = "USCC found without its label"
				break
			}
		}
	}
	if i, v, j := labelled(lines, timeLabels); i >= 0 {
		fieldLine[i], fieldLine[j] = true, true
		r.QueryDate = readDate(v, ev(lines[j]))
	} else {
		for j, l := range lines {
			if loc := dayTimeRe.FindString(l.text); loc != "" {
				r.QueryDate = readDate(loc, ev(lines[j]))
				if r.QueryDate.OK && r.QueryDate.Doubt == "" {
					r.QueryDate.Doubt = "query time found without its label"
				}
				break
			}
		}
		if !r.QueryDate.OK {
			// a date on a line that names a time or date (截图日期 …)
			for j, l := range lines {
				if !strings.Contains(l.text, "时间") && !strings.Contains(l.text, "日期") {
					continue
				}
				if loc := dateRe.FindString(l.text); loc != "" {
					if d := readDate(loc, ev(lines[j])); d.OK {
						r.QueryDate = d
						r.QueryDate.Doubt = "query date found without its label"
						break
					}
				}
			}
		}
	}

	// The list, by votes of the lines that name one.
	votes := map[string]int{}
	best := map[string]float64{}
	firstLine := map[string]int{}
	for i, l := range lines {
		if fieldLine[i] {
			continue
		}
		if navLine(l.text) {
			continue
		}
		list, score := whichList(l.text)
		if list == "" {
			continue
		}
		if _, ok := firstLine[list]; !ok {
			firstLine[list] = i
		}
		votes[list]++
		best[list] = max(best[list], score)
	}
	var cands []string
	for _, ln := range listNames {
		if votes[ln.list] > 0 {
			cands = append(cands, ln.list)
		}
	}
	if len(cands) == 0 {
		// only navigation names lists: let it vote after all
		for i, l := range lines {
			if fieldLine[i] {
				continue
			}
			list, score := whichList(l.text)
			if list == "" {
				continue
			}
			if _, ok := firstLine[list]; !ok {
				firstLine[list] = i
			}
			votes[list]++
			best[list] = max(best[list], score)
		}
		for _, ln := range listNames {
			if votes[ln.list] > 0 {
				cands = append(cands, ln.list)
			}
		}
	}
	switch len(cands) {
	case 0:
		r.Doubt = "no list name (失信被执行人, 严重失信主体名单, 经营异常名录, 重大税收违法失信主体) readable"
	default:
		top := cands[0]
		for _, c := range cands[1:] {
			if best[c] > best[top] || (best[c] == best[top] && votes[c] > votes[top]) {
				top = c
			}
		}
		r.List = top
		r.Evidence = append(r.Evidence, ev(lines[firstLine[top]]))
		if len(cands) > 1 {
			r.Doubt = "page names more than one list: " + strings.Join(cands, ", ")
		}
	}

	// The outcome.
	clearAt, listedAt := -1, -1
	listedByTable := false
	for i, l := range lines {
		if m := countRe.FindStringSubmatch(l.text); m != nil {
			n, _ := strconv.Atoi(m[1] + m[2] + m[3])
			if n == 0 {
				if clearAt < 0 {
					clearAt = i
				}
			} else if listedAt < 0 || listedByTable {
				listedAt, listedByTable = i, false
			}
			continue
		}
		if fieldLine[i] {
			continue
		}
		if clearAt < 0 && (containsFuzzy(l.text, clearPhrases) || noneRe.MatchString(l.text)) {
			clearAt = i
		}
		if listedAt < 0 && recordTable(l.text) {
			listedAt, listedByTable = i, true
		}
	}
	if clearAt >= 0 && listedAt >= 0 && listedByTable && emptyTable(lines, listedAt, clearAt) {
		// a table header over an empty body that says 暂无数据
		listedAt = -1
	}
	switch {
	case clearAt >= 0 && listedAt >= 0:
		r.Outcome = Unreadable
		r.Evidence = append(r.Evidence, ev(lines[clearAt]), ev(lines[listedAt]))
		r.Doubt = joinDoubt(r.Doubt, "page shows both no record and a record")
	case listedAt >= 0:
		r.Outcome = Listed
		r.Evidence = append(r.Evidence, ev(lines[listedAt]))
	case clearAt >= 0:
		r.Outcome = Clear
		r.Evidence = append(r.Evidence, ev(lines[clearAt]))
	default:
		r.Outcome = Unreadable
		if len(lines) == 0 {
			r.Doubt = joinDoubt(r.Doubt, "no text read from the page")
		} else {
			r.Doubt = joinDoubt(r.Doubt, "neither a no-record notice (暂无数据) nor a record table readable")
		}
	}
	return r
}

// emptyTable reports whether the record table whose header is at head has
// no data row: the no-record notice at clear follows it with no row between,
// or the count said zero before it and no row follows it.
func emptyTable(lines []line, head, clear int) bool {
	if clear > head {
		for k := head + 1; k < clear; k++ {
			if rowRe.MatchString(lines[k].text) {
				return false
			}
		}
		return true
	}
	if !countRe.MatchString(lines[clear].text) {
		return false
	}
	for k := head + 1; k < len(lines) && k <= head+3; k++ {
		if rowRe.MatchString(lines[k].text) {
			return false
		}
	}
	return true
}

// navLine reports whether a line names two or more lists word for word,
// as a tab bar or menu does: it says nothing about which list was queried.
func navLine(text string) bool {
	type span struct{ a, b int }
	var spans []span
	found := map[string]bool{}
	for _, ln := range listNames {
		for _, n := range ln.names {
			for off := 0; ; {
				k := strings.Index(text[off:], n)
				if k < 0 {
					break
				}
				a := off + k
				sp := span{a, a + len(n)}
				inside := false
				for _, o := range spans {
					if sp.a >= o.a && sp.b <= o.b {
						inside = true
					}
				}
				if !inside {
					spans = append(spans, sp)
					found[ln.list] = true
				}
				off = a + len(n)
			}
		}
	}
	return len(found) >= 2
}

func joinDoubt(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// labelled finds the line holding one of labels and returns its index and
// the text after the label (and its colon), or -1. An exact label anywhere
// in a line is preferred; failing that, a label OCR garbled (fuzzily) at the
// start of a line.
func labelled(lines []line, labels []string) (int, string, int) {
	after := func(rs []rune, end int) string {
		rest := strings.TrimSpace(string(rs[end:]))
		return cutAtLabel(strings.TrimSpace(strings.TrimLeft(rest, ":：;； ")))
	}
	found := func(i int, v string) (int, string, int) {
		if v == "" && i+1 < len(lines) && !startsWithLabel(lines[i+1].text) {
			// the value is on the next line
			return i, cutAtLabel(lines[i+1].text), i + 1
		}
		return i, v, i
	}
	for i, l := range lines {
		for _, lab := range labels {
			if k := strings.Index(l.text, lab); k >= 0 {
				return found(i, after([]rune(l.text[k+len(lab):]), 0))
			}
		}
	}
	for i, l := range lines {
		rs := []rune(l.text)
		for _, lab := range labels {
			lr := []rune(lab)
			if end, ok := findFuzzy(rs, lr, 0.75); ok && end <= len(lr)+2 {
				return found(i, after(rs, end))
			}
		}
	}
	return -1, "", -1
}

// otherLabels end a value when two fields share a line.
var otherLabels = []string{"统一社会信用代码", "信用代码", "查询时间", "查询日期", "查询结果", "主体名称", "企业名称", "查询对象", "查询主体"}

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
		if strings.Contains(t, ">") || strings.Contains(t, "首页") {
			continue
		}
		if strings.HasSuffix(t, "查询") {
			return compactName(strings.TrimSuffix(t, "查询"))
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
		return extractors.Field[time.Time]{Evidence: ev, Doubt: "query time unreadable: " + v}
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

// whichList returns the list a line names, with the match score, or "".
// The best-matching name wins, so 重大税收违法失信主体 is the tax list even
// though it contains most of 严重失信主体.
func whichList(text string) (string, float64) {
	rs := []rune(text)
	bestList, bestScore, bestLen := "", 0.0, 0
	for _, ln := range listNames {
		for _, n := range ln.names {
			nr := []rune(n)
			s := fuzzyScore(rs, nr)
			if s < 0.8 {
				continue
			}
			if s > bestScore || (s == bestScore && len(nr) > bestLen) {
				bestList, bestScore, bestLen = ln.list, s, len(nr)
			}
		}
	}
	return bestList, bestScore
}

// recordTable reports whether a line is the header of a record table: two
// record column headings, or one and a date.
func recordTable(text string) bool {
	n := 0
	for _, h := range recordHeads {
		if containsFuzzy(text, []string{h}) {
			n++
		}
	}
	return n >= 2 || (n == 1 && dateRe.MatchString(text))
}

// containsFuzzy reports whether text holds one of phrases, allowing OCR to
// garble a quarter of a phrase's characters (none of a two-character one).
func containsFuzzy(text string, phrases []string) bool {
	rs := []rune(text)
	for _, p := range phrases {
		if _, ok := findFuzzy(rs, []rune(p), 0.75); ok {
			return true
		}
	}
	return false
}

// fuzzyScore is the share of the characters of pat found in order within
// some window of text a little longer than pat.
func fuzzyScore(text, pat []rune) float64 {
	if len(pat) == 0 {
		return 0
	}
	in := map[rune]bool{}
	for _, r := range pat {
		in[r] = true
	}
	best := 0
	w := len(pat) + 2
	for i := range text {
		if !in[text[i]] {
			continue // a best window can start at a character of pat
		}
		j := min(len(text), i+w)
		if n := lcs(text[i:j], pat); n > best {
			best = n
			if best == len(pat) {
				break
			}
		}
	}
	return float64(best) / float64(len(pat))
}

// findFuzzy finds pat in text with at least the share min of its characters
// in order (all of them for patterns of up to two characters) and returns
// the index just after the match.
func findFuzzy(text, pat []rune, share float64) (int, bool) {
	if i := strings.Index(string(text), string(pat)); i >= 0 {
		return len([]rune(string(text)[:i])) + len(pat), true
	}
	if len(pat) <= 2 {
		return 0, false
	}
	need := int(share*float64(len(pat)) + 0.999)
	w := len(pat) + 1
	for i := range text {
		if text[i] != pat[0] && (len(pat) < 2 || text[i] != pat[1]) {
			continue // a match starts with one of the first two characters
		}
		j := min(len(text), i+w)
		if n, end := lcsEnd(text[i:j], pat); n >= need {
			return i + end, true
		}
	}
	return 0, false
}

// lcs is the length of the longest common subsequence of a and b.
func lcs(a, b []rune) int {
	n, _ := lcsEnd(a, b)
	return n
}

// lcsEnd returns the length of the longest common subsequence of a and b
// and the smallest prefix of a that holds it.
func lcsEnd(a, b []rune) (int, int) {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	best, end := 0, 0
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		if cur[len(b)] > best {
			best, end = cur[len(b)], i
		}
		prev, cur = cur, prev
	}
	return best, end
}

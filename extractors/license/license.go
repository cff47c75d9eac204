// Package license reads a registration certificate: a business licence
// (营业执照), a public institution's certificate (事业单位法人证书), a social
// organisation's (社会团体法人登记证书) or a private non-enterprise unit's
// (民办非企业单位登记证书). These are mostly scans and photos read by OCR,
// so labels (lexicon lists, license.json) are found by package fields after
// OCR noise is removed, values are recorded as read, and readings OCR often
// gets wrong carry a Doubt for the checks.
package license

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
	"ruku/extractors/fields"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
	"ruku/lexicon"
)

// Kinds of certificate, as License.Kind names them.
const (
	KindBusiness      = "营业执照"
	KindInstitution   = "事业单位法人证书"
	KindSocialGroup   = "社会团体法人登记证书"
	KindNonEnterprise = "民办非企业单位登记证书"
)

// License is what a registration certificate states. EntityType is the
// 类型 of a business licence, or the kind of body a certificate without a
// 类型 registers (事业单位, 社会团体, 民办非企业单位). A 事业单位法人证书 has
// no 成立日期: EstablishedOn is then !OK.
type License struct {
	Kind          string // one of the Kind constants; "" when not recognised
	Name          extractors.Field[string]
	USCC          extractors.Field[string]
	LegalRep      extractors.Field[string]
	EntityType    extractors.Field[string]
	Address       extractors.Field[string]
	EstablishedOn extractors.Field[time.Time]
}

// field names used while reading
const (
	fName     = "name"
	fType     = "type"
	fRep      = "rep"
	fCapital  = "capital"
	fEst      = "est"
	fTerm     = "term"
	fScope    = "scope"
	fAddr     = "addr"
	fCode     = "code"
	fAuthLike = "other"
)

// labels are the printed labels (after noise removal) of the fields, from
// the lexicon. OCR noise removal drops the spaces and colons around labels,
// so they are found anywhere in a cleaned line, the longest at each place
// (主要经营场所 over 经营场所), with the bracketed notes a label carries
// (法定代表人(负责人)) read as the label's.
var labels = func() *fields.Set {
	lx := lexicon.Default()
	return fields.New([]fields.Field{
		{Key: fCode, Words: lx.Words("license.code_labels")},
		{Key: fScope, Words: lx.Words("license.scope_labels")},
		{Key: fAddr, Words: lx.Words("license.address_labels")},
		{Key: fRep, Words: lx.Words("license.rep_labels")},
		{Key: fCapital, Words: lx.Words("license.capital_labels")},
		{Key: fEst, Words: lx.Words("license.established_labels")},
		{Key: fTerm, Words: lx.Words("license.term_labels")},
		{Key: fType, Words: lx.Words("license.type_labels")},
		{Key: fName, Words: lx.Words("license.name_labels")},
		{Key: fAuthLike, Words: lx.Words("license.other_labels")},
	}).Anywhere()
}()

// noise is what OCR scatters around labels and values.
var noiseRe = regexp.MustCompile(`[”“"'‘’，,。.|:：;；·•_]`)

// dotDateRe is a date written with dots: 2017.3.5, 2017.03.05.
var dotDateRe = regexp.MustCompile(`\b((?:19|20)\d{2})\.(\d{1,2})\.(\d{1,2})\b`)

var addrEndRe = regexp.MustCompile(`[室号层楼房户院铺间]$`)
var addrTailRe = regexp.MustCompile(`^[0-9A-Za-z\p{Han}\-]{0,7}[室号层楼房户院]$`)

// tradRe writes the traditional characters of the labels and titles
// (名稱, 類型, 營業執照 …) simplified, as OCR of a traditional-script model
// or font reads them.
var tradRe = strings.NewReplacer("稱", "称", "類", "类", "營", "营", "業", "业", "執", "执", "資", "资", "經", "经",
	"範", "范", "圍", "围", "場", "场", "負", "负", "註", "注", "冊", "册", "記", "记", "關", "关", "統", "统",
	"會", "会", "團", "团", "體", "体", "單", "单", "證", "证", "書", "书", "碼", "码", "號", "号", "廣", "广",
	"辦", "办", "機", "机", "効", "效", "來", "来", "務", "务", "國", "国", "區", "区", "樓", "楼", "層", "层")

// cleanLine removes spaces and OCR noise and unifies brackets.
func cleanLine(s string) string {
	s = parse.Norm(s)
	s = strings.NewReplacer("〈", "(", "《", "(", "〉", ")", "》", ")", "[", "(", "]", ")", "{", "(", "}", ")").Replace(s)
	s = tradRe.Replace(s)
	// a dotted date keeps its dots as hyphens (2017.3.5): the noise
	// removal would run its digits together
	s = dotDateRe.ReplaceAllString(s, "$1-$2-$3")
	s = noiseRe.ReplaceAllString(s, "")
	return fields.Fold(strings.Join(strings.Fields(s), ""))
}

// segments returns the labels of a cleaned line, left to right: a label's
// value is the text from its End to the next label's Start.
func segments(s string) ([]fields.Label, bool) {
	hits := labels.Labels(s)
	return hits, len(hits) > 0
}

type line struct {
	page *extractors.Page
	raw  string // as read (NFKC), spaces kept
	text string // cleaned
}

// Extract reads a registration certificate.
func Extract(d *extractors.Doc) License {
	var lic License
	if d == nil {
		return lic
	}
	var lines []line
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			if c := cleanLine(l); c != "" {
				lines = append(lines, line{p, strings.TrimSpace(norm.NFKC.String(l)), c})
			}
		}
	}
	all := ""
	for _, l := range lines {
		all += l.text
	}
	lx := lexicon.Default()
	switch {
	case lx.Contains(all, "license.institution_titles") || institutionLike(all):
		lic.Kind = KindInstitution
	case lx.Contains(all, "license.social_group_titles"):
		lic.Kind = KindSocialGroup
	case lx.Contains(all, "license.non_enterprise_titles"):
		lic.Kind = KindNonEnterprise
	case lx.Contains(all, "license.business_titles"):
		lic.Kind = KindBusiness
	}
	values := map[string]extractors.Field[string]{}
	for i, l := range lines {
		hits, _ := segments(l.text)
		// a row of labels whose values are on the next line, in columns
		below := labelRow(l.text, hits) && i+1 < len(lines)
		var cols []string
		if below {
			if nh, _ := segments(lines[i+1].text); len(nh) == 0 {
				cols = columns(lines[i+1].raw, hits)
			}
		}
		for k, h := range hits {
			if _, done := values[h.Key]; done {
				continue
			}
			end := len(l.text)
			if k+1 < len(hits) {
				end = hits[k+1].Start
			}
			v := l.text[h.End:end]
			ev := d.LineEvidence(l.page, l.raw)
			if below {
				// which value is whose is known only when the columns
				// are: else none is read rather than a neighbour's, but
				// for a 成立日期 when the line holds one day only
				switch {
				case cols != nil:
					v = cols[k]
				case h.Key == fEst && oneDay(lines[i+1].text):
					v = lines[i+1].text
				default:
					continue
				}
				ev = d.LineEvidence(lines[i+1].page, l.raw+" / "+lines[i+1].raw)
			} else if v == "" && k+1 == len(hits) && i+1 < len(lines) {
				// the value is on the next line
				next := lines[i+1]
				if nh, ok := segments(next.text); !ok {
					v = next.text
				} else if nh[0].Start > 0 {
					v = next.text[:nh[0].Start]
				}
				ev = d.LineEvidence(next.page, l.raw+" / "+next.raw)
			}
			if v == "" {
				continue
			}
			if h.Key == fAddr && !addrEndRe.MatchString(v) && !below {
				v, ev = continueAddress(d, lines, i, k, len(hits), v, ev)
			}
			values[h.Key] = extractors.Found(v, ev)
		}
	}
	ocr := d.Method() == extractors.MethodOCR
	if f, ok := values[fName]; ok {
		f.Value = tidy(f.Value)
		lic.Name = doubtOCR(f, ocr, pageConf(d, f.Evidence.Page))
	}
	if f, ok := values[fRep]; ok {
		f.Value = tidy(f.Value)
		lic.LegalRep = doubtOCR(f, ocr, pageConf(d, f.Evidence.Page))
	}
	if f, ok := values[fAddr]; ok {
		f.Value = tidy(f.Value)
		lic.Address = doubtOCR(f, ocr, pageConf(d, f.Evidence.Page))
	}
	if f, ok := values[fType]; ok && entityType(f.Value) {
		f.Value = tidy(f.Value)
		lic.EntityType = f
	} else if f, ok := typeByValue(d, lines); ok {
		lic.EntityType = f
	} else if ok {
		f.Value = tidy(f.Value)
		lic.EntityType = f
	}
	if !lic.Name.OK {
		if f, ok := unlabelledName(d, lines); ok {
			lic.Name = doubtOCR(f, ocr, pageConf(d, f.Evidence.Page))
		}
	}
	switch lic.Kind {
	case KindInstitution:
		lic.EntityType = certType("事业单位", values, d, lines)
	case KindSocialGroup:
		lic.EntityType = certType("社会团体", values, d, lines)
	case KindNonEnterprise:
		lic.EntityType = certType("民办非企业单位", values, d, lines)
	}
	lic.EstablishedOn = established(values, lic.Kind)
	lic.USCC = findUSCC(d, lines)
	return lic
}

// entityType reports whether v starts as a business licence's 类型 does:
// with a legal form the registration rules name (lexicon
// license.entity_types), its bracketed details after.
func entityType(v string) bool {
	for _, w := range lexicon.Default().Words("license.entity_types") {
		if strings.HasPrefix(v, w) {
			return true
		}
	}
	return false
}

// typeLeadRe is what OCR leaves of a garbled 类型 label before its value
// (类 -型, 类一了章): at most four characters.
var typeLeadRe = regexp.MustCompile(`^\S{0,4}$`)

// typeByValue finds a licence's 类型 by its value when OCR garbled the
// label: a line whose text after a short leading piece starts with a legal
// form, the name line excepted (a name starts with a place, never with
// 有限责任公司).
func typeByValue(d *extractors.Doc, lines []line) (extractors.Field[string], bool) {
	for _, l := range lines {
		fs := strings.Fields(l.raw)
		for k := 0; k < len(fs) && k < 3; k++ {
			lead := cleanLine(strings.Join(fs[:k], ""))
			if !typeLeadRe.MatchString(lead) {
				break
			}
			if hits, _ := segments(lead); len(hits) > 0 && hits[0].Key != fType {
				break
			}
			v := cleanLine(strings.Join(fs[k:], ""))
			if entityType(v) {
				if hits, _ := segments(v); len(hits) > 0 {
					v = v[:hits[0].Start]
				}
				return extractors.Found(tidy(v), d.LineEvidence(l.page, l.raw)), true
			}
		}
	}
	return extractors.Field[string]{}, false
}

// institutionFields are the fields only a 事业单位法人证书 prints.
var institutionFields = lexicon.Default().Words("license.institution_fields")

// institutionLike reports whether the text reads as a 事业单位法人证书 whose
// title OCR misread (事业单位法人局): the fields only such certificates
// print, and no other certificate's title.
func institutionLike(all string) bool {
	n := 0
	for _, f := range institutionFields {
		if strings.Contains(all, f) {
			n++
		}
	}
	lx := lexicon.Default()
	title := lx.Contains(all, "license.institution_title_parts")
	return (n >= 2 || (n >= 1 && title)) && !lx.Contains(all, "license.other_title_parts")
}

// orgNameRe is a line that can only be an institution's name.
// Its endings are the lexicon's license.institution_name_ends.
var orgNameRe = regexp.MustCompile(`^[\p{Han}()（）]{4,40}` + lexicon.Default().Alt("license.institution_name_ends") + `$`)

// unlabelledName is the name of a certificate whose 名称 label was lost:
// the only line without a label that reads as an institution's name.
func unlabelledName(d *extractors.Doc, lines []line) (extractors.Field[string], bool) {
	var found []line
	for _, l := range lines {
		t := strings.TrimLeft(l.text, "名称")
		if hits, _ := segments(t); len(hits) > 0 {
			continue
		}
		if orgNameRe.MatchString(t) && !lexicon.Default().Contains(t, "license.form_lines") {
			found = append(found, line{l.page, l.raw, t})
		}
	}
	if len(found) != 1 {
		return extractors.Field[string]{}, false
	}
	return extractors.Found(tidy(found[0].text), d.LineEvidence(found[0].page, found[0].raw)), true
}

// established reads 成立日期, repairing OCR's ] or ) for 1 (2015年1]月14日)
// or inserted after a digit (2022年01]月06日); 营业期限 starts on the same
// day and confirms the reading or stands in for it.
func established(values map[string]extractors.Field[string], kind string) extractors.Field[time.Time] {
	readings := func(f extractors.Field[string], ok bool) []time.Time {
		if !ok {
			return nil
		}
		var out []time.Time
		for _, r := range []*strings.Replacer{strings.NewReplacer(), dateOne, dateDrop} {
			if t, ok := parse.Date(r.Replace(f.Value)); ok && !slices.ContainsFunc(out, t.Equal) {
				out = append(out, t)
			}
		}
		return out
	}
	est, eok := values[fEst]
	term, tok := values[fTerm]
	a, b := readings(est, eok), readings(term, tok)
	for _, x := range a {
		for _, y := range b {
			if x.Equal(y) {
				f := extractors.Found(x, est.Evidence)
				if lostDigitRe.MatchString(est.Value) {
					f.Doubt = "成立日期 pads its month but not its day: a digit may be lost"
				}
				return f
			}
		}
	}
	if len(a) > 0 {
		f := extractors.Found(a[0], est.Evidence)
		switch {
		case len(b) > 0 || len(a) > 1:
			f.Doubt = "成立日期 reading uncertain"
		case lostDigitRe.MatchString(est.Value):
			f.Doubt = "成立日期 pads its month but not its day: a digit may be lost"
		}
		return f
	}
	if len(b) > 0 && (kind == KindBusiness || kind == "") {
		// a 登记证书's 有效期限 starts on its last renewal, not on the
		// body's founding
		f := extractors.Found(b[0], term.Evidence)
		f.Doubt = "成立日期 not read; taken from the start of 营业期限"
		return f
	}
	return extractors.Field[time.Time]{}
}

// lostDigitRe is a date whose month is zero-padded and whose day is a
// single digit (2014年04月1日): certificates pad both, so OCR lost a digit.
var lostDigitRe = regexp.MustCompile(`年0\d月\d日`)

var (
	dateDrop = strings.NewReplacer(")", "", "]", "", "|", "", "(", "")
	dateOne  = strings.NewReplacer(")", "1", "]", "1", "|", "1", "l", "1")
)

func pageConf(d *extractors.Doc, n int) float64 {
	for _, p := range d.Pages {
		if p.Number == n {
			return p.Conf
		}
	}
	return 0
}

func certType(kind string, values map[string]extractors.Field[string], d *extractors.Doc, lines []line) extractors.Field[string] {
	ev := extractors.Evidence{Path: d.Path}
	if len(lines) > 0 {
		ev = d.LineEvidence(lines[0].page, lines[0].raw)
	}
	for _, l := range lines {
		if strings.Contains(l.text, "证书") {
			ev = d.LineEvidence(l.page, l.raw)
			break
		}
	}
	return extractors.Found(kind, ev)
}

// continueAddress appends the end of an address that a narrow cell wrapped
// onto the next lines: a piece of one of them without a label, short and
// ending like an address (室, 号 …). The piece is the line's last when the
// address is the last field of its row (the left column holds other
// text), its first when the address is the first, or the one in the
// address's column when the line has as many pieces as its row has fields.
func continueAddress(d *extractors.Doc, lines []line, i, col, ncols int, v string, ev extractors.Evidence) (string, extractors.Evidence) {
	for k := i + 1; k < len(lines) && k <= i+2; k++ {
		type cand struct {
			s     string
			among bool // one piece of several
		}
		var cands []cand
		if fs := strings.Fields(lines[k].raw); len(fs) > 0 && col+1 == ncols {
			// OCR separates the columns by one space
			cands = append(cands, cand{fs[len(fs)-1], len(fs) > 1})
		}
		if hits, _ := segments(lines[k].text); len(hits) == 0 {
			ps := pieces(lines[k].raw)
			if len(ps) > 0 && col == 0 {
				cands = append(cands, cand{ps[0], len(ps) > 1})
			}
			if len(ps) > 1 && len(ps) == ncols {
				cands = append(cands, cand{ps[col], true})
			}
		}
		for _, c := range cands {
			if tail := cleanLine(c.s); addrTail(tail, c.among) {
				return v + tail, d.LineEvidence(lines[k].page, ev.Snippet+" / "+lines[k].raw)
			}
		}
	}
	return v, ev
}

// addrTail reports whether s reads as the wrapped end of an address: short
// and ending like one; a line's only piece must also hold a number (191号
// 1412室), or be very short, not to take a line of other text for it.
func addrTail(s string, among bool) bool {
	n := utf8.RuneCountInString(s)
	switch {
	case addrTailRe.MatchString(s) && (among || n <= 7):
		return true
	case n <= 16 && addrTailLongRe.MatchString(s) && strings.ContainsAny(s, "0123456789"):
		return true
	}
	return false
}

var addrTailLongRe = regexp.MustCompile(`^[0-9A-Za-z\p{Han}\-]{0,15}[室号层楼房户院]$`)

// wideGapRe is the gap between the columns of a line: two spaces or more,
// or a tab.
var wideGapRe = regexp.MustCompile(`\s{2,}|\t`)

// pieces splits a line as read into its columns.
func pieces(raw string) []string {
	var out []string
	for _, p := range wideGapRe.Split(strings.TrimSpace(raw), -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// labelRow reports whether a line holds two labels or more and no values:
// a row of labels whose values the next line holds, in the same order.
func labelRow(text string, hits []fields.Label) bool {
	if len(hits) < 2 || hits[0].Start != 0 {
		return false
	}
	for k, h := range hits {
		end := len(text)
		if k+1 < len(hits) {
			end = hits[k+1].Start
		}
		if h.End != end {
			return false
		}
	}
	return true
}

// columns returns the values, one a label of hits, of the line under a
// row of labels, or nil when its pieces do not match the labels: the end
// of a wrapped address joins the address, and pieces left over belong to
// the row's 经营范围, whose text wraps most.
func columns(raw string, hits []fields.Label) []string {
	if cols := columnsOf(pieces(raw), hits); cols != nil {
		return cols
	}
	// OCR separates columns by one space
	return columnsOf(strings.Fields(raw), hits)
}

// oneDay reports whether s holds dates of one day only.
func oneDay(s string) bool {
	ds := parse.Dates(s)
	for _, d := range ds {
		if !d.Equal(ds[0]) {
			return false
		}
	}
	return len(ds) > 0
}

func columnsOf(ps []string, hits []fields.Label) []string {
	for k := 1; k < len(ps); k++ {
		if tail := cleanLine(ps[k]); addrTail(tail, true) && !addrEndRe.MatchString(cleanLine(ps[k-1])) {
			ps[k-1] += ps[k]
			ps = append(ps[:k], ps[k+1:]...)
			k--
		}
	}
	if extra := len(ps) - len(hits); extra > 0 {
		for k, h := range hits {
			if h.Key == fScope {
				ps[k] = strings.Join(ps[k:k+extra+1], "")
				ps = append(ps[:k+1], ps[k+extra+1:]...)
				break
			}
		}
	}
	if len(ps) != len(hits) {
		return nil
	}
	for k := range ps {
		ps[k] = cleanLine(ps[k])
	}
	return ps
}

// tidy writes brackets around Chinese text full-width, as certificates
// print them.
func tidy(s string) string {
	s = strings.TrimSpace(s)
	s = strings.NewReplacer("(", "（", ")", "）").Replace(s)
	return strings.TrimLeft(s, "）")
}

// confusable are characters OCR puts for others in these scans (冀 read
// as 责, 茧, 坦, 费 or 翼 …).
var confusable = map[rune]string{
	'责': "冀", '茧': "冀", '坦': "冀", '费': "冀", '翼': "冀", '粪': "冀", '宾': "冀", '莫': "冀",
	'舌': "磊", '得': "鼎", '枢': "槐", '了': "1",
}

// minConf is the mean page confidence below which OCR readings are unsure.
const minConf = 80

func doubtOCR(f extractors.Field[string], ocr bool, conf float64) extractors.Field[string] {
	if !ocr {
		return f
	}
	var sus []string
	for _, r := range f.Value {
		if alt, ok := confusable[r]; ok {
			sus = append(sus, string(r)+"→"+alt+"?")
		}
	}
	switch {
	case len(sus) > 0:
		f.Doubt = "OCR reading; unsure characters: " + strings.Join(sus, " ")
	case conf > 0 && conf < minConf:
		f.Doubt = "OCR reading of low confidence"
	}
	return f
}

// uscc readings: OCR puts ] | l ! for 1 and splits the code.
var usccNoise = strings.NewReplacer("]", "", "|", "", "[", "", "!", "", "'", "", "`", "")
var usccOne = strings.NewReplacer("]", "1", "|", "1", "[", "1", "!", "1", "l", "1")

func findUSCC(d *extractors.Doc, lines []line) extractors.Field[string] {
	try := func(l line) (string, bool) {
		for _, s := range []string{l.raw, usccNoise.Replace(l.raw), usccOne.Replace(l.raw)} {
			if c := uscc.Find(s); len(c) > 0 {
				return c[0], true
			}
		}
		return "", false
	}
	// near the label first, then anywhere
	for i, l := range lines {
		if strings.Contains(l.text, "信用代码") {
			for k := i; k < len(lines) && k <= i+2; k++ {
				if c, ok := try(lines[k]); ok {
					return extractors.Found(c, d.LineEvidence(lines[k].page, lines[k].raw))
				}
			}
		}
	}
	for _, l := range lines {
		if c, ok := try(l); ok {
			return extractors.Found(c, d.LineEvidence(l.page, l.raw))
		}
	}
	// OCR may add a character: drop one where exactly one drop verifies
	for _, l := range lines {
		for _, run := range runs(usccNoise.Replace(l.raw), uscc.Len+1) {
			var found []string
			for i := range run {
				if c := run[:i] + run[i+1:]; uscc.Valid(c) && !slices.Contains(found, c) {
					found = append(found, c)
				}
			}
			if len(found) == 1 {
				f := extractors.Found(found[0], d.LineEvidence(l.page, l.raw))
				f.Doubt = "OCR reading " + run + " has a character too many; repaired by the check character"
				return f
			}
		}
	}
	// an unverified reading, for the reviewer
	for _, l := range lines {
		if c := uscc.Candidates(usccNoise.Replace(l.raw)); len(c) > 0 {
			f := extractors.Found(c[0], d.LineEvidence(l.page, l.raw))
			f.Doubt = "统一社会信用代码 check character does not verify"
			return f
		}
	}
	return extractors.Field[string]{}
}

// runs returns the runs of exactly n letters and digits in s, upper-cased.
func runs(s string, n int) []string {
	var out []string
	for _, f := range alnumRunRe.FindAllString(s, -1) {
		if len(f) == n {
			out = append(out, strings.ToUpper(f))
		}
	}
	return out
}

var alnumRunRe = regexp.MustCompile(`[0-9A-Za-z]+`)

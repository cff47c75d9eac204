// Package premises reads the documents that prove an applicant's premises:
// house leases (房屋租赁合同) and real-estate title certificates (不动产权证书),
// from text layers or OCR. One file may hold several such documents.
//
// A document's lines are read joined, for a lease's names and addresses
// wrap anywhere; the labels of its parties, address, area and term, and
// the words that end their values, are lexicon lists (premises.json) found
// in the joined text by package fields (Set.Anywhere). Numbers, units,
// dates and clause numbers are read by patterns.
package premises

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ruku/extractors"
	"ruku/extractors/fields"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
	"ruku/lexicon"
)

// Kinds of premises document.
const (
	KindLease       = "lease"
	KindCertificate = "certificate"
)

// Premises is one lease or certificate. Holder is the lessee (承租方) of a
// lease or the owner (权利人) of a certificate; Lessor is a lease's 出租方.
// AreaM2 is the area the document grants: a lease's 租赁面积, 建筑面积 or
// 使用面积 (in that preference), a certificate's 房屋建筑面积 (never the land
// area 宗地面积 or the 专有/分摊 parts). Start and End are a lease's term,
// both days included; they are !OK for a certificate.
type Premises struct {
	Kind       string // KindLease or KindCertificate
	Holder     extractors.Field[string]
	HolderUSCC extractors.Field[string]
	Lessor     extractors.Field[string]
	Address    extractors.Field[string]
	AreaM2     extractors.Field[float64]
	Start, End extractors.Field[time.Time]
}

// notes are the bracketed notes after a label or a party's name
// (（盖章）, （承租方）, （以下简称“乙方”）), from the lexicon. join blanks
// their words out (maskedNoteRe), so that a 承租方 inside a note is not
// read as a label, and trimName drops them from names.
var notes = parse.Notes{
	Words: lexicon.Default().Words("common.bracket_notes"),
	Leads: lexicon.Default().Words("common.name_notes"),
}

// maskedNoteRe is a note as join leaves it.
var maskedNoteRe = regexp.MustCompile(`\(_*\)`)

// areaVerb is what stands between an area's label and its number (为,
// 共计 …), from the lexicon.
var areaVerb = lexicon.Default().Alt("premises.area_verbs") + "?"

var (
	areaNum = `([0-9][0-9,]*(?:\.[0-9]+)?)\s*(?:平方米|平米|m2|M2|mi|m\b|m$|m[^A-Za-z]|平)`
	// areaValueRe is what follows an area's label: a verb, a colon, the
	// number and its unit (租赁面积共计:120平方米)
	areaValueRe = regexp.MustCompile(`^` + areaVerb + `[:：]?` + areaNum)
	// houseValueRe is what follows a certificate's 房屋 or 房屋面积 (房屋
	// 120.5㎡)
	houseValueRe = regexp.MustCompile(`^[:：]?` + areaNum)
	// noUnitValueRe is a certificate's 房屋建筑面积 whose unit OCR lost or
	// garbled (856.3211 for 856.32㎡): the number to two decimals.
	noUnitValueRe = regexp.MustCompile(`^` + areaVerb + `[:：]?(\d[\d,]*(?:\.\d{1,2})?)`)
	dateSpacer    = strings.NewReplacer("至", " 至 ", "到", " 到 ", "起", " 起 ", "止", " 止 ", "自", " 自 ", "~", " ~ ", "—", " — ", "，", " ， ", ",", " , ")
	durationRe    = regexp.MustCompile(lexicon.Default().Alt("premises.term_labels") + lexicon.Default().Alt("premises.term_verbs") + `?[:：]?([0-9一二两三四五六七八九十]+)(年|个月)`)
)

// Extract reads every lease and certificate in d, in order.
func Extract(d *extractors.Doc) []Premises {
	if d == nil {
		return nil
	}
	j := join(d)
	var out []Premises
	for _, seg := range segment(j.text) {
		p := read(d, j, seg)
		if p.Holder.OK || p.AreaM2.OK || p.Address.OK || p.Start.OK {
			out = append(out, p)
		}
	}
	return out
}

type span struct {
	start, end int
	kind       string
}

// segment splits the text where a lease (出租方：) or a certificate (权利人)
// begins. Text before the first mark belongs to the first document.
func segment(text string) []span {
	type mark struct {
		at   int
		kind string
	}
	var marks []mark
	for _, l := range documentMarks.Labels(text) {
		if l.Key == keyOwner {
			marks = append(marks, mark{l.Start, KindCertificate})
		} else if _, colon := afterNotes(text, l); colon {
			marks = append(marks, mark{l.Start, KindLease})
		}
	}
	sort.Slice(marks, func(a, b int) bool { return marks[a].at < marks[b].at })
	if len(marks) == 0 {
		kind := KindLease
		if certTitle(text) >= 0 {
			kind = KindCertificate
		}
		return []span{{0, len(text), kind}}
	}
	var out []span
	for i, m := range marks {
		start, end := m.at, len(text)
		if i == 0 {
			start = 0
		}
		if i+1 < len(marks) {
			end = marks[i+1].at
		}
		// a 权利人 inside a lease (产权人, the lessor's title) is not a new
		// certificate unless the text says it is one
		if m.kind == KindCertificate && len(out) > 0 && out[len(out)-1].kind == KindLease && certTitle(text[out[len(out)-1].start:end]) < 0 {
			out[len(out)-1].end = end
			continue
		}
		out = append(out, span{start, end, m.kind})
	}
	// a certificate's title precedes its 权利人: move it over
	for i := 1; i < len(out); i++ {
		if out[i].kind == KindCertificate {
			prev := text[out[i-1].start:out[i].start]
			if loc := certTitle(prev); loc >= 0 && out[i-1].kind != KindCertificate {
				out[i-1].end = out[i-1].start + loc
				out[i].start = out[i-1].end
			}
		}
	}
	return out
}

// Keys of the areas' labels (see lexicon premises.json): a key's labels are
// the list premises.<key>_labels.
const (
	keyLeaseArea    = "lease_area"    // 租赁面积
	keyBuildingArea = "building_area" // 建筑面积
	keyHouseArea    = "house_area"    // 房屋建筑面积
	keyUseArea      = "use_area"      // 使用面积
	keyArea         = "area"          // 面积
	keyPartArea     = "part_area"     // 专有建筑面积, 分摊建筑面积: a part of the whole
	keyLandArea     = "land_area"     // 宗地面积: the land's, never the premises'
	keyHouse        = "house"         // 房屋 before a certificate's area
)

// areaLabels finds the areas' labels in a document's joined text.
var areaLabels = func() *fields.Set {
	var fs []fields.Field
	for _, k := range []string{keyLeaseArea, keyBuildingArea, keyHouseArea, keyUseArea, keyArea, keyPartArea, keyLandArea, keyHouse} {
		fs = append(fs, fields.Field{Key: k, Words: lexicon.Default().Words("premises." + k + "_labels")})
	}
	return fields.New(fs).Anywhere()
}()

// areaRule is one rule of a document's area, in order of preference: the
// labels it accepts and what must follow the label's word.
type areaRule struct {
	accept func(fields.Label) bool
	re     *regexp.Regexp
}

func keyIs(keys ...string) func(fields.Label) bool {
	return func(l fields.Label) bool { return slices.Contains(keys, l.Key) }
}

var (
	// a lease's 租赁面积, else its 建筑面积, else its 使用面积, else any
	// area but the land's
	leaseAreaRules = []areaRule{
		{keyIs(keyLeaseArea), areaValueRe},
		{keyIs(keyBuildingArea, keyHouseArea), areaValueRe},
		{keyIs(keyUseArea), areaValueRe},
		{func(l fields.Label) bool { return l.Key != keyLandArea && strings.HasSuffix(l.Word, "面积") }, areaValueRe},
	}
	// a certificate's 房屋建筑面积, else its 建筑面积, else an area after 房屋
	certAreaRules = []areaRule{
		{keyIs(keyHouseArea), areaValueRe},
		{keyIs(keyBuildingArea, keyHouseArea), areaValueRe},
		{keyIs(keyHouse), houseValueRe},
	}
)

// addressRule is one way a document states its premises' address, in
// order of preference: the labels before it (a colon may follow them when
// colon is set) and the words that end it.
type addressRule struct {
	labels, ends *fields.Set
	colon        bool
}

// addressRules are a lease's 坐落于…的房屋, a certificate's 坐落, and a
// lease's 房屋地址 or 位于, from the lexicon lists premises.<name>_labels
// and premises.<name>_ends.
var addressRules = []addressRule{
	newAddressRule("address_in", false),
	newAddressRule("address_seat", true),
	newAddressRule("address", true),
}

func newAddressRule(name string, colon bool) addressRule {
	lx := lexicon.Default()
	set := func(list string) *fields.Set {
		return fields.New([]fields.Field{{Key: list, Words: lx.Words("premises." + name + list)}}).Anywhere()
	}
	return addressRule{labels: set("_labels"), ends: set("_ends"), colon: colon}
}

// read returns the address after the first of r's labels in text that has
// one: from the label's word (and colon) to the first of r's ends at least
// four characters on, or the text's end, at most 80 characters; and its
// offset in text.
func (r addressRule) read(text string) (string, int, bool) {
	for l, ok := r.labels.Next(text, 0); ok; l, ok = r.labels.Next(text, l.Start+len(l.Word)) {
		at := l.Start + len(l.Word)
		if r.colon && strings.HasPrefix(text[at:], ":") {
			at++
		}
		from := runesOn(text, at, 4)
		if utf8.RuneCountInString(text[at:from]) < 4 {
			continue
		}
		end := len(text)
		if e, ok := r.ends.Next(text, from); ok {
			end = e.Start
		}
		if utf8.RuneCountInString(text[at:end]) > 80 {
			continue
		}
		if v := trimName(text[at:end]); v != "" {
			return v, at, true
		}
		return "", 0, false
	}
	return "", 0, false
}

// runesOn returns the offset n characters after byte at of text, or the
// text's end.
func runesOn(text string, at, n int) int {
	for ; n > 0 && at < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[at:])
		at += size
	}
	return at
}

// certTitle returns the offset in text of the first title of a title
// certificate (不动产权证书, 房屋所有权证 …, from the lexicon), or -1.
func certTitle(text string) int {
	at := -1
	for _, w := range lexicon.Default().Words("premises.certificate_titles") {
		if i := strings.Index(text, w); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

func read(d *extractors.Doc, j joined, s span) Premises {
	text := j.text[s.start:s.end]
	p := Premises{Kind: s.kind}
	if s.kind == KindCertificate && certTitle(text) < 0 && leaseMarked(text) {
		p.Kind = KindLease
	}
	set := leaseParties
	if p.Kind != KindLease {
		set = certParties
	}
	ls := set.Labels(text)
	str := func(keys ...string) extractors.Field[string] {
		for _, k := range keys {
			for i := range ls {
				if ls[i].Key != k {
					continue
				}
				if v, at, _, ok := party(text, ls, i, k != keyLessorShort && k != keyLesseeShort); ok {
					at += s.start
					return found(d, j, j.lineCut(v, at), at)
				}
			}
		}
		return extractors.Field[string]{}
	}
	if p.Kind == KindLease {
		p.Lessor = str(keyLessorShort, keyLessor)
		if !p.Lessor.OK {
			p.Lessor = bareParty(d, j, s, ls, keyLessorShort)
		}
		p.Holder = str(keyLesseeShort, keyLessee)
		if !p.Holder.OK {
			p.Holder = bareParty(d, j, s, ls, keyLesseeShort)
		}
	} else {
		p.Holder = str(keyOwner)
	}
	if p.Holder.OK {
		// the holder's code follows its name
		at := strings.Index(j.text[s.start:], p.Holder.Value)
		if at >= 0 {
			rest := j.text[s.start+at : min(s.end, s.start+at+len(p.Holder.Value)+120)]
			if c := uscc.Find(rest); len(c) > 0 {
				p.HolderUSCC = found(d, j, c[0], s.start+at)
			}
		}
	}
	for _, r := range addressRules {
		if v, at, ok := r.read(text); ok {
			p.Address = found(d, j, v, s.start+at)
			break
		}
	}
	// area reads the first area labelled as a rule accepts: the number
	// after the label's word matched by re. Every place a label's word
	// stands counts, a label's note too (租赁房屋（建筑面积120平方米）).
	area := func(accept func(fields.Label) bool, re *regexp.Regexp) (string, int, bool) {
		for l, ok := areaLabels.Next(text, 0); ok; l, ok = areaLabels.Next(text, l.Start+len(l.Word)) {
			if !accept(l) {
				continue
			}
			at := l.Start + len(l.Word)
			if m := re.FindStringSubmatchIndex(text[at:]); m != nil {
				if v := trimName(text[at+m[2] : at+m[3]]); v != "" {
					return v, s.start + at + m[2], true
				}
				return "", 0, false
			}
		}
		return "", 0, false
	}
	rules := leaseAreaRules
	if p.Kind == KindCertificate {
		rules = certAreaRules
	}
	for k, r := range rules {
		if v, at, ok := area(r.accept, r.re); ok {
			if f, ok := parse.Number(v); ok && f > 0 {
				ev := found(d, j, v, at).Evidence
				p.AreaM2 = extractors.Found(f, ev)
				break
			}
		}
		if k == 0 && p.Kind == KindCertificate {
			// 房屋建筑面积 with its unit garbled wins over a bare 建筑面积
			if v, at, ok := area(keyIs(keyHouseArea), noUnitValueRe); ok {
				if f, ok := parse.Number(v); ok && f > 0 {
					p.AreaM2 = extractors.Found(f, found(d, j, v, at).Evidence)
					p.AreaM2.Doubt = "房屋建筑面积 read without its unit"
					break
				}
			}
		}
	}
	if p.Kind == KindLease {
		p.Start, p.End = term(d, j, s.start, text)
	}
	return p
}

// bareParty reads a party labelled 甲方 or 乙方 (key) without a colon (甲方
// 河北华信科技有限公司): the label must open a line and be the first mention
// of the party in the document (the parties are declared before the
// clauses speak of them), and the value must end like an organisation's
// name and be followed by what follows a party (its code, its address), for
// a clause that opens a line (乙方租用…的办公中心) is none.
func bareParty(d *extractors.Doc, j joined, s span, ls []fields.Label, key string) extractors.Field[string] {
	text := j.text[s.start:s.end]
	first := -1
	for i, l := range ls {
		if l.Key == key {
			first = i
			break
		}
	}
	if first < 0 || strings.Index(text, ls[first].Word) != ls[first].Start || !j.lineStart(s.start+ls[first].Start) {
		return extractors.Field[string]{}
	}
	v, at, end, ok := party(text, ls, first, true)
	if !ok || !partyBlock(text[end:]) {
		return extractors.Field[string]{}
	}
	off := s.start + at
	if v = j.lineCut(v, off); v == "" || !orgEndRe.MatchString(v) {
		return extractors.Field[string]{}
	}
	return found(d, j, v, off)
}

// Keys of the parties' labels (see lexicon premises.json): a key's labels
// are the list premises.<key>_labels.
const (
	keyLessor      = "lessor"
	keyLessorShort = "lessor_short"
	keyLessee      = "lessee"
	keyLesseeShort = "lessee_short"
	keyOwner       = "owner"
	keyStop        = "stop"
)

// leaseParties and certParties find the parties' labels and the words that
// end a party's name in a lease's or a certificate's joined text, where
// OCR and wrapping left no separators to find a label by.
var (
	leaseParties = partySet(keyLessorShort, keyLessor, keyLesseeShort, keyLessee)
	certParties  = partySet(keyOwner)
)

func partySet(keys ...string) *fields.Set {
	lx := lexicon.Default()
	var fs []fields.Field
	for _, k := range keys {
		fs = append(fs, fields.Field{Key: k, Words: lx.Words("premises." + k + "_labels")})
	}
	// a stop has a key, for a stop without one runs on over the text after it
	fs = append(fs, fields.Field{Key: keyStop, Words: lx.Words("premises.party_stops")})
	return fields.New(fs).Anywhere()
}

// partyEndRe ends a party's name where no label does: a note masked by
// join, a clause's number.
var partyEndRe = regexp.MustCompile(`\(_*\)|第[一二三四五六七八九十\d]+条|[一二三四五六七八九十]、`)

// party reads the value of label ls[i] in text as a party's name: after the
// label's notes and colon (a colon it must have unless colonOptional), up
// to the next label or partyEndRe at least two characters on; the name
// neither starts with a bracket nor holds a colon, and is at most 60
// characters long. It returns the name, its offset and its end.
func party(text string, ls []fields.Label, i int, colonOptional bool) (string, int, int, bool) {
	at, colon := afterNotes(text, ls[i])
	if !colon && !colonOptional {
		return "", 0, 0, false
	}
	from := runesOn(text, at, 2)
	end := len(text)
	for _, l := range ls[i+1:] {
		if l.Start >= from {
			end = l.Start
			break
		}
	}
	if from < end {
		if m := partyEndRe.FindStringIndex(text[from:end]); m != nil {
			end = from + m[0]
		}
	}
	v := text[at:end]
	if n := utf8.RuneCountInString(v); n < 2 || n > 60 || strings.HasPrefix(v, "(") || strings.Contains(v, ":") {
		return "", 0, 0, false
	}
	v = trimName(v)
	if v == "" {
		return "", 0, 0, false
	}
	return v, at, end, true
}

// afterNotes returns the offset after label l's notes and colon in text,
// and whether a colon was among them: the notes are fields' and longer
// ones (承租人（以下简称“乙方”，即承租方）), each of at most 40 characters.
func afterNotes(text string, l fields.Label) (int, bool) {
	at := l.End
	if l.Colon {
		return at, true
	}
	for strings.HasPrefix(text[at:], "(") {
		e := strings.IndexAny(text[at+1:], "()")
		if e < 0 || text[at+1+e] != ')' || utf8.RuneCountInString(text[at+1:at+1+e]) > 40 {
			break
		}
		at += e + 2
	}
	if strings.HasPrefix(text[at:], ":") {
		return at + 1, true
	}
	return at, false
}

// documentMarks are the labels a lease (出租方：, 甲方：, with a colon) or a
// certificate (权利人) begins at.
var documentMarks = func() *fields.Set {
	lx := lexicon.Default()
	return fields.New([]fields.Field{
		{Key: keyLessor, Words: append(lx.Words("premises.lessor_labels"), lx.Words("premises.lessor_short_labels")...)},
		{Key: keyOwner, Words: lx.Words("premises.certificate_marks")},
	}).Anywhere()
}()

// leaseMarked reports whether a lease begins in text: a lessor's label
// with a colon.
func leaseMarked(text string) bool {
	for _, l := range documentMarks.Labels(text) {
		if _, colon := afterNotes(text, l); colon && l.Key == keyLessor {
			return true
		}
	}
	return false
}

// partyBlock reports whether text, after a party's name, reads as the rest
// of the parties' block: masked notes, then the party's code, address,
// representative or telephone (not the other party: a clause may open
// with 甲方).
func partyBlock(text string) bool {
	for strings.HasPrefix(text, "(") {
		e := strings.Index(text, ")")
		if e < 0 || strings.Trim(text[1:e], "_") != "" {
			return false
		}
		text = text[e+1:]
	}
	for _, w := range lexicon.Default().Words("premises.party_block") {
		if strings.HasPrefix(text, w) {
			return true
		}
	}
	return false
}

// lineStart reports whether a line starts at offset off of the text.
func (j joined) lineStart(off int) bool {
	i := sort.SearchInts(j.start, off)
	return i < len(j.start) && j.start[i] == off
}

// termLabels finds the labels of a lease's term.
var termLabels = fields.New([]fields.Field{{Key: "term", Words: lexicon.Default().Words("premises.term_labels")}}).Anywhere()

// term reads a lease's term: the two dates after 租赁期限 (自…起至…止), or a
// start date and a duration (租期三年，自…起): the end is then the day
// before the anniversary.
func term(d *extractors.Doc, j joined, base int, text string) (start, end extractors.Field[time.Time]) {
	for l, ok := termLabels.Next(text, 0); ok; l, ok = termLabels.Next(text, l.Start+len(l.Word)) {
		loc := []int{l.Start, l.Start + len(l.Word)}
		win := text[loc[0]:min(len(text), loc[1]+90)]
		// parse.Dates wants a separator around numeric dates (2025-01-01至…)
		ds := parse.Dates(dateSpacer.Replace(win))
		ev := j.evidence(d, base+loc[0])
		if len(ds) >= 2 && ds[1].After(ds[0]) {
			return extractors.Found(ds[0], ev), extractors.Found(ds[1], ev)
		}
		if len(ds) >= 1 {
			if m := durationRe.FindStringSubmatch(win); m != nil {
				n, ok := count(m[1])
				if ok && n > 0 {
					e := ds[0].AddDate(n, 0, -1)
					if m[2] == "个月" {
						e = ds[0].AddDate(0, n, -1)
					}
					f := extractors.Found(e, ev)
					f.Doubt = "end computed from the term's length"
					return extractors.Found(ds[0], ev), f
				}
			}
		}
	}
	return
}

func count(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	n, ok := parse.ChineseInt(s)
	return int(n), ok
}

func found(d *extractors.Doc, j joined, v string, at int) extractors.Field[string] {
	return extractors.Found(v, j.evidence(d, at))
}

// joined is the document's text with lines joined without separators (a
// sentence wraps anywhere) and where each line starts.
type joined struct {
	text  string
	start []int
	page  []*extractors.Page
	raw   []string
}

func join(d *extractors.Doc) joined {
	var j joined
	var b strings.Builder
	for i := range d.Pages {
		p := &d.Pages[i]
		for _, l := range p.Lines {
			s := strings.ReplaceAll(parse.Norm(l), " ", "")
			if s == "" {
				continue
			}
			j.start = append(j.start, b.Len())
			j.page = append(j.page, p)
			j.raw = append(j.raw, l)
			b.WriteString(s)
		}
	}
	j.text = maskNotes(b.String())
	return j
}

// maskNotes blanks out the words of the notes after names in text,
// keeping their brackets and every offset: 公司(承租方) reads
// 公司(_________). A note after a party's label (甲方(出租方), 承租人(以下
// 简称乙方)) is the label's and stays.
func maskNotes(text string) string {
	spans := notes.Spans(text)
	if len(spans) == 0 {
		return text
	}
	b := []byte(text)
	for _, sp := range spans {
		if labelBefore(text[:sp[0]]) {
			continue
		}
		for i := sp[0] + 1; i < sp[1]-1; i++ {
			b[i] = '_'
		}
	}
	return string(b)
}

// labelBefore reports whether text ends with a note's word: a party's
// label (甲方, 承租人) or a note (盖章) that a note follows.
func labelBefore(text string) bool {
	text = strings.TrimRight(text, " ")
	for _, w := range notes.Words {
		if strings.HasSuffix(text, w) || strings.HasSuffix(text, w+")") {
			return true
		}
	}
	return false
}

// orgEndRe is how a party's name ends (lexicon premises.party_name_ends).
var orgEndRe = regexp.MustCompile(lexicon.Default().Alt("premises.party_name_ends") + `$`)

// ocrTailRe is a name followed by one or two stray characters: a name
// whose end is sure (premises.party_name_sure_ends), for OCR reads a
// table's border or a seal beside it.
var ocrTailRe = regexp.MustCompile(`^(.+` + lexicon.Default().Alt("premises.party_name_sure_ends") + `)[^()]{1,2}$`)

// lineCut shortens a party's name v found at offset at to the end of the
// line it starts on (a party line ends with the name), unless the name
// only ends, like a name, on the next line (a narrow cell wrapped it).
func (j joined) lineCut(v string, at int) string {
	i := sort.SearchInts(j.start, at+1) - 1
	if i < 0 || i+1 >= len(j.start) {
		return v
	}
	end := j.start[i+1] - at
	if j.page[i].Method == extractors.MethodOCR && end > 0 && end <= len(v) {
		// OCR reads a table's border or a seal beside the name: a stray
		// character or two after the name's end
		if m := ocrTailRe.FindStringSubmatch(v[:end]); m != nil {
			return trimName(m[1])
		}
	}
	if end <= 0 || end >= len(v) || orgEndRe.MatchString(v[:end]) {
		return trimName(v[:min(end, len(v))])
	}
	if i+2 < len(j.start) {
		next := j.start[i+2] - at
		if next < len(v) && orgEndRe.MatchString(v[:next]) {
			return trimName(v[:next])
		}
	}
	if orgEndRe.MatchString(v) {
		return v
	}
	return trimName(v[:end])
}

func (j joined) evidence(d *extractors.Doc, off int) extractors.Evidence {
	i := sort.SearchInts(j.start, off+1) - 1
	if i < 0 || i >= len(j.raw) {
		return extractors.Evidence{Path: d.Path}
	}
	return d.LineEvidence(j.page[i], j.raw[i])
}

// trimName removes separators around a value and brackets left unbalanced
// by the cut (乙方) or (普通合伙).
func trimName(v string) string {
	v = maskedNoteRe.ReplaceAllString(v, "")
	v = strings.TrimLeft(strings.Trim(v, " ,，:：;；"), ")）:：")
	if strings.HasPrefix(v, "(") && !strings.Contains(v, ")") {
		v = v[1:]
	}
	if strings.Count(v, "(") > strings.Count(v, ")") {
		v += ")"
	}
	return v
}

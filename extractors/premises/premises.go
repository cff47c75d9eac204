// Package premises reads the documents that prove an applicant's premises:
// house leases (房屋租赁合同) and real-estate title certificates (不动产权证书),
// from text layers or OCR. One file may hold several such documents.
//
// Every field is read through the shared labelled-field reader
// (extractors/label) with the wording of lexicon/data/premises.json.
package premises

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"ruku/extractors"
	"ruku/extractors/label"
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

// readers are the compiled readers of every premises field.
type readers struct {
	lessor, lessee, owner *label.Reader
	leaseAreas, certAreas []*label.Reader
	certNoUnit            *label.Reader
	address               *label.Reader
	termRe, durationRe    *regexp.Regexp
	termStart, termEnd    *label.Reader
	certTitles            []string
	leaseTitles           []string
}

var words = sync.OnceValue(func() *readers {
	lx := lexicon.Default()
	w := func(k string) []string { return lx.Words("premises." + k) }
	cat := func(ls ...[]string) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l...)
		}
		return out
	}
	parties := cat(w("lessor_labels"), w("lessee_labels"), w("owner_labels"), lx.Words("common.party_roles"))
	partyStops := cat(w("party_stops"), parties, w("address_labels"))
	name := func(labels []string) *label.Reader {
		return label.New(label.Spec{Labels: labels, Stops: partyStops, Complete: func(s string) bool { return label.IsOrg(label.Name(s)) }})
	}
	areaLabels := cat(w("lease_area_labels"), w("building_area_labels"), w("use_area_labels"), w("plain_area_labels"), w("cert_area_labels"))
	units := cat(lx.Words("common.area_units"), lx.Words("common.area_units_ocr"))
	area := func(labels []string, cues bool, optional bool) *label.Reader {
		s := label.Spec{Labels: labels, Exclude: w("excluded_areas"), Joiners: w("area_joiners"),
			Units: units, UnitOptional: optional}
		if cues {
			s.Cues = w("area_cues")
		}
		return label.New(s)
	}
	tails := w("address_tails")
	r := &readers{
		lessor: name(w("lessor_labels")),
		lessee: name(w("lessee_labels")),
		owner:  name(w("owner_labels")),
		leaseAreas: []*label.Reader{
			area(w("lease_area_labels"), false, false),
			area(w("building_area_labels"), false, false),
			area(w("use_area_labels"), false, false),
			area(w("plain_area_labels"), true, false),
		},
		certAreas: []*label.Reader{
			area(w("cert_area_labels"), false, false),
			area(w("building_area_labels"), false, false),
			area(w("plain_area_labels"), false, false),
		},
		certNoUnit: area(w("cert_area_labels"), false, true),
		address: label.New(label.Spec{Labels: w("address_labels"), Stops: cat(w("address_stops"), areaLabels, w("term_labels"), parties),
			Complete: func(s string) bool {
				for _, t := range tails {
					if strings.HasSuffix(s, t) {
						return true
					}
				}
				return false
			}}),
		certTitles:  w("cert_titles"),
		leaseTitles: w("lease_titles"),
	}
	r.termStart = label.New(label.Spec{Labels: w("term_start_labels"), Stops: w("term_end_labels")})
	r.termEnd = label.New(label.Spec{Labels: w("term_end_labels"), Stops: w("term_start_labels")})
	r.termRe = regexp.MustCompile(lx.Alt("premises.term_labels"))
	r.durationRe = regexp.MustCompile(lx.Alt("premises.term_labels") + `(?:为|共|是)?:?([0-9零〇一二两三四五六七八九十壹贰貳叁參肆伍陆陸柒捌玖拾]+)(年|个月)`)
	return r
})

// Extract reads every lease and certificate in d, in order.
func Extract(d *extractors.Doc) []Premises {
	if d == nil {
		return nil
	}
	lines := label.DocLines(d)
	var out []Premises
	for _, s := range segment(lines) {
		p := read(d, lines[s.start:s.end], s.kind)
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

// labelLine is the index of the line holding m's label.
func labelLine(m label.Match) int {
	if m.NextLine {
		return m.At - 1
	}
	return m.At
}

// segment splits the lines where a lease (its lessor) or a certificate
// (its owner) begins. A part without an area, address or term of its own
// (a signature block: 甲方(签章):…) stays with the document before it, and
// so does an owner inside a lease whose part names no certificate; a
// document's title lines before its first party go with it.
func segment(lines []label.Line) []span {
	r := words()
	type mark struct {
		at   int
		kind string
	}
	var marks []mark
	for _, m := range r.lessor.FindAll(lines) {
		marks = append(marks, mark{labelLine(m), KindLease})
	}
	for _, m := range r.owner.FindAll(lines) {
		marks = append(marks, mark{labelLine(m), KindCertificate})
	}
	sort.SliceStable(marks, func(a, b int) bool { return marks[a].at < marks[b].at })
	// a part is a certificate when it has a certificate's title or owner
	// and no lessee, or a lessee under a certificate's title and owner
	kindOf := func(s span) string {
		part := lines[s.start:s.end]
		certTitle := hasTitle(part, r.certTitles)
		owner := r.owner.Find(part).OK
		if r.lessee.Find(part).OK {
			if certTitle && owner && !hasTitle(part, r.leaseTitles) {
				return KindCertificate
			}
			return KindLease
		}
		if certTitle || owner {
			return KindCertificate
		}
		return KindLease
	}
	if len(marks) == 0 {
		s := span{0, len(lines), ""}
		s.kind = kindOf(s)
		return []span{s}
	}
	var out []span
	for i, m := range marks {
		if len(out) > 0 && out[len(out)-1].start == m.at {
			continue
		}
		s := span{m.at, len(lines), m.kind}
		if i == 0 {
			s.start = 0
		}
		if len(out) > 0 {
			out[len(out)-1].end = s.start
		}
		out = append(out, s)
	}
	// parts without content of their own, and an owner inside a lease,
	// join the document before them
	merged := out[:1]
	for _, s := range out[1:] {
		prev := &merged[len(merged)-1]
		part := lines[s.start:s.end]
		head := lines[max(prev.start, s.start-4):s.end] // the title lines before a party
		if !hasContent(part) || s.kind == KindCertificate && prev.kind == KindLease && !hasTitle(head, r.certTitles) {
			prev.end = s.end
			continue
		}
		merged = append(merged, s)
	}
	// a document's title precedes its first party: move it over
	for i := 1; i < len(merged); i++ {
		titles := r.leaseTitles
		if merged[i].kind == KindCertificate {
			titles = r.certTitles
		}
		prev := &merged[i-1]
		k := merged[i].start
		for j := merged[i].start - 1; j > prev.start && j >= merged[i].start-4; j-- {
			if hasTitle(lines[j:j+1], titles) {
				k = j
			}
		}
		prev.end, merged[i].start = k, k
	}
	for i := range merged {
		merged[i].kind = kindOf(merged[i])
	}
	return merged
}

// hasTitle reports whether a line of lines holds one of titles, as a
// title: not as the label of a number or a labelled value (房屋所有权证号：
// 冀(2020)…不动产权第…号, a lease citing the lessor's certificate).
func hasTitle(lines []label.Line, titles []string) bool {
	for _, l := range lines {
		t := strings.ReplaceAll(l.Norm(), " ", "")
		for _, w := range titles {
			for k := strings.Index(t, w); k >= 0; {
				after := t[k+len(w):]
				if !strings.HasPrefix(after, "号") && !strings.HasPrefix(after, "编号") && !strings.Contains(t[:k], ":") {
					return true
				}
				n := strings.Index(after, w)
				if n < 0 {
					break
				}
				k += len(w) + n
			}
		}
	}
	return false
}

// hasContent reports whether lines state an area, an address or a term.
func hasContent(lines []label.Line) bool {
	r := words()
	if r.address.Find(lines).OK {
		return true
	}
	if s, _ := term(nil, lines); s.OK {
		return true
	}
	for _, a := range r.leaseAreas {
		if a.Find(lines).OK {
			return true
		}
	}
	return false
}

// page returns the page a line is on.
func page(d *extractors.Doc, l label.Line) *extractors.Page {
	for i := range d.Pages {
		if d.Pages[i].Number == l.Page {
			return &d.Pages[i]
		}
	}
	return nil
}

func evidence(d *extractors.Doc, l label.Line) extractors.Evidence {
	if d == nil {
		return extractors.Evidence{Snippet: extractors.Clip(l.Text)}
	}
	if p := page(d, l); p != nil {
		return d.LineEvidence(p, l.Text)
	}
	return extractors.Evidence{Path: d.Path, Snippet: extractors.Clip(l.Text)}
}

// party reads the first plausible name r finds in lines.
func party(d *extractors.Doc, lines []label.Line, r *label.Reader) (extractors.Field[string], label.Match) {
	for _, m := range r.FindAll(lines) {
		v := label.Name(label.OrgName(label.Name(m.Value)))
		if p := page(d, m.Line); p != nil && p.Method == extractors.MethodOCR {
			v = label.Name(label.TrimStray(v))
		}
		if len([]rune(v)) < 2 || strings.ContainsAny(v[:1], "0123456789") {
			continue
		}
		return extractors.Found(v, evidence(d, m.Line)), m
	}
	return extractors.Field[string]{}, label.Match{}
}

func read(d *extractors.Doc, lines []label.Line, kind string) Premises {
	r := words()
	p := Premises{Kind: kind}
	var hm label.Match
	if kind == KindLease {
		p.Lessor, _ = party(d, lines, r.lessor)
		p.Holder, hm = party(d, lines, r.lessee)
	} else {
		p.Holder, hm = party(d, lines, r.owner)
	}
	if p.Holder.OK {
		p.HolderUSCC = holderCode(d, lines, hm, p.Holder.Value)
	}
	if m := r.address.Find(lines); m.OK {
		v := strings.Trim(m.Value, " :,;")
		if len([]rune(v)) >= 4 {
			p.Address = extractors.Found(v, evidence(d, m.Line))
		}
	}
	areas := r.leaseAreas
	if p.Kind == KindCertificate {
		areas = r.certAreas
	}
	for k, a := range areas {
		if f, ok := areaField(d, a.Find(lines)); ok {
			p.AreaM2 = f
			break
		}
		if k == 0 && p.Kind == KindCertificate {
			// 房屋建筑面积 with its unit garbled wins over a bare 建筑面积
			if f, ok := areaField(d, r.certNoUnit.Find(lines)); ok {
				f.Value = float64(int64(f.Value*100)) / 100 // 412.7511: the unit read as digits
				f.Doubt = "房屋建筑面积 read without its unit"
				p.AreaM2 = f
				break
			}
		}
	}
	if p.Kind == KindLease {
		p.Start, p.End = term(d, lines)
	}
	return p
}

func areaField(d *extractors.Doc, m label.Match) (extractors.Field[float64], bool) {
	if !m.OK {
		return extractors.Field[float64]{}, false
	}
	v, ok := parse.Number(m.Value)
	if !ok || v <= 0 {
		return extractors.Field[float64]{}, false
	}
	return extractors.Found(v, evidence(d, m.Line)), true
}

// holderCode reads the unified social credit code written after the
// holder's name, on its line or the two after it.
func holderCode(d *extractors.Doc, lines []label.Line, m label.Match, name string) extractors.Field[string] {
	var b strings.Builder
	for i := m.At; i < len(lines) && i <= m.At+2; i++ {
		b.WriteString(strings.ReplaceAll(lines[i].Norm(), " ", ""))
	}
	text := b.String()
	at := strings.Index(text, strings.ReplaceAll(name, " ", ""))
	if at < 0 {
		at = 0
	}
	rest := text[at:]
	if len(rest) > 160 {
		rest = rest[:160]
	}
	if c := uscc.Find(rest); len(c) > 0 {
		return extractors.Found(c[0], evidence(d, m.Line))
	}
	return extractors.Field[string]{}
}

// dateSpacer puts spaces around the words that join a term's dates, as
// parse.Dates wants them around numeric dates (2025-01-01至…).
var dateSpacer = strings.NewReplacer("至", " 至 ", "到", " 到 ", "起", " 起 ", "止", " 止 ", "自", " 自 ", "~", " ~ ", "—", " — ", "，", " ， ", ",", " , ")

// term reads a lease's term: the two dates after its label (自…起至…止),
// or a start date and a duration (租期三年，自…起; 贰年): the end is then the
// day before the anniversary; else a start and an end date under labels
// of their own (起租日期, 到期日).
func term(d *extractors.Doc, lines []label.Line) (start, end extractors.Field[time.Time]) {
	r := words()
	for i, l := range lines {
		t := strings.ReplaceAll(l.Norm(), " ", "")
		loc := r.termRe.FindStringIndex(t)
		if loc == nil {
			continue
		}
		win := t[loc[0]:]
		for j := i + 1; j < len(lines) && j <= i+2; j++ {
			win += strings.ReplaceAll(lines[j].Norm(), " ", "")
		}
		if rs := []rune(win); len(rs) > 90 {
			win = string(rs[:90])
		}
		ds := parse.Dates(dateSpacer.Replace(win))
		ev := evidence(d, l)
		if len(ds) >= 2 && ds[1].After(ds[0]) {
			return extractors.Found(ds[0], ev), extractors.Found(ds[1], ev)
		}
		if len(ds) >= 1 {
			if m := r.durationRe.FindStringSubmatch(win); m != nil {
				if n, ok := count(m[1]); ok && n > 0 && n <= 100 {
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
	// 起租日期：… 到期日：… as two fields
	ms, me := r.termStart.Find(lines), r.termEnd.Find(lines)
	if ms.OK && me.OK {
		s, ok1 := parse.Date(ms.Value)
		e, ok2 := parse.Date(me.Value)
		if ok1 && ok2 && e.After(s) {
			return extractors.Found(s, evidence(d, ms.Line)), extractors.Found(e, evidence(d, me.Line))
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

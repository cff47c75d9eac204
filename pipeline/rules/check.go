package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"ruku/extractors"
	"ruku/extractors/classify"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
	"ruku/pipeline/dossier"
)

// The checks of the criteria. Each returns an outcome of reason-coded
// findings; render.go words them. A fail rests on evidence that the
// condition does not hold, or on a required document absent from the bundle
// (which outcome.cautious softens while some file is uncertain); a value not
// found, not read with confidence or read in two ways is needs_review.

func (c *checker) political() outcome {
	return outcome{Required: text(ReqPolitical, nil),
		Findings: []Finding{{Reason: ReasonManualPolitical, Status: dossier.Manual, Basis: dossier.NotCheckable}}}
}

func (c *checker) registered() outcome {
	o := outcome{Required: text(ReqRegistered, Args{"prefix": c.r.HomeDivisionPrefix})}
	code := c.code
	if l := c.b.License; l != nil && l.USCC.OK {
		o.Evidence = append(o.Evidence, l.USCC.Evidence)
		if code == "" {
			code = l.USCC.Value
		}
	} else if f := c.b.Form; f != nil && f.USCC.OK {
		o.Evidence = append(o.Evidence, f.USCC.Evidence)
	}
	addr, addrOCR := "", false
	if l := c.b.License; l != nil && l.Address.OK {
		addr, addrOCR = l.Address.Value, c.b.LicenseMethod == extractors.MethodOCR
		o.Evidence = append(o.Evidence, l.Address.Evidence)
	} else if f := c.b.Form; f != nil && f.Address.OK {
		addr = f.Address.Value
		o.Evidence = append(o.Evidence, f.Address.Evidence)
	}
	o.observe(ObsCodeAddress, Args{"code": code, "addr": addr})
	place := c.homePlace(addr, addrOCR)
	div := uscc.Division(code)
	switch {
	case code != "" && !strings.HasPrefix(div, c.r.HomeDivisionPrefix) && uscc.Valid(code):
		o.add(fail(dossier.NotMet, ReasonDivisionOutside, Args{"division": div}))
	case code != "" && !strings.HasPrefix(div, c.r.HomeDivisionPrefix):
		o.add(review(dossier.Unsure, ReasonDivisionUnsure, Args{"code": code}))
	case addr != "" && place == "" && c.otherPlace(addr) != "":
		o.add(fail(dossier.NotMet, ReasonDomicileOutside, Args{"place": c.otherPlace(addr)}))
	case code == "" && addr == "" && c.b.License == nil && c.b.Form == nil:
		o.add(fail(dossier.Absent, ReasonLicenseAbsent, nil))
	case code == "" || addr == "":
		o.add(review(dossier.NotFound, ReasonCodeOrAddressNotFound, Args{"files": c.kindPaths(classify.License, classify.ApplicationForm)}))
	case place == "":
		o.add(review(dossier.NotFound, ReasonDomicileUnknown, Args{"addr": addr}))
	default:
		o.add(passed(ReasonRegisteredOK, Args{"division": div, "place": place}))
	}
	return o
}

// kindPaths lists the files of the given kinds, for a message.
func (c *checker) kindPaths(kinds ...classify.Kind) string {
	var out []string
	for _, k := range kinds {
		out = append(out, c.b.Kinds[k]...)
	}
	return strings.Join(out, "、")
}

// homePlace returns the home place an address names: one it starts with,
// or a city, province or new area named in it. With ocr, a city name with
// one misread character still counts (邯郸市 read as 邯韩市).
func (c *checker) homePlace(addr string, ocr bool) string {
	a := parse.Compact(addr)
	for _, p := range c.r.HomePlaces {
		if strings.HasPrefix(a, p) {
			return p
		}
	}
	for _, p := range c.r.HomePlaces {
		for _, suffix := range c.r.PlaceSuffixes {
			if strings.Contains(a, p+suffix) {
				return p
			}
		}
	}
	if ocr {
		r := []rune(a)
		for _, p := range c.r.HomePlaces {
			for _, suffix := range c.r.PlaceSuffixes {
				want := []rune(p + suffix)
				if len(want) < 3 || len(r) < len(want) {
					continue
				}
				if runeDiff(string(r[:len(want)]), string(want)) == 1 && strings.HasSuffix(string(r[:len(want)]), suffix) {
					return p
				}
			}
		}
	}
	return ""
}

// otherPlace returns the place outside home a domicile starts with, or "".
func (c *checker) otherPlace(addr string) string {
	a := parse.Compact(addr)
	for _, p := range c.r.OtherPlaces {
		if strings.HasPrefix(a, p) {
			return p
		}
	}
	return ""
}

func (c *checker) legalPerson() outcome {
	o := outcome{Required: text(ReqLegalPerson, nil)}
	l := c.b.License
	if l == nil {
		o.add(fail(dossier.Absent, ReasonLicenseAbsent, nil))
		return o
	}
	typ := ""
	if l.EntityType.OK {
		typ = l.EntityType.Value
		o.Evidence = append(o.Evidence, l.EntityType.Evidence)
	}
	name := ""
	if l.Name.OK {
		name = l.Name.Value
	}
	o.observe(ObsValue, Args{"v": typ})
	if bad := c.notLegalPerson(typ, name); bad != "" {
		f := fail(dossier.NotMet, ReasonNotLegalPerson, Args{"type": typ, "word": bad})
		if !l.EntityType.OK && l.Name.OK {
			f.Evidence = append(f.Evidence, l.Name.Evidence)
		}
		if l.EntityType.Doubt != "" {
			f.Status, f.Basis = dossier.NeedsReview, dossier.Unsure
		}
		o.add(f)
		return o
	}
	t := parse.Compact(typ)
	for _, good := range compactAll(c.r.LegalPersonTypes) {
		if strings.Contains(t, good) {
			o.add(passed(ReasonEntityType, Args{"type": typ}))
			return o
		}
	}
	if ct := c.certificateType(l.Kind); ct != "" {
		o.Observed = []Finding{text(ObsValue, Args{"v": l.Kind})}
		o.add(passed(ReasonRegisteredAs, Args{"kind": l.Kind}))
		return o
	}
	if typ == "" {
		o.add(review(dossier.NotFound, ReasonEntityTypeNotFound, Args{"files": c.kindPaths(classify.License)}))
	} else {
		o.add(review(dossier.NotFound, ReasonEntityTypeUnknown, Args{"type": typ}))
	}
	return o
}

// notLegalPerson returns the rules-file word that shows an entity type (or,
// for a branch or partnership, the name) is not an independent legal
// person, or "".
func (c *checker) notLegalPerson(typ, name string) string {
	t := parse.Compact(typ)
	n := strings.TrimRight(parse.Compact(name), ")")
	for _, bad := range c.r.NotLegalPersonTypes {
		b := parse.Compact(bad)
		if strings.Contains(t, b) {
			return bad
		}
		// A name ends with a branch word, or names a partnership inside
		// brackets (…（有限合伙）); a word of two characters is too short
		// to be read in a name.
		if len([]rune(b)) > 2 && n != "" && (strings.HasSuffix(n, b) || strings.Contains(n, "("+b)) {
			return bad
		}
	}
	return ""
}

// certificateType is the legal-person type a registration certificate
// (事业单位法人证书 …) names, or "".
func (c *checker) certificateType(kind string) string {
	if kind == "" || kind == "营业执照" {
		return ""
	}
	k := parse.Compact(kind)
	for _, t := range c.r.LegalPersonTypes {
		if strings.Contains(k, parse.Compact(t)) || strings.Contains(k, strings.TrimSuffix(parse.Compact(t), "单位")) {
			return t
		}
	}
	return ""
}

// established returns the 成立日期: the license's, else the form's, and
// the other reading when the two disagree. A license date read by OCR that
// differs from the form's typed date in one digit, or that OCR flagged as
// doubtful, is taken for a misreading of it.
func (c *checker) established() (date extractors.Field[time.Time], other extractors.Field[time.Time], ok bool) {
	var lic, frm extractors.Field[time.Time]
	if l := c.b.License; l != nil {
		lic = l.EstablishedOn
	}
	if f := c.b.Form; f != nil {
		frm = f.EstablishedOn
	}
	switch {
	case lic.OK && frm.OK && c.b.LicenseMethod == extractors.MethodOCR &&
		(lic.Doubt != "" || runeDiff(day(lic.Value), day(frm.Value)) == 1):
		return frm, extractors.Field[time.Time]{}, true
	case lic.OK && frm.OK && !lic.Value.Equal(frm.Value):
		return lic, frm, true
	case lic.OK:
		return lic, extractors.Field[time.Time]{}, true
	case frm.OK:
		return frm, extractors.Field[time.Time]{}, true
	}
	return lic, frm, false
}

func (c *checker) operating() outcome {
	o := outcome{Required: text(ReqOperating, Args{"years": strconv.Itoa(c.r.OperatingYears), "ref": day(c.b.Ref)})}
	est, other, ok := c.established()
	if !ok {
		if c.b.License == nil {
			o.add(fail(dossier.Absent, ReasonEstablishedAbsent, nil))
		} else {
			o.add(review(dossier.NotFound, ReasonEstablishedNotFound, Args{"files": c.kindPaths(classify.License)}))
		}
		return o
	}
	o.observe(ObsValue, Args{"v": day(est.Value)})
	o.Evidence = append(o.Evidence, est.Evidence)
	young := func(t time.Time) bool { return t.AddDate(c.r.OperatingYears, 0, 0).After(c.b.Ref) }
	due := est.Value.AddDate(c.r.OperatingYears, 0, 0)
	a := Args{"est": day(est.Value), "due": day(due), "years": strconv.Itoa(c.r.OperatingYears)}
	switch {
	case other.OK && young(est.Value) != young(other.Value):
		o.add(review(dossier.Conflicting, ReasonEstablishedConflict, Args{"a": day(est.Value), "b": day(other.Value),
			"apath": est.Evidence.Path, "bpath": other.Evidence.Path}, other.Evidence))
	case young(est.Value) && est.Doubt != "":
		o.add(review(unsureBasis(est.Evidence), ReasonEstablishedUnsure, a))
	case young(est.Value):
		o.add(fail(dossier.BelowThreshold, ReasonTooYoung, a))
	default:
		o.add(passed(ReasonOperatingOK, a))
	}
	return o
}

// unsureBasis is ocr_only for a value read by OCR, else unsure.
func unsureBasis(ev extractors.Evidence) dossier.Basis {
	if ev.Method == extractors.MethodOCR {
		return dossier.OCROnly
	}
	return dossier.Unsure
}

func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format(extractors.DateLayout)
}

// auditFor returns the audit report covering year y, preferring one whose
// figures were read.
func (c *checker) auditFor(y int) *AuditDoc {
	var best *AuditDoc
	for i := range c.b.Audits {
		a := &c.b.Audits[i]
		if covers(a, y) {
			if best == nil || (!best.TotalAssets[y].OK && a.TotalAssets[y].OK) {
				best = a
			}
		}
	}
	return best
}

// covers reports whether the audit opinion of a covers year y.
func covers(a *AuditDoc, y int) bool {
	for _, c := range coveredYears(a) {
		if c == y {
			return true
		}
	}
	return false
}

// coveredYears lists the years a report's opinion covers.
func coveredYears(a *AuditDoc) []int {
	if len(a.Covers) > 0 {
		return a.Covers
	}
	if a.Year.OK {
		return []int{a.Year.Value}
	}
	return nil
}

// auditMissing is the finding for an audit year no report covers: absent,
// unless a report's year could not be read (it may be that year's) or an
// audit file was not fully read.
func (c *checker) auditMissing(y int) Finding {
	var unread []string
	for i := range c.b.Audits {
		if len(coveredYears(&c.b.Audits[i])) == 0 {
			unread = append(unread, c.b.Audits[i].Path)
		}
	}
	for _, n := range c.incomplete(classify.AuditReport) {
		unread = append(unread, n.Path)
	}
	if len(unread) > 0 {
		return review(dossier.NotFound, ReasonAuditYearUnread, Args{"year": strconv.Itoa(y), "files": strings.Join(unread, "、")})
	}
	return fail(dossier.Absent, ReasonAuditYearMissing, Args{"year": strconv.Itoa(y)})
}

func (c *checker) audited() outcome {
	o := outcome{Required: text(ReqAudited, Args{"y": strconv.Itoa(c.y), "y0": strconv.Itoa(c.y - 1)})}
	for _, y := range []int{c.y, c.y - 1} {
		ys := strconv.Itoa(y)
		a := c.auditFor(y)
		if a == nil {
			o.observe(ObsAuditYear, Args{"year": ys, "opinion": "missing"})
			o.add(c.auditMissing(y))
			continue
		}
		if !a.Opinion.OK {
			o.observe(ObsAuditYear, Args{"year": ys, "opinion": "unread"})
			o.add(review(dossier.NotFound, ReasonOpinionNotFound, Args{"year": ys, "path": a.Path}))
			continue
		}
		o.Evidence = append(o.Evidence, a.Opinion.Evidence)
		o.observe(ObsAuditYear, Args{"year": ys, "opinion": a.Opinion.Value})
		switch {
		case a.Opinion.Doubt != "":
			o.add(review(unsureBasis(a.Opinion.Evidence), ReasonOpinionUnsure, Args{"year": ys, "path": a.Path, "opinion": a.Opinion.Value}))
		case a.Opinion.Value != "unqualified":
			o.add(fail(dossier.NotMet, ReasonOpinionNotUnqualified, Args{"year": ys, "opinion": a.Opinion.Value}))
		}
	}
	o.add(passed(ReasonAuditedOK, nil))
	return o
}

// figure returns an audited figure for year y: from the report covering y,
// else from the prior-year column of the report covering y+1. other is a
// reading of another report that disagrees with it.
func (c *checker) figure(get func(*AuditDoc) map[int]extractors.Field[float64], y int) (f, other extractors.Field[float64], ok bool) {
	var docs []*AuditDoc
	for _, yy := range []int{y, y + 1} {
		if a := c.auditFor(yy); a != nil {
			docs = append(docs, a)
		}
		for i := range c.b.Audits {
			if a := &c.b.Audits[i]; covers(a, yy) {
				docs = append(docs, a)
			}
		}
	}
	for _, a := range docs {
		if g, found := get(a)[y]; found && g.OK {
			if !ok {
				f, ok = g, true
			} else if !other.OK && math.Abs(g.Value-f.Value) > 0.5 {
				other = g
			}
		}
	}
	return f, other, ok
}

// ocrOnly reports whether total assets f of year y rest on OCR alone: read
// by OCR and not confirmed by the balance sheet's 负债和所有者权益总计, read
// as the same figure.
func (c *checker) ocrOnly(f extractors.Field[float64], y int) bool {
	if f.Evidence.Method != extractors.MethodOCR {
		return false
	}
	for i := range c.b.Audits {
		if le, ok := c.b.Audits[i].LiabilitiesAndEquity[y]; ok && le.OK && math.Abs(le.Value-f.Value) < 0.5 {
			return false
		}
	}
	return true
}

func totalAssetsOf(a *AuditDoc) map[int]extractors.Field[float64] { return a.TotalAssets }
func netAssetsOf(a *AuditDoc) map[int]extractors.Field[float64]   { return a.NetAssets }
func netProfitOf(a *AuditDoc) map[int]extractors.Field[float64]   { return a.NetProfit }

func yuan(v float64) string { return fmt.Sprintf("%.2f", v) }

// figureMissing is the finding for an audited figure not found for year y.
func (c *checker) figureMissing(what string, y int) Finding {
	a := c.auditFor(y)
	if a == nil {
		return c.auditMissing(y)
	}
	return review(dossier.NotFound, ReasonFigureNotFound, Args{"what": what, "year": strconv.Itoa(y), "path": a.Path})
}

// conflict is the finding for two readings of one figure that disagree.
func conflict(what string, y int, a, b extractors.Field[float64]) Finding {
	return review(dossier.Conflicting, ReasonFigureConflict, Args{"what": what, "year": strconv.Itoa(y),
		"a": yuan(a.Value), "apath": a.Evidence.Path, "b": yuan(b.Value), "bpath": b.Evidence.Path}, a.Evidence, b.Evidence)
}

func (c *checker) financialHealth() outcome {
	ys, y0s := strconv.Itoa(c.y), strconv.Itoa(c.y-1)
	o := outcome{Required: text(ReqFinancial, Args{"y": ys, "y0": y0s})}
	na, naOther, okNA := c.figure(netAssetsOf, c.y)
	p1, p1Other, ok1 := c.figure(netProfitOf, c.y)
	p0, p0Other, ok0 := c.figure(netProfitOf, c.y-1)
	for _, f := range []struct {
		what, year string
		v          extractors.Field[float64]
		ok         bool
	}{{"net_assets", ys, na, okNA}, {"net_profit", ys, p1, ok1}, {"net_profit", y0s, p0, ok0}} {
		v := ""
		if f.ok {
			v = yuan(f.v.Value)
			o.Evidence = append(o.Evidence, f.v.Evidence)
		}
		o.observe(ObsFigure, Args{"what": f.what, "year": f.year, "v": v})
	}
	switch {
	case !okNA:
		o.add(c.figureMissing("net_assets", c.y))
	case naOther.OK && (na.Value <= 0) != (naOther.Value <= 0):
		o.add(conflict("net_assets", c.y, na, naOther))
	case na.Value <= 0 && na.Doubt != "":
		o.add(review(unsureBasis(na.Evidence), ReasonFigureUnsure, Args{"what": "net_assets", "year": ys, "v": yuan(na.Value), "path": na.Evidence.Path}))
	case na.Value <= 0:
		o.add(fail(dossier.BelowThreshold, ReasonNetAssetsNonPositive, Args{"year": ys, "v": yuan(na.Value)}))
	}
	switch {
	case ok1 && ok0 && p1.Value < 0 && p0.Value < 0:
		o.add(review(dossier.BelowThreshold, ReasonTwoLosses, Args{"y": ys, "p1": yuan(p1.Value), "y0": y0s, "p0": yuan(p0.Value)}))
	case !ok1:
		o.add(c.figureMissing("net_profit", c.y))
	case !ok0:
		o.add(c.figureMissing("net_profit", c.y-1))
	}
	// Another reading of a year's profit matters only when it could make
	// both years losses.
	maybeLoss := func(f, other extractors.Field[float64]) bool { return f.Value < 0 || (other.OK && other.Value < 0) }
	if ok1 && ok0 && !(p1.Value < 0 && p0.Value < 0) && maybeLoss(p1, p1Other) && maybeLoss(p0, p0Other) {
		if p1Other.OK {
			o.add(conflict("net_profit", c.y, p1, p1Other))
		}
		if p0Other.OK {
			o.add(conflict("net_profit", c.y-1, p0, p0Other))
		}
	}
	if okNA && na.Doubt != "" {
		o.add(review(unsureBasis(na.Evidence), ReasonFigureUnsure, Args{"what": "net_assets", "year": ys, "v": yuan(na.Value), "path": na.Evidence.Path}))
	}
	o.add(passed(ReasonFinancialOK, nil))
	return o
}

func (c *checker) categories() outcome {
	o := outcome{Required: text(ReqCategories, Args{"natures": strings.Join(c.r.Natures, "/")})}
	f := c.b.Form
	if f == nil {
		o.add(fail(dossier.Absent, ReasonFormAbsent, nil))
		return o
	}
	var cats []string
	if f.Categories.OK {
		o.Evidence = append(o.Evidence, f.Categories.Evidence)
		for _, v := range f.Categories.Value {
			if inList(v, c.r.ServiceCategories) {
				cats = append(cats, v)
			}
		}
	}
	nature := ""
	if f.Nature.OK {
		o.Evidence = append(o.Evidence, f.Nature.Evidence)
		if inList(f.Nature.Value, c.r.Natures) {
			nature = f.Nature.Value
		}
	}
	o.observe(ObsCategories, Args{"cats": strings.Join(cats, "、"), "nature": nature})
	// A row not found is not a row left unticked, and a box read by OCR, or
	// read unsurely, may be a box OCR missed.
	missing := func(r, notFound Reason, f extractors.Field[string], rowFound bool) {
		switch {
		case !rowFound:
			o.add(review(dossier.NotFound, notFound, Args{"files": c.kindPaths(classify.ApplicationForm)}))
		case f.Doubt != "" || f.Evidence.Method == extractors.MethodOCR:
			o.add(review(unsureBasis(f.Evidence), r, nil, f.Evidence))
		default:
			o.add(fail(dossier.NotMet, r, nil))
		}
	}
	catEv := extractors.Field[string]{Doubt: f.Categories.Doubt, Evidence: f.Categories.Evidence}
	if len(cats) == 0 {
		missing(ReasonNoCategory, ReasonCategoryNotFound, catEv, f.Categories.OK)
	}
	if nature == "" {
		missing(ReasonNoNature, ReasonNatureNotFound, f.Nature, f.Nature.OK || f.Nature.Evidence.Path != "")
	}
	o.add(passed(ReasonCategoriesOK, nil))
	return o
}

func inList(v string, list []string) bool {
	v = parse.Compact(v)
	for _, w := range list {
		if parse.Compact(w) == v {
			return true
		}
	}
	return false
}

// countOutcome judges a count against its minimum. The list kind absent is
// a fail for an absent document; a count below the minimum while a file of
// the kind was not fully read is needs_review.
func (c *checker) countOutcome(kind classify.Kind, have bool, n, min int, unit string, ev []extractors.Evidence, skipped []string) outcome {
	o := outcome{Required: text(ReqCount, Args{"min": strconv.Itoa(min), "unit": unit})}
	if !have {
		o.add(fail(dossier.Absent, ReasonListAbsent, Args{"kind": string(kind)}))
		return o
	}
	o.observe(ObsValue, Args{"v": strconv.Itoa(n)})
	o.Evidence = firstEv(ev, 3)
	o.add(note(ReasonCounted, Args{"kind": string(kind), "n": strconv.Itoa(n), "unit": unit}))
	if len(skipped) > 0 {
		o.add(note(ReasonRowsSkipped, Args{"n": strconv.Itoa(len(skipped)), "rows": strings.Join(firstN(skipped, 5), "；")}))
	}
	if n < min {
		if inc := c.incomplete(kind); len(inc) > 0 {
			o.add(review(dossier.Incomplete, ReasonCountIncomplete, Args{"files": fileList(inc)}))
		} else {
			o.add(fail(dossier.BelowThreshold, ReasonCountBelow, Args{"n": strconv.Itoa(n), "min": strconv.Itoa(min), "unit": unit}))
		}
	}
	return o
}

func (c *checker) expertsSenior() outcome {
	return c.countOutcome(classify.ExpertList, c.haveExperts, c.expertCounts.Senior, c.r.ExpertsSeniorMin, "名", c.expertCounts.Evidence, c.expertCounts.Skipped)
}

func (c *checker) expertsTotal() outcome {
	return c.countOutcome(classify.ExpertList, c.haveExperts, c.expertCounts.Total, c.r.ExpertsTotalMin, "名", c.expertCounts.Evidence, c.expertCounts.Skipped)
}

func (c *checker) partners() outcome {
	return c.countOutcome(classify.PartnerList, c.havePartners, c.partnerCounts.Count, c.r.PartnersMin, "家", c.partnerCounts.Evidence, c.partnerCounts.Skipped)
}

func (c *checker) smesServed() outcome {
	o := c.countOutcome(classify.ServiceRecords, c.haveServices, c.serviceCounts.SMEs, c.r.SMEsServedMin, "家", c.serviceCounts.Evidence, nil)
	if n := c.serviceCounts.InvalidRows; n > 0 {
		o.add(note(ReasonInvalidRows, Args{"n": strconv.Itoa(n)}, c.serviceCounts.Invalid...))
	}
	if n := c.serviceCounts.OutOfWindow; n > 0 {
		o.add(note(ReasonOutOfWindowRows, Args{"n": strconv.Itoa(n)}))
	}
	return o
}

func (c *checker) pointToPoint() outcome {
	return c.countOutcome(classify.ServiceRecords, c.haveServices, c.serviceCounts.PointToPoint, c.r.PointToPointMin, "家", c.serviceCounts.Evidence, nil)
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(append([]string(nil), s[:n]...), fmt.Sprintf("…(+%d)", len(s)-n))
	}
	return s
}

func firstEv(ev []extractors.Evidence, n int) []extractors.Evidence {
	if len(ev) > n {
		return ev[:n]
	}
	return ev
}

// validOnRef reports whether a premises document is valid on R by its
// dates: a certificate, or a lease whose term contains R.
func (c *checker) validOnRef(p *PremisesDoc) bool {
	if p.Kind == "certificate" {
		return true
	}
	if !p.Start.OK || !p.End.OK {
		return false
	}
	return !p.Start.Value.After(c.b.Ref) && !p.End.Value.Before(c.b.Ref)
}

// premisesAbsent is the finding for no premises document read: absent when
// no file is of the kind, else the files in which nothing was found.
func (c *checker) premisesAbsent() Finding {
	if paths := c.b.Kinds[classify.Premises]; len(paths) > 0 {
		return review(dossier.NotFound, ReasonPremisesNotRead, Args{"files": strings.Join(paths, "、")})
	}
	return fail(dossier.Absent, ReasonPremisesAbsent, nil)
}

func (c *checker) premisesArea() outcome {
	o := outcome{Required: text(ReqArea, Args{"ref": day(c.b.Ref), "min": numText(c.r.PremisesAreaMinM2)})}
	if len(c.b.Premises) == 0 {
		o.add(c.premisesAbsent())
		return o
	}
	sum := 0.0
	var unread, undated []Finding
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		if !p.AreaM2.OK {
			unread = append(unread, review(dossier.NotFound, ReasonAreaNotFound, Args{"path": p.Path}))
			continue
		}
		o.Evidence = append(o.Evidence, p.AreaM2.Evidence)
		a := Args{"path": p.Path, "area": numText(p.AreaM2.Value)}
		switch {
		case c.validOnRef(p):
			sum += p.AreaM2.Value
			o.add(note(ReasonAreaCounted, a))
		case p.Kind != "certificate" && (!p.Start.OK || !p.End.OK):
			undated = append(undated, review(dossier.NotFound, ReasonLeaseTermNotFound, Args{"path": p.Path}))
		default:
			o.add(note(ReasonAreaNotValid, a))
		}
	}
	sum = math.Round(sum*100) / 100
	o.observe(ObsArea, Args{"v": numText(sum)})
	if sum >= c.r.PremisesAreaMinM2 {
		return o
	}
	switch {
	case len(unread) > 0 || len(undated) > 0:
		o.add(unread...)
		o.add(undated...)
	case c.areaByOCR():
		o.add(review(dossier.OCROnly, ReasonAreaBelowOCR, Args{"v": numText(sum), "min": numText(c.r.PremisesAreaMinM2)}))
	case len(c.incomplete(classify.Premises)) > 0:
		o.add(review(dossier.Incomplete, ReasonCountIncomplete, Args{"files": fileList(c.incomplete(classify.Premises))}))
	default:
		o.add(fail(dossier.BelowThreshold, ReasonAreaBelow, Args{"v": numText(sum), "min": numText(c.r.PremisesAreaMinM2)}))
	}
	return o
}

// areaByOCR reports whether an area counted on R was read by OCR, or
// flagged as doubtful: numbers and their labels (房屋建筑面积 beside 分摊面积)
// are what OCR misreads most, so a sum short of the minimum that rests on
// one is not evidence enough for a fail.
func (c *checker) areaByOCR() bool {
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		if p.AreaM2.OK && c.validOnRef(p) && (p.AreaM2.Doubt != "" || p.AreaM2.Evidence.Method == extractors.MethodOCR || p.Method == extractors.MethodOCR) {
			return true
		}
	}
	return false
}

func (c *checker) premisesValid() outcome {
	o := outcome{Required: text(ReqPremisesValid, Args{"ref": day(c.b.Ref)})}
	if len(c.b.Premises) == 0 {
		o.add(c.premisesAbsent())
		return o
	}
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		holder := ""
		if p.Holder.OK {
			holder = p.Holder.Value
			o.Evidence = append(o.Evidence, p.Holder.Evidence)
		}
		m, why := c.compareEntity(holder, fieldValue(p.HolderUSCC), p.Method, p.Holder.Doubt)
		a := Args{"doc": "premises", "path": p.Path, "name": holder, "applicant": c.nameRaw}
		switch m {
		case entityOther:
			o.add(fail(dossier.NotMet, ReasonHolderOther, a, p.Holder.Evidence))
		case entityUnsure:
			o.add(review(holderBasis(why, p.Method), why, a, p.Holder.Evidence))
		}
		if p.Kind == "certificate" {
			o.observe(ObsCertificate, Args{"holder": holder})
			continue
		}
		if !p.Start.OK || !p.End.OK {
			o.add(review(dossier.NotFound, ReasonLeaseTermNotFound, Args{"path": p.Path}))
			continue
		}
		o.Evidence = append(o.Evidence, p.End.Evidence)
		o.observe(ObsLease, Args{"holder": holder, "start": day(p.Start.Value), "end": day(p.End.Value)})
		a = Args{"path": p.Path, "start": day(p.Start.Value), "end": day(p.End.Value), "ref": day(c.b.Ref)}
		switch {
		case p.End.Value.Before(c.b.Ref) && p.End.Doubt != "":
			o.add(review(unsureBasis(p.End.Evidence), ReasonLeaseDateUnsure, a))
		case p.End.Value.Before(c.b.Ref):
			o.add(fail(dossier.NotMet, ReasonLeaseExpired, a))
		case p.Start.Value.After(c.b.Ref) && p.Start.Doubt != "":
			o.add(review(unsureBasis(p.Start.Evidence), ReasonLeaseDateUnsure, a))
		case p.Start.Value.After(c.b.Ref):
			o.add(fail(dossier.NotMet, ReasonLeaseNotBegun, a))
		}
	}
	o.add(passed(ReasonPremisesValidOK, nil))
	return o
}

// holderBasis is the basis of an unsure name comparison.
func holderBasis(why Reason, m extractors.Method) dossier.Basis {
	switch {
	case why == ReasonNameNotRead:
		return dossier.NotFound
	case why == ReasonNameUSCCConflict:
		return dossier.Conflicting
	case m == extractors.MethodOCR:
		return dossier.OCROnly
	}
	return dossier.Unsure
}

func (c *checker) totalAssets() outcome {
	ys := strconv.Itoa(c.y)
	min := fmt.Sprintf("%.0f", c.r.TotalAssetsMinYuan)
	o := outcome{Required: text(ReqTotalAssets, Args{"year": ys, "min": min})}
	f, other, ok := c.figure(totalAssetsOf, c.y)
	if !ok {
		o.add(c.figureMissing("total_assets", c.y))
		return o
	}
	o.observe(ObsYuan, Args{"v": yuan(f.Value)})
	o.Evidence = append(o.Evidence, f.Evidence)
	low := f.Value < c.r.TotalAssetsMinYuan
	switch {
	case other.OK && low != (other.Value < c.r.TotalAssetsMinYuan):
		o.add(conflict("total_assets", c.y, f, other))
	case low && (f.Doubt != "" || c.ocrOnly(f, c.y)):
		o.add(review(unsureBasis(f.Evidence), ReasonFigureUnsure, Args{"what": "total_assets", "year": ys, "v": yuan(f.Value), "path": f.Evidence.Path}))
	case low:
		o.add(fail(dossier.BelowThreshold, ReasonTotalAssetsBelow, Args{"v": yuan(f.Value), "min": min}))
	default:
		o.add(passed(ReasonTotalAssetsOK, nil))
	}
	return o
}

func (c *checker) credit(l CreditList) outcome {
	o := outcome{Required: text(ReqCredit, Args{"list": l.Key, "ref": day(c.b.Ref), "days": strconv.Itoa(c.r.CreditMaxAgeDays)})}
	var found []*CreditDoc
	var unknown []string
	for i := range c.b.Credits {
		switch c.b.Credits[i].List {
		case l.Key:
			found = append(found, &c.b.Credits[i])
		case "":
			unknown = append(unknown, c.b.Credits[i].Path)
		}
	}
	if len(found) == 0 {
		o.observe(ObsOutcome, Args{"outcome": "missing"})
		switch {
		case len(unknown) > 0:
			o.add(review(dossier.UncertainFiles, ReasonCreditListUnread, Args{"list": l.Key, "files": strings.Join(unknown, "、")}))
		case len(c.incomplete(classify.CreditScreenshot)) > 0:
			o.add(review(dossier.UncertainFiles, ReasonCreditListUnread, Args{"list": l.Key, "files": fileList(c.incomplete(classify.CreditScreenshot))}))
		default:
			o.add(fail(dossier.Absent, ReasonCreditMissing, Args{"list": l.Key}))
		}
		return o
	}
	for _, r := range found {
		o.Evidence = append(o.Evidence, r.Evidence...)
		o.observe(ObsCreditResult, Args{"outcome": r.Outcome, "date": dayField(r.QueryDate)})
		o.add(c.oneCredit(r))
	}
	return o
}

func dayField(f extractors.Field[time.Time]) string {
	if !f.OK {
		return "—"
	}
	return day(f.Value)
}

// oneCredit judges one Credit China result.
func (c *checker) oneCredit(r *CreditDoc) Finding {
	subj, code := fieldValue(r.Subject), fieldValue(r.USCC)
	m, _ := c.compareEntity(subj, code, extractors.MethodOCR, r.Subject.Doubt)
	lo := c.b.Ref.AddDate(0, 0, -c.r.CreditMaxAgeDays)
	a := Args{"path": r.Path, "subject": subj, "code": code, "date": dayField(r.QueryDate), "lo": day(lo), "ref": day(c.b.Ref)}
	switch {
	case m == entityOther:
		return review(dossier.NotMet, ReasonCreditOtherSubject, a)
	case r.Outcome == "listed" && m != entityUnsure && r.Doubt == "":
		return fail(dossier.NotMet, ReasonCreditListed, a)
	case r.Outcome == "listed" && m == entityUnsure:
		return review(dossier.OCROnly, ReasonCreditListedSubjectUnsure, a)
	case r.Outcome == "listed":
		return review(dossier.OCROnly, ReasonCreditListedUnsure, a)
	case r.Outcome != "clear":
		return review(dossier.NotFound, ReasonCreditUnreadable, a)
	case r.Doubt != "":
		return review(dossier.OCROnly, ReasonCreditOutcomeUnsure, a)
	case m == entityUnsure:
		return review(dossier.OCROnly, ReasonCreditSubjectUnsure, a)
	case !r.QueryDate.OK:
		return review(dossier.NotFound, ReasonCreditDateNotFound, a)
	case r.QueryDate.Value.Before(lo) || r.QueryDate.Value.After(c.b.Ref):
		return review(dossier.Stale, ReasonCreditStale, a)
	}
	return passed(ReasonCreditClear, a)
}

func (c *checker) materials() outcome {
	o := outcome{Required: text(ReqMaterials, nil)}
	present := 0
	for _, k := range classify.Required {
		if len(c.b.Kinds[k]) == 0 {
			o.add(fail(dossier.Absent, ReasonKindMissing, Args{"kind": string(k)}))
		} else {
			present++
		}
	}
	if len(c.b.Kinds[classify.AuditReport]) > 0 {
		for _, y := range []int{c.y, c.y - 1} {
			if c.auditFor(y) == nil {
				o.add(c.auditMissing(y))
			}
		}
	}
	if len(c.b.Kinds[classify.CreditScreenshot]) > 0 {
		for _, l := range CreditLists {
			if f := c.credit(l).Findings; len(f) > 0 && (f[0].Reason == ReasonCreditMissing || f[0].Reason == ReasonCreditListUnread) {
				o.add(f[0])
			}
		}
	}
	o.observe(ObsKinds, Args{"want": strconv.Itoa(len(classify.Required)), "have": strconv.Itoa(present)})
	o.add(passed(ReasonMaterialsOK, nil))
	return o
}

func (c *checker) identity() outcome {
	o := outcome{Required: text(ReqIdentity, nil)}
	if c.name == "" {
		if c.b.Form == nil && c.b.License == nil {
			o.add(fail(dossier.Absent, ReasonApplicantAbsent, nil))
		} else {
			o.add(review(dossier.NotFound, ReasonApplicantNotFound, Args{"files": c.kindPaths(classify.ApplicationForm, classify.License)}))
		}
		return o
	}
	o.observe(ObsApplicant, Args{"name": c.nameRaw, "code": c.code})
	o.Evidence = append(o.Evidence, c.nameEv...)
	if c.ocrName.OK {
		o.add(note(ReasonNameOCRNote, Args{"doc": "application_form", "path": c.ocrName.Evidence.Path, "name": c.ocrName.Value}))
	}
	compare := func(doc, path, name, code, doubt string, ev extractors.Evidence, m extractors.Method) {
		a := Args{"doc": doc, "path": path, "name": name, "applicant": c.nameRaw}
		switch got, why := c.compareEntity(name, code, m, doubt); got {
		case entityOther:
			o.add(fail(dossier.NotMet, ReasonNameOther, a, ev))
		case entityUnsure:
			o.add(review(holderBasis(why, m), why, a, ev))
		case entitySameByUSCC, entitySameOCR:
			o.add(note(ReasonNameOCRNote, a))
		}
	}
	codes := func(doc, path string, f extractors.Field[string]) {
		if !f.OK || c.code == "" || f.Value == c.code {
			return
		}
		a := Args{"doc": doc, "path": path, "code": f.Value, "applicant": c.code}
		if uscc.Valid(f.Value) && f.Doubt == "" {
			o.add(fail(dossier.NotMet, ReasonCodeOther, a, f.Evidence))
		} else {
			o.add(review(unsureBasis(f.Evidence), ReasonCodeUnsure, a, f.Evidence))
		}
	}
	if l := c.b.License; l != nil {
		codes("license", l.USCC.Evidence.Path, l.USCC)
		if l.Name.OK {
			compare("license", l.Name.Evidence.Path, l.Name.Value, fieldValue(l.USCC), l.Name.Doubt, l.Name.Evidence, c.b.LicenseMethod)
		}
	}
	for i := range c.b.Audits {
		a := &c.b.Audits[i]
		if a.Entity.OK {
			compare("audit_report", a.Path, a.Entity.Value, "", a.Entity.Doubt, a.Entity.Evidence, a.Method)
		}
	}
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		if p.Holder.OK {
			compare("premises", p.Path, p.Holder.Value, fieldValue(p.HolderUSCC), p.Holder.Doubt, p.Holder.Evidence, p.Method)
		}
	}
	for i := range c.b.Credits {
		r := &c.b.Credits[i]
		codes("credit_screenshot", r.Path, r.USCC)
		if r.Subject.OK {
			compare("credit_screenshot", r.Path, r.Subject.Value, fieldValue(r.USCC), r.Subject.Doubt, r.Subject.Evidence, extractors.MethodOCR)
		}
	}
	o.add(passed(ReasonIdentityOK, nil))
	return o
}

func (c *checker) declared() outcome {
	tol := c.r.DeclaredTolerance
	o := outcome{Required: text(ReqDeclared, Args{"tol": numText(tol)})}
	f := c.b.Form
	if f == nil {
		o.add(passed(ReasonNoDeclaration, nil))
		return o
	}
	// judge compares one declared figure with its evidence: what, the
	// figure; evOK false when the evidence was not read; inc the files of
	// the evidence's kind not fully read.
	judge := func(what string, declared, ev float64, limit float64, evOK, ocr bool, inc []FileNote, dev extractors.Evidence) {
		a := Args{"what": what, "declared": numText(declared), "ev": numText(ev), "tol": numText(tol)}
		if !evOK {
			o.add(review(dossier.NotFound, ReasonDeclaredEvidenceUnread, a))
			return
		}
		o.observe(ObsDeclared, a)
		if declared <= limit+1e-6 {
			return
		}
		if len(inc) > 0 {
			a["files"] = fileList(inc)
			o.add(review(dossier.Incomplete, ReasonDeclaredAboveIncomplete, a, dev))
			return
		}
		if ocr {
			o.add(review(dossier.OCROnly, ReasonDeclaredAboveOCR, a, dev))
			return
		}
		o.add(fail(dossier.BelowThreshold, ReasonDeclaredAbove, a, dev))
	}
	if f.TotalAssets.OK {
		ta, other, ok := c.figure(totalAssetsOf, c.y)
		ok = ok && ta.Doubt == "" && !other.OK
		judge("total_assets", f.TotalAssets.Value, ta.Value, ta.Value*tol, ok, c.ocrOnly(ta, c.y), c.incomplete(classify.AuditReport), f.TotalAssets.Evidence)
	}
	if f.AreaM2.OK {
		area, ok := c.validArea()
		judge("area_m2", f.AreaM2.Value, area, area*tol, ok, c.areaByOCR(), c.incomplete(classify.Premises), f.AreaM2.Evidence)
	}
	count := func(what string, d extractors.Field[int], n int, have bool, kind classify.Kind) {
		if !d.OK {
			return
		}
		if !have {
			a := Args{"what": what, "declared": strconv.Itoa(d.Value), "kind": string(kind)}
			if d.Value > 0 {
				o.add(fail(dossier.Absent, ReasonDeclaredListAbsent, a, d.Evidence))
			}
			return
		}
		judge(what, float64(d.Value), float64(n), float64(n), true, false, c.incomplete(kind), d.Evidence)
	}
	count("experts_senior", f.ExpertsSenior, c.expertCounts.Senior, c.haveExperts, classify.ExpertList)
	count("experts_total", f.ExpertsTotal, c.expertCounts.Total, c.haveExperts, classify.ExpertList)
	count("partners", f.Partners, c.partnerCounts.Count, c.havePartners, classify.PartnerList)
	count("smes_served", f.SMEsServed, c.serviceCounts.SMEs, c.haveServices, classify.ServiceRecords)
	count("point_to_point", f.PointToPoint, c.serviceCounts.PointToPoint, c.haveServices, classify.ServiceRecords)
	o.add(passed(ReasonDeclaredOK, nil))
	return o
}

// validArea sums the areas of the premises documents valid on R; false when
// an area, or a lease's term, could not be read.
func (c *checker) validArea() (float64, bool) {
	sum := 0.0
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		if !p.AreaM2.OK || p.AreaM2.Doubt != "" || (p.Kind != "certificate" && (!p.Start.OK || !p.End.OK)) {
			return 0, false
		}
		if c.validOnRef(p) {
			sum += p.AreaM2.Value
		}
	}
	return math.Round(sum*100) / 100, true
}

func (c *checker) reentry() outcome {
	o := outcome{Required: text(ReqReentry, Args{"ref": day(c.b.Ref), "years": strconv.Itoa(c.r.ReentryBanYears)})}
	if c.r.RemovedRegister == nil {
		o.add(Finding{Reason: ReasonNoRegister, Status: dossier.Manual, Basis: dossier.NotCheckable})
		return o
	}
	lo := c.b.Ref.AddDate(-c.r.ReentryBanYears, 0, 0)
	for _, e := range *c.r.RemovedRegister {
		if e.USCC != c.code || c.code == "" {
			continue
		}
		t, ok := parse.Date(e.RemovedOn)
		if ok && !t.Before(lo) && !t.After(c.b.Ref) {
			o.observe(ObsRemoved, Args{"on": e.RemovedOn})
			o.add(fail(dossier.NotMet, ReasonRemoved, Args{"on": e.RemovedOn, "reason": e.Reason, "until": day(t.AddDate(c.r.ReentryBanYears, 0, 0))}))
			return o
		}
	}
	o.observe(ObsNotRemoved, nil)
	o.add(passed(ReasonNotRemoved, Args{"n": strconv.Itoa(len(*c.r.RemovedRegister))}))
	return o
}

func fieldValue(f extractors.Field[string]) string {
	if !f.OK {
		return ""
	}
	return f.Value
}

// numText writes a number as plain decimals (no exponent).
func numText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
	"ruku/extractors/audit"
	"ruku/extractors/classify"
	"ruku/extractors/credit"
	"ruku/extractors/experts"
	"ruku/extractors/form"
	"ruku/extractors/license"
	"ruku/extractors/partners"
	"ruku/extractors/premises"
	"ruku/extractors/services"
	"ruku/pipeline/dossier"
)

func d(y, m, dd int) time.Time { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }

func ev(p string) extractors.Evidence { return extractors.Evidence{Path: p, Page: 1, Snippet: p} }

func fs(v string) extractors.Field[string]       { return extractors.Found(v, ev("x")) }
func fd(t time.Time) extractors.Field[time.Time] { return extractors.Found(t, ev("x")) }
func ff(v float64) extractors.Field[float64]     { return extractors.Found(v, ev("x")) }
func fy(v int) extractors.Field[int]             { return extractors.Found(v, ev("x")) }
func years(a, b float64) map[int]extractors.Field[float64] {
	return map[int]extractors.Field[float64]{2025: ff(a), 2024: ff(b)}
}

const (
	name = "河北冀联检验检测有限公司"
	code = "91130104MA72G7U680"
)

// base is a bundle that meets every condition of the default rules except
// the lists (experts, partners, services), which the checks count.
func base() *Bundle {
	ref := d(2026, 8, 22)
	b := &Bundle{Ref: ref, RefSource: RefForm, Kinds: map[classify.Kind][]string{}}
	for _, k := range classify.Required {
		b.Kinds[k] = []string{string(k)}
	}
	b.Form = &form.Form{Name: fs(name), USCC: fs(code), AppliedOn: fd(ref), Nature: fs("社会化"),
		Categories: extractors.Found([]string{"技术创新"}, ev("form")), TotalAssets: ff(11576000), AreaM2: ff(205.09)}
	b.License = &license.License{Kind: "营业执照", Name: fs(name), USCC: fs(code), EntityType: fs("其他有限责任公司"),
		Address: fs("河北省石家庄市桥西区北京大街231号"), EstablishedOn: fd(d(2021, 4, 20))}
	b.LicenseMethod = extractors.MethodOCR
	b.Premises = []PremisesDoc{{Premises: premises.Premises{Kind: "lease", Holder: fs(name), AreaM2: ff(205.09),
		Start: fd(d(2026, 7, 6)), End: fd(d(2028, 7, 5))}, Path: "lease.pdf", Method: extractors.MethodText}}
	for _, y := range []int{2025, 2024} {
		b.Audits = append(b.Audits, AuditDoc{Report: audit.Report{Entity: fs(name), Year: fy(y), Opinion: fs("unqualified"),
			TotalAssets: years(11576000, 12696300), NetAssets: years(8943500, 8273600), NetProfit: years(669900, 266200)},
			Path: "audit.pdf", Method: extractors.MethodText})
	}
	for _, l := range CreditLists {
		b.Credits = append(b.Credits, CreditDoc{Result: credit.Result{List: l.Key, Subject: fs(name), USCC: fs(code),
			QueryDate: fd(d(2026, 8, 8)), Outcome: "clear"}, Path: l.Key + ".png"})
	}
	return b
}

func statusOf(t *testing.T, b *Bundle, id string) (dossier.Status, string) {
	t.Helper()
	crit, _ := Check(b, Default())
	for _, c := range crit {
		if c.ID == id {
			if (c.Status == dossier.Fail || c.Status == dossier.NeedsReview) && (c.Message == "" || c.Basis == "") {
				t.Errorf("%s is %s without a message or basis: %+v", id, c.Status, c)
			}
			return c.Status, c.Message
		}
	}
	t.Fatalf("criterion %s missing", id)
	return "", ""
}

// judged is what a check decided, as reason codes.
type judged struct {
	status  dossier.Status
	basis   dossier.Basis
	reasons []Reason // of the findings at that status
	notes   []Reason
}

func judge(t *testing.T, b *Bundle, r *Rules, id string) judged {
	t.Helper()
	_, outs := evaluate(b, r)
	for i, def := range Criteria {
		if def.ID == id {
			o := outs[i]
			st, basis := o.decide()
			return judged{st, basis, o.reasons(st), o.reasons(info)}
		}
	}
	t.Fatalf("criterion %s missing", id)
	return judged{}
}

func has(rs []Reason, r Reason) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(b *Bundle)
		id     string
		want   dossier.Status
	}{
		{"base registered", func(*Bundle) {}, "registered_hebei", dossier.Pass},
		{"Beijing-named street in Hebei", func(b *Bundle) { b.License.Address = fs("张家口市桥东区北京大街302号") }, "registered_hebei", dossier.Pass},
		{"Beijing domicile", func(b *Bundle) { b.License.Address = fs("北京市海淀区中关村大街69号") }, "registered_hebei", dossier.Fail},
		{"Beijing USCC", func(b *Bundle) { b.Form.USCC = fs("91110108172EPXTJ6X") }, "registered_hebei", dossier.Fail},
		{"branch", func(b *Bundle) {
			b.License.EntityType = fs("有限责任公司分公司（自然人投资或控股）")
		}, "legal_person", dossier.Fail},
		{"partnership", func(b *Bundle) { b.License.EntityType = fs("普通合伙企业") }, "legal_person", dossier.Fail},
		{"institution certificate", func(b *Bundle) {
			b.License.Kind, b.License.EntityType = "事业单位法人证书", extractors.Field[string]{}
		}, "legal_person", dossier.Pass},
		{"young", func(b *Bundle) { b.License.EstablishedOn = fd(d(2024, 10, 27)) }, "operating_2y", dossier.Fail},
		{"exactly two years", func(b *Bundle) { b.License.EstablishedOn = fd(d(2024, 8, 22)) }, "operating_2y", dossier.Pass},
		{"qualified opinion", func(b *Bundle) { b.Audits[1].Opinion = fs("qualified") }, "audited_2y", dossier.Fail},
		{"one year missing", func(b *Bundle) { b.Audits = b.Audits[:1] }, "audited_2y", dossier.Fail},
		{"one report covering both years", func(b *Bundle) {
			b.Audits = b.Audits[:1]
			b.Audits[0].Covers = []int{2024, 2025}
		}, "audited_2y", dossier.Pass},
		{"a report covering only the prior year's column", func(b *Bundle) {
			b.Audits = b.Audits[:1]
			b.Audits[0].Covers = []int{2025}
		}, "audited_2y", dossier.Fail},
		{"negative net assets", func(b *Bundle) { b.Audits[0].NetAssets = years(-413687.36, 100) }, "financial_health", dossier.Fail},
		{"two losses", func(b *Bundle) {
			b.Audits[0].NetProfit = years(-223200, -224000)
			b.Audits[1].NetProfit = years(0, -224000)
		}, "financial_health", dossier.NeedsReview},
		{"one loss", func(b *Bundle) { b.Audits[0].NetProfit = years(-223200, 1) }, "financial_health", dossier.Pass},
		{"no nature", func(b *Bundle) { b.Form.Nature = extractors.Field[string]{Evidence: ev("form")} }, "service_categories", dossier.Fail},
		{"small premises", func(b *Bundle) { b.Premises[0].AreaM2 = ff(98.6) }, "premises_area", dossier.Fail},
		{"two leases summed", func(b *Bundle) {
			b.Premises[0].AreaM2 = ff(111)
			p := b.Premises[0]
			p.AreaM2 = ff(66.7)
			b.Premises = append(b.Premises, p)
		}, "premises_area", dossier.Pass},
		{"expired lease", func(b *Bundle) { b.Premises[0].End = fd(d(2026, 8, 4)) }, "premises_valid", dossier.Fail},
		{"lease of another company", func(b *Bundle) { b.Premises[0].Holder = fs("河北融汇投资集团有限公司") }, "premises_valid", dossier.Fail},
		{"lease of another company breaks identity", func(b *Bundle) { b.Premises[0].Holder = fs("河北融汇投资集团有限公司") }, "identity_consistent", dossier.Fail},
		{"certificate", func(b *Bundle) {
			b.Premises[0].Kind, b.Premises[0].Start, b.Premises[0].End = "certificate", extractors.Field[time.Time]{}, extractors.Field[time.Time]{}
		}, "premises_valid", dossier.Pass},
		{"total assets low", func(b *Bundle) { b.Audits[0].TotalAssets = years(1783300, 2281300) }, "total_assets", dossier.Fail},
		{"credit missing", func(b *Bundle) { b.Credits = b.Credits[1:] }, "credit_dishonest_debtor", dossier.Fail},
		{"credit listed", func(b *Bundle) { b.Credits[1].Outcome = "listed" }, "credit_serious_dishonesty", dossier.Fail},
		{"credit stale", func(b *Bundle) { b.Credits[2].QueryDate = fd(d(2026, 7, 1)) }, "credit_abnormal_operation", dossier.NeedsReview},
		{"credit OCR misread name, USCC matches", func(b *Bundle) { b.Credits[3].Subject = fs("河北茧联检验检测有限公司") }, "credit_tax_violation", dossier.Pass},
		{"credit of another subject", func(b *Bundle) {
			b.Credits[3].Subject, b.Credits[3].USCC = fs("石家庄利达投资有限公司"), fs("91130104MA0A15144L")
		}, "credit_tax_violation", dossier.NeedsReview},
		{"audit names another entity", func(b *Bundle) { b.Audits[1].Entity = fs("河北冀联质量技术服务有限公司") }, "identity_consistent", dossier.Fail},
		{"half-width brackets", func(b *Bundle) {
			b.Form.Name = fs("河北鼎盛（河北）科技有限公司")
			b.License.Name = fs("河北鼎盛（河北）科技有限公司")
			for i := range b.Audits {
				b.Audits[i].Entity = fs("河北鼎盛(河北)科技有限公司")
			}
			b.Premises[0].Holder = fs("河北鼎盛（河北）科技有限公司")
			for i := range b.Credits {
				b.Credits[i].Subject = fs("河北鼎盛(河北)科技有限公司")
			}
		}, "identity_consistent", dossier.Pass},
		{"materials missing", func(b *Bundle) { delete(b.Kinds, classify.Staff) }, "materials_complete", dossier.Fail},
		{"declared assets exaggerated", func(b *Bundle) { b.Form.TotalAssets = ff(11576000 * 1.02) }, "declared_consistent", dossier.Fail},
		{"declared assets within 1%", func(b *Bundle) { b.Form.TotalAssets = ff(11576000 * 1.009) }, "declared_consistent", dossier.Pass},
		{"no register", func(*Bundle) {}, "reentry_ban", dossier.Manual},
		{"political", func(*Bundle) {}, "political", dossier.Manual},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := base()
			tt.change(b)
			if got, msg := statusOf(t, b, tt.id); got != tt.want {
				t.Errorf("%s = %s (%s), want %s", tt.id, got, msg, tt.want)
			}
		})
	}
}

func TestReentry(t *testing.T) {
	for _, tt := range []struct {
		name string
		reg  *[]Removal
		want dossier.Status
	}{
		{"no register", nil, dossier.Manual},
		{"removed last year", &[]Removal{{USCC: code, RemovedOn: "2025-05-01", Reason: "连续3个周期未填报"}}, dossier.Fail},
		{"removed long ago", &[]Removal{{USCC: code, RemovedOn: "2023-05-01"}}, dossier.Pass},
		{"another institution removed", &[]Removal{{USCC: "91130104MA0A15144L", RemovedOn: "2025-05-01"}}, dossier.Pass},
	} {
		r := Default()
		r.RemovedRegister = tt.reg
		if got := judge(t, base(), r, "reentry_ban"); got.status != tt.want {
			t.Errorf("%s: reentry_ban = %s %v, want %s", tt.name, got.status, got.reasons, tt.want)
		}
	}
}

func TestCheckEveryCriterionOnce(t *testing.T) {
	crit, facts := Check(base(), Default())
	if len(crit) != 23 {
		t.Fatalf("%d criteria, want 23", len(crit))
	}
	seen := map[string]bool{}
	for _, c := range crit {
		if seen[c.ID] {
			t.Errorf("%s twice", c.ID)
		}
		seen[c.ID] = true
	}
	if facts["audit.total_assets"].(map[string]any)["2025"] != 11576000.0 {
		t.Errorf("audit.total_assets = %v", facts["audit.total_assets"])
	}
	if facts["premises.area_m2"] != 205.09 {
		t.Errorf("premises.area_m2 = %v", facts["premises.area_m2"])
	}
}

func TestRulesFile(t *testing.T) {
	r := Default()
	if r.Version == "" || len(r.SHA256) != 64 {
		t.Fatalf("default rules: version %q sha %q", r.Version, r.SHA256)
	}
	if _, err := Parse([]byte(`{"version":"x"}`)); err == nil || !strings.Contains(err.Error(), "threshold") {
		t.Errorf("a rules file without thresholds must be refused, got %v", err)
	}
	if _, err := Parse([]byte(`{"version":"x","unknown_key":1}`)); err == nil {
		t.Error("unknown keys must be refused")
	}
}

func TestOCRMisreadingsOfTypedFacts(t *testing.T) {
	b := base()
	b.Form.EstablishedOn = fd(d(2014, 4, 11))
	b.Form.Address = fs("河北省廊坊市广阳区珠江大道219号")
	b.License.EstablishedOn = fd(d(2014, 4, 1)) // OCR read 11 as 01
	b.License.Address = fs("河北省麻坊市广阳区珠江大道2l9号") // two misreadings, one of them 1 for l
	_, facts := Check(b, Default())
	if facts["license.established_on"] != "2014-04-11" {
		t.Errorf("established_on = %v, want the form's 2014-04-11", facts["license.established_on"])
	}
	if facts["license.address"] != "河北省廊坊市广阳区珠江大道219号" {
		t.Errorf("address = %v, want the form's", facts["license.address"])
	}
	// A text-layer license is taken as it reads.
	b.LicenseMethod = extractors.MethodText
	_, facts = Check(b, Default())
	if facts["license.established_on"] != "2014-04-01" {
		t.Errorf("established_on = %v, want the license's own", facts["license.established_on"])
	}
}

func TestOCRAddressWithMisreadCity(t *testing.T) {
	b := base()
	b.License.Address = fs("邯韩市丛台区河北大街375号")
	if got, msg := statusOf(t, b, "registered_hebei"); got != dossier.Pass {
		t.Errorf("registered_hebei = %s (%s), want pass", got, msg)
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"北京大街11号", "北京大街了号", 2}, {"abc", "abd", 1}, {"", "ab", 2}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCautious checks that fail rests on evidence read with confidence and
// that what was not read with confidence is needs_review, for the reason
// and on the basis given.
func TestCautious(t *testing.T) {
	other := "河北融汇投资集团有限公司"
	ocrEv := extractors.Evidence{Path: "scan.png", Page: 1, Snippet: "x", Method: extractors.MethodOCR}
	tests := []struct {
		name   string
		change func(b *Bundle)
		id     string
		want   dossier.Status
		basis  dossier.Basis
		reason Reason // among the findings at the decided status (or a note when pass)
	}{
		{"holder with empty brackets is the applicant", func(b *Bundle) { b.Premises[0].Holder = fs(name + "()") },
			"premises_valid", dossier.Pass, "", ""},
		{"holder of another company read from text", func(b *Bundle) { b.Premises[0].Holder = fs(other) },
			"premises_valid", dossier.Fail, dossier.NotMet, ReasonHolderOther},
		{"holder: the applicant's branch", func(b *Bundle) { b.Premises[0].Holder = fs(name + "石家庄分公司") },
			"premises_valid", dossier.Fail, dossier.NotMet, ReasonHolderOther},
		{"holder with leftovers", func(b *Bundle) { b.Premises[0].Holder = fs(name + "（盖章）") },
			"premises_valid", dossier.NeedsReview, dossier.Unsure, ReasonNameLeftovers},
		{"holder: a person picked from a line", func(b *Bundle) { b.Premises[0].Holder = fs("王建国") },
			"premises_valid", dossier.NeedsReview, dossier.Unsure, ReasonNameNotOrg},
		{"holder: the legal representative in person", func(b *Bundle) {
			b.Form.LegalRep = fs("王建国")
			b.Premises[0].Holder = fs("王建国")
		}, "premises_valid", dossier.Fail, dossier.NotMet, ReasonHolderOther},
		{"holder flagged doubtful", func(b *Bundle) {
			b.Premises[0].Holder = fs(other)
			b.Premises[0].Holder.Doubt = "two readings"
		}, "premises_valid", dossier.NeedsReview, dossier.Unsure, ReasonNameDoubt},
		{"holder of another company read by OCR", func(b *Bundle) {
			b.Premises[0].Holder, b.Premises[0].Method = fs(other), extractors.MethodOCR
		}, "premises_valid", dossier.NeedsReview, dossier.OCROnly, ReasonNameOCRUnsure},
		{"OCR holder with another valid USCC", func(b *Bundle) {
			b.Premises[0].Holder, b.Premises[0].Method = fs(other), extractors.MethodOCR
			b.Premises[0].HolderUSCC = fs("91130104MA0A15144L")
		}, "premises_valid", dossier.Fail, dossier.NotMet, ReasonHolderOther},
		{"lease term not read", func(b *Bundle) { b.Premises[0].End = extractors.Field[time.Time]{} },
			"premises_valid", dossier.NeedsReview, dossier.NotFound, ReasonLeaseTermNotFound},
		{"expired lease date flagged doubtful", func(b *Bundle) {
			b.Premises[0].End = fd(d(2026, 8, 4))
			b.Premises[0].End.Doubt = "ocr"
		}, "premises_valid", dossier.NeedsReview, dossier.Unsure, ReasonLeaseDateUnsure},
		{"area not read", func(b *Bundle) { b.Premises[0].AreaM2 = extractors.Field[float64]{} },
			"premises_area", dossier.NeedsReview, dossier.NotFound, ReasonAreaNotFound},
		{"area small", func(b *Bundle) { b.Premises[0].AreaM2 = ff(98.6) },
			"premises_area", dossier.Fail, dossier.BelowThreshold, ReasonAreaBelow},
		{"area small, read by OCR only", func(b *Bundle) {
			b.Premises[0].AreaM2, b.Premises[0].Method = extractors.Found(77.34, ocrEv), extractors.MethodOCR
		}, "premises_area", dossier.NeedsReview, dossier.OCROnly, ReasonAreaBelowOCR},
		{"declared area above an OCR-only reading", func(b *Bundle) {
			b.Premises[0].AreaM2, b.Premises[0].Method = extractors.Found(77.34, ocrEv), extractors.MethodOCR
		}, "declared_consistent", dossier.NeedsReview, dossier.OCROnly, ReasonDeclaredAboveOCR},
		{"declared area above a typed reading", func(b *Bundle) { b.Premises[0].AreaM2 = ff(77.34) },
			"declared_consistent", dossier.Fail, dossier.BelowThreshold, ReasonDeclaredAbove},
		{"total assets low, read by OCR only", func(b *Bundle) {
			b.Audits[0].TotalAssets = map[int]extractors.Field[float64]{2025: extractors.Found(1783300.0, ocrEv)}
		}, "total_assets", dossier.NeedsReview, dossier.OCROnly, ReasonFigureUnsure},
		{"total assets low, read by OCR, confirmed by the balance", func(b *Bundle) {
			b.Audits[0].TotalAssets = map[int]extractors.Field[float64]{2025: extractors.Found(1783300.0, ocrEv)}
			b.Audits[0].LiabilitiesAndEquity = map[int]extractors.Field[float64]{2025: extractors.Found(1783300.0, ocrEv)}
		}, "total_assets", dossier.Fail, dossier.BelowThreshold, ReasonTotalAssetsBelow},
		{"premises file with nothing read", func(b *Bundle) { b.Premises = nil },
			"premises_area", dossier.NeedsReview, dossier.NotFound, ReasonPremisesNotRead},
		{"no premises file at all", func(b *Bundle) { b.Premises = nil; delete(b.Kinds, classify.Premises) },
			"premises_valid", dossier.Fail, dossier.Absent, ReasonPremisesAbsent},
		{"signature-block fragment of a lease is not a second lease", func(b *Bundle) {
			b.Premises = append(b.Premises, PremisesDoc{Premises: premises.Premises{Kind: "lease", Holder: fs(name)}, Path: "lease.pdf"})
		}, "premises_valid", dossier.Pass, "", ""},
		{"kind missing, every file read", func(b *Bundle) { delete(b.Kinds, classify.Staff) },
			"materials_complete", dossier.Fail, dossier.Absent, ReasonKindMissing},
		{"kind missing while a file is unclassified", func(b *Bundle) {
			delete(b.Kinds, classify.Staff)
			b.Uncertain = []FileNote{{Path: "07.xlsx", Why: FileUnclassified}}
		}, "materials_complete", dossier.NeedsReview, dossier.UncertainFiles, ReasonUncertainFiles},
		{"credit list missing while a file is unreadable", func(b *Bundle) {
			b.Credits = b.Credits[1:]
			b.Uncertain = []FileNote{{Path: "14.png", Why: FileUnreadable}}
		}, "credit_dishonest_debtor", dossier.NeedsReview, dossier.UncertainFiles, ReasonCreditMissing},
		{"credit list missing while a screenshot's list was not read", func(b *Bundle) {
			b.Credits[0].List = ""
		}, "credit_dishonest_debtor", dossier.NeedsReview, dossier.UncertainFiles, ReasonCreditListUnread},
		{"credit listed", func(b *Bundle) { b.Credits[1].Outcome = "listed" },
			"credit_serious_dishonesty", dossier.Fail, dossier.NotMet, ReasonCreditListed},
		{"credit listed, reading flagged", func(b *Bundle) { b.Credits[1].Outcome, b.Credits[1].Doubt = "listed", "weak" },
			"credit_serious_dishonesty", dossier.NeedsReview, dossier.OCROnly, ReasonCreditListedUnsure},
		{"credit stale", func(b *Bundle) { b.Credits[2].QueryDate = fd(d(2026, 7, 1)) },
			"credit_abnormal_operation", dossier.NeedsReview, dossier.Stale, ReasonCreditStale},
		{"OCR misread name with matching USCC", func(b *Bundle) { b.Credits[3].Subject = fs("河北茧联检验检测有限公司") },
			"identity_consistent", dossier.Pass, "", ReasonNameOCRNote},
		{"OCR name far off without USCC is never a fail", func(b *Bundle) {
			b.Credits[3].Subject, b.Credits[3].USCC = fs("河北联检测有限公司"), extractors.Field[string]{}
		}, "identity_consistent", dossier.NeedsReview, dossier.OCROnly, ReasonNameOCRUnsure},
		{"typed audit names another entity", func(b *Bundle) { b.Audits[1].Entity = fs("河北冀联质量技术服务有限公司") },
			"identity_consistent", dossier.Fail, dossier.NotMet, ReasonNameOther},
		{"typed audit one character off", func(b *Bundle) { b.Audits[1].Entity = fs("河北冀联检验检侧有限公司") },
			"identity_consistent", dossier.Fail, dossier.NotMet, ReasonNameOther},
		{"license USCC of another entity", func(b *Bundle) { b.License.USCC = fs("91130104MA0A15144L") },
			"identity_consistent", dossier.Fail, dossier.NotMet, ReasonCodeOther},
		{"license USCC misread (check character fails)", func(b *Bundle) { b.License.USCC = fs("91130104MA72G7U681") },
			"identity_consistent", dossier.NeedsReview, dossier.Unsure, ReasonCodeUnsure},
		{"OCR form name, typed copies elsewhere", func(b *Bundle) {
			b.Form.Name = extractors.Found("河北费联检验检测有限公司", ocrEv)
			b.License.Name = fs("河北茧联检验检测有限公司")
		}, "identity_consistent", dossier.Pass, "", ReasonNameOCRNote},
		{"declared experts above a complete count", func(b *Bundle) { b.Form.ExpertsTotal = fy(30) },
			"declared_consistent", dossier.Fail, dossier.BelowThreshold, ReasonDeclaredAbove},
		{"declared experts above a count missing a file", func(b *Bundle) {
			b.Form.ExpertsTotal = fy(30)
			b.Incomplete = map[classify.Kind][]FileNote{classify.ExpertList: {{Path: "experts2.pdf", Why: FileNothingRead}}}
		}, "declared_consistent", dossier.NeedsReview, dossier.Incomplete, ReasonDeclaredAboveIncomplete},
		{"declared area, area not read", func(b *Bundle) { b.Premises[0].AreaM2 = extractors.Field[float64]{} },
			"declared_consistent", dossier.NeedsReview, dossier.NotFound, ReasonDeclaredEvidenceUnread},
		{"expert count low, list read in full", func(*Bundle) {},
			"experts_total", dossier.Fail, dossier.BelowThreshold, ReasonCountBelow},
		{"expert count low, a list file not read", func(b *Bundle) {
			b.Incomplete = map[classify.Kind][]FileNote{classify.ExpertList: {{Path: "experts2.pdf", Why: FileReadError}}}
		}, "experts_total", dossier.NeedsReview, dossier.Incomplete, ReasonCountIncomplete},
		{"expert list absent while a file is unclassified", func(b *Bundle) {
			delete(b.Kinds, classify.ExpertList)
			b.Uncertain = []FileNote{{Path: "scan.pdf", Why: FileUnclassified}}
		}, "experts_senior", dossier.NeedsReview, dossier.UncertainFiles, ReasonListAbsent},
		{"total assets read twice, disagreeing across the threshold", func(b *Bundle) {
			extra := b.Audits[0]
			extra.TotalAssets = map[int]extractors.Field[float64]{2025: ff(1576000)}
			b.Audits = append(b.Audits, extra)
		}, "total_assets", dossier.NeedsReview, dossier.Conflicting, ReasonFigureConflict},
		{"total assets low, flagged doubtful", func(b *Bundle) {
			f := ff(1783300)
			f.Doubt = "ocr"
			b.Audits[0].TotalAssets = map[int]extractors.Field[float64]{2025: f, 2024: ff(2281300)}
		}, "total_assets", dossier.NeedsReview, dossier.Unsure, ReasonFigureUnsure},
		{"an audit report whose year was not read", func(b *Bundle) { b.Audits[1].Year = extractors.Field[int]{} },
			"audited_2y", dossier.NeedsReview, dossier.NotFound, ReasonAuditYearUnread},
		{"an audit year absent", func(b *Bundle) { b.Audits = b.Audits[:1] },
			"audited_2y", dossier.Fail, dossier.Absent, ReasonAuditYearMissing},
		{"negative net assets flagged doubtful", func(b *Bundle) {
			f := ff(-5)
			f.Doubt = "ocr"
			b.Audits[0].NetAssets = map[int]extractors.Field[float64]{2025: f}
		}, "financial_health", dossier.NeedsReview, dossier.Unsure, ReasonFigureUnsure},
		{"form and license disagree on the founding date", func(b *Bundle) {
			b.LicenseMethod = extractors.MethodText
			b.Form.EstablishedOn = fd(d(2025, 4, 20))
		}, "operating_2y", dossier.NeedsReview, dossier.Conflicting, ReasonEstablishedConflict},
		{"an entity type that is not a legal person", func(b *Bundle) { b.License.EntityType = fs("个人独资企业") },
			"legal_person", dossier.Fail, dossier.NotMet, ReasonNotLegalPerson},
		{"categories read by OCR and none found", func(b *Bundle) {
			b.Form.Categories = extractors.Found([]string{}, ocrEv)
		}, "service_categories", dossier.NeedsReview, dossier.OCROnly, ReasonNoCategory},
		{"categories row not found", func(b *Bundle) { b.Form.Categories = extractors.Field[[]string]{} },
			"service_categories", dossier.NeedsReview, dossier.NotFound, ReasonCategoryNotFound},
		{"no category ticked on a typed form", func(b *Bundle) { b.Form.Categories = extractors.Found([]string{}, ev("form")) },
			"service_categories", dossier.Fail, dossier.NotMet, ReasonNoCategory},
		{"nature row found, none ticked", func(b *Bundle) { b.Form.Nature = extractors.Field[string]{Evidence: ev("form")} },
			"service_categories", dossier.Fail, dossier.NotMet, ReasonNoNature},
		{"political", func(*Bundle) {}, "political", dossier.Manual, dossier.NotCheckable, ReasonManualPolitical},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := withLists(base())
			tt.change(b)
			got := judge(t, b, Default(), tt.id)
			if got.status != tt.want || got.basis != tt.basis {
				t.Errorf("%s = %s/%s %v, want %s/%s", tt.id, got.status, got.basis, got.reasons, tt.want, tt.basis)
			}
			if tt.reason != "" && !has(got.reasons, tt.reason) && !has(got.notes, tt.reason) {
				t.Errorf("%s reasons %v notes %v, want %s", tt.id, got.reasons, got.notes, tt.reason)
			}
		})
	}
}

// withLists adds a few experts, partners and services to b, short of every
// minimum.
func withLists(b *Bundle) *Bundle {
	for i, title := range []string{"高级工程师", "工程师", "教授"} {
		b.Experts = append(b.Experts, experts.Expert{Name: "专家" + strconv.Itoa(i), Employer: "某大学", Title: title,
			Start: d(2024, 1, 1), End: d(2027, 1, 1), Evidence: ev("experts.xlsx")})
	}
	b.Partners = append(b.Partners, partners.Partner{Name: "某研究院", Signed: d(2025, 3, 1), ValidUntil: d(2028, 3, 1), Evidence: ev("partners.xlsx")})
	b.Services = append(b.Services, services.Record{Enterprise: "某公司", USCC: code, USCCValid: true, Mode: "上门服务",
		Date: d(2026, 1, 5), Evidence: ev("services.xlsx")})
	return b
}

// TestEveryNonPassHasBasisAndText renders every criterion of bundles with
// many defects: each non-pass has a basis and a message, and no text is a
// bare reason code.
func TestEveryNonPassHasBasisAndText(t *testing.T) {
	b := withLists(base())
	b.Premises[0].Holder = fs("王建国")
	b.Premises[0].AreaM2 = extractors.Field[float64]{}
	b.Credits = b.Credits[2:]
	b.Audits = b.Audits[:1]
	delete(b.Kinds, classify.Staff)
	b.Uncertain = []FileNote{{Path: "x.pdf", Why: FileUnreadable}}
	crit, _ := Check(b, Default())
	for _, c := range crit {
		if c.Status != dossier.Pass && c.Basis == "" {
			t.Errorf("%s: %s without basis", c.ID, c.Status)
		}
		if c.Status == dossier.Pass && c.Basis != "" {
			t.Errorf("%s: pass with basis %s", c.ID, c.Basis)
		}
		for _, s := range []string{c.Message, c.Required, c.Observed} {
			if s == "" || strings.ContainsAny(s, "{}\x00\x01") {
				t.Errorf("%s: text %q", c.ID, s)
			}
		}
	}
	for r, text := range texts {
		if text == "" {
			t.Errorf("reason %s has no text", r)
		}
	}
}

// TestEveryReasonHasText parses render.go: every Reason constant declared
// there has a Chinese text.
func TestEveryReasonHasText(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "render.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Reason" {
				continue
			}
			for _, val := range v.Values {
				lit := val.(*ast.BasicLit)
				r := Reason(strings.Trim(lit.Value, `"`))
				n++
				if texts[r] == "" {
					t.Errorf("reason %s has no text", r)
				}
			}
		}
	}
	if n < 50 {
		t.Fatalf("found only %d reasons in render.go", n)
	}
}

// FuzzCompareEntity: names read from documents are untrusted; comparing
// never panics, the applicant's own name is always the applicant, and a
// name read by OCR alone (no USCC beside it) is never another entity.
func FuzzCompareEntity(f *testing.F) {
	f.Add(name, "河北茧联检验检测有限公司", "")
	f.Add("某某公司", "某某公司()", "91130104MA0A15144L")
	f.Add("(", ")", "x")
	f.Fuzz(func(t *testing.T, applicant, read, uscc string) {
		b := base()
		b.Form.Name = fs(applicant)
		b.License.Name = fs(applicant)
		c, _ := evaluate(b, Default())
		if m, _ := c.compareEntity(applicant, "", extractors.MethodText, ""); c.name != "" && m != entitySame {
			t.Fatalf("%q is not itself: %v", applicant, m)
		}
		if m, _ := c.compareEntity(read, "", extractors.MethodOCR, ""); m == entityOther {
			t.Fatalf("OCR reading %q judged another entity than %q without a USCC", read, applicant)
		}
		c.compareEntity(read, uscc, extractors.MethodText, "")
	})
}

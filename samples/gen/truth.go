package main

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// kv is one member of an ordered JSON object.
type kv struct {
	K string
	V any
}

// obj is a JSON object that keeps its member order, as the corpus truth files do.
type obj []kv

// MarshalJSON writes the members in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.K)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(m.V)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// criterionOrder is RULES.md section 3.
var criterionOrder = []string{"registered_hebei", "political", "legal_person", "operating_2y", "audited_2y",
	"financial_health", "service_categories", "experts_senior", "experts_total", "partners", "premises_area",
	"premises_valid", "total_assets", "smes_served", "point_to_point", "credit_dishonest_debtor",
	"credit_serious_dishonesty", "credit_abnormal_operation", "credit_tax_violation", "materials_complete",
	"identity_consistent", "declared_consistent", "reentry_ban"}

func passFail(ok bool) string {
	if ok {
		return "pass"
	}
	return "fail"
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if bytes.Contains([]byte(s), []byte(x)) {
			return true
		}
	}
	return false
}

// judge applies RULES.md (as read by corpus/README.md) to the generator's own data.
func (b *bundle) judge() map[string]string {
	c := map[string]string{}
	y := b.Y()
	c["registered_hebei"] = passFail(b.Org.USCC[2:4] == "13" && containsAny(b.Org.Address, hebeiPlaces))
	c["political"] = "manual"
	c["legal_person"] = passFail(!containsAny(b.Org.EntityType, []string{"个体", "合伙", "个人独资", "分公司"}))
	c["operating_2y"] = passFail(!b.Org.Established.AddDate(2, 0, 0).After(b.R))
	ok := b.opinion(y) != "" && b.opinion(y-1) != ""
	for _, r := range b.Reports {
		if r.Opinion != "unqualified" {
			ok = false
		}
	}
	c["audited_2y"] = passFail(ok)
	switch {
	case b.Fin[y].NetAssets <= 0:
		c["financial_health"] = "fail"
	case b.Fin[y].NetProfit < 0 && b.Fin[y-1].NetProfit < 0:
		c["financial_health"] = "needs_review"
	default:
		c["financial_health"] = "pass"
	}
	c["service_categories"] = passFail(len(b.Categories) > 0 && b.Nature != "")
	senior, total := b.expertCounts()
	c["experts_senior"] = passFail(senior >= 10)
	c["experts_total"] = passFail(total >= 20)
	c["partners"] = passFail(b.partnerCount() >= 5)
	c["premises_area"] = passFail(b.premisesArea() >= 150)
	pv := len(b.Premises) > 0
	for _, p := range b.Premises {
		if p.Holder != b.Org.Name || !p.validOn(b.R) {
			pv = false
		}
	}
	c["premises_valid"] = passFail(pv)
	c["total_assets"] = passFail(b.Fin[y].TotalAssets >= 200000000)
	smes, p2p, _ := b.serviceCounts()
	c["smes_served"] = passFail(smes >= 100)
	c["point_to_point"] = passFail(p2p >= 10)
	for _, l := range creditLists {
		st := "fail"
		for _, s := range b.Credit {
			if s.List != l {
				continue
			}
			q := day(s.Query.Truncate(24 * 3600e9))
			switch {
			case s.Listed:
				st = "fail"
			case q.Before(b.R.AddDate(0, 0, -30)) || q.After(b.R):
				st = "needs_review"
			default:
				st = "pass"
			}
		}
		c["credit_"+l] = st
	}
	have := map[string]bool{}
	for _, f := range b.Files {
		have[f.Kind] = true
	}
	mc := b.opinion(y) != "" && b.opinion(y-1) != ""
	for _, k := range requiredKinds {
		if !have[k] {
			mc = false
		}
	}
	lists := map[string]bool{}
	for _, s := range b.Credit {
		lists[s.List] = true
	}
	mc = mc && len(lists) == 4
	c["materials_complete"] = passFail(mc)
	id := true
	for _, p := range b.Premises {
		if p.Holder != b.Org.Name {
			id = false
		}
	}
	c["identity_consistent"] = passFail(id)
	dc := b.Declared.Senior <= senior && b.Declared.Total <= total && b.Declared.Partner <= b.partnerCount() &&
		b.Declared.SMEs <= smes && b.Declared.P2P <= p2p &&
		float64(b.Declared.TotalAssets) <= float64(b.Fin[y].TotalAssets)*1.01 &&
		b.Declared.Area <= b.premisesArea()*1.01
	c["declared_consistent"] = passFail(dc)
	c["reentry_ban"] = "manual"
	return c
}

func verdictOf(c map[string]string) string {
	v := "eligible"
	for _, s := range c {
		if s == "fail" {
			return "ineligible"
		}
		if s == "needs_review" {
			v = "needs_review"
		}
	}
	return v
}

func perYear(years []int, f func(int) any) obj {
	var o obj
	for _, y := range years {
		o = append(o, kv{strconv.Itoa(y), f(y)})
	}
	return o
}

// truth builds truth.json in the corpus format.
func (b *bundle) truth() []byte {
	crit := b.judge()
	senior, total := b.expertCounts()
	smes, p2p, invalid := b.serviceCounts()
	years := b.reportYears()
	f := obj{
		{"applicant.name", b.Org.Name},
		{"applicant.uscc", b.Org.USCC},
		{"applicant.legal_rep", b.Org.LegalRep},
		{"application.reference_date", iso(b.R)},
		{"application.reference_date_source", "form"},
		{"application.nature", b.Nature},
		{"application.categories", b.Categories},
		{"application.declared.total_assets", b.Declared.TotalAssets.yuan()},
		{"application.declared.area_m2", b.Declared.Area},
		{"application.declared.experts_senior", b.Declared.Senior},
		{"application.declared.experts_total", b.Declared.Total},
		{"application.declared.partners", b.Declared.Partner},
		{"application.declared.smes_served", b.Declared.SMEs},
		{"application.declared.point_to_point", b.Declared.P2P},
		{"license.established_on", iso(b.Org.Established)},
		{"license.entity_type", b.Org.EntityType},
		{"license.address", b.Org.Address},
		{"audit.total_assets", perYear(years, func(y int) any { return b.Fin[y].TotalAssets.yuan() })},
		{"audit.net_assets", perYear(years, func(y int) any { return b.Fin[y].NetAssets.yuan() })},
		{"audit.net_profit", perYear(years, func(y int) any { return b.Fin[y].NetProfit.yuan() })},
		{"audit.opinion", perYear(years, func(y int) any { return b.opinion(y) })},
	}
	allValid := true
	holder := b.Premises[0].Holder
	for _, p := range b.Premises {
		allValid = allValid && p.validOn(b.R)
		if p.Holder != holder {
			holder = ""
		}
	}
	if allValid {
		f = append(f, kv{"premises.area_m2", b.premisesArea()})
	}
	if holder != "" {
		f = append(f, kv{"premises.holder", holder})
	}
	if len(b.Premises) == 1 {
		p := b.Premises[0]
		if p.Cert {
			f = append(f, kv{"premises.lease_start", nil}, kv{"premises.lease_end", nil})
		} else {
			f = append(f, kv{"premises.lease_start", iso(p.Start)}, kv{"premises.lease_end", iso(p.End)})
		}
		f = append(f, kv{"premises.address", p.Address})
	}
	f = append(f,
		kv{"experts.senior", senior}, kv{"experts.total", total}, kv{"partners.count", b.partnerCount()},
		kv{"services.smes", smes}, kv{"services.point_to_point", p2p}, kv{"services.invalid_rows", invalid})
	for _, l := range creditLists {
		res, q := "missing", any(nil)
		for _, s := range b.Credit {
			if s.List == l {
				res, q = "clear", s.Query.Format("2006-01-02")
				if s.Listed {
					res = "listed"
				}
			}
		}
		f = append(f, kv{"credit." + l + ".result", res}, kv{"credit." + l + ".query_date", q})
	}
	var co obj
	for _, id := range criterionOrder {
		co = append(co, kv{id, crit[id]})
	}
	var files []obj
	for _, fs := range b.Files {
		o := obj{{"path", fs.Path}, {"kind", fs.Kind}, {"producer", fs.Producer}}
		if fs.CreditList != "" {
			o = append(o, kv{"credit_list", fs.CreditList})
		}
		files = append(files, o)
	}
	zn := "utf-8"
	if b.ZipGBK {
		zn = "gbk"
	}
	planted := b.Planted
	if planted == nil {
		planted = []string{}
	}
	t := obj{
		{"bundle", b.Name},
		{"reference_date", iso(b.R)},
		{"facts", f},
		{"criteria", co},
		{"verdict", verdictOf(crit)},
		{"planted", planted},
		{"traps", b.Traps},
		{"template", "B"},
		{"files", files},
		{"zip_names", zn},
	}
	raw, err := marshal(t)
	if err != nil {
		panic(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", " "); err != nil {
		panic(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

package rules

import (
	"math"
	"strconv"

	"ruku/extractors"
	"ruku/extractors/parse"
)

func str(f extractors.Field[string]) any {
	if !f.OK || f.Value == "" {
		return nil
	}
	return f.Value
}

func date(f extractors.Field[extractors.Date]) any {
	if !f.OK || f.Value.IsZero() {
		return nil
	}
	return f.Value.Format(extractors.DateLayout)
}

func num(f extractors.Field[float64]) any {
	if !f.OK {
		return nil
	}
	return f.Value
}

func integer(f extractors.Field[int]) any {
	if !f.OK {
		return nil
	}
	return f.Value
}

// collectFacts fills the facts of RULES.md section 5.
func (c *checker) collectFacts() {
	F := c.facts
	F["applicant.name"] = nilIfEmpty(c.nameRaw)
	F["applicant.uscc"] = nilIfEmpty(c.code)
	F["applicant.legal_rep"] = nil
	if f := c.b.Form; f != nil && f.LegalRep.OK {
		F["applicant.legal_rep"] = f.LegalRep.Value
	} else if l := c.b.License; l != nil {
		F["applicant.legal_rep"] = str(l.LegalRep)
	}
	F["application.reference_date"] = nilIfEmpty(day(c.b.Ref))
	F["application.reference_date_source"] = c.b.RefSource
	for _, k := range []string{"nature", "categories", "declared.total_assets", "declared.area_m2", "declared.experts_senior",
		"declared.experts_total", "declared.partners", "declared.smes_served", "declared.point_to_point"} {
		F["application."+k] = nil
	}
	if f := c.b.Form; f != nil {
		F["application.nature"] = str(f.Nature)
		if f.Categories.OK {
			F["application.categories"] = append([]string{}, f.Categories.Value...)
		} else {
			F["application.categories"] = []string{}
		}
		F["application.declared.total_assets"] = num(f.TotalAssets)
		F["application.declared.area_m2"] = num(f.AreaM2)
		F["application.declared.experts_senior"] = integer(f.ExpertsSenior)
		F["application.declared.experts_total"] = integer(f.ExpertsTotal)
		F["application.declared.partners"] = integer(f.Partners)
		F["application.declared.smes_served"] = integer(f.SMEsServed)
		F["application.declared.point_to_point"] = integer(f.PointToPoint)
	}
	F["license.established_on"], F["license.entity_type"], F["license.address"] = nil, nil, nil
	if est, _, ok := c.established(); ok {
		F["license.established_on"] = est.Value.Format(extractors.DateLayout)
	}
	if l := c.b.License; l != nil {
		F["license.entity_type"] = str(l.EntityType)
		if ct := c.certificateType(l.Kind); !l.EntityType.OK && ct != "" {
			F["license.entity_type"] = ct
		}
		F["license.address"] = str(l.Address)
		// An OCR reading within two characters of the form's typed address is
		// that address misread.
		if f := c.b.Form; f != nil && f.Address.OK && l.Address.OK && c.b.LicenseMethod == extractors.MethodOCR {
			if d := editDistance(parse.Compact(l.Address.Value), parse.Compact(f.Address.Value)); d > 0 && d <= 2 {
				F["license.address"] = f.Address.Value
			}
		}
	}
	if F["license.address"] == nil {
		if f := c.b.Form; f != nil {
			F["license.address"] = str(f.Address)
		}
	}
	per := func(get func(*AuditDoc) map[int]extractors.Field[float64]) any {
		m := map[string]any{}
		for i := range c.b.Audits {
			a := &c.b.Audits[i]
			for _, y := range coveredYears(a) {
				if f, ok := get(a)[y]; ok && f.OK {
					if _, dup := m[strconv.Itoa(y)]; !dup {
						m[strconv.Itoa(y)] = f.Value
					}
				}
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	}
	F["audit.total_assets"] = per(totalAssetsOf)
	F["audit.net_assets"] = per(netAssetsOf)
	F["audit.net_profit"] = per(netProfitOf)
	ops := map[string]any{}
	for i := range c.b.Audits {
		a := &c.b.Audits[i]
		if !a.Opinion.OK {
			continue
		}
		for _, y := range coveredYears(a) {
			if _, dup := ops[strconv.Itoa(y)]; !dup {
				ops[strconv.Itoa(y)] = a.Opinion.Value
			}
		}
	}
	F["audit.opinion"] = nil
	if len(ops) > 0 {
		F["audit.opinion"] = ops
	}
	F["premises.area_m2"], F["premises.holder"], F["premises.lease_start"], F["premises.lease_end"], F["premises.address"] = nil, nil, nil, nil, nil
	if area, ok := c.validArea(); ok && len(c.b.Premises) > 0 {
		F["premises.area_m2"] = math.Round(area*100) / 100
	}
	for i := range c.b.Premises {
		p := &c.b.Premises[i]
		if F["premises.holder"] == nil && p.Holder.OK {
			// An OCR reading that identifies the applicant stands for its name;
			// the identity criterion notes the reading itself.
			F["premises.holder"] = p.Holder.Value
			if m, _ := c.compareEntity(p.Holder.Value, fieldValue(p.HolderUSCC), p.Method, p.Holder.Doubt); m == entitySame || m == entitySameByUSCC || m == entitySameOCR {
				F["premises.holder"] = c.nameRaw
			}
		}
		if F["premises.address"] == nil {
			F["premises.address"] = str(p.Address)
		}
		if p.Kind != "certificate" && F["premises.lease_start"] == nil && F["premises.lease_end"] == nil {
			F["premises.lease_start"] = date(p.Start)
			F["premises.lease_end"] = date(p.End)
		}
	}
	F["experts.senior"], F["experts.total"], F["partners.count"] = nil, nil, nil
	if c.haveExperts {
		F["experts.senior"], F["experts.total"] = c.expertCounts.Senior, c.expertCounts.Total
	}
	if c.havePartners {
		F["partners.count"] = c.partnerCounts.Count
	}
	F["services.smes"], F["services.point_to_point"], F["services.invalid_rows"] = nil, nil, nil
	if c.haveServices {
		F["services.smes"] = c.serviceCounts.SMEs
		F["services.point_to_point"] = c.serviceCounts.PointToPoint
		F["services.invalid_rows"] = c.serviceCounts.InvalidRows
	}
	for _, l := range CreditLists {
		result, qd := "missing", any(nil)
		for i := range c.b.Credits {
			r := &c.b.Credits[i]
			if r.List != l.Key {
				continue
			}
			res := r.Outcome
			if res == "" {
				res = "unreadable"
			}
			if result == "missing" || res == "listed" {
				result = res
				qd = date(r.QueryDate)
			}
		}
		F["credit."+l.Key+".result"] = result
		F["credit."+l.Key+".query_date"] = qd
	}
}

func nilIfEmpty(s string) any {
	if s == "" || s == "—" {
		return nil
	}
	return s
}

// editDistance is the Levenshtein distance between a and b in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

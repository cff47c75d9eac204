package variation

import (
	"math/rand"
	"testing"

	"ruku/extractors/license"
)

// licenseGaps are the business licence renderings today's licence
// extractor does not read.
var licenseGaps = map[string][]string{}

// institutionGaps are the 事业单位法人证书 renderings today's licence
// extractor does not read.
var institutionGaps = map[string][]string{}

func TestLicense(t *testing.T) {
	check(t, kind{name: "license", dims: LicenseDims, n: variants(2000), gaps: licenseGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, r.Intn(2) == 0)
		got := license.Extract(License(f, c, r))
		var fs facts
		fs.str("kind", license.KindBusiness, got.Kind, true)
		fs.str("name", f.Name, got.Name.Value, got.Name.OK)
		fs.str("uscc", f.USCC, got.USCC.Value, got.USCC.OK)
		fs.str("legal_rep", f.LegalRep, got.LegalRep.Value, got.LegalRep.OK)
		fs.str("address", f.Address, got.Address.Value, got.Address.OK)
		fs.date("established", f.Established, got.EstablishedOn.Value, got.EstablishedOn.OK && got.EstablishedOn.Doubt == "")
		return fs
	}})
}

func TestInstitution(t *testing.T) {
	check(t, kind{name: "institution", dims: InstitutionDims, n: variants(2000), gaps: institutionGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, false)
		got := license.Extract(Institution(f, c, r))
		var fs facts
		fs.str("kind", license.KindInstitution, got.Kind, true)
		fs.str("name", f.InstName, got.Name.Value, got.Name.OK)
		fs.str("uscc", f.InstUSCC, got.USCC.Value, got.USCC.OK)
		fs.str("legal_rep", f.InstRep, got.LegalRep.Value, got.LegalRep.OK)
		fs.str("address", f.InstAddress, got.Address.Value, got.Address.OK)
		return fs
	}})
}

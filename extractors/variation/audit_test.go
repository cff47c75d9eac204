package variation

import (
	"math/rand"
	"testing"

	"ruku/extractors"
	"ruku/extractors/audit"
)

// auditGaps are the audit report renderings today's audit extractor does
// not read.
var auditGaps = map[string][]string{}

func TestAudit(t *testing.T) {
	check(t, kind{name: "audit", dims: AuditDims, n: variants(2000), gaps: auditGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, r.Intn(2) == 0)
		got := audit.Extract(Audit(f, c, r))
		var fs facts
		y := f.Year
		fs.str("entity", f.Name, got.Entity.Value, got.Entity.OK)
		fs.int("year", y, got.Year.Value, got.Year.OK)
		fs.str("opinion", audit.Unqualified, got.Opinion.Value, got.Opinion.OK)
		v := func(m map[int]extractors.Field[float64], year int) (float64, bool) {
			x, ok := m[year]
			return x.Value, ok && x.OK && x.Doubt == ""
		}
		a, ok := v(got.TotalAssets, y)
		fs.num("total_assets", AuditValue(f.TotalAssets, c), a, ok)
		a, ok = v(got.TotalAssets, y-1)
		fs.num("total_assets_prior", AuditValue(f.PriorTA, c), a, ok)
		a, ok = v(got.NetAssets, y)
		fs.num("net_assets", AuditValue(f.NetAssets(), c), a, ok)
		a, ok = v(got.NetProfit, y)
		fs.num("net_profit", AuditValue(f.NetProfit, c), a, ok)
		a, ok = v(got.NetProfit, y-1)
		fs.num("net_profit_prior", AuditValue(f.PriorProfit, c), a, ok)
		a, ok = v(got.LiabilitiesAndEquity, y)
		fs.num("liabilities_and_equity", AuditValue(f.TotalAssets, c), a, ok)
		return fs
	}})
}

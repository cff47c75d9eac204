package variation

import (
	"math/rand"
	"testing"

	"ruku/extractors/credit"
)

// creditGaps are the credit screenshot renderings today's credit
// extractor does not read.
var creditGaps = map[string][]string{}

func TestCredit(t *testing.T) {
	check(t, kind{name: "credit", dims: CreditDims, n: variants(3000), gaps: creditGaps, run: func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, r.Intn(2) == 0)
		got := credit.Extract(Credit(f, c, r))
		var fs facts
		fs.str("list", c["list"], got.List, true)
		fs.str("outcome", CreditOutcome(c), got.Outcome, true)
		fs.str("subject", f.Name, got.Subject.Value, got.Subject.OK)
		fs.str("uscc", f.USCC, got.USCC.Value, got.USCC.OK && got.USCC.Doubt == "")
		fs.date("query_date", f.QueryDate, got.QueryDate.Value, got.QueryDate.OK && got.QueryDate.Doubt == "")
		return fs
	}})
}

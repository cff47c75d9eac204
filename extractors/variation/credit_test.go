package variation

import (
	"math/rand"
	"testing"

	"ruku/extractors/credit"
)

// creditGaps are the credit screenshot renderings today's credit
// extractor does not read.
var creditGaps = map[string][]string{
	"time_label": {"截图时间", "报告生成时间"}, // labels not known: query date not read
	"date":       {"汉字", "compact"},  // 二〇二五年十二月十七日, 20250613: query date not read
	"layout":     {"two-per-line"},   // 主体名称：… 统一社会信用代码：… on one line: the next label's head stays in the name
	"sep":        {"∶"},              // ratio colon ∶ (U+2236) kept in the name
}

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

package credit

import (
	"strings"
	"testing"

	"ruku/extractors"
)

// TestDoubts checks that uncertain readings say so: the rules turn a
// block with a Doubt into needs_review, never into a fail.
func TestDoubts(t *testing.T) {
	cases := []struct {
		name, text       string
		outcome, doubt   string
		list             string
		wantNoRecordRead bool
	}{
		{"a letter O for the zero of a count", "失信被执行人\n查询结果：O条", Clear, `count "O" read as 0`, DishonestDebtor, true},
		{"a garbled heading", "信用中国\n严重失信主休名車\n暂无数据", Clear, "garbled", SeriousDishonesty, true},
		{"a listing phrase with no count or row", "经营异常名录\n该企业被列入经营异常名录", Unreadable, "suggests a record", AbnormalOperation, false},
		{"a table header with no row", "失信被执行人\n案号 执行法院 立案时间", Unreadable, "suggests a record", DishonestDebtor, false},
		{"no record and a listing phrase", "经营异常名录\n暂无数据\n状态：已列入", Unreadable, "suggests one", AbnormalOperation, false},
		{"no record and a count", "重大税收违法失信主体\n暂无数据\n共找到2条记录", Unreadable, "both", TaxViolation, false},
		{"a heading with nothing under it", "失信被执行人\n经营异常名录\n暂无数据", Unreadable, "no result readable", DishonestDebtor, false},
		{"a negation lost by OCR is no clear", "经营异常名录\n被列入", Unreadable, "suggests a record", AbnormalOperation, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Extract(textDoc("shot.png", extractors.MethodOCR, c.text))
			if r.List != c.list || r.Outcome != c.outcome || !strings.Contains(r.Doubt, c.doubt) {
				t.Errorf("%s %s (%q), want %s %s (%q)", r.List, r.Outcome, r.Doubt, c.list, c.outcome, c.doubt)
			}
		})
	}
}

package premises

import (
	"testing"

	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
)

// TestParties reads the parties of leases of other templates: bare 甲方
// and 乙方 labels, notes after a name (（盖章）, （承租方）, （以下简称“乙方”）)
// and a 承租方 inside such a note, which is no label. A line that opens
// with 甲方 or 乙方 but is a clause is no party: missing, never wrong.
func TestParties(t *testing.T) {
	const body = "\n根据有关规定，甲乙双方订立本合同。\n房屋坐落于石家庄市长安区中山路1号，租赁面积共计120平方米。\n租赁时间：3年，自2025年1月1日起。"
	for _, tc := range []struct {
		name, text, lessor, holder string
	}{
		{"bare labels", "房屋租赁合同\n甲方 石家庄天成管理咨询有限公司\n统一社会信用代码：91130102MA0CXK3L1D\n乙方河北华信科技有限公司\n统一社会信用代码：91130702MA0XYW1239" + body,
			"石家庄天成管理咨询有限公司", "河北华信科技有限公司"},
		{"notes after the names", "房屋租赁合同\n出租方：石家庄天成管理咨询有限公司（盖章）\n统一社会信用代码：91130102MA0CXK3L1D\n乙方 河北华信（石家庄）科技有限公司（承租方）    统一社会信用代码：91130702MA0XYW1239" + body,
			"石家庄天成管理咨询有限公司", "河北华信（石家庄）科技有限公司"},
		{"label notes stay the label's", "房屋租赁合同\n甲方（出租方）石家庄天成管理咨询有限公司\n统一社会信用代码：91130102MA0CXK3L1D\n承租人（以下简称“乙方”）：河北华信科技有限公司（以下简称“乙方”）\n统一社会信用代码：91130702MA0XYW1239" + body,
			"石家庄天成管理咨询有限公司", "河北华信科技有限公司"},
		{"a clause is no party", "房屋租赁合同\n出租方：石家庄天成管理咨询有限公司\n乙方同意租用位于石家庄市的办公中心\n甲方将房屋出租给乙方使用。" + body,
			"石家庄天成管理咨询有限公司", ""},
		{"not the first mention", "房屋租赁合同\n甲方：石家庄天成管理咨询有限公司\n本合同由甲方与乙方签订\n乙方河北华信科技有限公司\n统一社会信用代码：91130702MA0XYW1239" + body,
			"石家庄天成管理咨询有限公司", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := Extract(extractorstest.FromText("l.pdf", tc.text))
			if len(ps) != 1 {
				t.Fatalf("%d documents", len(ps))
			}
			p := ps[0]
			if p.Lessor.Value != tc.lessor || p.Lessor.OK != (tc.lessor != "") {
				t.Errorf("lessor %q (ok %v), want %q", p.Lessor.Value, p.Lessor.OK, tc.lessor)
			}
			if parse.Compact(p.Holder.Value) != parse.Compact(tc.holder) || p.Holder.OK != (tc.holder != "") {
				t.Errorf("holder %q (ok %v), want %q", p.Holder.Value, p.Holder.OK, tc.holder)
			}
			if p.AreaM2.Value != 120 || date(p.Start) != "2025-01-01" || date(p.End) != "2027-12-31" {
				t.Errorf("area %v, term %s – %s", p.AreaM2.Value, date(p.Start), date(p.End))
			}
		})
	}
}

package credit

import (
	"strings"
	"testing"
	"time"

	"ruku/extractors"
)

// TestWordingVariants reads pages of other templates than the corpus:
// other labels for the subject and the query date, other wordings of the
// outcome, other names of the lists, navigation that names every list,
// two fields on one line and empty record tables.
func TestWordingVariants(t *testing.T) {
	const name, code = "河北甲检测有限公司", "91130105MAD28A3885"
	cases := []struct {
		name, text    string
		list, outcome string
		subject, code string
		date          string
		dateDoubt     bool
	}{
		{name: "查询对象, 查询日期 in 年月日, 查询结果：无", text: `信用中国
失信被执行人名单查询
查询对象：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询日期：2026年08月08日
查询结果：无`,
			list: DishonestDebtor, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "查询主体, slashes, 未查询到相关记录", text: `严重失信主体名单
查询主体: 河北甲检测有限公司
统一社会信用代码: 9113O1O5MAD28A3885
查询时间: 2026/8/8 10:02
未查询到相关记录`,
			list: SeriousDishonesty, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "企业名称, 严重违法失信企业名单, 共0条", text: `首页 / 信用服务 / 严重违法失信企业名单
企业名称：河北甲检测有限公司
信用代码：91130105MAD28A3885
查询时间：2026-08-08
共0条`,
			list: SeriousDishonesty, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "经营异常名单, 没有找到相关信息", text: `经营异常名单查询 - 信用中国
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026年8月8日 09:12:33
没有找到相关信息`,
			list: AbnormalOperation, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "重大税收违法案件当事人名单, 共找到 2 条记录 with a table", text: `重大税收违法案件当事人名单
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 09:12
共找到 2 条记录
纳税人名称 案件性质 主要违法事实 发布日期
河北甲检测有限公司 偷税 少缴税款 2025-06-01`,
			list: TaxViolation, outcome: Listed, subject: name, code: code, date: "2026-08-08"},
		{name: "税收违法黑名单 clear by 暂无相关信息", text: `信用中国 > 税收违法黑名单
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 09:12
暂无相关信息`,
			list: TaxViolation, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "tab bar names every list", text: `信用中国
失信被执行人 严重失信主体名单 经营异常名录 重大税收违法失信主体
首页 > 信用服务 > 经营异常名录
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 09:12
经营异常名录
暂无数据`,
			list: AbnormalOperation, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "tab bar after the title", text: `重大税收违法失信主体查询结果
失信被执行人 | 严重失信主体名单 | 经营异常名录 | 重大税收违法失信主体
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 09:12
暂无数据`,
			list: TaxViolation, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "two fields on one line", text: `失信被执行人
主体名称：河北甲检测有限公司 统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 09:12:00 查询结果：0条`,
			list: DishonestDebtor, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "empty record table then 暂无数据", text: `首页 > 信用服务 > 失信被执行人查询
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 09:12:00
案号 执行法院 立案时间 履行情况
暂无数据`,
			list: DishonestDebtor, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "record table with rows and a count", text: `首页 > 信用服务 > 经营异常名录查询
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 09:12:00
列入经营异常名录原因 列入日期 作出决定机关
通过登记的住所或者经营场所无法联系 2025-04-02 石家庄市市场监督管理局`,
			list: AbnormalOperation, outcome: Listed, subject: name, code: code, date: "2026-08-08"},
		{name: "fields before the breadcrumb, label on its own line", text: `统一社会信用代码
91130105MAD28A3885
主体名称
河北甲检测有限公司
查询时间
2026-08-08 09:12:00
信用服务 > 严重失信主体名单
查询结果为空`,
			list: SeriousDishonesty, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "count of zero in brackets", text: `失信被执行人
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08
查询结果（0）`,
			list: DishonestDebtor, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "相关结果0条", text: `经营异常名录
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 10:00
相关结果0条`,
			list: AbnormalOperation, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "结果：暂无", text: `严重失信主体名单
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 10:00
结果：暂无`,
			list: SeriousDishonesty, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "1条记录 with a row", text: `失信被执行人
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 10:00
1条记录
(2025)冀0105执123号 石家庄市新华区人民法院 2025-03-01`,
			list: DishonestDebtor, outcome: Listed, subject: name, code: code, date: "2026-08-08"},
		{name: "date in Chinese numerals, ratio colon", text: `失信被执行人
主体名称∶河北甲检测有限公司
统一社会信用代码∶91130105MAD28A3885
截图时间∶二〇二六年八月八日
暂无数据`,
			list: DishonestDebtor, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "compact date, 社会信用代码 on the subject's line", text: `经营异常名录
企业名称：河北甲检测有限公司  社会信用代码：91130105MAD28A3885
报告生成时间：20260808
共0条`,
			list: AbnormalOperation, outcome: Clear, subject: name, code: code, date: "2026-08-08"},
		{name: "date without label or time", text: `严重失信主体名单
主体名称：河北甲检测有限公司
统一社会信用代码：91130105MAD28A3885
截图日期 2026年08月08日
暂无数据`,
			list: SeriousDishonesty, outcome: Clear, subject: name, code: code, date: "2026-08-08", dateDoubt: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Extract(textDoc("shot.png", extractors.MethodOCR, c.text))
			if r.List != c.list || r.Outcome != c.outcome {
				t.Errorf("list %q outcome %q, want %q %q (%s)", r.List, r.Outcome, c.list, c.outcome, r.Doubt)
			}
			if r.Subject.Value != c.subject {
				t.Errorf("subject %q, want %q", r.Subject.Value, c.subject)
			}
			if r.USCC.Value != c.code || r.USCC.Doubt != "" {
				t.Errorf("USCC %q (%q), want %q", r.USCC.Value, r.USCC.Doubt, c.code)
			}
			got := ""
			if r.QueryDate.OK {
				got = r.QueryDate.Value.Format(time.DateOnly)
			}
			if got != c.date || (r.QueryDate.Doubt != "") != c.dateDoubt {
				t.Errorf("date %q (%q), want %q", got, r.QueryDate.Doubt, c.date)
			}
			if r.Outcome != Unreadable && len(r.Evidence) == 0 {
				t.Error("no evidence")
			}
			if r.Outcome != Unreadable && strings.Contains(r.Doubt, "more than one list") {
				t.Errorf("doubt %q", r.Doubt)
			}
		})
	}
}

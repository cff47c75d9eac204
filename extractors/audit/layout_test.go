package audit

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
)

// layout is a hand-written report in a layout or wording the corpus does
// not show, with what Extract must read from it. Money maps list only the
// years checked; 0 means absent is fine.
type layout struct {
	name    string
	text    string
	entity  string
	year    int
	covers  []int
	opinion string
	unit    string
	ta      map[int]float64
	na      map[int]float64
	np      map[int]float64
	absent  []string // "ta:2023" and the like: years that must not be read
}

var layouts = []layout{
	{
		name: "two-year report, two balance sheets, comparative income columns",
		text: `张家口恒远检测技术有限公司
2024年度及2025年度财务报表审计报告
审计报告
张家口恒远检测技术有限公司全体股东：
一、审计意见
我们审计了张家口恒远检测技术有限公司（以下简称公司）财务报表，包括2024年12月31日、2025年12月31日的资产负债表，2024年度、2025年度的利润表以及财务报表附注。
我们认为，后附的财务报表在所有重大方面公允反映了公司2024年12月31日、2025年12月31日的财务状况以及2024年度、2025年度的经营成果。
二、形成审计意见的基础
三、管理层对财务报表的责任
如果披露不充分，我们应当发表非无保留意见。
资产负债表
编制单位：张家口恒远检测技术有限公司 2025年12月31日 单位：元
资产 期末余额 年初余额 负债和所有者权益 期末余额 年初余额
资产总计 3,300,000.00 3,100,000.00 负债和所有者权益总计 3,300,000.00 3,100,000.00
所有者权益合计 1,700,000.00 1,600,000.00
资产负债表
编制单位：张家口恒远检测技术有限公司 2024年12月31日 单位：元
资产 期末余额 年初余额 负债和所有者权益 期末余额 年初余额
资产总计 3,100,000.00 2,900,000.00 负债和所有者权益总计 3,100,000.00 2,900,000.00
所有者权益合计 1,600,000.00 1,450,000.00
利润表
编制单位：张家口恒远检测技术有限公司 2025年度 单位：元
项目 本期金额 上期金额
净利润 100,000.00 150,000.00
`,
		entity: "张家口恒远检测技术有限公司", year: 2025, covers: []int{2024, 2025}, opinion: Unqualified, unit: "元",
		ta: map[int]float64{2025: 3300000, 2024: 3100000, 2023: 2900000},
		na: map[int]float64{2025: 1700000, 2024: 1600000},
		np: map[int]float64{2025: 100000, 2024: 150000},
	},
	{
		name: "two-year report, dated columns, prior column first",
		text: `审计报告
唐山宏达企业服务中心：
我们审计了后附的唐山宏达企业服务中心2024年度至2025年度的财务报表。
我们认为，上述财务报表在所有重大方面公允反映了贵单位的财务状况。
资产负债表
单位：千元
项目 2024年12月31日 2025年12月31日
资产总计 2400 2600
净资产合计 1200 1300
收入费用表
项目 2024年度 2025年度
本期盈余 (30) 100
`,
		entity: "唐山宏达企业服务中心", year: 2025, covers: []int{2024, 2025}, opinion: Unqualified, unit: "千元",
		ta: map[int]float64{2025: 2600000, 2024: 2400000},
		na: map[int]float64{2025: 1300000, 2024: 1200000},
		np: map[int]float64{2025: 100000, 2024: -30000},
	},
	{
		name: "public institution: 净资产合计, 负债和净资产总计, 收入费用表 本期盈余, unit stated once",
		text: `审 计 报 告
秦皇岛市海港区中小企业服务中心：
一、审计意见
我们审计了秦皇岛市海港区中小企业服务中心财务报表，包括2025年12月31日的资产负债表，2025年度的收入费用表。
我们认为，后附的财务报表在所有重大方面按照政府会计准则制度的规定编制，公允反映了贵单位2025年12月31日的财务状况。
资 产 负 债 表
会政财01表
编制单位：秦皇岛市海港区中小企业服务中心 2025年12月31日 金额单位：人民币万元
资产 期末数 年初数 负债和净资产 期末数 年初数
资产总计 512.30 498.00 负债和净资产总计 512.30 498.00
净资产合计 400.10 390.00
收 入 费 用 表
会政财02表
2025年度
项目 本年数 上年数
三、本期盈余 10.10 -2.50
`,
		entity: "秦皇岛市海港区中小企业服务中心", year: 2025, covers: []int{2025}, opinion: Unqualified, unit: "万元",
		ta: map[int]float64{2025: 5123000, 2024: 4980000},
		na: map[int]float64{2025: 4001000, 2024: 3900000},
		np: map[int]float64{2025: 101000, 2024: -25000},
	},
	{
		name: "收入支出表 本期收支结余; net assets row not in the statement of changes",
		text: `审计报告
我们审计了承德市科技服务站（以下简称服务站）2025年度会计报表。
我们认为，服务站会计报表公允反映了2025年12月31日的财务状况。
资产负债表
2025年12月31日 单位：元
资产部类 年末数 年初数 负债部类 年末数 年初数
资产总计 900,000.00 800,000.00 负债总计 100,000.00 90,000.00
净资产合计 800,000.00 710,000.00
收入支出表
2025年度 单位：元
项目 本年数 上年数
本期收支结余 90,000.00 60,000.00
净资产变动表
项目 本年数 上年数
本期收支结余 1.00 2.00
净资产合计 3.00 4.00
`,
		entity: "承德市科技服务站", year: 2025, covers: []int{2025}, opinion: Unqualified, unit: "元",
		ta: map[int]float64{2025: 900000, 2024: 800000},
		na: map[int]float64{2025: 800000, 2024: 710000},
		np: map[int]float64{2025: 90000, 2024: 60000},
	},
	{
		name: "private non-enterprise unit: 业务活动表 with 非限定性/限定性/合计, 净资产变动额",
		text: `审计报告
沧州市质量发展促进会理事会：
一、审计意见
我们审计了沧州市质量发展促进会财务报表，包括2025年12月31日的资产负债表，2025年度的业务活动表。
我们认为，后附的财务报表在所有重大方面按照民间非营利组织会计制度的规定编制，公允反映了贵单位2025年12月31日的财务状况。
资产负债表
编制单位：沧州市质量发展促进会 2025年12月31日 单位：元
资产 行次 年初数 期末数 负债和净资产 行次 年初数 期末数
资产总计 60 2,000,000.00 2,300,000.00 负债和净资产总计 120 2,000,000.00 2,300,000.00
净资产合计 110 1,500,000.00 1,650,000.00
业务活动表
编制单位：沧州市质量发展促进会 2025年度 单位：元
项目 行次 本年数 上年数
非限定性 限定性 合计 非限定性 限定性 合计
一、收入 1 500,000.00 100,000.00 600,000.00 450,000.00 50,000.00 500,000.00
五、净资产变动额（若为净资产减少额，以“-”号填列） 45 100,000.00 50,000.00 150,000.00 -30,000.00 10,000.00 -20,000.00
`,
		entity: "沧州市质量发展促进会", year: 2025, covers: []int{2025}, opinion: Unqualified, unit: "元",
		ta: map[int]float64{2025: 2300000, 2024: 2000000},
		na: map[int]float64{2025: 1650000, 2024: 1500000},
		np: map[int]float64{2025: 150000, 2024: -20000},
	},
	{
		name: "no thousands separators, no 行次, wrapped equity label, 本月数 column ignored",
		text: `审计报告
我们审计了河北中科质检服务有限公司（以下简称公司）财务报表，包括2025年12月31日的资产负债表，2025年度的利润表。
我们认为，后附的财务报表在所有重大方面公允反映了公司2025年12月31日的财务状况。
资产负债表
编制单位：河北中科质检服务有限公司 2025年12月31日 单位：元
资产 期末余额 年初余额
资产总计 4500000.50 4100000
负债合计 2000000 1900000
所有者权益（或股东权益）
合计 2500000.50 2200000
利润表
编制单位：河北中科质检服务有限公司 2025年度 单位：元
项目 本月数 本年累计数
净利润 10000.00 300000.50
`,
		entity: "河北中科质检服务有限公司", year: 2025, covers: []int{2025}, opinion: Unqualified, unit: "元",
		ta:     map[int]float64{2025: 4500000.50, 2024: 4100000},
		na:     map[int]float64{2025: 2500000.50, 2024: 2200000},
		np:     map[int]float64{2025: 300000.50},
		absent: []string{"np:2024"},
	},
	{
		name: "older layout: opinion after the responsibility paragraphs, addressee only",
		text: `审计报告
邢台市信诚技术咨询有限公司：
我们审计了后附的贵公司财务报表，包括2025年12月31日的资产负债表以及2025年度的利润表。
一、管理层对财务报表的责任
编制和公允列报财务报表是贵公司管理层的责任。
二、注册会计师的责任
我们的责任是在执行审计工作的基础上对财务报表发表审计意见。
三、审计意见
我们认为，贵公司财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了贵公司2025年12月31日的财务状况。
资产负债表
2025年12月31日 单位：元
资产总计 3,000,000.00 2,000,000.00
`,
		entity: "邢台市信诚技术咨询有限公司", year: 2025, covers: []int{2025}, opinion: Unqualified,
		ta: map[int]float64{2025: 3000000, 2024: 2000000},
	},
	{
		name: "older layout, qualified after the responsibility paragraphs",
		text: `审计报告
我们审计了后附的衡水市远大咨询有限公司财务报表，包括2025年12月31日的资产负债表。
一、管理层对财务报表的责任
二、注册会计师的责任
三、导致保留意见的事项
贵公司未对应收账款计提坏账准备。
四、保留意见
我们认为，除上述事项产生的影响外，贵公司财务报表在所有重大方面公允反映了贵公司的财务状况。
`,
		entity: "衡水市远大咨询有限公司", year: 2025, covers: []int{2025}, opinion: Qualified,
	},
	{
		name: "带强调事项段的无保留意见 heading",
		text: `审计报告
一、带强调事项段的无保留意见
我们审计了石家庄信达科技有限公司财务报表，包括2025年12月31日的资产负债表。
我们认为，后附的财务报表在所有重大方面公允反映了公司2025年12月31日的财务状况。
二、强调事项
我们提醒财务报表使用者关注持续经营，该事项不影响已发表的审计意见。
三、管理层和治理层对财务报表的责任
`,
		entity: "石家庄信达科技有限公司", year: 2025, covers: []int{2025}, opinion: Unqualified,
	},
	{
		name: "adverse with its basis heading, 编制单位 only",
		text: `审计报告
一、否定意见
我们认为，由于“形成否定意见的基础”部分所述事项的重要性，后附的财务报表没有在所有重大方面公允反映2025年12月31日的财务状况。
二、形成否定意见的基础
三、管理层和治理层对财务报表的责任
资产负债表
编制单位：廊坊市信安检测有限公司 2025年12月31日 单位：元
资产总计 (5,000.00) 10,000.00
`,
		entity: "廊坊市信安检测有限公司", year: 2025, covers: []int{2025}, opinion: Adverse,
		ta: map[int]float64{2025: -5000, 2024: 10000},
	},
	{
		name: "disclaimer with its basis heading",
		text: `审计报告
保定市新元服务有限公司全体股东：
一、无法表示意见
我们接受委托，审计保定市新元服务有限公司财务报表，包括2025年12月31日的资产负债表。
我们不对后附的财务报表发表审计意见。
二、形成无法表示意见的基础
三、管理层和治理层对财务报表的责任
`,
		entity: "保定市新元服务有限公司", year: 2025, covers: []int{2025}, opinion: Disclaimer,
	},
}

func TestLayouts(t *testing.T) {
	for _, c := range layouts {
		t.Run(c.name, func(t *testing.T) {
			r := Extract(extractorstest.FromText("l.pdf", c.text))
			if r.Entity.Value != c.entity {
				t.Errorf("entity %q, want %q", r.Entity.Value, c.entity)
			}
			if !r.Year.OK || r.Year.Value != c.year {
				t.Errorf("year %d (%v), want %d", r.Year.Value, r.Year.OK, c.year)
			}
			if !slices.Equal(r.Covers, c.covers) {
				t.Errorf("covers %v, want %v", r.Covers, c.covers)
			}
			if r.Opinion.Value != c.opinion {
				t.Errorf("opinion %q, want %q", r.Opinion.Value, c.opinion)
			}
			if c.unit != "" && r.Unit != c.unit {
				t.Errorf("unit %q, want %q", r.Unit, c.unit)
			}
			for _, m := range []struct {
				key  string
				got  map[int]extractors.Field[float64]
				want map[int]float64
			}{{"ta", r.TotalAssets, c.ta}, {"na", r.NetAssets, c.na}, {"np", r.NetProfit, c.np}} {
				for y, w := range m.want {
					g, ok := m.got[y]
					if !ok || math.Abs(g.Value-w) > 0.005 || g.Doubt != "" {
						t.Errorf("%s %d: %v (found %v, doubt %q), want %v", m.key, y, g.Value, ok, g.Doubt, w)
					}
				}
				for _, a := range c.absent {
					for y := range m.got {
						if a == m.key+":"+strconv.Itoa(y) {
							t.Errorf("%s %d read as %v", m.key, y, m.got[y].Value)
						}
					}
				}
			}
		})
	}
}

func TestSheetStatements(t *testing.T) {
	d := &extractors.Doc{Path: "s.xlsx", Format: extractors.FormatXLSX, Sheets: []extractors.Sheet{
		{Name: "审计报告", Rows: [][]string{
			{"审计报告"},
			{"我们审计了辛集市众诚服务有限公司（以下简称公司）财务报表，包括2025年12月31日的资产负债表，2025年度的利润表。"},
			{"我们认为，后附的财务报表在所有重大方面公允反映了公司2025年12月31日的财务状况。"},
		}},
		{Name: "资产负债表", Rows: [][]string{
			{"资产负债表"},
			{"编制单位：辛集市众诚服务有限公司", "", "2025年12月31日", "单位：元"},
			{"项目", "行次", "期末余额", "年初余额"},
			{"资产总计", "32", "2500000", "2400000"},
			{"所有者权益合计", "59", "1200000", ""},
		}},
		{Name: "利润表", Rows: [][]string{
			{"利润表"},
			{"项目", "本期金额", "上期金额"},
			{"净利润", "", "-5000"},
		}},
	}}
	r := Extract(d)
	if r.Entity.Value != "辛集市众诚服务有限公司" || r.Year.Value != 2025 || r.Opinion.Value != Unqualified {
		t.Errorf("entity %q year %d opinion %q", r.Entity.Value, r.Year.Value, r.Opinion.Value)
	}
	want := []struct {
		name string
		m    map[int]extractors.Field[float64]
		y    int
		v    float64
	}{{"ta", r.TotalAssets, 2025, 2500000}, {"ta", r.TotalAssets, 2024, 2400000}, {"na", r.NetAssets, 2025, 1200000}, {"np", r.NetProfit, 2024, -5000}}
	for _, w := range want {
		if g := w.m[w.y]; !g.OK || g.Value != w.v {
			t.Errorf("%s %d: %v, want %v", w.name, w.y, g.Value, w.v)
		}
	}
	if _, ok := r.NetProfit[2025]; ok {
		t.Errorf("np 2025 read from a blank cell: %v", r.NetProfit[2025].Value)
	}
}

package audit

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
)

// expectation is one corpus report's truth (testdata/expect.json, taken
// from the corpus truth.json files).
type expectation struct {
	Year        int                `json:"year"`
	TotalAssets map[string]float64 `json:"total_assets"`
	NetAssets   map[string]float64 `json:"net_assets"`
	NetProfit   map[string]float64 `json:"net_profit"`
	Opinion     map[string]string  `json:"opinion"`
}

func loadExpect(t *testing.T) map[string]expectation {
	b, err := os.ReadFile("testdata/expect.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]expectation
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCorpus checks every corpus audit report against the truth and prints
// the accuracy per fact.
func TestCorpus(t *testing.T) {
	exp := loadExpect(t)
	names := make([]string, 0, len(exp))
	for n := range exp {
		names = append(names, n)
	}
	sort.Strings(names)
	hits, total := map[string]int{}, map[string]int{}
	check := func(name, key string, ok bool, got, want any) {
		total[key]++
		if ok {
			hits[key]++
			return
		}
		t.Errorf("%s %s: got %v, want %v", name, key, got, want)
	}
	for _, name := range names {
		e := exp[name]
		r := Extract(extractorstest.Load(t, filepath.Join("testdata", name+".txt")))
		check(name, "year", r.Year.OK && r.Year.Value == e.Year, r.Year.Value, e.Year)
		for _, m := range []struct {
			key  string
			got  map[int]extractors.Field[float64]
			want map[string]float64
		}{{"total_assets", r.TotalAssets, e.TotalAssets}, {"net_assets", r.NetAssets, e.NetAssets}, {"net_profit", r.NetProfit, e.NetProfit}} {
			for ys, w := range m.want {
				y, _ := strconv.Atoi(ys)
				g, ok := m.got[y]
				check(name, m.key+"."+ys, ok && math.Abs(g.Value-w) < 0.005 && g.Doubt == "", g.Value, w)
			}
		}
		for ys, w := range e.Opinion {
			y, _ := strconv.Atoi(ys)
			if y == e.Year {
				check(name, "opinion", r.Opinion.OK && r.Opinion.Value == w, r.Opinion.Value, w)
			}
		}
		if !r.Entity.OK || !strings.HasSuffix(r.Entity.Value, "公司") && !strings.HasSuffix(r.Entity.Value, ")") {
			t.Errorf("%s entity: %q", name, r.Entity.Value)
		}
	}
	keys := make([]string, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-20s %d/%d", k, hits[k], total[k])
	}
}

func TestEntityPlanted(t *testing.T) {
	// pub_01: the 2024 report names another entity than the applicant
	r := Extract(extractorstest.Load(t, "testdata/pub_01_audit2.txt"))
	if r.Entity.Value != "河北同创质量技术服务有限公司" {
		t.Errorf("entity %q", r.Entity.Value)
	}
	// pub_02: half-width parentheses kept as written
	r = Extract(extractorstest.Load(t, "testdata/pub_02_audit1.txt"))
	if r.Entity.Value != "河北鼎盛(河北)科技成果转化服务有限公司" {
		t.Errorf("entity %q", r.Entity.Value)
	}
	if r.Unit != "万元" {
		t.Errorf("unit %q", r.Unit)
	}
}

// variants are hand-written layouts the corpus does not show.
var variants = []struct {
	name    string
	text    string
	year    int
	opinion string
	unit    string
	ta, na  [2]float64 // current, prior; 0 = not checked
	np      [2]float64
	doubt   bool // TotalAssets carries a Doubt
}{
	{
		name: "single-sided 元 statements, 本年累计金额/上年同期金额, qualified",
		text: `审 计 报 告
冀华审字（2025）第018号
石家庄博远咨询服务有限公司全体股东：
一、保留意见
我们审计了石家庄博远咨询服务有限公司（以下简称博远公司）财务报表，包括2024年12月31日的资产负债表，2024年度的利润表。
我们认为，除“形成保留意见的基础”部分所述事项可能产生的影响外，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了博远公司2024年12月31日的财务状况。
二、形成保留意见的基础
博远公司存货账面价值 120,000.00 元，我们无法实施监盘。
三、管理层和治理层对财务报表的责任
如果披露不充分，我们应当发表非无保留意见。
资产负债表
编制单位：石家庄博远咨询服务有限公司 2024年12月31日 单位：元
项目 期末余额 上年年末余额
流动资产合计 1,800,000.00 1,500,000.00
非流动资产合计 700,500.50 600,000.00
资 产 总 计 2,500,500.50 2,100,000.00
负债合计 1,000,000.00 900,000.00
所有者权益（或股东权益）合计 1,500,500.50 1,200,000.00
负债和所有者权益（或股东权益）总计 2,500,500.50 2,100,000.00
利润表
项 目 本年累计金额 上年同期金额
一、营业收入 3,000,000.00 2,800,000.00
四、净利润（净亏损以“－”号填列） (123,456.78) 45,000.00
其中：归属于母公司所有者的净利润 (100,000.00) 40,000.00
`,
		year: 2024, opinion: Qualified, unit: "元",
		ta: [2]float64{2500500.50, 2100000}, na: [2]float64{1500500.50, 1200000}, np: [2]float64{-123456.78, 45000},
	},
	{
		name: "年初数 before 期末数, 股东权益合计, adverse, mismatching totals",
		text: `审计报告
一、否定意见
我们审计了廊坊恒信技术有限公司财务报表。
我们认为，由于“形成否定意见的基础”部分所述事项的重要性，后附的财务报表没有在所有重大方面按照企业会计准则的规定编制，未能公允反映廊坊恒信技术有限公司2025年12月31日的财务状况。
注册会计师对财务报表审计的责任
资产负债表
2025年12月31日 金额单位：人民币万元
资产 行次 年初数 期末数 负债和股东权益 行次 年初数 期末数
资产总计 30 300.00 350.25 负债和股东权益总计 60 300.00 350.00
负债合计 40 100.00 120.00
股东权益合计 50 200.00 230.00
利润表 2025年度
项目 行次 上年金额 本年金额
净利润 20 -5.5 -10.25
`,
		year: 2025, opinion: Adverse, unit: "万元",
		ta: [2]float64{3502500, 3000000}, na: [2]float64{2300000, 2000000}, np: [2]float64{-102500, -55000},
		doubt: true,
	},
	{
		name: "disclaimer, wrapped labels, no equity total",
		text: `审 计 报 告
一、无法表示意见
我们接受委托，审计保定明德检测中心财务报表。我们不对后附的财务报表发表审计意见。
二、形成无法表示意见的基础
资产负债表
编制单位：保定明德检测中心 2023年12月31日 单位：元
资 产 行次 期末余额 上年年末余额
资产
31 3,210,000.00 2,980,000.00
总计
负债
合计 41 1,210,000.00 980,000.00
利润表
四、净利润
15 10,000.00 -20,000.00
（净亏损以“-”号填列）
`,
		year: 2023, opinion: Disclaimer, unit: "元",
		ta: [2]float64{3210000, 2980000}, na: [2]float64{2000000, 2000000}, np: [2]float64{10000, -20000},
	},
	{
		name: "emphasis of matter is unqualified",
		text: `审计报告
一、审计意见
我们审计了邯郸瑞丰科技有限公司（以下简称瑞丰公司）财务报表。
我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了瑞丰公司2025年12月31日的财务状况。
三、强调事项
我们提醒财务报表使用者关注，本段内容不影响已发表的审计意见，不构成保留意见。
四、管理层和治理层对财务报表的责任
`,
		year: 2025, opinion: Unqualified,
	},
}

func TestVariants(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			r := Extract(extractorstest.FromText("v.pdf", v.text))
			if r.Year.Value != v.year {
				t.Errorf("year %d, want %d", r.Year.Value, v.year)
			}
			if r.Opinion.Value != v.opinion {
				t.Errorf("opinion %q, want %q", r.Opinion.Value, v.opinion)
			}
			if v.unit != "" && r.Unit != v.unit {
				t.Errorf("unit %q, want %q", r.Unit, v.unit)
			}
			for _, c := range []struct {
				name string
				m    map[int]extractors.Field[float64]
				want [2]float64
			}{{"total assets", r.TotalAssets, v.ta}, {"net assets", r.NetAssets, v.na}, {"net profit", r.NetProfit, v.np}} {
				for i, w := range c.want {
					if w == 0 {
						continue
					}
					g, ok := c.m[v.year-i]
					if !ok || math.Abs(g.Value-w) > 0.005 {
						t.Errorf("%s %d: %v (%v), want %v", c.name, v.year-i, g.Value, ok, w)
					}
				}
			}
			if d := r.TotalAssets[v.year].Doubt != ""; d != v.doubt {
				t.Errorf("total assets doubt %q", r.TotalAssets[v.year].Doubt)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, v := range variants {
		f.Add(v.text)
	}
	for _, l := range layouts {
		f.Add(l.text)
	}
	if b, err := os.ReadFile("testdata/pub_01_audit1.txt"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		Extract(extractorstest.FromText("f.pdf", s))
		Extract(&extractors.Doc{})
		Extract(nil)
	})
}

// TestLongLabelFreeLines reads a statement whose value rows sit between
// long lines of text: the label search over neighbouring lines is bounded
// (it once took minutes on such a page, found by FuzzExtract), and a row
// whose label is on its own line is still read.
func TestLongLabelFreeLines(t *testing.T) {
	long := strings.Repeat("项目 ", 300)
	var lines []string
	for i := 0; i < 20; i++ {
		lines = append(lines, long, "货币资金 1,234.00 5,678.00", long)
	}
	s := "资产负债表\n2024年12月31日 单位：元\n项目 期末余额 年初余额\n" + strings.Join(lines, "\n") + "\n资产总计 9,999.00 8,888.00\n"
	r := Extract(extractorstest.FromText("f.pdf", s))
	if v, ok := r.TotalAssets[2024]; !ok || !v.OK || v.Value != 9999 {
		t.Errorf("total assets 2024 = %+v, want 9999", v)
	}
}

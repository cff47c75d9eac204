package main

import (
	"fmt"
	"math/rand/v2"
)

// bsItems is one year-end balance sheet broken into lines that add up.
type bsItems struct {
	Cur    []money // current assets lines
	NonCur []money
	Liab   []money // current liabilities lines
	Equity []money
}

// split divides total into n positive-ish parts that are multiples of unit
// and add up exactly; the last part takes the remainder.
func split(rng *rand.Rand, total money, n int, unit money) []money {
	parts := make([]money, n)
	rest := total
	for i := 0; i < n-1; i++ {
		share := 0.15 + rng.Float64()*0.5
		v := money(float64(rest)*share/float64(unit)) * unit
		parts[i] = v
		rest -= v
	}
	parts[n-1] = rest
	return parts
}

// balance returns (and caches) the balance sheet lines for year-end y.
func (b *bundle) balance(y int) bsItems {
	if it, ok := b.bs[y]; ok {
		return it
	}
	f := b.Fin[y]
	rng := rand.New(rand.NewPCG(b.Seed, uint64(y)))
	it := bsItems{
		Cur:    split(rng, f.CurAssets, 5, b.unit),
		NonCur: split(rng, f.TotalAssets-f.CurAssets, 3, b.unit),
		Liab:   split(rng, f.Liab, 5, b.unit),
	}
	capital := money(float64(f.NetAssets)*0.6/float64(b.unit)) * b.unit
	if f.NetAssets < 0 {
		capital = 100000000
	}
	reserve := money(float64(f.NetAssets)*0.05/float64(b.unit)) * b.unit
	if reserve < 0 {
		reserve = 0
	}
	it.Equity = []money{capital, 0, reserve, f.NetAssets - capital - reserve}
	b.bs[y] = it
	return it
}

// incItems is one year's income statement lines.
type incItems struct {
	Revenue, Cost, Tax, Sell, Admin, Fin, OpProfit, OtherIn, OtherOut, Total, IncomeTax, Net money
}

func (b *bundle) income(y int) incItems {
	f := b.Fin[y]
	u := b.unit
	rng := rand.New(rand.NewPCG(b.Seed+7, uint64(y)))
	var it incItems
	it.Revenue = f.Revenue
	it.Net = f.NetProfit
	if f.NetProfit > 0 {
		it.IncomeTax = money(float64(f.NetProfit)/3/float64(u)) * u
	}
	it.Total = it.Net + it.IncomeTax
	it.OtherIn = money(rng.IntN(40)+1) * 100 * 100
	it.OtherOut = money(rng.IntN(20)+1) * 100 * 100
	it.OpProfit = it.Total - it.OtherIn + it.OtherOut
	costs := it.Revenue - it.OpProfit
	it.Cost = money(float64(costs)*0.62/float64(u)) * u
	it.Tax = money(float64(it.Revenue)*0.006/float64(u)) * u
	it.Sell = money(float64(costs)*0.12/float64(u)) * u
	it.Admin = money(float64(costs)*0.2/float64(u)) * u
	it.Fin = costs - it.Cost - it.Tax - it.Sell - it.Admin
	return it
}

func (b *bundle) amt(rep auditReport, m money) string {
	if rep.Wan {
		return fmtWan(m)
	}
	return fmtYuan(m)
}

// auditPDF writes an audit report with a cover, the opinion, a two-column
// balance sheet (期末数 / 年初数) and an income statement (本年累计金额 / 上年同期金额).
func (b *bundle) auditPDF(rep auditReport, id string) []byte {
	y := rep.Years[0]
	entity := "贵公司"
	if b.Institution {
		entity = "贵单位"
	}
	yearsText := fmt.Sprintf("%d年度", y)
	if len(rep.Years) == 2 {
		yearsText = fmt.Sprintf("%d年度、%d年度", rep.Years[1], rep.Years[0])
	}
	doc := newPDF(id, "D:"+rep.Signed.Format("20060102")+"093000+08'00'", b.Org.Name+yearsText+"审计报告")
	// cover
	p := doc.newPage()
	p.center(pageW/2, 600, 20, b.Org.Name)
	p.center(pageW/2, 560, 18, yearsText+"财务报表")
	p.center(pageW/2, 530, 18, "审 计 报 告")
	p.center(pageW/2, 480, 12, rep.No)
	p.center(pageW/2, 200, 14, rep.Firm)
	p.center(pageW/2, 176, 12, cn(rep.Signed))

	// opinion
	f := newFlow(doc, 10.5)
	f.title("审 计 报 告", 16)
	f.rightLine(rep.No)
	addressee := b.Org.Name + "全体股东："
	if b.Institution {
		addressee = b.Org.Name + "："
	}
	f.plain(addressee)
	f.gap(4)
	scope := fmt.Sprintf("%d年12月31日的资产负债表，%d年度的利润表", y, y)
	if b.Institution {
		scope = fmt.Sprintf("%d年12月31日的资产负债表，%d年度的收入费用表", y, y)
	}
	if len(rep.Years) == 2 {
		scope = fmt.Sprintf("%d年12月31日、%d年12月31日的资产负债表，%d年度、%d年度的利润表", rep.Years[0], rep.Years[1], rep.Years[0], rep.Years[1])
	}
	standard := "企业会计准则"
	if b.Institution {
		standard = "政府会计准则制度"
	}
	fair := fmt.Sprintf("%s%d年12月31日的财务状况以及%d年度的经营成果和现金流量", entity, y, y)
	if len(rep.Years) == 2 {
		fair = fmt.Sprintf("%s%d年12月31日、%d年12月31日的财务状况以及%d年度、%d年度的经营成果和现金流量",
			entity, rep.Years[0], rep.Years[1], rep.Years[0], rep.Years[1])
	}
	if rep.Opinion == "qualified" {
		f.plain("一、保留意见")
		f.para(fmt.Sprintf("我们审计了%s（以下简称%s）的财务报表，包括%s、现金流量表以及财务报表附注。", b.Org.Name, "“"+entity[3:]+"”", scope))
		f.para(fmt.Sprintf("我们认为，除“形成保留意见的基础”部分所述事项可能产生的影响外，后附的财务报表在所有重大方面按照%s的规定编制，公允反映了%s。", standard, fair))
		f.plain("二、形成保留意见的基础")
		f.para(fmt.Sprintf("如财务报表附注五所述，%s于%d年12月31日的应收账款账面余额中有部分款项账龄超过三年，我们未能就其可收回性获取充分、适当的审计证据，也无法确定是否有必要对这些金额作出调整。", entity, y))
		f.para("我们按照中国注册会计师审计准则的规定执行了审计工作。我们相信，我们获取的审计证据是充分、适当的，为发表保留意见提供了基础。")
	} else {
		f.plain("一、审计意见")
		f.para(fmt.Sprintf("我们审计了%s（以下简称%s）的财务报表，包括%s、现金流量表以及财务报表附注。", b.Org.Name, "“"+entity[3:]+"”", scope))
		f.para(fmt.Sprintf("我们认为，后附的财务报表在所有重大方面按照%s的规定编制，公允反映了%s。", standard, fair))
		f.plain("二、形成审计意见的基础")
		f.para("我们按照中国注册会计师审计准则的规定执行了审计工作。按照中国注册会计师职业道德守则，我们独立于" + entity + "，并履行了职业道德方面的其他责任。我们相信，我们获取的审计证据是充分、适当的，为发表审计意见提供了基础。")
		if rep.Emphasis {
			f.plain("三、强调事项")
			f.para(fmt.Sprintf("我们提醒财务报表使用者关注，如财务报表附注十所述，%s的主要客户集中度较高。本段内容不影响已发表的审计意见。", entity))
		}
	}
	f.plain("管理层对财务报表的责任")
	f.para("管理层负责按照" + standard + "的规定编制财务报表，使其实现公允反映，并设计、执行和维护必要的内部控制，以使财务报表不存在由于舞弊或错误导致的重大错报。")
	f.plain("注册会计师的责任")
	f.para("我们的目标是对财务报表整体是否不存在由于舞弊或错误导致的重大错报获取合理保证，并出具包含审计意见的审计报告。如果我们得出结论认为存在重大不确定性，审计准则要求我们在审计报告中提请报表使用者注意财务报表中的相关披露；如果披露不充分，我们应当发表非无保留意见。")
	f.gap(20)
	f.plain(rep.Firm + "　　　　　　中国注册会计师：" + b.pickName())
	f.plain("中国·石家庄　　　　　　　　　　　　　　　　中国注册会计师：" + b.pickName())
	f.rightLine(cn(rep.Signed))

	b.balancePage(doc, rep, y)
	if len(rep.Years) == 2 {
		b.balancePage(doc, rep, rep.Years[1])
	}
	b.incomePage(doc, rep, y)
	return doc.bytes()
}

type bsRow struct {
	label  string
	label2 string // second line of a wrapped label; values go on that line
	cur    money
	prev   money
	blank  bool
}

func (b *bundle) balancePage(doc *pdfDoc, rep auditReport, y int) {
	cur, prev := b.balance(y), b.balance(y-1)
	fc, fp := b.Fin[y], b.Fin[y-1]
	p := doc.newPage()
	p.center(pageW/2, 790, 16, "资产负债表")
	form := "会企01表"
	if b.Institution {
		form = "会政财01表"
	}
	p.right(555, 770, 9, form)
	unit := "单位：元"
	if rep.Wan {
		unit = "单位：万元"
	}
	p.text(40, 752, 9, "编制单位："+b.Org.Name)
	p.center(330, 752, 9, fmt.Sprintf("%d年12月31日", y))
	p.right(555, 752, 9, unit)
	p.line(40, 745, 555, 745)
	// header, right label wrapped over two lines
	hy := 731.0
	p.text(40, hy, 9, "资　　产")
	p.right(215, hy, 9, "期末数")
	p.right(290, hy, 9, "年初数")
	if b.Institution {
		p.text(300, hy, 9, "负债和净资产")
	} else {
		p.text(300, hy+5, 9, "负债和所有者权益")
		p.text(300, hy-6, 9, "（或股东权益）")
	}
	p.right(480, hy, 9, "期末数")
	p.right(555, hy, 9, "年初数")
	p.line(40, 718, 555, 718)

	assetNames := []string{"货币资金", "应收账款", "预付款项", "其他应收款", "存货"}
	nonCurNames := []string{"固定资产", "无形资产", "长期待摊费用"}
	liabNames := []string{"短期借款", "应付账款", "应付职工薪酬", "应交税费", "其他应付款"}
	eqNames := []string{"实收资本（或股本）", "资本公积", "盈余公积", "未分配利润"}
	if b.Institution {
		assetNames = []string{"货币资金", "财政应返还额度", "应收账款净额", "预付账款", "存货"}
		nonCurNames = []string{"固定资产净值", "无形资产净值", "长期待摊费用"}
		liabNames = []string{"应付职工薪酬", "应缴财政款", "应付账款", "预收账款", "其他应付款"}
		eqNames = []string{"累计盈余", "专用基金", "权益法调整", "无偿调拨净资产"}
	}
	var left, right []bsRow
	left = append(left, bsRow{label: "流动资产：", blank: true})
	for i, n := range assetNames {
		left = append(left, bsRow{label: n, cur: cur.Cur[i], prev: prev.Cur[i]})
	}
	left = append(left, bsRow{label: "流动资产合计", cur: fc.CurAssets, prev: fp.CurAssets})
	left = append(left, bsRow{label: "非流动资产：", blank: true})
	for i, n := range nonCurNames {
		left = append(left, bsRow{label: n, cur: cur.NonCur[i], prev: prev.NonCur[i]})
	}
	left = append(left, bsRow{label: "非流动资产合计", cur: fc.TotalAssets - fc.CurAssets, prev: fp.TotalAssets - fp.CurAssets})
	right = append(right, bsRow{label: "流动负债：", blank: true})
	for i, n := range liabNames {
		right = append(right, bsRow{label: n, cur: cur.Liab[i], prev: prev.Liab[i]})
	}
	right = append(right, bsRow{label: "流动负债合计", cur: fc.Liab, prev: fp.Liab})
	right = append(right, bsRow{label: "非流动负债合计", cur: 0, prev: 0})
	right = append(right, bsRow{label: "负债合计", cur: fc.Liab, prev: fp.Liab})
	if b.Institution {
		right = append(right, bsRow{label: "净资产：", blank: true})
	} else {
		right = append(right, bsRow{label: "所有者权益（或股东权益）：", blank: true})
	}
	for i, n := range eqNames {
		right = append(right, bsRow{label: n, cur: cur.Equity[i], prev: prev.Equity[i]})
	}
	if b.Institution {
		right = append(right, bsRow{label: "净资产合计", cur: fc.NetAssets, prev: fp.NetAssets})
	} else {
		right = append(right, bsRow{label: "所有者权益（或股东", label2: "权益）合计", cur: fc.NetAssets, prev: fp.NetAssets})
	}
	// pad the left column so 资产总计 faces the grand total
	for len(left) < len(right) {
		left = append(left, bsRow{blank: true})
	}
	left = append(left, bsRow{label: "资产总计", cur: fc.TotalAssets, prev: fp.TotalAssets})
	if b.Institution {
		right = append(right, bsRow{label: "负债和净资产总计", cur: fc.TotalAssets, prev: fp.TotalAssets})
	} else {
		right = append(right, bsRow{label: "负债和所有者权益（或", label2: "股东权益）总计", cur: fc.TotalAssets, prev: fp.TotalAssets})
	}
	yy := 703.0
	for i := range right {
		l, r := left[i], right[i]
		base := yy
		if r.label2 != "" {
			base = yy - 11
		}
		if l.label != "" {
			p.text(40, base, 9, l.label)
		}
		if !l.blank {
			p.right(215, base, 9, b.amt(rep, l.cur))
			p.right(290, base, 9, b.amt(rep, l.prev))
		}
		if r.label2 != "" {
			p.text(300, yy, 9, r.label)
			p.text(300, base, 9, r.label2)
		} else {
			p.text(300, base, 9, r.label)
		}
		if !r.blank {
			p.right(480, base, 9, b.amt(rep, r.cur))
			p.right(555, base, 9, b.amt(rep, r.prev))
		}
		yy = base - 17
	}
	p.line(40, yy+8, 555, yy+8)
	p.text(40, yy-10, 9, "单位负责人："+b.Org.LegalRep+"　　　　主管会计工作负责人："+b.pickName()+"　　　　会计机构负责人："+b.pickName())
}

func (b *bundle) incomePage(doc *pdfDoc, rep auditReport, y int) {
	cur, prev := b.income(y), b.income(y-1)
	p := doc.newPage()
	title, form := "利　润　表", "会企02表"
	if b.Institution {
		title, form = "收 入 费 用 表", "会政财02表"
	}
	p.center(pageW/2, 790, 16, title)
	p.right(555, 770, 9, form)
	unit := "单位：元"
	if rep.Wan {
		unit = "单位：万元"
	}
	p.text(60, 752, 9, "编制单位："+b.Org.Name)
	p.center(340, 752, 9, fmt.Sprintf("%d年度", y))
	p.right(540, 752, 9, unit)
	p.line(60, 745, 540, 745)
	p.text(60, 731, 9, "项　　目")
	p.right(440, 731, 9, "本年累计金额")
	p.right(540, 731, 9, "上年同期金额")
	p.line(60, 722, 540, 722)
	type row struct {
		l    string
		c, p money
	}
	var rows []row
	if b.Institution {
		rows = []row{
			{"一、本期收入", cur.Revenue, prev.Revenue},
			{"　　其中：财政拨款收入", cur.Revenue * 0, prev.Revenue * 0},
			{"　　　　　事业收入", cur.Revenue, prev.Revenue},
			{"二、本期费用", cur.Revenue - cur.Net, prev.Revenue - prev.Net},
			{"　　其中：业务活动费用", cur.Cost + cur.Sell, prev.Cost + prev.Sell},
			{"　　　　　单位管理费用", cur.Revenue - cur.Net - cur.Cost - cur.Sell, prev.Revenue - prev.Net - prev.Cost - prev.Sell},
			{"三、本期盈余", cur.Net, prev.Net},
		}
	} else {
		rows = []row{
			{"一、营业收入", cur.Revenue, prev.Revenue},
			{"　　减：营业成本", cur.Cost, prev.Cost},
			{"　　　　税金及附加", cur.Tax, prev.Tax},
			{"　　　　销售费用", cur.Sell, prev.Sell},
			{"　　　　管理费用", cur.Admin, prev.Admin},
			{"　　　　财务费用", cur.Fin, prev.Fin},
			{"二、营业利润（亏损以“－”号填列）", cur.OpProfit, prev.OpProfit},
			{"　　加：营业外收入", cur.OtherIn, prev.OtherIn},
			{"　　减：营业外支出", cur.OtherOut, prev.OtherOut},
			{"三、利润总额（亏损总额以“－”号填列）", cur.Total, prev.Total},
			{"　　减：所得税费用", cur.IncomeTax, prev.IncomeTax},
			{"四、净利润（净亏损以“－”号填列）", cur.Net, prev.Net},
		}
	}
	yy := 706.0
	for _, r := range rows {
		p.text(60, yy, 9, r.l)
		p.right(440, yy, 9, b.amt(rep, r.c))
		p.right(540, yy, 9, b.amt(rep, r.p))
		yy -= 18
	}
	p.line(60, yy+8, 540, yy+8)
}

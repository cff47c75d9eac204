package main

import (
	"fmt"
	"strings"
)

// check writes tick before chosen items and □ before the others.
func check(all, chosen []string, tick string) string {
	var parts []string
	for _, a := range all {
		mark := "□"
		for _, c := range chosen {
			if c == a {
				mark = tick
			}
		}
		parts = append(parts, mark+a)
	}
	return strings.Join(parts, "　")
}

var allCategories = []string{"数字赋能", "融资促进", "技术创新", "检验检测", "成果转化", "品牌提升", "政策咨询", "人力资源", "其他"}

// formRows is the application form in template B's order: the figures come
// before the identity block and the date sits at the top.
// tick is ☑ in DOCX and XLSX; ■ in PDFs, whose STSong-Light font has no ☑.
func (b *bundle) formRows(tick string) [][2]string {
	ta := fmtYuan(b.Declared.TotalAssets)
	taLabel := "资产总额（元）"
	if b.Declared.TotalAssetsWan {
		ta = fmtWan(b.Declared.TotalAssets)
		taLabel = "资产总额（万元）"
	}
	return [][2]string{
		{"申请日期", cn(b.R)},
		{"服务性质", check([]string{"公益性", "社会化"}, []string{b.Nature}, tick)},
		{"服务类别", check(allCategories, b.Categories, tick)},
		{"近一年服务中小企业数量（家）", fmt.Sprint(b.Declared.SMEs)},
		{"其中：点对点服务企业（家）", fmt.Sprint(b.Declared.P2P)},
		{"上年度合作副高级及以上专家（人）", fmt.Sprint(b.Declared.Senior)},
		{"上年度合作专家总数（人）", fmt.Sprint(b.Declared.Total)},
		{"签订合作协议的机构（个）", fmt.Sprint(b.Declared.Partner)},
		{"服务场所面积（㎡）", fmt.Sprintf("%.2f", b.Declared.Area)},
		{taLabel, ta},
		{"单位名称", b.Org.Name},
		{"统一社会信用代码", b.Org.USCC},
		{"法定代表人", b.Org.LegalRep},
		{"成立日期", cn(b.Org.Established)},
		{"注册地址", b.Org.Address},
		{"联系人及电话", b.pickName() + "　" + fmt.Sprintf("1%d", 3000000000+b.rng.IntN(999999999))},
	}
}

// formPDF writes the application form as a two-column table.
func (b *bundle) formPDF(id string) []byte {
	doc := newPDF(id, "D:"+b.R.Format("20060102")+"100000+08'00'", "入库申请表")
	p := doc.newPage()
	p.bold(pageW/2-textWidth("河北省优质中小企业服务资源库", 16)/2, 780, 16, "河北省优质中小企业服务资源库")
	p.bold(pageW/2-textWidth("入库申请表", 16)/2, 756, 16, "入库申请表")
	y := 720.0
	p.line(60, y+14, 535, y+14)
	for _, r := range b.formRows("■") {
		lines := wrap(r[1], 290, 10)
		p.text(66, y, 10, r[0])
		for i, ln := range lines {
			p.text(240, y-float64(i)*15, 10, ln)
		}
		y -= float64(len(lines))*15 + 8
		p.line(60, y+14, 535, y+14)
	}
	p.line(60, y+14, 60, 734)
	p.line(232, y+14, 232, 734)
	p.line(535, y+14, 535, 734)
	p.text(300, y-40, 11, "申请单位（盖章）："+b.Org.Name)
	return doc.bytes()
}

func (b *bundle) overviewParas() []string {
	smes, _, _ := b.serviceCounts()
	return []string{
		fmt.Sprintf("%s（统一社会信用代码：%s）成立于%s，住所位于%s，法定代表人%s。", b.Org.Name, b.Org.USCC, cn(b.Org.Established), b.Org.Address, b.Org.LegalRep),
		"本单位长期面向河北省中小企业开展" + strings.Join(b.Categories, "、") + "等服务，建立了需求受理、方案制定、专家对接、跟踪回访的服务流程。",
		fmt.Sprintf("发展沿革：%d年设立综合服务部，%d年起承接市级中小企业公共服务平台线下服务站工作，%d年组建专家服务团队。", b.Org.Established.Year(), b.Org.Established.Year()+1, b.Org.Established.Year()+2),
		"服务产品：企业诊断、专精特新培育辅导、质量管理体系咨询、标准制修订服务、知识产权布局、政策申报辅导、人才培训等。",
		fmt.Sprintf("服务业绩：近一年累计服务中小企业%d余家，组织各类公益培训和政策宣讲活动三十余场。", smes/10*10),
	}
}

func (b *bundle) overviewPDF(id string) []byte {
	doc := newPDF(id, "D:"+b.R.AddDate(0, 0, -9).Format("20060102")+"160000+08'00'", "单位情况概述")
	f := newFlow(doc, 11)
	f.title("单位情况概述", 18)
	heads := []string{"一、基本情况", "", "二、发展沿革", "三、服务产品", "四、服务业绩"}
	for i, p := range b.overviewParas() {
		if heads[i] != "" {
			f.plain(heads[i])
		}
		f.para(p)
	}
	return doc.bytes()
}

func (b *bundle) policiesPDF(id string) []byte {
	doc := newPDF(id, "D:"+b.R.AddDate(0, -2, 0).Format("20060102")+"090000+08'00'", "服务管理制度汇编")
	f := newFlow(doc, 10.5)
	f.title("服务管理制度汇编", 18)
	sections := [][]string{
		{"第一部分　服务管理办法", "第一条　为规范服务行为、提升服务质量，结合本单位实际，制定本办法。", "第二条　服务部负责服务需求登记、服务派单、服务档案管理；专家委员会负责技术把关。"},
		{"第二部分　服务规范程序", "第三条　需求受理：通过电话、平台、上门走访等方式受理企业需求，一个工作日内登记。", "第四条　服务实施：制定服务方案，明确服务内容、方式、时限和责任人，点对点服务须形成服务记录并由企业签字确认。", "第五条　服务评价：服务结束后十个工作日内开展满意度回访，回访结果纳入考核。"},
		{"第三部分　服务承诺", "第六条　公益性服务不收取任何费用，收费服务执行公示价格。", "第七条　对服务中知悉的企业商业秘密严格保密，不向第三方泄露。"},
	}
	for _, s := range sections {
		f.plain(s[0])
		for _, p := range s[1:] {
			f.para(p)
		}
	}
	f.gap(10)
	f.rightLine(b.Org.Name)
	f.rightLine(cn(b.R.AddDate(0, -2, 0)))
	return doc.bytes()
}

// serviceHistoryPDF summarises two years of service products in a table.
func (b *bundle) serviceHistoryPDF(id string) []byte {
	doc := newPDF(id, "D:"+b.R.AddDate(0, 0, -5).Format("20060102")+"110000+08'00'", "近两年服务产品及服务企业情况")
	p := doc.newPage()
	p.bold(pageW/2-textWidth("近两年服务产品及服务企业情况", 16)/2, 780, 16, "近两年服务产品及服务企业情况")
	y := b.Y()
	cols := []float64{70, 110, 330, 440}
	heads := []string{"序号", "服务产品", fmt.Sprintf("%d年（家次）", y-1), fmt.Sprintf("%d年（家次）", y)}
	for i, h := range heads {
		p.text(cols[i], 740, 10, h)
	}
	p.line(60, 732, 535, 732)
	products := []string{"专精特新培育辅导", "质量管理体系咨询", "政策申报辅导", "知识产权布局", "企业数字化诊断", "人才培训"}
	yy := 714.0
	t1, t2 := 0, 0
	for i, pr := range products {
		a, c := 12+b.rng.IntN(40), 15+b.rng.IntN(45)
		t1, t2 = t1+a, t2+c
		p.text(cols[0], yy, 10, fmt.Sprint(i+1))
		p.text(cols[1], yy, 10, pr)
		p.text(cols[2], yy, 10, fmt.Sprint(a))
		p.text(cols[3], yy, 10, fmt.Sprint(c))
		yy -= 20
	}
	p.text(cols[1], yy, 10, "合计")
	p.text(cols[2], yy, 10, fmt.Sprint(t1))
	p.text(cols[3], yy, 10, fmt.Sprint(t2))
	p.line(60, yy-8, 535, yy-8)
	p.text(70, yy-34, 10, "注：同一企业接受多项服务的，按服务次数分别统计。服务企业明细见附表。")
	return doc.bytes()
}

func (b *bundle) serviceReportPDF(id string) []byte {
	y := b.Y()
	doc := newPDF(id, "D:"+b.R.AddDate(0, 0, -6).Format("20060102")+"150000+08'00'", fmt.Sprintf("%d年度服务情况", y))
	f := newFlow(doc, 10.5)
	f.title(fmt.Sprintf("%d年度开展服务情况报告", y), 17)
	f.plain("一、主要服务内容、对象和规模")
	f.para(fmt.Sprintf("%d年，本单位围绕%s等方向开展服务，服务对象以省内制造业中小企业为主，全年组织公益性活动二十余场，点对点上门服务企业数十家。", y, strings.Join(b.Categories, "、")))
	f.plain("二、收费情况")
	f.para("公益性服务均免费提供；咨询辅导类收费项目按合同约定收取，全年服务收入已在审计报告中反映。")
	f.plain("三、典型案例")
	var cases []svcRow
	for _, s := range b.Services {
		if p2pMode(s.Mode) && validUSCC(s.USCC) && len(cases) < 3 {
			cases = append(cases, s)
		}
	}
	for i, c := range cases {
		f.plain(fmt.Sprintf("案例%s：%s%s", []string{"一", "二", "三"}[i], c.Name, c.Content))
		f.para(fmt.Sprintf("%s，本单位派出专家对%s开展%s服务，帮助企业梳理问题清单并制定整改方案，企业反馈良好。", cn(c.Date), c.Name, c.Mode))
	}
	f.plain("四、经济效益和社会效益")
	f.para("通过服务，企业平均缩短项目申报准备时间约三成，多家企业获评省级专精特新中小企业。")
	return doc.bytes()
}

// leasePDF writes a lease with 出租人/承租人 and 租赁面积.
func (b *bundle) leasePDF(p premisesDoc, id string) []byte {
	doc := newPDF(id, "D:"+p.Start.AddDate(0, 0, -10).Format("20060102")+"100000+08'00'", "房屋租赁合同")
	f := newFlow(doc, 10.5)
	f.title("房 屋 租 赁 合 同", 18)
	f.plain("出租人（以下简称甲方）：" + p.Lessor)
	f.plain("承租人（以下简称乙方）：" + p.Holder)
	f.gap(6)
	f.para("甲乙双方经友好协商，就房屋租赁事宜达成如下协议，共同遵守。")
	f.plain("第一条　租赁房屋")
	f.para(fmt.Sprintf("甲方将位于%s的房屋出租给乙方用于办公及服务场所，租赁面积：%s平方米（以产权登记面积为准）。", p.Address, trimArea(p.Area)))
	f.plain("第二条　租赁期限")
	f.para(fmt.Sprintf("租赁期限自%s起至%s止。", cn(p.Start), cn(p.End)))
	f.plain("第三条　租金")
	f.para(fmt.Sprintf("月租金为人民币%d元，每三个月支付一次，先付后用。", int(p.Area*45)))
	f.plain("第四条　其他")
	f.para("本合同一式贰份，甲乙双方各执壹份，自双方签字盖章之日起生效。")
	f.gap(20)
	f.plain("甲方（盖章）：" + p.Lessor)
	f.plain("乙方（盖章）：" + p.Holder)
	f.plain("签订日期：" + cn(p.Start.AddDate(0, 0, -10)))
	return doc.bytes()
}

func trimArea(a float64) string {
	s := fmt.Sprintf("%.2f", a)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// otherPDF is a harmless extra document (an honour certificate).
func (b *bundle) otherPDF(id string) []byte {
	doc := newPDF(id, "D:20250618100000+08'00'", "荣誉证书")
	p := doc.newPage()
	p.bold(pageW/2-textWidth("荣 誉 证 书", 28)/2, 620, 28, "荣 誉 证 书")
	p.text(110, 540, 14, b.Org.Name+"：")
	for i, ln := range wrap("　　在2024年度全市中小企业公共服务工作中表现突出，被评为“优秀服务机构”。特发此证，以资鼓励。", 380, 14) {
		p.text(110, 510-float64(i)*24, 14, ln)
	}
	p.right(480, 380, 14, "市中小企业服务联盟")
	p.right(480, 356, 14, "二〇二五年六月")
	return doc.bytes()
}

var pledgeBody = []string{
	"本人作为申请单位法定代表人，郑重承诺：本人诚信守法，未被列入失信被执行人名单，无不良信用记录；申请单位近两年未被列入失信被执行人、严重失信主体名单、经营异常名录或税收违法黑名单，未发生偷税漏税等违法违规行为。",
	"如有违反，本人及本单位愿承担相应法律责任。",
}

var declarationBody = []string{
	"本单位申请河北省优质中小企业服务资源库入库所提交的申请表及全部附件材料均真实、有效、完整，复印件与原件一致，不存在虚假记载、误导性陈述或重大遗漏。",
	"如有虚假，本单位自愿承担一切后果，并接受主管部门依据有关规定作出的处理。",
}

package main

import (
	"fmt"
	"math/rand/v2"
)

var surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段骆钱汤尹黎易常武乔贺赖龚文")

var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建国志宏海波晓东立新春燕文博雪梅浩然宇辰子涵思远嘉怡俊峰瑞雅晨光永胜德明金凤学军继红卫东")

// pickName returns a random two- or three-character personal name.
func (b *bundle) pickName() string {
	s := string(surnames[b.rng.IntN(len(surnames))])
	n := 1 + b.rng.IntN(2)
	for i := 0; i < n; i++ {
		s += string(givenChars[b.rng.IntN(len(givenChars))])
	}
	return s
}

type city struct {
	Name, Division string
}

var cities = []city{
	{"石家庄", "130104"}, {"唐山", "130203"}, {"秦皇岛", "130302"}, {"邯郸", "130403"}, {"邢台", "130503"},
	{"保定", "130602"}, {"张家口", "130702"}, {"承德", "130802"}, {"沧州", "130903"}, {"廊坊", "131003"},
	{"衡水", "131102"}, {"辛集", "130181"}, {"定州", "130682"},
}

var bizWords = []string{"恒达", "华信", "宏远", "鑫源", "金泰", "瑞丰", "博通", "新兴", "永盛", "利民", "东方", "天成",
	"联创", "众诚", "佳禾", "中科", "同力", "富华", "德隆", "安泰", "晨光", "海川", "广源", "正元", "鸿运", "兴业",
	"春晖", "冀东", "润泽", "长信", "凯达", "华茂", "精工", "万通", "开元", "盛世"}

var industries = []string{"机械制造", "电子科技", "新材料", "食品", "化工", "纺织", "包装材料", "五金制品", "汽车配件",
	"精密铸造", "环保设备", "医疗器械", "建材", "塑料制品", "农业科技", "软件技术", "轴承", "电气设备", "印务", "家具"}

var suffixes = []string{"有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"}

// company makes an enterprise not yet in used, with a valid USCC.
func (b *bundle) company(used map[string]bool) (name, uscc string) {
	for {
		c := cities[b.rng.IntN(len(cities))]
		name = c.Name + bizWords[b.rng.IntN(len(bizWords))] + industries[b.rng.IntN(len(industries))] + suffixes[b.rng.IntN(len(suffixes))]
		if used[name] {
			continue
		}
		uscc = newUSCC(b.rng, "91", c.Division)
		if used[uscc] {
			continue
		}
		used[name], used[uscc] = true, true
		return
	}
}

var seniorTitles = []string{"教授", "副教授", "研究员", "副研究员", "正高级工程师", "高级工程师", "高级经济师", "高级会计师", "教授级高级工程师", "副主任医师"}
var otherTitles = []string{"讲师", "工程师", "助理研究员", "经济师", "会计师", "助理工程师"}
var employers = []string{"河北工业大学", "河北大学", "燕山大学", "河北科技大学", "河北农业大学", "石家庄铁道大学",
	"河北省科学院", "中国电子科技集团公司第五十四研究所", "河钢集团有限公司", "长城汽车股份有限公司", "河北省标准化研究院",
	"河北银行股份有限公司", "华北理工大学", "河北经贸大学", "河北省产品质量监督检验研究院", "冀中能源集团有限责任公司"}
var fields = []string{"质量管理", "标准化", "智能制造", "知识产权", "财务管理", "数字化转型", "检验检测", "人力资源", "法律服务", "节能环保", "企业管理", "融资服务"}

// rngFor returns the fixed random source of a bundle.
func rngFor(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x5eed)) }

// genExperts appends experts: inSenior and inOther in force during Y, and the
// given extra rows that are not (an expired two-year agreement, a one-year
// agreement ending on the last day of Y-1, one signed after Y).
func (b *bundle) genExperts(inSenior, inOther int, masked bool) {
	y := b.Y()
	used := map[string]bool{}
	mk := func(senior bool, signed day, years int) expert {
		male := b.rng.IntN(3) > 0
		born := d(1958+b.rng.IntN(30), 1+b.rng.IntN(12), 1+b.rng.IntN(28))
		var id string
		for {
			id = newID(b.rng, cities[b.rng.IntN(len(cities))].Division, born, male)
			key := id
			if masked {
				key = maskID(id)
			}
			if !used[key] {
				used[key] = true
				break
			}
		}
		if masked {
			id = maskID(id)
		}
		title := otherTitles[b.rng.IntN(len(otherTitles))]
		if senior {
			title = seniorTitles[b.rng.IntN(len(seniorTitles))]
		}
		g := "女"
		if male {
			g = "男"
		}
		return expert{Name: b.pickName(), Gender: g, ID: id, Employer: employers[b.rng.IntN(len(employers))],
			Title: title, Field: fields[b.rng.IntN(len(fields))], Senior: senior, Signed: signed, Years: years}
	}
	inForce := func() (day, int) {
		for {
			signed := d(y-3+b.rng.IntN(4), 1+b.rng.IntN(12), 1+b.rng.IntN(28))
			years := 2 + b.rng.IntN(3)
			if !signed.After(d(y, 12, 31)) && !endOfTerm(signed, years).Before(d(y, 1, 1)) {
				return signed, years
			}
		}
	}
	var list []expert
	for i := 0; i < inSenior+inOther; i++ {
		s, n := inForce()
		list = append(list, mk(i < inSenior, s, n))
	}
	// not in force during Y
	list = append(list, mk(true, d(y-4, 6, 12), 2))
	list = append(list, mk(true, d(y-1, 1, 1), 1)) // ends y-1-12-31: the day before the anniversary
	list = append(list, mk(false, d(y+1, 2, 15), 3))
	b.rng.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	b.Experts = list
}

// dupExpert repeats expert i's row (same ID text) with a differently written employer.
func (b *bundle) dupExpert(i int) {
	e := b.Experts[i]
	e.Employer = e.Employer + "（" + e.Field + "方向）"
	e.DupOf = i + 1
	pos := len(b.Experts) - 2
	b.Experts = append(b.Experts[:pos], append([]expert{e}, b.Experts[pos:]...)...)
}

var partnerKinds = []string{"律师事务所", "会计师事务所有限公司", "认证有限公司", "知识产权代理有限公司", "检测技术有限公司", "融资担保有限公司", "人力资源服务有限公司", "科技成果转化中心"}
var agreements = []string{"战略合作协议", "服务合作协议", "合作框架协议", "业务合作协议"}

// genPartners appends n partners in force (long-term ones say 长期) and one expired.
func (b *bundle) genPartners(n, longTerm int) {
	y := b.Y()
	used := map[string]bool{}
	mk := func(signed, until day) partner {
		for {
			c := cities[b.rng.IntN(len(cities))]
			name := c.Name + bizWords[b.rng.IntN(len(bizWords))] + partnerKinds[b.rng.IntN(len(partnerKinds))]
			if used[name] {
				continue
			}
			used[name] = true
			prefix := "91"
			if partnerKinds[0] == name[len(name)-len(partnerKinds[0]):] {
				prefix = "31"
			}
			return partner{Name: name, USCC: newUSCC(b.rng, prefix, c.Division), Agreement: agreements[b.rng.IntN(len(agreements))],
				Signed: signed, Until: until}
		}
	}
	for i := 0; i < n; i++ {
		signed := d(y-2+b.rng.IntN(3), 1+b.rng.IntN(12), 1+b.rng.IntN(28))
		var until day
		if i >= longTerm {
			until = signed.AddDate(3+b.rng.IntN(3), 0, -1)
		}
		b.Partners = append(b.Partners, mk(signed, until))
	}
	b.Partners = append(b.Partners, mk(d(y-4, 3, 10), d(y-1, 3, 9)))
	b.rng.Shuffle(len(b.Partners), func(i, j int) { b.Partners[i], b.Partners[j] = b.Partners[j], b.Partners[i] })
}

var serviceContents = []string{"专精特新申报辅导", "质量管理体系咨询", "政策解读", "知识产权布局", "数字化诊断", "融资对接", "标准制定咨询", "人才招聘对接", "品牌策划咨询", "科技成果评价"}
var otherModes = []string{"线上", "讲座", "培训会", "线下集中", "电话咨询"}
var p2pModes = []string{"点对点", "一对一", "上门服务", "点对点（上门）"}

// genServices writes service rows: valid distinct enterprises in the window
// (the first p2p of them with a point-to-point row), repeat visits, rows
// before the window, rows with a broken USCC check character.
func (b *bundle) genServices(valid, p2p, repeats, before, invalid int) {
	used := map[string]bool{}
	from := b.R.AddDate(-1, 0, 0)
	days := int(b.R.Sub(from).Hours() / 24)
	inWin := func() day { return from.AddDate(0, 0, b.rng.IntN(days)) }
	var rows []svcRow
	var served []svcRow
	for i := 0; i < valid; i++ {
		n, u := b.company(used)
		mode := otherModes[b.rng.IntN(len(otherModes))]
		if i < p2p {
			mode = p2pModes[b.rng.IntN(len(p2pModes))]
		}
		r := svcRow{Name: n, USCC: u, Content: serviceContents[b.rng.IntN(len(serviceContents))], Mode: mode, Date: inWin()}
		rows = append(rows, r)
		served = append(served, r)
	}
	for i := 0; i < repeats; i++ {
		r := served[p2p+b.rng.IntN(len(served)-p2p)]
		r.Date = inWin()
		r.Content = serviceContents[b.rng.IntN(len(serviceContents))]
		if i%3 == 0 {
			r.Mode = otherModes[b.rng.IntN(len(otherModes))]
		}
		rows = append(rows, r)
	}
	for i := 0; i < before; i++ {
		n, u := b.company(used)
		rows = append(rows, svcRow{Name: n, USCC: u, Content: serviceContents[b.rng.IntN(len(serviceContents))],
			Mode: p2pModes[b.rng.IntN(len(p2pModes))], Date: from.AddDate(0, 0, -1-b.rng.IntN(200))})
	}
	for i := 0; i < invalid; i++ {
		n, u := b.company(used)
		rows = append(rows, svcRow{Name: n, USCC: breakUSCC(u), Content: serviceContents[b.rng.IntN(len(serviceContents))],
			Mode: otherModes[b.rng.IntN(len(otherModes))], Date: inWin()})
	}
	sortRows(rows)
	b.Services = rows
}

func sortRows(rows []svcRow) {
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && rows[j].Date.Before(rows[j-1].Date); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}

// genStaff lists key staff; some hold senior titles but are not cooperating experts.
func (b *bundle) genStaff(n, senior int) {
	posts := []string{"法定代表人、主任", "副主任", "技术负责人", "财务负责人", "服务部部长", "综合部部长", "项目经理", "咨询师", "咨询师", "质量负责人"}
	edu := []string{"本科", "硕士研究生", "博士研究生", "大专"}
	for i := 0; i < n; i++ {
		name := b.pickName()
		title := otherTitles[b.rng.IntN(len(otherTitles))]
		if i == 0 {
			name = b.Org.LegalRep
		}
		if i > 0 && i <= senior {
			title = seniorTitles[b.rng.IntN(len(seniorTitles))]
		}
		b.Staff = append(b.Staff, []string{name, posts[i%len(posts)], edu[b.rng.IntN(len(edu))], title, "—", fmt.Sprintf("%d", 3+b.rng.IntN(20))})
	}
}

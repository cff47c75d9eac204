package variation

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"ruku/extractors/uscc"
)

// Person is one expert of an expert list.
type Person struct {
	Name, ID, Employer, Title string
	Senior                    bool
	Start, End                time.Time // End is the last day in force
	Years                     int       // the term in years, End = Start + Years - 1 day
}

// Org is one partner institution of a partner list.
type Org struct {
	Name, USCC, Agreement string
	Signed, Until         time.Time // Until is the last day in force
	Years                 int
}

// Service is one row of a service record list.
type Service struct {
	Name, USCC, Mode, Content string
	Date                      time.Time
}

// Facts is what every document of one applicant states. Money is in yuan,
// areas in square metres.
type Facts struct {
	Name, USCC, LegalRep, Address string
	Established, Applied          time.Time
	Nature                        string   // 公益性 or 社会化
	Categories                    []string // ticked service categories
	Assets                        float64  // declared total assets, whole hundreds of yuan
	AreaM2                        float64
	Senior, Experts               int
	Partners, SMEs, P2P           int

	// A 事业单位法人证书 holder.
	InstName, InstUSCC, InstRep, InstAddress string

	// A lease and a title certificate.
	Lessor, LessorUSCC   string
	LeaseAddress         string
	LeaseArea, CertArea  float64
	LeaseStart, LeaseEnd time.Time
	LeaseYears           int
	CertNo               string

	// Audit statements of Year (and Year-1).
	Year                   int
	TotalAssets, PriorTA   float64
	Liabilities, PriorLiab float64
	NetProfit, PriorProfit float64

	// Lists.
	People   []Person
	Orgs     []Org
	Services []Service

	// A credit query.
	QueryDate time.Time
}

// NetAssets is total assets less liabilities of the current year.
func (f *Facts) NetAssets() float64 { return round2(f.TotalAssets - f.Liabilities) }

// PriorNet is total assets less liabilities of the prior year.
func (f *Facts) PriorNet() float64 { return round2(f.PriorTA - f.PriorLiab) }

var (
	places     = []string{"河北", "石家庄", "保定", "唐山", "邯郸", "廊坊", "沧州", "邢台", "衡水", "承德", "张家口", "秦皇岛"}
	cores      = []string{"华信", "正元", "博远", "恒通", "鼎盛", "瑞丰", "启明", "中科", "德润", "卓越", "智汇", "联创", "汇智", "普惠", "宏图", "新锐", "天成", "金桥"}
	trades     = []string{"科技", "检测", "信息技术", "咨询", "管理咨询", "技术服务", "企业管理", "检验检测", "知识产权代理", "数字科技"}
	suffixes   = []string{"有限公司", "股份有限公司", "有限责任公司"}
	brackets   = []string{"（石家庄）", "（河北）", "（集团）", "（北京）"}
	instKinds  = []string{"技术服务中心", "科技创新服务中心", "产品质量检验研究院", "中小企业服务中心", "标准化研究院", "生产力促进中心"}
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "马", "高", "郭"}
	givens     = []string{"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国", "志强", "海燕", "立新", "晓东"}
	streets    = []string{"中山路", "裕华路", "建设大街", "胜利大街", "槐安路", "友谊大街", "长江大道", "学府路", "和平路"}
	districts  = []string{"长安区", "桥西区", "新华区", "裕华区", "高新区", "竞秀区", "莲池区", "路北区"}
	cities     = []string{"石家庄市", "保定市", "唐山市", "邯郸市", "廊坊市"}
	employers  = []string{"河北工业大学", "河北科技大学", "燕山大学", "河北大学", "河北省科学院", "石家庄铁道大学"}
	seniorT    = []string{"教授", "研究员", "高级工程师", "正高级工程师", "副教授", "副研究员", "高级经济师", "高级会计师"}
	otherT     = []string{"工程师", "讲师", "助理研究员", "经济师", "会计师"}
	agreements = []string{"合作协议", "战略合作协议", "服务合作协议", "合作框架协议"}
	modes      = []string{"点对点", "上门服务", "线上", "培训", "一对一"}
	contents   = []string{"政策咨询", "管理诊断", "检验检测", "融资对接", "数字化改造咨询", "知识产权培训"}
	categories = []string{"数字赋能", "融资促进", "技术创新", "检验检测", "成果转化", "品牌提升", "政策咨询", "人力资源"}
	divisions  = []string{"130100", "130102", "130104", "130105", "130108", "130600", "130602", "130200", "131000", "130400"}
)

const codeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// NewUSCC returns a valid unified social credit code with the given two
// leading characters (91 an enterprise, 12 an institution).
func NewUSCC(r *rand.Rand, lead string) string {
	b := []byte(lead + divisions[r.Intn(len(divisions))])
	for len(b) < 17 {
		if len(b) < 9 || r.Intn(3) > 0 {
			b = append(b, '0'+byte(r.Intn(10)))
		} else {
			b = append(b, codeChars[10+r.Intn(len(codeChars)-10)])
		}
	}
	c, _ := uscc.CheckChar(string(b))
	return string(append(b, c))
}

// NewID returns a valid 18-digit citizen ID number.
func NewID(r *rand.Rand) string {
	born := time.Date(1960+r.Intn(30), time.Month(1+r.Intn(12)), 1+r.Intn(28), 0, 0, 0, 0, time.UTC)
	s := divisions[r.Intn(len(divisions))] + born.Format("20060102") + fmt.Sprintf("%03d", r.Intn(1000))
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * w[i]
	}
	return s + string("10X98765432"[sum%11])
}

func orgName(r *rand.Rand, bracket bool) string {
	p, c, t, s := pick(r, places...), pick(r, cores...), pick(r, trades...), pick(r, suffixes...)
	if bracket {
		return p + c + pick(r, brackets...) + t + s
	}
	return p + c + t + s
}

func personName(r *rand.Rand) string { return pick(r, surnames...) + pick(r, givens...) }

func address(r *rand.Rand) string {
	return "河北省" + pick(r, cities...) + pick(r, districts...) + pick(r, streets...) + fmt.Sprintf("%d号%d室", 1+r.Intn(300), 100+r.Intn(1500))
}

func day(r *rand.Rand, from, years int) time.Time {
	return time.Date(from+r.Intn(years), time.Month(1+r.Intn(12)), 1+r.Intn(28), 0, 0, 0, 0, time.UTC)
}

func round2(v float64) float64 {
	if v < 0 {
		return -round2(-v)
	}
	return float64(int64(v*100+0.5)) / 100
}

// money returns a random amount between lo and hi yuan with cents.
func money(r *rand.Rand, lo, hi float64) float64 {
	return round2(lo + r.Float64()*(hi-lo))
}

// NewFacts draws a fact set. The applicant's name holds a bracketed place
// when bracket is true (河北华信（石家庄）科技有限公司).
func NewFacts(r *rand.Rand, bracket bool) Facts {
	f := Facts{
		Name:        orgName(r, bracket),
		USCC:        NewUSCC(r, "91"),
		LegalRep:    personName(r),
		Address:     address(r),
		Established: day(r, 2000, 20),
		Applied:     day(r, 2024, 2),
		Nature:      pick(r, "公益性", "社会化"),
		Assets:      float64(100000+r.Intn(99900000)) / 100 * 100,
		AreaM2:      float64(3000+r.Intn(300000)) / 100,
		Partners:    3 + r.Intn(20),
		SMEs:        50 + r.Intn(400),
	}
	f.Assets = float64(int64(f.Assets/100)) * 100
	f.Experts = 10 + r.Intn(40)
	f.Senior = 5 + r.Intn(f.Experts-5)
	f.P2P = 10 + r.Intn(f.SMEs-10)
	n := 1 + r.Intn(3)
	for _, i := range r.Perm(len(categories))[:n] {
		f.Categories = append(f.Categories, categories[i])
	}
	sortByList(f.Categories, categories)

	f.InstName = pick(r, places...) + pick(r, cores...) + pick(r, instKinds...)
	f.InstUSCC = NewUSCC(r, "12")
	f.InstRep = personName(r)
	f.InstAddress = address(r)

	f.Lessor = orgName(r, false)
	for f.Lessor == f.Name {
		f.Lessor = orgName(r, false)
	}
	f.LessorUSCC = NewUSCC(r, "91")
	f.LeaseAddress = address(r)
	f.LeaseArea = float64(5000+r.Intn(200000)) / 100
	f.CertArea = float64(5000+r.Intn(200000)) / 100
	f.LeaseYears = 1 + r.Intn(5)
	f.LeaseStart = day(r, 2022, 4)
	f.LeaseEnd = f.LeaseStart.AddDate(f.LeaseYears, 0, -1)
	f.CertNo = fmt.Sprintf("%07d", r.Intn(10000000))

	f.Year = 2022 + r.Intn(4)
	f.TotalAssets = money(r, 1e6, 9e7)
	f.PriorTA = money(r, 1e6, 9e7)
	f.Liabilities = round2(f.TotalAssets * (0.1 + 0.6*r.Float64()))
	f.PriorLiab = round2(f.PriorTA * (0.1 + 0.6*r.Float64()))
	f.NetProfit = money(r, -2e5, 5e6)
	f.PriorProfit = money(r, 1e4, 5e6)

	used := map[string]bool{}
	for i := 0; i < 3+r.Intn(5); i++ {
		p := Person{Name: personName(r), ID: NewID(r), Employer: pick(r, employers...)}
		for used[p.Name] {
			p.Name = personName(r)
		}
		used[p.Name] = true
		if p.Senior = r.Intn(3) > 0; p.Senior {
			p.Title = pick(r, seniorT...)
		} else {
			p.Title = pick(r, otherT...)
		}
		p.Start = day(r, 2021, 4)
		p.Years = 1 + r.Intn(5)
		p.End = p.Start.AddDate(p.Years, 0, -1)
		f.People = append(f.People, p)
	}
	for i := 0; i < 2+r.Intn(5); i++ {
		o := Org{Name: orgName(r, r.Intn(4) == 0), USCC: NewUSCC(r, pick(r, "91", "12", "52")), Agreement: pick(r, agreements...)}
		for used[o.Name] {
			o.Name = orgName(r, false)
		}
		used[o.Name] = true
		o.Signed = day(r, 2021, 4)
		o.Years = 1 + r.Intn(5)
		o.Until = o.Signed.AddDate(o.Years, 0, -1)
		f.Orgs = append(f.Orgs, o)
	}
	for i := 0; i < 3+r.Intn(8); i++ {
		s := Service{Name: orgName(r, r.Intn(5) == 0), USCC: NewUSCC(r, "91"), Mode: pick(r, modes...), Content: pick(r, contents...)}
		for used[s.Name] {
			s.Name = orgName(r, false)
		}
		used[s.Name] = true
		s.Date = day(r, 2024, 2)
		f.Services = append(f.Services, s)
	}
	f.QueryDate = day(r, 2025, 2)
	return f
}

func sortByList(xs, order []string) {
	idx := map[string]int{}
	for i, o := range order {
		idx[o] = i
	}
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && idx[xs[j]] < idx[xs[j-1]]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// Halfwidth writes full-width brackets half-width.
func Halfwidth(s string) string {
	return strings.NewReplacer("（", "(", "）", ")").Replace(s)
}

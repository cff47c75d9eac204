package premises

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
)

// The lists the variant documents are generated from. A variant picks one
// entry of every list by its own index, so every entry is used and
// entries combine differently from one variant to the next.
var (
	varHolders = []string{"河北博远检测技术有限公司", "河北汇智(邢台)技术服务有限公司", "河北冀联质量技术服务中心(普通合伙)", "河北信诚管理咨询有限公司廊坊分公司", "邯郸市数创科技研究所"}
	varLessors = []string{"唐山恒泰置业有限公司", "张三", "邢台燕山置业有限公司"}
	// lessee and lessor labels: %s is the party's name
	varLessees = []string{"承租方：%s", "承租人:%s", "乙方(承租人)：%s", "乙方（承租方）:%s", "承租人（以下简称“乙方”）：%s", "承租方 %s", "承 租 方：%s", "承租方：\n%s"}
	varLessorL = []string{"出租方：%s", "出租人:%s", "甲方(出租人)：%s", "甲方（出租方）:%s", "出租人（以下简称“甲方”）：%s", "出 租 人 %s"}
	// notes after the lessee's name; %s is its code
	varNotes = []string{"", "(统一社会信用代码:%s)", "（统一社会信用代码：%s）", "(统一社会信用代码:\n%s)", "(以下简称乙方)", "\n统一社会信用代码：%s", "()"}
	varCodes = []string{withCheck("91130102MA0CTDL7X"), withCheck("911305021HE54M749"), withCheck("91130606MA8PUQ0F1")}
	// areas: %s is the number, %u the unit
	varAreas      = []string{"%s%u(建筑面积);", "租赁面积:%s%u;", "租赁面积为%s %u，", "建筑面积：%s%u。", "使用面积%s%u,", "房屋建筑面积为%s%u。", "面积 %s %u;", "租赁面积：\n%s%u", "共计%s%u的办公用房"}
	varUnits      = []string{"平方米", "平米", "㎡", "m²", "m2", "M2", "平方米"}
	varAreaValues = []string{"150", "622", "97.9", "1,234.56", "356.3", "80.5"}
	varAddresses  = []string{"河北省石家庄市裕华区槐安路361号8号楼1层", "河北省邢台市襄都区长江大道227号创新大厦10层16室", "石家庄市长安区中山东路 100 号 3 单元 501 室", "河北雄安新区容城县北京大街308号国际大厦14层29室"}
	// address forms: %s is the address
	varAddrForms = []string{"租赁房屋位于:%s;", "房屋坐落：%s，", "甲方将坐落于%s的房屋出租给乙方。", "房屋地址 %s", "租赁房屋位于：\n%s；", "乙方租用甲方位于%s的房屋。"}
	// terms: %a start, %b end as dates of the form chosen
	varTerms = []string{"租赁期限:%a至%b。", "租赁期限共三年,自%a至%b。", "租赁期限自%a起至%b止。", "租期：%a—%b", "租赁期限：\n%a至%b"}
	varDates = []struct{ layout string }{{"2006年1月2日"}, {"2006年01月02日"}, {"2006-01-02"}, {"2006.01.02"}, {"2006/01/02"}}
	varSpans = []struct{ start, end string }{{"2024-10-10", "2027-10-09"}, {"2025-02-18", "2030-02-17"}, {"2023-06-27", "2026-06-26"}}
	varWrap  = []bool{false, true, false}
	varTitle = []string{"房屋租赁合同", "租赁合同", "房 屋 租 赁 协 议", "租房合同"}
)

// widths turns a variant's punctuation full-width or half-width.
var widths = []*strings.Replacer{
	strings.NewReplacer(),
	strings.NewReplacer(":", "：", ";", "；", ",", "，", "(", "（", ")", "）"),
	strings.NewReplacer("：", ":", "；", ";", "，", ",", "（", "(", "）", ")"),
}

// withCheck completes a code's first 17 characters with its check character.
func withCheck(s string) string {
	c, _ := uscc.CheckChar(s + "0")
	return s + string(c)
}

func pick[T any](list []T, i, salt int) T { return list[(i*(salt+1)+i/len(list))%len(list)] }

// leaseVariant renders lease i and the facts it states.
func leaseVariant(i int) (text string, holder, lessor, code, addr string, area float64, start, end string) {
	holder, lessor, code = pick(varHolders, i, 1), pick(varLessors, i, 2), pick(varCodes, i, 3)
	addr = pick(varAddresses, i, 4)
	av := pick(varAreaValues, i, 5)
	area, _ = parse.Number(av)
	span := pick(varSpans, i, 6)
	start, end = span.start, span.end
	layout := pick(varDates, i, 7).layout
	fmtDate := func(s string) string {
		d, _ := parse.Date(s)
		return d.Format(layout)
	}
	note := pick(varNotes, i, 8)
	if strings.Contains(note, "%s") {
		note = fmt.Sprintf(note, code)
	}
	areaText := strings.NewReplacer("%s", av, "%u", pick(varUnits, i, 9)).Replace(pick(varAreas, i, 10))
	termText := strings.NewReplacer("%a", fmtDate(start), "%b", fmtDate(end)).Replace(pick(varTerms, i, 11))
	var b strings.Builder
	b.WriteString(pick(varTitle, i, 12) + "\n")
	b.WriteString(fmt.Sprintf(pick(varLessorL, i, 13), lessor) + "\n")
	shown := holder
	if pick(varWrap, i, 17) {
		// a narrow cell wraps the name before its last character
		rs := []rune(holder)
		shown = string(rs[:len(rs)-1]) + "\n" + string(rs[len(rs)-1:])
	}
	b.WriteString(fmt.Sprintf(pick(varLessees, i, 14), shown) + note + "\n")
	b.WriteString("第一条 租赁房屋\n")
	shownAddr := addr
	if pick(varWrap, i, 18) {
		// the line wraps the address before its last character
		rs := []rune(addr)
		shownAddr = string(rs[:len(rs)-1]) + "\n" + string(rs[len(rs)-1:])
	}
	b.WriteString(fmt.Sprintf(pick(varAddrForms, i, 15), shownAddr) + "\n")
	b.WriteString(areaText + "房屋用途：办公。\n")
	b.WriteString("第二条 租赁期限\n" + termText + "\n")
	b.WriteString("第三条 乙方不得转租;租金按季度支付,乙方应于每季度首月十日前向甲方\n付清。\n")
	b.WriteString("甲方(签章):" + lessor + "\n乙方(签章):" + holder + "\n")
	text = pick(widths, i, 16).Replace(b.String())
	return
}

// TestLeaseVariants reads leases rendered with label synonyms, notes in
// brackets, both punctuation widths, every area unit, date forms, values
// on the line after their labels and letter-spaced labels.
func TestLeaseVariants(t *testing.T) {
	const n = 400
	fails := 0
	for i := 0; i < n && fails < 10; i++ {
		text, holder, lessor, code, addr, area, start, end := leaseVariant(i)
		ps := Extract(extractorstest.FromText("lease.pdf", text))
		if len(ps) != 1 {
			t.Errorf("variant %d: %d documents\n%s", i, len(ps), text)
			fails++
			continue
		}
		p := ps[0]
		var bad []string
		if p.Kind != KindLease {
			bad = append(bad, "kind "+p.Kind)
		}
		if parse.Compact(p.Holder.Value) != parse.Compact(holder) {
			bad = append(bad, fmt.Sprintf("holder %q", p.Holder.Value))
		}
		if parse.Compact(p.Lessor.Value) != parse.Compact(lessor) {
			bad = append(bad, fmt.Sprintf("lessor %q", p.Lessor.Value))
		}
		if strings.Contains(text, code) && p.HolderUSCC.Value != code {
			bad = append(bad, fmt.Sprintf("code %q", p.HolderUSCC.Value))
		}
		if parse.Compact(p.Address.Value) != parse.Compact(addr) {
			bad = append(bad, fmt.Sprintf("address %q", p.Address.Value))
		}
		if !p.AreaM2.OK || math.Abs(p.AreaM2.Value-area) > 0.001 {
			bad = append(bad, fmt.Sprintf("area %v", p.AreaM2.Value))
		}
		if date(p.Start) != start || date(p.End) != end {
			bad = append(bad, fmt.Sprintf("term %s %s", date(p.Start), date(p.End)))
		}
		if len(bad) > 0 {
			t.Errorf("variant %d: %s\n%s", i, strings.Join(bad, "; "), text)
			fails++
		}
	}
}

var (
	varOwnerForms = []string{"权利人 %s", "权 利 人 %s", "权利人：%s", "房屋所有权人:%s", "权利人\n%s"}
	varCertTitles = []string{"中华人民共和国不动产权证书\n冀(2023)石家庄市不动产权第0012345号", "不动产权证书", "房屋所有权证", "附件3"}
	varCertAddrs  = []string{"坐落 %s", "坐 落 %s", "房屋坐落：%s", "坐落\n%s"}
	// the area row: %l land, %a the house, %x exclusive, %y shared, %u unit
	varCertAreas = []string{
		"面积 共有宗地面积%l%u/房屋建筑面积%a%u\n其他 专有建筑面积%x%u，分摊建筑面积%y%u",
		"权利其他状况 专有建筑面积:%x%u,分摊建筑面积:%y%u\n面 积 宗地面积%l%u/房屋建筑面积%a%u",
		"房屋建筑面积：\n%a%u\n专有建筑面积：%x%u",
		"宗地面积 %l %u\n建筑面积 %a %u\n分摊建筑面积 %y %u",
	}
)

// certVariant renders certificate i and the facts it states.
func certVariant(i int) (text, holder, addr string, area float64) {
	holder, addr = pick(varHolders, i, 1), pick(varAddresses, i, 2)
	av := pick(varAreaValues, i, 3)
	area, _ = parse.Number(av)
	unit := pick(varUnits, i, 4)
	rows := strings.NewReplacer("%l", "3,058.90", "%a", av, "%x", "52.34", "%y", "17.34", "%u", unit).Replace(pick(varCertAreas, i, 5))
	var b strings.Builder
	b.WriteString(pick(varCertTitles, i, 6) + "\n")
	b.WriteString(fmt.Sprintf(pick(varOwnerForms, i, 7), holder) + "\n")
	b.WriteString("共有情况 单独所有\n")
	b.WriteString(fmt.Sprintf(pick(varCertAddrs, i, 8), addr) + "\n")
	b.WriteString("不动产单元号 130102 001001 GB00012 F00010005\n权利类型 国有建设用地使用权/房屋所有权\n用途 商务金融用地/办公\n")
	b.WriteString(rows + "\n使用期限 国有建设用地使用权2056年12月20日止\n")
	text = pick(widths, i, 9).Replace(b.String())
	return
}

// TestCertificateVariants reads certificates rendered with owner labels,
// letter-spaced cells, values on the next line, every area unit and the
// land, exclusive and shared areas around the house's area in any order.
func TestCertificateVariants(t *testing.T) {
	const n = 300
	fails := 0
	for i := 0; i < n && fails < 10; i++ {
		text, holder, addr, area := certVariant(i)
		ps := Extract(extractorstest.FromText("cert.pdf", text))
		if len(ps) != 1 {
			t.Errorf("variant %d: %d documents\n%s", i, len(ps), text)
			fails++
			continue
		}
		p := ps[0]
		var bad []string
		if p.Kind != KindCertificate {
			bad = append(bad, "kind "+p.Kind)
		}
		if parse.Compact(p.Holder.Value) != parse.Compact(holder) {
			bad = append(bad, fmt.Sprintf("holder %q", p.Holder.Value))
		}
		if parse.Compact(p.Address.Value) != parse.Compact(addr) {
			bad = append(bad, fmt.Sprintf("address %q", p.Address.Value))
		}
		if !p.AreaM2.OK || math.Abs(p.AreaM2.Value-area) > 0.001 || p.AreaM2.Doubt != "" {
			bad = append(bad, fmt.Sprintf("area %v %q", p.AreaM2.Value, p.AreaM2.Doubt))
		}
		if p.Start.OK || p.End.OK {
			bad = append(bad, "a term")
		}
		if len(bad) > 0 {
			t.Errorf("variant %d: %s\n%s", i, strings.Join(bad, "; "), text)
			fails++
		}
	}
}

// TestLeaseAndCertificate reads a lease followed by the lessor's
// certificate in one file as two documents.
func TestLeaseAndCertificate(t *testing.T) {
	lease, holder, _, _, _, area, _, _ := leaseVariant(3)
	cert, owner, _, carea := certVariant(5)
	ps := Extract(extractorstest.FromText("both.pdf", lease+"\f\n"+cert))
	if len(ps) != 2 || ps[0].Kind != KindLease || ps[1].Kind != KindCertificate {
		t.Fatalf("got %+v", ps)
	}
	if parse.Compact(ps[0].Holder.Value) != parse.Compact(holder) || ps[0].AreaM2.Value != area ||
		parse.Compact(ps[1].Holder.Value) != parse.Compact(owner) || ps[1].AreaM2.Value != carea {
		t.Errorf("got %q %v / %q %v", ps[0].Holder.Value, ps[0].AreaM2.Value, ps[1].Holder.Value, ps[1].AreaM2.Value)
	}
}

// TestTermLength reads terms written as a start and a length in digits,
// Chinese or capital numerals: the end is the day before the anniversary
// and is marked doubtful.
func TestTermLength(t *testing.T) {
	tests := []struct{ term, start, end string }{
		{"租赁期限共三年，自2024年10月10日起计算。", "2024-10-10", "2027-10-09"},
		{"租期贰年,自2025.06.10起。", "2025-06-10", "2027-06-09"},
		{"租赁期限为36个月，自2025-01-01起。", "2025-01-01", "2027-12-31"},
		{"租赁期限：叁年，自二〇二五年三月一日起。", "2025-03-01", "2028-02-29"},
		{"租赁期限：5年，自2026年1月1日起", "2026-01-01", "2030-12-31"},
	}
	// a start and an end under labels of their own are not doubtful
	for _, term := range []string{"起租日期：2025年1月1日 到期日：2027年12月31日", "起租日期\n2025-01-01\n终止日期\n2027-12-31"} {
		text := "房屋租赁合同\n出租方：张三\n承租方：某某科技有限公司\n租赁面积：150平方米\n" + term
		ps := Extract(extractorstest.FromText("t.pdf", text))
		if len(ps) != 1 || date(ps[0].Start) != "2025-01-01" || date(ps[0].End) != "2027-12-31" || ps[0].End.Doubt != "" {
			t.Errorf("%s: got %+v", term, ps)
		}
	}
	for _, tt := range tests {
		text := "房屋租赁合同\n出租方：张三\n承租方：某某科技有限公司\n租赁面积：150平方米\n" + tt.term
		ps := Extract(extractorstest.FromText("t.pdf", text))
		if len(ps) != 1 || date(ps[0].Start) != tt.start || date(ps[0].End) != tt.end || ps[0].End.Doubt == "" {
			t.Errorf("%s: got %+v", tt.term, ps)
		}
	}
}

// TestLeaseCitingCertificate reads a lease that cites the lessor's title
// certificate and its owner as one lease.
func TestLeaseCitingCertificate(t *testing.T) {
	text := `房屋租赁合同
出租方：张三
承租方：某某科技有限公司
第一条 甲方保证对出租房屋享有所有权。
房屋所有权人：张三
房屋所有权证号：冀(2020)保定市不动产权第0001234号
房屋坐落：保定市竞秀区朝阳北大街99号2幢101室
建筑面积（平方米）：180.5
租赁期限：2025年1月1日至2027年12月31日`
	ps := Extract(extractorstest.FromText("l.pdf", text))
	if len(ps) != 1 || ps[0].Kind != KindLease || ps[0].Holder.Value != "某某科技有限公司" || ps[0].AreaM2.Value != 180.5 ||
		ps[0].Address.Value != "保定市竞秀区朝阳北大街99号2幢101室" || date(ps[0].End) != "2027-12-31" {
		t.Errorf("got %+v", ps)
	}
}

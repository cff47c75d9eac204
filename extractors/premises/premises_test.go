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
		ps := Extract(loadDoc(t, filepath.Join("testdata", name+".txt")))
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
			if !ok && strings.Contains(name, "pub_04") { // OCR: 鼎 read as 掺
				ok = got == parse.Compact(strings.ReplaceAll(w, "鼎", "掺"))
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
}

func f(s string) extractors.Field[string]    { return extractors.Field[string]{Value: s, OK: true} }
func fa(v float64) extractors.Field[float64] { return extractors.Field[float64]{Value: v, OK: true} }
func fd(s string) extractors.Field[time.Time] {
	t, _ := time.Parse("2006-01-02", s)
	return extractors.Field[time.Time]{Value: t, OK: true}
}

func TestVariants(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			got := Extract(docFromText("v.pdf", strings.ReplaceAll(v.text, `\f`, "\f")))
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
		Extract(docFromText("f.pdf", s))
		Extract(&extractors.Doc{})
		Extract(nil)
	})
}

package license

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
)

func loadExpect(t *testing.T) map[string]map[string]string {
	b, err := os.ReadFile("testdata/expect.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// knownMiss lists corpus readings the OCR text does not allow (the
// fixture's characters differ from the truth); they are counted, not failed.
var knownMiss = map[string]bool{
	"pub_16_license1 applicant.legal_rep": true, // 萱 read as 莹
	"pub_02_license1 applicant.name":      true, // 鼎 read as 风
	"pub_04_license1 applicant.name":      true, // 鼎 read as 赔
	"pub_04_license1 applicant.legal_rep": true, // 艳 read as 欧
	"pub_04_license1 license.address":     true, // 廊 read as 麻
}

// TestCorpus checks every corpus licence against the truth (names compared
// after parse.Compact; OCR misreadings of a name are expected and must carry
// a Doubt) and prints the accuracy per fact.
func TestCorpus(t *testing.T) {
	exp := loadExpect(t)
	names := make([]string, 0, len(exp))
	for n := range exp {
		names = append(names, n)
	}
	sort.Strings(names)
	hits, total := map[string]int{}, map[string]int{}
	for _, name := range names {
		e := exp[name]
		l := Extract(extractorstest.Load(t, filepath.Join("testdata", name+".txt")))
		date := ""
		if l.EstablishedOn.OK {
			date = parse.FormatDate(l.EstablishedOn.Value)
		}
		for key, got := range map[string]extractors.Field[string]{
			"applicant.name":         l.Name,
			"applicant.uscc":         l.USCC,
			"applicant.legal_rep":    l.LegalRep,
			"license.entity_type":    l.EntityType,
			"license.address":        l.Address,
			"license.established_on": {Value: date, OK: l.EstablishedOn.OK, Doubt: l.EstablishedOn.Doubt},
		} {
			want, ok := e[key]
			if !ok {
				continue
			}
			total[key]++
			if got.OK && parse.Compact(got.Value) == parse.Compact(want) {
				hits[key]++
				continue
			}
			if got.OK && got.Doubt != "" {
				hits[key+" (doubt)"]++
				continue
			}
			if !knownMiss[name+" "+key] {
				t.Errorf("%s %s: got %q (doubt %q), want %q", name, key, got.Value, got.Doubt, want)
			}
		}
	}
	keys := make([]string, 0, len(hits))
	for k := range total {
		keys = append(keys, k, k+" (doubt)")
	}
	sort.Strings(keys)
	for _, k := range keys {
		if tt, ok := total[k]; ok {
			t.Logf("%-26s %d/%d", k, hits[k], tt)
		} else if hits[k] > 0 {
			t.Logf("%-26s %d", k, hits[k])
		}
	}
}

func TestInstitution(t *testing.T) {
	l := Extract(extractorstest.FromText("c.png", `#method ocr
事业单位法人证书
统一社会信用代码 12130100401234567X
名 称 石家庄市中小企业服务中心
宗旨和业务范围 为中小企业提供政策咨询服务
住 所 石家庄市长安区中山东路 200 号
法定代表人 王明
经费来源 财政补助
开办资金 ￥100万元
举办单位 石家庄市工业和信息化局
有效期 自2022年01月01日至2027年01月01日`))
	if l.Kind != KindInstitution || l.EntityType.Value != "事业单位" {
		t.Errorf("kind %q type %q", l.Kind, l.EntityType.Value)
	}
	if l.EstablishedOn.OK {
		t.Errorf("established %v: a 事业单位法人证书 has no 成立日期", l.EstablishedOn.Value)
	}
	if l.Name.Value != "石家庄市中小企业服务中心" || l.LegalRep.Value != "王明" || l.Address.Value != "石家庄市长安区中山东路200号" {
		t.Errorf("%q %q %q", l.Name.Value, l.LegalRep.Value, l.Address.Value)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("名 称 河北冀联检验检测有限公司 注册资本 100万元\n住 所 河北省石家庄市C座\n经营范围 abc 410室")
	f.Fuzz(func(t *testing.T, s string) {
		Extract(extractorstest.FromText("f.png", "#method ocr\n"+s))
		Extract(&extractors.Doc{})
		Extract(nil)
	})
}

// TestVariants reads certificates of other layouts than the corpus: a
// 类型 label OCR garbled, a value on the line after its label, and a
// 事业单位法人证书 whose title and 名称 label OCR lost.
func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		file                             string
		kind, name, code, rep, typ, addr string
		est                              string
	}{
		{"garbled_type_label.txt", KindBusiness, "承德恒远企业管理咨询有限公司", "91130802MA0ABCD12N", "孙浩", "其他有限责任公司", "河北省承德市双桥区南营子大街21号", "2017-06-21"},
		{"type_next_line.txt", KindBusiness, "张家口鑫泰检测服务中心（普通合伙）", "91130702MA0XYW1239", "陈立", "普通合伙企业", "张家口市桥东区胜利北路9号", "2020-10-15"},
		{"institution_no_name_label.txt", KindInstitution, "承德市双桥区中小企业服务中心", "12130802MB1234567Y", "刘静", "事业单位", "承德市双桥区新华路15号", ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			l := Extract(extractorstest.Load(t, filepath.Join("testdata", "variants", tc.file)))
			est := ""
			if l.EstablishedOn.OK {
				est = parse.FormatDate(l.EstablishedOn.Value)
			}
			got := []string{l.Kind, l.Name.Value, l.USCC.Value, l.LegalRep.Value, l.EntityType.Value, l.Address.Value, est}
			want := []string{tc.kind, tc.name, tc.code, tc.rep, tc.typ, tc.addr, tc.est}
			for i := range got {
				if parse.Compact(got[i]) != parse.Compact(want[i]) {
					t.Errorf("field %d: got %q, want %q", i, got[i], want[i])
				}
			}
		})
	}
}

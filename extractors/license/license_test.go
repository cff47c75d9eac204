package license

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"ruku/extractors"
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
		l := Extract(loadDoc(t, filepath.Join("testdata", name+".txt")))
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
			"license.established_on": {Value: date, OK: l.EstablishedOn.OK},
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
	l := Extract(docFromText("c.png", `#method ocr
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
		Extract(docFromText("f.png", "#method ocr\n"+s))
		Extract(&extractors.Doc{})
		Extract(nil)
	})
}

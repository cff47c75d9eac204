package form

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
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

// TestCorpus checks every corpus application form against the truth and
// prints the accuracy per fact.
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
		f := Extract(loadDoc(t, filepath.Join("testdata", name+".txt")))
		date := func(fd extractors.Field[time.Time]) string {
			if !fd.OK {
				return ""
			}
			return parse.FormatDate(fd.Value)
		}
		cats := ""
		if f.Categories.OK {
			cats = strings.Join(f.Categories.Value, ",")
		}
		got := map[string]string{
			"applicant.name":                      parse.Compact(f.Name.Value),
			"applicant.uscc":                      f.USCC.Value,
			"applicant.legal_rep":                 f.LegalRep.Value,
			"license.address":                     parse.Compact(f.Address.Value),
			"license.established_on":              date(f.EstablishedOn),
			"application.reference_date":          date(f.AppliedOn),
			"application.nature":                  f.Nature.Value,
			"application.categories":              cats,
			"application.declared.total_assets":   strconv.FormatFloat(f.TotalAssets.Value, 'f', -1, 64),
			"application.declared.area_m2":        strconv.FormatFloat(f.AreaM2.Value, 'f', -1, 64),
			"application.declared.experts_senior": fmt.Sprint(f.ExpertsSenior.Value),
			"application.declared.experts_total":  fmt.Sprint(f.ExpertsTotal.Value),
			"application.declared.partners":       fmt.Sprint(f.Partners.Value),
			"application.declared.smes_served":    fmt.Sprint(f.SMEsServed.Value),
			"application.declared.point_to_point": fmt.Sprint(f.PointToPoint.Value),
		}
		for key, g := range got {
			w, ok := e[key]
			if !ok {
				continue
			}
			var want string
			switch v := w.(type) {
			case nil:
				want = ""
			case string:
				want = v
				if strings.HasPrefix(key, "applicant.name") || key == "license.address" {
					want = parse.Compact(v)
				}
			case float64:
				want = strconv.FormatFloat(v, 'f', -1, 64)
				if math.Abs(v-math.Round(v)) < 1e-9 {
					want = fmt.Sprint(int64(v))
				}
			case []any:
				var ss []string
				for _, x := range v {
					ss = append(ss, x.(string))
				}
				want = strings.Join(ss, ",")
			}
			if strings.HasSuffix(g, ".0") {
				g = strings.TrimSuffix(g, ".0")
			}
			total[key]++
			if g == want {
				hits[key]++
			} else {
				t.Errorf("%s %s: got %q, want %q", name, key, g, want)
			}
		}
	}
	keys := make([]string, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-38s %d/%d", k, hits[k], total[k])
	}
}

func TestSheetVariant(t *testing.T) {
	d := docFromText("v.xlsx", "#sheet Sheet1\n申请表\n机构名称：\t\t唐山博远信息技术有限公司\n统一社会信用代码\n91130102MA0CTDL7XH\n"+
		"成立日期\t2019/5/6\n服务性质\t[√]公益性 [ ]社会化\n服务类别\t√数字赋能 □融资促进 √其他\n总资产（万元）\t250\n服务场所面积（平方米）\t180.5\n申请日期\t2026年3月1日")
	f := Extract(d)
	if f.Name.Value != "唐山博远信息技术有限公司" || f.USCC.Value != "91130102MA0CTDL7XH" {
		t.Errorf("name %q uscc %q", f.Name.Value, f.USCC.Value)
	}
	if f.Nature.Value != "公益性" || strings.Join(f.Categories.Value, ",") != "数字赋能,其他" {
		t.Errorf("nature %q categories %v", f.Nature.Value, f.Categories.Value)
	}
	if f.TotalAssets.Value != 2500000 || f.AreaM2.Value != 180.5 {
		t.Errorf("assets %v area %v", f.TotalAssets.Value, f.AreaM2.Value)
	}
	if parse.FormatDate(f.EstablishedOn.Value) != "2019-05-06" || parse.FormatDate(f.AppliedOn.Value) != "2026-03-01" {
		t.Errorf("dates %v %v", f.EstablishedOn.Value, f.AppliedOn.Value)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("机构名称 河北\n服务性质 ☑公益性\n总资产（万 服务场所面积\n1 2\n元）")
	f.Add("#sheet a\n机构名称\tx\n总资产（元）\t12")
	f.Fuzz(func(t *testing.T, s string) {
		Extract(docFromText("f.pdf", s))
		Extract(&extractors.Doc{})
		Extract(nil)
	})
}

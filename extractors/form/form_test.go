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
		f := Extract(extractorstest.Load(t, filepath.Join("testdata", name+".txt")))
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
	d := extractorstest.FromText("v.xlsx", "#sheet Sheet1\n申请表\n机构名称：\t\t唐山博远信息技术有限公司\n统一社会信用代码\n91130102MA0CTDL7XH\n"+
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
		Extract(extractorstest.FromText("f.pdf", s))
		Extract(&extractors.Doc{})
		Extract(nil)
	})
}

// variantFacts renders the facts a form test compares.
func variantFacts(f Form) map[string]string {
	date := func(fd extractors.Field[time.Time]) string {
		if !fd.OK {
			return ""
		}
		return parse.FormatDate(fd.Value)
	}
	num := func(ok bool, v float64) string {
		if !ok {
			return ""
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return map[string]string{
		"name": f.Name.Value, "uscc": f.USCC.Value, "rep": f.LegalRep.Value, "addr": parse.Compact(f.Address.Value),
		"est": date(f.EstablishedOn), "applied": date(f.AppliedOn), "nature": f.Nature.Value,
		"cats":   strings.Join(f.Categories.Value, ","),
		"assets": num(f.TotalAssets.OK, f.TotalAssets.Value), "area": num(f.AreaM2.OK, f.AreaM2.Value),
		"senior": num(f.ExpertsSenior.OK, float64(f.ExpertsSenior.Value)), "experts": num(f.ExpertsTotal.OK, float64(f.ExpertsTotal.Value)),
		"partners": num(f.Partners.OK, float64(f.Partners.Value)), "smes": num(f.SMEsServed.OK, float64(f.SMEsServed.Value)),
		"p2p": num(f.PointToPoint.OK, float64(f.PointToPoint.Value)),
	}
}

// TestVariants reads forms of other layouts and wordings than the corpus:
// label: value rows with marks after the names, a four-column table whose
// labels wrap around their values and sit above them, a sheet with header
// rows above value rows and Excel serial dates.
func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		file string
		want map[string]string
	}{
		{"rows_colon_suffix_ticks.txt", map[string]string{
			"name": "唐山启明企业管理咨询有限公司", "uscc": "9113040328T339H844", "rep": "李春华", "addr": "唐山市路北区建设北路66号8层",
			"est": "2016-03-09", "applied": "2026-05-20", "nature": "公益性", "cats": "融资促进,技术创新",
			"assets": "3125000", "area": "210", "senior": "12", "experts": "25", "partners": "6", "smes": "118", "p2p": "15"}},
		{"wrapped_other_order.txt", map[string]string{
			"name": "秦皇岛海港标准化服务有限公司", "uscc": "91130102MADQ2KMH9P", "rep": "王海燕", "addr": "秦皇岛市海港区河北大街188号",
			"est": "2014-11-02", "applied": "2026-05-18", "nature": "公益性", "cats": "检验检测,品牌提升",
			"assets": "8452000", "area": "300", "senior": "9", "experts": "30", "partners": "7", "smes": "126", "p2p": "12"}},
		{"header_rows.txt", map[string]string{
			"name": "石家庄恒信科技服务有限公司", "uscc": "9113100341JK566759", "rep": "周敏",
			"est": "2015-04-06", "applied": "2026-05-18", "nature": "公益性", "cats": "政策咨询,人力资源",
			"assets": "5200000", "area": "260", "senior": "10", "experts": "21", "partners": "5", "smes": "101", "p2p": "10"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			got := variantFacts(Extract(extractorstest.Load(t, filepath.Join("testdata", "variants", tc.file))))
			for k, w := range tc.want {
				if got[k] != w {
					t.Errorf("%s: got %q, want %q", k, got[k], w)
				}
			}
		})
	}
}

// TestTicked reads the marks applicants use for a ticked box.
func TestTicked(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"☑公益性 □社会化", "公益性"},
		{"□公益性 ■社会化", "社会化"},
		{"[√]公益性 [ ]社会化", "公益性"},
		{"(√)公益性 ( )社会化", "公益性"},
		{"✔公益性 ☐社会化", "公益性"},
		{"公益性 ☐ 社会化 ✔", "社会化"},
		{"公益性（√） 社会化（ ）", "公益性"},
		{"公益性□ 社会化√", "社会化"},
		{"●公益性 ○社会化", "公益性"},
		{"□公益性 □社会化", ""},
	} {
		if got := strings.Join(ticked(tc.in, natureNames), ","); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

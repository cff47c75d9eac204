package form

import (
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
)

// TestAreaLabelNotAddress reads a form whose 经营场所面积 row stands before
// the legal representative's: 经营场所 there names an area, not the address
// (the address reader used to cut lines[rep+1:a+2] and panic).
func TestAreaLabelNotAddress(t *testing.T) {
	f := Extract(extractorstest.FromText("f.pdf", "机构名称：廊坊智诚质量技术服务有限公司\n"+
		"经营场所面积（㎡）：220\n总资产（元）：100.00\n专家总数：3\n法定代表人：赵立新\n成立日期：2017年8月9日"))
	if f.AreaM2.Value != 220 || f.LegalRep.Value != "赵立新" {
		t.Errorf("area %v rep %q", f.AreaM2.Value, f.LegalRep.Value)
	}
	if f.Address.OK {
		t.Errorf("address %q read from an area label", f.Address.Value)
	}
}

// TestTickRowsAfterNames reads marks written after the names when only a
// space separates the labels from the boxes: the nature row's last box
// (社会化□) then stands right before the first category, and the side of
// the marks must be decided over both rows.
func TestTickRowsAfterNames(t *testing.T) {
	f := Extract(extractorstest.FromText("f.pdf", "机构名称 廊坊智诚质量技术服务有限公司\n"+
		"服务性质 公益性√ 社会化□\n服务类别 数字赋能□ 融资促进□ 技术创新□ 检验检测□ 成果转化□ 品牌提升□ 政策咨询√ 人力资源□"))
	if f.Nature.Value != "公益性" || len(f.Categories.Value) != 1 || f.Categories.Value[0] != "政策咨询" {
		t.Errorf("nature %q categories %v", f.Nature.Value, f.Categories.Value)
	}
}

// TestUnitsAndPrefixes reads area units and money prefixes of the lexicon
// (common.area_units, common.money_prefixes).
func TestUnitsAndPrefixes(t *testing.T) {
	for _, tc := range []struct {
		assets, area string
		yuan, m2     float64
	}{
		{"¥1,234,500.00", "120.5平", 1234500, 120.5},
		{"人民币123.45万元", "88M2", 1234500, 88},
		{"￥100", "300平方", 100, 300},
	} {
		for _, doc := range []string{
			"总资产：" + tc.assets + "\n办公面积：" + tc.area,
			"#sheet s\n总资产\t" + tc.assets + "\n办公面积\t" + tc.area,
		} {
			f := Extract(extractorstest.FromText("f.pdf", doc))
			if f.TotalAssets.Value != tc.yuan || f.AreaM2.Value != tc.m2 {
				t.Errorf("%q: assets %v area %v, want %v %v", doc, f.TotalAssets.Value, f.AreaM2.Value, tc.yuan, tc.m2)
			}
		}
	}
}

// TestUnitCell reads a unit written in a cell of its own after the value
// (总资产 | 4879.79 | 万元) as the value's unit, not as yuan.
func TestUnitCell(t *testing.T) {
	for _, doc := range []string{
		"总资产 4879.79 万元\n办公面积 120 ㎡\n专家总数 12 人",
		"#sheet s\n总资产\t4879.79\t万元\n办公面积\t120\t㎡\n专家总数\t12\t人",
	} {
		f := Extract(extractorstest.FromText("f.pdf", doc))
		if f.TotalAssets.Value != 48797900 || f.AreaM2.Value != 120 || f.ExpertsTotal.Value != 12 {
			t.Errorf("%q: assets %v area %v experts %v", doc, f.TotalAssets.Value, f.AreaM2.Value, f.ExpertsTotal.Value)
		}
	}
}

// TestSealedLineTwoPairs reads an applicant line that holds a second pair
// (申请机构：… 统一社会信用代码：…) and a seal note after the name.
func TestSealedLineTwoPairs(t *testing.T) {
	for _, doc := range []string{
		"申请机构：廊坊天成（集团）技术服务有限公司    统一社会信用代码：911304005HW11J6CNK",
		"申请机构：廊坊天成（集团）技术服务有限公司（盖章）",
		"机构名称：廊坊天成（集团）技术服务有限公司（盖章）    负责人：高敏",
	} {
		f := Extract(extractorstest.FromText("f.pdf", doc))
		if f.Name.Value != "廊坊天成(集团)技术服务有限公司" {
			t.Errorf("%q: name %q", doc, f.Name.Value)
		}
	}
}

// TestRatioColon reads figures separated from their labels by the ratio
// sign GB2312 fonts give for a colon (∶, U+2236).
func TestRatioColon(t *testing.T) {
	f := Extract(extractorstest.FromText("f.pdf", "资产总额（单位：万元）∶6686.35\n专家总数∶31人"))
	if f.TotalAssets.Value != 66863500 || f.ExpertsTotal.Value != 31 {
		t.Errorf("assets %v experts %v", f.TotalAssets.Value, f.ExpertsTotal.Value)
	}
}

// TestGluedAmounts reads amounts written against their labels, in digits
// with a unit and in capitals; a bare unit is no amount (总资产26.48万元 once
// read 万元 as a capital amount of 0).
func TestGluedAmounts(t *testing.T) {
	for _, tc := range []struct {
		line string
		want float64
	}{
		{"总资产26.48万元", 264800},
		{"资产总计人民币820.63万元", 8206300},
		{"资产合计陆仟叁佰柒拾柒万贰仟柒佰元整", 63772700},
		{"总资产(元)1234.5", 1234.5},
	} {
		f := Extract(extractorstest.FromText("f.pdf", tc.line+"\n专家总数12"))
		if f.TotalAssets.Value != tc.want {
			t.Errorf("%q: assets %v, want %v", tc.line, f.TotalAssets.Value, tc.want)
		}
	}
}

// TestHeaderRows reads a text form whose label rows stand over their value
// rows, a code alone in its column, a compact date under a non-figure label
// (it must not be taken for a figure) and a noted figure label.
func TestHeaderRows(t *testing.T) {
	f := Extract(extractorstest.FromText("f.pdf", "年服务企业数 申请机构\n218家 河北德润知识产权代理有限责任公司（盖章）\n"+
		"注册日期 其中：副高级以上\n20000406 31人\n资产总额（万元） 上年度服务中小企业数\n5162.41 148\n"+
		"法定代表人（负责人） 信用代码\n陈海燕 911301081UJ5ADD1RJ"))
	got := variantFacts(f)
	for k, w := range map[string]string{"name": "河北德润知识产权代理有限责任公司", "est": "2000-04-06", "senior": "31",
		"assets": "51624100", "rep": "陈海燕", "uscc": "911301081UJ5ADD1RJ"} {
		if got[k] != w {
			t.Errorf("%s: got %q, want %q", k, got[k], w)
		}
	}
}

// TestWrappedSealedName reads a name a narrow cell wrapped after a sealed
// applicant label (申请机构), not its first piece.
func TestWrappedSealedName(t *testing.T) {
	f := Extract(extractorstest.FromText("f.pdf", "申请机构： 秦皇岛智汇知识产权代\n理有限责任公司（盖章）\n机构代码： 911306006FC4220CMQ"))
	if f.Name.Value != "秦皇岛智汇知识产权代理有限责任公司" {
		t.Errorf("name %q", f.Name.Value)
	}
}

// TestRunTogetherLabels leaves figures unread rather than guess when two
// letter-spaced labels of a header row run together (their letters and
// the gap between them are the same single space), and never takes a value
// whose unit is another figure's (2456.99㎡ is no count).
func TestRunTogetherLabels(t *testing.T) {
	f := Extract(extractorstest.FromText("f.pdf", "专 家 团 队 人 数 具 有 副 高 级 以 上 职 称 的 专 家 人 数\n49人 34人\n"+
		"办 公 面 积 正 高 、 副 高 级 职 称 专 家 （ 人 ）\n2456.99m² 21"))
	got := variantFacts(f)
	want := map[string]string{"experts": "49", "senior": "34", "area": "2456.99"}
	for _, k := range []string{"experts", "senior", "area"} {
		if got[k] != "" && got[k] != want[k] {
			t.Errorf("%s: got %q, want %q or nothing", k, got[k], want[k])
		}
	}
	var g Form
	setFigure(&g, figSenior, "2456.99m²", "", extractors.Evidence{})
	setFigure(&g, figArea, "3958.57万元", "", extractors.Evidence{})
	setFigure(&g, figAssets, "12家", "", extractors.Evidence{})
	if g.ExpertsSenior.OK || g.AreaM2.OK || g.TotalAssets.OK {
		t.Errorf("values of the wrong unit read: %+v", g)
	}
}

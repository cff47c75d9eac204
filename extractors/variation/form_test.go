package variation

import (
	"math/rand"
	"strings"
	"testing"

	"ruku/extractors"

	"ruku/extractors/form"
)

// formTextGaps are the renderings of a form's text layer that today's form
// extractor does not read.
var formTextGaps = map[string][]string{
	"split":      {"name-wrapped", "unit-cell"},      // a name wrapped inside its brackets (河北某（集 / 团）…) keeps only its first line; 总资产 4879.79 万元 with the unit apart is read as 4879.79 yuan (wrong value)
	"name_label": {"名称"},                             // no 机构名称-like label word
	"rep_label":  {"法定代表人（负责人）", "法定代表人姓名"},          // the bracket or 姓名 is read as the value
	"est_label":  {"成立年月日", "注册时间"},                  // labels not in the list
	"money":      {"¥", "capital", "单位：万元", "人民币万元"}, // ¥ prefix, 贰佰万元整, 单位：万元 in the label, 人民币 prefix
	"area_label": {"经营场所面积"},                         // form.pieces panics (slice bounds out of range) when 经营场所 is taken for the address label
	"area_unit":  {"M2", "平", "平方"},                  // units not in the value pattern
	"sep":        {"∶", "none", "space"},             // ratio colon; label glued to value; label and value separated by a space only
	"spacing":    {"letters", "ideographic"},         // letter-spaced labels
	"per_line":   {"2"},                              // two label-value pairs on one line
	"layout":     {"next-line", "header-row"},        // value on the line below its label
	"name_note":  {"（盖章）"},                           // a note after the name stays in it
}

// formSheetGaps are the renderings of a spreadsheet form that today's form
// extractor does not read.
var formSheetGaps = map[string][]string{
	"split":      {"name-wrapped", "unit-cell"}, // a name continued in the cell below keeps only its first cell; 万元 in a cell of its own is ignored: 4879.79 read as yuan (wrong value)
	"name_label": {"名称", "申请机构", "服务机构全称"},      // labels not in the list
	"uscc_label": {"机构代码", "统一社会信用代码（组织机构代码）"},  // labels not in the list / with a note
	"rep_label":  {"法定代表人姓名", "法定代表人（负责人）"},     // the rest of the label is read as the value
	"est_label":  {"成立年月日", "注册时间"},             // labels not in the list
	"money":      {"¥", "capital", "人民币万元"},     // ¥ prefix, 贰佰万元整, 人民币 prefix
	"area_unit":  {"平方", "平", "M2"},             // units not in the value pattern
	"layout":     {"next-line"},                 // label and value in one cell
	"name_note":  {"（盖章）"},                      // a note after the name stays in it
}

func TestFormText(t *testing.T) {
	check(t, kind{name: "form-text", dims: FormDims, n: variants(2000), gaps: formTextGaps, run: formRun(Form)})
}

func TestFormSheet(t *testing.T) {
	check(t, kind{name: "form-sheet", dims: FormDims, n: variants(2000), gaps: formSheetGaps, run: formRun(FormSheet)})
}

func formRun(render func(Facts, Choice, *rand.Rand) *extractors.Doc) func(r *rand.Rand, c Choice) []miss {
	return func(r *rand.Rand, c Choice) []miss {
		f := NewFacts(r, r.Intn(2) == 0)
		got := form.Extract(render(f, c, r))
		var fs facts
		fs.str("name", f.Name, got.Name.Value, got.Name.OK)
		fs.str("uscc", f.USCC, got.USCC.Value, got.USCC.OK)
		fs.str("legal_rep", f.LegalRep, got.LegalRep.Value, got.LegalRep.OK)
		fs.date("established", f.Established, got.EstablishedOn.Value, got.EstablishedOn.OK)
		fs.date("applied", f.Applied, got.AppliedOn.Value, got.AppliedOn.OK)
		fs.str("nature", f.Nature, got.Nature.Value, got.Nature.OK)
		fs.str("categories", strings.Join(f.Categories, ","), strings.Join(got.Categories.Value, ","), got.Categories.OK)
		fs.num("assets", f.Assets, got.TotalAssets.Value, got.TotalAssets.OK)
		fs.num("area", f.AreaM2, got.AreaM2.Value, got.AreaM2.OK)
		fs.int("experts", f.Experts, got.ExpertsTotal.Value, got.ExpertsTotal.OK)
		fs.int("senior", f.Senior, got.ExpertsSenior.Value, got.ExpertsSenior.OK)
		fs.int("partners", f.Partners, got.Partners.Value, got.Partners.OK)
		fs.int("smes", f.SMEs, got.SMEsServed.Value, got.SMEsServed.OK)
		fs.int("p2p", f.P2P, got.PointToPoint.Value, got.PointToPoint.OK)
		return fs
	}
}

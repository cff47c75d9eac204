package form

import (
	"testing"

	"ruku/extractors"
)

// TestUnitInLabelNote: the unit a label states in its note, also as
// 单位：万元 whose colon splits the label, applies to the value.
func TestUnitInLabelNote(t *testing.T) {
	for _, l := range []string{"资产总额（单位：万元）：4946.34", "资产总额(单位:万元) 4946.34", "总资产（万元）：4946.34", "总资产：4946.34万元"} {
		d := &extractors.Doc{Path: "f.pdf", Format: extractors.FormatPDF, Pages: []extractors.Page{{Number: 1, Method: extractors.MethodText,
			Lines: []string{"入库申请表", "机构名称：河北某某科技有限公司", l}}}}
		if got := Extract(d).TotalAssets; !got.OK || got.Value != 49463400 {
			t.Errorf("%q: total assets %v (ok %v), want 49463400", l, got.Value, got.OK)
		}
	}
}

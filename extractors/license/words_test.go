package license

import "testing"

// TestEntityType checks the legal forms a 类型 starts with, from the
// lexicon, and that a name is none.
func TestEntityType(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"有限责任公司(自然人投资或控股)", true},
		{"股份有限公司分公司(上市)", true},
		{"港、澳、台投资企业", true},
		{"港澳台独资", true},
		{"个人独资企业", true},
		{"河北某某有限责任公司", false},
		{"", false},
	} {
		if got := entityType(tc.v); got != tc.want {
			t.Errorf("entityType(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

// TestInstitutionLike reads a 事业单位法人证书 whose title OCR garbled by the
// fields only such certificates print.
func TestInstitutionLike(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"事业单位法人局宗旨和业务范围举办单位", true},
		{"宗旨和业务范围举办单位经费来源", true},
		{"单位法人开办资金", true},
		{"开办资金", false},
		{"社会团体法人登记证书宗旨和业务范围举办单位", false},
	} {
		if got := institutionLike(tc.text); got != tc.want {
			t.Errorf("institutionLike(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

package license

import (
	"path/filepath"
	"strings"
	"testing"

	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
)

// TestInstitutionFunds: a 事业单位法人证书 prints 开办资金, 举办单位 and
// 经费来源 where a licence prints 注册资本 and 成立日期. None of them is
// read as the name, the address or a founding date, and 有效期 (the
// certificate's term) is not taken for 成立日期: the form's then stands.
func TestInstitutionFunds(t *testing.T) {
	base := extractorstest.Load(t, filepath.Join("testdata", "variants", "institution_funds.txt"))
	check := func(t *testing.T, l License) {
		t.Helper()
		if l.Kind != KindInstitution {
			t.Errorf("kind %q", l.Kind)
		}
		if got := parse.Compact(l.Name.Value); got != "保定市质量技术服务中心" {
			t.Errorf("name %q", got)
		}
		if got := parse.Compact(l.Address.Value); got != "河北省保定市竞秀区朝阳北大街100号3层" {
			t.Errorf("address %q", got)
		}
		if l.LegalRep.Value != "王强" {
			t.Errorf("rep %q", l.LegalRep.Value)
		}
		if l.EstablishedOn.OK {
			t.Errorf("established %v from %q", l.EstablishedOn.Value, l.EstablishedOn.Evidence.Snippet)
		}
		if l.EntityType.Value != "事业单位" {
			t.Errorf("type %q", l.EntityType.Value)
		}
		if l.USCC.Value != "12130600MB0K2L3X4Q" && l.USCC.Doubt == "" {
			t.Errorf("uscc %q", l.USCC.Value)
		}
	}
	t.Run("as printed", func(t *testing.T) { check(t, Extract(base)) })
	// the same certificate with its field order shuffled, its title lost
	// and the funds written in other ways
	for _, funds := range []string{"开办资金 ¥300万元", "开办资金 人民币叁佰万元", "开办资金:300万元", "开 办 资 金 300.00万元"} {
		t.Run(funds, func(t *testing.T) {
			d := extractorstest.Load(t, filepath.Join("testdata", "variants", "institution_funds.txt"))
			var lines []string
			for _, l := range d.Pages[0].Lines {
				switch {
				case strings.HasPrefix(l, "事业单位法人证书"):
					continue
				case strings.HasPrefix(l, "开办资金"):
					l = funds
				}
				lines = append(lines, l)
			}
			// 举办单位 first, then the rest
			for i, l := range lines {
				if strings.HasPrefix(l, "举办单位") {
					lines = append([]string{l}, append(lines[:i:i], lines[i+1:]...)...)
					break
				}
			}
			d.Pages[0].Lines = lines
			check(t, Extract(d))
		})
	}
}

package license

import (
	"path/filepath"
	"testing"

	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
)

// TestLayoutVariants reads certificates of other templates than the
// corpus: labels OCR spaced or read in traditional characters, values on
// the line after their label, two columns merged on one line, a
// partnership, a 社会团体法人登记证书 and a 民办非企业单位登记证书 (neither
// prints a 成立日期: its 有效期限 is not one).
func TestLayoutVariants(t *testing.T) {
	for _, tc := range []struct {
		file                             string
		kind, name, code, rep, typ, addr string
		est                              string
	}{
		{"biz_noisy_labels.txt", KindBusiness, "石家庄恒信认证咨询有限公司", "91130102MA0CXK3L1D", "李红", "有限责任公司（自然人投资或控股）", "河北省石家庄市长安区建设北大街18号3层302室", "2016-05-12"},
		{"biz_values_next_line.txt", KindBusiness, "石家庄恒信认证咨询有限公司", "91130102MA0CXK3L1D", "李红", "有限责任公司（自然人独资）", "石家庄市长安区建设北大街18号", "2016-05-12"},
		{"biz_two_column.txt", KindBusiness, "唐山博远质量技术服务有限公司", "91130102MA0CXK3L1D", "郑华", "股份有限公司（非上市、自然人投资或控股）", "唐山市路北区新华西道88号", "2015-11-14"},
		{"partnership.txt", KindBusiness, "邢台众诚检测技术服务中心（有限合伙）", "91130102MA0CXK3L1D", "赵刚", "有限合伙企业", "河北省邢台市襄都区中兴东大街66号", "2021-03-09"},
		{"social_group.txt", KindSocialGroup, "石家庄市质量技术服务协会", "52130100MJ0A123455", "周敏", "社会团体", "石家庄市桥西区自强路22号", ""},
		{"non_enterprise.txt", KindNonEnterprise, "保定市标准化技术服务中心", "52130600MJ1B23456G", "吴刚", "民办非企业单位", "保定市竞秀区朝阳北大街100号", ""},
		{"biz_iso_dates.txt", KindBusiness, "沧州宏达计量检测有限公司", "91130102MA0CXK3L1D", "钱伟", "有限责任公司（非自然人投资或控股的法人独资）", "沧州市运河区永安大道9号", "2020-08-18"},
		{"traditional_title.txt", KindBusiness, "廊坊市华测质量检验有限公司", "91130102MA0CXK3L1D", "孙丽", "有限责任公司（自然人投资或控股）", "廊坊市广阳区新华路5号", "2019-07-01"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			l := Extract(extractorstest.Load(t, filepath.Join("testdata", "variants", tc.file)))
			est := ""
			if l.EstablishedOn.OK {
				est = parse.FormatDate(l.EstablishedOn.Value)
			}
			names := []string{"kind", "name", "uscc", "rep", "type", "addr", "est"}
			got := []string{l.Kind, l.Name.Value, l.USCC.Value, l.LegalRep.Value, l.EntityType.Value, l.Address.Value, est}
			want := []string{tc.kind, tc.name, tc.code, tc.rep, tc.typ, tc.addr, tc.est}
			for i := range got {
				if parse.Compact(got[i]) != parse.Compact(want[i]) {
					t.Errorf("%s: got %q, want %q", names[i], got[i], want[i])
				}
			}
		})
	}
}

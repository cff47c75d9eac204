package license

import (
	"testing"

	"ruku/extractors/extractorstest"
	"ruku/extractors/parse"
)

// TestLabelNotesAndColumns reads renderings of templates beyond the
// corpus: a label carrying a bracketed note (法定代表人（负责人）), labels
// of other templates (执行董事, 单位地址, 企业名称), dotted dates, a 营业期限
// without a start, a row of labels above a row of values, and an address
// wrapped in a two-column row. A row whose values cannot be told apart is
// not read rather than read as a neighbour's, but for a 成立日期 when the
// line holds one day.
func TestLabelNotesAndColumns(t *testing.T) {
	for _, tc := range []struct {
		name, text         string
		company, rep, addr string
		est                string
	}{
		{"label note", "营业执照\n名称：河北华信科技有限公司\n法定代表人（负责人）：王娜\n成立日期：2017年3月5日\n住所：河北省石家庄市长安区中山路12号301室",
			"河北华信科技有限公司", "王娜", "河北省石家庄市长安区中山路12号301室", "2017-03-05"},
		{"执行董事, dotted date, 长期", "营业执照\n企业名称 河北华信科技有限公司\n执行董事 王娜\n成立日期 2017.3.5\n营业期限 长期\n住所 河北省石家庄市长安区中山路12号301室",
			"河北华信科技有限公司", "王娜", "河北省石家庄市长安区中山路12号301室", "2017-03-05"},
		{"values under labels", "营业执照\n名称    成立日期\n河北华信（石家庄）科技有限公司    2017年3月5日\n法定代表人（负责人）    住所\n王娜    河北省石家庄市长安区    中山路12号301室",
			"河北华信（石家庄）科技有限公司", "王娜", "河北省石家庄市长安区中山路12号301室", "2017-03-05"},
		{"values under labels, too many", "营业执照\n名称    成立日期\n河北华信科技有限公司    2017年3月5日    另\n法定代表人    住所\n王娜    河北省石家庄市长安区中山路12号301室",
			"", "王娜", "河北省石家庄市长安区中山路12号301室", "2017-03-05"},
		{"values under labels, OCR spacing", "#method ocr\n营业执照\n名称 成立日期\n河北华信科技有限公司 2017年03月05日\n法定代表人 住所\n王娜 河北省石家庄市长安区中山路12号301室",
			"河北华信科技有限公司", "王娜", "河北省石家庄市长安区中山路12号301室", "2017-03-05"},
		{"values under labels, unclear", "#method ocr\n营业执照\n名称 成立日期\n河北华信 科技有限公司 2017年03月05日\n法定代表人 住所\n王 娜 河北省石家庄市长安区中山路12号301室",
			"", "", "", "2017-03-05"},
		{"wrapped address, left column", "营业执照\n名称：河北华信科技有限公司\n法定代表人：王娜    成立日期：2017年3月5日\n住所：河北省石家庄市长安区中山    经营范围：技术服务、技术开\n路12号301室    发、技术咨询\n",
			"河北华信科技有限公司", "王娜", "河北省石家庄市长安区中山路12号301室", "2017-03-05"},
		{"wrapped address, alone", "营业执照\n名称：河北华信科技有限公司\n住所：河北省石家庄市长安区中山\n路12号301室\n法定代表人：王娜",
			"河北华信科技有限公司", "王娜", "河北省石家庄市长安区中山路12号301室", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := Extract(extractorstest.FromText("l.pdf", tc.text))
			est := ""
			if l.EstablishedOn.OK && l.EstablishedOn.Doubt == "" {
				est = parse.FormatDate(l.EstablishedOn.Value)
			}
			for _, f := range []struct{ what, got, want string }{
				{"name", l.Name.Value, tc.company},
				{"rep", l.LegalRep.Value, tc.rep},
				{"address", l.Address.Value, tc.addr},
				{"established", est, tc.est},
			} {
				if parse.Compact(f.got) != parse.Compact(f.want) {
					t.Errorf("%s: got %q, want %q", f.what, f.got, f.want)
				}
			}
		})
	}
}

// TestInstitutionAddressLabels: a 事业单位法人证书 may label its address
// 地址 or 单位地址.
func TestInstitutionAddressLabels(t *testing.T) {
	for _, label := range []string{"地址", "单位地址", "住所"} {
		l := Extract(extractorstest.FromText("c.pdf", "事业单位法人证书\n名称 石家庄市中小企业服务中心\n"+label+" 石家庄市长安区中山东路200号\n法定代表人（负责人） 王明\n举办单位 石家庄市工业和信息化局"))
		if l.Address.Value != "石家庄市长安区中山东路200号" || l.LegalRep.Value != "王明" {
			t.Errorf("%s: address %q, rep %q", label, l.Address.Value, l.LegalRep.Value)
		}
	}
}

package classify

import (
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		doc  *extractors.Doc
		want Kind
	}{
		{"lease", extractorstest.FromText("a.pdf", "房屋租赁合同\n出租方(甲方):石家庄利达投资有限公司\n承租方(乙方):河北某公司\n租赁期限自2026年7月6日起至2028年7月5日止"), Premises},
		{"audit", extractorstest.FromText("b.pdf", "河北某公司\n2025年度财务报表审计报告\n审计报告\n一、审计意见\n资产负债表\n资产总计 31 1,157.60"), AuditReport},
		{"OCR pledge with a misread title", extractorstest.FromText("c.pdf", "#method ocr\n法定代表人诚信守法承诸书\n本人汤金凤,系河北某公司法定代表人"), IntegrityPledge},
		{"institution certificate", extractorstest.FromText("d.pdf", "#method ocr\n事业单位法人局\n统一社会信用代码12131102MAJM1FAB6X\n举办单位 衡水市工业和信息化局\n经费来源 财政补助\n开办资金 120万元"), License},
		{"credit screenshot", extractorstest.FromText("e.png", "#method ocr\n信用中国\n首页 > 信用服务 > 失信被执行人查询\n主体名称:河北某公司\n查询时间:2026-08-08 09:50:41\n暂无数据"), CreditScreenshot},
		{"honour certificate", extractorstest.FromText("f.jpg", "#method ocr\n荣誉证书\n河北某公司:\n被评为2024年度诚信服务单位。"), Other},
		{"service records sheet", extractorstest.FromText("g.xlsx", "#sheet Sheet1\n序号\t企业名称\t统一社会信用代码\t服务日期\t服务内容\t服务方式\n1\t某公司\t91130104MA72G7U680\t45500\t政策解读\t点对点"), ServiceRecords},
		{"expert sheet", extractorstest.FromText("h.xlsx", "#sheet 专家\n合作专家名单\n序号\t姓名\t身份证号\t工作单位\t职称\t合作起始日期\t合作终止日期"), ExpertList},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.doc); got.Kind != tt.want {
				t.Errorf("Classify = %s (%s), want %s", got.Kind, got.Why, tt.want)
			}
		})
	}
}

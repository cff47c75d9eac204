package premises

import (
	"testing"

	"ruku/extractors/extractorstest"
)

// TestAreaLabels reads the area of leases and certificates whose area
// labels stand in notes, after other areas, or only after 房屋.
func TestAreaLabels(t *testing.T) {
	const lease = "房屋租赁合同\n出租方：石家庄天成管理咨询有限公司\n承租方：河北华信科技有限公司\n租赁时间：自2025年1月1日起至2025年12月31日止。\n"
	const cert = "不动产权证书\n权利人：河北华信科技有限公司\n坐落：石家庄市长安区中山路1号\n"
	for _, tc := range []struct {
		name, text string
		want       float64
	}{
		{"label in a note", lease + "甲方将坐落于石家庄市长安区中山路1号的房屋（建筑面积120平方米）出租给乙方。", 120},
		{"lease area first", lease + "建筑面积200平方米，租赁面积为80平方米。", 80},
		{"land and part areas are not the premises'", lease + "宗地面积500平方米，专有建筑面积90平方米，建筑面积120平方米。", 120},
		{"a part's area when nothing else", lease + "专有建筑面积90平方米。", 90},
		{"land area alone", lease + "占地面积500平方米。", 0},
		{"certificate building area", cert + "宗地面积1000.00㎡/房屋建筑面积856.32㎡", 856.32},
		{"certificate house", cert + "面积 宗地1000㎡ 房屋120.5㎡", 120.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := Extract(extractorstest.FromText("p.pdf", tc.text))
			if len(ps) != 1 {
				t.Fatalf("%d documents", len(ps))
			}
			if got := ps[0].AreaM2; got.Value != tc.want || got.OK != (tc.want != 0) {
				t.Errorf("area %v (ok %v), want %v", got.Value, got.OK, tc.want)
			}
		})
	}
}

// TestAddressLabels reads the address by its labels' rules, in order:
// 坐落于…的房屋, then 坐落, then 房屋地址 or 位于.
func TestAddressLabels(t *testing.T) {
	const lease = "房屋租赁合同\n出租方：石家庄天成管理咨询有限公司\n承租方：河北华信科技有限公司\n"
	for _, tc := range []struct {
		name, text, want string
	}{
		{"situated in", lease + "房屋位于保定市竞秀区朝阳北大街100号。甲方将坐落于石家庄市长安区中山路1号的房屋出租给乙方。", "石家庄市长安区中山路1号"},
		{"seat before a field", lease + "坐落：石家庄市长安区中山路1号建筑面积120平方米", "石家庄市长安区中山路1号"},
		{"located", lease + "租赁房屋位于石家庄市长安区中山路1号的三层。", "石家庄市长安区中山路1号"},
		{"an end within four characters is none", lease + "房屋地址：某市的路1号，", "某市的路1号"},
		{"none", lease + "租金每月一万元。", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := Extract(extractorstest.FromText("p.pdf", tc.text))
			if len(ps) != 1 {
				t.Fatalf("%d documents", len(ps))
			}
			if got := ps[0].Address; got.Value != tc.want || got.OK != (tc.want != "") {
				t.Errorf("address %q (ok %v), want %q", got.Value, got.OK, tc.want)
			}
		})
	}
}

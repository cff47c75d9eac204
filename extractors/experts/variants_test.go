package experts

import (
	"fmt"
	"ruku/extractors/extractorstest"
	"testing"
)

// TestHeaderVariants: expert lists headed in wordings the samples do not
// use. Year 2025. 甲 (教授级高级工程师) 2024.1-2026.12; 乙 (高级工程师（副高）)
// signed 2023-03-01 for 3年 (to 2026-02-28); 丙 (副教授/硕导) signed
// 2021-06-01 for 3年 (ended 2024-05-31, out); 丁 (工程师) 长期 from 2022-01-01;
// 戊 (研究员) starting 2026-01-01 (out).
func TestHeaderVariants(t *testing.T) {
	type hdr struct{ name, id, employer, title string }
	hdrs := []hdr{
		{"专家姓名", "证件号码", "所在单位", "职称"},
		{"姓名", "身份证号码", "工作单位及职务", "专业技术职务"},
		{"专家名单", "身份证件号码", "工作单位/职务", "技术职称"},
		{"名 字", "公民身份号码", "单位及职务", "职称/职务"},
		{"专家", "身份证号", "现工作单位", "职称（职务）"},
		{"姓名", "证件号", "所在单位及职务", "专业技术资格/职称"},
		{"姓 名", "身份证", "工作单位", "专业技术职称等级"},
		{"专家名称", "证件号码", "单位", "技术职务"},
		{"姓名", "证件号码", "工作单位", "职称等级"},
	}
	ids := []string{"130102198001011234", "130102198001011235", "1301**********1236", "130102198001011237", "130102198001011238"}
	layouts := []struct {
		name    string
		headers []string
		cells   [][]string
	}{
		{"range term", []string{"聘任期限"}, [][]string{{"2024.1-2026.12"}, {"2023.3.1-2026.2.28"}, {"2021.6.1-2024.5.31"}, {"长期"}, {"2026.1.1-2028.12.31"}}},
		{"聘期", []string{"聘期"}, [][]string{{"2024.1-2026.12"}, {"2023年3月1日至2026年2月28日"}, {"2021.06-2024.05"}, {"2022.1.1-长期"}, {"2026.01-2028.12"}}},
		{"signed + term", []string{"签约日期", "合作年限"}, [][]string{{"2024-01-01", "3年"}, {"2023-03-01", "3年"}, {"2021-06-01", "3年"}, {"2022-01-01", "长期"}, {"2026-01-01", "2年"}}},
		{"协议签订 + 协议期限", []string{"协议签订时间", "协议期限"}, [][]string{{"2024年1月1日", "三年"}, {"2023年3月1日", "3年"}, {"2021年6月1日", "三年"}, {"2022年1月1日", "长期有效"}, {"2026年1月1日", "两年"}}},
		{"start + end", []string{"聘任开始时间", "聘任结束时间"}, [][]string{{"2024.01.01", "2026.12.31"}, {"2023.03.01", "2026.02.28"}, {"2021.06.01", "2024.05.31"}, {"2022.01.01", "长期"}, {"2026.01.01", "2028.12.31"}}},
		{"two-row header", []string{"合作期限 起", "合作期限 止"}, [][]string{{"2024/1/1", "2026/12/31"}, {"2023/3/1", "2026/2/28"}, {"2021/6/1", "2024/5/31"}, {"2022/1/1", "至今"}, {"2026/1/1", "2028/12/31"}}},
	}
	names := []string{"甲", "乙", "丙", "丁", "戊"}
	titles := []string{"教授级高级工程师", "高级工程师（副高）", "副教授/硕导", "工程师", "研究员"}
	for _, h := range hdrs {
		for _, l := range layouts {
			top := r("序号", h.name, "性别", h.id, h.employer, h.title)
			sub := r("", "", "", "", "", "")
			two := false
			for _, x := range l.headers {
				var p, c string
				if _, err := fmt.Sscanf(x, "%s %s", &p, &c); err == nil {
					two = true
					if len(top) > 0 && top[len(top)-1] == p {
						p = ""
					}
					top = append(top, p)
					sub = append(sub, c)
				} else {
					top = append(top, x)
					sub = append(sub, "")
				}
			}
			rows := [][]string{r("专家库成员名单"), top}
			if two {
				rows = append(rows, sub)
			}
			for i := range names {
				row := r(fmt.Sprint(i+1), names[i]+"某", "男", ids[i], "河北某大学 院长", titles[i])
				row = append(row, l.cells[i]...)
				rows = append(rows, row)
			}
			list, err := Extract(extractorstest.SheetDoc(rows...))
			if err != nil {
				t.Errorf("%v %s: %v", h, l.name, err)
				continue
			}
			got := Count(list, 2025, isSenior)
			if got.Total != 3 || got.Senior != 2 {
				t.Errorf("%v %s: senior %d total %d, want 2 3; %v", h, l.name, got.Senior, got.Total, got.Skipped)
				for _, e := range list {
					t.Logf("  %+v", e)
				}
			}
		}
	}
}

func TestTitleVariants(t *testing.T) {
	for title, want := range map[string]bool{
		"教授级高级工程师":   true,
		"高级工程师（副高）":  true,
		"副教授/硕导":     true,
		"正高级工程师":     true,
		"高级经济师":      true,
		"研究员级高级工程师":  true,
		"副研究员":       true,
		"高级（副高级）":    true,
		"副高":         true,
		"正高":         true,
		"高级职称":       false, // ambiguous: left to review
		"工程师":        false,
		"讲师":         false,
		"助理研究员":      false,
		"中级经济师":      false,
		"工程师（中级）":    false,
		"高级技师":       false,
		"博士/讲师":      false,
		"教授、博士生导师":   true,
		"主任医师":       true,
		"注册会计师":      false,
		"高级会计师（副高级）": true,
		"高级工程师(正高级)": true,
	} {
		if got := isSenior(title); got != want {
			t.Errorf("isSenior(%q) = %v, want %v", title, got, want)
		}
	}
}

// TestTextVariants: a PDF expert table with other headers and a range term.
func TestTextVariants(t *testing.T) {
	d := extractorstest.TextDoc(`专家库成员名单
序号 专家姓名 证件号码 所在单位 技术职称 聘任期限
1 张伟 130102198001011234 河北工业大学 教授级高级工程师 2024.1-2026.12
2 李娜 130102198001011235 河北科技大学 副教授 2023.3.1-2026.2.28
3 王强 130102198001011236 石家庄学院 讲师 2021.6.1-2024.5.31
4 赵敏 130102198001011237 保定学院 工程师 2022.1.1-2027.12.31`)
	list, err := Extract(d)
	if err != nil {
		t.Fatal(err)
	}
	got := Count(list, 2025, isSenior)
	if got.Total != 3 || got.Senior != 2 {
		t.Errorf("senior %d total %d, want 2 3; %v %+v", got.Senior, got.Total, got.Skipped, list)
	}
}

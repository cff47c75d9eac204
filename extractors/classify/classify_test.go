package classify

import (
	"fmt"
	"strings"
	"testing"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/lexicon"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name      string
		doc       *extractors.Doc
		want      Kind
		confident bool
	}{
		{"lease", extractorstest.FromText("a.pdf", "房屋租赁合同\n出租方(甲方):石家庄利达投资有限公司\n承租方(乙方):河北某公司\n租赁期限自2026年7月6日起至2028年7月5日止"), Premises, true},
		{"audit", extractorstest.FromText("b.pdf", "河北某公司\n2025年度财务报表审计报告\n审计报告\n一、审计意见\n资产负债表\n资产总计 31 1,157.60"), AuditReport, true},
		{"OCR pledge with a misread title", extractorstest.FromText("c.pdf", "#method ocr\n法定代表人诚信守法承诸书\n本人汤金凤,系河北某公司法定代表人"), IntegrityPledge, true},
		{"institution certificate", extractorstest.FromText("d.pdf", "#method ocr\n事业单位法人局\n统一社会信用代码12131102MAJM1FAB6X\n举办单位 衡水市工业和信息化局\n经费来源 财政补助\n开办资金 120万元"), License, true},
		{"credit screenshot", extractorstest.FromText("e.png", "#method ocr\n信用中国\n首页 > 信用服务 > 失信被执行人查询\n主体名称:河北某公司\n查询时间:2026-08-08 09:50:41\n暂无数据"), CreditScreenshot, true},
		{"honour certificate", extractorstest.FromText("f.jpg", "#method ocr\n荣誉证书\n河北某公司:\n被评为2024年度诚信服务单位。"), Other, true},
		{"OCR honour certificate whose 示范 reads like 规范", extractorstest.FromText("f2.jpg", "#method ocr\n菏誉证书\n河北某公司:\n被评为2024年度“中小企业公共服务示范平台”。"), Other, true},
		{"a declaration whose first sentence names the application form", extractorstest.FromText("f3.jpg", "#method ocr\n申请材料真实性声明\n本单位申请河北省优质中小企业服务资源库入库所提交的申请表及\n全部附件材料均真实、有效、完整,不存在虚假记载\n申请单位(公章):某公司"), Declaration, true},
		{"service records sheet", extractorstest.FromText("g.xlsx", "#sheet Sheet1\n序号\t企业名称\t统一社会信用代码\t服务日期\t服务内容\t服务方式\n1\t某公司\t91130104MA72G7U680\t45500\t政策解读\t点对点"), ServiceRecords, true},
		{"expert sheet", extractorstest.FromText("h.xlsx", "#sheet 专家\n合作专家名单\n序号\t姓名\t身份证号\t工作单位\t职称\t合作起始日期\t合作终止日期"), ExpertList, true},
		{"service report by sections", extractorstest.FromText("i.pdf", "上年度开展服务情况\n一、服务开展情况\n2025年度,本机构围绕检验检测开展服务。全年收取服务费用175.34万元,开展公益服务40次。\n二、经济效益和社会效益\n成效明显。\n三、服务典型案例\n典型案例1 某公司"), ServiceReport, true},
		{"two-year history is not the report", extractorstest.FromText("j.pdf", "近两年服务产品及服务企业情况\n近两年来,本单位围绕中小企业需求持续完善服务产品体系\n序号 服务产品 2024年服务企业(家次) 2025年服务企业(家次)\n1 品牌培育咨询 25 47"), ServiceHistory, true},
		{"policies, not overview", extractorstest.FromText("k.pdf", "服务管理制度汇编\n一、服务管理办法\n本机构实行项目负责人制。\n二、服务规范程序\n三、服务质量监督\n四、服务承诺书\n我们承诺:守法诚信、规范服务"), Policies, true},
		{"overview", extractorstest.FromText("l.docx", "单位基本情况介绍\n(一)机构简介\n某公司于2024年08月29日依法登记设立,注册资金人民币600万元。\n(二)发展历程\n(三)主要服务"), Overview, true},
		{"cooperation agreement is other, maybe partners", extractorstest.FromText("m.pdf", "战略合作协议\n甲方:某中心\n乙方:某公司\n一、合作内容\n二、合作期限\n本协议自2021年9月4日起生效,有效期至2025年9月3日。"), Other, false},
		{"no cue at all", extractorstest.FromText("n.pdf", "会议纪要\n今天开会。"), Other, true},
		{"an untitled expert table, by its columns", extractorstest.FromText("o.pdf", "序号 姓 名 证件编号 单位 专业技术资格 聘期 备注\n1 刘 静 130102197004152327 燕山大学 经济师 2023-06-28至2026-06-27"), ExpertList, true},
		{"an untitled service list, by its columns", extractorstest.FromText("p.pdf", "编号 企业全称 社会信用代码 日期 方式 服务内容 备注\n1 石家庄瑞丰技术服务有限责任公司 9113060246E2194J96 2024.5.15 点对点 政策咨询"), ServiceRecords, true},
		{"a titled staff table with expert-like columns stays staff", extractorstest.FromText("q.xlsx", "#sheet 人员\n主要人员情况表\n序号\t姓名\t身份证号\t工作单位\t职称\t学历\t岗位\n1\t王伟\t130102197004152327\t本单位\t工程师\t本科\t技术部"), Staff, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(tt.doc)
			if got.Kind != tt.want || got.Confident != tt.confident {
				t.Errorf("Classify = %s confident=%v (%s), want %s confident=%v", got.Kind, got.Confident, got.Why, tt.want, tt.confident)
			}
			if got.Confident != (len(got.Candidates) == 0) {
				t.Errorf("Confident=%v with candidates %v", got.Confident, got.Candidates)
			}
		})
	}
}

// TestUnsure: a document whose title names two kinds is classified, but
// not confidently, and the dossier gets both candidates.
func TestUnsure(t *testing.T) {
	d := extractorstest.FromText("x.pdf", "服务管理制度及机构简介\n本文件说明。")
	got := Classify(d)
	if got.Confident {
		t.Fatalf("Classify = %s confident (%s), want unsure", got.Kind, got.Why)
	}
	if len(got.Candidates) != 2 {
		t.Fatalf("Candidates = %v, want two", got.Candidates)
	}
	kinds := map[Kind]bool{got.Candidates[0].Kind: true, got.Candidates[1].Kind: true}
	if !kinds[Policies] || !kinds[Overview] {
		t.Errorf("Candidates = %v, want policies and overview", got.Candidates)
	}
	if got.Candidates[0].Score < got.Candidates[1].Score {
		t.Errorf("Candidates not best first: %v", got.Candidates)
	}
}

// TestTitleSynonyms: every title cue of every kind, in a title line above
// a neutral body, in several layouts, classifies as its kind.
func TestTitleSynonyms(t *testing.T) {
	lx := lexicon.Default()
	layouts := []struct {
		name string
		doc  func(title string) *extractors.Doc
	}{
		{"pdf", func(title string) *extractors.Doc {
			return extractorstest.FromText("t.pdf", title+"\n附后。")
		}},
		{"pdf with a name above", func(title string) *extractors.Doc {
			return extractorstest.FromText("t.pdf", "河北某某有限公司\n2025年度"+title+"\n附后。")
		}},
		{"letter-spaced", func(title string) *extractors.Doc {
			return extractorstest.FromText("t.pdf", strings.Join(strings.Split(title, ""), " ")+"\n附后。")
		}},
		{"sheet", func(title string) *extractors.Doc {
			return extractorstest.FromText("t.xlsx", "#sheet Sheet1\n"+title+"\n序号\t备注")
		}},
	}
	n := 0
	for _, k := range scored {
		key := "classify." + string(k) + ".title"
		if !has(lx, key) {
			continue
		}
		for _, w := range lx.Words(key) {
			title := strings.ReplaceAll(w, gap, "开展")
			for _, l := range layouts {
				n++
				got := Classify(l.doc(title))
				if got.Kind != k {
					t.Errorf("%s %q: Classify = %s (%s), want %s", l.name, title, got.Kind, got.Why, k)
				}
			}
		}
	}
	if n < 200 {
		t.Errorf("only %d variants", n)
	}
}

// TestEveryKindHasCues: the data file gives each required kind a title
// list, and the table kinds headers.
func TestEveryKindHasCues(t *testing.T) {
	lx := lexicon.Default()
	for _, k := range Required {
		if !has(lx, "classify."+string(k)+".title") {
			t.Errorf("no title cues for %s", k)
		}
		if !has(lx, "classify."+string(k)+".body") && !has(lx, "classify."+string(k)+".headers") {
			t.Errorf("no body or header cues for %s", k)
		}
	}
}

func has(lx *lexicon.Lexicon, key string) bool {
	for _, k := range lx.Keys() {
		if k == key {
			return true
		}
	}
	return false
}

func TestGapContains(t *testing.T) {
	tests := []struct {
		s, cue string
		want   bool
	}{
		{"上年度开展服务情况", "上年度…服务情况", true},
		{"上年度开展相关服务情况", "上年度…服务情况", true},
		{"上年度服务情况", "上年度…服务情况", true},
		{"上年度的企业经营与财务以及人员变动服务情况", "上年度…服务情况", false},
		{"服务情况上年度", "上年度…服务情况", false},
		{"abc", "abc", true},
		{"", "a…b", false},
	}
	for _, tt := range tests {
		if got := gapContains(tt.s, tt.cue); got != tt.want {
			t.Errorf("gapContains(%q, %q) = %v, want %v", tt.s, tt.cue, got, tt.want)
		}
	}
}

// FuzzClassify: any text classifies without panicking, to a kind with a
// consistent confidence.
func FuzzClassify(f *testing.F) {
	f.Add("上年度开展服务情况\n典型案例1", false)
	f.Add("#sheet S\n序号\t企业名称\t服务日期", false)
	f.Add("营业执照\n经营范围", true)
	f.Add("…\n……", true)
	f.Fuzz(func(t *testing.T, s string, ocr bool) {
		if ocr {
			s = "#method ocr\n" + s
		}
		got := Classify(extractorstest.FromText("f.pdf", s))
		if got.Kind == "" {
			t.Fatal("empty kind")
		}
		if got.Confident == (len(got.Candidates) > 0) {
			t.Fatalf("Confident=%v with %d candidates", got.Confident, len(got.Candidates))
		}
		_ = fmt.Sprint(got)
	})
}

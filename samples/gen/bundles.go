package main

import (
	"crypto/md5"
	"fmt"
	"math"
)

func (b *bundle) pdfID(path string) string {
	return fmt.Sprintf("%x", md5.Sum([]byte(b.Name+"/"+path)))
}

func (b *bundle) add(path, kind, producer string, data []byte, image bool) {
	b.Files = append(b.Files, fileSpec{Path: path, Kind: kind, Producer: producer, Data: data, Image: image})
}

func (b *bundle) addCredit(pt *painter, path string, c creditShot) {
	b.Files = append(b.Files, fileSpec{Path: path, Kind: "credit_screenshot", Producer: "go_png", CreditList: c.List,
		Data: encodePNG(b.creditPNG(pt, c)), Image: true})
}

func (b *bundle) scan(pages []*sheet, path, title string) []byte {
	return scanPDF(pages, b.rng, b.pdfID(path), "D:"+b.R.AddDate(0, 0, -3).Format("20060102")+"152000+08'00'", title)
}

func yuan(v float64) money { return money(math.Round(v * 100)) }

// fin builds year figures from total assets, current assets, net assets, revenue and net profit (yuan).
func fin(ta, ca, na, rev, np float64) finYear {
	return finYear{TotalAssets: yuan(ta), CurAssets: yuan(ca), NetAssets: yuan(na), Liab: yuan(ta) - yuan(na),
		Revenue: yuan(rev), NetProfit: yuan(np)}
}

func newBundle(name string, seed uint64, r day) *bundle {
	return &bundle{Name: name, Seed: seed, R: r, rng: rngFor(seed), bs: map[int]bsItems{}, unit: 1}
}

// declareFromEvidence sets the declared counts to what the evidence shows.
func (b *bundle) declareFromEvidence() {
	s, t := b.expertCounts()
	smes, p2p, _ := b.serviceCounts()
	b.Declared.Senior, b.Declared.Total, b.Declared.Partner = s, t, b.partnerCount()
	b.Declared.SMEs, b.Declared.P2P = smes, p2p
	b.Declared.Area = b.premisesArea()
	b.Declared.TotalAssets = b.Fin[b.Y()].TotalAssets
}

func (b *bundle) pledgeScan(pt *painter, path string) []byte {
	return b.scan([]*sheet{b.letterScan(pt, "法定代表人诚信守法承诺书", pledgeBody, "承诺人："+b.Org.LegalRep, b.R.AddDate(0, 0, -4))}, path, "承诺书")
}

func (b *bundle) declarationLetter(pt *painter) *sheet {
	return b.letterScan(pt, "申请材料真实性声明", declarationBody, "申请单位（公章）："+b.Org.Name, b.R.AddDate(0, 0, -4))
}

// ---------------------------------------------------------------- b-eligible

func buildEligible(pt *painter) *bundle {
	b := newBundle("b-eligible", 101, d(2026, 5, 20))
	b.unit = 10000 // the 2025 statements are in 万元
	b.Org = org{Name: "保定博远质量技术服务有限公司", LegalRep: "赵文博", EntityType: "有限责任公司（自然人投资或控股）",
		Address: "河北省保定市竞秀区东风中路1688号创业大厦7层", Established: d(2018, 9, 12), Capital: "伍佰万元整"}
	b.Org.USCC = newUSCC(b.rng, "91", "130602")
	b.Nature = "社会化"
	b.Categories = []string{"技术创新", "品牌提升", "政策咨询"}
	b.Fin = map[int]finYear{
		2025: fin(4863200, 3102500, 3442400, 5216300, 318600),
		2024: fin(4507900, 2866100, 3123800, 4688200, 256300),
		2023: fin(4120400, 2500000, 2867500, 4100000, 201000),
	}
	b.Reports = []auditReport{
		{Years: []int{2025}, Opinion: "unqualified", Wan: true, Firm: "河北中诚信会计师事务所有限公司", No: "冀中诚审字〔2026〕第0317号", Signed: d(2026, 3, 26)},
		{Years: []int{2024}, Opinion: "unqualified", Emphasis: true, Firm: "河北中诚信会计师事务所有限公司", No: "冀中诚审字〔2025〕第0288号", Signed: d(2025, 3, 19)},
	}
	b.Premises = []premisesDoc{
		{Holder: b.Org.Name, Lessor: "保定东风置业有限公司", Address: "河北省保定市竞秀区东风中路1688号创业大厦701室", Area: 96.40, Start: d(2024, 3, 1), End: d(2027, 2, 28)},
		{Holder: b.Org.Name, Lessor: "保定东风置业有限公司", Address: "河北省保定市竞秀区东风中路1688号创业大厦705室", Area: 68.35, Start: d(2025, 7, 1), End: d(2026, 6, 30)},
	}
	b.genExperts(12, 10, true)
	b.dupExpert(3)
	b.genPartners(6, 2)
	// renewal row: the same institution with a new agreement
	var ren partner
	for _, p := range b.Partners {
		if !p.Until.IsZero() && p.Until.Year() > b.Y() {
			ren = p
			break
		}
	}
	ren.Agreement = "续签" + ren.Agreement
	ren.Signed = d(2026, 1, 5)
	ren.Until = d(2029, 1, 4)
	b.Partners = append(b.Partners, ren)
	b.genServices(104, 12, 22, 5, 2)
	// an enterprise served exactly on R is outside the window [R-1y, R)
	used := map[string]bool{}
	for _, s := range b.Services {
		used[s.Name], used[s.USCC] = true, true
	}
	n, u := b.company(used)
	b.Services = append(b.Services, svcRow{Name: n, USCC: u, Content: "政策解读", Mode: "上门", Date: b.R})
	b.genStaff(9, 4)
	q := queryTime(2026, 5, 10, 10, 21, 33)
	for i, l := range creditLists {
		b.Credit = append(b.Credit, creditShot{List: l, Query: q.Add(timeSec(i * 47))})
	}
	b.declareFromEvidence()
	b.Declared.TotalAssetsWan = true
	b.Declared.Senior-- // under-declaring is fine
	b.TopFolder = "保定博远入库申报材料"
	b.Traps = []string{
		"files sorted into sub-folders under a top folder",
		"application form is a DOCX table with the figures before the identity block; 资产总额 declared in 万元",
		"the 2025 audited statements are in 万元; the 2024 report is in 元",
		"an unqualified opinion with an emphasis-of-matter paragraph (强调事项) on the 2024 report",
		"balance sheet columns 期末数/年初数, income statement 本年累计金额/上年同期金额; 所有者权益（或股东权益）合计 wrapped over two lines",
		"two leases whose areas only pass when summed (96.4 + 68.35 m²)",
		"expert list gives 协议签订日期 + 合作期限 N年; one agreement signed 2024-01-01 for 1年 ends 2024-12-31 and is not in force in 2025",
		"expert ID numbers masked",
		"1 duplicate expert row (same masked ID, differently written employer)",
		"a partner listed twice (renewed agreement); two partners valid 长期",
		"service dates written as text (2025年3月1日) and a 合计 row at the end of the list",
		"2 service rows with an invalid USCC (counted in services.invalid_rows)",
		"5 enterprises served before the window with point-to-point service; one served exactly on R (outside the window)",
		"staff table lists 4 people with senior titles who are not cooperating experts",
		"declaration is a phone photo (IMG_4417.jpg)",
		"declared experts_senior one below the evidence (under-declaring is consistent)",
	}
	// files
	b.add("01申请表/入库申请表.docx", "application_form", "docx_hand", b.formDOCX(), false)
	b.add("01申请表/单位情况概述.pdf", "overview", "raw_ucs2_b", b.overviewPDF(b.pdfID("ov")), false)
	b.add("02证照及场地/附件3.pdf", "license", "scan_jpeg_pdf", b.scan([]*sheet{b.licenseScan(pt)}, "lic", "营业执照"), true)
	b.add("02证照及场地/租赁合同（701）.pdf", "premises", "raw_ucs2_b", b.leasePDF(b.Premises[0], b.pdfID("l1")), false)
	b.add("02证照及场地/附件4-2.pdf", "premises", "raw_ucs2_b", b.leasePDF(b.Premises[1], b.pdfID("l2")), false)
	b.add("03制度/服务管理制度汇编.pdf", "policies", "raw_ucs2_b", b.policiesPDF(b.pdfID("po")), false)
	b.add("04服务情况/附件6.pdf", "service_history", "raw_ucs2_b", b.serviceHistoryPDF(b.pdfID("sh")), false)
	b.add("04服务情况/附件6-1 服务企业明细.xlsx", "service_records", "xlsx_excelize", b.servicesXLSX(), false)
	b.add("04服务情况/2025年度服务情况.pdf", "service_report", "raw_ucs2_b", b.serviceReportPDF(b.pdfID("sr")), false)
	b.add("05专家及合作机构/专家.xlsx", "expert_list", "xlsx_excelize", b.expertXLSX(true), false)
	b.add("05专家及合作机构/合作机构.xlsx", "partner_list", "xlsx_excelize", b.partnerXLSX(false), false)
	b.add("05专家及合作机构/人员情况表.xlsx", "staff", "xlsx_excelize", b.staffXLSX(), false)
	b.add("06财务/附件8.pdf", "audit_report", "raw_ucs2_b", b.auditPDF(b.Reports[0], b.pdfID("a25")), false)
	b.add("06财务/附件9.pdf", "audit_report", "raw_ucs2_b", b.auditPDF(b.Reports[1], b.pdfID("a24")), false)
	b.addCredit(pt, "07信用/IMG_20260510_102133.png", b.Credit[0])
	b.addCredit(pt, "07信用/IMG_20260510_102220.png", b.Credit[1])
	b.addCredit(pt, "07信用/IMG_20260510_102307.png", b.Credit[2])
	b.addCredit(pt, "07信用/IMG_20260510_102354.png", b.Credit[3])
	b.add("08承诺声明/承诺书.pdf", "integrity_pledge", "scan_jpeg_pdf", b.pledgeScan(pt, "pl"), true)
	b.add("08承诺声明/IMG_4417.jpg", "declaration", "go_jpg", photoJPEG(b.declarationLetter(pt), b.rng), true)
	b.add("09其他/荣誉证书.pdf", "other", "raw_ucs2_b", b.otherPDF(b.pdfID("ot")), false)
	return b
}

// ---------------------------------------------------------------- b-ineligible

func buildIneligible(pt *painter) *bundle {
	b := newBundle("b-ineligible", 202, d(2026, 6, 15))
	b.Org = org{Name: "沧州瑞丰企业服务有限公司", LegalRep: "钱永胜", EntityType: "有限责任公司（自然人独资）",
		Address: "河北省沧州市运河区永安大道56号瑞丰大厦12层", Established: d(2019, 4, 8), Capital: "300万元"}
	b.Org.USCC = newUSCC(b.rng, "91", "130903")
	b.Nature = "公益性"
	b.Categories = []string{"数字赋能", "融资促进", "人力资源"}
	b.Fin = map[int]finYear{
		2025: fin(3284516.72, 2010433.18, 2178296.27, 3905118.30, 205440.12),
		2024: fin(3001998.64, 1720000.00, 1972856.15, 3540221.00, 130002.33),
		2023: fin(2700100.00, 1600210.10, 1842853.82, 3201000.00, 98000.00),
	}
	b.Reports = []auditReport{
		{Years: []int{2025}, Opinion: "unqualified", Firm: "沧州信达会计师事务所有限公司", No: "沧信达审〔2026〕第112号", Signed: d(2026, 4, 2)},
		{Years: []int{2024}, Opinion: "qualified", Firm: "沧州信达会计师事务所有限公司", No: "沧信达审〔2025〕第098号", Signed: d(2025, 3, 28)},
	}
	b.Premises = []premisesDoc{{Holder: b.Org.Name, Lessor: "沧州永安物业管理有限公司", Address: "河北省沧州市运河区永安大道56号瑞丰大厦1206室",
		Area: 236.80, Start: d(2025, 1, 1), End: d(2027, 12, 31)}}
	b.genExperts(11, 13, false)
	b.genPartners(7, 3)
	b.genServices(112, 14, 30, 3, 0)
	b.genStaff(8, 2)
	q := queryTime(2026, 6, 8, 15, 2, 41)
	for i, l := range creditLists {
		c := creditShot{List: l, Query: q.Add(timeSec(i * 63))}
		if l == "abnormal_operation" {
			c.Listed = true
			c.Record = [3]string{"2025-11-20", "通过登记的住所或者经营场所无法联系", "沧州市运河区市场监督管理局"}
		}
		b.Credit = append(b.Credit, c)
	}
	b.declareFromEvidence()
	b.Declared.SMEs = 160
	b.ZipGBK = true
	smes, _, _ := b.serviceCounts()
	b.Planted = []string{
		"qualified audit opinion (保留意见) on the report covering 2024",
		"credit screenshot shows a record on 经营异常名录 (listed 2025-11-20)",
		fmt.Sprintf("declared smes_served 160 exaggerated above the evidence (%d distinct SMEs in the window)", smes),
	}
	b.Traps = []string{
		"bundle.zip stores GBK-encoded file names (no UTF-8 flag)",
		"application form is a text PDF with the figures before the identity block",
		"the qualified report's responsibility paragraph and the unqualified one both mention 非无保留意见",
		"balance sheet columns 期末数/年初数; 所有者权益（或股东权益）合计 wrapped over two lines",
		"expert list gives 协议签订日期 (text dates) + 合作期限 N年",
		"3 enterprises served before the window with point-to-point service",
		"staff table lists 2 people with senior titles who are not cooperating experts",
	}
	b.add("附件1.pdf", "application_form", "raw_ucs2_b", b.formPDF(b.pdfID("form")), false)
	b.add("附件2.pdf", "overview", "raw_ucs2_b", b.overviewPDF(b.pdfID("ov")), false)
	b.add("营业执照副本.pdf", "license", "scan_jpeg_pdf", b.scan([]*sheet{b.licenseScan(pt)}, "lic", "营业执照"), true)
	b.add("附件4.pdf", "premises", "raw_ucs2_b", b.leasePDF(b.Premises[0], b.pdfID("l1")), false)
	b.add("附件5.pdf", "policies", "raw_ucs2_b", b.policiesPDF(b.pdfID("po")), false)
	b.add("附件6.pdf", "service_history", "raw_ucs2_b", b.serviceHistoryPDF(b.pdfID("sh")), false)
	b.add("附件7-1.xlsx", "expert_list", "xlsx_excelize", b.expertXLSX(false), false)
	b.add("附件7-2.xlsx", "partner_list", "xlsx_excelize", b.partnerXLSX(true), false)
	b.add("附件7-3.xlsx", "staff", "xlsx_excelize", b.staffXLSX(), false)
	b.add("2025年审计报告.pdf", "audit_report", "raw_ucs2_b", b.auditPDF(b.Reports[0], b.pdfID("a25")), false)
	b.add("附件3.pdf", "audit_report", "raw_ucs2_b", b.auditPDF(b.Reports[1], b.pdfID("a24")), false)
	b.add("附件9.pdf", "service_report", "raw_ucs2_b", b.serviceReportPDF(b.pdfID("sr")), false)
	b.add("附件10 服务企业名单.xlsx", "service_records", "xlsx_excelize", b.servicesXLSX(), false)
	b.addCredit(pt, "信用截图1.png", b.Credit[0])
	b.addCredit(pt, "信用截图2.png", b.Credit[1])
	b.addCredit(pt, "信用截图3.png", b.Credit[2])
	b.addCredit(pt, "信用截图4.png", b.Credit[3])
	b.add("诚信承诺.pdf", "integrity_pledge", "scan_jpeg_pdf", b.pledgeScan(pt, "pl"), true)
	b.add("真实性声明.pdf", "declaration", "scan_jpeg_pdf", b.scan([]*sheet{b.declarationLetter(pt)}, "de", "声明"), true)
	return b
}

// ---------------------------------------------------------------- b-review

func buildReview(pt *painter) *bundle {
	b := newBundle("b-review", 303, d(2026, 4, 28))
	b.Org = org{Name: "邢台华信数字科技股份有限公司", LegalRep: "冯立新", EntityType: "股份有限公司（非上市、自然人投资或控股）",
		Address: "河北省邢台市信都区中兴西大街318号科技园B座5层", Established: d(2017, 11, 23), Capital: "1000万元"}
	b.Org.USCC = newUSCC(b.rng, "91", "130503")
	b.Nature = "社会化"
	b.Categories = []string{"数字赋能", "技术创新"}
	b.Fin = map[int]finYear{
		2025: fin(5480112.34, 2904118.20, 2921269.05, 2611005.80, -186420.55),
		2024: fin(5602330.10, 3012550.66, 3107689.60, 2980441.17, -92310.40),
		2023: fin(5700000.00, 3100000.00, 3200000.00, 3300000.00, 52000.00),
	}
	b.Reports = []auditReport{{Years: []int{2025, 2024}, Opinion: "unqualified", Firm: "邢台正则会计师事务所（普通合伙）",
		No: "邢正审字〔2026〕第046号", Signed: d(2026, 3, 6)}}
	b.Premises = []premisesDoc{{Holder: b.Org.Name, Lessor: "邢台市科技园区发展有限公司", Address: "河北省邢台市信都区中兴西大街318号科技园B座501-506室",
		Area: 188.00, Start: d(2024, 9, 1), End: d(2026, 8, 31)}}
	b.genExperts(10, 12, false)
	b.dupExpert(5)
	b.genPartners(5, 5)
	b.genServices(121, 11, 15, 4, 1)
	b.genStaff(10, 3)
	q := queryTime(2026, 3, 12, 9, 40, 7)
	for i, l := range creditLists {
		b.Credit = append(b.Credit, creditShot{List: l, Query: q.Add(timeSec(i * 55))})
	}
	b.declareFromEvidence()
	b.Planted = []string{
		"net loss in both 2025 (-186,420.55) and 2024 (-92,310.40) -> financial_health needs_review",
		"credit queries dated 2026-03-12, 47 days before R 2026-04-28 -> the four credit criteria need review",
	}
	b.Traps = []string{
		"one audit report covers both 2025 and 2024 (two balance sheets, comparative income columns)",
		"application form is an XLSX with real Excel dates; labels in template-B order",
		"exactly 10 distinct senior experts in force (edge value), one duplicate expert row",
		"five partner agreements valid 长期 (text in a date column) and one expired",
		"expert and partner dates are real Excel dates (yyyy年m月d日 / yyyy-mm-dd formats)",
		"1 service row with an invalid USCC",
		"net assets stay positive, so financial_health is needs_review, not fail",
	}
	b.add("入库申请表.xlsx", "application_form", "xlsx_excelize", b.formXLSX(), false)
	b.add("单位情况概述.docx", "overview", "docx_hand", b.overviewDOCX(), false)
	b.add("扫描全能王 2026-04-20 15.20.pdf", "license", "scan_jpeg_pdf", b.scan([]*sheet{b.licenseScan(pt)}, "lic", "营业执照"), true)
	b.add("租房合同.pdf", "premises", "raw_ucs2_b", b.leasePDF(b.Premises[0], b.pdfID("l1")), false)
	b.add("管理制度.pdf", "policies", "raw_ucs2_b", b.policiesPDF(b.pdfID("po")), false)
	b.add("服务产品.pdf", "service_history", "raw_ucs2_b", b.serviceHistoryPDF(b.pdfID("sh")), false)
	b.add("专家名单（签字版）.xlsx", "expert_list", "xlsx_excelize", b.expertXLSX(true), false)
	b.add("合作单位.xlsx", "partner_list", "xlsx_excelize", b.partnerXLSX(true), false)
	b.add("主要人员.xlsx", "staff", "xlsx_excelize", b.staffXLSX(), false)
	b.add("审计报告2024-2025.pdf", "audit_report", "raw_ucs2_b", b.auditPDF(b.Reports[0], b.pdfID("a")), false)
	b.add("服务情况及案例.pdf", "service_report", "raw_ucs2_b", b.serviceReportPDF(b.pdfID("sr")), false)
	b.add("服务台账.xlsx", "service_records", "xlsx_excelize", b.servicesXLSX(), false)
	b.addCredit(pt, "Screenshot_20260312_094007.png", b.Credit[0])
	b.addCredit(pt, "Screenshot_20260312_094102.png", b.Credit[1])
	b.addCredit(pt, "Screenshot_20260312_094157.png", b.Credit[2])
	b.addCredit(pt, "Screenshot_20260312_094252.png", b.Credit[3])
	b.add("承诺书.pdf", "integrity_pledge", "scan_jpeg_pdf", b.pledgeScan(pt, "pl"), true)
	b.add("声明.pdf", "declaration", "raw_ucs2_b", b.declarationPDF(b.pdfID("de")), false)
	return b
}

// ---------------------------------------------------------------- b-institution

func buildInstitution(pt *painter) *bundle {
	b := newBundle("b-institution", 404, d(2026, 7, 8))
	b.Institution = true
	b.Sponsor = "衡水市工业和信息化局"
	b.Org = org{Name: "衡水市滨湖中小企业公共服务中心", LegalRep: "孙立民", EntityType: "事业单位",
		Address: "河北省衡水市桃城区人民东路209号", Established: d(2008, 5, 16), Capital: "120万元"}
	b.Org.USCC = newUSCC(b.rng, "12", "131102")
	b.Nature = "公益性"
	b.Categories = []string{"技术创新", "检验检测", "政策咨询", "人力资源"}
	b.Fin = map[int]finYear{
		2025: fin(8765432.10, 3120456.78, 7012345.67, 4320000.00, 156789.01),
		2024: fin(8590011.22, 2988100.00, 6855556.66, 4108000.00, 98765.43),
		2023: fin(8400000.00, 2800000.00, 6756791.23, 3900000.00, 60000.00),
	}
	b.Reports = []auditReport{
		{Years: []int{2025}, Opinion: "unqualified", Firm: "衡水安平会计师事务所有限公司", No: "衡安审字（2026）第0209号", Signed: d(2026, 4, 15)},
		{Years: []int{2024}, Opinion: "unqualified", Firm: "衡水安平会计师事务所有限公司", No: "衡安审字（2025）第0187号", Signed: d(2025, 4, 11)},
	}
	b.Premises = []premisesDoc{{Cert: true, Holder: b.Org.Name, Address: "衡水市桃城区人民东路209号", Area: 856.32, Zongdi: 2310.00,
		Zhuanyou: 812.40, CertNo: "冀（2021）衡水市不动产权第0018632号"}}
	b.genExperts(15, 8, false)
	b.genPartners(8, 4)
	b.genServices(130, 20, 25, 6, 0)
	b.genStaff(10, 5)
	q := queryTime(2026, 6, 30, 16, 45, 12)
	for i, l := range creditLists {
		b.Credit = append(b.Credit, creditShot{List: l, Query: q.Add(timeSec(i * 38))})
	}
	b.declareFromEvidence()
	b.Declared.TotalAssets = yuan(8700000)
	b.Declared.Area = 850
	b.Traps = []string{
		"a 事业单位 (public institution, USCC prefix 12) with a 事业单位法人证书: no 类型 and no 成立日期; entity type 事业单位, established_on from the form",
		"premises is a 不动产权证书: 宗地面积 2310.00 and 专有建筑面积 812.40 are distractors; 房屋建筑面积 856.32 counts",
		"statements follow 政府会计制度: 净资产合计, 负债和净资产总计, and 收入费用表 with 本期盈余 instead of 净利润",
		"declared area 850 and total assets 8,700,000 slightly below the evidence",
		"overview is a DOCX",
		"6 enterprises served before the window with point-to-point service",
		"staff table lists 5 people with senior titles who are not cooperating experts",
		"most file names unhelpful (扫描件001.pdf, 附件5.xlsx ...)",
	}
	b.add("扫描件001.pdf", "application_form", "raw_ucs2_b", b.formPDF(b.pdfID("form")), false)
	b.add("单位简介.docx", "overview", "docx_hand", b.overviewDOCX(), false)
	b.add("扫描件002.pdf", "license", "scan_jpeg_pdf", b.scan([]*sheet{b.institutionCertScan(pt)}, "lic", "事业单位法人证书"), true)
	b.add("扫描件003.pdf", "premises", "scan_jpeg_pdf", b.scan([]*sheet{b.propertyCertScan(pt, b.Premises[0])}, "cert", "不动产权证书"), true)
	b.add("附件5.pdf", "policies", "raw_ucs2_b", b.policiesPDF(b.pdfID("po")), false)
	b.add("附件6.pdf", "service_history", "raw_ucs2_b", b.serviceHistoryPDF(b.pdfID("sh")), false)
	b.add("附件7.xlsx", "expert_list", "xlsx_excelize", b.expertXLSX(false), false)
	b.add("附件8.xlsx", "partner_list", "xlsx_excelize", b.partnerXLSX(false), false)
	b.add("附件5.xlsx", "staff", "xlsx_excelize", b.staffXLSX(), false)
	b.add("附件9.pdf", "audit_report", "raw_ucs2_b", b.auditPDF(b.Reports[0], b.pdfID("a25")), false)
	b.add("附件10.pdf", "audit_report", "raw_ucs2_b", b.auditPDF(b.Reports[1], b.pdfID("a24")), false)
	b.add("附件11.pdf", "service_report", "raw_ucs2_b", b.serviceReportPDF(b.pdfID("sr")), false)
	b.add("附件12.xlsx", "service_records", "xlsx_excelize", b.servicesXLSX(), false)
	b.addCredit(pt, "微信截图_20260630164512.png", b.Credit[0])
	b.addCredit(pt, "微信截图_20260630164550.png", b.Credit[1])
	b.addCredit(pt, "微信截图_20260630164628.png", b.Credit[2])
	b.addCredit(pt, "微信截图_20260630164706.png", b.Credit[3])
	b.add("扫描件004.pdf", "integrity_pledge", "scan_jpeg_pdf", b.pledgeScan(pt, "pl"), true)
	b.add("扫描件005.pdf", "declaration", "raw_ucs2_b", b.declarationPDF(b.pdfID("de")), false)
	return b
}

// declarationPDF is the 申请材料真实性声明 as a text PDF.
func (b *bundle) declarationPDF(id string) []byte {
	doc := newPDF(id, "D:"+b.R.AddDate(0, 0, -4).Format("20060102")+"100000+08'00'", "申请材料真实性声明")
	f := newFlow(doc, 12)
	f.gap(40)
	f.title("申请材料真实性声明", 20)
	for _, p := range declarationBody {
		f.para(p)
	}
	f.gap(40)
	f.rightLine("申请单位（盖章）：" + b.Org.Name)
	f.rightLine(cn(b.R.AddDate(0, 0, -4)))
	return doc.bytes()
}

// buildAll makes every bundle in a fixed order.
func buildAll(pt *painter) []*bundle {
	return []*bundle{buildEligible(pt), buildIneligible(pt), buildReview(pt), buildInstitution(pt)}
}

package main

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"time"
)

var (
	black = color.Gray{0}
	ink   = color.RGBA{0x22, 0x22, 0x22, 0xff}
	gray6 = color.RGBA{0x66, 0x66, 0x66, 0xff}
	blue  = color.RGBA{0x1d, 0x5c, 0xb8, 0xff}
)

// sheet is a white grayscale page being drawn before it is scanned.
type sheet struct {
	img *image.Gray
	pt  *painter
}

func newSheet(pt *painter, w, h int) *sheet {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	return &sheet{img: img, pt: pt}
}

func (s *sheet) text(x, y int, px float64, t string) { s.pt.draw(s.img, x, y, px, black, t) }

func (s *sheet) center(y int, px float64, t string) {
	s.pt.draw(s.img, (s.img.Bounds().Dx()-s.pt.width(t, px))/2, y, px, black, t)
}

// para draws wrapped text from x to maxX and returns the next baseline.
func (s *sheet) para(x, y, maxX int, px float64, t string) int {
	var cur []rune
	for _, r := range t {
		if s.pt.width(string(append(cur, r)), px) > maxX-x && len(cur) > 0 {
			s.text(x, y, px, string(cur))
			y += int(px * 1.7)
			cur = nil
		}
		cur = append(cur, r)
	}
	if len(cur) > 0 {
		s.text(x, y, px, string(cur))
		y += int(px * 1.7)
	}
	return y
}

// seal draws a round stamp (gray on a grayscale scan).
func (s *sheet) seal(cx, cy int, top string) {
	c := color.Gray{120}
	strokeCircle(s.img, cx, cy, 78, 5, c)
	s.pt.draw(s.img, cx-12, cy+12, 34, c, "★")
	rs := []rune(top)
	w := s.pt.width(top, 17)
	s.pt.draw(s.img, cx-w/2, cy-30, 17, c, string(rs))
}

// scanPDF wraps the page images into an image-only PDF.
func scanPDF(pages []*sheet, rng *rand.Rand, id, date, title string) []byte {
	doc := newPDF(id, date, title)
	for i, pg := range pages {
		angle := (rng.Float64() - 0.5) * 1.6
		if i == 0 && angle > -0.3 && angle < 0.3 {
			angle = 0.7
		}
		jpg, bounds := scanify(pg.img, angle, rng, 45)
		doc.imagePage(jpg, bounds)
	}
	return doc.bytes()
}

// ---------------------------------------------------------------- documents

const scanW, scanH = 900, 1273

// licenseScan renders a business licence (营业执照副本).
func (b *bundle) licenseScan(pt *painter) *sheet {
	s := newSheet(pt, scanW, scanH)
	strokeRect(s.img, image.Rect(30, 30, scanW-30, scanH-30), 6, color.Gray{90})
	s.text(70, 110, 17, "统一社会信用代码")
	s.text(70, 140, 21, b.Org.USCC)
	s.text(scanW-230, 110, 17, "副本编号：1-1")
	s.center(230, 64, "营  业  执  照")
	s.center(285, 24, "（副　　本）")
	y := 380
	rows := [][2]string{
		{"名　　称", b.Org.Name},
		{"类　　型", b.Org.EntityType},
		{"法定代表人", b.Org.LegalRep},
		{"注册资本", b.Org.Capital},
		{"成立日期", cn0(b.Org.Established)},
		{"营业期限", cn0(b.Org.Established) + "至长期"},
		{"住　　所", b.Org.Address},
	}
	for _, r := range rows {
		s.text(80, y, 22, r[0])
		y = s.para(250, y, scanW-70, 22, r[1]) + 14
	}
	s.text(80, y, 22, "经营范围")
	s.para(250, y, scanW-70, 22, "一般项目：企业管理咨询；标准化服务；认证咨询；信息技术咨询服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）")
	s.text(scanW-330, scanH-210, 24, "登记机关")
	s.seal(scanW-220, scanH-210, "市场监督管理局")
	s.text(scanW-330, scanH-110, 22, cn(b.Org.Established.AddDate(3, 2, 11)))
	return s
}

// institutionCertScan renders a 事业单位法人证书 (no 类型, no 成立日期).
func (b *bundle) institutionCertScan(pt *painter) *sheet {
	s := newSheet(pt, scanW, scanH)
	strokeRect(s.img, image.Rect(30, 30, scanW-30, scanH-30), 8, color.Gray{80})
	strokeRect(s.img, image.Rect(46, 46, scanW-46, scanH-46), 2, color.Gray{80})
	s.center(190, 54, "事业单位法人证书")
	s.center(240, 22, "（副　本）")
	s.text(90, 310, 20, "统一社会信用代码　"+b.Org.USCC)
	y := 380
	rows := [][2]string{
		{"名　　　　称", b.Org.Name},
		{"宗旨和业务范围", "为中小企业提供公共服务。政策咨询、技术创新服务、检验检测、人才培训、成果转化对接。"},
		{"住　　　　所", b.Org.Address},
		{"法定代表人", b.Org.LegalRep},
		{"经 费 来 源", "财政补助、事业收入"},
		{"开 办 资 金", b.Org.Capital},
		{"举 办 单 位", b.Sponsor},
		{"有 效 期", fmt.Sprintf("自%s至%s", cn(d(2024, 3, 18)), cn(d(2029, 3, 17)))},
	}
	for _, r := range rows {
		s.text(90, y, 22, r[0])
		y = s.para(300, y, scanW-80, 22, r[1]) + 16
	}
	s.text(scanW-390, scanH-190, 22, "登记管理机关")
	s.seal(scanW-230, scanH-200, "事业单位登记管理局")
	s.text(scanW-360, scanH-110, 22, cn(d(2024, 3, 18)))
	s.text(90, scanH-80, 15, "国家事业单位登记管理局监制")
	return s
}

// propertyCertScan renders a 不动产权证书 page with 宗地面积, 房屋建筑面积 and 专有建筑面积.
func (b *bundle) propertyCertScan(pt *painter, p premisesDoc) *sheet {
	s := newSheet(pt, scanW, scanH)
	s.text(70, 90, 22, p.CertNo)
	rows := [][2]string{
		{"权 利 人", p.Holder},
		{"共有情况", "单独所有"},
		{"坐　　落", p.Address},
		{"不动产单元号", "130102 006003 GB00021 F00010012"},
		{"权利类型", "国有建设用地使用权/房屋所有权"},
		{"权利性质", "划拨/自建房"},
		{"用　　途", "科教用地/办公"},
		{"面　　积", fmt.Sprintf("宗地面积%.2f㎡/房屋建筑面积%.2f㎡", p.Zongdi, p.Area)},
		{"使用期限", "长期"},
		{"权利其他状况", fmt.Sprintf("专有建筑面积：%.2f㎡，分摊建筑面积：%.2f㎡；房屋结构：钢筋混凝土结构；房屋总层数：6，所在层：1-6", p.Zhuanyou, round2(p.Area-p.Zhuanyou))},
	}
	y := 170
	for _, r := range rows {
		top := y - 30
		yy := s.para(290, y, scanW-80, 21, r[1])
		strokeRect(s.img, image.Rect(60, top, scanW-60, yy-18), 2, color.Gray{70})
		s.text(80, y, 21, r[0])
		y = yy + 22
	}
	s.text(80, y+20, 21, "附　记")
	s.para(80, y+60, scanW-80, 19, "依据《不动产登记暂行条例》等规定，本证书仅证明以上不动产权利状况。")
	s.seal(scanW-220, scanH-200, "不动产登记中心")
	s.text(scanW-360, scanH-110, 21, "登记机构（章）　"+cn(d(2021, 9, 6)))
	return s
}

// letterScan renders a signed one-page statement (pledge or declaration).
func (b *bundle) letterScan(pt *painter, title string, body []string, signer string, when day) *sheet {
	s := newSheet(pt, scanW, scanH)
	s.center(170, 36, title)
	y := 270
	for _, para := range body {
		y = s.para(90, y, scanW-90, 23, "　　"+para) + 10
	}
	y += 60
	x := scanW - 460
	if w := s.pt.width(signer, 23); x+w > scanW-70 {
		x = scanW - 70 - w
	}
	s.text(x, y, 23, signer)
	s.text(x, y+50, 23, "法定代表人（签字）："+b.Org.LegalRep)
	s.text(scanW-360, y+100, 23, cn(when))
	s.seal(scanW-200, y+30, "公章")
	return s
}

// ---------------------------------------------------------------- Credit China screenshots

var creditTitle = map[string]string{
	"dishonest_debtor":   "失信被执行人",
	"serious_dishonesty": "严重失信主体名单",
	"abnormal_operation": "经营异常名录",
	"tax_violation":      "重大税收违法失信主体",
}

// creditPNG renders a Credit China query result at 1280x720, 16px text.
func (b *bundle) creditPNG(pt *painter, c creditShot) *image.RGBA {
	w, h := 1280, 720
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fillRect(img, img.Bounds(), color.RGBA{0xf2, 0xf4, 0xf7, 0xff})
	// browser chrome
	fillRect(img, image.Rect(0, 0, w, 36), color.RGBA{0xde, 0xe1, 0xe6, 0xff})
	fillRect(img, image.Rect(90, 6, 760, 30), color.RGBA{0xff, 0xff, 0xff, 0xff})
	pt.draw(img, 100, 24, 14, gray6, "https://www.creditchina.gov.cn/xinyongfuwu/")
	// header
	fillRect(img, image.Rect(0, 36, w, 116), blue)
	pt.draw(img, 60, 88, 34, color.White, "信用中国")
	pt.draw(img, 240, 88, 15, color.RGBA{0xdd, 0xe8, 0xff, 0xff}, "CREDIT CHINA")
	pt.draw(img, w-200, 84, 16, color.White, "登录　|　注册")
	fillRect(img, image.Rect(0, 116, w, 156), color.RGBA{0x17, 0x4a, 0x96, 0xff})
	x := 60
	for _, m := range []string{"首页", "信用动态", "政策法规", "信用服务", "信用研究", "诚信文化", "信用承诺"} {
		pt.draw(img, x, 142, 16, color.White, m)
		x += pt.width(m, 16) + 44
	}
	fillRect(img, image.Rect(60, 176, w-60, 690), color.White)
	title := creditTitle[c.List]
	pt.draw(img, 84, 210, 14, gray6, "首页 > 信用服务 > "+title+"查询")
	fillRect(img, image.Rect(84, 228, w-84, 230), color.RGBA{0xe5, 0xe5, 0xe5, 0xff})
	pt.draw(img, 84, 268, 16, ink, "主体名称 : "+b.Org.Name)
	pt.draw(img, 84, 300, 16, ink, "统一社会信用代码 : "+b.Org.USCC)
	pt.draw(img, 84, 332, 16, ink, "查询时间 : "+c.Query.Format("2006-01-02 15:04:05"))
	fillRect(img, image.Rect(84, 352, w-84, 354), blue)
	pt.draw(img, 84, 390, 18, blue, title)
	if !c.Listed {
		msg := "暂无数据"
		pt.draw(img, (w-pt.width(msg, 18))/2, 480, 18, gray6, msg)
		pt.draw(img, (w-pt.width("未查询到相关记录", 14))/2, 510, 14, gray6, "未查询到相关记录")
	} else {
		cols := []string{"序号", "列入日期", "列入经营异常名录原因", "作出决定机关"}
		xs := []int{96, 170, 330, 860}
		fillRect(img, image.Rect(84, 410, w-84, 446), color.RGBA{0xee, 0xf3, 0xfb, 0xff})
		for i, cl := range cols {
			pt.draw(img, xs[i], 434, 16, ink, cl)
		}
		vals := []string{"1", c.Record[0], c.Record[1], c.Record[2]}
		for i, v := range vals {
			pt.draw(img, xs[i], 478, 16, ink, v)
		}
		fillRect(img, image.Rect(84, 496, w-84, 497), color.RGBA{0xe5, 0xe5, 0xe5, 0xff})
		pt.draw(img, 84, 530, 14, gray6, "共 1 条记录")
	}
	pt.draw(img, 60, 710, 13, gray6, "主办单位：国家发展和改革委员会　国家公共信用信息中心")
	return img
}

// photoJPEG renders a phone photo of a printed page: a grey desk border and a
// slightly rotated page, as IMG_xxxx.jpg.
func photoJPEG(s *sheet, rng *rand.Rand) []byte {
	jpg, _ := scanify(s.img, 1.3, rng, 55)
	return jpg
}

// queryTime is a fixed CST wall-clock time stored as UTC for formatting.
func queryTime(y, m, dd, hh, mm, ss int) time.Time {
	return time.Date(y, time.Month(m), dd, hh, mm, ss, 0, time.UTC)
}

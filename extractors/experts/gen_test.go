package experts

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
	"ruku/extractors/extractorstest"
	"ruku/lexicon"
)

// This file generates expert lists in many writings (header synonyms from
// the lexicon, column orders, title rows, two-row headers, total, section,
// note and repeated header rows, date and term forms, the same person
// written differently, a staff sheet beside the list) and checks that the
// counts are those of the people the generator put in, whatever the
// writing.

// genYear is the year the generated lists are counted for.
const genYear = 2025

// genPerson is one expert of a generated list, and the truth about them.
type genPerson struct {
	name, id, employer, title string
	senior                    bool
	start, end                time.Time // end is parse.OpenEnd() for 长期
	inForce                   bool
}

var (
	genSurnames = []string{"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"}
	genGiven    = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "建华", "立新", "海燕", "志刚"}
	genEmployer = []string{"河北大学", "燕山大学", "河北工业大学", "石家庄学院", "河北省科学院", "河北医科大学第二医院", "河北省标准化研究院", "河北中兴会计师事务所有限公司"}
	// genSenior and genJunior are titles whose grade the test knows: the
	// truth does not come from the matcher under test.
	genSenior = []string{"教授", "副教授", "研究员", "副研究员", "高级工程师", "正高级工程师", "教授级高级工程师", "高级经济师", "高级会计师", "副主任医师", "主任医师", "高级审计师"}
	genJunior = []string{"讲师", "助教", "工程师", "助理工程师", "助理研究员", "经济师", "中级经济师", "会计师", "主治医师", "高级技师"}
)

// genDateForms write a day the ways list cells do.
var genDateForms = []func(t time.Time) string{
	func(t time.Time) string { return t.Format("2006.1.2") },
	func(t time.Time) string { return t.Format("2006-01-02") },
	func(t time.Time) string { return t.Format("2006/1/2") },
	func(t time.Time) string { return t.Format("2006年1月2日") },
	func(t time.Time) string { return t.Format("20060102") },
	func(t time.Time) string { // an Excel serial, as Read returns date cells
		return strconv.Itoa(int(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
	},
}

// capital writes 1..10 in capital numerals.
var capital = []string{"", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "拾"}
var lower = []string{"", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"}

// genPeople returns n distinct people with random titles and start dates
// (genTable sets their ends), with ID numbers when withIDs is set.
func genPeople(rng *rand.Rand, n int, withIDs bool) []genPerson {
	used := map[string]bool{}
	var out []genPerson
	for len(out) < n {
		name := genSurnames[rng.IntN(len(genSurnames))] + genGiven[rng.IntN(len(genGiven))]
		if used[name] {
			continue
		}
		used[name] = true
		p := genPerson{name: name, employer: genEmployer[rng.IntN(len(genEmployer))]}
		if withIDs {
			p.id = fmt.Sprintf("1301%02d19%02d%02d%02d%03d", rng.IntN(99)+1, 50+rng.IntN(45), 1+rng.IntN(12), 1+rng.IntN(28), rng.IntN(1000))
			if rng.IntN(5) == 0 {
				p.id += "X"
			} else {
				p.id += strconv.Itoa(rng.IntN(10))
			}
		}
		if rng.IntN(2) == 0 {
			p.title, p.senior = genSenior[rng.IntN(len(genSenior))], true
		} else {
			p.title = genJunior[rng.IntN(len(genJunior))]
		}
		p.start = time.Date(2019+rng.IntN(8), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		out = append(out, p)
	}
	return out
}

// settle computes whether p is in force in genYear.
func (p *genPerson) settle() {
	first := time.Date(genYear, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(genYear, 12, 31, 0, 0, 0, 0, time.UTC)
	p.inForce = !p.start.After(last) && !p.end.Before(first)
}

// genLayout is how one generated list writes its cooperation periods.
type genLayout int

const (
	layStartEnd  genLayout = iota // start and end columns
	laySignTerm                   // signing date and a term
	layRange                      // a range in one cell
	layTwoRow                     // 合作期限 over 起始 and 终止
	layBareYears                  // signing date and a bare number under 合作期限（年）
	layCount
)

// genColumn is one column of a generated table.
type genColumn struct {
	parent, head string
	cell         func(p genPerson, dup bool) string
}

// pick returns a random word of a lexicon list, with some decoration.
func pick(rng *rand.Rand, key string) string {
	ws := lexicon.Default().Words(key)
	w := ws[rng.IntN(len(ws))]
	switch rng.IntN(6) {
	case 0:
		if r := []rune(w); len(r) == 2 {
			w = string(r[0]) + " " + string(r[1]) // 姓 名
		}
	case 1:
		w = "*" + w
	}
	return w
}

// headerWord picks a header synonym of a column from the lexicon, avoiding
// words that overlap another column's name in the same table (单位 in
// 单位名称, 职务 in 工作单位及职务): real tables do not combine those.
func headerWord(rng *rand.Rand, key string, avoid ...string) string {
	for {
		w := pick(rng, key)
		ok := true
		for _, a := range avoid {
			if strings.Contains(w, a) || strings.Contains(a, w) {
				ok = false
			}
		}
		if ok {
			return w
		}
	}
}

// genTable builds the rows of one expert table holding people (each once,
// some twice in another writing), and returns them with the people.
func genTable(rng *rand.Rand, people []genPerson, text bool) ([][]string, []genPerson) {
	lay := genLayout(rng.IntN(int(layCount)))
	if text && lay == layTwoRow {
		lay = layStartEnd
	}
	dateForm := genDateForms[rng.IntN(len(genDateForms))]
	if text && rng.IntN(2) == 0 {
		dateForm = genDateForms[rng.IntN(3)] // printed dates, no serials
	}
	if text {
		for dateForm(time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)) == "43832" {
			dateForm = genDateForms[rng.IntN(len(genDateForms))]
		}
	}
	// Periods, in the layout's terms.
	terms := make([]string, len(people))
	for i := range people {
		p := &people[i]
		switch {
		case rng.IntN(12) == 0 && lay != layBareYears:
			p.end = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
			terms[i] = []string{"长期", "长期有效", "至今"}[rng.IntN(3)]
			if lay == laySignTerm {
				terms[i] = "长期"
			}
		case lay == laySignTerm && rng.IntN(3) == 0:
			n := 6 + rng.IntN(40)
			p.end = p.start.AddDate(0, n, -1)
			terms[i] = strconv.Itoa(n) + "个月"
		default:
			n := 1 + rng.IntN(5)
			p.end = p.start.AddDate(n, 0, -1)
			switch lay {
			case layBareYears:
				terms[i] = strconv.Itoa(n)
				if rng.IntN(4) == 0 {
					terms[i] = capital[n]
				}
			default:
				terms[i] = []string{strconv.Itoa(n) + "年", lower[n] + "年", capital[n] + "年", strconv.Itoa(n) + " 年"}[rng.IntN(4)]
			}
		}
		p.settle()
	}
	termOf := map[string]string{}
	for i, p := range people {
		termOf[p.name] = terms[i]
	}
	endCell := func(p genPerson) string {
		if p.end.Year() == 9999 {
			return termOf[p.name]
		}
		return dateForm(p.end)
	}
	nameCell := func(p genPerson, dup bool) string {
		if !dup {
			return p.name
		}
		r := []rune(p.name)
		switch rng.IntN(4) {
		case 0:
			return string(r[0]) + " " + string(r[1:])
		case 1:
			return p.name + "（组长）"
		case 2:
			return " " + p.name + " "
		}
		return p.name
	}
	idCell := func(p genPerson, dup bool) string {
		if !dup || p.id == "" {
			return p.id
		}
		switch rng.IntN(3) {
		case 0:
			return strings.ToLower(p.id)
		case 1:
			return p.id[:6] + " " + p.id[6:14] + " " + p.id[14:]
		}
		return strings.Map(func(r rune) rune { // full-width digits
			if r >= '0' && r <= '9' {
				return r - '0' + '０'
			}
			return r
		}, p.id)
	}
	cols := []genColumn{
		{head: headerWord(rng, "experts.col_name", "单位", "专家"), cell: nameCell},
		{head: headerWord(rng, "experts.col_title", "单位", "职务"), cell: func(p genPerson, _ bool) string { return p.title }},
		{head: headerWord(rng, "experts.col_employer", "职务", "名称"), cell: func(p genPerson, _ bool) string { return p.employer }},
	}
	if people[0].id != "" {
		cols = append(cols, genColumn{head: headerWord(rng, "experts.col_id"), cell: idCell})
	}
	if !text {
		cols = append(cols, genColumn{head: "研究方向", cell: func(genPerson, bool) string { return "质量管理" }})
	}
	switch lay {
	case layStartEnd:
		cols = append(cols,
			genColumn{head: headerWord(rng, "experts.col_start", "起止", "止", "至"), cell: func(p genPerson, _ bool) string { return dateForm(p.start) }},
			genColumn{head: headerWord(rng, "experts.col_end", "起止", "起", "开始", "起始"), cell: func(p genPerson, _ bool) string { return endCell(p) }})
	case laySignTerm, layBareYears:
		term := headerWord(rng, "experts.col_term", "起止", "时间", "期间", "有效期")
		if lay == layBareYears {
			term = []string{"合作期限（年）", "合作年限", "聘期(年)", "协议期限/年"}[rng.IntN(4)]
		}
		cols = append(cols,
			genColumn{head: headerWord(rng, "experts.col_signed", "起止", "发证"), cell: func(p genPerson, _ bool) string { return dateForm(p.start) }},
			genColumn{head: term, cell: func(p genPerson, _ bool) string { return termOf[p.name] }})
	case layRange:
		sep := []string{"-", "至", "~", "—"}[rng.IntN(4)]
		if text {
			sep = "-"
		}
		cols = append(cols, genColumn{head: []string{"合作期限", "聘期", "合作起止时间", "聘任期限", "起止日期"}[rng.IntN(5)], cell: func(p genPerson, _ bool) string {
			if p.end.Year() == 9999 {
				return p.start.Format("2006.1.2") + sep + termOf[p.name]
			}
			if text || rng.IntN(2) == 0 {
				return p.start.Format("2006.1.2") + sep + p.end.Format("2006.1.2")
			}
			return p.start.Format("2006年1月2日") + sep + p.end.Format("2006年1月2日")
		}})
	case layTwoRow:
		parent := []string{"合作期限", "合作期间", "聘期"}[rng.IntN(3)]
		cols = append(cols,
			genColumn{parent: parent, head: []string{"起始", "起", "开始日期", "起始日期"}[rng.IntN(4)], cell: func(p genPerson, _ bool) string { return dateForm(p.start) }},
			genColumn{parent: parent, head: []string{"终止", "止", "结束日期", "终止日期"}[rng.IntN(4)], cell: func(p genPerson, _ bool) string { return endCell(p) }})
	}
	rng.Shuffle(len(cols), func(i, j int) { cols[i], cols[j] = cols[j], cols[i] })
	// Keep a two-row header's children side by side.
	if lay == layTwoRow {
		var a, b []genColumn
		for _, c := range cols {
			if c.parent != "" {
				b = append(b, c)
			} else {
				a = append(a, c)
			}
		}
		cols = append(a, b...)
	}
	serial := rng.IntN(3) != 0
	var rows [][]string
	if !text || rng.IntN(2) == 0 {
		rows = append(rows, []string{"合作专家情况表"})
	}
	if !text && rng.IntN(2) == 0 {
		rows = append(rows, []string{"填报单位：河北某某服务有限公司", "", "", "填报日期：2026年5月1日"})
	}
	head, sub := []string{}, []string{}
	if serial {
		head, sub = append(head, "序号"), append(sub, "")
	}
	two := false
	prevParent := ""
	for _, c := range cols {
		if c.parent != "" {
			two = true
			p := c.parent
			if p == prevParent {
				p = "" // a merged parent leaves blanks
			}
			prevParent = c.parent
			head, sub = append(head, p), append(sub, c.head)
			continue
		}
		head, sub = append(head, c.head), append(sub, "")
	}
	rows = append(rows, head)
	if two {
		rows = append(rows, sub)
	}
	// Data rows: every person once, some twice in another writing, with
	// blank, section, repeated header and total rows between.
	type line struct {
		p   genPerson
		dup bool
	}
	var lines []line
	for _, p := range people {
		lines = append(lines, line{p: p})
		if rng.IntN(6) == 0 && !(p.id == "" && text) {
			lines = append(lines, line{p: p, dup: true})
		}
	}
	rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	for i, l := range lines {
		if !text {
			switch rng.IntN(25) {
			case 0:
				rows = append(rows, nil)
			case 1:
				rows = append(rows, []string{"", "一、续聘专家"})
			case 2:
				rows = append(rows, slices.Clone(head))
			}
		}
		var row []string
		if serial {
			row = append(row, strconv.Itoa(i+1))
		}
		for _, c := range cols {
			row = append(row, c.cell(l.p, l.dup))
		}
		rows = append(rows, row)
	}
	if rng.IntN(2) == 0 {
		rows = append(rows, []string{"合计", fmt.Sprintf("%d人", len(lines))})
	}
	if rng.IntN(2) == 0 {
		rows = append(rows, []string{"注：合作期限自协议签订之日起计算。"})
	}
	return rows, people
}

// want counts the people in force, and the senior ones.
func want(people []genPerson) (total, senior int) {
	for _, p := range people {
		if p.inForce {
			total++
			if p.senior {
				senior++
			}
		}
	}
	return total, senior
}

// TestGeneratedSheets reads hundreds of generated workbooks.
func TestGeneratedSheets(t *testing.T) {
	const n = 400
	failed := 0
	for seed := range uint64(n) {
		rng := rand.New(rand.NewPCG(seed, 7))
		people := genPeople(rng, 6+rng.IntN(12), rng.IntN(5) != 0)
		rows, people := genTable(rng, people, false)
		d := extractorstest.SheetDoc(rows...)
		if rng.IntN(3) == 0 {
			// A staff sheet beside the list: senior people who are not
			// experts, with hire dates.
			staff := extractors.Sheet{Name: "主要人员", Rows: [][]string{
				{"主要人员情况表"},
				{"序号", "姓名", "职称", "身份证号码", "聘用日期"},
				{"1", "钱多多", "高级工程师", "130102198001011111", "2020-01-01"},
				{"2", "孙有才", "教授", "130102198001012222", "2021-03-01"},
			}}
			d.Sheets = append(d.Sheets, staff)
			if rng.IntN(2) == 0 {
				d.Sheets[0], d.Sheets[1] = d.Sheets[1], d.Sheets[0]
			}
		}
		list, err := Extract(d)
		if err != nil {
			t.Errorf("seed %d: %v", seed, err)
			failed++
			continue
		}
		total, senior := want(people)
		got := Count(list, genYear, isSenior)
		if got.Total != total || got.Senior != senior {
			failed++
			if failed <= 5 {
				t.Errorf("seed %d: total %d senior %d, want %d %d\n%s\nskipped %v", seed, got.Total, got.Senior, total, senior, dump(d), got.Skipped)
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d generated workbooks miscounted", failed, n)
	}
}

// TestGeneratedText reads generated lists printed as text (a PDF's lines).
func TestGeneratedText(t *testing.T) {
	const n = 200
	failed := 0
	for seed := range uint64(n) {
		rng := rand.New(rand.NewPCG(seed, 11))
		people := genPeople(rng, 5+rng.IntN(10), true)
		rows, people := genTable(rng, people, true)
		var lines []string
		for _, r := range rows {
			var cells []string
			for _, c := range r {
				if c = strings.TrimSpace(c); c != "" {
					cells = append(cells, strings.ReplaceAll(c, " ", ""))
				}
			}
			lines = append(lines, strings.Join(cells, " "))
		}
		d := extractorstest.TextDoc(strings.Join(lines, "\n"))
		list, err := Extract(d)
		if err != nil {
			t.Errorf("seed %d: %v", seed, err)
			failed++
			continue
		}
		total, senior := want(people)
		got := Count(list, genYear, isSenior)
		if got.Total != total || got.Senior != senior {
			failed++
			if failed <= 5 {
				t.Errorf("seed %d: total %d senior %d, want %d %d\n%s\nskipped %v", seed, got.Total, got.Senior, total, senior, strings.Join(lines, "\n"), got.Skipped)
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d generated text lists miscounted", failed, n)
	}
}

func dump(d *extractors.Doc) string {
	var b strings.Builder
	for _, s := range d.Sheets {
		fmt.Fprintf(&b, "[%s]\n", s.Name)
		for _, r := range s.Rows {
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
	}
	return b.String()
}

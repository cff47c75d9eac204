package credit

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
)

// page is a generated page: its text and what each of its blocks says.
type page struct {
	text   string
	blocks []want
}

// gen writes pages of many wordings from the lexicon: every list name,
// no-record phrase, label and date format, and records by count and table,
// laid out as one list a page, several lists one under the other, a
// stitched screenshot of several queries with their own dates, or report
// rows of one list each.
type gen struct {
	r *rand.Rand
}

func (g gen) pick(ws []string) string { return ws[g.r.IntN(len(ws))] }

var listOrder = []string{DishonestDebtor, SeriousDishonesty, AbnormalOperation, TaxViolation}

func (g gen) listName(list string) string {
	for _, ln := range listNames {
		if ln.list == list {
			return g.pick(ln.names)
		}
	}
	panic(list)
}

func (g gen) colon() string { return g.pick([]string{"：", ":", " : ", "： ", ""}) }

func (g gen) date(d time.Time) string {
	switch g.r.IntN(5) {
	case 0:
		return d.Format("2006-01-02 15:04:05")
	case 1:
		return fmt.Sprintf("%d年%02d月%02d日 10:%02d:00", d.Year(), d.Month(), d.Day(), g.r.IntN(60))
	case 2:
		return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
	case 3:
		return d.Format("2006/01/02 15:04")
	}
	return d.Format("2006.01.02")
}

// result writes a block's result lines: clear or listed.
func (g gen) result(listed bool) []string {
	if !listed {
		switch g.r.IntN(4) {
		case 0:
			return []string{g.pick(lx.Words("credit.count_prefixes")) + g.colon() + "0" + g.pick(lx.Words("credit.count_units"))}
		case 1:
			return []string{g.pick(lx.Words("credit.stop_labels")) + g.colon() + g.pick(lx.Words("credit.none_words"))}
		}
		return []string{g.pick(clearPhrases) + g.pick([]string{"", "相关信息", "。", "！"})}
	}
	n := 1 + g.r.IntN(9)
	row := fmt.Sprintf("拖欠款项 2025-0%d-1%d 某市人民政府", 1+g.r.IntN(9), g.r.IntN(10))
	h := g.r.Perm(len(recordHeads))
	head := recordHeads[h[0]] + " " + recordHeads[h[1]]
	switch g.r.IntN(3) {
	case 0:
		return []string{fmt.Sprintf("共找到%d条记录", n), head, row}
	case 1:
		return []string{fmt.Sprintf("%s%s%d%s", g.pick(lx.Words("credit.stop_labels")), g.colon(), n, g.pick(lx.Words("credit.count_units")))}
	}
	return []string{head, row}
}

// header writes the subject, code and date lines, in any order.
func (g gen) header(subject, code string, d time.Time) []string {
	ls := []string{
		g.pick(subjectLabels) + g.colon() + subject,
		g.pick(usccLabels) + g.colon() + code,
		g.pick(dateLabels) + g.colon() + g.date(d),
	}
	g.r.Shuffle(len(ls), func(i, j int) { ls[i], ls[j] = ls[j], ls[i] })
	return ls
}

func (g gen) page(subject, code string) page {
	base := time.Date(2026, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28), 0, 0, 0, 0, time.UTC)
	lists := append([]string(nil), listOrder...)
	g.r.Shuffle(len(lists), func(i, j int) { lists[i], lists[j] = lists[j], lists[i] })
	var lines []string
	var p page
	layout := g.r.IntN(4)
	switch layout {
	case 0: // one list
		l := lists[0]
		listed := g.r.IntN(4) == 0
		lines = append(lines, "信用中国 "+g.listName(l)+g.pick([]string{"查询", "", "查询结果"}))
		lines = append(lines, g.header(subject, code, base)...)
		lines = append(lines, g.listName(l))
		lines = append(lines, g.result(listed)...)
		p.blocks = []want{{list: l, outcome: outcome(listed), date: base.Format(time.DateOnly)}}
	case 1: // several lists under one header
		lines = append(lines, "信用中国 信用信息综合查询")
		lines = append(lines, g.header(subject, code, base)...)
		for _, l := range lists[:2+g.r.IntN(3)] {
			listed := g.r.IntN(4) == 0
			lines = append(lines, g.listName(l))
			lines = append(lines, g.result(listed)...)
			p.blocks = append(p.blocks, want{list: l, outcome: outcome(listed), date: base.Format(time.DateOnly)})
		}
	case 2: // stitched queries, each with its own header and date
		for k, l := range lists[:2+g.r.IntN(3)] {
			d := base.AddDate(0, 0, k)
			listed := g.r.IntN(4) == 0
			lines = append(lines, "信用中国 "+g.listName(l)+"查询")
			lines = append(lines, g.header(subject, code, d)...)
			lines = append(lines, g.listName(l))
			lines = append(lines, g.result(listed)...)
			p.blocks = append(p.blocks, want{list: l, outcome: outcome(listed), date: d.Format(time.DateOnly)})
		}
	default: // report rows: a list name and its result on one line
		lines = append(lines, "公共信用信息报告")
		lines = append(lines, g.header(subject, code, base)...)
		for _, l := range lists[:2+g.r.IntN(3)] {
			listed := g.r.IntN(4) == 0
			v := g.pick([]string{"0条", "无", "暂无数据", "0", "未查询到相关信息"})
			if listed {
				v = fmt.Sprintf("%d条", 1+g.r.IntN(5))
			}
			lines = append(lines, g.listName(l)+g.colon()+v)
			p.blocks = append(p.blocks, want{list: l, outcome: outcome(listed), date: base.Format(time.DateOnly)})
		}
	}
	p.text = strings.Join(lines, "\n")
	return p
}

func outcome(listed bool) string {
	if listed {
		return Listed
	}
	return Clear
}

// TestGeneratedWordings reads hundreds of generated pages and checks every
// block's list, outcome, query date, subject and code.
func TestGeneratedWordings(t *testing.T) {
	const subject, code = "河北乙科技服务有限公司", "91130105MAD28A3885"
	g := gen{rand.New(rand.NewPCG(1, 2))}
	const n = 800
	bad := 0
	for i := 0; i < n; i++ {
		p := g.page(subject, code)
		r := Extract(textDoc("gen.png", extractors.MethodOCR, p.text))
		ok := len(r.Blocks) == len(p.blocks)
		for k := 0; ok && k < len(p.blocks); k++ {
			b, w := r.Blocks[k], p.blocks[k]
			d := b.QueryDate.Value.Format(time.DateOnly)
			ok = b.List == w.list && b.Outcome == w.outcome && b.QueryDate.OK && d == w.date &&
				b.Subject.Value == subject && b.USCC.Value == code && (w.outcome == Unreadable || len(b.Evidence) >= 2)
		}
		if !ok {
			bad++
			if bad <= 10 {
				var got []string
				for _, b := range r.Blocks {
					got = append(got, fmt.Sprintf("%s %s %s %q %q (%s)", b.List, b.Outcome, b.QueryDate.Value.Format(time.DateOnly), b.Subject.Value, b.USCC.Value, b.Doubt))
				}
				t.Errorf("page %d:\n%s\ngot:  %s\nwant: %v", i, p.text, strings.Join(got, "; "), p.blocks)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d generated pages misread", bad, n)
	}
}

package credit

import (
	"fmt"
	"sort"
	"strings"

	"ruku/extractors"
)

// block is the part of a document about one list: its heading lines, the
// lines its outcome is read from ([from, to)) and the lines its own
// subject and query date are read from ([fieldFrom, fieldTo)).
type block struct {
	list               string
	score              float64 // best score of its heading lines (1: word for word)
	heads              []int
	from, to           int
	fieldFrom, fieldTo int
	out                outcomeRead
	doubt              string
}

// splitRows rewrites a line that names several lists into one line per
// list when the lists' results can be told apart: each name followed by its
// own result on the same line (a report row, two cards side by side), or a
// line of names over a line of as many results (a grid of cards). Any
// other line naming several lists is navigation and stays as it is.
func splitRows(lines []line, fl fieldHits) []line {
	var out []line
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		spans := nameSpans(l.text)
		if fl.lines[i] || distinctLists(spans) < 2 || distinctLists(spans) != len(spans) {
			out = append(out, l)
			continue
		}
		segs := make([]string, len(spans))
		withResult := 0
		for k, sp := range spans {
			end := len(l.text)
			if k+1 < len(spans) {
				end = spans[k+1].a
			}
			segs[k] = strings.TrimSpace(l.text[sp.a:end])
			if hasSignal(l.text[sp.b:end]) {
				withResult++
			}
		}
		if withResult == len(spans) {
			for _, s := range segs {
				out = append(out, line{l.page, s, s})
			}
			continue
		}
		if withResult == 0 && i+1 < len(lines) && !fl.lines[i+1] && len(nameSpans(lines[i+1].text)) == 0 {
			next := lines[i+1].text
			sig := signalSpans(next)
			if len(sig) == len(spans) {
				for k, sp := range spans {
					end := len(next)
					if k+1 < len(sig) {
						end = sig[k+1][0]
					}
					a := 0
					if k > 0 {
						a = sig[k][0]
					}
					s := l.text[sp.a:sp.b] + " " + strings.TrimSpace(next[a:end])
					out = append(out, line{l.page, s, s})
				}
				i++
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// hasSignal reports whether the text after a list name states a result.
func hasSignal(rem string) bool {
	return len(signalSpans(rem)) > 0 || bareCountRe.MatchString(rem) || bareNoneRe.MatchString(rem)
}

// signalSpans returns where text states a result (a no-record phrase or a
// count), in order, without overlaps.
func signalSpans(text string) [][2]int {
	var sp [][2]int
	add := func(a, b int) {
		for _, o := range sp {
			if a < o[1] && o[0] < b {
				return
			}
		}
		sp = append(sp, [2]int{a, b})
	}
	for _, m := range countRe.FindAllStringIndex(text, -1) {
		add(m[0], m[1])
	}
	ps := append([]string(nil), clearPhrases...)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	for _, p := range ps {
		for off := 0; ; {
			k := strings.Index(text[off:], p)
			if k < 0 {
				break
			}
			add(off+k, off+k+len(p))
			off += k + len(p)
		}
	}
	sort.Slice(sp, func(i, j int) bool { return sp[i][0] < sp[j][0] })
	return sp
}

// segment cuts the document into blocks at the list headings and reads
// each block's outcome. Consecutive headings of one list (a title, a
// breadcrumb and a section heading) make one block. A document that names
// one list is one block over all its lines. A document whose only list
// names are in navigation (a tab bar naming every list) is one block for
// the first list named, with a doubt.
func segment(lines []line, fl fieldHits) []block {
	var heads []int
	var lists []string
	var scores []float64
	var navs []int
	for i, l := range lines {
		if fl.lines[i] {
			continue
		}
		if distinctLists(nameSpans(l.text)) >= 2 {
			navs = append(navs, i)
			continue
		}
		list, score := whichList(l.text)
		if list == "" {
			continue
		}
		heads, lists, scores = append(heads, i), append(lists, list), append(scores, score)
	}
	n := len(lines)
	whole := func(b block) []block {
		b.from, b.to, b.fieldFrom, b.fieldTo = 0, n, 0, n
		b.out = readOutcome(lines, fl, b)
		return []block{b}
	}
	if len(heads) == 0 {
		var named []string
		seen := map[string]bool{}
		for _, i := range navs {
			for _, sp := range nameSpans(lines[i].text) {
				if !seen[sp.list] {
					seen[sp.list] = true
					named = append(named, sp.list)
				}
			}
		}
		if len(named) == 0 {
			return whole(block{doubt: "no list name (失信被执行人, 严重失信主体名单, 经营异常名录, 重大税收违法失信主体) readable"})
		}
		b := block{list: named[0], heads: navs[:1], score: 1}
		if len(named) > 1 {
			b.doubt = "page names more than one list, only in navigation: " + strings.Join(named, ", ")
		}
		return whole(b)
	}
	var bs []block
	for k, i := range heads {
		if len(bs) > 0 && bs[len(bs)-1].list == lists[k] {
			b := &bs[len(bs)-1]
			b.heads = append(b.heads, i)
			b.score = max(b.score, scores[k])
			continue
		}
		bs = append(bs, block{list: lists[k], heads: []int{i}, score: scores[k]})
	}
	distinct := map[string]bool{}
	for _, b := range bs {
		distinct[b.list] = true
	}
	if len(distinct) == 1 {
		b := bs[0]
		for _, o := range bs[1:] {
			b.heads = append(b.heads, o.heads...)
			b.score = max(b.score, o.score)
		}
		return whole(b)
	}
	for k := range bs {
		bs[k].from, bs[k].to = bs[k].heads[0], n
		if k+1 < len(bs) {
			bs[k].to = bs[k+1].heads[0]
		}
		bs[k].out = readOutcome(lines, fl, bs[k])
	}
	// The lines between a block's result and the next heading (a stitched
	// page's next header: subject, query date) belong to the next block.
	for k := range bs {
		if k == 0 {
			bs[k].fieldFrom = 0
		} else if prev := bs[k-1]; prev.out.last >= 0 {
			bs[k].fieldFrom = prev.out.last + 1
		} else {
			bs[k].fieldFrom = bs[k].from
		}
	}
	for k := range bs {
		bs[k].fieldTo = n
		if k+1 < len(bs) {
			bs[k].fieldTo = bs[k+1].fieldFrom
		}
	}
	return bs
}

// readBlock turns a block into a Result, with the page's subject, code and
// date where the block shows none of its own.
func readBlock(lines []line, fl fieldHits, b block, page fieldSet, ev func(line) extractors.Evidence) Result {
	r := Result{List: b.list, Outcome: b.out.outcome, Doubt: b.doubt}
	own := blockFields(lines, fl, b.fieldFrom, b.fieldTo, ev)
	r.Subject, r.USCC, r.QueryDate = own.subject, own.uscc, own.date
	if !r.Subject.OK && r.Subject.Doubt == "" {
		r.Subject = page.subject
	}
	if !r.USCC.OK && r.USCC.Doubt == "" {
		r.USCC = page.uscc
	}
	if !r.QueryDate.OK && r.QueryDate.Doubt == "" {
		r.QueryDate = page.date
	}
	if len(b.heads) > 0 {
		r.Evidence = append(r.Evidence, ev(lines[b.heads[0]]))
		if b.score < 1 {
			r.Doubt = joinDoubt(r.Doubt, fmt.Sprintf("list name read from garbled text %q", extractors.Clip(lines[b.heads[0]].text)))
		}
	}
	for _, i := range b.out.at {
		r.Evidence = append(r.Evidence, ev(lines[i]))
	}
	r.Doubt = joinDoubt(r.Doubt, b.out.doubt)
	return r
}

// mergeSameList makes one Result per list: blocks of one list that the
// document shows apart (a report's summary row and its section) agree, or
// the list's result is unreadable.
func mergeSameList(rs []Result) []Result {
	var order []string
	by := map[string][]Result{}
	for _, r := range rs {
		if _, ok := by[r.List]; !ok {
			order = append(order, r.List)
		}
		by[r.List] = append(by[r.List], r)
	}
	var out []Result
	for _, list := range order {
		g := by[list]
		if len(g) == 1 {
			out = append(out, g[0])
			continue
		}
		var clear, listed, conflict *Result
		for i := range g {
			r := &g[i]
			switch {
			case r.Outcome == Clear && clear == nil:
				clear = r
			case r.Outcome == Listed && listed == nil:
				listed = r
			case r.Outcome == Unreadable && conflict == nil && len(r.Evidence) > 1:
				conflict = r // it read something, not nothing
			}
		}
		m := g[0]
		switch {
		case listed != nil && clear != nil:
			m = *listed
			m.Outcome = Unreadable
			m.Evidence = append(m.Evidence, clear.Evidence...)
			m.Doubt = joinDoubt(m.Doubt, "one part of the page shows no record, another a record")
		case listed != nil:
			m = *listed
		case conflict != nil:
			m = *conflict
		case clear != nil:
			m = *clear
		}
		out = append(out, m)
	}
	return out
}

// AllRead reports whether every block of a reading has its outcome read
// (Clear or Listed) and its list recognised.
func AllRead(blocks []Result) bool {
	for _, b := range blocks {
		if b.List == "" || b.Outcome != Clear && b.Outcome != Listed {
			return false
		}
	}
	return true
}

// Reconcile combines the blocks of two readings of one page (OCR in block
// mode, then with layout analysis): a list the first reading left
// unreadable or did not find takes the second reading's result when that
// one is read; a list the two readings read differently is Unreadable,
// quoting both. The first reading's order is kept, lists only the second
// found follow it.
func Reconcile(first, second []Result) []Result {
	other := map[string]Result{}
	for _, b := range second {
		if b.List != "" && (b.Outcome == Clear || b.Outcome == Listed) {
			if _, dup := other[b.List]; !dup {
				other[b.List] = b
			}
		}
	}
	out := make([]Result, 0, len(first)+len(other))
	seen := map[string]bool{}
	for _, b := range first {
		s, ok := other[b.List]
		seen[b.List] = true
		switch {
		case !ok || b.List == "":
		case b.Outcome != Clear && b.Outcome != Listed:
			b = s
		case b.Outcome != s.Outcome:
			b.Doubt = joinDoubt(b.Doubt, "two OCR readings of the page disagree: "+b.Outcome+" and "+s.Outcome)
			b.Outcome = Unreadable
			b.Evidence = append(b.Evidence, s.Evidence...)
		}
		out = append(out, b)
	}
	for _, b := range second {
		if s, ok := other[b.List]; ok && !seen[b.List] {
			seen[b.List] = true
			out = append(out, s)
		}
	}
	return out
}

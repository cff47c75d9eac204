package credit

import (
	"sort"
	"strings"
)

// whichList returns the list a line names, with the match score, or "".
// The best-matching name wins, so 重大税收违法失信主体 is the tax list even
// though it contains most of 严重失信主体.
func whichList(text string) (string, float64) {
	rs := []rune(text)
	bestList, bestScore, bestLen := "", 0.0, 0
	for _, ln := range listNames {
		for _, n := range ln.names {
			nr := []rune(n)
			s := fuzzyScore(rs, nr)
			if s < 0.8 {
				continue
			}
			if s > bestScore || (s == bestScore && len(nr) > bestLen) {
				bestList, bestScore, bestLen = ln.list, s, len(nr)
			}
		}
	}
	return bestList, bestScore
}

// nameEnd returns the byte offset just after the name of list in text
// (the longest name read word for word, else one read fuzzily), or -1.
func nameEnd(text, list string) int {
	for _, ln := range listNames {
		if ln.list != list {
			continue
		}
		names := append([]string(nil), ln.names...)
		sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
		for _, n := range names {
			if k := strings.Index(text, n); k >= 0 {
				return k + len(n)
			}
		}
		rs := []rune(text)
		for _, n := range names {
			if end, ok := findFuzzy(rs, []rune(n), 0.8); ok {
				return len(string(rs[:end]))
			}
		}
	}
	return -1
}

// span is a list name found word for word in a line.
type span struct {
	a, b int
	list string
}

// nameSpans returns the list names a line holds word for word, longest
// names first where they overlap, in the order of the line.
func nameSpans(text string) []span {
	var spans []span
	type cand struct {
		n    string
		list string
	}
	var cands []cand
	for _, ln := range listNames {
		for _, n := range ln.names {
			cands = append(cands, cand{n, ln.list})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return len(cands[i].n) > len(cands[j].n) })
	for _, c := range cands {
		for off := 0; ; {
			k := strings.Index(text[off:], c.n)
			if k < 0 {
				break
			}
			sp := span{off + k, off + k + len(c.n), c.list}
			overlaps := false
			for _, o := range spans {
				if sp.a < o.b && o.a < sp.b {
					overlaps = true
				}
			}
			if !overlaps {
				spans = append(spans, sp)
			}
			off = sp.b
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].a < spans[j].a })
	return spans
}

// distinctLists counts the different lists among spans.
func distinctLists(spans []span) int {
	seen := map[string]bool{}
	for _, s := range spans {
		seen[s.list] = true
	}
	return len(seen)
}

// containsFuzzy reports whether text holds one of phrases, allowing OCR to
// garble a quarter of a phrase's characters (none of a short one, nor the
// first).
func containsFuzzy(text string, phrases []string) bool {
	_, ok := findPhrase(text, phrases)
	return ok
}

// findPhrase returns the first of phrases text holds (fuzzily, as
// containsFuzzy) and whether one was found.
func findPhrase(text string, phrases []string) (string, bool) {
	for _, p := range phrases {
		if strings.Contains(text, p) {
			return p, true
		}
	}
	rs := []rune(text)
	for _, p := range phrases {
		pr := []rune(p)
		if end, ok := findFuzzy(rs, pr, 0.75); ok && startsAt(rs, pr[0], end, len(pr)) {
			return p, true
		}
	}
	return "", false
}

// startsAt reports whether a fuzzy match ending at end holds the first
// character of the phrase: a phrase such as 未被列入 garbled to 被列入 has
// lost its negation and says the opposite.
func startsAt(text []rune, first rune, end, n int) bool {
	for k := max(0, end-n-1); k < end; k++ {
		if text[k] == first {
			return true
		}
	}
	return false
}

// fuzzyScore is the share of the characters of pat found in order within
// some window of text a little longer than pat.
func fuzzyScore(text, pat []rune) float64 {
	if len(pat) == 0 {
		return 0
	}
	in := map[rune]bool{}
	for _, r := range pat {
		in[r] = true
	}
	best := 0
	w := len(pat) + 2
	for i := range text {
		if !in[text[i]] {
			continue // a best window can start at a character of pat
		}
		j := min(len(text), i+w)
		if n := lcs(text[i:j], pat); n > best {
			best = n
			if best == len(pat) {
				break
			}
		}
	}
	return float64(best) / float64(len(pat))
}

// findFuzzy finds pat in text with at least the share min of its characters
// in order (all of them for patterns of up to three characters) and returns
// the index just after the match.
func findFuzzy(text, pat []rune, share float64) (int, bool) {
	if i := strings.Index(string(text), string(pat)); i >= 0 {
		return len([]rune(string(text)[:i])) + len(pat), true
	}
	if len(pat) <= 3 {
		return 0, false
	}
	need := int(share*float64(len(pat)) + 0.999)
	w := len(pat) + 1
	for i := range text {
		if text[i] != pat[0] && text[i] != pat[1] {
			continue // a match starts with one of the first two characters
		}
		j := min(len(text), i+w)
		if n, end := lcsEnd(text[i:j], pat); n >= need {
			return i + end, true
		}
	}
	return 0, false
}

// lcs is the length of the longest common subsequence of a and b.
func lcs(a, b []rune) int {
	n, _ := lcsEnd(a, b)
	return n
}

// lcsEnd returns the length of the longest common subsequence of a and b
// and the smallest prefix of a that holds it.
func lcsEnd(a, b []rune) (int, int) {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	best, end := 0, 0
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		if cur[len(b)] > best {
			best, end = cur[len(b)], i
		}
		prev, cur = cur, prev
	}
	return best, end
}

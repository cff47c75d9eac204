package variation

import (
	"slices"

	"ruku/lexicon"
)

// Lexicon returns values with the words of the lexicon lists keys added
// (those the lexicon defines), so that every word the extractors are told
// to read is rendered too, next to the wordings beyond the lexicon.
func Lexicon(values []string, keys ...string) []string {
	out := append([]string{}, values...)
	lx := lexicon.Default()
	for _, k := range keys {
		if !slices.Contains(lx.Keys(), k) {
			continue
		}
		for _, w := range lx.Words(k) {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// distinct returns values without repeats, in order.
func distinct(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// noteWords are the lexicon's notes after a party's name: the words that
// open one (以下简称), each rendered as a note naming the lessee, and the
// whole notes (盖章, 承租方).
func noteWords() []string {
	var out []string
	for _, w := range Lexicon(nil, "common.name_notes") {
		out = append(out, "（"+w+"乙方）")
	}
	for _, w := range Lexicon(nil, "common.bracket_notes") {
		out = append(out, "（"+w+"）")
	}
	return out
}

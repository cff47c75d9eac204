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

// noteWords are the lexicon's words that open a note after a party's name
// (以下简称), each rendered as a note naming the lessee.
func noteWords() []string {
	var out []string
	for _, w := range Lexicon(nil, "common.name_notes") {
		out = append(out, "（"+w+"乙方）")
	}
	return out
}

// Package lexicon holds the wording ruku reads documents by: title cues,
// field labels and their synonyms, units, result phrases and stop labels,
// one data file per document kind under data/. Wording is data: adding a
// synonym is one line in a data file plus a test, never new code. The
// files are embedded in the binary; the dossier records the lexicon's
// version and the SHA-256 of its data, so a re-audit knows which wording
// a dossier was read with.
package lexicon

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Version names this lexicon's wording; bump it when data files change
// what is read.
const Version = "lexicon-2026.12.2"

//go:embed data/*.json
var dataFS embed.FS

// Lexicon is a set of named word lists, keyed "kind.name" (for example
// "premises.holder_labels"), read from one JSON file per kind.
type Lexicon struct {
	words  map[string][]string
	sha256 string
}

// file is the layout of one data file: a kind's word lists by name. Notes
// is free text for the people who edit it.
type file struct {
	Notes string              `json:"notes,omitempty"`
	Lists map[string][]string `json:"lists"`
}

// Parse reads a lexicon from data files in fsys matching data/*.json.
func Parse(fsys fs.FS) (*Lexicon, error) {
	names, err := fs.Glob(fsys, "data/*.json")
	if err != nil {
		return nil, fmt.Errorf("lexicon: list data files: %w", err)
	}
	sort.Strings(names)
	h := sha256.New()
	lx := &Lexicon{words: map[string][]string{}}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("lexicon: read %s: %w", name, err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
		h.Write(b)
		var f file
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("lexicon: parse %s: %w", name, err)
		}
		kind := strings.TrimSuffix(path.Base(name), ".json")
		for list, words := range f.Lists {
			if len(words) == 0 {
				return nil, fmt.Errorf("lexicon: %s: list %q is empty", name, list)
			}
			for _, w := range words {
				if strings.TrimSpace(w) == "" {
					return nil, fmt.Errorf("lexicon: %s: list %q has an empty word", name, list)
				}
			}
			lx.words[kind+"."+list] = words
		}
	}
	lx.sha256 = hex.EncodeToString(h.Sum(nil))
	return lx, nil
}

var defaultLexicon = sync.OnceValue(func() *Lexicon {
	lx, err := Parse(dataFS)
	if err != nil {
		panic(err) // a build defect: the embedded data is checked by TestDefault
	}
	return lx
})

// Default returns the embedded lexicon. It is immutable and shared.
func Default() *Lexicon { return defaultLexicon() }

// SHA256 is the hash of the data files, in name order.
func (lx *Lexicon) SHA256() string { return lx.sha256 }

// Words returns the list named key ("kind.name"). A key that no data file
// defines is a programming error and panics, so a typo fails every test
// that reaches it rather than silently reading nothing.
func (lx *Lexicon) Words(key string) []string {
	w, ok := lx.words[key]
	if !ok {
		panic(fmt.Sprintf("lexicon: no list %q", key))
	}
	return w
}

// Keys lists every list key, sorted.
func (lx *Lexicon) Keys() []string {
	keys := make([]string, 0, len(lx.words))
	for k := range lx.words {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Alt returns the words of key as a regular-expression alternation
// (non-capturing group), longest first so that 租赁面积 wins over 面积.
// Words are literal text.
func (lx *Lexicon) Alt(key string) string {
	return Alt(lx.Words(key))
}

// Alt returns words as a non-capturing alternation of literals, longest
// first.
func Alt(words []string) string {
	ws := append([]string(nil), words...)
	sort.SliceStable(ws, func(i, j int) bool { return len([]rune(ws[i])) > len([]rune(ws[j])) })
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = regexp.QuoteMeta(w)
	}
	return "(?:" + strings.Join(q, "|") + ")"
}

// Contains reports whether s contains any word of key.
func (lx *Lexicon) Contains(s, key string) bool {
	for _, w := range lx.Words(key) {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

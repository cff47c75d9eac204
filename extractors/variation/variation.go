// Package variation renders one set of facts about an applicant into
// documents of every kind the pipeline reads, in wordings and layouts drawn
// from many templates: label synonyms, punctuation, units, date forms,
// values wrapped onto the next line, letter-spaced labels, notes in
// brackets, section numbering and orders of columns. Each way a document
// may vary is a Dim, its renderings enumerated as data; a Choice picks one
// rendering per Dim. The tests render thousands of seeded choices and check
// that the real extractors read the same facts back.
//
// Each test keeps a gaps table: the renderings today's extractors do not
// read. Variants are drawn from the renderings outside it and must read
// back every fact; each gap is probed 100 times and must still lose a fact
// in at least one probe, so that the table can only shrink: when an
// extractor learns a rendering, the test fails until its gap is removed.
// VARIATION_SURVEY=1 reports the renderings that lose facts on their own;
// VARIATION_SURVEY=greedy suggests a whole gaps table; VARIATION_N sets the
// number of variants; VARIATION_SHOW=1 prints a rendering of each kind.
package variation

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
)

// Dim is one dimension of variation: its name and the renderings it takes.
type Dim struct {
	Name   string
	Values []string
}

// Choice is one rendering per dimension, by dimension name.
type Choice map[string]string

// Is reports whether the choice renders dimension dim as value v.
func (c Choice) Is(dim, v string) bool { return c[dim] == v }

// String lists the choice in dimension order, for failure messages.
func (c Choice) String() string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s=%s", k, c[k])
	}
	return b.String()
}

// Pick draws one rendering per dimension from dims, never one that skip
// lists for its dimension. A dimension whose renderings are all skipped
// takes its first rendering.
func Pick(r *rand.Rand, dims []Dim, skip map[string][]string) Choice {
	c := Choice{}
	for _, d := range dims {
		var ok []string
		for _, v := range d.Values {
			if !contains(skip[d.Name], v) {
				ok = append(ok, v)
			}
		}
		if len(ok) == 0 {
			ok = d.Values[:1]
		}
		c[d.Name] = ok[r.Intn(len(ok))]
	}
	return c
}

// Find returns the dimension named name in dims.
func Find(dims []Dim, name string) (Dim, bool) {
	for _, d := range dims {
		if d.Name == name {
			return d, true
		}
	}
	return Dim{}, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// pick returns one of xs.
func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.Intn(len(xs))] }

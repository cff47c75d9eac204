package variation

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"ruku/extractors/parse"
)

// miss is a fact the extractor did not read back as rendered.
type miss struct{ fact, want, got string }

func (m miss) String() string { return fmt.Sprintf("%s: want %q, got %q", m.fact, m.want, m.got) }

// kind is one document kind under test: its dimensions, how many variants
// to render, the renderings today's extractors cannot read (gaps) and a
// function that renders a variant, extracts it and compares.
type kind struct {
	name string
	dims []Dim
	n    int
	// gaps maps a dimension to the renderings not read yet; the pseudo
	// dimension "fact" lists facts not read in any rendering.
	gaps map[string][]string
	run  func(r *rand.Rand, c Choice) []miss
}

// gapProbes is how many variants probe each gap: a gap all of whose probes
// pass is read now and must leave the gaps table.
const gapProbes = 100

func seed(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64() >> 1)
}

// safeRun runs k on c; an extractor's panic is a miss of the pseudo fact
// "panic".
func (k kind) safeRun(r *rand.Rand, c Choice) (out []miss) {
	defer func() {
		if e := recover(); e != nil {
			out = []miss{{"panic", "no panic", fmt.Sprint(e)}}
		}
	}()
	return k.run(r, c)
}

func (k kind) misses(r *rand.Rand, c Choice) []miss {
	var out []miss
	for _, m := range k.safeRun(r, c) {
		if !contains(k.gaps["fact"], m.fact) {
			out = append(out, m)
		}
	}
	return out
}

// check runs k: every variant drawn from the renderings outside the gaps
// must read back all facts outside the gaps; every gap must still fail in
// at least one of its probes.
func check(t *testing.T, k kind) {
	t.Helper()
	for dim, vs := range k.gaps {
		if dim == "fact" {
			continue
		}
		d, ok := Find(k.dims, dim)
		if !ok {
			t.Errorf("gaps name dimension %q that %s does not have", dim, k.name)
		}
		for _, v := range vs {
			if !contains(d.Values, v) {
				t.Errorf("gaps name %s=%q that %s does not render", dim, v, k.name)
			}
		}
	}
	r := rand.New(rand.NewSource(seed(k.name)))
	failed := 0
	for i := 0; i < k.n; i++ {
		c := Pick(r, k.dims, k.gaps)
		if ms := k.misses(r, c); len(ms) > 0 {
			failed++
			if failed <= 8 {
				t.Errorf("%s variant %d [%s]: %v", k.name, i, c, ms)
			}
		}
	}
	if failed > 0 {
		t.Errorf("%s: %d of %d variants lost facts", k.name, failed, k.n)
	}
	t.Logf("%s: %d variants over %d dimensions (%d renderings), %d lost facts", k.name, k.n, len(k.dims), renderings(k.dims), failed)

	// every gap must still fail somewhere
	var keys []string
	for dim := range k.gaps {
		keys = append(keys, dim)
	}
	sort.Strings(keys)
	for _, dim := range keys {
		for _, v := range k.gaps[dim] {
			// each gap draws its own probes, whatever ran before
			r := rand.New(rand.NewSource(seed(k.name + " " + dim + "=" + v)))
			lost := 0
			var example string
			for j := 0; j < gapProbes; j++ {
				c := Pick(r, k.dims, k.gaps)
				var ms []miss
				if dim == "fact" {
					for _, m := range k.safeRun(r, c) {
						if m.fact == v {
							ms = append(ms, m)
						}
					}
				} else {
					c[dim] = v
					ms = k.misses(r, c)
				}
				if len(ms) > 0 {
					lost++
					if example == "" {
						example = ms[0].String()
					}
				}
			}
			if lost == 0 {
				t.Errorf("%s gap %s=%q is read in all %d probes now: remove it from the gaps", k.name, dim, v, gapProbes)
				continue
			}
			t.Logf("%s gap %s=%q: %d/%d probes lose facts, e.g. %s", k.name, dim, v, lost, gapProbes, example)
		}
	}
	switch os.Getenv("VARIATION_SURVEY") {
	case "":
	case "greedy":
		greedy(t, k, r)
	default:
		_ = survey(t, k, r)
	}
}

// survey reports, for every rendering, how many variants that render it
// with every other dimension at its first (usual) rendering lose facts,
// and prints the gaps those losses suggest: the tool for writing a gaps
// table. Run with VARIATION_SURVEY=1.
func survey(t *testing.T, k kind, r *rand.Rand) map[string][]string {
	gaps := map[string][]string{}
	base := Choice{}
	for _, d := range k.dims {
		base[d.Name] = d.Values[0]
	}
	var b strings.Builder
	for _, d := range k.dims {
		var bad []string
		for _, v := range d.Values {
			lost := 0
			facts := map[string]int{}
			var example string
			for j := 0; j < gapProbes; j++ {
				c := Choice{}
				for k, x := range base {
					c[k] = x
				}
				c[d.Name] = v
				ms := k.misses(r, c)
				if len(ms) > 0 {
					lost++
					for _, m := range ms {
						facts[m.fact]++
					}
					if example == "" {
						example = fmt.Sprint(ms)
					}
				}
			}
			if lost > 0 {
				gaps[d.Name] = append(gaps[d.Name], v)
				bad = append(bad, fmt.Sprintf("%q", v))
				t.Logf("SURVEY %s %s=%q: %d/%d lose %v e.g. %s", k.name, d.Name, v, lost, gapProbes, facts, example)
			}
		}
		if len(bad) > 0 {
			fmt.Fprintf(&b, "\t%q: {%s},\n", d.Name, strings.Join(bad, ", "))
		}
	}
	t.Logf("SURVEY %s suggested gaps:\n%s", k.name, b.String())
	return gaps
}

// greedy grows a gaps table until random variants outside it read back:
// it adds the rendering whose variants lose facts most often, again and
// again. Run with VARIATION_SURVEY=greedy; a suggestion, to be checked.
func greedy(t *testing.T, k kind, r *rand.Rand) {
	gaps := survey(t, k, r)
	for d, vs := range k.gaps {
		gaps[d] = append(gaps[d], vs...)
	}
	first := map[string]string{}
	for _, d := range k.dims {
		first[d.Name] = d.Values[0]
	}
	for round := 0; round < 80; round++ {
		type key struct{ d, v string }
		seen, lost := map[key]int{}, map[key]int{}
		failed := 0
		k2 := k
		k2.gaps = gaps
		for i := 0; i < 400; i++ {
			c := Pick(r, k.dims, gaps)
			bad := len(k2.misses(r, c)) > 0
			if bad {
				failed++
			}
			for d, v := range c {
				seen[key{d, v}]++
				if bad {
					lost[key{d, v}]++
				}
			}
		}
		if failed == 0 {
			break
		}
		var worst key
		rate := -1.0
		for kk, n := range seen {
			if first[kk.d] == kk.v {
				continue
			}
			if x := float64(lost[kk]) / float64(n); x > rate || x == rate && lost[kk] > lost[worst] {
				worst, rate = kk, x
			}
		}
		t.Logf("GREEDY %s round %d: %d/400 lose; adding %s=%q (%.2f)", k.name, round, failed, worst.d, worst.v, rate)
		gaps[worst.d] = append(gaps[worst.d], worst.v)
	}
	var b strings.Builder
	for _, d := range k.dims {
		if len(gaps[d.Name]) > 0 {
			var q []string
			for _, v := range gaps[d.Name] {
				q = append(q, fmt.Sprintf("%q", v))
			}
			fmt.Fprintf(&b, "\t%q: {%s},\n", d.Name, strings.Join(q, ", "))
		}
	}
	t.Logf("GREEDY %s gaps:\n%s", k.name, b.String())
}

func renderings(dims []Dim) int {
	n := 0
	for _, d := range dims {
		n += len(d.Values)
	}
	return n
}

// variants is how many variants a kind renders: a tenth with -short;
// VARIATION_N overrides, for longer runs.
func variants(n int) int {
	if s := os.Getenv("VARIATION_N"); s != "" {
		var m int
		if _, err := fmt.Sscan(s, &m); err == nil && m > 0 {
			return m
		}
	}
	if testing.Short() {
		return n / 10
	}
	return n
}

// facts compares what came back with what was rendered.
type facts []miss

// norm is a name or text as compared: NFKC, no spaces, half-width brackets.
func norm(s string) string {
	return strings.Join(strings.Fields(parse.Norm(strings.NewReplacer("（", "(", "）", ")").Replace(s))), "")
}

func (fs *facts) str(fact, want, got string, ok bool) {
	if !ok || norm(want) != norm(got) {
		*fs = append(*fs, miss{fact, want, show(got, ok)})
	}
}

func (fs *facts) date(fact string, want, got time.Time, ok bool) {
	if !ok || !want.Equal(got) {
		*fs = append(*fs, miss{fact, want.Format("2006-01-02"), show(got.Format("2006-01-02"), ok)})
	}
}

func (fs *facts) num(fact string, want, got float64, ok bool) {
	if !ok || math.Abs(want-got) > 0.011 {
		*fs = append(*fs, miss{fact, fmt.Sprint(want), show(fmt.Sprint(got), ok)})
	}
}

func (fs *facts) int(fact string, want, got int, ok bool) {
	if !ok || want != got {
		*fs = append(*fs, miss{fact, fmt.Sprint(want), show(fmt.Sprint(got), ok)})
	}
}

func show(s string, ok bool) string {
	if !ok {
		return "(not read)"
	}
	return s
}

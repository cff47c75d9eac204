package reaudit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// JSON encodes the report, indented, with a final newline.
func (r *Report) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encode reaudit report: %w", err)
	}
	return b.Bytes(), nil
}

// WriteTable writes the report as a table, one row per bundle, then the
// summary. Bundles whose verdict changed are marked with "*".
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "\tBUNDLE\tSHA256\tBEFORE\tAFTER (%s)\tCHANGED CRITERIA\n", r.RulesDir)
	for _, b := range r.Bundles {
		mark := ""
		if b.VerdictChanged {
			mark = "*"
		}
		before, after := "(none)", "(failed)"
		if b.Before != nil {
			before = b.Before.Verdict + " [" + b.Before.RulesDir + "]"
		}
		if b.After != nil {
			after = b.After.Verdict
		}
		var crit []string
		for _, c := range b.Criteria {
			s := fmt.Sprintf("%s %s→%s", c.ID, orDash(string(c.Before)), orDash(string(c.After)))
			if c.ObservedBefore != c.ObservedAfter && c.Before == c.After {
				s += fmt.Sprintf(" (observed %s→%s)", orDash(c.ObservedBefore), orDash(c.ObservedAfter))
			}
			crit = append(crit, s)
		}
		changed := strings.Join(crit, ", ")
		if changed == "" {
			changed = "-"
		}
		if b.Error != "" {
			changed += "  error: " + oneLine(b.Error)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", mark, b.Bundle, short(b.SHA256), before, after, changed)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write reaudit table: %w", err)
	}
	s := r.Summary
	var tr []string
	for k, v := range s.Transitions {
		tr = append(tr, fmt.Sprintf("%s: %d", k, v))
	}
	sort.Strings(tr)
	_, err := fmt.Fprintf(w, "\n%s re-audited under %s: %s changed, %d with changed criteria, %d new, %s\n",
		plural(s.Bundles, "bundle"), r.RulesDir, plural(s.VerdictChanged, "verdict"), s.CriteriaChanged, s.New, plural(s.Errors, "error"))
	if err == nil && len(tr) > 0 {
		_, err = fmt.Fprintf(w, "  %s\n", strings.Join(tr, "; "))
	}
	if err != nil {
		return fmt.Errorf("write reaudit table: %w", err)
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Bar is a Progress drawn as a one-line bar, redrawn in place with "\r"
// (meant for stderr): "[=======>      ] 7/20 35% pub_07 0:42".
type Bar struct {
	W     io.Writer
	Width int // of the bar itself (default 30)
	Now   func() time.Time

	mu          sync.Mutex
	total, done int
	start       time.Time
}

// Start begins the bar.
func (b *Bar) Start(total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.total, b.done, b.start = total, 0, b.now()
	b.draw("")
}

// Done advances the bar by one bundle.
func (b *Bar) Done(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	b.draw(name)
}

// Finish ends the bar's line.
func (b *Bar) Finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	fmt.Fprintln(b.W)
}

func (b *Bar) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

func (b *Bar) draw(name string) {
	width := b.Width
	if width <= 0 {
		width = 30
	}
	frac := 1.0
	if b.total > 0 {
		frac = float64(b.done) / float64(b.total)
	}
	fill := int(frac * float64(width))
	bar := strings.Repeat("=", fill)
	if fill < width {
		bar += ">" + strings.Repeat(" ", width-fill-1)
	}
	el := b.now().Sub(b.start).Round(time.Second)
	if len([]rune(name)) > 24 {
		name = string([]rune(name)[:23]) + "…"
	}
	fmt.Fprintf(b.W, "\r[%s] %d/%d %3.0f%% %-24s %s", bar, b.done, b.total, frac*100, name, el)
}

package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Layout tuning, relative to the font size of the glyphs involved.
const (
	lineTolerance = 0.45 // glyph centres closer than this × size are one line
	centreHeight  = 0.4  // a glyph's centre is this × size above its baseline
	spaceGap      = 0.3  // a horizontal gap wider than this × size is a space
	duplicateDist = 0.15 // the same glyph drawn again within this × size is fake bold
)

// rotate turns a point or vector by quarter turns clockwise.
func rotate(x, y float64, quarters int) (float64, float64) {
	switch ((quarters % 4) + 4) % 4 {
	case 1:
		return y, -x
	case 2:
		return -x, -y
	case 3:
		return -y, x
	}
	return x, y
}

// lineGlyph is a glyph in reading coordinates: x grows along the line, y
// grows up the page.
type lineGlyph struct {
	x, y, ex float64
	size     float64
	text     string
	space    bool
}

// layoutLines turns positioned glyphs into reading-order lines. pageRotate
// is the page's /Rotate in degrees.
func layoutLines(gl []placed, pageRotate int) []string {
	if len(gl) == 0 {
		return nil
	}
	q := pageRotate / 90
	// Dominant writing direction, after the page rotation.
	var dirs [4]int
	for _, g := range gl {
		dx, dy := rotate(g.ex-g.x, g.ey-g.y, q)
		if dx == 0 && dy == 0 {
			// no advance: the direction is the up vector turned clockwise
			dx, dy = rotate(g.ux, g.uy, q)
			dx, dy = dy, -dx
		}
		switch {
		case math.Abs(dx) >= math.Abs(dy) && dx >= 0:
			dirs[0]++
		case math.Abs(dx) >= math.Abs(dy):
			dirs[2]++
		case dy > 0:
			dirs[1]++ // writing upwards: turn clockwise once more
		default:
			dirs[3]++
		}
	}
	best := 0
	for d := 1; d < 4; d++ {
		if dirs[d] > dirs[best] {
			best = d
		}
	}
	q += best
	lg := make([]lineGlyph, 0, len(gl))
	for _, g := range gl {
		x, y := rotate(g.x, g.y, q)
		ex, _ := rotate(g.ex, g.ey, q)
		size := math.Hypot(g.ux, g.uy)
		if size < 0.5 || math.IsNaN(size) || math.IsInf(size, 0) {
			size = 0.5
		}
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
			continue
		}
		if math.IsNaN(ex) || math.IsInf(ex, 0) {
			ex = x
		}
		// Group by the glyph's vertical centre rather than its baseline,
		// so that a larger label and smaller figures centred in one table
		// row stay together while a small stamp just below a line does not.
		y += centreHeight * size
		lg = append(lg, lineGlyph{x: x, y: y, ex: ex, size: size, text: g.text, space: g.space})
	}
	return groupLines(lg)
}

// run is a stretch of glyphs drawn one after another along one baseline.
type run struct {
	glyphs []lineGlyph
	x0, x1 float64 // horizontal extent
	y      float64 // vertical centre of the first glyph
	size   float64
	text   string // concatenated text, to spot overprinting
}

// maxLineLookback bounds how many recent lines a run may join, and
// maxOverlapChecks how many runs of a line it is checked against.
const (
	maxLineLookback  = 8
	maxOverlapChecks = 256
)

// groupLines forms runs from glyphs in drawing order, then assigns runs
// top to bottom to lines: a run joins a recent line whose centre is within
// tolerance and none of whose runs it overlaps horizontally (text that
// overlaps is on another line, such as a seal over a signature line); a
// run overprinting an identical run (fake bold) is dropped.
func groupLines(lg []lineGlyph) []string {
	var runs []*run
	var cur *run
	for i := range lg {
		g := lg[i]
		if cur != nil {
			last := cur.glyphs[len(cur.glyphs)-1]
			gap := g.x - last.ex
			if math.Abs(g.y-last.y) <= 0.1*g.size && math.Abs(g.size-last.size) <= 0.05*g.size && gap > -0.2*g.size && gap <= spaceGap*g.size {
				cur.glyphs = append(cur.glyphs, g)
				cur.x1 = math.Max(cur.x1, math.Max(g.x, g.ex))
				cur.x0 = math.Min(cur.x0, math.Min(g.x, g.ex))
				cur.text += g.text
				continue
			}
		}
		cur = &run{glyphs: []lineGlyph{g}, x0: math.Min(g.x, g.ex), x1: math.Max(g.x, g.ex), y: g.y, size: g.size, text: g.text}
		runs = append(runs, cur)
	}
	sort.SliceStable(runs, func(i, j int) bool {
		if runs[i].y != runs[j].y {
			return runs[i].y > runs[j].y
		}
		return runs[i].x0 < runs[j].x0
	})
	type line struct {
		y    float64
		size float64
		runs []*run
	}
	var lines []*line
Runs:
	for _, r := range runs {
		if isBlank(r.text) {
			// spaces alone never decide a line; attach to the nearest
			// line within tolerance, if any
			for k := len(lines) - 1; k >= 0 && k >= len(lines)-maxLineLookback; k-- {
				l := lines[k]
				if l.y-r.y <= lineTolerance*math.Min(l.size, r.size) {
					l.runs = append(l.runs, r)
					continue Runs
				}
			}
			continue
		}
	Lines:
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-maxLineLookback; k-- {
			l := lines[k]
			if l.y-r.y > lineTolerance*math.Min(l.size, r.size) {
				continue
			}
			// Runs arrive top to bottom and left to right, so the runs
			// that may overlap r are the recent ones; checking only those
			// keeps pages with very many runs linear.
			for _, o := range l.runs[max(0, len(l.runs)-maxOverlapChecks):] {
				size := math.Min(o.size, r.size)
				if math.Min(o.x1, r.x1)-math.Max(o.x0, r.x0) <= 0.3*size {
					continue
				}
				if o.text == r.text && math.Abs(o.x0-r.x0) < duplicateDist*size*float64(len(o.glyphs)) {
					continue Runs // overprinted
				}
				continue Lines
			}
			l.runs = append(l.runs, r)
			continue Runs
		}
		lines = append(lines, &line{y: r.y, size: r.size, runs: []*run{r}})
	}
	var out []string
	var buf []lineGlyph
	for _, l := range lines {
		buf = buf[:0]
		for _, r := range l.runs {
			buf = append(buf, r.glyphs...)
		}
		if s := joinLine(buf); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isBlank(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// joinLine joins the glyphs of one visual line, left to right.
func joinLine(line []lineGlyph) string {
	sort.SliceStable(line, func(i, j int) bool { return line[i].x < line[j].x })
	var b strings.Builder
	var prev *lineGlyph
	pending := false
	for i := range line {
		g := &line[i]
		if g.space {
			if prev != nil {
				pending = true
			}
			continue
		}
		if prev != nil {
			size := math.Min(prev.size, g.size)
			if g.text == prev.text && math.Abs(g.x-prev.x) < duplicateDist*size && math.Abs(g.y-prev.y) < duplicateDist*size {
				continue // overprinted (fake bold or shadow)
			}
			if pending || g.x-prev.ex > spaceGap*size {
				b.WriteByte(' ')
			}
		}
		pending = false
		if g.text == "" {
			b.WriteRune(unicode.ReplacementChar)
		} else {
			b.WriteString(g.text)
		}
		prev = g
	}
	return normalize(b.String())
}

// normalize applies NFKC, turns every run of white space into one space
// and trims the ends. It also folds the katakana middle dot U+30FB, which
// old GB2312 tables use for 0xA1A4, to U+00B7 as poppler does through
// Adobe-GB1.
func normalize(s string) string {
	s = norm.NFKC.String(s)
	s = strings.ReplaceAll(s, "\u30fb", "\u00b7")
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

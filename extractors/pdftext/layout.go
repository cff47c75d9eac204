package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
	"ruku/extractors/parse"
)

// Layout tuning, relative to the font size of the glyphs involved.
const (
	lineTolerance = 0.45 // glyph centres closer than this × size are one line
	centreHeight  = 0.4  // a glyph's centre is this × size above its baseline
	spaceGap      = 0.3  // a horizontal gap wider than this × size is a space
	duplicateDist = 0.15 // the same glyph drawn again within this × size is fake bold
	// baselineTolerance: glyphs of any sizes on baselines closer than this
	// × the smaller size are one line
	baselineTolerance = 0.05
	// runOverlap: a glyph drawn up to this × size back over the previous
	// one (tight CJK kerning) continues its run; further back starts another
	runOverlap = 0.4
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
	base     float64 // baseline height in reading coordinates
	top      float64 // height of the origin on the displayed page
	text     string
	space    bool
	src      int32 // index of the glyph among those readingFrame was given, to place it (frame.box)
}

// angleSnap: writing directions within this many degrees of a quarter
// turn are taken as that quarter turn.
const angleSnap = 2

// direction is the writing direction of g in whole degrees [0, 360),
// counterclockwise from the displayed page's x axis; q is the page's
// rotation in quarter turns.
func direction(g placed, q int) int {
	dx, dy := rotate(g.ex-g.x, g.ey-g.y, q)
	if dx == 0 && dy == 0 {
		// no advance: the direction is the up vector turned clockwise
		ux, uy := rotate(g.ux, g.uy, q)
		dx, dy = uy, -ux
	}
	a := math.Atan2(dy, dx) * 180 / math.Pi
	if math.IsNaN(a) {
		return 0
	}
	d := (int(math.Round(a)) + 360) % 360
	for quarter := 0; quarter <= 360; quarter += 90 {
		if d >= quarter-angleSnap && d <= quarter+angleSnap {
			return quarter % 360
		}
	}
	return d
}

// turn rotates (x, y) clockwise by deg degrees, exactly for quarter turns.
func turn(x, y float64, deg int) (float64, float64) {
	if deg%90 == 0 {
		return rotate(x, y, deg/90)
	}
	s, c := math.Sincos(float64(deg) * math.Pi / 180)
	return x*c + y*s, -x*s + y*c
}

// dirGroup is the glyphs of a page written in one direction.
type dirGroup struct {
	deg    int
	glyphs []placed
	lines  []textLine
}

// textLine is a laid-out line and the height on the displayed page of its
// highest glyph origin, by which lines of different directions interleave.
type textLine struct {
	text  string
	top   float64
	boxes []extractors.Box // one per rune of text, or one for the whole line; nil without a frame
}

// layoutLines turns positioned glyphs into reading-order lines. pageRotate
// is the page's /Rotate in degrees. Glyphs are grouped by writing
// direction (horizontal text, vertical columns, a table set at an angle);
// each group is read in its own frame, and the groups' lines are merged
// from the top of the page down, each group keeping its own order. With a
// frame (the page's MediaBox), it also returns the boxes of each line's
// characters on the page image (see extractors.Page.Boxes); without, the
// boxes are nil.
func layoutLines(gl []placed, pageRotate int, fr *frame) ([]string, [][]extractors.Box) {
	if len(gl) == 0 {
		return nil, nil
	}
	q := pageRotate / 90
	var groups []*dirGroup
	byDeg := map[int]*dirGroup{}
	for _, g := range gl {
		d := direction(g, q)
		grp := byDeg[d]
		if grp == nil {
			grp = &dirGroup{deg: d}
			byDeg[d] = grp
			groups = append(groups, grp)
		}
		grp.glyphs = append(grp.glyphs, g)
	}
	// The most common direction wins ties.
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].glyphs) > len(groups[j].glyphs) })
	for _, grp := range groups {
		lg := readingFrame(grp.glyphs, q, grp.deg)
		var place func(int32) extractors.Box
		if fr != nil {
			glyphs := grp.glyphs
			place = func(i int32) extractors.Box { return fr.box(glyphs[i]) }
		}
		if grp.deg != 270 {
			grp.lines = groupLines(lg, place)
			continue
		}
		for _, tier := range tiers(lg) {
			grp.lines = append(grp.lines, groupLines(tier, place)...)
		}
	}
	var out []string
	var boxes [][]extractors.Box
	if fr != nil {
		boxes = [][]extractors.Box{}
	}
	for {
		var next *dirGroup
		for _, grp := range groups {
			if len(grp.lines) > 0 && (next == nil || grp.lines[0].top > next.lines[0].top) {
				next = grp
			}
		}
		if next == nil {
			return out, boxes
		}
		out = append(out, next.lines[0].text)
		if fr != nil {
			boxes = append(boxes, next.lines[0].boxes)
		}
		next.lines = next.lines[1:]
	}
}

// tierGap is the blank band, in multiples of the median glyph size, that
// separates tiers of vertical writing.
const tierGap = 1.5

// tiers splits vertical writing (in reading coordinates, columns as
// lines) at blank bands that cross the whole page, as in a page set in two
// tiers of columns, so that each tier is read on its own, top tier first.
// Horizontal text is never split this way: a table's columns leave such
// bands too, and its rows must stay whole.
func tiers(lg []lineGlyph) [][]lineGlyph {
	type span struct{ x0, x1 float64 }
	var spans []span
	var sizes []float64
	for _, g := range lg {
		if g.space {
			continue
		}
		spans = append(spans, span{math.Min(g.x, g.ex), math.Max(g.x, g.ex)})
		sizes = append(sizes, g.size)
	}
	if len(spans) < 2 {
		return [][]lineGlyph{lg}
	}
	sort.Float64s(sizes)
	gap := tierGap * sizes[len(sizes)/2]
	sort.Slice(spans, func(i, j int) bool { return spans[i].x0 < spans[j].x0 })
	var cuts []float64
	end := spans[0].x1
	for _, sp := range spans[1:] {
		if sp.x0-end >= gap {
			cuts = append(cuts, (sp.x0+end)/2)
		}
		end = math.Max(end, sp.x1)
	}
	if len(cuts) == 0 {
		return [][]lineGlyph{lg}
	}
	out := make([][]lineGlyph, len(cuts)+1)
	for _, g := range lg {
		i := sort.SearchFloat64s(cuts, g.x)
		out[i] = append(out[i], g)
	}
	return out
}

// readingFrame turns glyphs written in direction deg on a page rotated by
// q quarter turns into reading coordinates.
func readingFrame(gl []placed, q, deg int) []lineGlyph {
	lg := make([]lineGlyph, 0, len(gl))
	for i, g := range gl {
		x, top := rotate(g.x, g.y, q)
		x, y := turn(x, top, deg)
		ex, ey := rotate(g.ex, g.ey, q)
		ex, _ = turn(ex, ey, deg)
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
		lg = append(lg, lineGlyph{x: x, y: y + centreHeight*size, base: y, ex: ex, size: size, top: top, text: g.text, space: g.space, src: int32(i)})
	}
	return lg
}

// run is a stretch of glyphs drawn one after another along one baseline.
type run struct {
	glyphs []lineGlyph
	x0, x1 float64 // horizontal extent
	y      float64 // vertical centre of the first glyph
	base   float64 // baseline of the first glyph
	size   float64
	text   string // concatenated text, to spot overprinting
}

// overrunStep: a glyph placed at least this × size after the origin of
// the run's last glyph continues the run however far that glyph's advance
// reaches (see overrun).
const overrunStep = 0.3

// overrun reports whether g, drawn after the run on its baseline, continues
// it although the advances of the run's last glyphs reach past g: text
// placed glyph by glyph with explicit moves (Td per character, as
// typesetting systems export it) whose font widths do not match the
// glyphs shown, such as GB2312 byte pairs behind a WinAnsi font, each
// followed by a space byte. g must start well after the origin of the
// last glyph that is not blank. The advance g covers is cut back to where
// g starts, so that it does not overlap g.
func (r *run) overrun(g lineGlyph) bool {
	k := len(r.glyphs) - 1
	for k >= 0 && r.glyphs[k].space {
		k--
	}
	if k < 0 || g.x-r.glyphs[k].x < overrunStep*g.size {
		return false
	}
	if r.glyphs[k].ex > g.x {
		r.glyphs[k].ex = g.x
	}
	return true
}

// dropCovered drops the blank glyphs at the end of the run that g, drawn
// next, starts before or on: a space byte after each character placed one
// by one, or a space of no width, is no gap.
func (r *run) dropCovered(g lineGlyph) {
	for n := len(r.glyphs); n > 1 && r.glyphs[n-1].space && r.glyphs[n-1].x > g.x-0.1*g.size; n-- {
		r.text = r.text[:len(r.text)-len(r.glyphs[n-1].text)]
		r.glyphs = r.glyphs[:n-1]
	}
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
//
// With place, which gives the box of a glyph from its src, each line also
// has its boxes (see joinLine).
func groupLines(lg []lineGlyph, place func(int32) extractors.Box) []textLine {
	var runs []*run
	var cur *run
	for i := range lg {
		g := lg[i]
		if cur != nil {
			last := cur.glyphs[len(cur.glyphs)-1]
			gap := g.x - last.ex
			along := math.Abs(g.y-last.y) <= 0.1*g.size && math.Abs(g.size-last.size) <= 0.05*g.size
			if along && gap <= spaceGap*g.size && (gap > -runOverlap*g.size || cur.overrun(g)) {
				cur.dropCovered(g)
				cur.glyphs = append(cur.glyphs, g)
				cur.x1 = math.Max(cur.x1, math.Max(g.x, g.ex))
				cur.x0 = math.Min(cur.x0, math.Min(g.x, g.ex))
				cur.text += g.text
				continue
			}
		}
		cur = &run{glyphs: []lineGlyph{g}, x0: math.Min(g.x, g.ex), x1: math.Max(g.x, g.ex), y: g.y, base: g.base, size: g.size, text: g.text}
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
		base float64
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
			// Centres close, or one baseline (a small symbol before a
			// heading).
			size := math.Min(l.size, r.size)
			if l.y-r.y > lineTolerance*size && math.Abs(l.base-r.base) > baselineTolerance*size {
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
		lines = append(lines, &line{y: r.y, base: r.base, size: r.size, runs: []*run{r}})
	}
	// Punctuation on a line of its own beside a line of text, in the gaps
	// between its glyphs, is that line's: marks a converter drew in a pass
	// of their own, in a font whose em reads small or placed where they
	// are inked, a little off the baseline.
	for k := 0; k < len(lines); k++ {
		p := lines[k]
		if !punctOnly(p.runs) {
			continue
		}
		best := -1
		for _, j := range []int{k - 1, k + 1} {
			if j < 0 || j >= len(lines) || punctOnly(lines[j].runs) {
				continue
			}
			l := lines[j]
			if math.Abs(p.base-l.base) > punctBand*l.size || glyphsOverlap(p.runs, l.runs) {
				continue
			}
			if best < 0 || math.Abs(p.base-l.base) < math.Abs(p.base-lines[best].base) {
				best = j
			}
		}
		if best >= 0 {
			lines[best].runs = append(lines[best].runs, p.runs...)
			lines = append(lines[:k], lines[k+1:]...)
			k--
		}
	}
	var out []textLine
	var buf []lineGlyph
	for _, l := range lines {
		buf = buf[:0]
		top := math.Inf(-1)
		for _, r := range l.runs {
			buf = append(buf, r.glyphs...)
			for _, g := range r.glyphs {
				top = math.Max(top, g.top)
			}
		}
		if s, bx := joinLine(buf, place); s != "" {
			out = append(out, textLine{text: s, top: top, boxes: bx})
		}
	}
	return out
}

// punctBand: punctuation whose baseline is within this × size of a
// line's may join it.
const punctBand = 0.5

// maxPunctGlyphs bounds the punctuation-only lines merged into another.
const maxPunctGlyphs = 64

// punctOnly reports whether runs show punctuation and blanks only, at
// most maxPunctGlyphs glyphs.
func punctOnly(runs []*run) bool {
	n := 0
	for _, r := range runs {
		for _, g := range r.glyphs {
			if g.space {
				continue
			}
			if n++; n > maxPunctGlyphs || g.text == "" {
				return false
			}
			for _, c := range g.text {
				if !unicode.IsPunct(c) {
					return false
				}
			}
		}
	}
	return n > 0
}

// glyphsOverlap reports whether a glyph of a (a few) overlaps a glyph of
// b by more than 0.3 × the smaller size; blanks aside.
func glyphsOverlap(a, b []*run) bool {
	for _, ra := range a {
		for _, g := range ra.glyphs {
			if g.space {
				continue
			}
			for _, rb := range b {
				if math.Min(ra.x1, rb.x1)-math.Max(ra.x0, rb.x0) <= 0 {
					continue
				}
				for _, h := range rb.glyphs {
					if h.space {
						continue
					}
					size := math.Min(g.size, h.size)
					if math.Min(math.Max(g.x, g.ex), math.Max(h.x, h.ex))-math.Max(math.Min(g.x, g.ex), math.Min(h.x, h.ex)) > 0.3*size {
						return true
					}
				}
			}
		}
	}
	return false
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

// joinLine joins the glyphs of one visual line, left to right. With place,
// it also returns the glyphs' boxes, one per rune of the line (a zero box
// for a space put in for a gap), or the whole line's box when the text
// and its boxes could not be kept aligned through normalisation.
func joinLine(line []lineGlyph, place func(int32) extractors.Box) (string, []extractors.Box) {
	boxes := place != nil
	sort.SliceStable(line, func(i, j int) bool { return line[i].x < line[j].x })
	var b strings.Builder
	var bx []extractors.Box // one per rune written to b
	var prev, space *lineGlyph
	pending := false
	for i := range line {
		g := &line[i]
		if g.space {
			if prev != nil {
				pending, space = true, g
			}
			continue
		}
		// a space of no width, or one the glyph after it covers in good
		// part (a space byte after each character placed one by one), is
		// no gap
		if pending {
			if w := space.ex - space.x; w < 0.1*space.size || g.x-space.x < 0.6*w {
				pending = false
			}
		}
		if prev != nil {
			size := math.Min(prev.size, g.size)
			if g.text == prev.text && math.Abs(g.x-prev.x) < duplicateDist*size && math.Abs(g.y-prev.y) < duplicateDist*size {
				continue // overprinted (fake bold or shadow)
			}
			if pending || g.x-prev.ex > spaceGap*size {
				b.WriteByte(' ')
				if boxes {
					bx = append(bx, extractors.Box{})
				}
			}
		}
		pending = false
		if g.text == "" {
			b.WriteRune(unicode.ReplacementChar)
		} else {
			b.WriteString(g.text)
		}
		if boxes {
			b := place(g.src)
			for range max(utf8.RuneCountInString(g.text), 1) {
				bx = append(bx, b)
			}
		}
		prev = g
	}
	raw := b.String()
	text := normalize(raw)
	if !boxes || text == "" {
		return text, nil
	}
	t, nb := extractors.NormalizeBoxes(raw, bx, parse.FoldLookAlike)
	if t != text || len(nb) == 0 {
		return text, []extractors.Box{extractors.UnionBoxes(bx)}
	}
	return text, nb
}

// normalize applies NFKC, turns every run of white space into one space
// and trims the ends. It also folds look-alike punctuation to the one form
// every reader of ruku gives (parse.FoldLookAlike): the katakana middle
// dot U+30FB, which old GB2312 tables use for 0xA1A4, and the other middle
// dots to U+00B7 as poppler does through Adobe-GB1.
func normalize(s string) string {
	s = parse.FoldLookAlikes(norm.NFKC.String(s))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

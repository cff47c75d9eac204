package pdftext

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
)

// This file builds minimal TrueType font programs (only the tables the
// text decoder reads: cmap, maxp, post) and the test PDFs that embed them.

// ttSub is one cmap subtable to write: its platform, encoding and bytes.
type ttSub struct {
	platform, encoding uint16
	data               []byte
}

// be appends big-endian 16- and 32-bit values to a byte slice.
type be []byte

// u16 appends 16-bit values.
func (b be) u16(v ...uint16) be {
	for _, x := range v {
		b = binary.BigEndian.AppendUint16(b, x)
	}
	return b
}

// u32 appends 32-bit values.
func (b be) u32(v ...uint32) be {
	for _, x := range v {
		b = binary.BigEndian.AppendUint32(b, x)
	}
	return b
}

// buildSFNT writes a TrueType table directory and the tables, each padded
// to four bytes.
func buildSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := uint16(len(tags))
	out := be(nil).u32(0x00010000).u16(n, 16, 0, n*16-16)
	off := 12 + 16*len(tags)
	var body []byte
	for _, t := range tags {
		d := tables[t]
		out = append(out, t...)
		out = out.u32(0, uint32(off+len(body)), uint32(len(d)))
		body = append(body, d...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(out, body...)
}

// buildCmap writes a cmap table with the given subtables.
func buildCmap(subs ...ttSub) []byte {
	out := be(nil).u16(0, uint16(len(subs)))
	off := 4 + 8*len(subs)
	var body []byte
	for _, s := range subs {
		out = out.u16(s.platform, s.encoding).u32(uint32(off + len(body)))
		body = append(body, s.data...)
	}
	return append(out, body...)
}

// buildMaxp writes a version 0.5 maxp table.
func buildMaxp(numGlyphs uint16) []byte { return be(nil).u32(0x00005000).u16(numGlyphs) }

// cmapSegment is one format 4 segment: codes start..end with either a
// delta or explicit glyph ids (ids != nil: written through idRangeOffset).
type cmapSegment struct {
	start, end uint16
	delta      uint16
	ids        []uint16
}

// buildFormat4 writes a format 4 subtable mapping codes to glyphs. With
// rangeOffset set every run of consecutive codes becomes one segment with
// its glyph ids in glyphIdArray; otherwise runs of consecutive codes and
// glyphs become idDelta segments.
func buildFormat4(m map[uint16]uint16, rangeOffset bool) []byte {
	codes := make([]int, 0, len(m))
	for c := range m {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	var segs []cmapSegment
	for _, c := range codes {
		g := m[uint16(c)]
		if k := len(segs) - 1; k >= 0 && int(segs[k].end)+1 == c {
			s := &segs[k]
			if rangeOffset {
				s.end++
				s.ids = append(s.ids, g)
				continue
			}
			if uint16(c)+s.delta == g {
				s.end++
				continue
			}
		}
		s := cmapSegment{start: uint16(c), end: uint16(c), delta: g - uint16(c)}
		if rangeOffset {
			s.delta, s.ids = 0, []uint16{g}
		}
		segs = append(segs, s)
	}
	segs = append(segs, cmapSegment{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	var ends, starts, deltas, ros, glyphs be
	for i, s := range segs {
		ends, starts, deltas = ends.u16(s.end), starts.u16(s.start), deltas.u16(s.delta)
		if s.ids == nil {
			ros = ros.u16(0)
			continue
		}
		// distance from this idRangeOffset entry to the segment's ids
		ros = ros.u16(uint16(2*(n-i) + len(glyphs)))
		glyphs = glyphs.u16(s.ids...)
	}
	body := append(append(append(append(ends.u16(0), starts...), deltas...), ros...), glyphs...)
	return append(be(nil).u16(4, uint16(14+len(body)), 0, uint16(2*n), 0, 0, 0), body...)
}

// buildFormat12 writes a format 12 subtable of {start, end, startGlyph}
// groups.
func buildFormat12(groups [][3]uint32) []byte {
	out := be(nil).u16(12, 0).u32(uint32(16+12*len(groups)), 0, uint32(len(groups)))
	for _, g := range groups {
		out = out.u32(g[0], g[1], g[2])
	}
	return out
}

// buildPost2 writes a post format 2 table naming glyphs 0..len(names)-1
// with custom names (none of the standard Macintosh indexes).
func buildPost2(names []string) []byte {
	out := be(nil).u32(0x00020000, 0, 0, 0, 0, 0, 0, 0).u16(uint16(len(names)))
	for i := range names {
		out = out.u16(uint16(258 + i))
	}
	for _, n := range names {
		out = append(out, byte(len(n)))
		out = append(out, n...)
	}
	return out
}

// glyphPlan assigns glyph ids to the distinct characters of some texts:
// the i-th new character gets gid(i).
type glyphPlan struct {
	gids  map[rune]uint16
	order []rune
}

// planGlyphs collects the characters of texts in order of appearance.
func planGlyphs(gid func(i int) uint16, texts ...string) glyphPlan {
	p := glyphPlan{gids: map[rune]uint16{}}
	for _, t := range texts {
		for _, r := range t {
			if _, ok := p.gids[r]; !ok {
				p.gids[r] = gid(len(p.order))
				p.order = append(p.order, r)
			}
		}
	}
	return p
}

// bmp returns the plan's BMP characters as a code -> glyph map.
func (p glyphPlan) bmp() map[uint16]uint16 {
	m := map[uint16]uint16{}
	for r, g := range p.gids {
		if r <= 0xFFFF {
			m[uint16(r)] = g
		}
	}
	return m
}

// groups returns the plan as format 12 groups, one per character.
func (p glyphPlan) groups() [][3]uint32 {
	var gs [][3]uint32
	for r, g := range p.gids {
		gs = append(gs, [3]uint32{uint32(r), uint32(r), uint32(g)})
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i][0] < gs[j][0] })
	return gs
}

// maxGID is the highest glyph id of the plan.
func (p glyphPlan) maxGID() uint16 {
	m := uint16(0)
	for _, g := range p.gids {
		m = max(m, g)
	}
	return m
}

// cellTexts returns the texts of cells.
func cellTexts(cells []cell) []string {
	var out []string
	for _, c := range cells {
		out = append(out, c.text)
	}
	return out
}

// ttCIDFontOpts describes a Type0 font over an embedded CIDFontType2.
type ttCIDFontOpts struct {
	program  []byte
	ordering string          // CIDSystemInfo Ordering
	cidOf    map[rune]int    // character -> CID shown
	gidOf    map[rune]uint16 // character -> glyph, for a CIDToGIDMap stream; nil = Identity
}

// ttCIDFont writes an Identity-H Type0 font over an embedded CIDFontType2
// without ToUnicode and returns its object number.
func ttCIDFont(w *pdfWriter, o ttCIDFontOpts) int {
	ff := w.add(stream(fmt.Sprintf("/Length1 %d", len(o.program)), o.program, true))
	fd := w.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+TestHei /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>", ff))
	var wb strings.Builder
	cids := make([]int, 0, len(o.cidOf))
	for r, c := range o.cidOf {
		if r < 0x80 {
			cids = append(cids, c)
		}
	}
	sort.Ints(cids)
	for _, c := range cids {
		fmt.Fprintf(&wb, "%d [500] ", c)
	}
	c2g := "/Identity"
	if o.gidOf != nil {
		maxCID := 0
		for _, c := range o.cidOf {
			maxCID = max(maxCID, c)
		}
		m := make([]byte, 2*(maxCID+1))
		for r, c := range o.cidOf {
			binary.BigEndian.PutUint16(m[2*c:], o.gidOf[r])
		}
		c2g = fmt.Sprintf("%d 0 R", w.add(stream("", m, true)))
	}
	cf := w.add(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+TestHei /CIDSystemInfo << /Registry (Adobe) /Ordering (%s) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W [%s] /CIDToGIDMap %s >>", o.ordering, fd, strings.TrimSpace(wb.String()), c2g))
	return w.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+TestHei /Encoding /Identity-H /DescendantFonts [%d 0 R] >>", cf))
}

// cidEncoder encodes text as two-byte CIDs.
func cidEncoder(cidOf map[rune]int) func(string) []byte {
	return func(s string) []byte {
		var b []byte
		for _, r := range s {
			c, ok := cidOf[r]
			if !ok {
				panic(fmt.Sprintf("no CID for %q", r))
			}
			b = append(b, byte(c>>8), byte(c))
		}
		return b
	}
}

// identityCIDs maps each planned character to its glyph id as CID.
func identityCIDs(p glyphPlan) map[rune]int {
	m := map[rune]int{}
	for r, g := range p.gids {
		m[r] = int(g)
	}
	return m
}

// preferenceLine shows 一 through a glyph the font's cmap also maps from
// the Kangxi radical U+2F00 and a private-use code: the text must be 一.
var preferenceLine = cell{60, 646, 11, "一致"}

// ttIdentityPDF: CIDFontType2, Identity-H, Identity CIDToGIDMap, a format 4
// cmap using idRangeOffset, no ToUnicode.
func ttIdentityPDF() []byte {
	cells := append(append([]cell{}, sample...), preferenceLine)
	p := planGlyphs(func(i int) uint16 { return uint16(3 + 2*i) }, cellTexts(cells)...)
	m := p.bmp()
	m[0x2F00] = p.gids['一']
	m[0xE000] = p.gids['一']
	prog := buildSFNT(map[string][]byte{
		"cmap": buildCmap(ttSub{3, 1, buildFormat4(m, true)}),
		"maxp": buildMaxp(p.maxGID() + 1),
	})
	w := &pdfWriter{}
	cidOf := identityCIDs(p)
	f := ttCIDFont(w, ttCIDFontOpts{program: prog, ordering: "Identity", cidOf: cidOf})
	return onePage(w, []string{cjkContent(cells, cidEncoder(cidOf))}, map[string]int{"F0": f}, "", nil)
}

// supplementaryLine has a character outside the BMP (U+20BB7).
var supplementaryLine = cell{60, 646, 11, "姓名：吉𠮷祥"}

// ttCIDToGIDPDF: CIDFontType2 with a CIDToGIDMap stream (CIDs 1000+i) and
// a format 12 cmap (3,10) with a character outside the BMP.
func ttCIDToGIDPDF() []byte {
	cells := append(append([]cell{}, sample...), supplementaryLine)
	p := planGlyphs(func(i int) uint16 { return uint16(1 + i) }, cellTexts(cells)...)
	prog := buildSFNT(map[string][]byte{
		"cmap": buildCmap(ttSub{3, 10, buildFormat12(p.groups())}),
		"maxp": buildMaxp(p.maxGID() + 1),
	})
	cidOf := map[rune]int{}
	for i, r := range p.order {
		cidOf[r] = 1000 + 3*i
	}
	w := &pdfWriter{}
	f := ttCIDFont(w, ttCIDFontOpts{program: prog, ordering: "Identity", cidOf: cidOf, gidOf: p.gids})
	return onePage(w, []string{cjkContent(cells, cidEncoder(cidOf))}, map[string]int{"F0": f}, "", nil)
}

// ttGB1PDF: CIDFontType2 claiming Adobe-GB1 but embedded without
// ToUnicode, Identity CIDToGIDMap: the CIDs are glyph ids (small numbers
// that are ASCII in Adobe-GB1), so the font's own cmap must decide. The
// font has a format 4 cmap with idDelta segments.
func ttGB1PDF() []byte {
	p := planGlyphs(func(i int) uint16 { return uint16(30 + i) }, cellTexts(sample)...)
	prog := buildSFNT(map[string][]byte{
		"cmap": buildCmap(ttSub{0, 3, buildFormat4(p.bmp(), false)}),
		"maxp": buildMaxp(p.maxGID() + 1),
	})
	w := &pdfWriter{}
	cidOf := identityCIDs(p)
	f := ttCIDFont(w, ttCIDFontOpts{program: prog, ordering: "GB1", cidOf: cidOf})
	return onePage(w, []string{cjkContent(sample, cidEncoder(cidOf))}, map[string]int{"F0": f}, "", nil)
}

// ttSymbolicLines are shown by the symbolic simple TrueType fonts.
var ttSymbolicLines = []string{"机构简介：本公司成立于2018年。", "联系电话：0311-1234"}

// ttSymbolicPDF: simple TrueType fonts, symbolic, no /Encoding and no
// ToUnicode, showing byte codes 1..N. F0's program maps 0xF000+code to the
// glyphs in a (3,0) subtable and Unicode to the same glyphs in (3,1); F1's
// has only the (3,0) subtable and names its glyphs uniXXXX in post.
func ttSymbolicPDF() []byte {
	w := &pdfWriter{}
	var fonts []int
	var content strings.Builder
	for i, line := range ttSymbolicLines {
		p := planGlyphs(func(i int) uint16 { return uint16(5 + i) }, line)
		sym := map[uint16]uint16{}
		codes := map[rune]byte{}
		for j, r := range p.order {
			codes[r] = byte(1 + j)
			sym[0xF001+uint16(j)] = p.gids[r]
		}
		tables := map[string][]byte{"maxp": buildMaxp(p.maxGID() + 1)}
		if i == 0 {
			tables["cmap"] = buildCmap(ttSub{3, 0, buildFormat4(sym, false)}, ttSub{3, 1, buildFormat4(p.bmp(), true)})
		} else {
			names := make([]string, p.maxGID()+1)
			for r, g := range p.gids {
				names[g] = fmt.Sprintf("uni%04X", r)
			}
			for g := range names {
				if names[g] == "" {
					names[g] = fmt.Sprintf("glyph%d", g)
				}
			}
			tables["cmap"] = buildCmap(ttSub{3, 0, buildFormat4(sym, true)})
			tables["post"] = buildPost2(names)
		}
		prog := buildSFNT(tables)
		ff := w.add(stream(fmt.Sprintf("/Length1 %d", len(prog)), prog, true))
		fd := w.add(fmt.Sprintf("<< /Type /FontDescriptor /FontName /ABCDEF+SymSong%d /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>", i, ff))
		var widths []string
		for _, r := range p.order {
			widths = append(widths, map[bool]string{true: "500", false: "1000"}[r < 0x80])
		}
		fonts = append(fonts, w.add(fmt.Sprintf("<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+SymSong%d /FirstChar 1 /LastChar %d /Widths [%s] /FontDescriptor %d 0 R >>", i, len(p.order), strings.Join(widths, " "), fd)))
		var b []byte
		for _, r := range line {
			b = append(b, codes[r])
		}
		fmt.Fprintf(&content, "BT /F%d 11 Tf 60 %d Td <%X> Tj ET\n", i, 760-30*i, b)
	}
	return onePage(w, []string{content.String()}, map[string]int{"F0": fonts[0], "F1": fonts[1]}, "", nil)
}

// trueTypeFixtures are the embedded-TrueType test PDFs by file name.
func trueTypeFixtures() map[string][]byte {
	return map[string][]byte{
		"ttf_identity.pdf": ttIdentityPDF(),
		"ttf_cidtogid.pdf": ttCIDToGIDPDF(),
		"ttf_gb1.pdf":      ttGB1PDF(),
		"ttf_symbolic.pdf": ttSymbolicPDF(),
	}
}

package pdftext

import (
	"encoding/binary"
	"unicode"
)

// This file reads just enough of an embedded TrueType (or OpenType) font
// program to recover text for fonts that have no /ToUnicode: the table
// directory, the cmap subtables of formats 0, 4, 6 and 12, maxp's glyph
// count and post format 2 glyph names (see the OpenType specification,
// "cmap", "maxp" and "post" tables).

// maxFontProgramBytes caps how much of an embedded font program is read.
const maxFontProgramBytes = 32 << 20

// maxSFNTTables bounds the table directory entries looked at.
const maxSFNTTables = 256

// maxCmapRecords bounds the cmap encoding records looked at.
const maxCmapRecords = 64

// maxCmapWork bounds the code points visited over all cmap subtables of one
// font, so overlapping or huge ranges cannot make parsing slow.
const maxCmapWork = 1 << 21

// maxGlyphs is the most glyphs a TrueType font can have (glyph ids are
// 16-bit).
const maxGlyphs = 1 << 16

// ttFont is what an embedded TrueType program tells about its glyphs:
// their Unicode text, and for simple fonts which glyph a byte code shows.
type ttFont struct {
	// toRune maps glyph ids to the character they draw, inverted from the
	// Unicode (or GBK) cmap subtables, else from post glyph names.
	toRune map[uint16]rune
	// symbol maps a byte b to the glyph of code 0xF000+b (or b) in the
	// (3,0) symbol subtable; 0 = none.
	symbol [256]uint16
	// mac maps a byte to its glyph in the (1,0) Macintosh subtable.
	mac [256]uint16
}

// sfnt is a font program with the offset of its table directory: 0 for a
// single font, the first font's for a TrueType collection (whose table
// offsets count from the file start too).
type sfnt struct {
	data []byte
	dir  int
}

// openSFNT recognises a TrueType, OpenType or TrueType collection program;
// ok is false when data is none of them.
func openSFNT(data []byte) (s sfnt, ok bool) {
	if len(data) < 12 {
		return s, false
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true", "OTTO":
		return sfnt{data: data}, true
	case "ttcf":
		if len(data) < 16 {
			return s, false
		}
		off := uint64(binary.BigEndian.Uint32(data[12:]))
		if off+12 > uint64(len(data)) {
			return s, false
		}
		return sfnt{data: data, dir: int(off)}, true
	}
	return s, false
}

// table returns the bytes of table tag, clipped to the end of the
// program; nil when absent or starting out of bounds.
func (s sfnt) table(tag string) []byte {
	d := s.data
	if s.dir+12 > len(d) {
		return nil
	}
	n := int(binary.BigEndian.Uint16(d[s.dir+4:]))
	for i := 0; i < n && i < maxSFNTTables; i++ {
		rec := s.dir + 12 + 16*i
		if rec+16 > len(d) {
			return nil
		}
		if string(d[rec:rec+4]) != tag {
			continue
		}
		off := uint64(binary.BigEndian.Uint32(d[rec+8:]))
		ln := uint64(binary.BigEndian.Uint32(d[rec+12:]))
		if off >= uint64(len(d)) {
			return nil
		}
		return d[off:min(off+ln, uint64(len(d)))]
	}
	return nil
}

// parseTrueType reads the glyph text of an embedded font program. It
// returns nil when the program has no usable cmap or post table. It never
// panics on malformed input.
func parseTrueType(data []byte) *ttFont {
	if len(data) > maxFontProgramBytes {
		data = data[:maxFontProgramBytes]
	}
	s, ok := openSFNT(data)
	if !ok || string(data[:4]) == "OTTO" && s.table("glyf") == nil {
		// CFF outlines: glyph ids are not what CIDFontType2 CIDs select
		return nil
	}
	numGlyphs := maxGlyphs
	if mp := s.table("maxp"); len(mp) >= 6 && binary.BigEndian.Uint16(mp[4:]) > 0 {
		numGlyphs = int(binary.BigEndian.Uint16(mp[4:]))
	}
	t := &ttFont{toRune: map[uint16]rune{}}
	usable := t.readCmap(s.table("cmap"), numGlyphs)
	if t.readPost(s.table("post"), numGlyphs) {
		usable = true
	}
	if !usable {
		return nil
	}
	return t
}

// cmapRecord is one encoding record of a cmap table: which encoding its
// subtable uses and where the subtable starts in the table.
type cmapRecord struct {
	platform, encoding uint16
	off                uint32
}

// cmapRecords lists the encoding records of a cmap table, dropping those
// pointing outside it and later duplicates of the same subtable.
func cmapRecords(cm []byte) []cmapRecord {
	if len(cm) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cm[2:]))
	var out []cmapRecord
	seen := map[uint32]bool{}
	for i := 0; i < n && i < maxCmapRecords; i++ {
		p := 4 + 8*i
		if p+8 > len(cm) {
			break
		}
		r := cmapRecord{
			platform: binary.BigEndian.Uint16(cm[p:]),
			encoding: binary.BigEndian.Uint16(cm[p+2:]),
			off:      binary.BigEndian.Uint32(cm[p+4:]),
		}
		if uint64(r.off)+2 > uint64(len(cm)) || seen[r.off] {
			continue
		}
		seen[r.off] = true
		out = append(out, r)
	}
	return out
}

// cmapKind says how the codes of a cmap subtable are read.
type cmapKind int

const (
	cmapIgnored cmapKind = iota
	cmapUnicode          // (0,*), (3,1), (3,10): Unicode code points
	cmapGBK              // (3,3) PRC: GBK codes
	cmapSymbol           // (3,0): symbol codes, usually 0xF000+byte
	cmapMac              // (1,0): Mac Roman byte codes
)

// kindOf classifies an encoding record.
func kindOf(platform, encoding uint16) cmapKind {
	switch {
	case platform == 0 && encoding <= 6:
		return cmapUnicode
	case platform == 3 && (encoding == 1 || encoding == 10):
		return cmapUnicode
	case platform == 3 && encoding == 3:
		return cmapGBK
	case platform == 3 && encoding == 0:
		return cmapSymbol
	case platform == 1 && encoding == 0:
		return cmapMac
	}
	return cmapIgnored
}

// readCmap fills t from a cmap table and reports whether any glyph got
// text or a byte code. Unicode subtables come first; a GBK subtable is
// used only when they gave nothing.
func (t *ttFont) readCmap(cm []byte, numGlyphs int) bool {
	recs := cmapRecords(cm)
	work := maxCmapWork
	byteCodes := false
	for _, want := range []cmapKind{cmapUnicode, cmapGBK, cmapSymbol, cmapMac} {
		if want == cmapGBK && len(t.toRune) > 0 {
			continue
		}
		for _, r := range recs {
			if kindOf(r.platform, r.encoding) != want {
				continue
			}
			eachMapping(cm[r.off:], &work, func(code uint32, gid uint16) {
				if int(gid) >= numGlyphs || gid == 0 {
					return
				}
				byteCodes = t.add(want, code, gid) || byteCodes
			})
		}
	}
	return len(t.toRune) > 0 || byteCodes
}

// add records one cmap mapping of a subtable of kind k and reports whether
// it set a byte code.
func (t *ttFont) add(k cmapKind, code uint32, gid uint16) bool {
	switch k {
	case cmapUnicode:
		t.addRune(gid, rune(code))
	case cmapGBK:
		t.addRune(gid, gbkCodeRune(code))
	case cmapSymbol:
		switch {
		case code >= 0xF000 && code <= 0xF0FF:
			t.symbol[code-0xF000] = gid
			return true
		case code <= 0xFF && t.symbol[code] == 0:
			t.symbol[code] = gid
			return true
		}
	case cmapMac:
		if code <= 0xFF {
			t.mac[code] = gid
			return true
		}
	}
	return false
}

// gbkCodeRune decodes a (3,3) subtable code: ASCII below 0x80, else a
// two-byte GBK code; 0 when it is neither.
func gbkCodeRune(code uint32) rune {
	if code < 0x80 {
		return rune(code)
	}
	if code < 0x8140 || code > 0xFEFE {
		return 0
	}
	s := decodeGBK([]byte{byte(code >> 8), byte(code)})
	if s == "" {
		return 0
	}
	return []rune(s)[0]
}

// addRune offers r as the text of glyph gid, keeping the preferred of the
// characters mapped to one glyph (see runeRank).
func (t *ttFont) addRune(gid uint16, r rune) {
	rk := runeRank(r)
	if rk < 0 {
		return
	}
	old, ok := t.toRune[gid]
	if !ok {
		t.toRune[gid] = r
		return
	}
	if ork := runeRank(old); rk < ork || rk == ork && r < old {
		t.toRune[gid] = r
	}
}

// runeRank orders the characters that may stand for a glyph: 0 for the
// BMP, 1 for the supplementary planes, 2 for compatibility forms (which
// duplicate other characters), and -1 for what is never text (controls,
// private use, surrogates, non-characters). Lower wins, then the lower
// code point.
func runeRank(r rune) int {
	switch {
	case r < 0x20 || r >= 0x7F && r <= 0x9F || r > unicode.MaxRune:
		return -1
	case r >= 0xD800 && r <= 0xDFFF, r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return -1
	case unicode.Is(unicode.Co, r):
		return -1
	case isCompatForm(r):
		return 2
	case r > 0xFFFF:
		return 1
	}
	return 0
}

// compatRanges are blocks whose characters duplicate others drawn with
// the same glyph: Kangxi radicals and the CJK radicals supplement,
// compatibility ideographs and forms, vertical forms, presentation forms,
// half- and full-width forms.
var compatRanges = [][2]rune{
	{0x2E80, 0x2FDF},
	{0xF900, 0xFAFF},
	{0xFB00, 0xFDFF},
	{0xFE10, 0xFE1F},
	{0xFE30, 0xFEFF},
	{0xFF00, 0xFFEF},
	{0x2F800, 0x2FA1F},
}

// isCompatForm reports whether r lies in one of compatRanges.
func isCompatForm(r rune) bool {
	for _, c := range compatRanges {
		if r >= c[0] && r <= c[1] {
			return true
		}
	}
	return false
}

// eachMapping calls fn for every code -> glyph mapping of the cmap
// subtable starting at sub[0] (sub runs to the end of the cmap table),
// spending at most *work code points. Unknown formats map nothing.
func eachMapping(sub []byte, work *int, fn func(code uint32, gid uint16)) {
	if len(sub) < 2 {
		return
	}
	switch binary.BigEndian.Uint16(sub) {
	case 0:
		cmapFormat0(sub, work, fn)
	case 4:
		cmapFormat4(sub, work, fn)
	case 6:
		cmapFormat6(sub, work, fn)
	case 12:
		cmapFormat12(sub, work, fn)
	}
}

// cmapFormat0 reads a byte encoding table: 256 one-byte glyph ids.
func cmapFormat0(sub []byte, work *int, fn func(uint32, uint16)) {
	if len(sub) < 6+256 {
		return
	}
	for c := 0; c < 256 && *work > 0; c++ {
		*work--
		fn(uint32(c), uint16(sub[6+c]))
	}
}

// cmapFormat6 reads a trimmed table: glyph ids of consecutive codes.
func cmapFormat6(sub []byte, work *int, fn func(uint32, uint16)) {
	if len(sub) < 10 {
		return
	}
	first := uint32(binary.BigEndian.Uint16(sub[6:]))
	n := int(binary.BigEndian.Uint16(sub[8:]))
	n = min(n, (len(sub)-10)/2)
	for i := 0; i < n && *work > 0; i++ {
		*work--
		fn(first+uint32(i), binary.BigEndian.Uint16(sub[10+2*i:]))
	}
}

// cmapFormat4 reads a segment mapping to delta values (BMP codes).
func cmapFormat4(sub []byte, work *int, fn func(uint32, uint16)) {
	if len(sub) < 14 {
		return
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	// endCode, reservedPad, startCode, idDelta, idRangeOffset
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	if ranges+2*segs > len(sub) {
		return
	}
	u16 := func(p int) uint16 { return binary.BigEndian.Uint16(sub[p:]) }
	for i := 0; i < segs; i++ {
		start, end := u16(starts+2*i), u16(ends+2*i)
		delta, ro := u16(deltas+2*i), int(u16(ranges+2*i))
		for c := int(start); c <= int(end) && c != 0xFFFF && *work > 0; c++ {
			*work--
			gid := uint16(c) + delta
			if ro != 0 {
				p := ranges + 2*i + ro + 2*(c-int(start))
				if p+2 > len(sub) {
					break
				}
				g := u16(p)
				if g == 0 {
					continue
				}
				gid = g + delta
			}
			fn(uint32(c), gid)
		}
	}
}

// cmapFormat12 reads segmented coverage groups (full Unicode range).
func cmapFormat12(sub []byte, work *int, fn func(uint32, uint16)) {
	if len(sub) < 16 {
		return
	}
	n := uint64(binary.BigEndian.Uint32(sub[12:]))
	n = min(n, uint64(len(sub)-16)/12)
	for i := 0; i < int(n) && *work > 0; i++ {
		g := sub[16+12*i:]
		start := binary.BigEndian.Uint32(g)
		end := min(binary.BigEndian.Uint32(g[4:]), unicode.MaxRune)
		gid := binary.BigEndian.Uint32(g[8:])
		for c := start; c <= end && *work > 0; c++ {
			*work--
			if gid >= maxGlyphs {
				break
			}
			fn(c, uint16(gid))
			gid++
		}
	}
}

// readPost gives glyphs that have no text yet the character their post
// format 2 glyph name stands for, and reports whether any name did.
func (t *ttFont) readPost(post []byte, numGlyphs int) bool {
	if len(post) < 34 || binary.BigEndian.Uint32(post) != 0x00020000 {
		return false
	}
	n := min(int(binary.BigEndian.Uint16(post[32:])), numGlyphs)
	idx := 34
	names := idx + 2*n
	if names > len(post) {
		return false
	}
	custom := postNames(post[names:])
	found := false
	for gid := 1; gid < n; gid++ {
		if _, ok := t.toRune[uint16(gid)]; ok {
			continue
		}
		ni := int(binary.BigEndian.Uint16(post[idx+2*gid:]))
		name := ""
		switch {
		case ni < len(macGlyphNames):
			name = macGlyphNames[ni]
		case ni-len(macGlyphNames) < len(custom):
			name = custom[ni-len(macGlyphNames)]
		}
		if name == "" {
			continue
		}
		if r := glyphRune(name); runeRank(r) >= 0 {
			t.toRune[uint16(gid)] = r
			found = true
		}
	}
	return found
}

// postNames splits the Pascal strings of a post format 2 table.
func postNames(b []byte) []string {
	var out []string
	for len(b) > 0 && len(out) < maxGlyphs {
		n := int(b[0])
		if 1+n > len(b) {
			break
		}
		out = append(out, string(b[1:1+n]))
		b = b[1+n:]
	}
	return out
}

// macGlyphNames are the 258 standard Macintosh glyph names that post
// format 2 indexes below 258 stand for (OpenType "post" table).
var macGlyphNames = [258]string{
	".notdef", ".null", "nonmarkingreturn", "space", "exclam", "quotedbl", "numbersign", "dollar",
	"percent", "ampersand", "quotesingle", "parenleft", "parenright", "asterisk", "plus", "comma",
	"hyphen", "period", "slash", "zero", "one", "two", "three", "four",
	"five", "six", "seven", "eight", "nine", "colon", "semicolon", "less",
	"equal", "greater", "question", "at", "A", "B", "C", "D",
	"E", "F", "G", "H", "I", "J", "K", "L",
	"M", "N", "O", "P", "Q", "R", "S", "T",
	"U", "V", "W", "X", "Y", "Z", "bracketleft", "backslash",
	"bracketright", "asciicircum", "underscore", "grave", "a", "b", "c", "d",
	"e", "f", "g", "h", "i", "j", "k", "l",
	"m", "n", "o", "p", "q", "r", "s", "t",
	"u", "v", "w", "x", "y", "z", "braceleft", "bar",
	"braceright", "asciitilde", "Adieresis", "Aring", "Ccedilla", "Eacute", "Ntilde", "Odieresis",
	"Udieresis", "aacute", "agrave", "acircumflex", "adieresis", "atilde", "aring", "ccedilla",
	"eacute", "egrave", "ecircumflex", "edieresis", "iacute", "igrave", "icircumflex", "idieresis",
	"ntilde", "oacute", "ograve", "ocircumflex", "odieresis", "otilde", "uacute", "ugrave",
	"ucircumflex", "udieresis", "dagger", "degree", "cent", "sterling", "section", "bullet",
	"paragraph", "germandbls", "registered", "copyright", "trademark", "acute", "dieresis", "notequal",
	"AE", "Oslash", "infinity", "plusminus", "lessequal", "greaterequal", "yen", "mu",
	"partialdiff", "summation", "product", "pi", "integral", "ordfeminine", "ordmasculine", "Omega",
	"ae", "oslash", "questiondown", "exclamdown", "logicalnot", "radical", "florin", "approxequal",
	"Delta", "guillemotleft", "guillemotright", "ellipsis", "nonbreakingspace", "Agrave", "Atilde", "Otilde",
	"OE", "oe", "endash", "emdash", "quotedblleft", "quotedblright", "quoteleft", "quoteright",
	"divide", "lozenge", "ydieresis", "Ydieresis", "fraction", "currency", "guilsinglleft", "guilsinglright",
	"fi", "fl", "daggerdbl", "periodcentered", "quotesinglbase", "quotedblbase", "perthousand", "Acircumflex",
	"Ecircumflex", "Aacute", "Edieresis", "Egrave", "Iacute", "Icircumflex", "Idieresis", "Igrave",
	"Oacute", "Ocircumflex", "apple", "Ograve", "Uacute", "Ucircumflex", "Ugrave", "dotlessi",
	"circumflex", "tilde", "macron", "breve", "dotaccent", "ring", "cedilla", "hungarumlaut",
	"ogonek", "caron", "Lslash", "lslash", "Scaron", "scaron", "Zcaron", "zcaron",
	"brokenbar", "Eth", "eth", "Yacute", "yacute", "Thorn", "thorn", "minus",
	"multiply", "onesuperior", "twosuperior", "threesuperior", "onehalf", "onequarter", "threequarters", "franc",
	"Gbreve", "gbreve", "Idotaccent", "Scedilla", "scedilla", "Cacute", "cacute", "Ccaron",
	"ccaron", "dcroat",
}

// glyphOfByte returns the glyph a simple TrueType font shows for byte code
// c through its (3,0) or (1,0) subtable; 0 when none.
func (t *ttFont) glyphOfByte(c byte) uint16 {
	if g := t.symbol[c]; g != 0 {
		return g
	}
	return t.mac[c]
}

// hasText reports whether any glyph has text.
func (t *ttFont) hasText() bool { return len(t.toRune) > 0 }

// glyphText returns the text of glyph gid, "" when unknown.
func (t *ttFont) glyphText(gid uint16) string {
	if r, ok := t.toRune[gid]; ok {
		return string(r)
	}
	return ""
}

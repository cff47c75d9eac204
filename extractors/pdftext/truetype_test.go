package pdftext

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestReadTrueType reads the PDFs whose fonts are embedded TrueType
// programs without ToUnicode: the text comes from the programs' cmaps.
func TestReadTrueType(t *testing.T) {
	tests := []struct {
		file  string
		lines []string // lines the first page must contain (before NFKC)
	}{
		{"ttf_identity.pdf", []string{tableRow, "资产负债表", "一致"}},
		{"ttf_cidtogid.pdf", []string{tableRow, "姓名：吉𠮷祥"}},
		{"ttf_gb1.pdf", []string{tableRow, "统一社会信用代码：91130105MAF8643B4W"}},
		{"ttf_symbolic.pdf", ttSymbolicLines},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			pages := golden(t, tt.file)
			for _, l := range tt.lines {
				l = norm.NFKC.String(l)
				if !slices.Contains(pages[0].Lines, l) {
					t.Errorf("no line %q in\n%s", l, strings.Join(pages[0].Lines, "\n"))
				}
			}
			if ocr, why := NeedsOCR(pages[0]); ocr || pages[0].Bad != 0 {
				t.Errorf("NeedsOCR = %v (%s), bad = %d", ocr, why, pages[0].Bad)
			}
		})
	}
}

// TestTrueTypeCmap checks the cmap parser on hand-built tables.
func TestTrueTypeCmap(t *testing.T) {
	f4 := map[uint16]uint16{'A': 5, 'B': 6, 'C': 7, 0x4E2D: 9, 0x6587: 3, 0x6588: 12}
	f12 := [][3]uint32{{0x4E00, 0x4E02, 20}, {0x20BB7, 0x20BB7, 23}}
	tests := []struct {
		name string
		prog []byte
		want map[uint16]rune
	}{
		{"format 4 idDelta", buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, buildFormat4(f4, false)})}),
			map[uint16]rune{5: 'A', 6: 'B', 7: 'C', 9: 0x4E2D, 3: 0x6587, 12: 0x6588}},
		{"format 4 idRangeOffset", buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, buildFormat4(f4, true)})}),
			map[uint16]rune{5: 'A', 6: 'B', 7: 'C', 9: 0x4E2D, 3: 0x6587, 12: 0x6588}},
		{"format 12", buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 10, buildFormat12(f12)})}),
			map[uint16]rune{20: 0x4E00, 21: 0x4E01, 22: 0x4E02, 23: 0x20BB7}},
		{"maxp bounds glyph ids", buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 10, buildFormat12(f12)}), "maxp": buildMaxp(22)}),
			map[uint16]rune{20: 0x4E00, 21: 0x4E01}},
		{"GBK (3,3) subtable", buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 3, buildFormat4(map[uint16]uint16{0xD6D0: 4, 'x': 2, 0xFF01: 3}, false)})}),
			map[uint16]rune{4: '中', 2: 'x'}},
		{"Unicode wins over GBK", buildSFNT(map[string][]byte{"cmap": buildCmap(
			ttSub{3, 3, buildFormat4(map[uint16]uint16{0xD6D0: 4}, false)},
			ttSub{0, 3, buildFormat4(map[uint16]uint16{0x6587: 4}, false)})}),
			map[uint16]rune{4: 0x6587}},
		{"preference: BMP, not PUA or compatibility, lowest", buildSFNT(map[string][]byte{"cmap": buildCmap(
			ttSub{3, 10, buildFormat12([][3]uint32{{0xE000, 0xE000, 1}, {0x2F00, 0x2F00, 1}, {0x4E00, 0x4E00, 1}, {0xF900, 0xF900, 2}, {0x8C48, 0x8C48, 2}, {0xF0000, 0xF0000, 3}, {0x20000, 0x20000, 4}, {0x2F800, 0x2F800, 4}, {0x41, 0x41, 5}, {0x391, 0x391, 5}, {0x1F, 0x1F, 6}})})}),
			map[uint16]rune{1: 0x4E00, 2: 0x8C48, 4: 0x20000, 5: 'A'}},
		{"glyph 0 ignored", buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, buildFormat4(map[uint16]uint16{'A': 0, 'B': 1}, false)})}),
			map[uint16]rune{1: 'B'}},
		{"post names fill unmapped glyphs", buildSFNT(map[string][]byte{
			"cmap": buildCmap(ttSub{3, 1, buildFormat4(map[uint16]uint16{'A': 1}, false)}),
			"post": buildPost2([]string{".notdef", "B", "uni4E2D", "uni6587.vert", "glyph4", "f_i_x"})}),
			map[uint16]rune{1: 'A', 2: 0x4E2D, 3: 0x6587}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tf := parseTrueType(tt.prog)
			if tf == nil {
				t.Fatal("parseTrueType = nil")
			}
			if !mapsEqual(tf.toRune, tt.want) {
				t.Errorf("toRune = %v, want %v", tf.toRune, tt.want)
			}
		})
	}
}

// mapsEqual compares two glyph -> rune maps.
func mapsEqual(a, b map[uint16]rune) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestTrueTypeByteCodes checks the (3,0) and (1,0) subtables simple
// TrueType fonts use for byte codes.
func TestTrueTypeByteCodes(t *testing.T) {
	prog := buildSFNT(map[string][]byte{"cmap": buildCmap(
		ttSub{3, 0, buildFormat4(map[uint16]uint16{0xF001: 7, 0xF041: 8}, false)},
		ttSub{1, 0, append(be(nil).u16(0, 262, 0), make([]byte, 256)...)},
		ttSub{3, 1, buildFormat4(map[uint16]uint16{0x4E2D: 7}, false)})})
	prog2 := bytes.Clone(prog)
	tf := parseTrueType(prog2)
	if tf == nil {
		t.Fatal("parseTrueType = nil")
	}
	if g := tf.glyphOfByte(1); g != 7 || tf.glyphText(g) != "中" {
		t.Errorf("byte 1: glyph %d text %q", g, tf.glyphText(g))
	}
	if g := tf.glyphOfByte(0x41); g != 8 || tf.glyphText(g) != "" {
		t.Errorf("byte 0x41: glyph %d text %q, want 8 and no text", g, tf.glyphText(g))
	}
	if g := tf.glyphOfByte(2); g != 0 {
		t.Errorf("byte 2: glyph %d, want none", g)
	}
}

// TestTrueTypeMalformed checks that damaged programs give no map and no
// panic.
func TestTrueTypeMalformed(t *testing.T) {
	good := buildSFNT(map[string][]byte{
		"cmap": buildCmap(ttSub{3, 1, buildFormat4(map[uint16]uint16{'A': 1, 0x4E2D: 2}, true)}, ttSub{3, 10, buildFormat12([][3]uint32{{0x20000, 0x20010, 3}})}),
		"maxp": buildMaxp(30),
		"post": buildPost2([]string{".notdef", "A", "uni4E2D"}),
	})
	bad := map[string][]byte{
		"empty":       nil,
		"not a font":  []byte("%PDF-1.4 garbage garbage"),
		"header only": good[:12],
		"no tables":   be(nil).u32(0x00010000).u16(0, 0, 0, 0),
		"huge table count": func() []byte {
			b := bytes.Clone(good[:12])
			binary.BigEndian.PutUint16(b[4:], 0xFFFF)
			return b
		}(),
		"cmap offset past end": func() []byte {
			b := bytes.Clone(good)
			i := bytes.Index(b, []byte("cmap"))
			binary.BigEndian.PutUint32(b[i+8:], 0xFFFFFFF0)
			binary.BigEndian.PutUint32(b[i+12:], 0xFFFFFFF0)
			i = bytes.Index(b, []byte("post"))
			binary.BigEndian.PutUint32(b[i+8:], 0xFFFFFFF0)
			return b
		}(),
		"collection pointing past end": be(nil).u32(0x74746366, 0x00010000, 1, 0xFFFFFF00),
		"format 4 segCount beyond table": buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, func() []byte {
			b := buildFormat4(map[uint16]uint16{'A': 1}, true)
			binary.BigEndian.PutUint16(b[6:], 0xFFFE)
			return b
		}()})}),
		"format 4 idRangeOffset past end": buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, func() []byte {
			b := buildFormat4(map[uint16]uint16{'A': 1}, true)
			binary.BigEndian.PutUint16(b[len(b)-6:], 0xFFF0) // first segment's idRangeOffset
			return b
		}()})}),
		"only PUA and controls": buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, buildFormat4(map[uint16]uint16{0xE000: 1, 0x0001: 2, 0xFFFE: 3}, false)})}),
	}
	for name, prog := range bad {
		t.Run(name, func(t *testing.T) {
			if tf := parseTrueType(prog); tf != nil && tf.hasText() {
				t.Errorf("parseTrueType gave %d glyphs text, want none", len(tf.toRune))
			}
		})
	}
	// A format 12 table claiming 2^32 groups over all code points stops at
	// the table's end and the 65535 glyph ids.
	huge := buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 10, func() []byte {
		b := buildFormat12([][3]uint32{{0, 0xFFFFFFFF, 0}, {0x4E00, 0x10FFFF, 0xFFFFFFFF}})
		binary.BigEndian.PutUint32(b[12:], 0xFFFFFFFF)
		return b
	}()})})
	if tf := parseTrueType(huge); tf == nil || len(tf.toRune) >= maxGlyphs || tf.toRune[0x4E00] != 0x4E00 {
		t.Errorf("huge format 12: unexpected map")
	}
	// Every truncation of a good program parses without panicking.
	for n := range len(good) {
		parseTrueType(good[:n])
	}
	if len(macGlyphNames[257]) == 0 || macGlyphNames[257] != "dcroat" {
		t.Error("macGlyphNames does not end with dcroat")
	}
}

// FuzzTrueTypeCmap checks that parseTrueType never panics and only maps
// glyph ids to characters that are text.
func FuzzTrueTypeCmap(f *testing.F) {
	m := map[uint16]uint16{'A': 1, 'B': 2, 0x4E2D: 3, 0x6587: 40}
	f.Add(buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, buildFormat4(m, true)}), "maxp": buildMaxp(50)}))
	f.Add(buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, buildFormat4(m, false)}, ttSub{3, 0, buildFormat4(map[uint16]uint16{0xF001: 3}, false)})}))
	f.Add(buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 10, buildFormat12([][3]uint32{{0x4E00, 0x4E20, 1}, {0x20BB7, 0x20BB7, 40}})})}))
	f.Add(buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 3, buildFormat4(map[uint16]uint16{0xD6D0: 4}, false)}), "post": buildPost2([]string{".notdef", "a", "uni4E2D"})}))
	f.Add(buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{1, 0, append(be(nil).u16(0, 262, 0), make([]byte, 256)...)})}))
	f.Fuzz(func(t *testing.T, data []byte) {
		tf := parseTrueType(data)
		if tf == nil {
			return
		}
		for g, r := range tf.toRune {
			if runeRank(r) < 0 || g == 0 {
				t.Fatalf("glyph %d -> %U", g, r)
			}
		}
	})
}

// TestCIDText checks which source decodes a CID of a CIDFontType2 font:
// the embedded cmap wins over Adobe-GB1; GB1 is tried only when the
// program cannot tell and the CID is a real CID (CIDToGIDMap stream).
func TestCIDText(t *testing.T) {
	tf := parseTrueType(buildSFNT(map[string][]byte{"cmap": buildCmap(ttSub{3, 1, buildFormat4(map[uint16]uint16{0x4E2D: 34}, false)})}))
	gb1At := func(cid int) string { return string(cidRune("GB1", cid)) }
	c2g := make([]byte, 2*40)
	binary.BigEndian.PutUint16(c2g[2*36:], 34) // CID 36 -> glyph 34
	tests := []struct {
		name string
		f    *font
		cid  int
		want string
	}{
		{"identity, mapped glyph", &font{cidTT: true, ttRead: true, tt: tf, ordering: "GB1"}, 34, "中"},
		{"identity, unmapped glyph: no GB1 guess", &font{cidTT: true, ttRead: true, tt: tf, ordering: "GB1"}, 35, ""},
		{"stream map, mapped glyph", &font{cidTT: true, ttRead: true, tt: tf, ordering: "GB1", cidToGID: c2g}, 36, "中"},
		{"stream map, unmapped glyph: GB1", &font{cidTT: true, ttRead: true, tt: tf, ordering: "GB1", cidToGID: c2g}, 37, gb1At(37)},
		{"stream map, CID beyond the map: GB1", &font{cidTT: true, ttRead: true, tt: tf, ordering: "GB1", cidToGID: c2g}, 4838, gb1At(4838)},
		{"unusable program: GB1", &font{cidTT: true, ttRead: true, tt: nil, ordering: "GB1"}, 34, gb1At(34)},
		{"not GB1, unusable program", &font{cidTT: true, ttRead: true}, 34, ""},
		{"CIDFontType0: GB1", &font{ordering: "GB1"}, 34, gb1At(34)},
		{"unknown CID", &font{cidTT: true, ttRead: true, tt: tf, ordering: "GB1"}, -1, ""},
	}
	for _, tt := range tests {
		if got := tt.f.cidText(tt.cid); got != tt.want {
			t.Errorf("%s: cidText(%d) = %q, want %q", tt.name, tt.cid, got, tt.want)
		}
	}
	// A ToUnicode that maps the code wins; one that does not leaves the
	// code to the embedded program.
	f := &font{composite: true, pre: predefIdentity, cidTT: true, ttRead: true, tt: tf, ordering: "GB1", dw: 1000, wscale: 0.001,
		toU: parseCMap([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfchar <0023> <6587> endbfchar"))}
	var s strings.Builder
	for _, g := range f.decode([]byte{0, 0x23, 0, 34, 0, 36}, nil) {
		s.WriteString(g.text + "|")
	}
	if s.String() != "文|中||" {
		t.Errorf("decode = %q, want 文|中||", s.String())
	}
}

package pdftext

import (
	"bytes"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// glyph is one decoded character code.
type glyph struct {
	text  string  // Unicode text; "" when the code means nothing known
	w     float64 // advance width in text space units (before font size)
	space bool    // single-byte code 32: word spacing applies
	vw    float64 // vertical advance in text space units (vertical fonts)
}

// predef says how a composite font's predefined encoding CMap turns codes
// into text and CIDs.
type predef int

const (
	predefUnknown  predef = iota
	predefIdentity        // Identity-H/V: 2-byte code = CID
	predefUCS2            // Uni*-UCS2-*: 2-byte UTF-16BE
	predefUTF16           // Uni*-UTF16-*: UTF-16BE, 2 or 4 bytes
	predefUTF32           // Uni*-UTF32-*
	predefUTF8            // Uni*-UTF8-*
	predefGBK             // GBK-EUC-*, GBKp-EUC-*, GBK2K-*
	predefGBEUC           // GB-EUC-*, GBpc-EUC-*: GB2312 in EUC form
	predefGB7             // GB-H/V: GB2312 as 7-bit pairs
)

func predefOf(name string) predef {
	switch {
	case strings.HasPrefix(name, "Identity-"):
		return predefIdentity
	case strings.Contains(name, "UCS2"):
		return predefUCS2
	case strings.Contains(name, "UTF16"):
		return predefUTF16
	case strings.Contains(name, "UTF32"):
		return predefUTF32
	case strings.Contains(name, "UTF8"):
		return predefUTF8
	case strings.HasPrefix(name, "GBK"):
		return predefGBK
	case strings.HasPrefix(name, "GB-EUC") || strings.HasPrefix(name, "GBpc-EUC") || strings.HasPrefix(name, "GBT-EUC") || strings.HasPrefix(name, "GBTpc-EUC"):
		return predefGBEUC
	case name == "GB-H" || name == "GB-V":
		return predefGB7
	}
	return predefUnknown
}

// font decodes the strings shown with one PDF font.
type font struct {
	composite bool
	toU       *cmap

	// simple fonts
	enc      [256]rune
	widths   []float64
	first    int
	missing  float64
	gbkPairs bool // Chinese-named font with byte encoding: try GBK pairs

	// composite fonts
	pre      predef
	gbk2k    bool
	encMap   *cmap           // embedded encoding CMap
	suspect  map[string]bool // ToUnicode targets shared by too many codes
	ordering string          // Adobe CJK collection of the CIDs: GB1, CNS1, Japan1, Korea1 or ""
	cidW     map[int]float64
	dw       float64

	// embedded TrueType program, for fonts without a usable ToUnicode:
	// a CIDFontType2 descendant (cidTT) or a simple TrueType font (simpleTT)
	cidTT    bool
	simpleTT bool
	ttFile   pdf.Value // FontFile2 stream, parsed on first need
	ttRead   bool      // ttFile parsed (tt may still be nil)
	tt       *ttFont
	cidToGID []byte // CIDToGIDMap stream (2 bytes per CID); nil = Identity

	// vertical writing (a -V CMap or /WMode 1): glyphs advance down by
	// vAdvance (text space units, negative) instead of across
	vertical bool
	vAdvance float64
	cidW2    map[int]float64 // per-CID vertical advances from /W2

	wscale float64 // glyph space width unit -> text space (1/1000 normally)
	vscale float64 // em height in text space units (1 normally)
}

// maxWidthEntries bounds the glyph widths read from one font.
const maxWidthEntries = 1 << 17

// readAll reads a stream, at most limit bytes.
func readAll(v pdf.Value, limit int64) []byte {
	rc := v.Reader()
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, limit))
	return b
}

// chineseFontNames are ASCII fragments of BaseFont names of Chinese fonts.
var chineseFontNames = []string{
	"simsun", "nsimsun", "simhei", "simkai", "simfang", "fangsong", "kaiti", "stsong", "stkaiti",
	"stfangsong", "stheiti", "stxihei", "stzhongsong", "yahei", "dengxian", "youyuan", "lisu",
	"gb2312", "gbk", "fzxbs", "fzxiaobiao", "fangzheng", "songti", "heiti", "xiaobiaosong", "huawen",
}

// isChineseFontName reports whether a BaseFont name names a Chinese font:
// known ASCII names or non-ASCII bytes (GBK-encoded names such as 宋体).
func isChineseFontName(name string) bool {
	if i := strings.IndexByte(name, '+'); i == 6 {
		name = name[i+1:]
	}
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return true
		}
	}
	l := strings.ToLower(name)
	for _, s := range chineseFontNames {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// loadFont builds a decoder for the font dictionary v. It never panics:
// whatever fails to load is left out, so codes decode to nothing.
func loadFont(v pdf.Value) (f *font) {
	f = &font{wscale: 0.001, vscale: 1, dw: 1000}
	defer func() {
		if recover() != nil {
			// keep what was loaded
			if f == nil {
				f = &font{wscale: 0.001, vscale: 1, dw: 1000}
			}
		}
	}()
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toU = parseCMap(trimCMap(readAll(tu, maxCMapBytes)))
	}
	subtype := v.Key("Subtype").Name()
	if subtype == "Type0" {
		if f.toU != nil {
			f.suspect = f.toU.suspects()
		}
		f.loadComposite(v)
		return f
	}
	f.loadSimple(v, subtype)
	return f
}

func (f *font) loadSimple(v pdf.Value, subtype string) {
	base := v.Key("BaseFont").Name()
	encV := v.Key("Encoding")
	encName := ""
	var diffs pdf.Value
	switch encV.Kind() {
	case pdf.Name:
		encName = encV.Name()
	case pdf.Dict:
		encName = encV.Key("BaseEncoding").Name()
		diffs = encV.Key("Differences")
	}
	if encName == "" && subtype == "Type1" {
		encName = "StandardEncoding"
	}
	f.enc = baseEncoding(encName)
	if strings.Contains(base, "Dingbats") && (encV.Kind() == pdf.Null || encName == "") {
		f.enc = dingbatsEncoding()
	}
	if diffs.Kind() == pdf.Array {
		code := 0
		for i := 0; i < diffs.Len() && i < 1024; i++ {
			d := diffs.Index(i)
			switch d.Kind() {
			case pdf.Integer:
				code = int(d.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					f.enc[code] = glyphRune(d.Name())
				}
				code++
			}
		}
	}
	if subtype == "TrueType" && f.toU == nil {
		f.ttFile = fontProgram(v.Key("FontDescriptor"))
		f.simpleTT = f.ttFile.Kind() == pdf.Stream
	}
	if subtype == "TrueType" && f.toU == nil && (encName == "WinAnsiEncoding" || encName == "") && isChineseFontName(base) {
		f.gbkPairs = true
	}
	if ws := v.Key("Widths"); ws.Kind() == pdf.Array {
		n := min(ws.Len(), 256)
		f.widths = make([]float64, n)
		for i := range n {
			f.widths[i] = ws.Index(i).Float64()
		}
		f.first = int(v.Key("FirstChar").Int64())
	}
	f.missing = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	if subtype == "Type3" {
		fm := v.Key("FontMatrix")
		if a := fm.Index(0).Float64(); a != 0 && !math.IsNaN(a) && math.Abs(a) < 10 {
			f.wscale = math.Abs(a)
		}
		d := math.Abs(fm.Index(3).Float64())
		bb := v.Key("FontBBox")
		h := math.Abs(bb.Index(3).Float64()-bb.Index(1).Float64()) * d
		if h >= 0.3 && h <= 3 {
			f.vscale = h
		} else if d > 0 {
			f.vscale = 1
		}
	}
}

func (f *font) loadComposite(v pdf.Value) {
	f.composite = true
	desc := v.Key("DescendantFonts").Index(0)
	ord := desc.Key("CIDSystemInfo").Key("Ordering").RawString()
	encV := v.Key("Encoding")
	switch encV.Kind() {
	case pdf.Name:
		name := encV.Name()
		f.pre = predefOf(name)
		f.gbk2k = strings.HasPrefix(name, "GBK2K")
		f.ordering = cmapOrdering(name)
	case pdf.Stream:
		f.encMap = parseCMap(trimCMap(readAll(encV, maxCMapBytes)))
		if o := encV.Key("CIDSystemInfo").Key("Ordering").RawString(); o != "" && ord == "" {
			ord = o
		}
		if u := encV.Key("UseCMap"); u.Kind() == pdf.Name {
			f.pre = predefOf(u.Name())
		}
	default:
		f.pre = predefIdentity
	}
	f.writingMode(encV, desc)
	switch ord {
	case "GB1", "CNS1", "Japan1", "Korea1":
		f.ordering = ord
	case "":
	default:
		f.ordering = ""
	}
	if desc.Key("Subtype").Name() == "CIDFontType2" {
		f.loadCIDTrueType(desc)
	}
	if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64()
	}
	w := desc.Key("W")
	if w.Kind() != pdf.Array {
		return
	}
	f.cidW = map[int]float64{}
	for i := 0; i < w.Len() && len(f.cidW) < maxWidthEntries; {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(f.cidW) < maxWidthEntries; j++ {
				f.cidW[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		hi := int(next.Int64())
		wd := w.Index(i + 2).Float64()
		for c2 := c; c2 <= hi && len(f.cidW) < maxWidthEntries; c2++ {
			f.cidW[c2] = wd
		}
		i += 3
	}
}

// maxCIDToGIDBytes bounds the CIDToGIDMap stream read: two bytes for
// each of the 65536 CIDs.
const maxCIDToGIDBytes = 2 << 16

// loadCIDTrueType notes the embedded program and CIDToGIDMap of a
// CIDFontType2 descendant; the program is parsed on first need.
func (f *font) loadCIDTrueType(desc pdf.Value) {
	ff := fontProgram(desc.Key("FontDescriptor"))
	if ff.Kind() != pdf.Stream {
		return
	}
	var c2g []byte // nil = Identity
	if m := desc.Key("CIDToGIDMap"); m.Kind() == pdf.Stream {
		// read before the font is marked, so that a failing read cannot
		// leave CIDs taken for glyph ids
		c2g = append([]byte{}, readAll(m, maxCIDToGIDBytes)...)
	}
	f.ttFile, f.cidToGID, f.cidTT = ff, c2g, true
}

// fontProgram returns the embedded TrueType program of a font
// descriptor: /FontFile2, or /FontFile3 of subtype OpenType; a null
// value when there is none.
func fontProgram(fd pdf.Value) pdf.Value {
	if ff := fd.Key("FontFile2"); ff.Kind() == pdf.Stream {
		return ff
	}
	if ff := fd.Key("FontFile3"); ff.Kind() == pdf.Stream && ff.Key("Subtype").Name() == "OpenType" {
		return ff
	}
	return pdf.Value{}
}

// trueType returns the parsed embedded program, parsing it on first use;
// nil when it is missing or unusable.
func (f *font) trueType() (t *ttFont) {
	if f.ttRead {
		return f.tt
	}
	f.ttRead = true
	defer func() {
		if recover() != nil {
			f.tt, t = nil, nil
		}
	}()
	f.tt = parseTrueType(readAll(f.ttFile, maxFontProgramBytes))
	return f.tt
}

// cidTrueTypeText returns the text of a CID of a CIDFontType2 font from
// its embedded program's cmap. decided is false when the program cannot
// tell, and another source (Adobe-GB1) may be tried: when it has no
// usable cmap, or the CID is mapped through a CIDToGIDMap stream (so it
// is a real CID) to a glyph the cmap does not cover. With the Identity
// map the CID is a glyph id and nothing else can decode it.
func (f *font) cidTrueTypeText(cid int) (text string, decided bool) {
	t := f.trueType()
	if t == nil || !t.hasText() {
		return "", false
	}
	gid := cid
	if f.cidToGID != nil {
		if 2*cid+1 >= len(f.cidToGID) {
			return "", false
		}
		gid = int(f.cidToGID[2*cid])<<8 | int(f.cidToGID[2*cid+1])
	}
	if gid <= 0 || gid >= maxGlyphs {
		return "", f.cidToGID == nil
	}
	text = t.glyphText(uint16(gid))
	return text, text != "" || f.cidToGID == nil
}

// cidText is the text of a CID its encoding and ToUnicode left without
// text: the embedded TrueType cmap of a CIDFontType2 font, else the
// table of the font's Adobe CJK collection; "" when unknown.
func (f *font) cidText(cid int) string {
	if cid < 0 {
		return ""
	}
	if f.cidTT {
		if t, ok := f.cidTrueTypeText(cid); ok {
			return t
		}
	}
	if r := cidRune(f.ordering, cid); r != 0 {
		return string(r)
	}
	return ""
}

// byteTrueTypeText returns the text of byte code c of a simple TrueType
// font through its embedded program: the glyph of the (3,0) or (1,0)
// subtable, then that glyph's Unicode; "" when unknown.
func (f *font) byteTrueTypeText(c byte) string {
	t := f.trueType()
	if t == nil {
		return ""
	}
	if g := t.glyphOfByte(c); g != 0 {
		return t.glyphText(g)
	}
	return ""
}

// simpleWidth is the width of a single-byte code in glyph units.
func (f *font) simpleWidth(c byte) float64 {
	i := int(c) - f.first
	if i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	if f.missing > 0 {
		return f.missing
	}
	if f.widths == nil {
		if c == ' ' {
			return 250
		}
		return 500
	}
	return 0
}

// decode turns a shown string into glyphs, appending them to out.
func (f *font) decode(b []byte, out []glyph) []glyph {
	if f.composite {
		return f.decodeComposite(b, out)
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if f.gbkPairs && c >= 0x81 && c <= 0xFE && i+1 < len(b) && b[i+1] >= 0x40 && b[i+1] <= 0xFE && b[i+1] != 0x7F {
			if r := decodeGBK(b[i : i+2]); r != "" {
				w := (f.simpleWidth(c) + f.simpleWidth(b[i+1])) * f.wscale
				out = append(out, glyph{text: r, w: w})
				i++
				continue
			}
		}
		var text string
		if f.toU != nil {
			text, _ = f.toU.lookup(1, uint32(c))
		}
		if text == "" {
			if r := f.enc[c]; r != 0 {
				text = string(r)
			}
		}
		if text == "" && f.simpleTT {
			text = f.byteTrueTypeText(c)
		}
		out = append(out, glyph{text: text, w: f.simpleWidth(c) * f.wscale, space: c == ' '})
	}
	return out
}

// decodeGBK decodes one GBK (or GB18030 four-byte) character; "" when the
// bytes are not a valid character.
func decodeGBK(b []byte) string {
	d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil || !utf8.Valid(d) || bytes.ContainsRune(d, utf8.RuneError) || utf8.RuneCount(d) != 1 {
		return ""
	}
	return string(d)
}

// codeLen is the length of the next code of a composite font.
func (f *font) codeLen(b []byte) int {
	n := 0
	switch {
	case f.encMap != nil && f.encMap.hasSpace():
		if n = f.encMap.codeLen(b); n == 0 {
			n = f.encMap.defaultLen()
		}
	case f.pre == predefIdentity || f.pre == predefUCS2:
		n = 2
	case f.pre == predefUTF16:
		n = 2
		if b[0] >= 0xD8 && b[0] <= 0xDB {
			n = 4
		}
	case f.pre == predefUTF32:
		n = 4
	case f.pre == predefUTF8:
		switch c := b[0]; {
		case c < 0xC0:
			n = 1
		case c < 0xE0:
			n = 2
		case c < 0xF0:
			n = 3
		default:
			n = 4
		}
	case f.pre == predefGBK:
		n = 1
		if b[0] >= 0x81 && b[0] <= 0xFE {
			n = 2
			if f.gbk2k && len(b) >= 2 && b[1] >= 0x30 && b[1] <= 0x39 {
				n = 4
			}
		}
	case f.pre == predefGBEUC:
		n = 1
		if b[0] >= 0xA1 && b[0] <= 0xFE {
			n = 2
		}
	case f.pre == predefGB7:
		n = 2
	case f.toU != nil && f.toU.hasSpace():
		if n = f.toU.codeLen(b); n == 0 {
			n = f.toU.defaultLen()
		}
	default:
		n = 2
	}
	return min(max(n, 1), len(b))
}

func (f *font) decodeComposite(b []byte, out []glyph) []glyph {
	for i := 0; i < len(b); {
		n := f.codeLen(b[i:])
		cb := b[i : i+n]
		i += n
		code := codeOf(cb)
		text, cid := f.predefText(cb, n, code)
		found := false
		if f.toU != nil {
			var t string
			if t, found = f.toU.lookup(n, code); !found {
				t, found = f.toU.lookupAnyLen(n, code)
			}
			// A distrusted mapping counts as none: the glyph's text then
			// comes from the font program, or it is unreadable and the
			// page goes to OCR.
			if found && !f.suspect[t] {
				text = t
			} else {
				found = false
			}
		}
		if !found && text == "" {
			text = f.cidText(cid)
		}
		w := f.dw
		if cw, ok := f.cidW[cid]; ok && cid >= 0 {
			w = cw
		}
		out = append(out, glyph{text: text, w: w * f.wscale, space: n == 1 && code == 32, vw: f.verticalAdvance(cid)})
	}
	return out
}

// predefText decodes a code through the font's encoding alone, returning
// its text (maybe "") and CID (-1 when unknown). CIDs are turned into text
// later, by cidText, when ToUnicode does not map the code.
func (f *font) predefText(cb []byte, n int, code uint32) (string, int) {
	cid := -1
	if f.encMap != nil {
		if c, ok := f.encMap.cid(n, code); ok {
			cid = c
		}
	}
	text := ""
	switch f.pre {
	case predefIdentity:
		if f.encMap == nil {
			cid = int(code)
		}
	case predefUCS2, predefUTF16:
		text = utf16Text(cb)
	case predefUTF32:
		if code <= 0x10FFFF {
			text = string(rune(code))
		}
	case predefUTF8:
		if utf8.Valid(cb) {
			text = string(cb)
		}
	case predefGBK, predefGBEUC, predefGB7:
		switch {
		case n == 1 && cb[0] >= 0x20 && cb[0] < 0x7F:
			// GB CMaps show single bytes with full-width glyphs.
			text = string(rune(cb[0]))
			cid = 814 + int(cb[0]) - 0x21
			if cb[0] == 0x20 {
				cid = 7716
			}
		case f.pre == predefGB7 && n == 2:
			text = decodeGBK([]byte{cb[0] | 0x80, cb[1] | 0x80})
		case n >= 2:
			text = decodeGBK(cb)
		}
	}
	if cid < 0 && text != "" {
		cid = cidForText(text, f.ordering == "GB1")
	}
	return text, cid
}

// cidForText guesses the CID of a character shown through a Unicode or GBK
// CMap, only to look up its width: the Adobe-GB1 CID when the font is GB1,
// else the half-width ASCII CIDs 1..95 every Adobe CJK collection shares.
func cidForText(text string, gb1 bool) int {
	r, _ := utf8.DecodeRuneInString(text)
	if r >= 0x20 && r < 0x7F {
		return int(r) - 31
	}
	if gb1 {
		if c, ok := gb1Reverse()[r]; ok {
			return int(c)
		}
	}
	return -1
}

// cmapOrdering is the Adobe CJK collection a predefined CMap name belongs
// to, "" when it names none (Identity-H).
func cmapOrdering(name string) string {
	switch {
	case strings.Contains(name, "GB"):
		return "GB1"
	case strings.Contains(name, "CNS"), strings.Contains(name, "B5"), strings.Contains(name, "ETen"), strings.Contains(name, "HK"):
		return "CNS1"
	case strings.Contains(name, "JIS"), strings.Contains(name, "RKSJ"), strings.HasPrefix(name, "EUC-"), strings.HasPrefix(name, "Ext-"), name == "H", name == "V":
		return "Japan1"
	case strings.Contains(name, "KS"):
		return "Korea1"
	}
	return ""
}

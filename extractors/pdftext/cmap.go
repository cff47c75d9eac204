package pdftext

import (
	"bytes"
	"sort"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// maxCMapBytes bounds how much of a CMap stream is read.
const maxCMapBytes = 8 << 20

// maxRangeExpand bounds how many codes one bfrange array may list.
const maxRangeExpand = 1 << 16

// codeRange is one codespace range: codes of n bytes whose bytes each lie
// between lo[i] and hi[i].
type codeRange struct {
	n      int
	lo, hi [4]byte
}

// uniRange maps the codes lo..hi (all of n bytes) to dst incremented by the
// code's offset in the range (bfrange with a string destination).
type uniRange struct {
	n      int
	lo, hi uint32
	dst    []uint16
}

// cidRange maps the codes lo..hi of n bytes to cid + (code - lo).
type cidRange struct {
	n      int
	lo, hi uint32
	cid    int
}

// cmap is a parsed CMap stream: a ToUnicode CMap (bf mappings) or an
// embedded encoding CMap (cid mappings), or both.
type cmap struct {
	space   []codeRange
	chars   map[uint64]string // (n<<32 | code) -> text
	ranges  []uniRange        // sorted by lo
	cids    map[uint64]int
	cidRngs []cidRange
	// byteLens records the code lengths seen in mappings, used when the
	// CMap declares no codespace.
	byteLens [5]int
}

func key(n int, code uint32) uint64 { return uint64(n)<<32 | uint64(code) }

func codeOf(b []byte) uint32 {
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return c
}

// cmapToken is one token of a CMap: hex string, name, number, bracket or
// keyword. kind is one of 'h', '/', 'n', '[', ']', 'k'.
type cmapToken struct {
	kind byte
	s    []byte
}

type cmapLexer struct {
	b []byte
	i int
}

func isWS(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%'
}

func (l *cmapLexer) next() (cmapToken, bool) {
	for l.i < len(l.b) {
		c := l.b[l.i]
		switch {
		case isWS(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		case c == '<':
			if l.i+1 < len(l.b) && l.b[l.i+1] == '<' {
				l.i += 2
				return cmapToken{kind: 'k', s: []byte("<<")}, true
			}
			l.i++
			var hex []byte
			for l.i < len(l.b) && l.b[l.i] != '>' {
				if h := unhex(l.b[l.i]); h >= 0 {
					hex = append(hex, byte(h))
				}
				l.i++
			}
			l.i++
			if len(hex)%2 == 1 {
				hex = append(hex, 0)
			}
			out := make([]byte, len(hex)/2)
			for j := range out {
				out[j] = hex[2*j]<<4 | hex[2*j+1]
			}
			return cmapToken{kind: 'h', s: out}, true
		case c == '>':
			l.i++
			if l.i < len(l.b) && l.b[l.i] == '>' {
				l.i++
			}
			return cmapToken{kind: 'k', s: []byte(">>")}, true
		case c == '(':
			depth := 0
			start := l.i + 1
		str:
			for l.i < len(l.b) {
				switch l.b[l.i] {
				case '\\':
					l.i++
				case '(':
					depth++
				case ')':
					depth--
					if depth == 0 {
						break str
					}
				}
				l.i++
			}
			end := min(l.i, len(l.b))
			l.i++
			if end < start {
				end = start
			}
			return cmapToken{kind: 's', s: l.b[start:end]}, true
		case c == '[' || c == ']':
			l.i++
			return cmapToken{kind: c}, true
		case c == '{' || c == '}' || c == ')':
			l.i++
		default:
			start := l.i
			if c == '/' {
				l.i++
			}
			for l.i < len(l.b) && !isWS(l.b[l.i]) && !isDelim(l.b[l.i]) {
				l.i++
			}
			if l.i == start {
				l.i++
				continue
			}
			s := l.b[start:l.i]
			switch {
			case s[0] == '/':
				return cmapToken{kind: '/', s: s[1:]}, true
			case s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '+' || s[0] == '.':
				return cmapToken{kind: 'n', s: s}, true
			}
			return cmapToken{kind: 'k', s: s}, true
		}
	}
	return cmapToken{}, false
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// utf16Text decodes big-endian UTF-16 bytes.
func utf16Text(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	if len(b)%2 == 1 {
		u = append(u, uint16(b[len(b)-1]))
	}
	return string(utf16.Decode(u))
}

// parseCMap parses the text of a CMap. It never fails: whatever it
// recognises is kept.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[uint64]string{}, cids: map[uint64]int{}}
	l := &cmapLexer{b: data}
	var ops []cmapToken // operands since the last keyword
	mode := ""
	for {
		t, ok := l.next()
		if !ok {
			break
		}
		if t.kind != 'k' {
			if t.kind == '[' {
				// collect an array as one operand: its hex strings, in s
				// separated by length prefixes.
				var arr []byte
				for {
					u, ok := l.next()
					if !ok || u.kind == ']' {
						break
					}
					if u.kind == 'h' && len(u.s) < 256 {
						arr = append(arr, byte(len(u.s)))
						arr = append(arr, u.s...)
					}
				}
				ops = append(ops, cmapToken{kind: '[', s: arr})
				if mode != "" {
					m.consume(mode, &ops)
				}
				continue
			}
			ops = append(ops, t)
			if len(ops) > 3 {
				// keep only what the current mode can use
				ops = ops[len(ops)-3:]
			}
			if mode != "" {
				m.consume(mode, &ops)
			}
			continue
		}
		switch kw := string(t.s); kw {
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidchar", "begincidrange":
			mode = kw
		case "endcodespacerange", "endbfchar", "endbfrange", "endcidchar", "endcidrange":
			mode = ""
		}
		ops = ops[:0]
	}
	sort.Slice(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	sort.Slice(m.cidRngs, func(i, j int) bool { return m.cidRngs[i].lo < m.cidRngs[j].lo })
	return m
}

// consume applies complete operand groups of the current section.
func (m *cmap) consume(mode string, ops *[]cmapToken) {
	o := *ops
	switch mode {
	case "begincodespacerange":
		if len(o) == 2 && o[0].kind == 'h' && o[1].kind == 'h' {
			lo, hi := o[0].s, o[1].s
			if n := len(lo); n >= 1 && n <= 4 && len(hi) == n {
				r := codeRange{n: n}
				copy(r.lo[:], lo)
				copy(r.hi[:], hi)
				m.space = append(m.space, r)
			}
			*ops = o[:0]
		}
	case "beginbfchar":
		if len(o) == 2 && o[0].kind == 'h' {
			src := o[0].s
			if n := len(src); n >= 1 && n <= 4 {
				var text string
				switch o[1].kind {
				case 'h':
					text = utf16Text(o[1].s)
				case '/':
					if r := glyphRune(string(o[1].s)); r != 0 {
						text = string(r)
					}
				}
				if text != "" {
					m.chars[key(n, codeOf(src))] = text
					m.byteLens[n]++
				}
			}
			*ops = o[:0]
		}
	case "beginbfrange":
		if len(o) == 3 && o[0].kind == 'h' && o[1].kind == 'h' {
			lo, hi := o[0].s, o[1].s
			n := len(lo)
			if n >= 1 && n <= 4 && len(hi) == n && codeOf(hi) >= codeOf(lo) {
				clo, chi := codeOf(lo), codeOf(hi)
				switch o[2].kind {
				case 'h':
					d := o[2].s
					u := make([]uint16, (len(d)+1)/2)
					for i := range u {
						u[i] = uint16(d[2*i]) << 8
						if 2*i+1 < len(d) {
							u[i] |= uint16(d[2*i+1])
						}
					}
					if len(u) > 0 {
						m.ranges = append(m.ranges, uniRange{n: n, lo: clo, hi: chi, dst: u})
						m.byteLens[n]++
					}
				case '[':
					a := o[2].s
					for c := clo; c <= chi && len(a) > 0 && c-clo < maxRangeExpand; c++ {
						ln := int(a[0])
						if 1+ln > len(a) {
							break
						}
						m.chars[key(n, c)] = utf16Text(a[1 : 1+ln])
						a = a[1+ln:]
					}
					m.byteLens[n]++
				}
			}
			*ops = o[:0]
		}
	case "begincidchar":
		if len(o) == 2 && o[0].kind == 'h' && o[1].kind == 'n' {
			if n := len(o[0].s); n >= 1 && n <= 4 {
				cid, _ := strconv.Atoi(string(o[1].s))
				m.cids[key(n, codeOf(o[0].s))] = cid
				m.byteLens[n]++
			}
			*ops = o[:0]
		}
	case "begincidrange":
		if len(o) == 3 && o[0].kind == 'h' && o[1].kind == 'h' && o[2].kind == 'n' {
			n := len(o[0].s)
			if n >= 1 && n <= 4 && len(o[1].s) == n {
				cid, _ := strconv.Atoi(string(o[2].s))
				m.cidRngs = append(m.cidRngs, cidRange{n: n, lo: codeOf(o[0].s), hi: codeOf(o[1].s), cid: cid})
				m.byteLens[n]++
			}
			*ops = o[:0]
		}
	}
}

// codeLen returns how many bytes of b (len(b) >= 1) form the next code
// according to the codespace ranges, or 0 when none matches.
func (m *cmap) codeLen(b []byte) int {
	for n := 1; n <= 4 && n <= len(b); n++ {
		for _, r := range m.space {
			if r.n != n {
				continue
			}
			ok := true
			for i := 0; i < n; i++ {
				if b[i] < r.lo[i] || b[i] > r.hi[i] {
					ok = false
					break
				}
			}
			if ok {
				return n
			}
		}
	}
	return 0
}

// defaultLen is the code length to use when no codespace matches: the most
// common length among the mappings.
func (m *cmap) defaultLen() int {
	best, n := 0, 1
	for i := 1; i <= 4; i++ {
		if m.byteLens[i] > best {
			best, n = m.byteLens[i], i
		}
	}
	for _, r := range m.space {
		if best == 0 {
			return r.n
		}
	}
	return n
}

// hasSpace reports whether the CMap declares a codespace.
func (m *cmap) hasSpace() bool { return len(m.space) > 0 }

// lookup returns the text the code maps to.
func (m *cmap) lookup(n int, code uint32) (string, bool) {
	if s, ok := m.chars[key(n, code)]; ok {
		return s, true
	}
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].lo > code }) - 1
	for steps := 0; i >= 0 && steps < 256; i, steps = i-1, steps+1 {
		r := m.ranges[i]
		if r.n != n || code < r.lo || code > r.hi {
			continue
		}
		d := append([]uint16(nil), r.dst...)
		d[len(d)-1] += uint16(code - r.lo)
		return string(utf16.Decode(d)), true
	}
	return "", false
}

// lookupAnyLen looks the code up under the other code lengths it fits in,
// for ToUnicode CMaps whose source codes are written shorter or longer
// than the font's codes (<41> for the two-byte code 0041).
func (m *cmap) lookupAnyLen(n int, code uint32) (string, bool) {
	for k := 1; k <= 4; k++ {
		if k == n || k < 4 && code >= 1<<(8*k) {
			continue
		}
		if s, ok := m.lookup(k, code); ok {
			return s, true
		}
	}
	return "", false
}

// cid returns the CID the code maps to in an encoding CMap.
func (m *cmap) cid(n int, code uint32) (int, bool) {
	if c, ok := m.cids[key(n, code)]; ok {
		return c, true
	}
	for _, r := range m.cidRngs {
		if r.n == n && code >= r.lo && code <= r.hi {
			return r.cid + int(code-r.lo), true
		}
	}
	return 0, false
}

// trimCMap reads at most maxCMapBytes of a CMap.
func trimCMap(b []byte) []byte {
	if len(b) > maxCMapBytes {
		return b[:maxCMapBytes]
	}
	return bytes.TrimSpace(b)
}

// maxSharedTarget is how many codes of a ToUnicode CMap may map to one
// non-ASCII character before that mapping is distrusted.
const maxSharedTarget = 8

// suspects lists the non-ASCII characters that more than maxSharedTarget
// codes map to. Fonts map a glyph per character, with a few variants at
// most; a CMap that gives one character for dozens of codes is broken
// (seen from converters that write one code's text for a whole range),
// and reading through it would give wrong text with confidence. ASCII
// targets are left alone: fillers such as "!" for unused codes are common.
func (m *cmap) suspects() map[string]bool {
	count := map[string]int{}
	for _, s := range m.chars {
		if r, n := utf8.DecodeRuneInString(s); n == len(s) && r >= 0x80 && r != utf8.RuneError && !unicode.IsSpace(r) {
			count[s]++
		}
	}
	var out map[string]bool
	for s, n := range count {
		if n > maxSharedTarget {
			if out == nil {
				out = map[string]bool{}
			}
			out[s] = true
		}
	}
	return out
}

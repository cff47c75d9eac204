package pdftext

import (
	"bytes"
	"strconv"
)

// maxContentBytes bounds how much of one content stream is read into
// memory.
const maxContentBytes = 64 << 20

// operand is one operand of a content stream operator.
type operand struct {
	kind byte // 'n' number, 's' string, '/' name, '[' array, 'o' other
	num  float64
	str  string // string bytes or name
	arr  []operand
}

func (o operand) float() float64 {
	if o.kind == 'n' {
		return o.num
	}
	return 0
}

// contentLexer tokenises a content stream, inline images (binary data
// between ID and EI) and malformed tokens included, keeping at most 64
// operands per operator.
type contentLexer struct {
	b []byte
	i int
}

func isRegular(c byte) bool { return !isWS(c) && !isDelim(c) }

// run calls do for every operator with its operands.
func (l *contentLexer) run(do func(op string, args []operand)) {
	var args []operand
	for {
		o, op, ok := l.next(0)
		if !ok {
			return
		}
		if op == "" {
			if len(args) < 64 {
				args = append(args, o)
			}
			continue
		}
		if op == "BI" {
			l.skipInlineImage()
		}
		do(op, args)
		args = args[:0]
	}
}

// next returns the next operand, or the next operator in op.
func (l *contentLexer) next(depth int) (o operand, op string, ok bool) {
	b := l.b
	for l.i < len(b) {
		c := b[l.i]
		switch {
		case isWS(c):
			l.i++
		case c == '%':
			for l.i < len(b) && b[l.i] != '\n' && b[l.i] != '\r' {
				l.i++
			}
		case c == '(':
			return operand{kind: 's', str: l.literal()}, "", true
		case c == '<' && l.i+1 < len(b) && b[l.i+1] == '<':
			l.i += 2
			for depth < 32 {
				_, op, ok := l.next(depth + 1)
				if !ok || op == ">>" {
					break
				}
			}
			return operand{kind: 'o'}, "", true
		case c == '<':
			return operand{kind: 's', str: l.hex()}, "", true
		case c == '>':
			l.i++
			if l.i < len(b) && b[l.i] == '>' {
				l.i++
			}
			if depth > 0 {
				return operand{}, ">>", true
			}
		case c == '[':
			l.i++
			arr := operand{kind: '['}
			for depth < 32 {
				e, op, ok := l.next(depth + 1)
				if !ok || op == "]" {
					break
				}
				if op == "" && len(arr.arr) < 1<<16 {
					arr.arr = append(arr.arr, e)
				}
			}
			return arr, "", true
		case c == ']':
			l.i++
			if depth > 0 {
				return operand{}, "]", true
			}
		case c == '/':
			l.i++
			s := l.i
			for l.i < len(b) && isRegular(b[l.i]) {
				l.i++
			}
			return operand{kind: '/', str: unescapeName(b[s:l.i])}, "", true
		case c == ')' || c == '{' || c == '}':
			l.i++
		default:
			s := l.i
			for l.i < len(b) && isRegular(b[l.i]) {
				l.i++
			}
			tok := b[s:l.i]
			if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' {
				f, err := strconv.ParseFloat(string(tok), 64)
				if err == nil {
					return operand{kind: 'n', num: f}, "", true
				}
				return operand{kind: 'n'}, "", true
			}
			switch string(tok) {
			case "true", "false", "null":
				return operand{kind: 'o'}, "", true
			}
			if depth > 0 {
				continue // stray keyword inside an array or dictionary
			}
			return operand{}, string(tok), true
		}
	}
	return operand{}, "", false
}

func unescapeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) && unhex(b[i+1]) >= 0 && unhex(b[i+2]) >= 0 {
			out = append(out, byte(unhex(b[i+1])<<4|unhex(b[i+2])))
			i += 2
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

// literal reads a (string) with escapes, the lexer at its '('.
func (l *contentLexer) literal() string {
	b := l.b
	l.i++
	var out []byte
	depth := 1
	for l.i < len(b) {
		c := b[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.i >= len(b) {
				return string(out)
			}
			e := b[l.i]
			l.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.i < len(b) && b[l.i] == '\n' {
					l.i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.i < len(b) && b[l.i] >= '0' && b[l.i] <= '7'; k++ {
						v = v*8 + int(b[l.i]-'0')
						l.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// hex reads a <hex string>, the lexer at its '<'.
func (l *contentLexer) hex() string {
	b := l.b
	l.i++
	var out []byte
	hi := -1
	for l.i < len(b) && b[l.i] != '>' {
		if h := unhex(b[l.i]); h >= 0 {
			if hi < 0 {
				hi = h
			} else {
				out = append(out, byte(hi<<4|h))
				hi = -1
			}
		}
		l.i++
	}
	l.i++
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

// skipInlineImage skips an inline image's dictionary and data, the lexer
// just after BI: up to the ID operator, then to an EI operator that is
// surrounded by white space.
func (l *contentLexer) skipInlineImage() {
	for {
		_, op, ok := l.next(0)
		if !ok {
			return
		}
		if op == "ID" {
			break
		}
	}
	l.i++ // the single white-space byte after ID
	for l.i < len(l.b) {
		j := bytes.Index(l.b[l.i:], []byte("EI"))
		if j < 0 {
			l.i = len(l.b)
			return
		}
		p := l.i + j
		before := p == 0 || isWS(l.b[p-1])
		after := p+2 >= len(l.b) || isWS(l.b[p+2])
		l.i = p + 2
		if before && after {
			return
		}
	}
}

package pdftext

import (
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/ledongthuc/pdf"
)

// Limits that bound the work done on one page.
const (
	maxOpsPerPage    = 4_000_000
	maxOpsPerDoc     = 40_000_000
	maxGlyphsPerPage = 200_000
	// maxInterpretBytes is the largest content stream given to
	// pdf.Interpret, whose operand stack grows without bound between
	// operators; larger streams (say a Flate bomb) go to contentLexer,
	// which keeps at most 64 operands.
	maxInterpretBytes = 8 << 20
	maxFormDepth      = 8
	maxFonts          = 512
)

// errLimit stops a page whose content exceeds the limits above.
var errLimit = errors.New("page content exceeds limits")

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// gstate is the part of the graphics state that text extraction needs.
type gstate struct {
	ctm   matrix
	font  *font
	fs    float64 // font size
	tc    float64 // character spacing
	tw    float64 // word spacing
	th    float64 // horizontal scaling (1 = 100%)
	tl    float64 // leading
	rise  float64
	fname string
}

// placed is one glyph positioned in user space.
type placed struct {
	x, y   float64 // origin of the glyph
	ex, ey float64 // end of its advance (without spacing)
	ux, uy float64 // one em "up" from the origin
	text   string
	space  bool
}

// interp runs content streams and collects positioned glyphs.
type interp struct {
	fonts  map[string]*font // by font dictionary text, shared by all pages
	glyphs []placed
	images int
	ops    int // operators run on this page
	docOps int // operators run on earlier pages
	buf    []glyph
}

// fontFor returns the decoder for font resource name in res.
func (in *interp) fontFor(res pdf.Value, name string) *font {
	v := res.Key("Font").Key(name)
	if v.Kind() != pdf.Dict {
		return nil
	}
	k := v.String()
	if f, ok := in.fonts[k]; ok {
		return f
	}
	f := loadFont(v)
	if len(in.fonts) < maxFonts {
		in.fonts[k] = f
	}
	return f
}

func num(v pdf.Value) float64 {
	f := v.Float64()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// errInlineImage makes run leave pdf.Interpret, which cannot skip the
// binary data of an inline image, for the fallback lexer.
var errInlineImage = errors.New("inline image")

// run interprets one content stream (a page's Contents, an array of
// streams, or a form XObject) with resources res, starting from graphics
// state gs. It runs pdf.Interpret, and when that meets an inline image or
// a token it cannot parse, runs the stream again with contentLexer.
func (in *interp) run(strm, res pdf.Value, gs gstate, depth int) {
	mark, images, ops := len(in.glyphs), in.images, in.ops
	err := func() (err error) {
		if contentSize(strm) > maxInterpretBytes {
			return errors.New("content stream too large for pdf.Interpret")
		}
		defer func() {
			if x := recover(); x != nil {
				if e, ok := x.(error); ok && errors.Is(e, errLimit) {
					panic(e)
				}
				err = fmt.Errorf("content stream: %v", x)
			}
		}()
		do := in.handler(res, gs, depth)
		var args []operand
		pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
			n := stk.Len()
			if n > 64 {
				n = 64
			}
			args = args[:0]
			for i := 0; i < n; i++ {
				args = append(args, operand{})
			}
			for i := n - 1; i >= 0; i-- {
				args[i] = fromValue(stk.Pop(), 0)
			}
			for stk.Len() > 0 {
				stk.Pop()
			}
			if op == "BI" {
				panic(errInlineImage)
			}
			do(op, args)
		})
		return nil
	}()
	if err == nil {
		return
	}
	in.glyphs, in.images, in.ops = in.glyphs[:mark], images, ops
	var data []byte
	if strm.Kind() == pdf.Array {
		for i := 0; i < strm.Len() && len(data) < maxContentBytes; i++ {
			data = append(data, readAll(strm.Index(i), maxContentBytes-int64(len(data)))...)
			data = append(data, '\n')
		}
	} else {
		data = readAll(strm, maxContentBytes)
	}
	l := &contentLexer{b: data}
	l.run(in.handler(res, gs, depth))
}

// contentSize is the decoded size of a content stream (or array of
// streams), counted up to maxInterpretBytes+1.
func contentSize(strm pdf.Value) int64 {
	size := func(v pdf.Value) int64 {
		rc := v.Reader()
		defer rc.Close()
		n, _ := io.Copy(io.Discard, io.LimitReader(rc, maxInterpretBytes+1))
		return n
	}
	if strm.Kind() != pdf.Array {
		return size(strm)
	}
	var n int64
	for i := 0; i < strm.Len() && n <= maxInterpretBytes; i++ {
		n += size(strm.Index(i))
	}
	return n
}

// handler returns the operator interpreter for one content stream.
func (in *interp) handler(res pdf.Value, gs gstate, depth int) func(op string, args []operand) {
	var stack []gstate
	var tm, tlm matrix = identity, identity
	byName := map[string]*font{} // fonts of res already looked up

	show := func(s string) {
		f := gs.font
		if f == nil || s == "" {
			return
		}
		in.buf = f.decode([]byte(s), in.buf[:0])
		for _, g := range in.buf {
			if len(in.glyphs) >= maxGlyphsPerPage {
				panic(errLimit)
			}
			trm := matrix{gs.fs * gs.th, 0, 0, gs.fs, 0, gs.rise}.mul(tm).mul(gs.ctm)
			x, y := trm.apply(0, 0)
			ex, ey := trm.apply(g.w, 0)
			ux, uy := trm.apply(0, f.vscale)
			in.glyphs = append(in.glyphs, placed{x: x, y: y, ex: ex, ey: ey, ux: ux - x, uy: uy - y, text: g.text, space: isBlank(g.text)})
			adv := g.w*gs.fs + gs.tc
			if g.space {
				adv += gs.tw
			}
			tm = matrix{1, 0, 0, 1, adv * gs.th, 0}.mul(tm)
		}
	}
	nextLine := func(tx, ty float64) {
		tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
		tm = tlm
	}

	return func(op string, args []operand) {
		in.ops++
		if in.ops > maxOpsPerPage || in.docOps+in.ops > maxOpsPerDoc {
			panic(errLimit)
		}
		arg := func(i int) float64 {
			if i < len(args) {
				f := args[i].float()
				if math.IsNaN(f) || math.IsInf(f, 0) {
					return 0
				}
				return f
			}
			return 0
		}
		last := func() operand {
			if len(args) == 0 {
				return operand{}
			}
			return args[len(args)-1]
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, gs)
			}
		case "Q":
			if len(stack) > 0 {
				gs = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if len(args) == 6 {
				gs.ctm = matrix{arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				gs.fname = args[0].str
				f, ok := byName[gs.fname]
				if !ok {
					f = in.fontFor(res, gs.fname)
					byName[gs.fname] = f
				}
				gs.font = f
				gs.fs = arg(1)
			}
		case "Tc":
			gs.tc = arg(0)
		case "Tw":
			gs.tw = arg(0)
		case "Tz":
			gs.th = arg(0) / 100
		case "TL":
			gs.tl = arg(0)
		case "Ts":
			gs.rise = arg(0)
		case "Td":
			nextLine(arg(0), arg(1))
		case "TD":
			gs.tl = -arg(1)
			nextLine(arg(0), arg(1))
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)}
				tm = tlm
			}
		case "T*":
			nextLine(0, -gs.tl)
		case "Tj":
			show(last().str)
		case "'":
			nextLine(0, -gs.tl)
			show(last().str)
		case "\"":
			if len(args) == 3 {
				gs.tw, gs.tc = arg(0), arg(1)
				nextLine(0, -gs.tl)
				show(args[2].str)
			}
		case "TJ":
			for _, e := range last().arr {
				switch e.kind {
				case 's':
					show(e.str)
				case 'n':
					tx := -e.num / 1000 * gs.fs * gs.th
					tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
				}
			}
		case "BI":
			in.images++
		case "Do":
			if len(args) == 0 {
				break
			}
			x := res.Key("XObject").Key(args[0].str)
			switch x.Key("Subtype").Name() {
			case "Image":
				in.images++
			case "Form":
				if depth >= maxFormDepth || x.Kind() != pdf.Stream {
					break
				}
				fgs := gs
				if m := x.Key("Matrix"); m.Len() == 6 {
					fm := matrix{}
					for i := range fm {
						fm[i] = num(m.Index(i))
					}
					fgs.ctm = fm.mul(gs.ctm)
				}
				fres := x.Key("Resources")
				if fres.Kind() != pdf.Dict {
					fres = res
				}
				in.run(x, fres, fgs, depth+1)
			}
		}
	}
}

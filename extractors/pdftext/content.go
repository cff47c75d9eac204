package pdftext

import (
	"errors"
	"math"

	"github.com/ledongthuc/pdf"
)

// Limits that bound the work done on one page.
const (
	maxOpsPerPage    = 4_000_000
	maxOpsPerDoc     = 40_000_000
	maxGlyphsPerPage = 200_000
	maxFormDepth     = 8
	maxFonts         = 512
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
	sx, sy float64 // origin of the string the glyph was shown in
	text   string
	space  bool
	vert   bool // vertical writing: the advance runs down a column, u is one em across it
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

// run interprets one content stream (a page's Contents, an array of
// streams, or a form XObject) with resources res, starting from graphics
// state gs. It tokenises the stream itself rather than with
// pdf.Interpret, which cannot skip inline image data and loops for ever on
// a stream that ends inside a hex string.
func (in *interp) run(strm, res pdf.Value, gs gstate, depth int) {
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
		sx, sy := matrix{gs.fs * gs.th, 0, 0, gs.fs, 0, gs.rise}.mul(tm).mul(gs.ctm).apply(0, 0)
		for _, g := range in.buf {
			if len(in.glyphs) >= maxGlyphsPerPage {
				panic(errLimit)
			}
			trm := matrix{gs.fs * gs.th, 0, 0, gs.fs, 0, gs.rise}.mul(tm).mul(gs.ctm)
			x, y := trm.apply(0, 0)
			if f.vertical {
				// Vertical writing: the glyph advances down the column; one
				// em across the column is its size.
				ex, ey := trm.apply(0, g.vw)
				ux, uy := trm.apply(1, 0)
				in.glyphs = append(in.glyphs, placed{x: x, y: y, ex: ex, ey: ey, ux: ux - x, uy: uy - y, sx: sx, sy: sy, text: g.text, space: isBlank(g.text), vert: true})
				adv := g.vw*gs.fs + gs.tc
				if g.space {
					adv += gs.tw
				}
				tm = matrix{1, 0, 0, 1, 0, adv}.mul(tm)
				continue
			}
			ex, ey := trm.apply(g.w, 0)
			ux, uy := trm.apply(0, f.vscale)
			in.glyphs = append(in.glyphs, placed{x: x, y: y, ex: ex, ey: ey, ux: ux - x, uy: uy - y, sx: sx, sy: sy, text: g.text, space: isBlank(g.text)})
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
					if gs.font != nil && gs.font.vertical {
						tm = matrix{1, 0, 0, 1, 0, -e.num / 1000 * gs.fs}.mul(tm)
						break
					}
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

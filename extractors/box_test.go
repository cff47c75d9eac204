package extractors

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"ruku/extractors/parse"
)

// numbered gives rune k of s the box k..k+1 across (spaces none).
func numbered(s string) []Box {
	var bs []Box
	for k, r := range []rune(s) {
		if r == ' ' {
			bs = append(bs, Box{})
			continue
		}
		bs = append(bs, Box{X0: float32(k), Y0: 0, X1: float32(k + 1), Y1: 1})
	}
	return bs
}

func TestNormalizeBoxes(t *testing.T) {
	tests := []struct {
		in, want string
		fold     func(rune) rune
		// per rune of want: the runes of in whose boxes it has (first, last)
		from [][2]int
	}{
		{"  ab  c ", "ab c", nil, [][2]int{{2, 2}, {3, 3}, {4, 5}, {6, 6}}},
		{"２０２５年", "2025年", nil, [][2]int{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}}},
		{"①号", "1号", nil, [][2]int{{0, 0}, {1, 1}}},
		{"㈱A", "(株)A", nil, [][2]int{{0, 0}, {0, 0}, {0, 0}, {1, 1}}},
		{"e\u0301t", "ét", nil, [][2]int{{0, 1}, {2, 2}}},
		{"a\u3000b", "a b", nil, [][2]int{{0, 0}, {1, 1}, {2, 2}}},
		{"A・B", "A·B", parse.FoldLookAlike, [][2]int{{0, 0}, {1, 1}, {2, 2}}},
	}
	for _, tt := range tests {
		in := numbered(tt.in)
		got, boxes := NormalizeBoxes(tt.in, in, tt.fold)
		if got != tt.want {
			t.Errorf("NormalizeBoxes(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		if len(boxes) != utf8.RuneCountInString(got) {
			t.Errorf("NormalizeBoxes(%q): %d boxes for %q", tt.in, len(boxes), got)
			continue
		}
		for k, f := range tt.from {
			want := UnionBoxes(in[f[0] : f[1]+1])
			if boxes[k] != want {
				t.Errorf("NormalizeBoxes(%q): rune %d of %q has %+v, want %+v", tt.in, k, got, boxes[k], want)
			}
		}
		if want := parse.Clean(tt.in); tt.fold == nil && got != want {
			t.Errorf("NormalizeBoxes(%q) = %q, parse.Clean %q", tt.in, got, want)
		}
	}
	if s, b := NormalizeBoxes("ab", numbered("abc"), nil); s != "ab" || b != nil {
		t.Errorf("misaligned boxes: %q %+v", s, b)
	}
}

func TestRectsJSON(t *testing.T) {
	ev := Evidence{Path: "a.pdf", Page: 2, Snippet: "x", Method: MethodText,
		Boxes: MakeRects([]Box{{X0: 0.1234, Y0: 0.5, X1: 0.75, Y1: 0.5625}, {X0: 0, Y0: 0.25, X1: 1, Y1: 0.3}})}
	js, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := `"boxes":[{"x0":0.1234,"y0":0.5,"x1":0.75,"y1":0.5625},{"x0":0,"y0":0.25,"x1":1,"y1":0.3}]`
	if !strings.Contains(string(js), want) {
		t.Errorf("JSON %s lacks %s", js, want)
	}
	var back Evidence
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back != ev {
		t.Errorf("round trip: %+v, want %+v", back, ev)
	}
	js, _ = json.Marshal(Evidence{Path: "b.xlsx", Sheet: "s", Row: 3})
	if strings.Contains(string(js), "boxes") {
		t.Errorf("evidence without boxes: %s", js)
	}
	if (Box{X0: 0.12345678, X1: 0.99996}).Rounded() != (Box{X0: 0.1235, X1: 1}) {
		t.Errorf("Rounded: %+v", Box{X0: 0.12345678, X1: 0.99996}.Rounded())
	}
}

// FuzzNormalizeBoxes: the text is what parse.Clean makes of the input and
// every rune of it has a box.
func FuzzNormalizeBoxes(f *testing.F) {
	for _, s := range []string{"  ab  c ", "２０２５年", "㈱A", "e\u0301t", "ﾊﾟ\u3000ｶﾞ", "\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got, boxes := NormalizeBoxes(s, numbered(s), nil)
		if want := parse.Clean(s); got != want {
			t.Fatalf("NormalizeBoxes(%q) = %q, parse.Clean %q", s, got, want)
		}
		if len(boxes) != utf8.RuneCountInString(got) {
			t.Fatalf("NormalizeBoxes(%q): %d boxes for %q", s, len(boxes), got)
		}
	})
}

func TestRectsString(t *testing.T) {
	ev := Evidence{Path: "a.pdf", Boxes: MakeRects([]Box{{X0: 0.5, Y0: 0.25, X1: 0.75, Y1: 0.5}})}
	if got, want := fmt.Sprintf("%+v", ev), "Boxes:[{0.5 0.25 0.75 0.5}]"; !strings.Contains(got, want) {
		t.Errorf("%%+v of evidence: %s, want it to hold %s", got, want)
	}
}

package ocr

import (
	"context"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ruku/extractors/extractorstest"
)

func TestInkGray(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 1))
	img.Set(0, 0, color.NRGBA{255, 255, 255, 255}) // background
	img.Set(1, 0, color.NRGBA{46, 125, 50, 255})   // green result text
	img.Set(2, 0, color.NRGBA{200, 30, 30, 255})   // red text
	img.Set(3, 0, color.NRGBA{0, 0, 0, 0})         // transparent: white
	g := inkGray(img)
	for i, want := range []uint8{255, 46, 30, 255} {
		if got := g.Pix[i]; got != want {
			t.Errorf("pixel %d: ink %d, want %d", i, got, want)
		}
	}
	if luma := toGray(img).Pix[1]; luma <= g.Pix[1] {
		t.Errorf("green: luma %d not lighter than ink %d", luma, g.Pix[1])
	}
}

// TestInkReadsGreenResult reads a corpus2 credit screenshot whose green
// 无相关记录 under 严重失信主体名单 block mode loses: the ink reading has it.
func TestInkReadsGreenResult(t *testing.T) {
	root := extractorstest.CorpusDir()
	p := filepath.Join(filepath.Dir(root), "corpus2", "trb_05", "bundle", "13.信用截图.jpg")
	data, err := os.ReadFile(p)
	if root == "" || err != nil {
		t.Skip("corpus2 not present")
	}
	res, err := newEngine(t).Image(context.Background(), data, ModeInk)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(res.Strings(), "\n")
	if !strings.Contains(text, "严重失信主体名单\n无相关记录") {
		t.Errorf("ink reading lacks the green result under 严重失信主体名单:\n%s", text)
	}
}

package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"ruku/extractors"
	"ruku/extractors/classify"
	"ruku/extractors/extractorstest"
	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
)

func TestStableTextHidesTempPaths(t *testing.T) {
	p := filepath.Join(os.TempDir(), "ruku-ocr-123", "page.png")
	got := stableText("ocr: page 1 of " + p + ": exit status 1\nSyntax Error: x")
	if want := "ocr: page 1 of <temp>: exit status 1; Syntax Error: x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestInputsCandidates: an unsure classification puts its two candidates
// in the dossier entry; a confident one puts none.
func TestInputsCandidates(t *testing.T) {
	sure := extractorstest.FromText("a.pdf", "上年度开展服务情况\n一、服务开展情况\n三、服务典型案例\n典型案例1 某公司")
	unsure := extractorstest.FromText("b.pdf", "服务管理制度及机构简介\n本文件说明。")
	items := []item{
		{file: bundle.File{Path: "a.pdf"}, doc: sure, class: classify.Classify(sure)},
		{file: bundle.File{Path: "b.pdf"}, doc: unsure, class: classify.Classify(unsure)},
	}
	in := inputs(items)
	if in[0].Kind != string(classify.ServiceReport) || len(in[0].Candidates) != 0 {
		t.Errorf("sure entry: kind %s candidates %v", in[0].Kind, in[0].Candidates)
	}
	if len(in[1].Candidates) != 2 || in[1].Candidates[0].Score < in[1].Candidates[1].Score {
		t.Errorf("unsure entry: candidates %v, want two, best first", in[1].Candidates)
	}
}

// TestPlaceEvidence: evidence quoted from a page gets the boxes of its
// snippet, from the second reading of an image when only that one shows
// it; sheet rows, pages without positions and missing pages get none.
func TestPlaceEvidence(t *testing.T) {
	box := extractors.Box{X0: 0.1, Y0: 0.2, X1: 0.3, Y1: 0.25}
	page := func(line string) extractors.Page {
		return extractors.Page{Number: 1, Method: extractors.MethodOCR, Lines: []string{line}, Boxes: [][]extractors.Box{{box}}}
	}
	first := &extractors.Doc{Path: "shot.png", Pages: []extractors.Page{page("失信被执行人查询")}}
	second := &extractors.Doc{Path: "shot.png", Pages: []extractors.Page{page("暂无数据")}}
	docx := &extractors.Doc{Path: "form.docx", Pages: []extractors.Page{{Number: 1, Lines: []string{"服务类别"}}}}
	items := []item{{doc: first, second: second}, {doc: docx}}
	crit := []dossier.Criterion{{ID: "c", Evidence: []extractors.Evidence{
		{Path: "shot.png", Page: 1, Snippet: "失信被执行人查询", Method: extractors.MethodOCR},
		{Path: "shot.png", Page: 1, Snippet: "暂无数据", Method: extractors.MethodOCR},
		{Path: "shot.png", Page: 2, Snippet: "暂无数据", Method: extractors.MethodOCR},
		{Path: "form.docx", Page: 1, Snippet: "服务类别", Method: extractors.MethodText},
		{Path: "list.xlsx", Sheet: "s", Row: 2, Snippet: "1 | 暂无数据", Method: extractors.MethodSheet},
	}}}
	placeEvidence(crit, items)
	for i, want := range []int{1, 1, 0, 0, 0} {
		ev := crit[0].Evidence[i]
		if got := ev.Boxes.Len(); got != want {
			t.Errorf("evidence %+v: %d boxes, want %d", ev, got, want)
		}
		if want == 1 && ev.Boxes.Boxes()[0] != box {
			t.Errorf("evidence %+v: box %+v, want %+v", ev, ev.Boxes.Boxes()[0], box)
		}
	}
}

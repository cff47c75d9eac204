package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"ruku/extractors/classify"
	"ruku/extractors/extractorstest"
	"ruku/pipeline/bundle"
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

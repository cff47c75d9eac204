package credit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// blockCase is one list a fixture shows and what it says.
type blockCase struct {
	List      string `json:"list"`
	Result    string `json:"result"`
	QueryDate string `json:"query_date"`
	// OCRLost, when set, says what the OCR text lost that the image shows;
	// Result and QueryDate then hold what the text supports.
	OCRLost string `json:"ocr_lost,omitempty"`
}

// fileCase is a fixture of template family B: one list a file, or several
// lists one under the other on one page.
type fileCase struct {
	File    string      `json:"file"`
	USCC    string      `json:"uscc"`
	Subject string      `json:"subject"`
	Blocks  []blockCase `json:"blocks"`
}

// TestCorpus2OCR reads the OCR text of every credit file of the second
// sample corpus (testdata/ocr2, as ruku reads it) block by block.
func TestCorpus2OCR(t *testing.T) {
	b, err := os.ReadFile("testdata/cases2.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []fileCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	var blocks, results, dates, codes int
	for _, c := range cases {
		r := Extract(ocrDoc(t, filepath.Join("testdata/ocr2", c.File)))
		if len(r.Blocks) != len(c.Blocks) {
			t.Errorf("%s: %d blocks, want %d", c.File, len(r.Blocks), len(c.Blocks))
			continue
		}
		for i, want := range c.Blocks {
			blocks++
			got := r.Blocks[i]
			if got.List != want.List {
				t.Errorf("%s block %d: list %q, want %q", c.File, i, got.List, want.List)
				continue
			}
			if got.Outcome == want.Result {
				results++
			} else {
				t.Errorf("%s %s: outcome %q, want %q (%s)", c.File, want.List, got.Outcome, want.Result, got.Doubt)
			}
			if got.Outcome == Unreadable && got.Doubt == "" {
				t.Errorf("%s %s: unreadable without a reason", c.File, want.List)
			}
			d := ""
			if got.QueryDate.OK {
				d = got.QueryDate.Value.Format(time.DateOnly)
			}
			if d == want.QueryDate {
				dates++
			} else {
				t.Errorf("%s %s: query date %q (%q), want %q", c.File, want.List, d, got.QueryDate.Doubt, want.QueryDate)
			}
			if got.USCC.Value == c.USCC {
				codes++
			}
		}
		if r.List != r.Blocks[0].List || r.Outcome != r.Blocks[0].Outcome {
			t.Errorf("%s: the Result is not its first block", c.File)
		}
	}
	t.Logf("blocks %d, result %d, query date %d, USCC = applicant's %d", blocks, results, dates, codes)
}

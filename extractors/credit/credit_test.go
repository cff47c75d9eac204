package credit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
	"ruku/extractors/parse"
)

// ocrDoc builds a Doc from a text fixture: tesseract output, one line a line.
func ocrDoc(t testing.TB, path string) *extractors.Doc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return textDoc(filepath.Base(path), extractors.MethodOCR, string(b))
}

func textDoc(name string, m extractors.Method, text string) *extractors.Doc {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return &extractors.Doc{Path: name, Format: extractors.FormatImage,
		Pages: []extractors.Page{{Number: 1, Method: m, Lines: lines}}}
}

type ocrCase struct {
	File      string `json:"file"`
	List      string `json:"list"`
	Result    string `json:"result"`
	QueryDate string `json:"query_date"`
	USCC      string `json:"uscc"`
	Subject   string `json:"subject"`
}

// TestCorpusOCR reads the tesseract output of every corpus screenshot
// (testdata/ocr, made with tesseract -l chi_sim --psm 6) against the truth.
func TestCorpusOCR(t *testing.T) {
	b, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []ocrCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	var lists, outcomes, dates, codes, subjects, wrongDoubted, rightDoubted int
	for _, c := range cases {
		r := Extract(ocrDoc(t, filepath.Join("testdata/ocr", c.File)))
		if r.List == c.List {
			lists++
		} else {
			t.Errorf("%s: list %q, want %q (%s)", c.File, r.List, c.List, r.Doubt)
		}
		if r.Outcome == c.Result {
			outcomes++
		} else {
			t.Errorf("%s: outcome %q, want %q (%s)", c.File, r.Outcome, c.Result, r.Doubt)
		}
		if got := r.QueryDate.Value.Format(time.DateOnly); r.QueryDate.OK && got == c.QueryDate && r.QueryDate.Doubt == "" {
			dates++
		} else {
			t.Errorf("%s: query date %s (%v, %q), want %s", c.File, got, r.QueryDate.OK, r.QueryDate.Doubt, c.QueryDate)
		}
		// The subject and code need not be the applicant's (a planted
		// defect may show another); count agreement for the report.
		if r.USCC.Value == c.USCC && r.USCC.Doubt == "" {
			codes++
		}
		switch {
		case parse.Compact(r.Subject.Value) == parse.Compact(c.Subject):
			subjects++
			if r.Subject.Doubt != "" {
				rightDoubted++
			}
		case r.Subject.Doubt != "":
			wrongDoubted++
		default:
			t.Logf("%s: subject %q read without doubt, applicant %q", c.File, r.Subject.Value, c.Subject)
		}
	}
	n := len(cases)
	t.Logf("list %d/%d, outcome %d/%d, query date %d/%d, USCC = applicant's %d/%d, subject read exactly %d/%d (%d of them doubted), misread and doubted %d/%d",
		lists, n, outcomes, n, dates, n, codes, n, subjects, n, rightDoubted, wrongDoubted, n-subjects)
}

func TestVariants(t *testing.T) {
	cases := []struct {
		name, text      string
		list, outcome   string
		subject, code   string
		codeDoubt, date string
	}{
		{name: "listed with case table, O for 0 in the code", text: `信用中国
首页 > 信用服务 > 失信被执行人查询
主体名称：河北甲有限公司
统一社会信用代码：91130105MAD28A3885
查询时间：2026-08-08 09:50:41
失信被执行人
案号 执行法院 立案时间
(2025)冀0105执123号 石家庄市新华区人民法院 2025-03-01`,
			list: DishonestDebtor, outcome: Listed, subject: "河北甲有限公司", code: "91130105MAD28A3885", date: "2026-08-08"},
		{name: "garbled list name and clear phrase", text: `首页 > 信用服务 > 经营异営名录查询
主体名称 : 河北甲有限公司
统一社会信用代码 : 9113O105MAD28A3885
查询时间 : 2026-08.08 09:50:41
经营异常名彔
未查询到相关信息`,
			list: AbnormalOperation, outcome: Clear, subject: "河北甲有限公司", code: "91130105MAD28A3885", date: "2026-08-08"},
		{name: "tax blacklist, code does not verify", text: `税收违法黑名单
主体名称: 河北甲有限公司
统一社会信用代码: 91130105MAD28A3886
查询时间: 2026年8月8日 09:50
查询结果：0条`,
			list: TaxViolation, outcome: Clear, subject: "河北甲有限公司", code: "91130105MAD28A3886", codeDoubt: "does not verify", date: "2026-08-08"},
		{name: "serious dishonesty listed by count", text: `严重失信主体名单
主体名称 : 河北甲有限公司
查询时间 : 2026-08-08 09:50:41
查询结果 : 2条`,
			list: SeriousDishonesty, outcome: Listed, subject: "河北甲有限公司", date: "2026-08-08"},
		{name: "nothing readable", text: "寺 国\nwww creditohina gov en", outcome: Unreadable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Extract(textDoc("shot.png", extractors.MethodOCR, c.text))
			if r.List != c.list || r.Outcome != c.outcome {
				t.Errorf("list %q outcome %q, want %q %q (%s)", r.List, r.Outcome, c.list, c.outcome, r.Doubt)
			}
			if r.Subject.Value != c.subject {
				t.Errorf("subject %q, want %q", r.Subject.Value, c.subject)
			}
			if r.USCC.Value != c.code || !strings.Contains(r.USCC.Doubt, c.codeDoubt) || (c.codeDoubt == "" && r.USCC.Doubt != "") {
				t.Errorf("USCC %q (%q), want %q (%q)", r.USCC.Value, r.USCC.Doubt, c.code, c.codeDoubt)
			}
			got := ""
			if r.QueryDate.OK {
				got = r.QueryDate.Value.Format(time.DateOnly)
			}
			if got != c.date {
				t.Errorf("date %q, want %q", got, c.date)
			}
			if r.Outcome != Unreadable && len(r.Evidence) == 0 {
				t.Error("no evidence")
			}
			if r.Outcome == Unreadable && r.Doubt == "" {
				t.Error("unreadable without a reason")
			}
		})
	}
}

func TestSubjectReadingsDiffer(t *testing.T) {
	r := Extract(textDoc("shot.png", extractors.MethodOCR, `首页 > 信用服务 > 失信被执行人查询
河北茧联检验检测有限公司 查询
主体名称 : 河北坦联检验检测有限公司
失信被执行人
暂无数据`))
	if r.Subject.Value != "河北坦联检验检测有限公司" || !strings.Contains(r.Subject.Doubt, "河北茧联") {
		t.Errorf("subject %+v", r.Subject)
	}
}

func FuzzExtract(f *testing.F) {
	seeds := []string{"testdata/ocr/pub_01_dishonest_debtor.txt", "testdata/ocr/pub_03_serious_dishonesty.txt",
		"testdata/ocr2/trb_05_combined.txt", "testdata/ocr2/trb_13_combined.txt"}
	layouts, _ := filepath.Glob("testdata/layouts/*.txt")
	for _, name := range append(seeds, layouts...) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("主体名称\n统一社会信用代码:\n查询时间: 9999-99-99")
	f.Add("失信被执行人 严重失信主体名单\n暂无数据暂无数据")
	f.Add("0\n条\n失信被执行人：无 经营异常名录：1条")
	valid := map[string]bool{DishonestDebtor: true, SeriousDishonesty: true, AbnormalOperation: true, TaxViolation: true}
	f.Fuzz(func(t *testing.T, text string) {
		r := Extract(textDoc("shot.png", extractors.MethodOCR, text))
		if len(r.Blocks) == 0 {
			t.Fatal("no blocks")
		}
		if b := r.Blocks[0]; b.List != r.List || b.Outcome != r.Outcome || b.Doubt != r.Doubt {
			t.Fatalf("result %q %q is not its first block %q %q", r.List, r.Outcome, b.List, b.Outcome)
		}
		seen := map[string]bool{}
		for _, b := range r.Blocks {
			switch b.Outcome {
			case Clear, Listed, Unreadable:
			default:
				t.Fatalf("outcome %q", b.Outcome)
			}
			if b.Outcome == Unreadable && b.Doubt == "" {
				t.Fatalf("unreadable %q without a reason", b.List)
			}
			if b.Outcome != Unreadable && len(b.Evidence) == 0 {
				t.Fatalf("%s %s without evidence", b.List, b.Outcome)
			}
			if len(b.Blocks) != 0 {
				t.Fatal("a block has blocks")
			}
			if seen[b.List] {
				t.Fatalf("list %q twice", b.List)
			}
			seen[b.List] = true
			if !valid[b.List] && (b.List != "" || len(r.Blocks) > 1) {
				t.Fatalf("list %q", b.List)
			}
		}
	})
}

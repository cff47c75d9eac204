package ocr

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newEngine(t testing.TB) *Engine {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Timeout = 10 * time.Minute // the test machine may be heavily loaded
	e, err := New(cfg)
	if err != nil {
		t.Skipf("OCR tools not available: %v", err)
	}
	return e
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// flat is the recognised text without any whitespace, for robust matching.
func flat(r Result) string {
	return strings.Join(strings.Fields(r.Text()), "")
}

func TestNewReportsMissingTools(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Tesseract = "/nonexistent/tesseract"
	if _, err := New(cfg); !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "apt-get install -y tesseract-ocr") {
		t.Errorf("missing tesseract: got %v", err)
	}
	cfg = DefaultConfig()
	cfg.Pdftoppm = "/nonexistent/pdftoppm"
	if _, err := New(cfg); !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "poppler-utils") {
		t.Errorf("missing pdftoppm: got %v", err)
	}
	newEngine(t) // the rest needs the real tools
	cfg = DefaultConfig()
	cfg.Lang = "chi_sim+xyz_abc"
	if _, err := New(cfg); !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "tesseract-ocr-xyz-abc") {
		t.Errorf("missing language: got %v", err)
	}
}

func TestImage(t *testing.T) {
	e := newEngine(t)
	tests := []struct {
		file  string
		mode  Mode
		want  []string // substrings of the text with whitespace removed
		lines []string // whole lines expected verbatim
		angle float64  // expected deskew, ±0.5°
	}{
		{
			file:  "credit_dishonest.png",
			mode:  ModeScreenshot,
			want:  []string{"统一社会信用代码:91130104MA72G7U680", "2026-08-08", "失信被执行人", "暂无数据"},
			lines: []string{"统一社会信用代码:91130104MA72G7U680", "查询时间:2026-08-08 09:50:41"},
		},
		{
			file:  "credit_abnormal.jpg",
			mode:  ModeAuto,
			want:  []string{"统一社会信用代码:91110108172EPXTJ6X", "查询时间:2026-05-30", "经营异常名录"},
			lines: []string{"统一社会信用代码:91110108172EPXTJ6X", "查询时间:2026-05-30 11:40:13"},
		},
		{
			file: "license.png",
			mode: ModeDocument,
			want: []string{"统一社会信用代码", "91130104MA72G7U680", "营业执照", "2021年04月20日", "有限责任公司"},
		},
		{
			// A phone photo of a license turned 3° clockwise (ImageMagick
			// -rotate 3): deskew turns it back counter-clockwise.
			file:  "license_rot3.jpg",
			mode:  ModeAuto,
			want:  []string{"统一社会信用代码", "91130104MA72G7U680", "2021年04月20日"},
			angle: 3,
		},
		{
			file:  "credit_rot-2.png",
			mode:  ModeAuto,
			want:  []string{"统一社会信用代码", "91130104MA72G7U680", "2026-08-08"},
			angle: -2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			r, err := e.Image(context.Background(), readTestdata(t, tt.file), tt.mode)
			if err != nil {
				t.Fatal(err)
			}
			text := flat(r)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, r.Text())
				}
			}
			for _, want := range tt.lines {
				found := false
				for _, l := range r.Lines {
					found = found || l.Text == want
				}
				if !found {
					t.Errorf("no line %q:\n%s", want, r.Text())
				}
			}
			if math.Abs(r.Angle-tt.angle) > 0.5 {
				t.Errorf("angle %.1f, want %.1f", r.Angle, tt.angle)
			}
			if r.Conf < 60 || r.Conf > 100 {
				t.Errorf("conf %.1f out of the expected range", r.Conf)
			}
			if r.Mode == ModeAuto {
				t.Errorf("mode not resolved")
			}
			for _, l := range r.Lines {
				if l.Text == "" || strings.ContainsRune(l.Text, '\t') {
					t.Errorf("bad line %q", l.Text)
				}
			}
		})
	}
}

func TestPDFPage(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	r, err := e.PDFPage(ctx, filepath.Join("testdata", "license_scan.pdf"), 1, ModeAuto)
	if err != nil {
		t.Fatal(err)
	}
	text := flat(r)
	for _, w := range []string{"统一社会信用代码", "91110108172EPXTJ6X", "营业执照", "2012年02月14日", "北京市海淀区中关村大街69号13层18室"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, r.Text())
		}
	}
	if r.Mode != ModeDocument {
		t.Errorf("auto mode on a PDF page chose %v", r.Mode)
	}
	if r.Angle == 0 {
		t.Errorf("the scan is rotated about 1°, no deskew applied")
	}
	if _, err := e.PDFPage(ctx, filepath.Join("testdata", "license_scan.pdf"), 2, ModeAuto); !errors.Is(err, ErrPage) {
		t.Errorf("page past the end: got %v, want ErrPage", err)
	}
	if _, err := e.PDFPage(ctx, filepath.Join("testdata", "license.png"), 1, ModeAuto); !errors.Is(err, ErrPage) {
		t.Errorf("not a PDF: got %v, want ErrPage", err)
	}
	if _, err := e.PDFPage(ctx, filepath.Join("testdata", "missing.pdf"), 1, ModeAuto); err == nil {
		t.Errorf("missing file: no error")
	}
}

func TestCorruptInput(t *testing.T) {
	e := newEngine(t)
	png := readTestdata(t, "credit_dishonest.png")
	jpg := readTestdata(t, "credit_abnormal.jpg")
	flipped := bytes.Clone(png)
	for i := 100; i < len(flipped); i += 37 {
		flipped[i] ^= 0x5a
	}
	inputs := map[string][]byte{
		"empty":          nil,
		"text":           []byte("统一社会信用代码 91130104MA72G7U680"),
		"pdf":            readTestdata(t, "license_scan.pdf"),
		"png header":     png[:8],
		"truncated png":  png[:len(png)/2],
		"corrupt png":    flipped,
		"truncated jpeg": jpg[:len(jpg)/3],
		"jpeg header":    jpg[:4],
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			r, err := e.Image(context.Background(), data, ModeAuto)
			if !errors.Is(err, ErrImage) {
				t.Errorf("got %v (%d lines), want ErrImage", err, len(r.Lines))
			}
		})
	}
}

func TestContextStopsTesseract(t *testing.T) {
	e := newEngine(t)
	data := readTestdata(t, "license_rot3.jpg")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Image(ctx, data, ModeDocument); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before start: got %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	_, err := e.Image(ctx, data, ModeDocument)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled while running: got %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancel took effect after %v", d)
	}

	cfg := e.Config()
	cfg.Timeout = 200 * time.Millisecond
	short, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := short.PDFPage(context.Background(), filepath.Join("testdata", "license_scan.pdf"), 1, ModeDocument); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("per-page timeout: got %v", err)
	}
}

func TestTempFilesRemoved(t *testing.T) {
	e := newEngine(t)
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	if _, err := e.Image(context.Background(), readTestdata(t, "credit_dishonest.png"), ModeScreenshot); err != nil {
		t.Fatal(err)
	}
	if _, err := e.PDFPage(context.Background(), filepath.Join("testdata", "license_scan.pdf"), 1, ModeDocument); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, ent := range ents {
		t.Errorf("left behind: %s", ent.Name())
	}
}

func TestBuildLines(t *testing.T) {
	w := func(line, left, width int, text string) word {
		return word{block: 1, par: 1, line: line, left: left, top: 10 * line, width: width, height: 15, conf: 90, text: text}
	}
	words := []word{
		// Chinese split into characters with small gaps: joined.
		w(1, 10, 15, "主体"), w(1, 27, 14, "名"), w(1, 43, 14, "称"), w(1, 59, 3, ":"), w(1, 66, 30, "河北"), w(1, 98, 60, "测试有限公司"),
		// Date and time: a space between two alphanumeric words.
		w(2, 10, 60, "查询时间"), w(2, 72, 3, ":"), w(2, 80, 80, "2026-08-08"), w(2, 166, 60, "10:03:00"),
		// A wide gap between Chinese words is a column break.
		w(3, 10, 30, "名"), w(3, 80, 15, "称"), w(3, 100, 90, "河北公司"), w(3, 500, 60, "注册资本"), w(3, 565, 60, "100万元"),
		// Quote marks read from blank gaps are dropped; real ones stay.
		w(4, 10, 60, "成立日期"), w(4, 72, 10, "“2021年04月20日"), w(4, 200, 10, "，”"), w(4, 230, 60, "”类型"), w(4, 300, 60, "“专精特新”"),
	}
	words[len(words)-3].conf = 0
	lines, conf := buildLines(words)
	want := []string{"主体名称:河北测试有限公司", "查询时间:2026-08-08 10:03:00", "名 称河北公司 注册资本100万元",
		"成立日期2021年04月20日 类型“专精特新”"}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines %v", len(lines), lines)
	}
	for i := range want {
		if lines[i].Text != want[i] {
			t.Errorf("line %d: got %q, want %q", i, lines[i].Text, want[i])
		}
	}
	if conf != 90 { // the dropped junk word does not count
		t.Errorf("conf %.1f", conf)
	}
}

func TestParseTSVNormalises(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t95.5\t代码：\n" +
		"5\t1\t1\t1\t1\t2\t12\t0\t10\t10\t-1\t \n" +
		"5\t1\t1\t1\t1\t3\t20\t0\t10\t10\t80\t９１１３（Ａ）〈B〉\n"
	words, err := parseTSV([]byte(tsv))
	if err != nil {
		t.Fatal(err)
	}
	if len(words) != 2 || words[0].text != "代码:" || words[1].text != "9113(A)(B)" {
		t.Errorf("got %+v", words)
	}
	if _, err := parseTSV([]byte("not tsv\n")); err == nil {
		t.Errorf("bad header accepted")
	}
}

// BenchmarkImage measures one credit-screenshot OCR with the default
// configuration; ms/op is the figure to budget per screenshot.
func BenchmarkImage(b *testing.B) {
	e := newEngine(b)
	data := readTestdata(b, "credit_dishonest.png")
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Image(ctx, data, ModeAuto); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreprocess measures the Go preprocessing of a 300 DPI scanned
// page (grayscale, skew estimate, rotation) without tesseract.
func BenchmarkPreprocess(b *testing.B) {
	e := newEngine(b)
	dir := b.TempDir()
	cmd := exec.Command(e.pdftoppm, "-r", "300", "-gray", "-singlefile",
		filepath.Join("testdata", "license_scan.pdf"), filepath.Join(dir, "page"))
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("pdftoppm: %v: %s", err, out)
	}
	img, err := decodePGM(mustRead(b, filepath.Join(dir, "page.pgm")))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := preprocess(context.Background(), img, false, 0, 5); err != nil {
			b.Fatal(err)
		}
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

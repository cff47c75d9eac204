package ocr

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// TestCorpus measures OCR over the sample corpus: wall and CPU time per image
// and whether the applicant's USCC, name and the key date are read. It is
// skipped unless RUKU_OCR_CORPUS names the corpus directory. Variants are
// given in RUKU_OCR_VARIANTS, separated by ";", each a comma-separated list
// of mode=auto|screenshot|document, minw=N, skew=DEG, dpi=N, lang=L, e.g.
//
//	RUKU_OCR_CORPUS=/work/shared/corpus RUKU_OCR_VARIANTS='minw=0,skew=0;minw=1500,skew=5' \
//	  go test -run TestCorpus -v -timeout 60m ./extractors/ocr
//
// RUKU_OCR_DUMP=dir writes each recognised text there for inspection, and
// RUKU_OCR_ONLY=substring limits the run to matching paths, RUKU_OCR_KIND=pdf
// or image to one input format, RUKU_OCR_DOCKIND=license to one document kind.
func TestCorpus(t *testing.T) {
	root := os.Getenv("RUKU_OCR_CORPUS")
	if root == "" {
		t.Skip("set RUKU_OCR_CORPUS to the corpus directory to measure")
	}
	items := corpusItems(t, root)
	only, kind, docKind := os.Getenv("RUKU_OCR_ONLY"), os.Getenv("RUKU_OCR_KIND"), os.Getenv("RUKU_OCR_DOCKIND")
	var keep []corpusItem
	for _, it := range items {
		isPDF := strings.HasSuffix(it.path, ".pdf")
		if strings.Contains(it.path, only) && (kind == "" || (kind == "pdf") == isPDF) && (docKind == "" || it.kind == docKind) {
			keep = append(keep, it)
		}
	}
	items = keep
	variants := strings.Split(os.Getenv("RUKU_OCR_VARIANTS"), ";")
	for _, v := range variants {
		cfg, mode := parseVariant(t, v)
		e, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		measure(t, e, mode, v, items)
	}
}

type corpusItem struct {
	bundle, path, kind, producer string
	checks                       map[string][]string // field -> acceptable spellings
}

func parseVariant(t *testing.T, v string) (Config, Mode) {
	cfg := DefaultConfig()
	cfg.Timeout = 30 * time.Minute // measure, never time out on a loaded machine
	mode := ModeAuto
	for _, kv := range strings.Split(v, ",") {
		if kv = strings.TrimSpace(kv); kv == "" {
			continue
		}
		k, val, _ := strings.Cut(kv, "=")
		num, _ := strconv.ParseFloat(val, 64)
		switch k {
		case "mode":
			mode = map[string]Mode{"auto": ModeAuto, "screenshot": ModeScreenshot, "document": ModeDocument}[val]
		case "minw":
			cfg.MinWidth = int(num)
		case "skew":
			cfg.MaxSkew = num
		case "dpi":
			cfg.DPI = int(num)
		case "lang":
			cfg.Lang = val
		default:
			t.Fatalf("unknown variant key %q", k)
		}
	}
	return cfg, mode
}

func corpusItems(t *testing.T, root string) []corpusItem {
	truths, _ := filepath.Glob(filepath.Join(root, "*", "truth.json"))
	sort.Strings(truths)
	var items []corpusItem
	for _, tp := range truths {
		data, err := os.ReadFile(tp)
		if err != nil {
			t.Fatal(err)
		}
		var truth struct {
			Bundle string         `json:"bundle"`
			Facts  map[string]any `json:"facts"`
			Files  []struct {
				Path, Kind, Producer string
				CreditList           string `json:"credit_list"`
			} `json:"files"`
		}
		if err := json.Unmarshal(data, &truth); err != nil {
			t.Fatal(err)
		}
		str := func(k string) string {
			s, _ := truth.Facts[k].(string)
			return strings.Join(strings.Fields(norm.NFKC.String(s)), "")
		}
		for _, f := range truth.Files {
			switch f.Producer {
			case "chrome_png", "chrome_jpg", "scan_chrome_pdf":
			default:
				continue
			}
			it := corpusItem{bundle: truth.Bundle, path: filepath.Join(filepath.Dir(tp), "bundle", f.Path),
				kind: f.Kind, producer: f.Producer, checks: map[string][]string{}}
			if s := str("applicant.uscc"); s != "" {
				it.checks["uscc"] = []string{s}
			}
			if s := str("applicant.name"); s != "" {
				it.checks["name"] = []string{s}
			}
			switch f.Kind {
			case "credit_screenshot":
				if s := str("credit." + f.CreditList + ".query_date"); s != "" {
					it.checks["date"] = []string{s}
				}
			case "license":
				if s := str("license.established_on"); s != "" {
					it.checks["date"] = cnDates(s)
				}
			case "premises":
				if s := str("premises.lease_start"); s != "" {
					it.checks["date"] = cnDates(s)
				}
			}
			items = append(items, it)
		}
	}
	return items
}

// cnDates spells an ISO date the ways a Chinese document writes it.
func cnDates(iso string) []string {
	d, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return []string{iso}
	}
	return []string{d.Format("2006年01月02日"), fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day()), iso}
}

func cpuTime() time.Duration {
	var self, kids syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids)
	tv := func(t syscall.Timeval) time.Duration { return time.Duration(t.Nano()) }
	return tv(self.Utime) + tv(self.Stime) + tv(kids.Utime) + tv(kids.Stime)
}

func measure(t *testing.T, e *Engine, mode Mode, name string, items []corpusItem) {
	ctx := context.Background()
	dump := os.Getenv("RUKU_OCR_DUMP")
	spaceRE := regexp.MustCompile(`\s+`)
	type agg struct {
		n, pages       int
		wall, cpu      time.Duration
		ok, near, tot  map[string]int
		conf, angleAbs float64
	}
	byKind := map[string]*agg{}
	for _, it := range items {
		group := it.producer + "/" + it.kind
		if it.kind == "credit_screenshot" || it.kind == "license" {
			group = strings.TrimPrefix(it.producer, "chrome_") + "/" + it.kind
		}
		a := byKind[group]
		if a == nil {
			a = &agg{ok: map[string]int{}, near: map[string]int{}, tot: map[string]int{}}
			byKind[group] = a
		}
		var results []Result
		startWall, startCPU := time.Now(), cpuTime()
		if strings.HasSuffix(it.path, ".pdf") {
			n := pdfPages(t, it.path)
			for p := 1; p <= n; p++ {
				r, err := e.PDFPage(ctx, it.path, p, mode)
				if err != nil {
					t.Errorf("%s p%d: %v", it.path, p, err)
					continue
				}
				results = append(results, r)
			}
		} else {
			data, err := os.ReadFile(it.path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := e.Image(ctx, data, mode)
			if err != nil {
				t.Errorf("%s: %v", it.path, err)
				continue
			}
			results = append(results, r)
		}
		a.wall += time.Since(startWall)
		a.cpu += cpuTime() - startCPU
		a.n++
		var text strings.Builder
		var angles []string
		for _, r := range results {
			a.pages++
			a.conf += r.Conf
			if r.Angle < 0 {
				a.angleAbs -= r.Angle
			} else {
				a.angleAbs += r.Angle
			}
			angles = append(angles, fmt.Sprintf("%.1f/%s", r.Angle, r.Mode))
			text.WriteString(r.Text())
		}
		flat := spaceRE.ReplaceAllString(text.String(), "")
		var miss []string
		for _, f := range []string{"uscc", "name", "date"} {
			want, ok := it.checks[f]
			if !ok {
				continue
			}
			a.tot[f]++
			best := len([]rune(want[0]))
			for _, w := range want {
				best = min(best, substringDistance([]rune(w), []rune(flat)))
			}
			if best == 0 {
				a.ok[f]++
			} else {
				miss = append(miss, fmt.Sprintf("%s=%s(d%d)", f, want[0], best))
			}
			if best <= 1 {
				a.near[f]++
			}
		}
		if len(miss) > 0 {
			t.Logf("[%s] miss %s %s (%v): %s", name, it.bundle, filepath.Base(it.path), angles, strings.Join(miss, " "))
		}
		if dump != "" {
			fn := filepath.Join(dump, strings.NewReplacer("/", "_", " ", "_").Replace(name+"__"+it.bundle+"_"+filepath.Base(it.path))+".txt")
			_ = os.WriteFile(fn, []byte(fmt.Sprintf("angles %v\n%s", angles, text.String())), 0o644)
		}
	}
	groups := make([]string, 0, len(byKind))
	for g := range byKind {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	t.Logf("variant %q", name)
	for _, g := range groups {
		a := byKind[g]
		var fs []string
		for _, f := range []string{"uscc", "name", "date"} {
			if a.tot[f] > 0 {
				fs = append(fs, fmt.Sprintf("%s %d(≤1:%d)/%d", f, a.ok[f], a.near[f], a.tot[f]))
			}
		}
		t.Logf("  %-30s files %3d pages %3d  wall %5.0f ms/page  cpu %5.0f ms/page  conf %4.1f  |angle| %.2f  %s",
			g, a.n, a.pages, float64(a.wall.Milliseconds())/float64(a.pages), float64(a.cpu.Milliseconds())/float64(a.pages),
			a.conf/float64(a.pages), a.angleAbs/float64(a.pages), strings.Join(fs, "  "))
	}
}

func pdfPages(t *testing.T, path string) int {
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return 1
}

// substringDistance is the smallest edit distance between want and any
// substring of text (semi-global alignment).
func substringDistance(want, text []rune) int {
	prev := make([]int, len(text)+1) // row for want[:0]: free start anywhere
	cur := make([]int, len(text)+1)
	for i := 1; i <= len(want); i++ {
		cur[0] = i
		for j := 1; j <= len(text); j++ {
			c := prev[j-1]
			if want[i-1] != text[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return slices.Min(prev)
}

// Package pipeline verifies one bundle: read every file, classify it by
// content, extract facts with provenance, check them against the rules and
// build the dossier. It runs in-process; the queue worker and the CLI both
// call Verify.
package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"ruku/extractors"
	"ruku/extractors/audit"
	"ruku/extractors/classify"
	"ruku/extractors/credit"
	"ruku/extractors/experts"
	"ruku/extractors/form"
	"ruku/extractors/license"
	"ruku/extractors/load"
	"ruku/extractors/locate"
	"ruku/extractors/ocr"
	"ruku/extractors/parse"
	"ruku/extractors/partners"
	"ruku/extractors/place"
	"ruku/extractors/premises"
	"ruku/extractors/services"
	"ruku/extractors/uscc"
	"ruku/lexicon"
	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
)

// Options configure a verification.
type Options struct {
	// OCR reads scans and images; nil leaves them unread (with a reason).
	OCR *ocr.Engine
	// Now stamps generated_at, the only value that may differ between runs.
	Now func() time.Time
	// UploadedAt is the upload time, the reference date of last resort.
	UploadedAt time.Time
	// Workers bounds the files read at once (default: the number of CPUs).
	Workers int
	// Skip names files (bundle paths) that are not read, each with the
	// reason recorded as its error: the queue's safe mode skips the files a
	// dead worker was reading.
	Skip map[string]string
	// Progress, if set, is called as each file starts (done false) and
	// finishes (done true) being read, from the reading goroutines.
	Progress func(path string, done bool)
	// Budget bounds the pages read and OCRed (zero: load.DefaultBudget).
	Budget load.Budget
	// TempDir is where the per-bundle temporary directory is made ("":
	// os.TempDir()); it is removed when the bundle is done.
	TempDir string
}

// ManifestName is the file an upload may carry with submission metadata.
const ManifestName = "manifest.json"

// Manifest is the optional metadata of a bundle (RULES.md section 1).
type Manifest struct {
	SubmittedAt string `json:"submitted_at"`
}

// item is one bundle file on its way through the pipeline.
type item struct {
	file  bundle.File
	doc   *extractors.Doc
	err   error
	class classify.Result
	// second is another reading of doc (an image read again, its coloured
	// text darkened) when its extractor could not read all of the first.
	second *extractors.Doc
	// creditBlocks holds the lists a credit screenshot shows, both readings
	// reconciled (read once, in readOne).
	creditBlocks []credit.Result
}

// Verify runs the whole pipeline over b under r. It returns an error only
// when ctx is cancelled; every problem with a file becomes an error on that
// file's entry in the dossier.
func Verify(ctx context.Context, b *bundle.Bundle, r *rules.Rules, opt Options) (*dossier.Dossier, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	items, err := readAll(ctx, b, opt)
	if err != nil {
		return nil, err
	}
	in := &rules.Bundle{Kinds: map[classify.Kind][]string{}, Incomplete: map[classify.Kind][]rules.FileNote{}}
	var manifest *Manifest
	for _, it := range items {
		if it.doc == nil {
			continue
		}
		if path.Base(it.file.Path) == ManifestName {
			manifest = readManifest(b, it.file.Path)
			continue
		}
		if it.err == nil || len(it.doc.Pages) > 0 || len(it.doc.Sheets) > 0 {
			extract(in, it)
		}
	}
	for _, it := range items {
		noteUncertain(in, it)
	}
	repairPlaces(in)
	setReference(in, manifest, opt.UploadedAt)
	crit, facts := rules.Check(in, r)
	placeEvidence(crit, items)
	d := &dossier.Dossier{
		Schema:       dossier.Schema,
		Bundle:       b.Name,
		BundleSHA256: b.SHA256,
		Rules:        dossier.Rules{Version: r.Version, SHA256: r.SHA256},
		Lexicon:      dossier.Lexicon{Version: lexicon.Version, SHA256: lexicon.Default().SHA256()},
		GeneratedAt:  opt.Now().UTC().Truncate(time.Second),
		Inputs:       inputs(items),
		Ignored:      ignored(b),
		Facts:        facts,
		Criteria:     crit,
	}
	d.Decide()
	return d, nil
}

// readAll loads and classifies every file, several at once, keeping the
// bundle's order.
func readAll(ctx context.Context, b *bundle.Bundle, opt Options) ([]item, error) {
	items := make([]item, len(b.Files))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	tmp, err := load.NewTempDir(opt.TempDir)
	if err != nil {
		return nil, fmt.Errorf("verify %s: %w", b.Name, err)
	}
	defer os.RemoveAll(tmp)
	loader := &load.Loader{OCR: opt.OCR, Budget: opt.Budget, TempDir: tmp}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				items[i] = readOne(ctx, b, loader, b.Files[i], opt)
			}
		}()
	}
	for i := range b.Files {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("verify %s: %w", b.Name, err)
	}
	return items, nil
}

func readOne(ctx context.Context, b *bundle.Bundle, loader *load.Loader, f bundle.File, opt Options) (it item) {
	it.file = f
	if f.Err != nil {
		it.err = f.Err
		return it
	}
	if reason, ok := opt.Skip[f.Path]; ok {
		it.err = errors.New(reason)
		return it
	}
	if opt.Progress != nil {
		opt.Progress(f.Path, false)
		defer opt.Progress(f.Path, true)
	}
	defer func() {
		if p := recover(); p != nil {
			it.err = fmt.Errorf("internal error reading %s: %v", f.Path, p)
		}
	}()
	data, err := b.ReadFile(f.Path)
	if err != nil {
		it.err = err
		return it
	}
	if path.Base(f.Path) == ManifestName {
		it.doc = &extractors.Doc{Path: f.Path, Format: extractors.FormatUnknown}
		it.class = classify.Result{Kind: classify.Other, Why: "bundle manifest", Confident: true}
		return it
	}
	it.doc, it.err = loader.Load(ctx, f.Path, data)
	if it.doc != nil && (len(it.doc.Pages) > 0 || len(it.doc.Sheets) > 0) {
		it.class = classify.Classify(it.doc)
	} else {
		it.class = classify.Result{Kind: classify.Other, Why: "unreadable"}
	}
	if it.err != nil && it.class.Kind != classify.Other && it.doc.Text() == "" {
		it.class = classify.Result{Kind: classify.Other, Why: "unreadable"}
	}
	if it.class.Kind == classify.CreditScreenshot {
		it.creditBlocks = credit.Extract(it.doc).Blocks
		if it.err == nil && !credit.AllRead(it.creditBlocks) {
			// a result line lost by block-mode OCR: read the image again
			if second, err := loader.ReadAgain(ctx, it.doc, data); err == nil && second != nil {
				it.second = second
				it.creditBlocks = credit.Reconcile(it.creditBlocks, credit.Extract(second).Blocks)
			}
		}
	}
	return it
}

func readManifest(b *bundle.Bundle, p string) *Manifest {
	data, err := b.ReadFile(p)
	if err != nil {
		return nil
	}
	var m Manifest
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	return &m
}

// setReference decides R: the form's 申请日期, else the manifest's
// submitted_at, else the upload time.
func setReference(in *rules.Bundle, m *Manifest, uploaded time.Time) {
	if in.Form != nil && in.Form.AppliedOn.OK {
		in.Ref, in.RefSource = in.Form.AppliedOn.Value, rules.RefForm
		return
	}
	if m != nil && m.SubmittedAt != "" {
		if t, err := time.Parse(time.RFC3339, m.SubmittedAt); err == nil {
			in.Ref, in.RefSource = civil(t), rules.RefManifest
			return
		}
		if t, ok := parse.Date(m.SubmittedAt); ok {
			in.Ref, in.RefSource = t, rules.RefManifest
			return
		}
	}
	in.Ref, in.RefSource = civil(uploaded), rules.RefUpload
}

// civil is the calendar day of t in China Standard Time.
func civil(t time.Time) time.Time {
	t = t.In(time.FixedZone("CST", 8*3600))
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// noteUncertain records a file the checks cannot fully rely on: one not
// read, or whose kind was not decided with confidence, in in.Uncertain; one
// of a kind read only in part in in.Incomplete.
func noteUncertain(in *rules.Bundle, it item) {
	if path.Base(it.file.Path) == ManifestName {
		return
	}
	p := it.file.Path
	switch {
	case it.doc == nil || (it.class.Kind == classify.Other && it.err != nil):
		in.Uncertain = append(in.Uncertain, rules.FileNote{Path: p, Why: rules.FileUnreadable})
	case it.class.Kind == classify.Other && !it.class.Confident:
		// Read, and close to some kind: it may be the document a check
		// misses.
		in.Uncertain = append(in.Uncertain, rules.FileNote{Path: p, Why: rules.FileUnclassified, Kinds: candidateKinds(it.class)})
	case !it.class.Confident:
		in.Uncertain = append(in.Uncertain, rules.FileNote{Path: p, Why: rules.FileUnconfident, Kinds: candidateKinds(it.class)})
	case it.err != nil:
		in.Incomplete[it.class.Kind] = append(in.Incomplete[it.class.Kind], rules.FileNote{Path: p, Why: rules.FileReadError})
	}
}

// candidateKinds are the kinds a file classified without confidence may
// be: its kind and the classifier's candidates.
func candidateKinds(r classify.Result) []classify.Kind {
	kinds := []classify.Kind{r.Kind}
	for _, c := range r.Candidates {
		if c.Score > 0 {
			kinds = append(kinds, c.Kind)
		}
	}
	return kinds
}

// extract runs the extractor of the item's kind and adds what it found.
func extract(in *rules.Bundle, it item) {
	d := it.doc
	kind := it.class.Kind
	in.Kinds[kind] = append(in.Kinds[kind], d.Path)
	method := d.Method()
	switch kind {
	case classify.ApplicationForm:
		f := form.Extract(d)
		if in.Form == nil || formScore(&f) > formScore(in.Form) {
			in.Form = &f
		}
	case classify.License:
		l := license.Extract(d)
		if in.License == nil || licenseScore(&l) > licenseScore(in.License) {
			in.License, in.LicenseMethod = &l, method
		}
	case classify.Premises:
		found := premises.Extract(d)
		for _, p := range found {
			in.Premises = append(in.Premises, rules.PremisesDoc{Premises: p, Path: d.Path, Method: method})
		}
		if len(found) == 0 {
			nothingRead(in, kind, d.Path)
		}
	case classify.AuditReport:
		in.Audits = append(in.Audits, rules.AuditDoc{Report: audit.Extract(d), Path: d.Path, Method: method})
	case classify.ExpertList:
		list, err := experts.Extract(d)
		if err != nil || len(list) == 0 {
			nothingRead(in, kind, d.Path)
		}
		in.Experts = append(in.Experts, list...)
	case classify.PartnerList:
		list, err := partners.Extract(d)
		if err != nil || len(list) == 0 {
			nothingRead(in, kind, d.Path)
		}
		in.Partners = append(in.Partners, list...)
	case classify.ServiceRecords:
		list, err := services.Extract(d)
		if err != nil || len(list) == 0 {
			nothingRead(in, kind, d.Path)
		}
		in.Services = append(in.Services, list...)
	case classify.CreditScreenshot:
		// one result per list the file shows (a page may show several)
		for _, r := range it.creditBlocks {
			in.Credits = append(in.Credits, rules.CreditDoc{Result: r, Path: d.Path})
		}
	}
}

// placeEvidence gives each piece of evidence quoted from a page the
// rectangles of the page image that show its snippet (package locate), so
// that a reviewer sees the quoted words highlighted; evidence from sheets,
// DOCX and pages without positions keeps none. A file read twice (an
// image read again, its coloured text darkened) is searched in both
// readings.
func placeEvidence(crit []dossier.Criterion, items []item) {
	docs := map[string][]*extractors.Doc{}
	for _, it := range items {
		for _, d := range []*extractors.Doc{it.doc, it.second} {
			if d != nil {
				docs[d.Path] = append(docs[d.Path], d)
			}
		}
	}
	type pageKey struct {
		doc  *extractors.Doc
		page int
	}
	prepared := map[pageKey]*locate.Page{}
	for i := range crit {
		for j := range crit[i].Evidence {
			ev := &crit[i].Evidence[j]
			if ev.Page < 1 || ev.Sheet != "" || ev.Snippet == "" {
				continue
			}
			for _, d := range docs[ev.Path] {
				k := pageKey{d, ev.Page}
				lp, ok := prepared[k]
				if !ok {
					for n := range d.Pages {
						if d.Pages[n].Number == ev.Page {
							lp = locate.New(&d.Pages[n])
							break
						}
					}
					prepared[k] = lp
				}
				if lp == nil {
					continue
				}
				if boxes := lp.Quote(ev.Snippet); boxes != nil {
					ev.Boxes = extractors.MakeRects(boxes)
					break
				}
			}
		}
	}
}

// repairPlaces repairs the Hebei city and county names that OCR misread
// in the addresses read by OCR (see package place), the applicant's
// registration authority (USCC characters 3–8, from the licence or the
// form) breaking ties; the evidence keeps the reading.
func repairPlaces(in *rules.Bundle) {
	hint := ""
	var codes []extractors.Field[string]
	if in.License != nil {
		codes = append(codes, in.License.USCC)
	}
	if in.Form != nil {
		codes = append(codes, in.Form.USCC)
	}
	for _, f := range codes {
		if f.OK && uscc.Valid(f.Value) {
			hint = f.Value[2:8]
			break
		}
	}
	repair := func(f *extractors.Field[string]) {
		if f.OK && f.Evidence.Method == extractors.MethodOCR {
			if s, ok := place.Repair(f.Value, hint); ok {
				f.Value = s
			}
		}
	}
	if in.Form != nil {
		repair(&in.Form.Address)
	}
	if in.License != nil {
		repair(&in.License.Address)
	}
	for i := range in.Premises {
		repair(&in.Premises[i].Address)
	}
}

// nothingRead records a file of kind k in which its extractor found nothing.
func nothingRead(in *rules.Bundle, k classify.Kind, p string) {
	in.Incomplete[k] = append(in.Incomplete[k], rules.FileNote{Path: p, Why: rules.FileNothingRead})
}

func formScore(f *form.Form) int {
	n := 0
	for _, ok := range []bool{f.Name.OK, f.USCC.OK, f.AppliedOn.OK, f.Nature.OK, f.Categories.OK, f.TotalAssets.OK, f.AreaM2.OK,
		f.ExpertsSenior.OK, f.ExpertsTotal.OK, f.Partners.OK, f.SMEsServed.OK, f.PointToPoint.OK} {
		if ok {
			n++
		}
	}
	return n
}

func licenseScore(l *license.License) int {
	n := 0
	for _, ok := range []bool{l.Name.OK, l.USCC.OK, l.EntityType.OK, l.Address.OK, l.EstablishedOn.OK, l.LegalRep.OK} {
		if ok {
			n++
		}
	}
	return n
}

// inputs lists every file for the dossier, in bundle order.
func inputs(items []item) []dossier.Input {
	out := make([]dossier.Input, 0, len(items))
	for _, it := range items {
		in := dossier.Input{Path: it.file.Path, SHA256: it.file.SHA256, Bytes: it.file.Size, Kind: string(classify.Other)}
		if it.doc != nil {
			in.Kind = string(it.class.Kind)
			in.Why = it.class.Why
			for _, c := range it.class.Candidates {
				in.Candidates = append(in.Candidates, dossier.Candidate{Kind: string(c.Kind), Score: c.Score})
			}
			in.Method = it.doc.Method()
			in.Pages = len(it.doc.Pages)
			if len(it.doc.Sheets) > 0 {
				in.Pages = len(it.doc.Sheets)
			}
			for _, p := range it.doc.Pages {
				in.PageMethods = append(in.PageMethods, dossier.PageMethod{Page: p.Number, Method: p.Method, Reason: stableText(p.Reason)})
			}
			for _, w := range it.doc.Warnings {
				in.Warnings = append(in.Warnings, stableText(w))
			}
		}
		if it.err != nil {
			msg := errText(it.err)
			in.Error = &msg
		}
		if in.Method == "" {
			in.Method = extractors.MethodText
		}
		out = append(out, in)
	}
	return out
}

// ignored lists the files of b that were deliberately not read, with why.
func ignored(b *bundle.Bundle) []dossier.Ignored {
	var out []dossier.Ignored
	for _, p := range b.Ignored {
		out = append(out, dossier.Ignored{Path: p, Reason: bundle.IgnoredReason(p)})
	}
	return out
}

// errText is the message of err for the dossier (see stableText).
func errText(err error) string {
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	return stableText(err.Error())
}

// stableText is msg on one line without temp-file paths, so that dossiers
// stay identical between runs.
func stableText(msg string) string {
	msg = strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", "; ")), " ")
	tmp := regexp.MustCompile(regexp.QuoteMeta(filepath.Clean(os.TempDir())) + `/[^\s:;,]*`)
	return tmp.ReplaceAllString(msg, "<temp>")
}

// Package dossier is the verification dossier: the JSON contract of
// RULES.md section 6 and its Chinese HTML rendering for reviewers.
package dossier

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"ruku/extractors"
)

// Schema is the dossier schema identifier.
const Schema = "dossier/v1"

// Status of a criterion.
type Status string

// The four statuses of RULES.md section 2.
const (
	Pass        Status = "pass"
	Fail        Status = "fail"
	NeedsReview Status = "needs_review"
	Manual      Status = "manual"
)

// Basis says what a non-pass criterion rests on: the kind of evidence, or
// of its absence, that decided it.
type Basis string

// The bases of a criterion that is not pass.
const (
	// BelowThreshold: a value was found and it is below (or above) the threshold.
	BelowThreshold Basis = "below_threshold"
	// NotMet: a value was found and the condition does not hold (another
	// holder, an expired lease, a qualified opinion, a record on a list).
	NotMet Basis = "not_met"
	// Absent: a required document is absent from a bundle whose every file
	// was read and classified with confidence.
	Absent Basis = "absent"
	// NotFound: the document is present but the value was not found in it.
	NotFound Basis = "not_found"
	// Conflicting: two readings of the value disagree.
	Conflicting Basis = "conflicting"
	// OCROnly: the value was read by OCR only and not with confidence.
	OCROnly Basis = "ocr_only"
	// Unsure: the reading of the value was flagged as uncertain.
	Unsure Basis = "unsure"
	// UncertainFiles: what is looked for was not found while some file could
	// not be read or classified with confidence (the criterion names them).
	UncertainFiles Basis = "uncertain_files"
	// Incomplete: a figure was computed from a reading that missed a file.
	Incomplete Basis = "incomplete"
	// Stale: the evidence is out of date (a credit query outside its window).
	Stale Basis = "stale"
	// NotCheckable: the condition is not machine-checkable (manual).
	NotCheckable Basis = "not_checkable"
)

// Verdicts of a bundle.
const (
	Eligible      = "eligible"
	Ineligible    = "ineligible"
	VerdictReview = "needs_review"
)

// Rules identifies the rules file a dossier was checked under.
type Rules struct {
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
}

// Lexicon identifies the wording (package lexicon) the documents were read
// with.
type Lexicon struct {
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
}

// PageMethod records how one page of an input was read and why.
type PageMethod struct {
	Page   int               `json:"page"`
	Method extractors.Method `json:"method"`
	Reason string            `json:"reason,omitempty"`
}

// Input is one file of the bundle.
type Input struct {
	Path   string            `json:"path"`
	SHA256 string            `json:"sha256"`
	Bytes  int64             `json:"bytes"`
	Kind   string            `json:"kind"`
	Method extractors.Method `json:"method"`
	Pages  int               `json:"pages"`
	Error  *string           `json:"error"`
	// Why is the classification's reason (the cues that decided the kind).
	Why string `json:"classified_by,omitempty"`
	// Candidates are the two best kinds with their scores, only when the
	// classification is unsure (a low score, or two kinds close).
	Candidates []Candidate `json:"candidates,omitempty"`
	// PageMethods lists the method per page for PDFs and images.
	PageMethods []PageMethod `json:"page_methods,omitempty"`
	// Warnings say what was damaged or repaired in the file and what was
	// lost; the content read is still used.
	Warnings []string `json:"warnings,omitempty"`
}

// Ignored is a file of the bundle that was deliberately not read
// (operating-system metadata such as __MACOSX/ or Thumbs.db), with why.
type Ignored struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Candidate is a kind a file may be, with its classification score.
type Candidate struct {
	Kind  string `json:"kind"`
	Score int    `json:"score"`
}

// Criterion is the outcome of one rule.
type Criterion struct {
	ID      string `json:"id"`
	Article string `json:"article"`
	Title   string `json:"title"`
	Status  Status `json:"status"`
	// Basis is what a non-pass status rests on; empty for pass.
	Basis    Basis                 `json:"basis,omitempty"`
	Required string                `json:"required"`
	Observed string                `json:"observed"`
	Message  string                `json:"message"`
	Evidence []extractors.Evidence `json:"evidence"`
}

// Dossier is the verification result for one bundle.
type Dossier struct {
	Schema       string         `json:"schema"`
	Bundle       string         `json:"bundle"`
	BundleSHA256 string         `json:"bundle_sha256"`
	Rules        Rules          `json:"rules"`
	Lexicon      Lexicon        `json:"lexicon"`
	GeneratedAt  time.Time      `json:"generated_at"`
	Verdict      string         `json:"verdict"`
	Counts       map[Status]int `json:"counts"`
	Inputs       []Input        `json:"inputs"`
	Ignored      []Ignored      `json:"ignored,omitempty"`
	Facts        Facts          `json:"facts"`
	Criteria     []Criterion    `json:"criteria"`
}

// Facts maps RULES.md section 5 keys to values: strings, numbers, dates as
// YYYY-MM-DD strings, lists, per-year objects keyed by year, or nil.
type Facts map[string]any

// Decide sets Verdict and Counts from the criteria (RULES.md section 2).
func (d *Dossier) Decide() {
	d.Counts = map[Status]int{Pass: 0, Fail: 0, NeedsReview: 0, Manual: 0}
	for _, c := range d.Criteria {
		d.Counts[c.Status]++
	}
	switch {
	case d.Counts[Fail] > 0:
		d.Verdict = Ineligible
	case d.Counts[NeedsReview] > 0:
		d.Verdict = VerdictReview
	default:
		d.Verdict = Eligible
	}
}

// Summary is the one-line summary the CLI prints.
func (d *Dossier) Summary() string {
	return fmt.Sprintf("%s: %s (pass %d, fail %d, needs_review %d, manual %d)",
		d.Bundle, d.Verdict, d.Counts[Pass], d.Counts[Fail], d.Counts[NeedsReview], d.Counts[Manual])
}

// JSON encodes the dossier deterministically: map keys sorted by
// encoding/json, slices in the order the pipeline sorted them, indented,
// HTML characters not escaped, with a final newline.
func (d *Dossier) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("encode dossier %s: %w", d.Bundle, err)
	}
	return b.Bytes(), nil
}

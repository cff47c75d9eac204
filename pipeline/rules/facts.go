package rules

import (
	"slices"
	"time"

	"ruku/extractors"
	"ruku/extractors/audit"
	"ruku/extractors/classify"
	"ruku/extractors/credit"
	"ruku/extractors/experts"
	"ruku/extractors/form"
	"ruku/extractors/license"
	"ruku/extractors/partners"
	"ruku/extractors/premises"
	"ruku/extractors/services"
)

// Reference-date sources (application.reference_date_source).
const (
	RefForm     = "form"
	RefManifest = "manifest"
	RefUpload   = "upload"
)

// Bundle is everything the checks see of one bundle: what each document
// kind yielded, with provenance. The pipeline fills it; the checks only
// read it.
type Bundle struct {
	Ref       time.Time // R
	RefSource string    // form, manifest or upload

	// Kinds maps each kind present to the paths of its documents.
	Kinds map[classify.Kind][]string

	Form    *form.Form       // nil when no application form was read
	License *license.License // nil when no license was read
	// LicenseMethod is how the license was read (ocr for scans and photos).
	LicenseMethod extractors.Method

	Premises []PremisesDoc
	Audits   []AuditDoc
	Experts  []experts.Expert
	Partners []partners.Partner
	Services []services.Record
	Credits  []CreditDoc

	// Uncertain lists the files that could not be read, or whose kind was
	// not decided with confidence: any of them may be a document the checks
	// look for, so nothing is judged absent while it is not empty.
	Uncertain []FileNote
	// Incomplete maps a kind to its files that were classified as that kind
	// but not fully read: a figure of that kind computed without them is
	// not evidence that the figure is low.
	Incomplete map[classify.Kind][]FileNote
}

// FileWhy says why a file is uncertain or incomplete.
type FileWhy string

// Why a file is listed in Bundle.Uncertain or Bundle.Incomplete.
const (
	// FileUnreadable: the file could not be read at all.
	FileUnreadable FileWhy = "unreadable"
	// FileReadError: the file was read in part only.
	FileReadError FileWhy = "read_error"
	// FileUnclassified: the file was read but matched no document kind.
	FileUnclassified FileWhy = "unclassified"
	// FileUnconfident: the file's kind was not decided with confidence.
	FileUnconfident FileWhy = "unconfident"
	// FileNothingRead: the file's extractor found nothing in it.
	FileNothingRead FileWhy = "nothing_read"
)

// FileNote is a file the checks cannot fully rely on, and why.
type FileNote struct {
	Path string
	Why  FileWhy
	// Kinds are the kinds the file may be (its classifier's candidates);
	// nil means any kind (a file not read).
	Kinds []classify.Kind
}

// mayBe reports whether the file may be a document of kind k.
func (n FileNote) mayBe(k classify.Kind) bool {
	return n.Kinds == nil || slices.Contains(n.Kinds, k)
}

// PremisesDoc is one lease or certificate and how it was read.
type PremisesDoc struct {
	premises.Premises
	Path   string
	Method extractors.Method
}

// AuditDoc is one audit report and how it was read.
type AuditDoc struct {
	audit.Report
	Path   string
	Method extractors.Method
}

// CreditDoc is one Credit China result and its file.
type CreditDoc struct {
	credit.Result
	Path string
}

package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"ruku/extractors/load"
	"ruku/lexicon"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
	"ruku/storage"
)

// Processor verifies one job. It does not know about asynq: the handler
// calls Process and decides from the error's Kind whether to retry.
type Processor struct {
	Store  storage.Store
	Rules  *rules.Rules
	Limits bundle.Limits
	// Options are the pipeline's options (OCR engine, workers); Now and
	// UploadedAt are set per job.
	Options pipeline.Options
	// Now stamps generated_at (default time.Now).
	Now func() time.Time
	// RetainFor locks archived copies for this long where the store supports
	// object lock (0: no lock).
	RetainFor time.Duration
	// MaxBytes bounds an upload's size (0: no bound).
	MaxBytes int64
	Log      *slog.Logger
}

func (p *Processor) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Processor) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.Default()
}

// Attempt says how to run one attempt at a job.
type Attempt struct {
	// Last says no retry follows: a verification error then still produces
	// a dossier saying why, instead of an error to retry.
	Last bool
	// Safe is the mode of a job on which worker processes died: no OCR, one
	// file at a time, a tight page budget, the Suspects (the files being read when a worker
	// died) left unread, and the dossier needs review. It implies Last.
	Safe     bool
	Suspects []string
	// Progress is handed to the pipeline (pipeline.Options.Progress).
	Progress func(path string, done bool)
}

// SafeModeReason is the error recorded on a file that safe mode left unread.
const SafeModeReason = "not read: a worker process died while reading this file; the bundle was verified in safe mode (no OCR) without it"

// Process runs the worker flow for one job: fetch the upload, check its
// SHA-256, archive an immutable copy, open it, verify it and write the
// dossier. Every step may be repeated: a redelivered job rewrites the same
// dossier keys.
func (p *Processor) Process(ctx context.Context, j Job, a Attempt) (*dossier.Dossier, error) {
	up, err := Fetch(ctx, p.Store, j, p.MaxBytes)
	switch {
	case errors.Is(err, ErrTooLarge):
		return nil, E("fetch", Gone, err)
	case isNotFound(err):
		return nil, E("fetch", Gone, err)
	case err != nil:
		return nil, E("fetch", Transient, err)
	}
	if j.SHA256 != "" && up.SHA256 != j.SHA256 {
		return nil, E("fetch", Gone, fmt.Errorf("%s: %w (now %s, enqueued as %s)", j.Key, ErrChanged, up.SHA256, j.SHA256))
	}
	if err := Archive(ctx, p.Store, up, p.retainUntil()); err != nil {
		return nil, E("archive", Transient, err)
	}
	return p.VerifyZip(ctx, up, a)
}

func (p *Processor) retainUntil() time.Time {
	if p.RetainFor <= 0 {
		return time.Time{}
	}
	return p.now().Add(p.RetainFor)
}

// ArchiveInfo is the sidecar archive/<sha256>.json next to an archived
// zip: what a re-audit needs to verify the bundle as the worker did.
type ArchiveInfo struct {
	Name       string    `json:"name"`
	Key        string    `json:"upload_key"`
	UploadedAt time.Time `json:"uploaded_at"`
}

// Archive puts the immutable copy of a bundle at ArchiveKey(sha), and its
// ArchiveInfo beside it, if absent, locked until retain where the store
// supports it. An existing copy is success: the key is the content's hash,
// and the first upload's name and time are kept.
func Archive(ctx context.Context, st storage.Store, up *Upload, retain time.Time) error {
	info, err := json.Marshal(ArchiveInfo{Name: up.Name, Key: up.Key, UploadedAt: up.UploadedAt})
	if err != nil {
		return fmt.Errorf("archive %s: %w", up.SHA256, err)
	}
	for _, o := range []struct {
		key, ctype string
		b          []byte
	}{
		{ArchiveKey(up.SHA256), "application/zip", up.Zip},
		{ArchiveInfoKey(up.SHA256), "application/json", info},
	} {
		err := st.Put(ctx, storage.BucketArchive, o.key, bytes.NewReader(o.b), int64(len(o.b)),
			storage.PutOptions{ContentType: o.ctype, IfAbsent: true, Retain: retain})
		if err != nil && !errors.Is(err, storage.ErrExists) {
			return fmt.Errorf("archive %s: %w", o.key, err)
		}
	}
	return nil
}

// ReadArchiveInfo reads the sidecar of an archived bundle.
func ReadArchiveInfo(ctx context.Context, st storage.Store, sha string) (ArchiveInfo, error) {
	b, err := readAll(ctx, st, storage.BucketArchive, ArchiveInfoKey(sha))
	if err != nil {
		return ArchiveInfo{}, fmt.Errorf("read archive info: %w", err)
	}
	var ai ArchiveInfo
	if err := json.Unmarshal(b, &ai); err != nil {
		return ArchiveInfo{}, fmt.Errorf("read archive info %s: %w", sha, err)
	}
	return ai, nil
}

// VerifyZip opens an archived zip, verifies it under p.Rules and writes the
// dossier. A zip that cannot be opened gets a dossier that says why and an
// Unreadable error; so does a verification failure on the last attempt.
func (p *Processor) VerifyZip(ctx context.Context, up *Upload, a Attempt) (*dossier.Dossier, error) {
	opt := p.Options
	opt.Now, opt.UploadedAt, opt.Progress = p.now, up.UploadedAt, a.Progress
	last := a.Last || a.Safe
	if a.Safe {
		opt.OCR, opt.Workers = nil, 1
		opt.Budget = load.Budget{MaxPages: 200, MaxOCRPages: 1, MaxBundleOCRPages: 1, MaxBlankRun: 1}
		opt.Skip = map[string]string{}
		for _, f := range a.Suspects {
			opt.Skip[f] = SafeModeReason
		}
		p.log().WarnContext(ctx, "safe mode: workers died on this bundle", "bundle", up.Name, "sha256", up.SHA256, "suspects", a.Suspects)
	}
	var unreadable error
	b, err := bundle.OpenZip(ctx, bytes.NewReader(up.Zip), int64(len(up.Zip)), up.Name, p.Limits)
	if err != nil {
		if ctx.Err() != nil {
			return nil, E("open", Transient, err)
		}
		// As ruku verify does: the pipeline reports the unreadable file.
		unreadable = err
		b = &bundle.Bundle{Name: up.Name, SHA256: up.SHA256,
			Files: []bundle.File{{Path: up.Name + ".zip", Size: int64(len(up.Zip)), Err: err}}}
	}
	d, err := pipeline.Verify(ctx, b, p.Rules, opt)
	if err != nil {
		if ctx.Err() != nil || !last {
			return nil, E("verify", Transient, err)
		}
		return p.unreadable(ctx, up, "verify", err)
	}
	if a.Safe {
		needsReview(d, a.Suspects)
	}
	if err := WriteDossier(ctx, p.Store, up.SHA256, d, p.Rules); err != nil {
		return nil, E("write", Transient, err)
	}
	p.log().InfoContext(ctx, "dossier written", "bundle", d.Bundle, "sha256", d.BundleSHA256, "verdict", d.Verdict,
		"key", DossierKey(up.SHA256, p.Rules, DossierJSON))
	if unreadable != nil {
		return d, E("open", Unreadable, unreadable)
	}
	return d, nil
}

// needsReview turns a safe-mode dossier into one a reviewer must finish:
// reading was incomplete, so no criterion fails on it, and
// materials_complete names the files left unread.
func needsReview(d *dossier.Dossier, suspects []string) {
	note := "工作进程在读取本申请材料时异常退出，已在安全模式（不做OCR）下核验"
	if len(suspects) > 0 {
		note += "，未读取：" + strings.Join(suspects, "、")
	}
	for i := range d.Criteria {
		c := &d.Criteria[i]
		switch {
		case c.Status == dossier.Fail:
			c.Status, c.Message = dossier.NeedsReview, note+"；"+c.Message
		case c.ID == "materials_complete" && c.Status == dossier.Pass:
			c.Status, c.Message = dossier.NeedsReview, note
		}
	}
	d.Decide()
}

// unreadable writes the dossier of a bundle that could not be read and
// returns an Unreadable error (or a Transient one if the write failed).
func (p *Processor) unreadable(ctx context.Context, up *Upload, op string, cause error) (*dossier.Dossier, error) {
	d := UnreadableDossier(up.Name, up.SHA256, int64(len(up.Zip)), p.Rules, p.now(), cause)
	if err := WriteDossier(ctx, p.Store, up.SHA256, d, p.Rules); err != nil {
		return nil, E("write", Transient, fmt.Errorf("write dossier of unreadable bundle %s: %w", up.Name, err))
	}
	p.log().WarnContext(ctx, "bundle unreadable; dossier written", "bundle", up.Name, "sha256", up.SHA256, "err", cause)
	return d, E(op, Unreadable, cause)
}

// UnreadableDossier is the dossier of a bundle that could not be read: its
// one input carries the error and its verdict is needs_review (the evidence
// exists but cannot be read), with no criteria checked.
func UnreadableDossier(name, sha string, size int64, r *rules.Rules, now time.Time, cause error) *dossier.Dossier {
	msg := cause.Error()
	d := &dossier.Dossier{
		Schema:       dossier.Schema,
		Bundle:       name,
		BundleSHA256: sha,
		Rules:        dossier.Rules{Version: r.Version, SHA256: r.SHA256},
		Lexicon:      dossier.Lexicon{Version: lexicon.Version, SHA256: lexicon.Default().SHA256()},
		GeneratedAt:  now.UTC(),
		Inputs: []dossier.Input{{
			Path: name + ".zip", SHA256: sha, Bytes: size, Kind: "unreadable", Error: &msg,
		}},
		Facts:    dossier.Facts{},
		Criteria: []dossier.Criterion{},
	}
	d.Decide()
	d.Verdict = dossier.VerdictReview
	return d
}

// WriteDossier writes a dossier's JSON and HTML under DossierKey(sha, r, …).
// The HTML goes first so that dossier.json, the object intake treats as
// "processed", only appears once both exist. Rewriting replaces both.
func WriteDossier(ctx context.Context, st storage.Store, sha string, d *dossier.Dossier, r *rules.Rules) error {
	js, err := d.JSON()
	if err != nil {
		return fmt.Errorf("write dossier: %w", err)
	}
	html, err := d.HTML()
	if err != nil {
		return fmt.Errorf("write dossier: %w", err)
	}
	hkey := DossierKey(sha, r, DossierHTML)
	if err := st.Put(ctx, storage.BucketDossiers, hkey, bytes.NewReader(html), int64(len(html)),
		storage.PutOptions{ContentType: "text/html; charset=utf-8"}); err != nil {
		return fmt.Errorf("write dossier %s: %w", hkey, err)
	}
	key := DossierKey(sha, r, DossierJSON)
	if err := st.Put(ctx, storage.BucketDossiers, key, bytes.NewReader(js), int64(len(js)),
		storage.PutOptions{ContentType: "application/json"}); err != nil {
		return fmt.Errorf("write dossier %s: %w", key, err)
	}
	return nil
}

// ReadDossier reads a dossier.json from the dossiers bucket.
func ReadDossier(ctx context.Context, st storage.Store, key string) (*dossier.Dossier, error) {
	b, err := readAll(ctx, st, storage.BucketDossiers, key)
	if err != nil {
		return nil, fmt.Errorf("read dossier: %w", err)
	}
	var d dossier.Dossier
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("read dossier %s: %w", key, err)
	}
	return &d, nil
}

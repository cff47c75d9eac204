// Package reaudit re-verifies archived bundles under a rules file, writes
// their dossiers beside the earlier ones (see the key scheme in package
// queue) and reports what changed: verdicts and criteria, bundle by bundle.
package reaudit

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"ruku/archive"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
	"ruku/storage"
)

// Config selects and re-verifies archived bundles.
type Config struct {
	// Rules to verify under.
	Rules *rules.Rules
	// Since keeps the bundles archived at or after it (zero: all).
	Since time.Time
	// Prefix keeps the bundles whose name (as archived) or SHA-256 starts
	// with it ("": all).
	Prefix string
	// Jobs is how many bundles are verified at once.
	Jobs   int
	Limits bundle.Limits
	// Options are the pipeline's options (OCR engine, workers).
	Options pipeline.Options
	// Now stamps generated_at (default time.Now).
	Now func() time.Time
	Log *slog.Logger
}

// DefaultConfig returns the defaults, with the embedded rules.
func DefaultConfig() Config {
	return Config{Rules: rules.Default(), Jobs: 2, Limits: bundle.DefaultLimits()}
}

// Progress is told how many bundles there are and when each is done.
type Progress interface {
	Start(total int)
	Done(name string)
	Finish()
}

// Run re-verifies the selected archived bundles. A bundle that fails is
// reported with its error and the others go on; the error returned is for
// failures that stop the whole run (listing, cancellation).
func Run(ctx context.Context, st storage.Store, cfg Config, prog Progress) (*Report, error) {
	if cfg.Rules == nil {
		return nil, errors.New("reaudit: no rules")
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	objs, err := st.List(ctx, storage.BucketArchive, "")
	if err != nil {
		return nil, fmt.Errorf("reaudit: list archive: %w", err)
	}
	var items []item
	for _, o := range objs {
		sha, ok := archive.SHAFromArchiveKey(o.Key)
		if !ok || (!cfg.Since.IsZero() && o.Modified.Before(cfg.Since)) {
			continue
		}
		it := item{sha: sha, name: sha}
		if ai, err := archive.ReadArchiveInfo(ctx, st, sha); err == nil {
			it.info = ai
			it.name = ai.Name
		} else if !errors.Is(err, storage.ErrNotFound) {
			return nil, fmt.Errorf("reaudit: %w", err)
		}
		if cfg.Prefix != "" && !strings.HasPrefix(it.name, cfg.Prefix) && !strings.HasPrefix(sha, cfg.Prefix) {
			continue
		}
		items = append(items, it)
	}
	rep := &Report{
		Rules:       dossier.Rules{Version: cfg.Rules.Version, SHA256: cfg.Rules.SHA256},
		RulesDir:    archive.RulesDir(cfg.Rules),
		GeneratedAt: now().UTC(),
		Bundles:     make([]BundleDiff, len(items)),
	}
	if prog != nil {
		prog.Start(len(items))
		defer prog.Finish()
	}
	p := &archive.Processor{Store: st, Rules: cfg.Rules, Limits: cfg.Limits, Options: cfg.Options, Now: now, Log: log}
	jobs := max(cfg.Jobs, 1)
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range jobs {
		wg.Go(func() {
			for i := range next {
				d := reauditOne(ctx, st, p, items[i])
				mu.Lock()
				rep.Bundles[i] = d
				if prog != nil {
					prog.Done(items[i].name)
				}
				mu.Unlock()
			}
		})
	}
feed:
	for i := range items {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("reaudit: %w", err)
	}
	slices.SortFunc(rep.Bundles, func(a, b BundleDiff) int {
		return cmp.Or(cmp.Compare(a.Bundle, b.Bundle), cmp.Compare(a.SHA256, b.SHA256))
	})
	rep.summarize()
	return rep, nil
}

type item struct {
	sha, name string
	info      archive.ArchiveInfo
}

// reauditOne verifies one archived bundle and compares it with its latest
// earlier dossier.
func reauditOne(ctx context.Context, st storage.Store, p *archive.Processor, it item) BundleDiff {
	bd := BundleDiff{Bundle: it.name, SHA256: it.sha}
	before, err := latestDossier(ctx, st, it.sha, archive.RulesDir(p.Rules))
	if err != nil {
		bd.Error = err.Error()
		return bd
	}
	rc, err := st.Get(ctx, storage.BucketArchive, archive.ArchiveKey(it.sha))
	if err != nil {
		bd.Error = fmt.Sprintf("read archive: %v", err)
		return bd
	}
	zip, err := readClose(rc)
	if err != nil {
		bd.Error = fmt.Sprintf("read archive %s: %v", it.sha, err)
		return bd
	}
	up := &archive.Upload{Job: archive.Job{Key: it.info.Key, SHA256: it.sha, Name: it.name, UploadedAt: it.info.UploadedAt}, Zip: zip}
	after, err := p.VerifyZip(ctx, up, archive.Attempt{Last: true})
	if after == nil {
		bd.Error = err.Error()
		return bd
	}
	bd = Diff(before, after, archive.RulesDir(p.Rules))
	bd.SHA256 = it.sha
	if err != nil { // an unreadable bundle: its dossier says why
		bd.Error = err.Error()
	}
	return bd
}

// latestDossier returns the most recently generated dossier of a bundle
// under rules other than rulesDir, or the one under rulesDir when there is
// no other, or nil when there is none.
func latestDossier(ctx context.Context, st storage.Store, sha, rulesDir string) (*stored, error) {
	ds, err := archive.ListDossiers(ctx, st, archive.DossierPrefix(sha))
	if err != nil {
		return nil, err
	}
	var best, same *stored
	for _, sd := range ds {
		d, err := archive.ReadDossier(ctx, st, sd.Key)
		if err != nil {
			return nil, err
		}
		s := &stored{d: d, dir: sd.RulesDir}
		if sd.RulesDir == rulesDir {
			same = s
			continue
		}
		if best == nil || d.GeneratedAt.After(best.d.GeneratedAt) {
			best = s
		}
	}
	if best == nil {
		return same, nil
	}
	return best, nil
}

type stored struct {
	d   *dossier.Dossier
	dir string
}

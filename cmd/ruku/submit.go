package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"ruku/archive"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/review"
	"ruku/storage"
)

// submitOptions are the flags of ruku submit.
type submitOptions struct {
	store    storeOptions
	rules    string
	noOCR    bool
	workers  int
	retain   time.Duration
	maxBytes int64
}

func submitCommand() command {
	return command{
		usage: "submit BUNDLE… [--rules FILE] [--store-dir DIR]",
		help:  "archive and verify bundles into the store (a local folder by default) for ruku serve",
		run:   runSubmit,
	}
}

func runSubmit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o submitOptions
	var e env
	fl := flag.NewFlagSet("submit", flag.ContinueOnError)
	fl.SetOutput(stderr)
	o.store.register(fl, &e)
	fl.StringVar(&o.rules, "rules", e.str("RUKU_RULES", ""), "rules file (default: the embedded rules) (RUKU_RULES)")
	fl.BoolVar(&o.noOCR, "no-ocr", e.bool("RUKU_NO_OCR", false), "do not run OCR (RUKU_NO_OCR)")
	fl.IntVar(&o.workers, "workers", e.int("RUKU_PIPELINE_WORKERS", 0), "files of one bundle read at once (default: CPUs) (RUKU_PIPELINE_WORKERS)")
	fl.DurationVar(&o.retain, "retain", e.dur("RUKU_RETAIN", 5*365*24*time.Hour), "object-lock retention of archived bundles, 0 for none (RUKU_RETAIN)")
	fl.Int64Var(&o.maxBytes, "max-bytes", int64(e.int("RUKU_MAX_BUNDLE_BYTES", 512<<20)), "largest bundle accepted (RUKU_MAX_BUNDLE_BYTES)")
	pos, err := interspersed(fl, args)
	if err != nil {
		return err
	}
	if err := e.err(); err != nil {
		return fmt.Errorf("environment: %w", err)
	}
	if len(pos) == 0 {
		fl.Usage()
		return errors.New("submit takes one or more BUNDLE paths (.zip or folder)")
	}
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	st, err := openWorkspaceStore(ctx, &o.store)
	if err != nil {
		return err
	}
	p := &archive.Processor{
		Store:     st,
		Rules:     rs,
		Limits:    bundle.DefaultLimits(),
		Options:   pipeline.Options{OCR: newOCR(o.noOCR, stderr), Workers: o.workers},
		RetainFor: o.retain,
		MaxBytes:  o.maxBytes,
		Log:       newLogger(io.Discard, "submit"),
	}
	var errs []error
	for _, path := range pos {
		up, err := archive.ReadBundle(path, o.maxBytes)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d, err := p.Submit(ctx, up)
		switch {
		case d != nil:
			fmt.Fprintf(stdout, "%s  %s\n", up.SHA256[:12], d.Summary())
			if err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", path, err)
			}
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w", path, err))
		}
		if ctx.Err() != nil {
			break
		}
	}
	return errors.Join(errs...)
}

// openWorkspaceStore opens the store as the other commands do and, when
// buckets are ensured, also the workspace's (accounts, decisions).
func openWorkspaceStore(ctx context.Context, o *storeOptions) (storage.Store, error) {
	st, err := o.open(ctx)
	if err != nil {
		return nil, err
	}
	if o.ensure {
		if err := review.EnsureBuckets(ctx, st); err != nil {
			return nil, err
		}
	}
	return st, nil
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"ruku/archive"
	"ruku/review"
	"ruku/storage"
)

// submitOptions are the flags of ruku submit.
type submitOptions struct {
	store storeOptions
	proc  processorOptions
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
	o.proc.register(fl, &e)
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
	st, err := openWorkspaceStore(ctx, &o.store)
	if err != nil {
		return err
	}
	p, err := o.proc.processor(st, stderr, newLogger(io.Discard, "submit"))
	if err != nil {
		return err
	}
	var errs []error
	for _, path := range pos {
		up, err := archive.ReadBundle(path, o.proc.maxBytes)
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

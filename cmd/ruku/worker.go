package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"ruku/archive"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/queue"
)

// workerOptions are the flags of ruku worker.
type workerOptions struct {
	store    storeOptions
	redis    redisOptions
	server   queue.ServerConfig
	rules    string
	noOCR    bool
	workers  int
	retain   time.Duration
	maxBytes int64
}

func workerCommand() command {
	return command{
		usage: "worker [--concurrency N] [--rules FILE]",
		help:  "verify queued bundles into the dossiers bucket; SIGTERM drains",
		run:   runWorker,
	}
}

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o workerOptions
	var e env
	fl := flag.NewFlagSet("worker", flag.ContinueOnError)
	fl.SetOutput(stderr)
	o.store.register(fl, &e)
	o.redis.register(fl, &e)
	o.server = queue.DefaultServerConfig()
	fl.IntVar(&o.server.Concurrency, "concurrency", e.int("RUKU_CONCURRENCY", o.server.Concurrency), "bundles verified at once (RUKU_CONCURRENCY)")
	fl.DurationVar(&o.server.DrainTimeout, "drain-timeout", e.dur("RUKU_DRAIN_TIMEOUT", o.server.DrainTimeout), "on SIGTERM, how long in-flight bundles may finish (RUKU_DRAIN_TIMEOUT)")
	fl.DurationVar(&o.server.RetryBase, "retry-base", e.dur("RUKU_RETRY_BASE", o.server.RetryBase), "first retry delay, doubled each retry (RUKU_RETRY_BASE)")
	fl.DurationVar(&o.server.RetryMax, "retry-max", e.dur("RUKU_RETRY_MAX", o.server.RetryMax), "longest retry delay (RUKU_RETRY_MAX)")
	fl.StringVar(&o.rules, "rules", e.str("RUKU_RULES", ""), "rules file (default: the embedded rules) (RUKU_RULES)")
	fl.BoolVar(&o.noOCR, "no-ocr", e.bool("RUKU_NO_OCR", false), "do not run OCR (RUKU_NO_OCR)")
	fl.IntVar(&o.workers, "workers", e.int("RUKU_PIPELINE_WORKERS", 0), "files of one bundle read at once (default: CPUs) (RUKU_PIPELINE_WORKERS)")
	fl.DurationVar(&o.retain, "retain", e.dur("RUKU_RETAIN", 5*365*24*time.Hour), "object-lock retention of archived bundles, 0 for none (RUKU_RETAIN)")
	fl.Int64Var(&o.maxBytes, "max-bytes", int64(e.int("RUKU_MAX_BUNDLE_BYTES", 512<<20)), "largest upload accepted (RUKU_MAX_BUNDLE_BYTES)")
	if _, err := interspersed(fl, args); err != nil {
		return err
	}
	if err := e.err(); err != nil {
		return fmt.Errorf("environment: %w", err)
	}
	if o.server.Concurrency < 1 {
		return fmt.Errorf("--concurrency must be at least 1")
	}
	log := newLogger(stderr, "worker")
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	st, err := o.store.open(ctx)
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
		Log:       log,
	}
	o.server.Redis, o.server.Queue = o.redis.redis, o.redis.queue
	log.InfoContext(ctx, "rules", "version", rs.Version, "dir", archive.RulesDir(rs))
	h := queue.NewHandler(p, o.server.Redis, log)
	defer h.Close()
	return queue.Serve(ctx, o.server, h, log)
}

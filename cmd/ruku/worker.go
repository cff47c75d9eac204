package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ruku/archive"
	"ruku/queue"
)

// workerOptions are the flags of ruku worker.
type workerOptions struct {
	store  storeOptions
	redis  redisOptions
	server queue.ServerConfig
	proc   processorOptions
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
	o.proc.register(fl, &e)
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
	st, err := o.store.open(ctx)
	if err != nil {
		return err
	}
	p, err := o.proc.processor(st, stderr, log)
	if err != nil {
		return err
	}
	o.server.Redis, o.server.Queue = o.redis.redis, o.redis.queue
	log.InfoContext(ctx, "rules", "version", p.Rules.Version, "dir", archive.RulesDir(p.Rules))
	h := queue.NewHandler(p, o.server.Redis, log)
	defer h.Close()
	return queue.Serve(ctx, o.server, h, log)
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/redis/go-redis/v9"

	"ruku/intake"
	"ruku/queue"
	"ruku/storage"
)

// intakeOptions are the flags of ruku intake.
type intakeOptions struct {
	store  storeOptions
	redis  redisOptions
	client queue.ClientConfig
	cfg    intake.Config
	once   bool
}

func intakeCommand() command {
	return command{
		usage: "intake [--addr A] [--token T | --insecure-no-auth] [--reconcile-every D] [--once]",
		help:  "turn uploads into tasks: S3 event webhook plus periodic reconciliation",
		run:   runIntake,
	}
}

func runIntake(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o intakeOptions
	var e env
	fl := flag.NewFlagSet("intake", flag.ContinueOnError)
	fl.SetOutput(stderr)
	o.store.register(fl, &e)
	o.redis.register(fl, &e)
	o.cfg, o.client = intake.DefaultConfig(), queue.DefaultClientConfig()
	fl.StringVar(&o.cfg.Addr, "addr", e.str("RUKU_INTAKE_ADDR", o.cfg.Addr), "webhook listen address (RUKU_INTAKE_ADDR)")
	fl.StringVar(&o.cfg.Path, "path", e.str("RUKU_INTAKE_PATH", o.cfg.Path), "webhook URL path (RUKU_INTAKE_PATH)")
	fl.StringVar(&o.cfg.Token, "token", e.str("RUKU_INTAKE_TOKEN", ""), "required bearer token of webhook calls, MinIO's auth_token (RUKU_INTAKE_TOKEN); intake refuses to start without one")
	fl.BoolVar(&o.cfg.InsecureNoAuth, "insecure-no-auth", false, "start without a token: anyone reaching the listener may send events (tests, private networks)")
	fl.IntVar(&o.cfg.MaxRecords, "max-records", o.cfg.MaxRecords, "records accepted in one event")
	fl.IntVar(&o.cfg.MaxKeyDepth, "max-key-depth", o.cfg.MaxKeyDepth, "folders accepted in an event's key")
	fl.DurationVar(&o.cfg.ReconcileEvery, "reconcile-every", e.dur("RUKU_RECONCILE_EVERY", o.cfg.ReconcileEvery), "reconciliation period, 0 to disable (RUKU_RECONCILE_EVERY)")
	fl.Int64Var(&o.cfg.MaxBytes, "max-bytes", int64(e.int("RUKU_MAX_BUNDLE_BYTES", int(o.cfg.MaxBytes))), "largest upload accepted (RUKU_MAX_BUNDLE_BYTES)")
	fl.IntVar(&o.client.MaxRetry, "max-retry", e.int("RUKU_MAX_RETRY", o.client.MaxRetry), "retries of a transient failure (RUKU_MAX_RETRY)")
	fl.DurationVar(&o.client.Timeout, "task-timeout", e.dur("RUKU_TASK_TIMEOUT", o.client.Timeout), "time limit of one attempt at one bundle (RUKU_TASK_TIMEOUT)")
	fl.DurationVar(&o.client.Retention, "retention", e.dur("RUKU_TASK_RETENTION", o.client.Retention), "how long finished tasks stay in Redis (RUKU_TASK_RETENTION)")
	fl.BoolVar(&o.once, "once", false, "reconcile once, print the summary and exit")
	if _, err := interspersed(fl, args); err != nil {
		return err
	}
	if err := e.err(); err != nil {
		return fmt.Errorf("environment: %w", err)
	}
	if o.cfg.Token == "" && !o.cfg.InsecureNoAuth && !o.once {
		return intake.ErrNoToken
	}
	log := newLogger(stderr, "intake")
	st, err := o.store.open(ctx)
	if err != nil {
		return err
	}
	o.client.Redis, o.client.Queue = o.redis.redis, o.redis.queue
	qc := queue.NewClient(o.client)
	defer qc.Close()
	if err := qc.Ping(ctx); err != nil {
		return err
	}
	rc := redis.NewClient(&redis.Options{Addr: o.redis.redis.Addr, Password: o.redis.redis.Password, DB: o.redis.redis.DB})
	defer rc.Close()
	o.cfg.EventBucket = o.store.bucketPrefix + storage.BucketUploads
	in := &intake.Intake{Store: st, Queue: qc, Seen: intake.RedisSeen{R: rc, TTL: o.cfg.SeenTTL}, Cfg: o.cfg, Log: log}
	if o.once {
		sum, err := in.Reconcile(ctx)
		fmt.Fprintf(stdout, "%d ready uploads: %d enqueued, %d already queued, %d processed, %d ignored; %d partial folders waiting\n",
			sum.Candidates, sum.ByOutcome[intake.Enqueued], sum.ByOutcome[intake.Duplicate], sum.ByOutcome[intake.Done],
			sum.ByOutcome[intake.Ignored], len(sum.Waiting))
		return err
	}
	return in.Run(ctx, nil)
}

package main

// Flags shared by the commands on the store (intake, worker, reaudit,
// submit, serve): where the object store and Redis are, and how bundles are
// archived and verified. Every flag's default comes from a RUKU_*
// environment variable when it is set (docs/distributed.md lists them).

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	"ruku/archive"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/queue"
	"ruku/storage"
	"ruku/storage/local"
	"ruku/storage/s3"
)

// env reads RUKU_* variables as flag defaults and remembers malformed ones.
type env struct{ errs []error }

func (e *env) str(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

func (e *env) int(name string, def int) int {
	v, ok := os.LookupEnv(name)
	if !ok || v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		e.errs = append(e.errs, fmt.Errorf("%s: %w", name, err))
		return def
	}
	return n
}

func (e *env) dur(name string, def time.Duration) time.Duration {
	v, ok := os.LookupEnv(name)
	if !ok || v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		e.errs = append(e.errs, fmt.Errorf("%s: %w", name, err))
		return def
	}
	return d
}

func (e *env) bool(name string, def bool) bool {
	v, ok := os.LookupEnv(name)
	if !ok || v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		e.errs = append(e.errs, fmt.Errorf("%s: %w", name, err))
		return def
	}
	return b
}

func (e *env) err() error { return errors.Join(e.errs...) }

// processorOptions are the flags of the commands that archive and verify
// bundles into the store (worker, submit).
type processorOptions struct {
	rules    string
	noOCR    bool
	workers  int
	retain   time.Duration
	maxBytes int64
}

func (o *processorOptions) register(fl *flag.FlagSet, e *env) {
	fl.StringVar(&o.rules, "rules", e.str("RUKU_RULES", ""), "rules file (default: the embedded rules) (RUKU_RULES)")
	fl.BoolVar(&o.noOCR, "no-ocr", e.bool("RUKU_NO_OCR", false), "do not run OCR (RUKU_NO_OCR)")
	fl.IntVar(&o.workers, "workers", e.int("RUKU_PIPELINE_WORKERS", 0), "files of one bundle read at once (default: CPUs) (RUKU_PIPELINE_WORKERS)")
	fl.DurationVar(&o.retain, "retain", e.dur("RUKU_RETAIN", 5*365*24*time.Hour), "object-lock retention of archived bundles, 0 for none (RUKU_RETAIN)")
	fl.Int64Var(&o.maxBytes, "max-bytes", int64(e.int("RUKU_MAX_BUNDLE_BYTES", 512<<20)), "largest bundle accepted (RUKU_MAX_BUNDLE_BYTES)")
}

// processor returns the Processor that archives and verifies bundles into
// st under the rules the options name.
func (o *processorOptions) processor(st storage.Store, stderr io.Writer, log *slog.Logger) (*archive.Processor, error) {
	rs, err := loadRules(o.rules)
	if err != nil {
		return nil, err
	}
	return &archive.Processor{
		Store:     st,
		Rules:     rs,
		Limits:    bundle.DefaultLimits(),
		Options:   pipeline.Options{OCR: newOCR(o.noOCR, stderr), Workers: o.workers},
		RetainFor: o.retain,
		MaxBytes:  o.maxBytes,
		Log:       log,
	}, nil
}

// storeOptions say which object store to use: S3 when an endpoint is set,
// else a local folder.
type storeOptions struct {
	s3           s3.Config
	dir          string
	bucketPrefix string
	ensure       bool
}

func (o *storeOptions) register(fl *flag.FlagSet, e *env) {
	def, err := s3.ConfigFromEnv()
	if err != nil {
		e.errs = append(e.errs, err)
	}
	o.s3 = def
	fl.StringVar(&o.s3.Endpoint, "s3-endpoint", def.Endpoint, "S3 server host:port or URL; empty: use --store-dir (RUKU_S3_ENDPOINT)")
	fl.StringVar(&o.s3.AccessKey, "s3-access-key", def.AccessKey, "S3 access key (RUKU_S3_ACCESS_KEY)")
	fl.StringVar(&o.s3.SecretKey, "s3-secret-key", def.SecretKey, "S3 secret key (RUKU_S3_SECRET_KEY)")
	fl.StringVar(&o.s3.Region, "s3-region", def.Region, "S3 region (RUKU_S3_REGION)")
	fl.BoolVar(&o.s3.Secure, "s3-secure", def.Secure, "use HTTPS (RUKU_S3_SECURE)")
	fl.StringVar(&o.dir, "store-dir", e.str("RUKU_STORE_DIR", "ruku-data"), "local store folder when no S3 endpoint is set (RUKU_STORE_DIR)")
	fl.StringVar(&o.bucketPrefix, "bucket-prefix", e.str("RUKU_BUCKET_PREFIX", ""), "prefix of the bucket names uploads, archive, dossiers (RUKU_BUCKET_PREFIX)")
	fl.BoolVar(&o.ensure, "ensure-buckets", e.bool("RUKU_ENSURE_BUCKETS", true), "create missing buckets (archive with object lock) (RUKU_ENSURE_BUCKETS)")
}

// open returns the store, bucket prefix applied, buckets created if asked.
func (o *storeOptions) open(ctx context.Context) (storage.Store, error) {
	var st storage.Store
	if o.s3.Endpoint != "" {
		s, err := s3.New(o.s3)
		if err != nil {
			return nil, fmt.Errorf("open S3 store: %w", err)
		}
		st = s
	} else {
		s, err := local.New(o.dir)
		if err != nil {
			return nil, fmt.Errorf("open local store: %w", err)
		}
		st = s
	}
	st = archive.WithBucketPrefix(st, o.bucketPrefix)
	if o.ensure {
		for _, b := range []struct {
			name string
			lock bool
		}{{storage.BucketUploads, false}, {storage.BucketArchive, true}, {storage.BucketDossiers, false}} {
			if err := st.EnsureBucket(ctx, b.name, b.lock); err != nil {
				return nil, fmt.Errorf("ensure bucket %s%s: %w", o.bucketPrefix, b.name, err)
			}
		}
	}
	return st, nil
}

// redisOptions say where Redis is and which asynq queue to use.
type redisOptions struct {
	redis queue.Redis
	queue string
}

func (o *redisOptions) register(fl *flag.FlagSet, e *env) {
	def := queue.DefaultClientConfig()
	fl.StringVar(&o.redis.Addr, "redis-addr", e.str("RUKU_REDIS_ADDR", def.Redis.Addr), "Redis host:port (RUKU_REDIS_ADDR)")
	fl.StringVar(&o.redis.Password, "redis-password", e.str("RUKU_REDIS_PASSWORD", ""), "Redis password (RUKU_REDIS_PASSWORD)")
	fl.IntVar(&o.redis.DB, "redis-db", e.int("RUKU_REDIS_DB", 0), "Redis database number (RUKU_REDIS_DB)")
	fl.StringVar(&o.queue, "queue", e.str("RUKU_QUEUE", def.Queue), "asynq queue name (RUKU_QUEUE)")
}

// newLogger logs text lines to w.
func newLogger(w io.Writer, component string) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})).With("component", component)
}

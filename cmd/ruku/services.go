package main

// Flags shared by the distributed commands (intake, worker, reaudit): where
// the object store and Redis are. Every flag's default comes from a RUKU_*
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

package queue

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"ruku/archive"
	"time"

	"github.com/hibiken/asynq"
)

// NewHandler returns the asynq handler of TypeVerify tasks, with logging.
func NewHandler(p *archive.Processor, log *slog.Logger) asynq.Handler {
	mux := asynq.NewServeMux()
	mux.Use(logging(log))
	mux.HandleFunc(TypeVerify, func(ctx context.Context, t *asynq.Task) error {
		j, err := ParseJob(t.Payload())
		if err != nil {
			return classify(archive.E("decode", archive.Invalid, err))
		}
		retried, _ := asynq.GetRetryCount(ctx)
		maxRetry, _ := asynq.GetMaxRetry(ctx)
		_, err = p.Process(ctx, j, retried >= maxRetry)
		return classify(err)
	})
	return mux
}

// classify is the one place that decides whether a failure is permanent:
// unreadable bundles (their dossier is written), vanished or changed uploads
// and malformed tasks are not retried; everything else is.
func classify(err error) error {
	if err == nil {
		return nil
	}
	switch archive.KindOf(err) {
	case archive.Unreadable, archive.Gone, archive.Invalid:
		return fmt.Errorf("%w (%w)", err, asynq.SkipRetry)
	}
	return err
}

// logging logs each task's start, end and duration.
func logging(log *slog.Logger) asynq.MiddlewareFunc {
	return func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
			id, _ := asynq.GetTaskID(ctx)
			retried, _ := asynq.GetRetryCount(ctx)
			start := time.Now()
			log.InfoContext(ctx, "task start", "type", t.Type(), "id", id, "retried", retried)
			err := next.ProcessTask(ctx, t)
			if err != nil {
				log.WarnContext(ctx, "task failed", "type", t.Type(), "id", id, "retried", retried,
					"kind", archive.KindOf(err).String(), "took", time.Since(start).Round(time.Millisecond), "err", err)
				return err
			}
			log.InfoContext(ctx, "task done", "type", t.Type(), "id", id, "took", time.Since(start).Round(time.Millisecond))
			return nil
		})
	}
}

// ServerConfig configures a worker.
type ServerConfig struct {
	Redis Redis
	Queue string
	// Concurrency is how many bundles one worker verifies at once.
	Concurrency int
	// DrainTimeout is how long a stopping worker lets in-flight bundles
	// finish before it hands them back to the queue.
	DrainTimeout time.Duration
	// RetryBase and RetryMax bound the exponential backoff of retries.
	RetryBase, RetryMax time.Duration
}

// DefaultServerConfig returns the defaults.
func DefaultServerConfig() ServerConfig {
	return ServerConfig{
		Redis:        DefaultClientConfig().Redis,
		Queue:        DefaultClientConfig().Queue,
		Concurrency:  1,
		DrainTimeout: 2 * time.Minute,
		RetryBase:    2 * time.Second,
		RetryMax:     5 * time.Minute,
	}
}

// Backoff returns the delay before retry n (0-based): RetryBase·2ⁿ capped
// at RetryMax, with ±25% jitter so that retries of many tasks spread out.
func (c ServerConfig) Backoff(n int) time.Duration {
	d := c.RetryBase
	for i := 0; i < n && d < c.RetryMax; i++ {
		d *= 2
	}
	d = min(d, c.RetryMax)
	jitter := time.Duration(rand.Int64N(int64(d)/2+1)) - d/4
	return max(d+jitter, 0)
}

// Serve runs a worker until ctx is done, then drains: it stops taking
// tasks and waits up to DrainTimeout for the running ones. Tasks keep
// running when ctx is cancelled; only the drain timeout cancels them.
func Serve(ctx context.Context, cfg ServerConfig, h asynq.Handler, log *slog.Logger) error {
	base := context.WithoutCancel(ctx)
	srv := asynq.NewServer(cfg.Redis.opt(), asynq.Config{
		Concurrency:     cfg.Concurrency,
		Queues:          map[string]int{cfg.Queue: 1},
		BaseContext:     func() context.Context { return base },
		RetryDelayFunc:  func(n int, _ error, _ *asynq.Task) time.Duration { return cfg.Backoff(n) },
		ShutdownTimeout: cfg.DrainTimeout,
		Logger:          slogAdapter{log},
		LogLevel:        asynq.InfoLevel,
	})
	if err := srv.Ping(); err != nil {
		return fmt.Errorf("worker: redis %s: %w", cfg.Redis.Addr, err)
	}
	if err := srv.Start(h); err != nil {
		return fmt.Errorf("worker: start: %w", err)
	}
	log.InfoContext(ctx, "worker started", "queue", cfg.Queue, "concurrency", cfg.Concurrency)
	<-ctx.Done()
	log.Info("worker draining", "timeout", cfg.DrainTimeout)
	srv.Shutdown()
	log.Info("worker stopped")
	return nil
}

// slogAdapter lets asynq log through slog (the five levels of asynq.Logger).
type slogAdapter struct{ l *slog.Logger }

func (a slogAdapter) Debug(args ...any) { a.l.Debug(fmt.Sprint(args...)) }
func (a slogAdapter) Info(args ...any)  { a.l.Info(fmt.Sprint(args...)) }
func (a slogAdapter) Warn(args ...any)  { a.l.Warn(fmt.Sprint(args...)) }
func (a slogAdapter) Error(args ...any) { a.l.Error(fmt.Sprint(args...)) }
func (a slogAdapter) Fatal(args ...any) { a.l.Error(fmt.Sprint(args...)) } // asynq does not call it

package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"ruku/archive"
	"sort"
	"sync"
	"time"

	"github.com/hibiken/asynq"
)

// Handler is the asynq handler of TypeVerify tasks. It keeps an attempt
// record with each task (the task's result in Redis, kept across retries):
// whether an attempt is running, which files it is reading, and how many
// attempts ended without returning (the worker process died, or the
// deadline passed). After two such strikes the job runs in the processor's
// safe mode, which leaves the files being read at each death unread and
// yields a dossier that needs review: a poison bundle ends instead of
// killing worker after worker.
type Handler struct {
	p   *archive.Processor
	ins *asynq.Inspector
	mux *asynq.ServeMux
	log *slog.Logger
}

// SafeAfterStrikes is how many attempts may end without returning before
// a job runs in safe mode.
const SafeAfterStrikes = 2

// NewHandler returns the handler of TypeVerify tasks, with logging. r is
// the Redis holding the tasks' attempt records; Close releases it.
func NewHandler(p *archive.Processor, r Redis, log *slog.Logger) *Handler {
	h := &Handler{p: p, ins: asynq.NewInspector(r.opt()), mux: asynq.NewServeMux(), log: log}
	h.mux.Use(logging(log))
	h.mux.HandleFunc(TypeVerify, h.verify)
	return h
}

// ProcessTask implements asynq.Handler.
func (h *Handler) ProcessTask(ctx context.Context, t *asynq.Task) error {
	return h.mux.ProcessTask(ctx, t)
}

// Close releases the handler's Redis connection.
func (h *Handler) Close() error { return h.ins.Close() }

// attemptRecord is a task's record of its attempts.
type attemptRecord struct {
	Running  bool     `json:"running"`
	Strikes  int      `json:"strikes"`
	Reading  []string `json:"reading,omitempty"`
	Suspects []string `json:"suspects,omitempty"`
}

func (h *Handler) verify(ctx context.Context, t *asynq.Task) error {
	j, err := ParseJob(t.Payload())
	if err != nil {
		return classify(archive.E("decode", archive.Invalid, err))
	}
	retried, _ := asynq.GetRetryCount(ctx)
	maxRetry, _ := asynq.GetMaxRetry(ctx)
	rec := h.record(ctx)
	if rec.Running { // the previous attempt never returned
		rec.Strikes++
		rec.Suspects = union(rec.Suspects, rec.Reading)
	}
	rec.Running, rec.Reading = true, nil
	var mu sync.Mutex
	reading := map[string]bool{}
	write := func() {
		rec.Reading = rec.Reading[:0]
		for f := range reading {
			rec.Reading = append(rec.Reading, f)
		}
		sort.Strings(rec.Reading)
		if b, err := json.Marshal(rec); err == nil {
			_, _ = t.ResultWriter().Write(b) // best effort: a lost write costs one more strike at most
		}
	}
	write()
	a := archive.Attempt{
		Last:     retried >= maxRetry,
		Safe:     rec.Strikes >= SafeAfterStrikes,
		Suspects: rec.Suspects,
		Progress: func(path string, done bool) {
			mu.Lock()
			defer mu.Unlock()
			if done {
				delete(reading, path)
			} else {
				reading[path] = true
			}
			write()
		},
	}
	_, err = h.p.Process(ctx, j, a)
	mu.Lock()
	defer mu.Unlock()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		rec.Strikes++
		rec.Suspects = union(rec.Suspects, rec.Reading)
	}
	rec.Running = false
	clear(reading)
	write()
	return classify(err)
}

// record reads the running task's attempt record; a task without one
// (the first attempt) gets the zero record.
func (h *Handler) record(ctx context.Context) attemptRecord {
	var rec attemptRecord
	id, _ := asynq.GetTaskID(ctx)
	q, _ := asynq.GetQueueName(ctx)
	info, err := h.ins.GetTaskInfo(q, id)
	if err != nil || len(info.Result) == 0 {
		return rec
	}
	if err := json.Unmarshal(info.Result, &rec); err != nil {
		h.log.WarnContext(ctx, "attempt record unreadable; starting afresh", "id", id, "err", err)
		return attemptRecord{}
	}
	return rec
}

// union returns the sorted union of two lists of paths.
func union(a, b []string) []string {
	set := map[string]bool{}
	for _, s := range append(append([]string(nil), a...), b...) {
		set[s] = true
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
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

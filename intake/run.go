package intake

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

// Run serves the webhook on Cfg.Addr and reconciles every
// Cfg.ReconcileEvery (once at start) until ctx is done, then shuts the
// listener down gracefully. ready, if not nil, is called with the bound
// address once the listener is up.
//
// Run refuses to start (ErrNoToken) when Cfg.Token is empty, unless
// Cfg.InsecureNoAuth says to run without authentication.
func (in *Intake) Run(ctx context.Context, ready func(addr string)) error {
	if in.Cfg.Token == "" && !in.Cfg.InsecureNoAuth {
		return ErrNoToken
	}
	if in.Cfg.Token == "" {
		in.log().WarnContext(ctx, "intake runs WITHOUT authentication (--insecure-no-auth)")
	}
	mux := http.NewServeMux()
	mux.Handle(in.Cfg.Path, in.Webhook())
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // hashing an upload of Cfg.MaxBytes
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	ln, err := net.Listen("tcp", in.Cfg.Addr)
	if err != nil {
		return fmt.Errorf("intake: listen %s: %w", in.Cfg.Addr, err)
	}
	in.log().InfoContext(ctx, "intake listening", "addr", ln.Addr().String(), "path", in.Cfg.Path,
		"reconcile_every", in.Cfg.ReconcileEvery)
	if ready != nil {
		ready(ln.Addr().String())
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	recDone := make(chan struct{})
	go func() {
		defer close(recDone)
		in.reconcileLoop(ctx)
	}()

	select {
	case err := <-serveErr:
		<-recDone
		return fmt.Errorf("intake: serve: %w", err)
	case <-ctx.Done():
	}
	shCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err = srv.Shutdown(shCtx)
	<-recDone
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("intake: shutdown: %w", err)
	}
	return nil
}

func (in *Intake) reconcileLoop(ctx context.Context) {
	if in.Cfg.ReconcileEvery <= 0 {
		return
	}
	for {
		sum, err := in.Reconcile(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			in.log().WarnContext(ctx, "reconcile failed", "err", err)
		} else {
			in.log().InfoContext(ctx, "reconciled", "candidates", sum.Candidates, "enqueued", sum.ByOutcome[Enqueued],
				"duplicate", sum.ByOutcome[Duplicate], "processed", sum.ByOutcome[Done], "waiting", len(sum.Waiting))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(in.Cfg.ReconcileEvery):
		}
	}
}

// RedisSeen is a Seen kept in Redis as one key per upload version, each
// expiring after TTL.
type RedisSeen struct {
	R   *redis.Client
	TTL time.Duration
}

const seenPrefix = "ruku:intake:seen:"

// Get returns the remembered SHA-256 of an upload version.
func (s RedisSeen) Get(ctx context.Context, v string) (string, bool, error) {
	sha, err := s.R.Get(ctx, seenPrefix+v).Result()
	if errors.Is(err, redis.Nil) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("seen get: %w", err)
	}
	return sha, true, nil
}

// Put remembers the SHA-256 of an upload version.
func (s RedisSeen) Put(ctx context.Context, v, sha string) error {
	if err := s.R.Set(ctx, seenPrefix+v, sha, s.TTL).Err(); err != nil {
		return fmt.Errorf("seen put: %w", err)
	}
	return nil
}

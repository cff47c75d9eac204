package accounts

import (
	"sync"
	"time"
)

// Limiter rate-limits login attempts: after Max failures for one key (an
// account name, a client address) within Window, Allow refuses until the
// oldest failure leaves the window. It is memory only: a restart forgets
// it, which costs an attacker nothing they did not have. Safe for
// concurrent use.
type Limiter struct {
	Max    int
	Window time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time

	mu    sync.Mutex
	fails map[string][]time.Time
}

// NewLimiter returns a limiter of max failures per window.
func NewLimiter(max int, window time.Duration) *Limiter {
	return &Limiter{Max: max, Window: window}
}

func (l *Limiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// prune drops failures older than the window; l.mu is held.
func (l *Limiter) prune(key string, now time.Time) []time.Time {
	fs := l.fails[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) >= l.Window {
		i++
	}
	fs = fs[i:]
	if len(fs) == 0 {
		delete(l.fails, key)
		return nil
	}
	l.fails[key] = fs
	return fs
}

// Allow reports whether an attempt for key may be made now, and if not,
// how long until it may.
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fails == nil {
		return true, 0
	}
	now := l.now()
	fs := l.prune(key, now)
	if len(fs) < l.Max {
		return true, 0
	}
	return false, fs[len(fs)-l.Max].Add(l.Window).Sub(now)
}

// Fail records a failed attempt for key.
func (l *Limiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fails == nil {
		l.fails = map[string][]time.Time{}
	}
	now := l.now()
	l.fails[key] = append(l.prune(key, now), now)
	// Bound memory: a key never needs more than Max entries.
	if fs := l.fails[key]; len(fs) > l.Max {
		l.fails[key] = fs[len(fs)-l.Max:]
	}
}

// Reset forgets key's failures (after a successful login).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

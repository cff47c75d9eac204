package archive

import (
	"errors"
	"fmt"
)

// Kind says what a failure means for retrying.
type Kind int

// The kinds of failure. The handler maps them to asynq's retry decisions in
// one place (classify in package queue).
const (
	// Transient faults (storage, Redis, timeouts, anything unknown) are
	// retried with backoff.
	Transient Kind = iota
	// Unreadable: the bundle cannot be read; a dossier saying why has been
	// written and the task is not retried.
	Unreadable
	// Gone: the upload is missing or changed since intake; nothing to verify,
	// the task is not retried (a newer upload gets its own task).
	Gone
	// Invalid: the task itself is malformed; it is not retried.
	Invalid
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Transient:
		return "transient"
	case Unreadable:
		return "unreadable"
	case Gone:
		return "gone"
	case Invalid:
		return "invalid"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is a failure of one step of processing a job.
type Error struct {
	Op   string // the step: "fetch", "archive", "open", "verify", "write"
	Kind Kind
	Err  error
}

// Error formats the step, the kind and the cause.
func (e *Error) Error() string { return fmt.Sprintf("%s (%s): %v", e.Op, e.Kind, e.Err) }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// E makes an *Error.
func E(op string, kind Kind, err error) error { return &Error{Op: op, Kind: kind, Err: err} }

// KindOf returns the Kind of the outermost *Error in err's chain, Transient
// when there is none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Transient
}

// ErrTooLarge is returned (wrapped) when an upload exceeds the size bound.
var ErrTooLarge = errors.New("upload too large")

// ErrChanged is returned (wrapped) when an upload's bytes no longer match
// the SHA-256 intake enqueued it with.
var ErrChanged = errors.New("upload changed since intake")

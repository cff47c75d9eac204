// Package storage is the object store ruku keeps bundles and dossiers in:
// one small interface with an S3 implementation (package storage/s3, on
// minio-go) and a local-folder implementation (package storage/local, the
// embedded default). Both pass the shared suite in storage/storagetest.
package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"
)

// The buckets ruku uses.
const (
	BucketUploads  = "uploads"  // applicants write bundles here
	BucketArchive  = "archive"  // immutable copies keyed by SHA-256
	BucketDossiers = "dossiers" // dossier.json and dossier.html per bundle and rules version
)

// ErrNotFound is returned (wrapped) when an object or bucket does not exist.
var ErrNotFound = errors.New("storage: not found")

// ErrExists is returned (wrapped) by Put with IfAbsent when the key exists.
var ErrExists = errors.New("storage: object exists")

// ErrRetained is returned (wrapped) by Remove, and by Put without IfAbsent,
// when the object is under a retention lock (PutOptions.Retain) that has not
// yet expired.
var ErrRetained = errors.New("storage: object is retained")

// ErrInvalidKey is returned (wrapped) for a key that ValidKey rejects.
var ErrInvalidKey = errors.New("storage: invalid key")

// MaxKeyLen is the longest key, in bytes, that the stores accept (S3's limit).
const MaxKeyLen = 1024

// ValidKey reports whether key is acceptable to every Store: a non-empty,
// slash-separated, relative path in UTF-8 as io/fs.ValidPath defines it (no
// leading or trailing slash, no empty, "." or ".." element) of at most
// MaxKeyLen bytes, without NUL or backslash. The error wraps ErrInvalidKey.
func ValidKey(key string) error {
	switch {
	case key == "" || key == "." || !fs.ValidPath(key):
		return fmt.Errorf("check key %q: %w", key, ErrInvalidKey)
	case len(key) > MaxKeyLen:
		return fmt.Errorf("check key %.40q…: longer than %d bytes: %w", key, MaxKeyLen, ErrInvalidKey)
	}
	for _, c := range key {
		if c == 0 || c == '\\' {
			return fmt.Errorf("check key %q: NUL or backslash: %w", key, ErrInvalidKey)
		}
	}
	return nil
}

// Object describes a stored object.
type Object struct {
	Key      string
	Size     int64
	Modified time.Time
	// ETag is an opaque token that changes when the object is replaced.
	ETag string
}

// PutOptions tune a Put.
type PutOptions struct {
	ContentType string
	// IfAbsent makes the Put fail with ErrExists when the key already exists
	// (best effort on servers without conditional writes).
	IfAbsent bool
	// Retain locks the object against deletion and overwrite until the given
	// time where the store supports object lock (zero: no lock). Where the
	// bucket has no lock support (see LockSupporter) it is ignored.
	Retain time.Time
}

// Store is an object store. Implementations are safe for concurrent use.
//
// Keys must pass ValidKey; others give ErrInvalidKey. Get's reader must be
// closed by the caller. Missing objects and buckets give errors that satisfy
// errors.Is(err, ErrNotFound). Every call may be repeated: Put of the same
// key replaces the object (unless locked), and Remove of a missing object
// succeeds. A cancelled context makes a call return an error that satisfies
// errors.Is(err, ctx.Err()), and a Put that fails leaves no partial object.
type Store interface {
	// EnsureBucket creates bucket if it does not exist; lock asks for
	// object-lock support where the store has it (a store that cannot
	// lock creates the bucket without it; an existing bucket is left as is).
	EnsureBucket(ctx context.Context, bucket string, lock bool) error
	// Put stores size bytes read from r under key, replacing any object
	// there. size is the exact length, or -1 when unknown (read to EOF); a
	// reader that ends before size bytes is an error, and bytes past size
	// are not read. Put does not close r.
	Put(ctx context.Context, bucket, key string, r io.Reader, size int64, opt PutOptions) error
	// Get opens the object for reading; the caller must close the reader.
	Get(ctx context.Context, bucket, key string) (io.ReadCloser, error)
	// Stat describes the object.
	Stat(ctx context.Context, bucket, key string) (Object, error)
	// List returns the objects whose keys start with prefix, sorted by key
	// (byte order). A missing bucket is ErrNotFound; no match is an empty
	// list.
	List(ctx context.Context, bucket, prefix string) ([]Object, error)
	// Remove deletes the object (on a versioned bucket, every version of
	// it). A retained object gives ErrRetained; a missing one, nil.
	Remove(ctx context.Context, bucket, key string) error
}

// LockSupporter is implemented by stores that can tell whether a bucket
// honours PutOptions.Retain. A Store that does not implement it is assumed
// to honour Retain in buckets made with EnsureBucket(ctx, bucket, true).
type LockSupporter interface {
	// SupportsLock reports whether objects put in bucket with Retain set are
	// protected against removal and overwrite. It may be called repeatedly;
	// it reports false when the answer cannot be had.
	SupportsLock(ctx context.Context, bucket string) bool
}

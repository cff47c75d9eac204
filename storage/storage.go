// Package storage is the object store ruku keeps bundles and dossiers in:
// one small interface with an S3 implementation (package storage/s3, on
// minio-go) and a local-folder implementation (package storage/local, the
// embedded default). Both pass the shared suite in storage/storagetest.
package storage

import (
	"context"
	"errors"
	"io"
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

// Object describes a stored object.
type Object struct {
	Key      string
	Size     int64
	Modified time.Time
	ETag     string
}

// PutOptions tune a Put.
type PutOptions struct {
	ContentType string
	// IfAbsent makes the Put fail with ErrExists when the key already exists
	// (best effort on servers without conditional writes).
	IfAbsent bool
	// Retain locks the object against deletion and overwrite until the given
	// time where the store supports object lock (zero: no lock).
	Retain time.Time
}

// Store is an object store. Implementations are safe for concurrent use.
// Get's reader must be closed by the caller. Missing objects and buckets
// give errors that satisfy errors.Is(err, ErrNotFound). Every call may be
// repeated: Put of the same key replaces the object (unless locked).
type Store interface {
	// EnsureBucket creates bucket if it does not exist; lock asks for
	// object-lock support where the store has it.
	EnsureBucket(ctx context.Context, bucket string, lock bool) error
	Put(ctx context.Context, bucket, key string, r io.Reader, size int64, opt PutOptions) error
	Get(ctx context.Context, bucket, key string) (io.ReadCloser, error)
	Stat(ctx context.Context, bucket, key string) (Object, error)
	// List returns the objects whose keys start with prefix, sorted by key.
	List(ctx context.Context, bucket, prefix string) ([]Object, error)
	Remove(ctx context.Context, bucket, key string) error
}

package archive

import (
	"context"
	"io"

	"ruku/storage"
)

// WithBucketPrefix wraps a store so that every bucket name gets prefix in
// front ("uploads" becomes prefix+"uploads"): several deployments, or
// several test runs, can then share one S3 server. An empty prefix returns
// st itself.
func WithBucketPrefix(st storage.Store, prefix string) storage.Store {
	if prefix == "" {
		return st
	}
	return prefixed{st: st, p: prefix}
}

type prefixed struct {
	st storage.Store
	p  string
}

// EnsureBucket calls the wrapped store with the prefixed bucket name.
func (s prefixed) EnsureBucket(ctx context.Context, bucket string, lock bool) error {
	return s.st.EnsureBucket(ctx, s.p+bucket, lock)
}

// Put calls the wrapped store with the prefixed bucket name.
func (s prefixed) Put(ctx context.Context, bucket, key string, r io.Reader, size int64, opt storage.PutOptions) error {
	return s.st.Put(ctx, s.p+bucket, key, r, size, opt)
}

// Get calls the wrapped store with the prefixed bucket name.
func (s prefixed) Get(ctx context.Context, bucket, key string) (io.ReadCloser, error) {
	return s.st.Get(ctx, s.p+bucket, key)
}

// Stat calls the wrapped store with the prefixed bucket name.
func (s prefixed) Stat(ctx context.Context, bucket, key string) (storage.Object, error) {
	return s.st.Stat(ctx, s.p+bucket, key)
}

// List calls the wrapped store with the prefixed bucket name.
func (s prefixed) List(ctx context.Context, bucket, prefix string) ([]storage.Object, error) {
	return s.st.List(ctx, s.p+bucket, prefix)
}

// Remove calls the wrapped store with the prefixed bucket name.
func (s prefixed) Remove(ctx context.Context, bucket, key string) error {
	return s.st.Remove(ctx, s.p+bucket, key)
}

// SupportsLock passes the question on when the wrapped store can answer it.
func (s prefixed) SupportsLock(ctx context.Context, bucket string) bool {
	if ls, ok := s.st.(storage.LockSupporter); ok {
		return ls.SupportsLock(ctx, s.p+bucket)
	}
	return true
}

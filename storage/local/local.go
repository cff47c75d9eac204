// Package local is a storage.Store kept in a folder on the local file
// system: the embedded default when no S3 server is configured.
//
// Layout under the root folder:
//
//	<bucket>/<key>          the objects; slashes in keys are subfolders
//	.tmp/                   files being written, renamed into place when done
//	.retain/<bucket>/<key>  retention sidecars: the RFC 3339 retain-until time
//
// Writes are atomic (temp file, fsync, rename), so readers see the old
// object or the new one, never a part. Because keys map to paths, a key
// cannot also be a prefix folder of another key ("a" and "a/b"); such a
// Put fails. Retention is enforced by this package (the data file is also
// made read-only), not by the operating system, and only against writers
// going through a Store.
package local

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"ruku/storage"
)

const (
	tmpDir    = ".tmp"
	retainDir = ".retain"
)

// Store is a folder-backed storage.Store. It is safe for concurrent use; a
// second Store (or process) on the same folder gets atomic writes and
// IfAbsent but only best-effort retention checks.
type Store struct {
	root string
	now  func() time.Time
	// mu serialises the commit step of writes and removals (a rename or
	// link plus its retention sidecar) so that retention checks, folder
	// creation and folder pruning do not race.
	mu sync.Mutex
}

var (
	_ storage.Store         = (*Store)(nil)
	_ storage.LockSupporter = (*Store)(nil)
)

// New opens (creating if needed) a store rooted at the folder root.
func New(root string) (*Store, error) {
	if root == "" {
		return nil, errors.New("open local store: empty root folder")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("open local store %s: %w", root, err)
	}
	for _, d := range []string{abs, filepath.Join(abs, tmpDir), filepath.Join(abs, retainDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("open local store %s: %w", root, err)
		}
	}
	return &Store{root: abs, now: time.Now}, nil
}

// Root is the folder the store keeps its buckets in.
func (s *Store) Root() string { return s.root }

// checkBucket applies S3's rule for bucket names (3 to 63 lower-case
// letters, digits, dots and hyphens, starting and ending with a letter or
// digit, no ".."), which also keeps buckets clear of the dot-folders above.
func checkBucket(bucket string) error {
	ok := len(bucket) >= 3 && len(bucket) <= 63 && !strings.Contains(bucket, "..")
	for i := 0; ok && i < len(bucket); i++ {
		c := bucket[i]
		alnum := 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
		ok = alnum || (c == '.' || c == '-') && i > 0 && i < len(bucket)-1
	}
	if !ok {
		return fmt.Errorf("check bucket name %q: %w", bucket, storage.ErrInvalidKey)
	}
	return nil
}

// bucketDir returns the bucket's folder, ErrNotFound if it does not exist.
func (s *Store) bucketDir(bucket string) (string, error) {
	if err := checkBucket(bucket); err != nil {
		return "", err
	}
	dir := filepath.Join(s.root, bucket)
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && !fi.IsDir()) {
		return "", fmt.Errorf("bucket %s: %w", bucket, storage.ErrNotFound)
	}
	if err != nil {
		return "", err
	}
	return dir, nil
}

// paths checks ctx, bucket and key and returns the object's file and its
// retention sidecar.
func (s *Store) paths(ctx context.Context, bucket, key string) (obj, sidecar string, err error) {
	if err := ctx.Err(); err != nil {
		return "", "", err
	}
	if err := storage.ValidKey(key); err != nil {
		return "", "", err
	}
	dir, err := s.bucketDir(bucket)
	if err != nil {
		return "", "", err
	}
	rel := filepath.FromSlash(key)
	return filepath.Join(dir, rel), filepath.Join(s.root, retainDir, bucket, rel), nil
}

// EnsureBucket creates the bucket's folder. Every local bucket supports
// retention, so lock is accepted and needs nothing more.
func (s *Store) EnsureBucket(ctx context.Context, bucket string, lock bool) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ensure bucket %s: %w", bucket, err)
	}
	if err := checkBucket(bucket); err != nil {
		return fmt.Errorf("ensure bucket: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(s.root, bucket), 0o755); err != nil {
		return fmt.Errorf("ensure bucket %s: %w", bucket, err)
	}
	return nil
}

// SupportsLock reports whether bucket exists: every local bucket honours
// PutOptions.Retain.
func (s *Store) SupportsLock(ctx context.Context, bucket string) bool {
	_, err := s.bucketDir(bucket)
	return err == nil
}

// Put writes r to a temp file, syncs it and renames it into place (or, with
// IfAbsent, hard-links it, which fails if the key exists, like O_EXCL).
func (s *Store) Put(ctx context.Context, bucket, key string, r io.Reader, size int64, opt storage.PutOptions) (err error) {
	defer wrap(&err, "put", bucket, key)
	dst, sidecar, err := s.paths(ctx, bucket, key)
	if err != nil {
		return err
	}
	if opt.IfAbsent {
		if _, err := os.Lstat(dst); err == nil {
			return storage.ErrExists // early out; the link below decides
		}
	}
	tmp, err := os.CreateTemp(filepath.Join(s.root, tmpDir), "put-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if tmp != nil {
			tmp.Close()
		}
		os.Remove(tmpName) // after a rename this finds nothing; after a link it drops the extra name
	}()

	src := io.Reader(ctxReader{ctx, r})
	if size >= 0 {
		src = io.LimitReader(src, size)
	}
	n, err := io.Copy(tmp, src)
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if size >= 0 && n != size {
		return fmt.Errorf("write: read %d of %d bytes: %w", n, size, io.ErrUnexpectedEOF)
	}
	retain := opt.Retain.After(s.now())
	mode := os.FileMode(0o644)
	if retain {
		mode = 0o444
	}
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	tmp = nil
	if err := ctx.Err(); err != nil {
		return err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if opt.IfAbsent {
		if err := os.Link(tmpName, dst); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return storage.ErrExists
			}
			return err
		}
	} else {
		if err := s.checkRetained(sidecar, dst); err != nil {
			return err
		}
		if fi, err := os.Lstat(dst); err == nil && fi.IsDir() {
			return fmt.Errorf("key is a prefix of other keys: %w", fs.ErrExist)
		}
		if err := os.Rename(tmpName, dst); err != nil {
			return err
		}
	}
	if retain {
		err = writeSidecar(sidecar, opt.Retain, filepath.Join(s.root, tmpDir))
	} else {
		err = removeSidecar(sidecar)
	}
	if err != nil {
		return err
	}
	return syncDir(filepath.Dir(dst))
}

// Get opens the object's file. Reads from it fail once ctx is done.
func (s *Store) Get(ctx context.Context, bucket, key string) (_ io.ReadCloser, err error) {
	defer wrap(&err, "get", bucket, key)
	p, _, err := s.paths(ctx, bucket, key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, notFound(err)
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, storage.ErrNotFound
	}
	return ctxReadCloser{ctxReader{ctx, f}, f}, nil
}

// Stat describes the object. Its ETag is made from the file's modification
// time and size.
func (s *Store) Stat(ctx context.Context, bucket, key string) (_ storage.Object, err error) {
	defer wrap(&err, "stat", bucket, key)
	p, _, err := s.paths(ctx, bucket, key)
	if err != nil {
		return storage.Object{}, err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return storage.Object{}, notFound(err)
	}
	if !fi.Mode().IsRegular() {
		return storage.Object{}, storage.ErrNotFound
	}
	return object(key, fi), nil
}

// List walks the bucket's folder below the deepest folder named by prefix.
func (s *Store) List(ctx context.Context, bucket, prefix string) (_ []storage.Object, err error) {
	defer wrap(&err, "list", bucket, prefix)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	dir, err := s.bucketDir(bucket)
	if err != nil {
		return nil, err
	}
	start := dir
	if i := strings.LastIndexByte(prefix, '/'); i >= 0 {
		if !fs.ValidPath(prefix[:i]) {
			return []storage.Object{}, nil // no valid key can start with it
		}
		start = filepath.Join(dir, filepath.FromSlash(prefix[:i]))
	}
	objs := []storage.Object{}
	err = filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // the prefix folder is absent, or a file went away
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if d.IsDir() {
			if p != start && !strings.HasPrefix(key+"/", prefix) && !strings.HasPrefix(prefix, key+"/") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasPrefix(key, prefix) {
			return nil
		}
		fi, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed while we walked
		}
		if err != nil {
			return err
		}
		objs = append(objs, object(key, fi))
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(objs, func(a, b storage.Object) int { return strings.Compare(a.Key, b.Key) })
	return objs, nil
}

// Remove deletes the object's file and its sidecar and prunes folders left
// empty. A missing object is not an error.
func (s *Store) Remove(ctx context.Context, bucket, key string) (err error) {
	defer wrap(&err, "remove", bucket, key)
	p, sidecar, err := s.paths(ctx, bucket, key)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotDir) || (err == nil && fi.IsDir()) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.checkRetained(sidecar, p); err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := removeSidecar(sidecar); err != nil {
		return err
	}
	prune(filepath.Dir(p), filepath.Join(s.root, bucket))
	prune(filepath.Dir(sidecar), filepath.Join(s.root, retainDir, bucket))
	return nil
}

// checkRetained returns ErrRetained if obj exists and its sidecar names a
// time still to come.
func (s *Store) checkRetained(sidecar, obj string) error {
	b, err := os.ReadFile(sidecar)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotDir) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read retention: %w", err)
	}
	until, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(b)))
	if err != nil {
		return fmt.Errorf("parse retention %s: %w", sidecar, err)
	}
	if !s.now().Before(until) {
		return nil
	}
	if _, err := os.Lstat(obj); err != nil {
		return nil // a sidecar left without its object guards nothing
	}
	return fmt.Errorf("until %s: %w", until.UTC().Format(time.RFC3339), storage.ErrRetained)
}

// writeSidecar atomically records until in the sidecar file p.
func writeSidecar(p string, until time.Time, tmpDir string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write retention: %w", err)
	}
	f, err := os.CreateTemp(tmpDir, "retain-*")
	if err != nil {
		return fmt.Errorf("write retention: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.WriteString(until.UTC().Format(time.RFC3339Nano) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		return fmt.Errorf("write retention: %w", err)
	}
	return nil
}

func removeSidecar(p string) error {
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errNotDir) {
		return fmt.Errorf("remove retention: %w", err)
	}
	return nil
}

// prune removes empty folders from dir up to, not including, stop.
func prune(dir, stop string) {
	for dir != stop && strings.HasPrefix(dir, stop+string(filepath.Separator)) {
		if os.Remove(dir) != nil {
			return // not empty, or gone
		}
		dir = filepath.Dir(dir)
	}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder: %w", err)
	}
	return nil
}

func object(key string, fi fs.FileInfo) storage.Object {
	mt := fi.ModTime()
	return storage.Object{
		Key:      key,
		Size:     fi.Size(),
		Modified: mt.UTC(),
		ETag:     fmt.Sprintf("%x-%x", mt.UnixNano(), fi.Size()),
	}
}

// notFound maps the file system's "no such file" (including a path element
// that is a file) to storage.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotDir) {
		return fmt.Errorf("%w: %w", storage.ErrNotFound, err)
	}
	return err
}

// wrap prefixes *err with the operation and object.
func wrap(err *error, op, bucket, key string) {
	if *err != nil {
		*err = fmt.Errorf("%s %s/%s: %w", op, bucket, key, *err)
	}
}

// ctxReader fails reads once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

type ctxReadCloser struct {
	ctxReader
	io.Closer
}

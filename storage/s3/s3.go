// Package s3 is a storage.Store on an S3-compatible server (MinIO in
// production, versitygw in tests) through minio-go.
//
// Retention uses S3 object lock: a bucket made with EnsureBucket(ctx, b,
// true) on a server that supports it gets object lock (and so versioning),
// and Put with Retain sets the version's retain-until date in the mode
// Config.RetainMode names. S3 locks versions, not keys, so this package adds
// two checks on such buckets: Put without IfAbsent refuses (ErrRetained) to
// stack a new version on a retained one, and Remove deletes every version of
// the key, newest first, stopping with ErrRetained at a retained one.
//
// IfAbsent sends "If-None-Match: *", which MinIO, AWS and versitygw honour
// for single-part uploads, after a Stat that catches the common case on
// servers that ignore it. Multipart uploads (unknown size, or over 5 GiB)
// get only the Stat: there IfAbsent is best effort, and two racing writers
// may both succeed.
package s3

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"ruku/storage"
)

// Retention modes for Config.RetainMode.
const (
	// Governance retention can be lifted by a user with the
	// s3:BypassGovernanceRetention permission; this package never does.
	Governance = "GOVERNANCE"
	// Compliance retention cannot be lifted by anyone before it expires.
	Compliance = "COMPLIANCE"
)

const (
	// streamPartSize is the part size for uploads of unknown size: minio-go
	// would otherwise size parts for a 5 TiB object and buffer each in
	// memory. It caps such uploads at 10,000 parts, about 156 GiB.
	streamPartSize = 16 << 20
	// maxSinglePut is S3's limit on a single-part upload.
	maxSinglePut = 5 << 30
)

// Config says how to reach the S3 server.
type Config struct {
	// Endpoint is host:port, or a URL whose scheme sets Secure.
	Endpoint  string
	AccessKey string
	SecretKey string
	// Region is sent with requests and bucket creation; empty lets the
	// client discover it.
	Region string
	// Secure selects HTTPS.
	Secure bool
	// RetainMode is Governance (the default when empty) or Compliance.
	RetainMode string
}

// ConfigFromEnv reads RUKU_S3_ENDPOINT, RUKU_S3_ACCESS_KEY,
// RUKU_S3_SECRET_KEY, RUKU_S3_REGION, RUKU_S3_SECURE (a strconv.ParseBool
// value, default false) and RUKU_S3_RETAIN_MODE. An unset endpoint leaves
// Endpoint empty, which callers take as "no S3 configured"; it is not an
// error here.
func ConfigFromEnv() (Config, error) {
	c := Config{
		Endpoint:   os.Getenv("RUKU_S3_ENDPOINT"),
		AccessKey:  os.Getenv("RUKU_S3_ACCESS_KEY"),
		SecretKey:  os.Getenv("RUKU_S3_SECRET_KEY"),
		Region:     os.Getenv("RUKU_S3_REGION"),
		RetainMode: os.Getenv("RUKU_S3_RETAIN_MODE"),
	}
	if v := os.Getenv("RUKU_S3_SECURE"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, fmt.Errorf("read RUKU_S3_SECURE: %w", err)
		}
		c.Secure = b
	}
	return c, nil
}

// Store is a storage.Store on an S3 server. It is safe for concurrent use.
type Store struct {
	client *minio.Client
	cfg    Config
	mode   minio.RetentionMode
	now    func() time.Time

	mu      sync.Mutex
	buckets map[string]bucketInfo // what the server said about each bucket

	// noCondPut is set once the server refuses If-None-Match on PUT.
	noCondPut atomic.Bool
}

// bucketInfo caches a bucket's lock and versioning state.
type bucketInfo struct {
	lock      bool
	versioned bool
}

var (
	_ storage.Store         = (*Store)(nil)
	_ storage.LockSupporter = (*Store)(nil)
)

// New makes a Store for cfg. It does not contact the server.
func New(cfg Config) (*Store, error) {
	host, secure := cfg.Endpoint, cfg.Secure
	if strings.Contains(host, "://") {
		u, err := url.Parse(host)
		if err != nil {
			return nil, fmt.Errorf("parse S3 endpoint: %w", err)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			return nil, fmt.Errorf("parse S3 endpoint %q: scheme must be http or https", host)
		}
		host, secure = u.Host, u.Scheme == "https"
	}
	if host == "" {
		return nil, errors.New("make S3 store: no endpoint")
	}
	var mode minio.RetentionMode
	switch strings.ToUpper(cfg.RetainMode) {
	case "", Governance:
		mode = minio.Governance
	case Compliance:
		mode = minio.Compliance
	default:
		return nil, fmt.Errorf("make S3 store: retain mode %q is neither %s nor %s", cfg.RetainMode, Governance, Compliance)
	}
	client, err := minio.New(host, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:       secure,
		Region:       cfg.Region,
		BucketLookup: minio.BucketLookupPath,
	})
	if err != nil {
		return nil, fmt.Errorf("make S3 client for %s: %w", host, err)
	}
	return &Store{client: client, cfg: cfg, mode: mode, now: time.Now, buckets: map[string]bucketInfo{}}, nil
}

// Client is the underlying minio-go client, for operations the Store does
// not cover.
func (s *Store) Client() *minio.Client { return s.client }

// EnsureBucket creates bucket if it does not exist. With lock it asks for
// object lock; a server that refuses gets a plain bucket instead (see
// SupportsLock). An existing bucket is left as it is.
func (s *Store) EnsureBucket(ctx context.Context, bucket string, lock bool) error {
	ok, err := s.client.BucketExists(ctx, bucket)
	if err != nil {
		return fmt.Errorf("ensure bucket %s: %w", bucket, mapErr(ctx, err))
	}
	if ok {
		return nil
	}
	s.forget(bucket)
	opts := minio.MakeBucketOptions{Region: s.cfg.Region, ObjectLocking: lock}
	err = s.client.MakeBucket(ctx, bucket, opts)
	if err != nil && lock && refused(err) {
		opts.ObjectLocking = false
		err = s.client.MakeBucket(ctx, bucket, opts)
	}
	if err != nil && minio.ToErrorResponse(err).Code != "BucketAlreadyOwnedByYou" {
		return fmt.Errorf("ensure bucket %s: %w", bucket, mapErr(ctx, err))
	}
	return nil
}

// refused tells whether a MakeBucket error means the server will not do
// object lock (as opposed to a network or permission failure).
func refused(err error) bool {
	r := minio.ToErrorResponse(err)
	switch r.Code {
	case "NotImplemented", "InvalidRequest", "InvalidArgument", "InvalidBucketObjectLockConfiguration":
		return true
	}
	return r.StatusCode == http.StatusNotImplemented
}

// SupportsLock reports whether bucket has object lock enabled. The answer
// is cached per bucket; errors give false.
func (s *Store) SupportsLock(ctx context.Context, bucket string) bool {
	info, err := s.bucketInfo(ctx, bucket)
	return err == nil && info.lock
}

// bucketInfo asks the server, once per bucket, whether it has object lock
// and versioning. A missing bucket gives ErrNotFound and is not cached.
func (s *Store) bucketInfo(ctx context.Context, bucket string) (bucketInfo, error) {
	s.mu.Lock()
	info, ok := s.buckets[bucket]
	s.mu.Unlock()
	if ok {
		return info, nil
	}
	status, _, _, _, err := s.client.GetObjectLockConfig(ctx, bucket)
	switch {
	case err == nil:
		info.lock = status == "Enabled"
	case ctx.Err() != nil || minio.ToErrorResponse(err).Code == "NoSuchBucket":
		return bucketInfo{}, mapErr(ctx, err)
	}
	// Any other error (no lock configuration, not implemented) means no lock.
	vc, err := s.client.GetBucketVersioning(ctx, bucket)
	switch {
	case err == nil:
		info.versioned = vc.Status == "Enabled" || vc.Status == "Suspended"
	case ctx.Err() != nil || minio.ToErrorResponse(err).Code == "NoSuchBucket":
		return bucketInfo{}, mapErr(ctx, err)
	}
	info.versioned = info.versioned || info.lock
	s.mu.Lock()
	s.buckets[bucket] = info
	s.mu.Unlock()
	return info, nil
}

func (s *Store) forget(bucket string) {
	s.mu.Lock()
	delete(s.buckets, bucket)
	s.mu.Unlock()
}

// Put uploads r. Objects of unknown size (-1) are streamed in 16 MiB parts.
func (s *Store) Put(ctx context.Context, bucket, key string, r io.Reader, size int64, opt storage.PutOptions) (err error) {
	defer wrap(&err, "put", bucket, key)
	if err := storage.ValidKey(key); err != nil {
		return err
	}
	info, err := s.bucketInfo(ctx, bucket)
	if err != nil {
		return err
	}
	if opt.IfAbsent || info.lock {
		oi, err := s.client.StatObject(ctx, bucket, key, minio.StatObjectOptions{})
		switch {
		case err == nil && opt.IfAbsent:
			return storage.ErrExists
		case err == nil:
			if until, ok := retainedUntil(oi, s.now()); ok {
				return fmt.Errorf("until %s: %w", until.Format(time.RFC3339), storage.ErrRetained)
			}
		case !isNotFound(err):
			return mapErr(ctx, err)
		}
	}
	po := minio.PutObjectOptions{ContentType: opt.ContentType}
	if size < 0 {
		po.PartSize = streamPartSize
	}
	if info.lock && opt.Retain.After(s.now()) {
		po.Mode = s.mode
		po.RetainUntilDate = ceilSecond(opt.Retain).UTC()
	}
	cond := opt.IfAbsent && !s.noCondPut.Load() && size >= 0 && size <= maxSinglePut
	if cond {
		po.SetMatchETagExcept("*")
		po.DisableMultipart = true
	}
	_, err = s.client.PutObject(ctx, bucket, key, r, size, po)
	if err == nil {
		return nil
	}
	resp := minio.ToErrorResponse(err)
	switch {
	case cond && resp.StatusCode == http.StatusPreconditionFailed:
		return storage.ErrExists
	case cond && resp.StatusCode == http.StatusNotImplemented:
		s.noCondPut.Store(true)
		if sk, ok := r.(io.Seeker); ok {
			if _, serr := sk.Seek(0, io.SeekStart); serr == nil {
				return s.Put(ctx, bucket, key, r, size, opt)
			}
		}
	}
	return mapErr(ctx, err)
}

// retainedUntil reads an object's retain-until date from its headers and
// reports whether it is after now.
func retainedUntil(oi minio.ObjectInfo, now time.Time) (time.Time, bool) {
	v := oi.Metadata.Get("X-Amz-Object-Lock-Retain-Until-Date")
	if v == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, false
	}
	return t, t.After(now)
}

// ceilSecond rounds t up to a whole second, since S3 keeps retain-until
// dates to the second and rounding down would release the object early.
func ceilSecond(t time.Time) time.Time {
	if tt := t.Truncate(time.Second); !tt.Equal(t) {
		return tt.Add(time.Second)
	}
	return t
}

// Get opens the object. The request is made before Get returns, so a
// missing object gives ErrNotFound here rather than on the first Read; the
// reader is the response body, and reads fail once ctx is done.
func (s *Store) Get(ctx context.Context, bucket, key string) (_ io.ReadCloser, err error) {
	defer wrap(&err, "get", bucket, key)
	if err := storage.ValidKey(key); err != nil {
		return nil, err
	}
	// Core's GetObject makes the one GET request now and returns its body;
	// Client's would add a HEAD first.
	body, _, _, err := minio.Core{Client: s.client}.GetObject(ctx, bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, mapErr(ctx, err)
	}
	return body, nil
}

// Stat describes the object.
func (s *Store) Stat(ctx context.Context, bucket, key string) (_ storage.Object, err error) {
	defer wrap(&err, "stat", bucket, key)
	if err := storage.ValidKey(key); err != nil {
		return storage.Object{}, err
	}
	oi, err := s.client.StatObject(ctx, bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return storage.Object{}, mapErr(ctx, err)
	}
	return object(oi), nil
}

// List lists the objects under prefix (recursively, not by folder).
func (s *Store) List(ctx context.Context, bucket, prefix string) (_ []storage.Object, err error) {
	defer wrap(&err, "list", bucket, prefix)
	objs := []storage.Object{}
	for oi := range s.client.ListObjects(ctx, bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if oi.Err != nil {
			return nil, mapErr(ctx, oi.Err)
		}
		objs = append(objs, object(oi))
	}
	if err := ctx.Err(); err != nil {
		return nil, err // the listing stops silently when ctx ends
	}
	slices.SortFunc(objs, func(a, b storage.Object) int { return strings.Compare(a.Key, b.Key) })
	return objs, nil
}

// Remove deletes the object; on a versioned bucket, every version of it,
// newest first.
func (s *Store) Remove(ctx context.Context, bucket, key string) (err error) {
	defer wrap(&err, "remove", bucket, key)
	if err := storage.ValidKey(key); err != nil {
		return err
	}
	info, err := s.bucketInfo(ctx, bucket)
	if err != nil {
		return err
	}
	if !info.versioned {
		return mapErr(ctx, s.client.RemoveObject(ctx, bucket, key, minio.RemoveObjectOptions{}))
	}
	var versions []string
	for oi := range s.client.ListObjects(ctx, bucket, minio.ListObjectsOptions{Prefix: key, Recursive: true, WithVersions: true}) {
		if oi.Err != nil {
			return fmt.Errorf("list versions: %w", mapErr(ctx, oi.Err))
		}
		if oi.Key == key {
			versions = append(versions, oi.VersionID)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, v := range versions {
		err := s.client.RemoveObject(ctx, bucket, key, minio.RemoveObjectOptions{VersionID: v})
		if err == nil || isNotFound(err) {
			continue
		}
		if info.lock && minio.ToErrorResponse(err).Code == "AccessDenied" {
			return fmt.Errorf("remove version %s: %w: %w", v, storage.ErrRetained, err)
		}
		return fmt.Errorf("remove version %s: %w", v, mapErr(ctx, err))
	}
	return nil
}

func object(oi minio.ObjectInfo) storage.Object {
	return storage.Object{
		Key:      oi.Key,
		Size:     oi.Size,
		Modified: oi.LastModified.UTC(),
		ETag:     strings.Trim(oi.ETag, `"`),
	}
}

func isNotFound(err error) bool {
	r := minio.ToErrorResponse(err)
	switch r.Code {
	case "NoSuchKey", "NoSuchBucket", "NoSuchVersion", "NotFound":
		return true
	}
	return r.StatusCode == http.StatusNotFound
}

// mapErr makes missing buckets and keys storage.ErrNotFound and makes sure
// an error caused by ctx ending says so.
func mapErr(ctx context.Context, err error) error {
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil && !errors.Is(err, ctx.Err()):
		return fmt.Errorf("%w: %w", ctx.Err(), err)
	case isNotFound(err):
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

// Package intake turns uploads into verification tasks. It takes S3 event
// webhooks (MinIO's webhook target, or any sender of S3 event JSON) and,
// because events can be lost, reconciles the uploads listing against what
// has been processed on a timer.
//
// "Processed" is derived from the dossiers bucket alone: a bundle is
// processed when a dossier.json exists under its SHA-256 for any rules (see
// archive.Processed). Computing an upload's SHA-256 means reading it, so
// intake remembers, in Redis, the SHA-256 of each upload version it has
// hashed (key "ruku:intake:seen:<version>", with a TTL); losing that cache
// costs re-reading, never correctness. Tasks carry the SHA-256 as their ID,
// so the same bundle enqueued twice, by the webhook and the reconciler or by
// two uploads of the same bytes, is one task.
package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"ruku/archive"
	"ruku/storage"
)

// Enqueuer enqueues a verification; *queue.Client is one. It reports false
// when a task for the same SHA-256 already exists.
type Enqueuer interface {
	Enqueue(ctx context.Context, j archive.Job) (bool, error)
}

// Seen remembers the SHA-256 of upload versions already hashed.
type Seen interface {
	Get(ctx context.Context, version string) (sha string, ok bool, err error)
	Put(ctx context.Context, version, sha string) error
}

// Config configures intake.
type Config struct {
	// Addr is the webhook listener's address.
	Addr string
	// Path is the webhook's URL path.
	Path string
	// Token must arrive as "Authorization: Bearer <Token>" (MinIO's
	// notify_webhook auth_token). Run refuses to start without one unless
	// InsecureNoAuth is set.
	Token string
	// InsecureNoAuth lets Run start without a Token: anyone who reaches the
	// listener can then make intake read uploads. For tests and private
	// networks only.
	InsecureNoAuth bool
	// MaxRecords bounds the records of one event; a larger event is refused.
	MaxRecords int
	// MaxKeyDepth bounds the folders of an event's key; a deeper key is
	// ignored (the reconciler still sees it).
	MaxKeyDepth int
	// EventBucket is the uploads bucket's name as events spell it (with
	// any bucket prefix); records of other buckets are ignored.
	EventBucket string
	// ReconcileEvery is the reconciler's period (0: never).
	ReconcileEvery time.Duration
	// MaxBytes bounds an upload's size (0: no bound).
	MaxBytes int64
	// SeenTTL is how long a hashed upload version is remembered.
	SeenTTL time.Duration
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		Addr:           ":8780",
		Path:           "/minio/events",
		EventBucket:    storage.BucketUploads,
		ReconcileEvery: time.Minute,
		MaxBytes:       512 << 20,
		SeenTTL:        30 * 24 * time.Hour,
		MaxRecords:     100,
		MaxKeyDepth:    16,
	}
}

// ErrNoToken is returned by Run when no token is configured and
// InsecureNoAuth is not set.
var ErrNoToken = errors.New("intake: no webhook token configured (set RUKU_INTAKE_TOKEN, or --insecure-no-auth to run without authentication)")

// Intake decides which uploads to enqueue.
type Intake struct {
	Store storage.Store
	Queue Enqueuer
	Seen  Seen // may be nil: every upload version is hashed again
	Cfg   Config
	Log   *slog.Logger
}

// Outcome says what Submit did with a candidate.
type Outcome string

// The outcomes of Submit and HandleKey.
const (
	Enqueued  Outcome = "enqueued"  // a new task
	Duplicate Outcome = "duplicate" // a task with this SHA-256 exists
	Done      Outcome = "processed" // a dossier exists
	Waiting   Outcome = "waiting"   // part of a folder without manifest.json
	Ignored   Outcome = "ignored"   // not an upload of a bundle, or gone
)

func (in *Intake) log() *slog.Logger {
	if in.Log != nil {
		return in.Log
	}
	return slog.Default()
}

// Submit enqueues a candidate unless it is processed. processed reports
// whether a SHA-256 has a dossier.
func (in *Intake) Submit(ctx context.Context, c Candidate, processed func(context.Context, string) (bool, error)) (Outcome, string, error) {
	sha, ok := "", false
	if in.Seen != nil {
		var err error
		if sha, ok, err = in.Seen.Get(ctx, c.Version); err != nil {
			in.log().WarnContext(ctx, "seen cache unavailable", "err", err)
			ok = false
		}
	}
	name := archive.BundleName(c.Key, c.Folder)
	if !ok {
		var err error
		if c.Folder {
			var up *archive.Upload
			if up, err = archive.Fetch(ctx, in.Store, archive.Job{Key: c.Key, Folder: c.Folder, Name: name}, in.Cfg.MaxBytes); err == nil {
				sha = up.SHA256
			}
		} else {
			sha, err = hashObject(ctx, in.Store, c.Key, in.Cfg.MaxBytes)
		}
		switch {
		case errors.Is(err, storage.ErrNotFound):
			return Ignored, "", nil // deleted since listed
		case errors.Is(err, archive.ErrTooLarge):
			in.log().WarnContext(ctx, "upload too large; not verified", "key", c.Key, "err", err)
			return Ignored, "", nil
		case err != nil:
			return "", "", fmt.Errorf("submit %s: %w", c.Key, err)
		}
		if in.Seen != nil {
			if err := in.Seen.Put(ctx, c.Version, sha); err != nil {
				in.log().WarnContext(ctx, "seen cache unavailable", "err", err)
			}
		}
	}
	done, err := processed(ctx, sha)
	if err != nil {
		return "", sha, fmt.Errorf("submit %s: %w", c.Key, err)
	}
	if done {
		return Done, sha, nil
	}
	enq, err := in.Queue.Enqueue(ctx, archive.Job{Key: c.Key, Folder: c.Folder, SHA256: sha, Name: name, UploadedAt: c.Modified.UTC()})
	if err != nil {
		return "", sha, fmt.Errorf("submit %s: %w", c.Key, err)
	}
	if !enq {
		return Duplicate, sha, nil
	}
	in.log().InfoContext(ctx, "enqueued", "key", c.Key, "sha256", sha, "bundle", name)
	return Enqueued, sha, nil
}

// hashObject returns the SHA-256 of an upload, read as a stream through a
// limit of maxBytes (0: none): a larger object is archive.ErrTooLarge,
// whatever its listing said.
func hashObject(ctx context.Context, st storage.Store, key string, maxBytes int64) (string, error) {
	rc, err := st.Get(ctx, storage.BucketUploads, key)
	if err != nil {
		return "", fmt.Errorf("hash upload %s: %w", key, err)
	}
	defer rc.Close()
	r := io.Reader(rc)
	if maxBytes > 0 {
		r = io.LimitReader(rc, maxBytes+1)
	}
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return "", fmt.Errorf("hash upload %s: %w", key, err)
	}
	if maxBytes > 0 && n > maxBytes {
		return "", fmt.Errorf("hash upload %s: %w (more than %d bytes)", key, archive.ErrTooLarge, maxBytes)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// HandleKey handles one "object created" event for an uploads key: a
// manifest.json completes its folder, a zip outside any folder bundle is a
// bundle, a file under a complete folder changes that folder, anything else
// waits for its folder's manifest.
func (in *Intake) HandleKey(ctx context.Context, key string) (Outcome, string, error) {
	if err := storage.ValidKey(key); err != nil {
		in.log().WarnContext(ctx, "event for an unusable key ignored", "key", key, "err", err)
		return Ignored, "", nil
	}
	if d := strings.Count(key, "/"); in.Cfg.MaxKeyDepth > 0 && d > in.Cfg.MaxKeyDepth {
		in.log().WarnContext(ctx, "event for a key too deep ignored", "key", key, "folders", d)
		return Ignored, "", nil
	}
	processed := func(ctx context.Context, sha string) (bool, error) { return archive.Processed(ctx, in.Store, sha) }
	for _, dir := range ancestors(key) {
		_, err := in.Store.Stat(ctx, storage.BucketUploads, dir+archive.Manifest)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return "", "", fmt.Errorf("event %s: %w", key, err)
		}
		objs, err := in.Store.List(ctx, storage.BucketUploads, dir)
		if err != nil {
			return "", "", fmt.Errorf("event %s: list folder: %w", key, err)
		}
		scan := Classify(objs)
		for _, c := range scan.Ready {
			if c.Key == dir {
				return in.Submit(ctx, c, processed)
			}
		}
		return Ignored, "", nil
	}
	if !archive.IsZipKey(key) {
		return Waiting, "", nil
	}
	o, err := in.Store.Stat(ctx, storage.BucketUploads, key)
	if errors.Is(err, storage.ErrNotFound) {
		return Ignored, "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("event %s: %w", key, err)
	}
	return in.Submit(ctx, Candidate{Key: key, Version: version([]storage.Object{o}), Modified: o.Modified}, processed)
}

// Summary counts what one reconciliation did.
type Summary struct {
	Candidates int
	ByOutcome  map[Outcome]int
	Waiting    []string
	Errors     int
}

// Reconcile lists the uploads bucket and submits every ready upload that
// has no dossier: what a lost webhook event would have done. One failing
// upload does not stop the others; the first error is returned with the
// summary.
func (in *Intake) Reconcile(ctx context.Context) (Summary, error) {
	objs, err := in.Store.List(ctx, storage.BucketUploads, "")
	if err != nil {
		return Summary{}, fmt.Errorf("reconcile: %w", err)
	}
	done, err := archive.ProcessedSet(ctx, in.Store)
	if err != nil {
		return Summary{}, fmt.Errorf("reconcile: %w", err)
	}
	processed := func(_ context.Context, sha string) (bool, error) { return done[sha], nil }
	scan := Classify(objs)
	sum := Summary{Candidates: len(scan.Ready), ByOutcome: map[Outcome]int{}, Waiting: scan.Waiting}
	var first error
	for _, c := range scan.Ready {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		out, _, err := in.Submit(ctx, c, processed)
		if err != nil {
			sum.Errors++
			in.log().WarnContext(ctx, "reconcile", "key", c.Key, "err", err)
			first = cmpOr(first, err)
			continue
		}
		sum.ByOutcome[out]++
	}
	if first != nil {
		return sum, fmt.Errorf("reconcile: %d of %d uploads failed, first: %w", sum.Errors, sum.Candidates, first)
	}
	return sum, nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

package s3_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"ruku/storage"
	"ruku/storage/s3"
	"ruku/storage/storagetest"
)

// newStore connects to the server named by RUKU_S3_ENDPOINT etc. (start one
// with `eval "$(scripts/s3-server.sh start)"`). Without it the test is
// skipped, or fails when RUKU_REQUIRE_SERVICES=1.
func newStore(t testing.TB) *s3.Store {
	t.Helper()
	cfg, err := s3.ConfigFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Endpoint == "" {
		if os.Getenv("RUKU_REQUIRE_SERVICES") == "1" {
			t.Fatal("RUKU_S3_ENDPOINT is not set and RUKU_REQUIRE_SERVICES=1; run: eval \"$(scripts/s3-server.sh start)\"")
		}
		t.Skip("RUKU_S3_ENDPOINT is not set; run: eval \"$(scripts/s3-server.sh start)\"")
	}
	st, err := s3.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSuite(t *testing.T) {
	newStore(t) // skip early
	storagetest.Run(t, func(t *testing.T) storage.Store { return newStore(t) })
}

func BenchmarkThroughput(b *testing.B) {
	storagetest.Bench(b, newStore(b))
}

// TestRetainIgnoredWithoutLock checks that Retain on a bucket without object
// lock is accepted and has no effect, as storage.PutOptions documents.
func TestRetainIgnoredWithoutLock(t *testing.T) {
	st := newStore(t)
	ctx := t.Context()
	bucket := "ruku-test-nolock-" + strings.ToLower(strconv.FormatInt(time.Now().UnixNano(), 36))
	if err := st.EnsureBucket(ctx, bucket, false); err != nil {
		t.Fatal(err)
	}
	if st.SupportsLock(ctx, bucket) {
		t.Fatal("SupportsLock = true for a bucket made without lock")
	}
	opt := storage.PutOptions{Retain: time.Now().Add(time.Hour)}
	if err := st.Put(ctx, bucket, "k", strings.NewReader("v"), 1, opt); err != nil {
		t.Fatalf("Put with Retain on a bucket without lock: %v", err)
	}
	if err := st.Remove(ctx, bucket, "k"); err != nil {
		t.Errorf("Remove: %v", err)
	}
}

// TestArchiveBucketHasLock checks that the server used for tests really gives
// buckets object lock, so the suite's Retain subtest is not skipped.
func TestArchiveBucketHasLock(t *testing.T) {
	st := newStore(t)
	ctx := t.Context()
	bucket := "ruku-test-lock-" + strings.ToLower(strconv.FormatInt(time.Now().UnixNano(), 36))
	if err := st.EnsureBucket(ctx, bucket, true); err != nil {
		t.Fatal(err)
	}
	if !st.SupportsLock(ctx, bucket) {
		t.Error("SupportsLock = false for a bucket made with lock; the Retain subtest would be skipped")
	}
}

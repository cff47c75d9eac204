package s3

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"ruku/storage"
)

func TestConfigFromEnv(t *testing.T) {
	t.Setenv("RUKU_S3_ENDPOINT", "https://s3.example:9000")
	t.Setenv("RUKU_S3_ACCESS_KEY", "ak")
	t.Setenv("RUKU_S3_SECRET_KEY", "sk")
	t.Setenv("RUKU_S3_REGION", "cn-north-1")
	t.Setenv("RUKU_S3_SECURE", "true")
	t.Setenv("RUKU_S3_RETAIN_MODE", "compliance")
	cfg, err := ConfigFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Endpoint: "https://s3.example:9000", AccessKey: "ak", SecretKey: "sk", Region: "cn-north-1", Secure: true, RetainMode: "compliance"}
	if cfg != want {
		t.Errorf("ConfigFromEnv = %+v, want %+v", cfg, want)
	}
	if _, err := New(cfg); err != nil {
		t.Errorf("New(%+v): %v", cfg, err)
	}
	t.Setenv("RUKU_S3_SECURE", "maybe")
	if _, err := ConfigFromEnv(); err == nil {
		t.Error("ConfigFromEnv accepted RUKU_S3_SECURE=maybe")
	}
}

func TestNewRejects(t *testing.T) {
	for _, cfg := range []Config{
		{},
		{Endpoint: "ftp://host:21"},
		{Endpoint: "127.0.0.1:9000", RetainMode: "forever"},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
	st, err := New(Config{Endpoint: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	if st.client.EndpointURL().Scheme != "http" {
		t.Errorf("endpoint URL %v, want http", st.client.EndpointURL())
	}
}

func TestCeilSecond(t *testing.T) {
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if got := ceilSecond(base); !got.Equal(base) {
		t.Errorf("ceilSecond(whole) = %v", got)
	}
	if got := ceilSecond(base.Add(time.Millisecond)); !got.Equal(base.Add(time.Second)) {
		t.Errorf("ceilSecond(+1ms) = %v", got)
	}
}

// refusingServer is an S3 endpoint that will not make object-lock buckets.
type refusingServer struct {
	mu      sync.Mutex
	created map[string]bool
	asked   []string // "lock" or "plain", per MakeBucket
}

func s3Error(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message></Error>`, code, code)
}

func (s *refusingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	bucket := strings.Trim(r.URL.Path, "/")
	q := r.URL.Query()
	switch {
	case r.Method == http.MethodHead:
		if !s.created[bucket] {
			w.WriteHeader(http.StatusNotFound)
		}
	case r.Method == http.MethodPut && r.Header.Get("X-Amz-Bucket-Object-Lock-Enabled") == "true":
		s.asked = append(s.asked, "lock")
		s3Error(w, http.StatusNotImplemented, "NotImplemented")
	case r.Method == http.MethodPut:
		s.asked = append(s.asked, "plain")
		s.created[bucket] = true
	case r.Method == http.MethodGet && !s.created[bucket]:
		s3Error(w, http.StatusNotFound, "NoSuchBucket")
	case r.Method == http.MethodGet && q.Has("object-lock"):
		s3Error(w, http.StatusNotFound, "ObjectLockConfigurationNotFoundError")
	case r.Method == http.MethodGet && q.Has("versioning"):
		fmt.Fprint(w, `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></VersioningConfiguration>`)
	default:
		s3Error(w, http.StatusNotImplemented, "NotImplemented")
	}
}

func TestEnsureBucketFallsBackWithoutLock(t *testing.T) {
	srv := &refusingServer{created: map[string]bool{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	st, err := New(Config{Endpoint: ts.URL, AccessKey: "a", SecretKey: "b", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := st.EnsureBucket(ctx, "archive", true); err != nil {
		t.Fatalf("EnsureBucket with lock on a refusing server: %v", err)
	}
	if got := strings.Join(srv.asked, ","); got != "lock,plain" {
		t.Errorf("MakeBucket calls = %s, want lock,plain", got)
	}
	if st.SupportsLock(ctx, "archive") {
		t.Error("SupportsLock = true for a bucket made without lock")
	}
	if err := st.EnsureBucket(ctx, "archive", true); err != nil {
		t.Errorf("EnsureBucket again: %v", err)
	}
	if len(srv.asked) != 2 {
		t.Errorf("EnsureBucket of an existing bucket made it again: %v", srv.asked)
	}
	if _, err := st.bucketInfo(ctx, "missing"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("bucketInfo of a missing bucket: %v", err)
	}
}

func TestMapErr(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := mapErr(ctx, errors.New("connection reset"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("mapErr under a cancelled context = %v", err)
	}
	if mapErr(context.Background(), nil) != nil {
		t.Error("mapErr(nil) != nil")
	}
	if errors.Is(mapErr(context.Background(), errors.New("x")), storage.ErrNotFound) {
		t.Error("plain error mapped to ErrNotFound")
	}
}

// Package e2e holds the end-to-end tests of the distributed side: they build
// the ruku binary, run intake and workers as real processes against a real
// Redis and a real S3 server, upload bundles and read the dossiers back.
//
// Services come from the environment: RUKU_REDIS_ADDR (default
// 127.0.0.1:6379; the tests use database RUKU_E2E_REDIS_DB, default 5, and
// flush it), RUKU_S3_ENDPOINT, RUKU_S3_ACCESS_KEY, RUKU_S3_SECRET_KEY (for
// example from scripts/s3-server.sh). When a service is unreachable the
// tests skip, or fail when RUKU_REQUIRE_SERVICES=1. Each test works in its
// own buckets (a random bucket prefix) and its own asynq queue.
package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/redis/go-redis/v9"

	"ruku/queue"
	"ruku/storage"
	"ruku/storage/s3"
)

// services are the Redis and S3 the tests run against.
type services struct {
	redis queue.Redis
	s3    s3.Config
	err   error
}

var (
	svcOnce sync.Once
	svc     services

	binOnce sync.Once
	binPath string
	binErr  error
)

func getenv(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// needServices returns the services, skipping (or failing, when
// RUKU_REQUIRE_SERVICES=1) when one is unreachable. The first call flushes
// the test database.
func needServices(t *testing.T) services {
	t.Helper()
	svcOnce.Do(func() {
		db, err := strconv.Atoi(getenv("RUKU_E2E_REDIS_DB", "5"))
		if err != nil {
			svc.err = fmt.Errorf("RUKU_E2E_REDIS_DB: %w", err)
			return
		}
		svc.redis = queue.Redis{Addr: getenv("RUKU_REDIS_ADDR", "127.0.0.1:6379"), Password: os.Getenv("RUKU_REDIS_PASSWORD"), DB: db}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		rc := redis.NewClient(&redis.Options{Addr: svc.redis.Addr, Password: svc.redis.Password, DB: db})
		defer rc.Close()
		if err := rc.FlushDB(ctx).Err(); err != nil {
			svc.err = fmt.Errorf("redis %s: %w", svc.redis.Addr, err)
			return
		}
		cfg, err := s3.ConfigFromEnv()
		if err != nil {
			svc.err = err
			return
		}
		if cfg.Endpoint == "" {
			svc.err = fmt.Errorf("RUKU_S3_ENDPOINT is not set (scripts/s3-server.sh start prints it)")
			return
		}
		st, err := s3.New(cfg)
		if err != nil {
			svc.err = fmt.Errorf("s3 %s: %w", cfg.Endpoint, err)
			return
		}
		if _, err := st.Client().ListBuckets(ctx); err != nil {
			svc.err = fmt.Errorf("s3 %s: %w", cfg.Endpoint, err)
			return
		}
		svc.s3 = cfg
	})
	if svc.err != nil {
		if os.Getenv("RUKU_REQUIRE_SERVICES") == "1" {
			t.Fatalf("services required: %v", svc.err)
		}
		t.Skipf("services unavailable: %v", svc.err)
	}
	return svc
}

// TestMain removes the ruku binary the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// rukuBinary builds cmd/ruku once.
func rukuBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ruku-e2e-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "ruku")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/ruku")
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// cluster is one test's world: its buckets, its queue, its processes.
type cluster struct {
	t      *testing.T
	ctx    context.Context
	svc    services
	bin    string
	prefix string // bucket prefix
	queue  string
	dir    string
	st     storage.Store
	raw    *s3.Store
	qc     *queue.Client
	intake string // base URL of the running intake, if any
	// ocr runs the workers with OCR even when RUKU_E2E_OCR is not 1.
	ocr bool
}

func newCluster(t *testing.T) *cluster {
	t.Helper()
	s := needServices(t)
	bin := rukuBinary(t)
	var rnd [4]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		t.Fatal(err)
	}
	id := hex.EncodeToString(rnd[:])
	raw, err := s3.New(s.s3)
	if err != nil {
		t.Fatal(err)
	}
	c := &cluster{t: t, ctx: t.Context(), svc: s, bin: bin, prefix: "e2e-" + id + "-", queue: "e2e-" + id, dir: t.TempDir(), raw: raw}
	c.st = queue.WithBucketPrefix(raw, c.prefix)
	for _, b := range []string{storage.BucketUploads, storage.BucketArchive, storage.BucketDossiers} {
		if err := c.st.EnsureBucket(c.ctx, b, b == storage.BucketArchive); err != nil {
			t.Fatal(err)
		}
	}
	c.qc = queue.NewClient(queue.ClientConfig{Redis: s.redis, Queue: c.queue, MaxRetry: 3, Timeout: 10 * time.Minute, Retention: time.Hour})
	t.Cleanup(func() {
		c.qc.Close()
		c.dropBuckets()
	})
	return c
}

// dropBuckets empties and removes the test's buckets, best effort.
func (c *cluster) dropBuckets() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, b := range []string{storage.BucketUploads, storage.BucketArchive, storage.BucketDossiers} {
		objs, _ := c.st.List(ctx, b, "")
		for _, o := range objs {
			_ = c.st.Remove(ctx, b, o.Key)
		}
		_ = c.raw.Client().RemoveBucketWithOptions(ctx, c.prefix+b, minio.RemoveBucketOptions{ForceDelete: false})
	}
}

// env is the environment of ruku processes of this cluster.
func (c *cluster) env() []string {
	env := append(os.Environ(),
		"RUKU_S3_ENDPOINT="+c.svc.s3.Endpoint,
		"RUKU_S3_ACCESS_KEY="+c.svc.s3.AccessKey,
		"RUKU_S3_SECRET_KEY="+c.svc.s3.SecretKey,
		"RUKU_S3_REGION="+c.svc.s3.Region,
		"RUKU_S3_SECURE="+strconv.FormatBool(c.svc.s3.Secure),
		"RUKU_BUCKET_PREFIX="+c.prefix,
		"RUKU_REDIS_ADDR="+c.svc.redis.Addr,
		"RUKU_REDIS_PASSWORD="+c.svc.redis.Password,
		"RUKU_REDIS_DB="+strconv.Itoa(c.svc.redis.DB),
		"RUKU_QUEUE="+c.queue,
	)
	env = append(env, "RUKU_NO_OCR="+strconv.FormatBool(!c.ocr && os.Getenv("RUKU_E2E_OCR") != "1"))
	return env
}

// ocrArgs are the arguments that make ruku verify read bundles as the
// cluster's workers do (without OCR unless RUKU_E2E_OCR=1: OCR takes about
// 30 s a bundle on 2 cores).
func ocrArgs() []string {
	if os.Getenv("RUKU_E2E_OCR") == "1" {
		return nil
	}
	return []string{"--no-ocr"}
}

// proc is a running ruku process.
type proc struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error
}

// start runs `ruku args...` until the test ends (SIGTERM, then SIGKILL).
func (c *cluster) start(name string, args ...string) *proc {
	c.t.Helper()
	logPath := filepath.Join(c.dir, name+".log")
	f, err := os.Create(logPath)
	if err != nil {
		c.t.Fatal(err)
	}
	cmd := exec.Command(c.bin, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = c.env(), f, f
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	p := &proc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		f.Close()
		close(p.done)
	}()
	c.t.Cleanup(func() {
		p.stop(c.t, 30*time.Second)
		if c.t.Failed() {
			b, _ := os.ReadFile(logPath)
			c.t.Logf("--- %s log ---\n%s", name, tail(string(b), 4000))
		}
	})
	return p
}

// stop sends SIGTERM and waits up to d, then kills.
func (p *proc) stop(t *testing.T, d time.Duration) {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(d):
		t.Errorf("%s did not stop within %v of SIGTERM; killing", p.name, d)
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// kill sends SIGKILL and waits.
func (p *proc) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

func (p *proc) logText() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// startIntake starts intake on a free port and waits until it answers.
func (c *cluster) startIntake(reconcileEvery time.Duration) *proc {
	c.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		c.t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := c.start("intake", "intake", "--insecure-no-auth", "--addr", addr, "--reconcile-every", reconcileEvery.String())
	c.intake = "http://" + addr
	c.eventually(20*time.Second, "intake answers", func() bool {
		resp, err := http.Get(c.intake + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return p
}

// startWorker starts a worker with the given concurrency.
func (c *cluster) startWorker(name string, concurrency int, extra ...string) *proc {
	args := append([]string{"worker", "--concurrency", strconv.Itoa(concurrency), "--retain", "0",
		"--retry-base", "1s", "--drain-timeout", "20s"}, extra...)
	return c.start(name, args...)
}

// eventually polls cond every 200ms until it holds or d passes.
func (c *cluster) eventually(d time.Duration, what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		select {
		case <-c.ctx.Done():
			c.t.Fatal(c.ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// upload puts data at key in the uploads bucket.
func (c *cluster) upload(key string, data []byte) {
	c.t.Helper()
	if err := c.st.Put(c.ctx, storage.BucketUploads, key, bytes.NewReader(data), int64(len(data)), storage.PutOptions{}); err != nil {
		c.t.Fatal(err)
	}
}

// notify sends intake the S3 event MinIO's webhook target would send for
// keys (URL-encoded as MinIO encodes them), and checks the 200.
func (c *cluster) notify(keys ...string) {
	c.t.Helper()
	type object struct {
		Key       string `json:"key"`
		Size      int64  `json:"size"`
		ETag      string `json:"eTag"`
		Sequencer string `json:"sequencer"`
	}
	var recs []map[string]any
	for _, k := range keys {
		o, err := c.st.Stat(c.ctx, storage.BucketUploads, k)
		if err != nil {
			c.t.Fatal(err)
		}
		recs = append(recs, map[string]any{
			"eventVersion": "2.0", "eventSource": "minio:s3", "awsRegion": "", "eventTime": time.Now().UTC().Format(time.RFC3339Nano),
			"eventName": "s3:ObjectCreated:Put",
			"s3": map[string]any{
				"s3SchemaVersion": "1.0", "configurationId": "Config",
				"bucket": map[string]any{"name": c.prefix + storage.BucketUploads, "arn": "arn:aws:s3:::" + c.prefix + storage.BucketUploads},
				"object": object{Key: url.QueryEscape(k), Size: o.Size, ETag: o.ETag, Sequencer: "1"},
			},
		})
	}
	body, err := json.Marshal(map[string]any{"EventName": "s3:ObjectCreated:Put", "Key": c.prefix + storage.BucketUploads + "/" + keys[0], "Records": recs})
	if err != nil {
		c.t.Fatal(err)
	}
	resp, err := http.Post(c.intake+"/minio/events", "application/json", bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("webhook answered %d", resp.StatusCode)
	}
}

// dossiers lists the dossier.json objects of a bundle (or all, sha "").
func (c *cluster) dossiers(sha string) []queue.StoredDossier {
	c.t.Helper()
	prefix := ""
	if sha != "" {
		prefix = queue.DossierPrefix(sha)
	}
	ds, err := queue.ListDossiers(c.ctx, c.st, prefix)
	if err != nil {
		c.t.Fatal(err)
	}
	return ds
}

// tasks lists the cluster's tasks with the given ID ("" for all).
func (c *cluster) tasks(id string) []queue.TaskInfo {
	c.t.Helper()
	ts, err := c.qc.Tasks(c.ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	var out []queue.TaskInfo
	for _, tk := range ts {
		if id == "" || tk.ID == id {
			out = append(out, tk)
		}
	}
	return out
}

// run runs `ruku args...` to completion and returns stdout and stderr.
func (c *cluster) run(args ...string) (string, string) {
	c.t.Helper()
	cmd := exec.CommandContext(c.ctx, c.bin, args...)
	cmd.Env = c.env()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		c.t.Fatalf("ruku %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String(), errb.String()
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// corpus returns the path of a public corpus bundle's file.
func corpus(t *testing.T, name, file string) string {
	t.Helper()
	dir := getenv("RUKU_CORPUS", "/work/shared/corpus")
	p := filepath.Join(dir, name, file)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus bundle %s not found (set RUKU_CORPUS): %v", name, err)
	}
	return p
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withoutGeneratedAt decodes a dossier with generated_at (and the listed
// extra top-level fields) removed, for comparison.
func withoutGeneratedAt(t *testing.T, b []byte, drop ...string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "generated_at")
	for _, k := range drop {
		delete(m, k)
	}
	return m
}

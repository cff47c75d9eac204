// Package e2e holds the end-to-end tests of the distributed side: they build
// the ruku binary, run intake and workers as real processes against a real
// Redis and a real S3 server, upload bundles and read the dossiers back.
//
// Redis comes from the environment: RUKU_REDIS_ADDR (default
// 127.0.0.1:6379; the tests use database RUKU_E2E_REDIS_DB, default 5, and
// flush it). Each test runs its own S3 server, a versitygw process
// (RUKU_VERSITYGW, else versitygw on PATH or in GOBIN, as
// scripts/s3-server.sh installs it) whose bucket notifications go to the
// test's intake: uploads reach intake the way they do in production. When
// Redis or versitygw is missing the tests skip, or fail when
// RUKU_REQUIRE_SERVICES=1. Each test also has its own asynq queue.
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
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ruku/archive"
	"ruku/queue"
	"ruku/storage"
	"ruku/storage/s3"
)

// services are the Redis the tests run against and the S3 server binary
// each test starts.
type services struct {
	redis queue.Redis
	vgw   string // versitygw binary
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
		svc.vgw, svc.err = findVersitygw()
	})
	if svc.err != nil {
		if os.Getenv("RUKU_REQUIRE_SERVICES") == "1" {
			t.Fatalf("services required: %v", svc.err)
		}
		t.Skipf("services unavailable: %v", svc.err)
	}
	return svc
}

// findVersitygw returns the versitygw binary: RUKU_VERSITYGW, else on
// PATH, else in GOBIN (where scripts/s3-server.sh installs it).
func findVersitygw() (string, error) {
	if p := os.Getenv("RUKU_VERSITYGW"); p != "" {
		return p, nil
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	out, err := exec.Command("go", "env", "GOBIN", "GOPATH").Output()
	if err == nil {
		// Two lines, GOBIN first (often empty), then GOPATH.
		lines := strings.SplitN(strings.TrimRight(string(out), "\n"), "\n", 2)
		dirs := []string{strings.TrimSpace(lines[0])}
		if len(lines) == 2 {
			for _, gp := range filepath.SplitList(strings.TrimSpace(lines[1])) {
				dirs = append(dirs, filepath.Join(gp, "bin"))
			}
		}
		for _, dir := range dirs {
			if dir == "" {
				continue
			}
			if p := filepath.Join(dir, "versitygw"); fileExists(p) {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("versitygw not found (scripts/s3-server.sh start installs it; or set RUKU_VERSITYGW)")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
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
	t          *testing.T
	ctx        context.Context
	svc        services
	bin        string
	prefix     string // bucket prefix
	queue      string
	dir        string
	st         storage.Store
	raw        *s3.Store
	qc         *queue.Client
	s3         s3.Config // the test's own S3 server
	token      string    // intake's webhook token
	intakeAddr string    // host:port intake listens on, fixed for the test
	intake     string    // base URL of the running intake, if any
	s3proc     *proc     // the S3 server, started with the first intake
	// ocr runs the workers with OCR even when RUKU_E2E_OCR is not 1.
	ocr bool
}

func newCluster(t *testing.T) *cluster {
	t.Helper()
	s := needServices(t)
	bin := rukuBinary(t)
	id, token := randomHex(t, 4), randomHex(t, 16)
	cfg := s3.Config{Endpoint: freeAddr(t), AccessKey: "e2e-root", SecretKey: "e2e-root-secret-" + id, Region: "us-east-1"}
	raw, err := s3.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c := &cluster{t: t, ctx: t.Context(), svc: s, bin: bin, prefix: "e2e-" + id + "-", queue: "e2e-" + id, dir: t.TempDir(),
		raw: raw, s3: cfg, token: token, intakeAddr: freeAddr(t)}
	c.st = archive.WithBucketPrefix(raw, c.prefix)
	c.qc = queue.NewClient(queue.ClientConfig{Redis: s.redis, Queue: c.queue, MaxRetry: 3, Timeout: 10 * time.Minute, Retention: time.Hour})
	t.Cleanup(func() { c.qc.Close() })
	return c
}

func randomHex(t *testing.T, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// freeAddr returns a 127.0.0.1 address whose port was free a moment ago.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startS3 starts the test's versitygw, whose bucket notifications go to
// intake's webhook (versitygw checks the webhook when it starts, so intake
// must be up), and makes the buckets.
func (c *cluster) startS3() {
	c.t.Helper()
	data := filepath.Join(c.dir, "s3")
	for _, d := range []string{"root", "versions", "meta"} {
		if err := os.MkdirAll(filepath.Join(data, d), 0o755); err != nil {
			c.t.Fatal(err)
		}
	}
	webhook := c.intake + "/minio/events?token=" + c.token
	args := []string{"--port", c.s3.Endpoint, "--quiet", "--event-webhook-url", webhook, "posix",
		"--versioning-dir", filepath.Join(data, "versions"), "--sidecar", filepath.Join(data, "meta"), filepath.Join(data, "root")}
	c.s3proc = c.startProcess("s3", c.svc.vgw, append(os.Environ(), "ROOT_ACCESS_KEY="+c.s3.AccessKey, "ROOT_SECRET_KEY="+c.s3.SecretKey, "VGW_REGION="+c.s3.Region), args...)
	c.eventually(30*time.Second, "the S3 server answers", func() bool {
		_, err := c.raw.Client().ListBuckets(c.ctx)
		return err == nil
	})
	for _, b := range []string{storage.BucketUploads, storage.BucketArchive, storage.BucketDossiers} {
		if err := c.st.EnsureBucket(c.ctx, b, b == storage.BucketArchive); err != nil {
			c.t.Fatal(err)
		}
	}
}

// env is the environment of ruku processes of this cluster.
func (c *cluster) env() []string {
	env := append(os.Environ(),
		"RUKU_S3_ENDPOINT="+c.s3.Endpoint,
		"RUKU_S3_ACCESS_KEY="+c.s3.AccessKey,
		"RUKU_S3_SECRET_KEY="+c.s3.SecretKey,
		"RUKU_S3_REGION="+c.s3.Region,
		"RUKU_S3_SECURE=false",
		"RUKU_INTAKE_TOKEN="+c.token,
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
	return c.startProcess(name, c.bin, c.env(), args...)
}

// startProcess runs bin with env and args until the test ends.
func (c *cluster) startProcess(name, bin string, env []string, args ...string) *proc {
	c.t.Helper()
	logPath := filepath.Join(c.dir, name+".log")
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		c.t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, f, f
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

// startIntake starts intake on the test's intake address and waits until
// it answers; the first call also starts the S3 server, which posts its
// bucket notifications there. Intake may be stopped and started again.
func (c *cluster) startIntake(reconcileEvery time.Duration) *proc {
	c.t.Helper()
	p := c.start("intake", "intake", "--addr", c.intakeAddr, "--reconcile-every", reconcileEvery.String(), "--ensure-buckets=false")
	c.intake = "http://" + c.intakeAddr
	c.eventually(20*time.Second, "intake answers", func() bool {
		resp, err := http.Get(c.intake + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	if c.s3proc == nil {
		c.startS3()
	}
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

// dossiers lists the dossier.json objects of a bundle (or all, sha "").
func (c *cluster) dossiers(sha string) []archive.StoredDossier {
	c.t.Helper()
	prefix := ""
	if sha != "" {
		prefix = archive.DossierPrefix(sha)
	}
	ds, err := archive.ListDossiers(c.ctx, c.st, prefix)
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

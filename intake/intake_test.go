package intake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"ruku/archive"
	"ruku/storage"
	"ruku/storage/local"
)

func TestClassify(t *testing.T) {
	objs := []storage.Object{
		{Key: "a.zip"},
		{Key: "dir/b.zip"},
		{Key: "done/manifest.json"},
		{Key: "done/x.pdf"},
		{Key: "done/sub/inner.zip"}, // a file of the folder bundle
		{Key: "done/sub/manifest.json"},
		{Key: "partial/x.pdf"},
		{Key: "partial/y.xlsx"},
		{Key: "manifest.json"}, // top level: ignored
		{Key: "loose.pdf"},
		{Key: "marker/"},
	}
	scan := Classify(objs)
	var got []string
	for _, c := range scan.Ready {
		got = append(got, fmt.Sprintf("%s folder=%v", c.Key, c.Folder))
	}
	want := "[a.zip folder=false dir/b.zip folder=false done/ folder=true]"
	if fmt.Sprint(got) != want {
		t.Errorf("ready %v, want %s", got, want)
	}
	if fmt.Sprint(scan.Waiting) != "[partial/]" {
		t.Errorf("waiting %v", scan.Waiting)
	}
	// The version changes with any object of the folder.
	v1 := Classify(objs).Ready[2].Version
	objs[3].ETag = "new"
	if v2 := Classify(objs).Ready[2].Version; v1 == v2 {
		t.Error("folder version did not change with a file")
	}
}

type fakeQueue struct {
	mu   sync.Mutex
	jobs map[string]archive.Job
	n    int
}

func (f *fakeQueue) Enqueue(_ context.Context, j archive.Job) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	if _, ok := f.jobs[j.SHA256]; ok {
		return false, nil
	}
	f.jobs[j.SHA256] = j
	return true, nil
}

type memSeen struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *memSeen) Get(_ context.Context, v string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sha, ok := s.m[v]
	return sha, ok, nil
}

func (s *memSeen) Put(_ context.Context, v, sha string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[v] = sha
	return nil
}

func newIntake(t *testing.T) (*Intake, *fakeQueue, storage.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := local.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []string{storage.BucketUploads, storage.BucketArchive, storage.BucketDossiers} {
		if err := st.EnsureBucket(ctx, b, false); err != nil {
			t.Fatal(err)
		}
	}
	q := &fakeQueue{jobs: map[string]archive.Job{}}
	in := &Intake{Store: st, Queue: q, Seen: &memSeen{m: map[string]string{}}, Cfg: DefaultConfig()}
	return in, q, st
}

func put(t *testing.T, st storage.Store, key, body string) {
	t.Helper()
	if err := st.Put(context.Background(), storage.BucketUploads, key, strings.NewReader(body), int64(len(body)), storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
}

// event builds a MinIO webhook body for keys of the uploads bucket.
func event(keys ...string) string {
	var recs []string
	for _, k := range keys {
		recs = append(recs, fmt.Sprintf(`{"eventVersion":"2.0","eventSource":"minio:s3","eventName":"s3:ObjectCreated:Put",
		"s3":{"s3SchemaVersion":"1.0","bucket":{"name":"uploads","arn":"arn:aws:s3:::uploads"},
		"object":{"key":%q,"size":3,"eTag":"x","sequencer":"1"}}}`, url.QueryEscape(k)))
	}
	return fmt.Sprintf(`{"EventName":"s3:ObjectCreated:Put","Key":"uploads/%s","Records":[%s]}`, keys[0], strings.Join(recs, ","))
}

func post(t *testing.T, h http.Handler, body, token string) int {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/minio/events", bytes.NewBufferString(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

func TestWebhook(t *testing.T) {
	in, q, st := newIntake(t)
	in.Cfg.Token = "s3cret"
	h := in.Webhook()

	put(t, st, "申请 材料+1.zip", "zip-bytes")
	if code := post(t, h, event("申请 材料+1.zip"), "wrong"); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", code)
	}
	if code := post(t, h, event("申请 材料+1.zip"), "s3cret"); code != http.StatusOK {
		t.Fatalf("event: %d", code)
	}
	if len(q.jobs) != 1 {
		t.Fatalf("jobs %v", q.jobs)
	}
	for _, j := range q.jobs {
		if j.Key != "申请 材料+1.zip" || j.Name != "申请 材料+1" || j.Folder {
			t.Errorf("job %+v", j)
		}
	}
	// Same bytes under another key: the same SHA-256, so no new task.
	put(t, st, "copy.zip", "zip-bytes")
	if code := post(t, h, event("copy.zip"), "s3cret"); code != http.StatusOK || len(q.jobs) != 1 {
		t.Errorf("duplicate: code %d, jobs %d", code, len(q.jobs))
	}
	// A partial folder is not enqueued; its manifest completes it.
	put(t, st, "f/a.pdf", "a")
	if code := post(t, h, event("f/a.pdf"), "s3cret"); code != http.StatusOK || len(q.jobs) != 1 {
		t.Errorf("partial folder: code %d, jobs %d", code, len(q.jobs))
	}
	put(t, st, "f/manifest.json", `{"submitted_at":"2026-01-01"}`)
	if code := post(t, h, event("f/manifest.json"), "s3cret"); code != http.StatusOK || len(q.jobs) != 2 {
		t.Errorf("complete folder: code %d, jobs %d", code, len(q.jobs))
	}
	if code := post(t, h, "", "s3cret"); code != http.StatusOK {
		t.Errorf("empty body: %d", code)
	}
	// versitygw writes keys as they are, not URL-encoded.
	put(t, st, "v+gw 申请%.zip", "other-bytes")
	raw := `{"Records":[{"eventVersion":"2.2","eventSource":"aws:s3","eventName":"s3:ObjectCreated:Put",
		"s3":{"bucket":{"name":"uploads"},"object":{"key":"v+gw 申请%.zip","size":11}}}]}`
	if code := post(t, h, raw, "s3cret"); code != http.StatusOK || len(q.jobs) != 3 {
		t.Errorf("raw key: code %d, jobs %d", code, len(q.jobs))
	}
	// versitygw cannot set headers: the token may come in the URL.
	for q, want := range map[string]int{"?token=s3cret": http.StatusOK, "?token=wrong": http.StatusUnauthorized, "?token=": http.StatusUnauthorized} {
		req := httptest.NewRequest(http.MethodPost, "/minio/events"+q, strings.NewReader(""))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("token in URL %q: %d, want %d", q, rec.Code, want)
		}
	}
	if code := post(t, h, "{", "s3cret"); code != http.StatusBadRequest {
		t.Errorf("bad body: %d", code)
	}
}

func TestReconcile(t *testing.T) {
	ctx := context.Background()
	in, q, st := newIntake(t)
	put(t, st, "one.zip", "1")
	put(t, st, "two.zip", "2")
	put(t, st, "part/a.pdf", "a")
	sum, err := in.Reconcile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.ByOutcome[Enqueued] != 2 || len(sum.Waiting) != 1 {
		t.Errorf("first pass %+v", sum)
	}
	// A dossier for one.zip's SHA-256 makes it processed.
	var oneSHA string
	for sha, j := range q.jobs {
		if j.Key == "one.zip" {
			oneSHA = sha
		}
	}
	d := []byte("{}")
	key := oneSHA + "/v@x/" + archive.DossierJSON
	if err := st.Put(ctx, storage.BucketDossiers, key, bytes.NewReader(d), 2, storage.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	put(t, st, "part/manifest.json", "{}")
	sum, err = in.Reconcile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.ByOutcome[Done] != 1 || sum.ByOutcome[Duplicate] != 1 || sum.ByOutcome[Enqueued] != 1 {
		t.Errorf("second pass %+v", sum)
	}
	if len(q.jobs) != 3 {
		t.Errorf("%d jobs", len(q.jobs))
	}
}

func TestRunShutsDown(t *testing.T) {
	in, _, _ := newIntake(t)
	in.Cfg.Addr = "127.0.0.1:0"
	in.Cfg.Token = "s3cret"
	in.Cfg.ReconcileEvery = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- in.Run(ctx, func(a string) { addr <- a }) }()
	resp, err := http.Get("http://" + <-addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return")
	}
}

func TestRunRefusesToStartWithoutToken(t *testing.T) {
	in, _, _ := newIntake(t)
	in.Cfg.Addr = "127.0.0.1:0"
	in.Cfg.ReconcileEvery = 0
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	started := false
	if err := in.Run(ctx, func(string) { started = true }); !errors.Is(err, ErrNoToken) || started {
		t.Fatalf("no token: Run = %v, listener started %v; want ErrNoToken before listening", err, started)
	}
	// Told explicitly, it runs without one.
	in.Cfg.InsecureNoAuth = true
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- in.Run(ctx, func(a string) { addr <- a }) }()
	<-addr
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestWebhookCapsAndHidesDetail(t *testing.T) {
	in, q, st := newIntake(t)
	in.Cfg.Token = "s3cret"
	h := in.Webhook()
	put(t, st, "a.zip", "zip")

	// Too many records: refused whole, before any storage call.
	var many []string
	for i := 0; i <= in.Cfg.MaxRecords; i++ {
		many = append(many, "a.zip")
	}
	if code := post(t, h, event(many...), "s3cret"); code != http.StatusRequestEntityTooLarge {
		t.Errorf("%d records: %d, want 413", len(many), code)
	}
	// A key deeper than MaxKeyDepth is ignored without a Stat per folder.
	deep := strings.Repeat("d/", in.Cfg.MaxKeyDepth+1) + "x.zip"
	put(t, st, deep, "zip2")
	if code := post(t, h, event(deep), "s3cret"); code != http.StatusOK || len(q.jobs) != 0 {
		t.Errorf("deep key: code %d, jobs %d", code, len(q.jobs))
	}
	// A key within the depth is still handled.
	if code := post(t, h, event("a.zip"), "s3cret"); code != http.StatusOK || len(q.jobs) != 1 {
		t.Errorf("shallow key: code %d, jobs %d", code, len(q.jobs))
	}
	// A decoding error says nothing of the decoder.
	req := httptest.NewRequest(http.MethodPost, "/minio/events", strings.NewReader(`{"Records": 5}`))
	req.Header.Set("Authorization", "Bearer s3cret")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if body := strings.TrimSpace(rec.Body.String()); rec.Code != http.StatusBadRequest || body != "bad request" {
		t.Errorf("bad body: %d %q, want 400 \"bad request\"", rec.Code, body)
	}
}

func TestUploadReadThroughLimit(t *testing.T) {
	in, q, st := newIntake(t)
	in.Cfg.MaxBytes = 8
	put(t, st, "big.zip", "0123456789")
	put(t, st, "small.zip", "01234567")
	for key, want := range map[string]Outcome{"big.zip": Ignored, "small.zip": Enqueued} {
		out, _, err := in.HandleKey(context.Background(), key)
		if err != nil || out != want {
			t.Errorf("%s: %v %v, want %v", key, out, err, want)
		}
	}
	if len(q.jobs) != 1 {
		t.Errorf("jobs %v", q.jobs)
	}
}

// Package storagetest is the test suite every storage.Store must pass, and
// a throughput benchmark for them.
//
// A backend's test calls Run with a function that makes a fresh Store (or a
// Store on a shared server: every subtest works in buckets of its own,
// named ruku-test-<random>, so runs do not collide).
package storagetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ruku/storage"
)

// LargeSize is the size of the object the Large subtest streams.
const LargeSize = 20 << 20

// Run runs the shared suite. newStore is called once per subtest; it should
// register any cleanup with t.Cleanup. Subtests run in parallel.
func Run(t *testing.T, newStore func(t *testing.T) storage.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st storage.Store)
	}{
		{"Buckets", testBuckets},
		{"PutGetStat", testPutGetStat},
		{"NotFound", testNotFound},
		{"Overwrite", testOverwrite},
		{"IfAbsent", testIfAbsent},
		{"List", testList},
		{"Remove", testRemove},
		{"Large", testLarge},
		{"ShortReader", testShortReader},
		{"Concurrent", testConcurrent},
		{"ContextCancelled", testContextCancelled},
		{"CancelMidPut", testCancelMidPut},
		{"UnicodeKeys", testUnicodeKeys},
		{"InvalidKeys", testInvalidKeys},
		{"Retain", testRetain},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, newStore(t))
		})
	}
}

// newBucket makes a bucket with a fresh name.
func newBucket(t testing.TB, st storage.Store, lock bool) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	name := "ruku-test-" + hex.EncodeToString(b[:])
	if err := st.EnsureBucket(t.Context(), name, lock); err != nil {
		t.Fatalf("EnsureBucket(%s): %v", name, err)
	}
	return name
}

func put(t testing.TB, st storage.Store, bucket, key, data string) {
	t.Helper()
	if err := st.Put(t.Context(), bucket, key, strings.NewReader(data), int64(len(data)), storage.PutOptions{ContentType: "text/plain"}); err != nil {
		t.Fatalf("Put(%s): %v", key, err)
	}
}

func get(t testing.TB, st storage.Store, bucket, key string) string {
	t.Helper()
	rc, err := st.Get(t.Context(), bucket, key)
	if err != nil {
		t.Fatalf("Get(%s): %v", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	return string(b)
}

func wantErr(t testing.TB, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: got error %v, want one matching %v", what, err, target)
	}
}

func keys(objs []storage.Object) []string {
	ks := make([]string, len(objs))
	for i, o := range objs {
		ks[i] = o.Key
	}
	return ks
}

func testBuckets(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, false)
	if err := st.EnsureBucket(ctx, b, false); err != nil {
		t.Errorf("EnsureBucket again: %v", err)
	}
	missing := "ruku-test-missing-" + b[len(b)-6:]
	_, err := st.List(ctx, missing, "")
	wantErr(t, "List on a missing bucket", err, storage.ErrNotFound)
	err = st.Put(ctx, missing, "k", strings.NewReader("x"), 1, storage.PutOptions{})
	wantErr(t, "Put to a missing bucket", err, storage.ErrNotFound)
	_, err = st.Get(ctx, missing, "k")
	wantErr(t, "Get from a missing bucket", err, storage.ErrNotFound)
	_, err = st.Stat(ctx, missing, "k")
	wantErr(t, "Stat in a missing bucket", err, storage.ErrNotFound)
	err = st.Remove(ctx, missing, "k")
	wantErr(t, "Remove from a missing bucket", err, storage.ErrNotFound)
	objs, err := st.List(ctx, b, "")
	if err != nil || len(objs) != 0 {
		t.Errorf("List of a new bucket = %v, %v; want empty", objs, err)
	}
}

func testPutGetStat(t *testing.T, st storage.Store) {
	b := newBucket(t, st, false)
	before := time.Now().Add(-2 * time.Minute)
	put(t, st, b, "bundle.zip", "hello, bundle")
	if got := get(t, st, b, "bundle.zip"); got != "hello, bundle" {
		t.Errorf("Get = %q", got)
	}
	o, err := st.Stat(t.Context(), b, "bundle.zip")
	if err != nil {
		t.Fatalf("Stat: %v", err)
	}
	if o.Key != "bundle.zip" || o.Size != 13 || o.ETag == "" {
		t.Errorf("Stat = %+v", o)
	}
	if o.Modified.Before(before) || o.Modified.After(time.Now().Add(2*time.Minute)) {
		t.Errorf("Stat.Modified = %v, want about now", o.Modified)
	}
	// An empty object.
	put(t, st, b, "empty", "")
	if got := get(t, st, b, "empty"); got != "" {
		t.Errorf("Get(empty) = %q", got)
	}
	// Size -1: unknown length.
	if err := st.Put(t.Context(), b, "unsized", strings.NewReader("no size"), -1, storage.PutOptions{}); err != nil {
		t.Fatalf("Put with size -1: %v", err)
	}
	if got := get(t, st, b, "unsized"); got != "no size" {
		t.Errorf("Get(unsized) = %q", got)
	}
}

func testNotFound(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, false)
	_, err := st.Get(ctx, b, "nope")
	wantErr(t, "Get of a missing key", err, storage.ErrNotFound)
	_, err = st.Stat(ctx, b, "nope")
	wantErr(t, "Stat of a missing key", err, storage.ErrNotFound)
	_, err = st.Stat(ctx, b, "dir/nope")
	wantErr(t, "Stat of a missing nested key", err, storage.ErrNotFound)
	put(t, st, b, "dir/file", "x")
	_, err = st.Stat(ctx, b, "dir")
	wantErr(t, "Stat of a key that is only a prefix", err, storage.ErrNotFound)
	_, err = st.Get(ctx, b, "dir/file/below")
	wantErr(t, "Get below an object", err, storage.ErrNotFound)
	for range 2 {
		if err := st.Remove(ctx, b, "nope"); err != nil {
			t.Errorf("Remove of a missing key: %v", err)
		}
	}
}

func testOverwrite(t *testing.T, st storage.Store) {
	b := newBucket(t, st, false)
	put(t, st, b, "k", "first version")
	o1, err := st.Stat(t.Context(), b, "k")
	if err != nil {
		t.Fatal(err)
	}
	put(t, st, b, "k", "second")
	if got := get(t, st, b, "k"); got != "second" {
		t.Errorf("Get after overwrite = %q", got)
	}
	o2, err := st.Stat(t.Context(), b, "k")
	if err != nil {
		t.Fatal(err)
	}
	if o2.Size != 6 || o2.ETag == o1.ETag {
		t.Errorf("Stat after overwrite = %+v, before %+v", o2, o1)
	}
	if objs, _ := st.List(t.Context(), b, ""); len(objs) != 1 {
		t.Errorf("List after overwrite = %v", keys(objs))
	}
}

func testIfAbsent(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, false)
	opt := storage.PutOptions{IfAbsent: true}
	if err := st.Put(ctx, b, "once", strings.NewReader("one"), 3, opt); err != nil {
		t.Fatalf("first Put IfAbsent: %v", err)
	}
	err := st.Put(ctx, b, "once", strings.NewReader("two"), 3, opt)
	wantErr(t, "second Put IfAbsent", err, storage.ErrExists)
	err = st.Put(ctx, b, "once", strings.NewReader("three"), -1, opt)
	wantErr(t, "second Put IfAbsent of unknown size", err, storage.ErrExists)
	if got := get(t, st, b, "once"); got != "one" {
		t.Errorf("Get after refused Put = %q", got)
	}
	// Racing writers of a known size: exactly one wins.
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			data := fmt.Sprintf("writer %d", i)
			errs[i] = st.Put(ctx, b, "race", strings.NewReader(data), int64(len(data)), opt)
		})
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, storage.ErrExists):
			t.Errorf("racing Put %d: %v", i, err)
		}
	}
	if won != 1 {
		t.Errorf("%d racing IfAbsent Puts succeeded, want 1", won)
	}
}

func testList(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, false)
	all := []string{"a-x", "a/1", "a/2", "a/b/3", "ab", "b", "z/deep/er/key"}
	for i, k := range slices.Backward(all) {
		put(t, st, b, k, strings.Repeat("x", i))
	}
	for _, tc := range []struct {
		prefix string
		want   []string
	}{
		{"", all},
		{"a", []string{"a-x", "a/1", "a/2", "a/b/3", "ab"}},
		{"a/", []string{"a/1", "a/2", "a/b/3"}},
		{"a/b", []string{"a/b/3"}},
		{"a/b/", []string{"a/b/3"}},
		{"z/de", []string{"z/deep/er/key"}},
		{"b", []string{"b"}},
		{"c", []string{}},
		{"nothing/here/", []string{}},
	} {
		objs, err := st.List(ctx, b, tc.prefix)
		if err != nil {
			t.Errorf("List(%q): %v", tc.prefix, err)
			continue
		}
		if got := keys(objs); !slices.Equal(got, tc.want) {
			t.Errorf("List(%q) = %q, want %q", tc.prefix, got, tc.want)
		}
	}
	objs, err := st.List(ctx, b, "a/2")
	if err != nil || len(objs) != 1 {
		t.Fatalf("List(a/2) = %v, %v", objs, err)
	}
	o, err := st.Stat(ctx, b, "a/2")
	if err != nil {
		t.Fatal(err)
	}
	if got := objs[0]; got.Size != o.Size || got.ETag != o.ETag || got.Modified.Sub(o.Modified).Abs() > time.Second {
		t.Errorf("List entry %+v differs from Stat %+v", got, o)
	}
}

func testRemove(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, false)
	put(t, st, b, "keep", "k")
	put(t, st, b, "p/q/r", "x")
	if err := st.Remove(ctx, b, "p/q/r"); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	_, err := st.Stat(ctx, b, "p/q/r")
	wantErr(t, "Stat after Remove", err, storage.ErrNotFound)
	if objs, err := st.List(ctx, b, ""); err != nil || !slices.Equal(keys(objs), []string{"keep"}) {
		t.Errorf("List after Remove = %q, %v", keys(objs), err)
	}
	// The key's former folders must not block a key of that name.
	put(t, st, b, "p", "now a file")
	// A folder-backed store cannot hold both "p" and "p/q", so either
	// outcome of this Put is fine; what follows must work regardless.
	_ = st.Put(ctx, b, "p/q", strings.NewReader("x"), 1, storage.PutOptions{})
	if err := st.Remove(ctx, b, "p"); err != nil {
		t.Errorf("Remove(p): %v", err)
	}
	if err := st.Remove(ctx, b, "p/q"); err != nil {
		t.Errorf("Remove(p/q): %v", err)
	}
	if objs, err := st.List(ctx, b, "p"); err != nil || len(objs) != 0 {
		t.Errorf("List(p) after removals = %q, %v", keys(objs), err)
	}
}

// patternReader yields n pseudo-random bytes without holding them.
type patternReader struct {
	rng *mrand.ChaCha8
	n   int64
}

func newPattern(seed byte, n int64) *patternReader {
	return &patternReader{rng: mrand.NewChaCha8([32]byte{seed}), n: n}
}

func (p *patternReader) Read(b []byte) (int, error) {
	if p.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(b)) > p.n {
		b = b[:p.n]
	}
	p.rng.Read(b)
	p.n -= int64(len(b))
	return len(b), nil
}

func sum(t testing.TB, r io.Reader) (string, int64) {
	t.Helper()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

func testLarge(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, false)
	want, _ := sum(t, newPattern(7, LargeSize))
	for _, size := range []int64{LargeSize, -1} {
		key := fmt.Sprintf("large/%d.bin", size)
		// A plain io.Reader (no Seek, no ReadAt), so the store must stream.
		r := struct{ io.Reader }{newPattern(7, LargeSize)}
		if err := st.Put(ctx, b, key, r, size, storage.PutOptions{ContentType: "application/octet-stream"}); err != nil {
			t.Fatalf("Put %d MB with size %d: %v", LargeSize>>20, size, err)
		}
		o, err := st.Stat(ctx, b, key)
		if err != nil || o.Size != LargeSize {
			t.Errorf("Stat(%s) = %+v, %v", key, o, err)
		}
		rc, err := st.Get(ctx, b, key)
		if err != nil {
			t.Fatalf("Get(%s): %v", key, err)
		}
		got, n := sum(t, rc)
		rc.Close()
		if got != want || n != LargeSize {
			t.Errorf("Get(%s): %d bytes, sha256 %s; want %d, %s", key, n, got, LargeSize, want)
		}
	}
}

func testShortReader(t *testing.T, st storage.Store) {
	b := newBucket(t, st, false)
	err := st.Put(t.Context(), b, "short", strings.NewReader("only this"), 100, storage.PutOptions{})
	if err == nil {
		t.Errorf("Put with a reader shorter than size succeeded")
	}
	_, err = st.Stat(t.Context(), b, "short")
	wantErr(t, "Stat after a short Put", err, storage.ErrNotFound)
}

func testConcurrent(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, false)
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Go(func() {
			data := strings.Repeat(fmt.Sprintf("%02d", i), 32<<10)
			key := fmt.Sprintf("own/%02d", i)
			if err := st.Put(ctx, b, key, strings.NewReader(data), int64(len(data)), storage.PutOptions{}); err != nil {
				errs <- err
			}
			// Everyone also writes the same key.
			if err := st.Put(ctx, b, "shared", strings.NewReader(data), int64(len(data)), storage.PutOptions{}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Put: %v", err)
	}
	objs, err := st.List(ctx, b, "own/")
	if err != nil || len(objs) != n {
		t.Fatalf("List = %d objects, %v; want %d", len(objs), err, n)
	}
	for i := range n {
		want := strings.Repeat(fmt.Sprintf("%02d", i), 32<<10)
		if got := get(t, st, b, fmt.Sprintf("own/%02d", i)); got != want {
			t.Errorf("own/%02d corrupted (%d bytes)", i, len(got))
		}
	}
	got := get(t, st, b, "shared")
	if len(got) != 64<<10 || got != strings.Repeat(got[:2], 32<<10) {
		t.Errorf("shared object is a mix of writers (%d bytes)", len(got))
	}
}

func testContextCancelled(t *testing.T, st storage.Store) {
	b := newBucket(t, st, false)
	put(t, st, b, "k", "v")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := st.Put(ctx, b, "k2", strings.NewReader("v"), 1, storage.PutOptions{})
	wantErr(t, "Put", err, context.Canceled)
	_, err = st.Get(ctx, b, "k")
	wantErr(t, "Get", err, context.Canceled)
	_, err = st.Stat(ctx, b, "k")
	wantErr(t, "Stat", err, context.Canceled)
	_, err = st.List(ctx, b, "")
	wantErr(t, "List", err, context.Canceled)
	err = st.Remove(ctx, b, "k")
	wantErr(t, "Remove", err, context.Canceled)
	err = st.EnsureBucket(ctx, b+"x", false)
	wantErr(t, "EnsureBucket", err, context.Canceled)
	if got := get(t, st, b, "k"); got != "v" {
		t.Errorf("object changed by cancelled calls: %q", got)
	}
	if _, err := st.Stat(t.Context(), b, "k2"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("cancelled Put left an object: %v", err)
	}
}

// cancelAfter cancels ctx once n bytes have been read, then keeps going.
type cancelAfter struct {
	r      io.Reader
	n      int64
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.n <= 0 {
		c.cancel()
		time.Sleep(time.Millisecond) // let the cancellation land
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	return n, err
}

func testCancelMidPut(t *testing.T, st storage.Store) {
	b := newBucket(t, st, false)
	put(t, st, b, "k", "old")
	for _, size := range []int64{LargeSize, -1} {
		ctx, cancel := context.WithCancel(t.Context())
		r := &cancelAfter{r: newPattern(1, LargeSize), n: 4 << 20, cancel: cancel}
		err := st.Put(ctx, b, "k", r, size, storage.PutOptions{})
		cancel()
		wantErr(t, fmt.Sprintf("Put (size %d) cancelled midway", size), err, context.Canceled)
		if got := get(t, st, b, "k"); got != "old" {
			t.Errorf("cancelled Put (size %d) replaced the object (%d bytes)", size, len(got))
		}
	}
}

func testUnicodeKeys(t *testing.T, st storage.Store) {
	b := newBucket(t, st, false)
	ks := []string{
		"申请材料/营业执照 副本.pdf",
		"中文 名字.zip",
		"with space/and+plus&amp=eq.txt",
		"100% done/über naïve ü.json",
		"emoji 📦/x",
	}
	for _, k := range ks {
		put(t, st, b, k, "data of "+k)
	}
	for _, k := range ks {
		if got := get(t, st, b, k); got != "data of "+k {
			t.Errorf("Get(%q) = %q", k, got)
		}
		if o, err := st.Stat(t.Context(), b, k); err != nil || o.Key != k {
			t.Errorf("Stat(%q) = %+v, %v", k, o, err)
		}
	}
	objs, err := st.List(t.Context(), b, "")
	want := slices.Clone(ks)
	slices.Sort(want)
	if err != nil || !slices.Equal(keys(objs), want) {
		t.Errorf("List = %q, %v; want %q", keys(objs), err, want)
	}
	objs, err = st.List(t.Context(), b, "申请材料/")
	if err != nil || !slices.Equal(keys(objs), ks[:1]) {
		t.Errorf("List(申请材料/) = %q, %v", keys(objs), err)
	}
	for _, k := range ks {
		if err := st.Remove(t.Context(), b, k); err != nil {
			t.Errorf("Remove(%q): %v", k, err)
		}
	}
}

func testInvalidKeys(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, false)
	for _, k := range []string{"", "/abs", "../up", "a/../../b", "a//b", "a/", "./a", ".", "..", "a\\b", "nul\x00", "bad\xffutf8", strings.Repeat("k", storage.MaxKeyLen+1)} {
		err := st.Put(ctx, b, k, strings.NewReader("x"), 1, storage.PutOptions{})
		wantErr(t, fmt.Sprintf("Put(%q)", k), err, storage.ErrInvalidKey)
		_, err = st.Get(ctx, b, k)
		wantErr(t, fmt.Sprintf("Get(%q)", k), err, storage.ErrInvalidKey)
		_, err = st.Stat(ctx, b, k)
		wantErr(t, fmt.Sprintf("Stat(%q)", k), err, storage.ErrInvalidKey)
		err = st.Remove(ctx, b, k)
		wantErr(t, fmt.Sprintf("Remove(%q)", k), err, storage.ErrInvalidKey)
	}
	if objs, err := st.List(ctx, b, ""); err != nil || len(objs) != 0 {
		t.Errorf("List after invalid puts = %q, %v", keys(objs), err)
	}
}

func testRetain(t *testing.T, st storage.Store) {
	ctx := t.Context()
	b := newBucket(t, st, true)
	if ls, ok := st.(storage.LockSupporter); ok && !ls.SupportsLock(ctx, b) {
		t.Skip("store reports no object lock for a bucket made with lock")
	}
	until := time.Now().Add(2 * time.Second)
	opt := storage.PutOptions{IfAbsent: true, Retain: until, ContentType: "application/zip"}
	if err := st.Put(ctx, b, "sha.zip", strings.NewReader("bundle"), 6, opt); err != nil {
		t.Fatalf("Put retained: %v", err)
	}
	err := st.Put(ctx, b, "sha.zip", strings.NewReader("again!"), 6, opt)
	wantErr(t, "Put IfAbsent over a retained object", err, storage.ErrExists)
	err = st.Put(ctx, b, "sha.zip", strings.NewReader("replaced"), 8, storage.PutOptions{})
	wantErr(t, "Put over a retained object", err, storage.ErrRetained)
	err = st.Remove(ctx, b, "sha.zip")
	wantErr(t, "Remove of a retained object", err, storage.ErrRetained)
	if got := get(t, st, b, "sha.zip"); got != "bundle" {
		t.Errorf("retained object = %q", got)
	}
	if objs, err := st.List(ctx, b, ""); err != nil || !slices.Equal(keys(objs), []string{"sha.zip"}) {
		t.Errorf("List = %q, %v", keys(objs), err)
	}
	// An unretained neighbour in the same bucket is removable.
	put(t, st, b, "free", "f")
	if err := st.Remove(ctx, b, "free"); err != nil {
		t.Errorf("Remove of an unretained object in a lock bucket: %v", err)
	}
	if _, err := st.Stat(ctx, b, "free"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Stat after Remove: %v", err)
	}
	// Stores keep retain-until dates to the second; wait past that.
	time.Sleep(time.Until(until.Truncate(time.Second).Add(2 * time.Second)))
	if err := st.Remove(ctx, b, "sha.zip"); err != nil {
		t.Fatalf("Remove after retention ended: %v", err)
	}
	if _, err := st.Stat(ctx, b, "sha.zip"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Stat after Remove: %v", err)
	}
	if objs, err := st.List(ctx, b, ""); err != nil || len(objs) != 0 {
		t.Errorf("List after Remove = %q, %v", keys(objs), err)
	}
}

// Bench measures Put and Get throughput of st for 1 MiB and 32 MiB objects;
// go test reports MB/s.
func Bench(b *testing.B, st storage.Store) {
	bucket := newBucket(b, st, false)
	for _, size := range []int{1 << 20, 32 << 20} {
		data := make([]byte, size)
		mrand.NewChaCha8([32]byte{9}).Read(data)
		name := fmt.Sprintf("%dMiB", size>>20)
		b.Run("Put/"+name, func(b *testing.B) {
			b.SetBytes(int64(size))
			i := 0
			for b.Loop() {
				key := fmt.Sprintf("bench/put-%s-%d", name, i%4)
				i++
				if err := st.Put(b.Context(), bucket, key, bytes.NewReader(data), int64(size), storage.PutOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		key := "bench/get-" + name
		if err := st.Put(b.Context(), bucket, key, bytes.NewReader(data), int64(size), storage.PutOptions{}); err != nil {
			b.Fatal(err)
		}
		b.Run("Get/"+name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				rc, err := st.Get(b.Context(), bucket, key)
				if err != nil {
					b.Fatal(err)
				}
				n, err := io.Copy(io.Discard, rc)
				rc.Close()
				if err != nil || n != int64(size) {
					b.Fatalf("read %d bytes: %v", n, err)
				}
			}
		})
	}
}

package local

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ruku/storage"
)

func open(t *testing.T, root string) *Store {
	t.Helper()
	st, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestRetentionWithClock(t *testing.T) {
	root := t.TempDir()
	st := open(t, root)
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	st.now = func() time.Time { return now }
	ctx := context.Background()
	if err := st.EnsureBucket(ctx, storage.BucketArchive, true); err != nil {
		t.Fatal(err)
	}
	opt := storage.PutOptions{IfAbsent: true, Retain: now.Add(365 * 24 * time.Hour)}
	if err := st.Put(ctx, storage.BucketArchive, "ab/cd.zip", strings.NewReader("zip"), 3, opt); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(root, storage.BucketArchive, "ab", "cd.zip"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o222 != 0 {
		t.Errorf("retained file mode %v, want read-only", fi.Mode())
	}
	// A second Store on the same folder sees the retention too.
	other := open(t, root)
	other.now = st.now
	if err := other.Remove(ctx, storage.BucketArchive, "ab/cd.zip"); !errors.Is(err, storage.ErrRetained) {
		t.Errorf("Remove through another Store: %v", err)
	}
	now = now.Add(365*24*time.Hour - time.Nanosecond)
	if err := st.Remove(ctx, storage.BucketArchive, "ab/cd.zip"); !errors.Is(err, storage.ErrRetained) {
		t.Errorf("Remove just before expiry: %v", err)
	}
	now = now.Add(time.Nanosecond)
	if err := st.Put(ctx, storage.BucketArchive, "ab/cd.zip", strings.NewReader("new"), 3, storage.PutOptions{}); err != nil {
		t.Errorf("Put at expiry: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, retainDir, storage.BucketArchive, "ab", "cd.zip")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("sidecar survived an unretained overwrite: %v", err)
	}
	if err := st.Remove(ctx, storage.BucketArchive, "ab/cd.zip"); err != nil {
		t.Errorf("Remove after expiry: %v", err)
	}
	// Folders left empty are pruned, in the bucket and among the sidecars.
	for _, d := range []string{filepath.Join(root, storage.BucketArchive, "ab"), filepath.Join(root, retainDir, storage.BucketArchive, "ab")} {
		if _, err := os.Stat(d); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s not pruned: %v", d, err)
		}
	}
}

func TestNoTempFilesLeft(t *testing.T) {
	root := t.TempDir()
	st := open(t, root)
	ctx := context.Background()
	if err := st.EnsureBucket(ctx, "uploads", false); err != nil {
		t.Fatal(err)
	}
	st.Put(ctx, "uploads", "a", strings.NewReader("abc"), 3, storage.PutOptions{})
	st.Put(ctx, "uploads", "a", strings.NewReader("abc"), 3, storage.PutOptions{IfAbsent: true})
	st.Put(ctx, "uploads", "short", strings.NewReader("ab"), 3, storage.PutOptions{})
	st.Put(ctx, "uploads", "a/b", strings.NewReader("x"), 1, storage.PutOptions{}) // "a" is a file
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	st.Put(cctx, "uploads", "c", strings.NewReader("abc"), 3, storage.PutOptions{})
	ents, err := os.ReadDir(filepath.Join(root, tmpDir))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 0 {
		t.Errorf("%d temp files left behind", len(ents))
	}
	objs, err := st.List(ctx, "uploads", "")
	if err != nil || len(objs) != 1 || objs[0].Key != "a" {
		t.Errorf("List = %v, %v; want only a", objs, err)
	}
}

func TestBucketNames(t *testing.T) {
	st := open(t, t.TempDir())
	for _, b := range []string{"", ".tmp", ".retain", "..", "a", "Uploads", "up/loads", "up..loads", "-up", strings.Repeat("b", 64)} {
		if err := st.EnsureBucket(context.Background(), b, false); !errors.Is(err, storage.ErrInvalidKey) {
			t.Errorf("EnsureBucket(%q): %v", b, err)
		}
	}
	for _, b := range []string{storage.BucketUploads, storage.BucketArchive, storage.BucketDossiers, "ruku-test-0a1b2c"} {
		if err := st.EnsureBucket(context.Background(), b, false); err != nil {
			t.Errorf("EnsureBucket(%q): %v", b, err)
		}
	}
}

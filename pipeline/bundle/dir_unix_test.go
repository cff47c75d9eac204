//go:build unix

package bundle

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestOpenDirFIFO checks that a named pipe is refused without being opened
// (opening it would block).
func TestOpenDirFIFO(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"ok.txt": "ok"})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b, err := OpenDir(ctx, dir, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := b.Lookup("pipe"); !errors.Is(f.Err, ErrUnsupported) {
		t.Errorf("pipe: Err = %v, want ErrUnsupported", f.Err)
	}
	if f, _ := b.Lookup("ok.txt"); f.Err != nil {
		t.Errorf("ok.txt: %v", f.Err)
	}
}

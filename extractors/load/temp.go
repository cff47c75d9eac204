package load

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// tempPrefix starts the name of every per-bundle temporary directory; the
// creating process's id follows it.
const tempPrefix = "ruku-bundle-"

// staleAfter is the age past which a temporary directory of ruku is removed
// even when the process that made it seems alive (its id reused).
const staleAfter = 6 * time.Hour

// NewTempDir creates a temporary directory for one bundle under base ("" is
// os.TempDir()); the caller removes it when the bundle is done. It first
// sweeps what earlier runs left behind when they were killed: per-bundle
// directories whose process is gone, and any of ruku's temporary files or
// directories older than six hours.
func NewTempDir(base string) (string, error) {
	if base == "" {
		base = os.TempDir()
	}
	Sweep(base, time.Now())
	dir, err := os.MkdirTemp(base, tempPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", fmt.Errorf("bundle temp dir: %w", err)
	}
	return dir, nil
}

// Sweep removes from base the temporary directories of ruku processes that
// are no longer running, and ruku's temporary files older than staleAfter
// at now. It returns the names removed.
func Sweep(base string, now time.Time) []string {
	entries, err := os.ReadDir(base)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, "ruku-") {
			continue
		}
		stale := false
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleAfter {
			stale = true
		}
		if rest, ok := strings.CutPrefix(name, tempPrefix); ok {
			pid, _, _ := strings.Cut(rest, "-")
			if n, err := strconv.Atoi(pid); err == nil && n != os.Getpid() && !alive(n) {
				stale = true
			}
		}
		if stale && os.RemoveAll(filepath.Join(base, name)) == nil {
			removed = append(removed, name)
		}
	}
	return removed
}

// alive reports whether a process with id pid exists.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

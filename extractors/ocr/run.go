package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// ErrBudget means the input or the work it asks for exceeds a resource
// limit (image or page too large, output too long, memory, CPU or time of a
// tool): the file is refused before the limit is reached, never after.
var ErrBudget = errors.New("ocr: over resource budget")

// Limits bounds what one child process (pdftoppm, pdfinfo, tesseract) may
// cost. A zero field means no limit of that kind.
type Limits struct {
	// MemoryBytes is the child's address-space limit (RLIMIT_AS).
	MemoryBytes int64
	// CPUSeconds is the child's CPU-time limit (RLIMIT_CPU).
	CPUSeconds int
	// FileBytes is the largest file the child may write (RLIMIT_FSIZE).
	FileBytes int64
	// OutputBytes bounds stdout and, separately, stderr: a child that
	// writes more is stopped at once with an error wrapping ErrBudget (a
	// damaged PDF can make poppler print warnings without end). Only the
	// last 4 KiB of stderr are kept, for the error message.
	OutputBytes int
	// Deadline bounds the child's wall-clock time.
	Deadline time.Duration
}

// DefaultLimits returns the limits of each child process: 512 MiB of
// address space (tesseract reads a 150 DPI page in under 100 MB; a raster
// is capped at Config.MaxPixels before it is made), 40 s of CPU and 2
// minutes of wall clock, as Config.Timeout, for a busy machine (a page
// costs 1–2.5 s of CPU; pdfinfo and pdftoppm get half of each),
// 64 MiB per written file (a capped gray raster is at most 18 MB) and
// 16 MiB of output.
func DefaultLimits() Limits {
	return Limits{MemoryBytes: 512 << 20, CPUSeconds: 40, FileBytes: 64 << 20, OutputBytes: 16 << 20, Deadline: 2 * time.Minute}
}

// stderrKeep is how much of a child's stderr is kept (its end).
const stderrKeep = 4 << 10

// run runs name with args under lim and returns its stdout. The command is
// started through /bin/sh so that its resource limits are set before it
// runs (ulimit), and exec'd so that the shell does not stay. Output beyond
// the caps is discarded as it arrives, never buffered.
func run(ctx context.Context, lim Limits, env []string, name string, args ...string) ([]byte, error) {
	parent := ctx
	if lim.Deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lim.Deadline)
		defer cancel()
	}
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	script := ""
	if lim.MemoryBytes > 0 {
		script += "ulimit -v " + strconv.FormatInt(max(lim.MemoryBytes>>10, 1), 10) + " && "
	}
	if lim.CPUSeconds > 0 {
		script += "ulimit -t " + strconv.Itoa(lim.CPUSeconds) + " && "
	}
	if lim.FileBytes > 0 {
		script += "ulimit -f " + strconv.FormatInt(max(lim.FileBytes>>9, 1), 10) + " && " // 512-byte blocks
	}
	script += `exec "$0" "$@"`
	cmd := exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", script, name}, args...)...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1", "MALLOC_ARENA_MAX=2")
	cmd.Env = append(cmd.Env, env...)
	cmd.WaitDelay = time.Second
	stdout := &capped{max: lim.OutputBytes, stop: stop}
	stderr := &tail{max: stderrKeep, limit: lim.OutputBytes, stop: stop}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	switch {
	case errors.Is(context.Cause(ctx), errOutput):
		return nil, fmt.Errorf("%w: %s wrote more than %d bytes of output", ErrBudget, name, lim.OutputBytes)
	case parent.Err() != nil: // the caller's deadline or cancellation, not the child's
		return nil, fmt.Errorf("%s: %w", name, parent.Err())
	case ctx.Err() != nil:
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && context.Cause(ctx) == ctx.Err() && lim.Deadline > 0 {
			return nil, fmt.Errorf("%w: %s ran longer than %v", ErrBudget, name, lim.Deadline)
		}
		return nil, fmt.Errorf("%s: %w", name, context.Cause(ctx))
	case err != nil:
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() < 0 || exitedBySignal(err) {
			return nil, fmt.Errorf("%w: %s stopped at a resource limit (%v): %s", ErrBudget, name, err, lastLine(stderr.bytes()))
		}
		return nil, fmt.Errorf("%s: %w: %s", name, err, lastLine(stderr.bytes()))
	}
	return stdout.buf.Bytes(), nil
}

// exitedBySignal reports a child killed by a signal (SIGXCPU, SIGXFSZ,
// SIGKILL, SIGSEGV after a failed allocation), or one whose shell reported
// it so (exit status above 128).
func exitedBySignal(err error) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && exit.ExitCode() > 128
}

// lastLine is the last non-empty line of b, clipped, for error messages.
func lastLine(b []byte) string {
	b = bytes.TrimSpace(b)
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	return clip(string(b))
}

// errOutput is the cause of stopping a child that wrote too much.
var errOutput = errors.New("output over its cap")

// capped keeps up to max bytes (0: no limit); past it, it stops the child.
type capped struct {
	buf  bytes.Buffer
	max  int
	stop context.CancelCauseFunc
}

func (c *capped) Write(p []byte) (int, error) {
	if c.max > 0 && c.buf.Len()+len(p) > c.max {
		c.stop(errOutput)
		return 0, errOutput
	}
	return c.buf.Write(p)
}

// tail keeps the last max bytes written; past limit bytes in all (0: no
// limit), it stops the child.
type tail struct {
	b     []byte
	max   int
	total int
	limit int
	stop  context.CancelCauseFunc
}

func (t *tail) Write(p []byte) (int, error) {
	n := len(p)
	if t.total += n; t.limit > 0 && t.total > t.limit {
		t.stop(errOutput)
		return 0, errOutput
	}
	if len(p) >= t.max {
		t.b = append(t.b[:0], p[len(p)-t.max:]...)
		return n, nil
	}
	if len(t.b)+len(p) > t.max {
		t.b = append(t.b[:0], t.b[len(t.b)+len(p)-t.max:]...)
	}
	t.b = append(t.b, p...)
	return n, nil
}

func (t *tail) bytes() []byte { return t.b }

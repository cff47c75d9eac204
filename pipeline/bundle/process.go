package bundle

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
)

// candidate is one file entry of a zip or folder before it is read.
type candidate struct {
	path  string // cleaned path, or the decoded name as stored if refused
	err   error  // refusal decided before reading
	size  int64  // declared size; -1 if unknown
	csize int64  // compressed size; -1 if the entry is not compressed
	order int    // position in the archive or walk, to break ties
	open  func() (io.ReadCloser, error)
}

// reader applies the limits while reading candidates.
type reader struct {
	lim       Limits
	used      int64 // accepted bytes held
	exhausted bool  // MaxTotalBytes was reached
}

// readAll sorts the candidates, refuses duplicates and entries beyond the
// limits, reads the rest and returns the listed files and accepted content.
// Only a context error aborts it.
func readAll(ctx context.Context, cands []candidate, lim Limits) ([]File, map[string][]byte, error) {
	for i := range cands {
		cands[i].path = EscapeName(cands[i].path)
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].path != cands[j].path {
			return cands[i].path < cands[j].path
		}
		return cands[i].order < cands[j].order
	})
	// Repeated paths, and files that are also the directory of other files.
	dirs := make(map[string]bool)
	for _, c := range cands {
		if c.err == nil {
			for d := c.path; strings.Contains(d, "/"); {
				d = d[:strings.LastIndexByte(d, '/')]
				if dirs[d] {
					break
				}
				dirs[d] = true
			}
		}
	}
	for i := range cands {
		c := &cands[i]
		if c.err != nil {
			continue
		}
		if i > 0 && cands[i-1].path == c.path {
			c.err = fmt.Errorf("%w: an earlier entry has the same path", ErrDuplicate)
		} else if dirs[c.path] {
			c.err = fmt.Errorf("%w: the path is also a directory of other entries", ErrDuplicate)
		}
	}

	rd := reader{lim: lim}
	files := make([]File, 0, len(cands))
	content := make(map[string][]byte)
	for i, c := range cands {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		f := File{Path: c.path, Err: c.err}
		if c.size > 0 {
			f.Size = c.size
		}
		if f.Err == nil && i >= lim.MaxFiles {
			f.Err = fmt.Errorf("%w: more than %d files", ErrLimit, lim.MaxFiles)
		}
		if f.Err == nil {
			data, err := rd.read(ctx, c)
			if err != nil && ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if err != nil {
				f.Err = err
			} else {
				sum := sha256.Sum256(data)
				f.Size, f.SHA256 = int64(len(data)), hex.EncodeToString(sum[:])
				content[c.path] = data
			}
		}
		files = append(files, f)
	}
	return files, content, nil
}

// read reads one entry within the limits.
func (rd *reader) read(ctx context.Context, c candidate) ([]byte, error) {
	lim := rd.lim
	if c.csize >= 0 && c.size > ratioGrace && float64(c.size) > lim.MaxRatio*float64(max(c.csize, 1)) {
		return nil, fmt.Errorf("%w: declared %d bytes from %d compressed, ratio over %g", ErrBomb, c.size, c.csize, lim.MaxRatio)
	}
	if c.size > lim.MaxFileBytes {
		return nil, fmt.Errorf("%w: declared size %d exceeds %d bytes", ErrTooLarge, c.size, lim.MaxFileBytes)
	}
	remaining := lim.MaxTotalBytes - rd.used
	if rd.exhausted || c.size > remaining {
		rd.exhausted = true
		return nil, fmt.Errorf("%w: total size of the bundle exceeds %d bytes", ErrLimit, lim.MaxTotalBytes)
	}
	rc, err := c.open()
	if err != nil {
		return nil, classify(err)
	}
	defer rc.Close()

	capacity := min(lim.MaxFileBytes, remaining)
	buf := make([]byte, 0, max(0, min(c.size, capacity, 4<<20))+1) // grows as read; never trusts the header for more
	chunk := make([]byte, 32<<10)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := rc.Read(chunk)
		if int64(len(buf)+n) > capacity {
			if int64(len(buf)+n) > lim.MaxFileBytes {
				return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, lim.MaxFileBytes)
			}
			rd.exhausted = true
			return nil, fmt.Errorf("%w: total size of the bundle exceeds %d bytes", ErrLimit, lim.MaxTotalBytes)
		}
		buf = append(buf, chunk[:n]...)
		if c.csize >= 0 && len(buf) > ratioGrace && float64(len(buf)) > lim.MaxRatio*float64(max(c.csize, 1)) {
			return nil, fmt.Errorf("%w: inflated more than %d bytes from %d compressed, ratio over %g", ErrBomb, len(buf), c.csize, lim.MaxRatio)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, classify(err)
		}
	}
	rd.used += int64(len(buf))
	return buf[:len(buf):len(buf)], nil
}

// classify wraps a read error with the sentinel that describes it: errors
// already classified, context and file-system errors pass through, anything
// else (CRC mismatch, bad deflate data, truncation) is ErrCorrupt.
func classify(err error) error {
	switch {
	case errors.Is(err, ErrCorrupt), errors.Is(err, ErrUnsupported), errors.Is(err, ErrInsecurePath),
		errors.Is(err, ErrEncrypted), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("unreadable: %w", err)
	case errors.Is(err, zip.ErrChecksum):
		return fmt.Errorf("%w: checksum mismatch (%w)", ErrCorrupt, err)
	case errors.Is(err, zip.ErrFormat):
		return fmt.Errorf("%w: data does not match its header (%w)", ErrCorrupt, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: data cut short (%w)", ErrCorrupt, err)
	}
	return fmt.Errorf("%w: %w", ErrCorrupt, err)
}

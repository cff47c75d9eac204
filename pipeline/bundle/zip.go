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
	"math"
	"sort"
	"strings"
)

// Zip general-purpose flag bits and methods used here.
const (
	flagEncrypted       = 0x1
	flagDataDescriptor  = 0x8
	flagStrongEncrypted = 0x40
	methodAES           = 99
)

// zipEntry is an entry of a zip archive, from its central directory or, for
// a damaged archive, from its local header.
type zipEntry struct {
	name   rawName
	flags  uint16
	method uint16
	mode   fs.FileMode
	csize  uint64
	usize  uint64
	err    error // entry known unreadable before opening (recovery)
	open   func() (io.ReadCloser, error)
}

// OpenZip reads a zip archive of the given size from r. name becomes
// Bundle.Name. It fails only when r is not a zip archive at all (the error
// wraps ErrNotBundle), when r cannot be read, or when ctx is done; damaged
// entries are listed with File.Err set. r is not used after OpenZip returns.
func OpenZip(ctx context.Context, r io.ReaderAt, size int64, name string, lim Limits) (*Bundle, error) {
	lim = lim.withDefaults()
	sum, err := hashReaderAt(ctx, r, size)
	if err != nil {
		return nil, fmt.Errorf("hash zip: %w", err)
	}
	b := &Bundle{Name: name, SHA256: sum}
	var entries []zipEntry
	zr, err := zip.NewReader(r, size)
	if err == nil || errors.Is(err, zip.ErrInsecurePath) {
		entries = centralEntries(zr)
	} else {
		recovered, rerr := recoverEntries(ctx, r, size, lim)
		if rerr != nil {
			return nil, rerr
		}
		if len(recovered) == 0 {
			return nil, fmt.Errorf("%w: %w", ErrNotBundle, err)
		}
		entries, b.Recovered = recovered, true
	}
	cands, ignored := zipCandidates(entries)
	files, content, err := readAll(ctx, cands, lim)
	if err != nil {
		return nil, fmt.Errorf("read zip %s: %w", name, err)
	}
	b.Ignored = ignored
	b.finish(files, content)
	return b, nil
}

// centralEntries lists the entries of a zip's central directory. Entries
// whose data overlap an entry starting earlier get ErrOverlap.
func centralEntries(zr *zip.Reader) []zipEntry {
	entries := make([]zipEntry, 0, len(zr.File))
	overlap := overlaps(zr.File)
	for i, f := range zr.File {
		entries = append(entries, zipEntry{
			err:    overlap[i],
			name:   rawName{raw: f.Name, utf8: !f.NonUTF8, unicode: unicodePathExtra(f.Extra, f.Name)},
			flags:  f.Flags,
			method: f.Method,
			mode:   f.Mode(),
			csize:  f.CompressedSize64,
			usize:  f.UncompressedSize64,
			open:   f.Open,
		})
	}
	return entries
}

// zipCandidates decodes the names and turns file entries into candidates;
// directories are dropped and OS metadata returned apart.
func zipCandidates(entries []zipEntry) ([]candidate, []string) {
	raws := make([]rawName, len(entries))
	for i, e := range entries {
		raws[i] = e.name
	}
	names := decodeNames(raws)
	var cands []candidate
	var ignored []string
	for i, e := range entries {
		name := names[i]
		if strings.HasSuffix(name, "/") || strings.HasSuffix(name, `\`) || (e.mode.IsDir() && e.usize == 0) {
			continue
		}
		c := candidate{path: name, size: clampSize(e.usize), csize: clampSize(e.csize), order: i, open: e.open}
		if e.method == zip.Store {
			c.csize = -1
		}
		p, err := cleanPath(name)
		switch {
		case err != nil:
			c.err = err
		case isJunk(p):
			ignored = append(ignored, EscapeName(p))
			continue
		case e.flags&(flagEncrypted|flagStrongEncrypted) != 0 || e.method == methodAES:
			c.err = fmt.Errorf("%w: the entry is password-protected", ErrEncrypted)
		case e.method == zip.Store && e.csize != e.usize:
			c.err = fmt.Errorf("%w: stored entry with %d bytes declared as %d", ErrCorrupt, e.csize, e.usize)
		case e.mode&fs.ModeSymlink != 0:
			c.err = fmt.Errorf("%w: symbolic link entry", ErrUnsupported)
		case e.err != nil:
			c.err = e.err
		}
		if err == nil {
			c.path = p
		}
		method := e.method
		open := c.open
		c.open = func() (io.ReadCloser, error) {
			rc, err := open()
			if errors.Is(err, zip.ErrAlgorithm) {
				return nil, fmt.Errorf("%w: compression method %d", ErrUnsupported, method)
			}
			return rc, err
		}
		cands = append(cands, c)
	}
	sort.Strings(ignored)
	return cands, ignored
}

// span is the byte range of one entry, from its local header to the end of
// its data.
type span struct {
	start, end int64
	i          int
}

// overlaps returns, for each file, an error wrapping ErrOverlap when its
// local header or data overlap those of a file starting earlier in the
// archive; nil otherwise. A file whose data offset cannot be read is left
// to fail when it is opened.
func overlaps(files []*zip.File) []error {
	errs := make([]error, len(files))
	spans := make([]span, 0, len(files))
	for i, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			continue
		}
		// The fixed part of the local header precedes the data at least
		// (its name and extra field may lie between).
		start := off - localHeaderLen
		end := off + clampSize(f.CompressedSize64)
		if end < off {
			end = math.MaxInt64
		}
		spans = append(spans, span{start: max(start, 0), end: end, i: i})
	}
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	var reach int64 = -1 // furthest end so far
	owner := -1          // the file that reaches it
	for _, s := range spans {
		if s.start < reach {
			errs[s.i] = fmt.Errorf("%w: its data lies inside that of %q", ErrOverlap, files[owner].Name)
			continue
		}
		reach, owner = s.end, s.i
	}
	return errs
}

// clampSize converts a zip size to int64.
func clampSize(n uint64) int64 {
	if n > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(n)
}

// hashReaderAt returns the hex SHA-256 of the first size bytes of r.
func hashReaderAt(ctx context.Context, r io.ReaderAt, size int64) (string, error) {
	if size < 0 {
		return "", fmt.Errorf("%w: negative size", ErrNotBundle)
	}
	h := sha256.New()
	if _, err := io.Copy(h, ctxReader{ctx, io.NewSectionReader(r, 0, size)}); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ctxReader stops reading once ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

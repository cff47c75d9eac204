package bundle

import (
	"bufio"
	"compress/flate"
	"context"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
)

// Local header and data descriptor layout (APPNOTE 4.3.7, 4.3.9).
const (
	localHeaderSig = 0x04034b50
	localHeaderLen = 30
	descriptorSig  = 0x08074b50
)

// recoverEntries lists the entries of a zip whose central directory is
// missing or unreadable by walking its local headers from the start. It
// returns no entries (and no error) when r does not start with a local
// header. The walk stops at the first thing that is not a local header, or at
// an entry whose end cannot be found.
func recoverEntries(ctx context.Context, r io.ReaderAt, size int64, lim Limits) ([]zipEntry, error) {
	var entries []zipEntry
	var hdr [localHeaderLen]byte
	for off := int64(0); off+localHeaderLen <= size; {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if _, err := r.ReadAt(hdr[:], off); err != nil {
			break
		}
		le := binary.LittleEndian
		if le.Uint32(hdr[0:]) != localHeaderSig {
			break
		}
		e := zipEntry{
			flags:  le.Uint16(hdr[6:]),
			method: le.Uint16(hdr[8:]),
			csize:  uint64(le.Uint32(hdr[18:])),
			usize:  uint64(le.Uint32(hdr[22:])),
		}
		crc := le.Uint32(hdr[14:])
		nlen, xlen := int64(le.Uint16(hdr[26:])), int64(le.Uint16(hdr[28:]))
		dataOff := off + localHeaderLen + nlen + xlen
		if dataOff > size {
			break // the header itself is cut
		}
		buf := make([]byte, nlen+xlen)
		if _, err := r.ReadAt(buf, off+localHeaderLen); err != nil {
			break
		}
		name, extra := string(buf[:nlen]), buf[nlen:]
		e.name = rawName{raw: name, utf8: e.flags&0x800 != 0, unicode: unicodePathExtra(extra, name)}
		zip64 := applyZip64(&e, extra)

		next := int64(-1)
		switch {
		case e.flags&flagDataDescriptor == 0:
			next = dataOff + int64(min(e.csize, uint64(size)))
		case e.method == 8 && e.flags&(flagEncrypted|flagStrongEncrypted) == 0:
			// Sizes follow the data: inflate once to find where it ends.
			n, usize, err := inflatedLength(ctx, r, dataOff, size, lim)
			if err != nil {
				e.err = err
				break
			}
			e.csize, e.usize = uint64(n), uint64(usize)
			next = dataOff + n
			var desc [24]byte
			dn, _ := r.ReadAt(desc[:], next)
			d := desc[:dn]
			if len(d) >= 4 && le.Uint32(d) == descriptorSig {
				d, next = d[4:], next+4
			}
			if len(d) < 4 {
				e.err = fmt.Errorf("%w: data descriptor cut off", ErrCorrupt)
				next = -1
				break
			}
			crc, next = le.Uint32(d), next+4
			if zip64 {
				next += 16
			} else {
				next += 8
			}
		default:
			e.err = fmt.Errorf("%w: entry length unknown without the central directory", ErrCorrupt)
		}
		if e.err == nil && e.csize > uint64(size-dataOff) {
			e.err = fmt.Errorf("%w: entry data cut off at the end of the archive", ErrCorrupt)
			next = -1
		}
		if e.err == nil {
			e.open = recoveredOpener(r, dataOff, e, crc)
		}
		entries = append(entries, e)
		if next < 0 || next <= off {
			break
		}
		off = next
	}
	return entries, nil
}

// applyZip64 reads 64-bit sizes from a Zip64 extra field when the local
// header says they are there; it reports whether the entry is Zip64.
func applyZip64(e *zipEntry, extra []byte) bool {
	if e.csize != 0xFFFFFFFF && e.usize != 0xFFFFFFFF {
		return false
	}
	le := binary.LittleEndian
	for len(extra) >= 4 {
		id, n := le.Uint16(extra), int(le.Uint16(extra[2:]))
		extra = extra[4:]
		if n > len(extra) {
			break
		}
		field := extra[:n]
		extra = extra[n:]
		if id != 0x0001 {
			continue
		}
		if e.usize == 0xFFFFFFFF && len(field) >= 8 {
			e.usize, field = le.Uint64(field), field[8:]
		}
		if e.csize == 0xFFFFFFFF && len(field) >= 8 {
			e.csize = le.Uint64(field)
		}
		return true
	}
	return true
}

// inflatedLength inflates the deflate stream at off and returns how many
// compressed bytes it spans and how many bytes it inflates to, giving up
// past the per-file limits.
func inflatedLength(ctx context.Context, r io.ReaderAt, off, size int64, lim Limits) (int64, int64, error) {
	cr := &countingReader{br: bufio.NewReader(io.NewSectionReader(r, off, size-off))}
	fr := flate.NewReader(cr)
	defer fr.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(ctxReader{ctx, fr}, lim.MaxFileBytes+1))
	switch {
	case ctx.Err() != nil:
		return 0, 0, ctx.Err()
	case err != nil:
		return 0, 0, fmt.Errorf("%w: %w", ErrCorrupt, err)
	case n > lim.MaxFileBytes:
		return 0, 0, fmt.Errorf("%w: more than %d bytes (rest of the damaged archive not scanned)", ErrTooLarge, lim.MaxFileBytes)
	case n > ratioGrace && float64(n) > lim.MaxRatio*float64(max(cr.n, 1)):
		return 0, 0, fmt.Errorf("%w: inflated %d bytes from %d compressed, ratio over %g", ErrBomb, n, cr.n, lim.MaxRatio)
	}
	return cr.n, n, nil
}

// countingReader counts the bytes flate consumes; since it is an
// io.ByteReader, flate reads no further than the end of its stream.
type countingReader struct {
	br *bufio.Reader
	n  int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.br.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.br.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// recoveredOpener returns a function opening a recovered entry, checking its
// size and CRC like archive/zip does.
func recoveredOpener(r io.ReaderAt, off int64, e zipEntry, crc uint32) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) {
		sr := io.NewSectionReader(r, off, int64(e.csize))
		var rc io.ReadCloser
		switch e.method {
		case 0:
			rc = io.NopCloser(sr)
		case 8:
			rc = flate.NewReader(sr)
		default:
			return nil, fmt.Errorf("%w: compression method %d", ErrUnsupported, e.method)
		}
		return &checkReader{rc: rc, hash: crc32.NewIEEE(), crc: crc, size: e.usize}, nil
	}
}

// checkReader verifies the size and CRC-32 of an entry at its end.
type checkReader struct {
	rc   io.ReadCloser
	hash hash.Hash32
	crc  uint32
	size uint64
	n    uint64
}

func (c *checkReader) Read(p []byte) (int, error) {
	n, err := c.rc.Read(p)
	c.hash.Write(p[:n])
	c.n += uint64(n)
	if c.n > c.size {
		return 0, fmt.Errorf("%w: more data than the declared %d bytes", ErrCorrupt, c.size)
	}
	if err == io.EOF {
		if c.n != c.size {
			return n, fmt.Errorf("%w: %d bytes instead of the declared %d", ErrCorrupt, c.n, c.size)
		}
		if c.hash.Sum32() != c.crc {
			return n, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
		}
	}
	return n, err
}

func (c *checkReader) Close() error { return c.rc.Close() }

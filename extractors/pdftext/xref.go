package pdftext

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// Limits of checkXref.
const (
	maxXrefChain   = 64      // cross-reference sections followed through /Prev
	maxXrefObjects = 4 << 20 // object numbers a file may declare
	maxXrefBytes   = 32 << 20
)

var (
	rePrev  = regexp.MustCompile(`/Prev\s+(\d+)`)
	reSize  = regexp.MustCompile(`/Size\s+(\d+)`)
	reW     = regexp.MustCompile(`/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	reIndex = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
)

// checkXref walks the cross-reference sections from startxref through
// their /Prev links before pdf.NewReader does, rejecting what would make
// it loop for ever (a /Prev cycle) or allocate without bound (huge /Size,
// object numbers or /W widths). It checks only what it can read; other
// damage is left to the parser. encrypted reports an /Encrypt entry in a
// trailer it read.
func checkXref(r io.ReaderAt, size int64, tail []byte) (encrypted bool, err error) {
	defer func() {
		if err != nil {
			encrypted = false
		}
	}()
	encrypted = bytes.Contains(tail, []byte("/Encrypt"))
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return encrypted, nil
	}
	f := bytes.Fields(tail[i+len("startxref"):])
	if len(f) == 0 {
		return encrypted, nil
	}
	off, perr := strconv.ParseInt(string(f[0]), 10, 64)
	if perr != nil {
		return encrypted, nil
	}
	limit := min(int64(maxXrefObjects), max(10000, size))
	seen := map[int64]bool{}
	for steps := 0; ; steps++ {
		if off <= 0 || off >= size {
			return encrypted, nil
		}
		if seen[off] || steps >= maxXrefChain {
			return false, fmt.Errorf("cross-reference /Prev chain loops at offset %d", off)
		}
		seen[off] = true
		head := make([]byte, min(4096, size-off))
		n, _ := r.ReadAt(head, off)
		head = head[:n]
		var dict []byte
		if bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n\f\x00"), []byte("xref")) {
			d, err := checkXrefTable(io.NewSectionReader(r, off, min(size-off, maxXrefBytes)), limit)
			if err != nil {
				return false, err
			}
			dict = d
		} else {
			// an xref stream: its dictionary precedes "stream"
			if j := bytes.Index(head, []byte("stream")); j >= 0 {
				dict = head[:j]
			} else {
				dict = head
			}
			if m := reSize.FindSubmatch(dict); m != nil {
				if v, _ := strconv.ParseInt(string(m[1]), 10, 64); v > limit {
					return false, fmt.Errorf("cross-reference stream /Size %d too large", v)
				}
			}
			if m := reW.FindSubmatch(dict); m != nil {
				for _, w := range m[1:] {
					if v, _ := strconv.Atoi(string(w)); v > 8 {
						return false, fmt.Errorf("cross-reference stream /W field of %d bytes", v)
					}
				}
			}
			if m := reIndex.FindSubmatch(dict); m != nil {
				nums := bytes.Fields(m[1])
				for k := 0; k+1 < len(nums); k += 2 {
					a, _ := strconv.ParseInt(string(nums[k]), 10, 64)
					b, _ := strconv.ParseInt(string(nums[k+1]), 10, 64)
					if a+b > limit {
						return false, fmt.Errorf("cross-reference stream /Index %d %d too large", a, b)
					}
				}
			}
		}
		if bytes.Contains(dict, []byte("/Encrypt")) {
			encrypted = true
		}
		m := rePrev.FindSubmatch(dict)
		if m == nil {
			return encrypted, nil
		}
		if off, perr = strconv.ParseInt(string(m[1]), 10, 64); perr != nil {
			return encrypted, nil
		}
	}
}

// checkXrefTable reads a classic xref table (r at its "xref" keyword),
// checks its subsection headers and returns the trailer dictionary text.
func checkXrefTable(r io.Reader, limit int64) ([]byte, error) {
	data, _ := io.ReadAll(io.LimitReader(r, maxXrefBytes))
	t := bytes.Index(data, []byte("trailer"))
	if t < 0 {
		return nil, nil
	}
	body := bytes.Fields(data[:t])
	if len(body) > 0 {
		body = body[1:] // "xref"
	}
	for k := 0; k+1 < len(body); {
		start, err1 := strconv.ParseInt(string(body[k]), 10, 64)
		n, err2 := strconv.ParseInt(string(body[k+1]), 10, 64)
		if err1 != nil || err2 != nil {
			return nil, nil // malformed: the parser reports it
		}
		if start < 0 || n < 0 || start+n > limit {
			return nil, fmt.Errorf("cross-reference subsection %d %d out of range", start, n)
		}
		k += 2 + 3*int(n)
	}
	trailer := data[t:]
	if e := bytes.Index(trailer, []byte("startxref")); e >= 0 {
		trailer = trailer[:e]
	}
	return trailer, nil
}

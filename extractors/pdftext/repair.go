package pdftext

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// Repair of files whose cross-reference data is damaged, as pdftotext does
// it: scan the whole file for object definitions ("N G obj", the last
// definition of a number wins, as in incremental updates) and trailers,
// then give the parser the original bytes followed by a fresh
// cross-reference section that lists what the scan found, through a
// concatReader (no copy of the file).
//
// Objects inside object streams (/Type /ObjStm) cannot be listed in a
// classic xref table. When the scan finds object streams, repair decodes
// them itself (unfiltered or FlateDecode without predictor: the /N
// number-offset pairs, and the objects' dictionaries to find a catalog)
// and writes an uncompressed cross-reference *stream* instead: no
// /Filter, /W [1 8 4], type-1 entries for direct objects and type-2
// entries for compressed ones, which ledongthuc/pdf reads like any xref
// stream. Otherwise it writes a classic table. Objects in the object
// streams of an encrypted file are not recovered: the streams are
// encrypted.
//
// The rebuilt file goes through open like any other, with the checks of
// checkXref; object numbers stay below the limit checkXref applies.

// Limits of the repair scan.
const (
	scanChunk       = 1 << 20  // bytes scanned per read
	scanBack        = 32       // bytes before "obj" that may hold "N G "
	scanLook        = 4096     // bytes after "obj" searched for the object's dictionary
	maxRepairDicts  = 8        // trailers, xref-stream dictionaries and catalogs remembered
	maxRootTries    = 4        // catalogs tried in turn
	maxTrailerBytes = 64 << 10 // bytes of a trailer dictionary read
	maxObjStmHeader = 1 << 20  // /First of an object stream: bytes of its number-offset pairs
	maxObjStmData   = 8 << 20  // decoded bytes of one object stream read
	maxObjStmTotal  = 32 << 20 // decoded bytes of all object streams read
	maxDictDepth    = 32       // nesting of dictionaries and arrays parsed
)

// Kinds of objEntry.
const (
	entryNone     = iota
	entryDirect   // defined by "N G obj" at off
	entryInStream // stored in object stream stm
)

// objEntry is the last definition of an object that the scan found.
type objEntry struct {
	off    int64  // offset of "N G obj", or of the object stream's own definition
	stm    uint32 // object stream number (entryInStream)
	idx    uint32 // index in the object stream (entryInStream)
	gen    uint16
	kind   uint8
	objStm bool // the object is itself an object stream
}

// objStmInfo is an object stream found by the scan.
type objStmInfo struct {
	num   uint32
	off   int64 // offset of its "N G obj"
	data  int64 // offset of its (encoded) data
	n     int64 // /N
	first int64 // /First
	flate bool  // /Filter /FlateDecode (else unfiltered)
}

// foundDict is a trailer or cross-reference stream dictionary at off.
type foundDict struct {
	off int64
	d   []byte
}

// foundObj is a catalog object found by the scan.
type foundObj struct {
	num uint32
	off int64
}

// repairScan is the state and result of scanning a file for objects.
type repairScan struct {
	r        io.ReaderAt
	size     int64
	limit    int64 // object numbers must stay below limit-1
	objs     []objEntry
	found    int         // object definitions found
	trailers []int64     // offsets of the last "trailer" keywords
	xrefs    []foundDict // dictionaries of the last xref streams
	catalogs []foundObj
	objStms  []objStmInfo
}

// needsRepair reports whether opening failed in a way that rebuilding the
// cross-reference data may fix: damage, or a failure other than a wrong
// password in a file whose trailer names /Encrypt. A repaired file that
// still cannot be decrypted stays ErrEncrypted.
func needsRepair(err error) bool {
	return errors.Is(err, ErrDamaged) || errors.Is(err, ErrEncrypted) && !errors.Is(err, pdf.ErrInvalidPassword)
}

// repair rebuilds the cross-reference data of the file in r and opens it.
// cause is why the normal open failed; it is wrapped in the error returned
// when the repair fails too, with the reason.
func repair(ctx context.Context, r io.ReaderAt, size int64, cause error) ([]pageInfo, error) {
	fail := func(err error) ([]pageInfo, error) {
		if errors.Is(err, ErrEncrypted) || ctx.Err() != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w; repair failed: %v", cause, err)
	}
	k, ok := headerOffset(r, size)
	if !ok {
		return nil, cause
	}
	view, vsize := io.NewSectionReader(r, k, size-k), size-k
	s, err := scanFile(ctx, view, vsize)
	if err != nil {
		return fail(err)
	}
	roots := s.roots()
	if len(roots) == 0 {
		return fail(errors.New("no catalog"))
	}
	meta := s.trailerMeta()
	var lastErr error
	for _, root := range roots {
		tail := s.xrefSection(root, meta)
		rd, err := open(concatReader{a: view, n: vsize, b: tail}, vsize+int64(len(tail)))
		if err != nil {
			if errors.Is(err, ErrEncrypted) {
				return fail(err)
			}
			lastErr = err
			continue
		}
		infos, err := pageTree(rd)
		if err == nil && len(infos) == 0 {
			err = errors.New("no pages")
		}
		if err == nil {
			return infos, nil
		}
		lastErr = err
	}
	return fail(fmt.Errorf("%d objects found, catalog %d: %w", s.objects(), roots[len(roots)-1], lastErr))
}

// objects counts the objects the scan found.
func (s *repairScan) objects() int {
	n := 0
	for _, e := range s.objs {
		if e.kind != entryNone {
			n++
		}
	}
	return n
}

// headerOffset finds "%PDF-" in the first KiB of r, as fixEnds does.
func headerOffset(r io.ReaderAt, size int64) (int64, bool) {
	if size <= 0 {
		return 0, false
	}
	head := make([]byte, min(size, 1024))
	n, _ := r.ReadAt(head, 0)
	k := bytes.Index(head[:n], []byte("%PDF-"))
	return int64(k), k >= 0
}

// scanFile scans the file for object definitions, trailers and object
// streams, in chunks, in time linear in size.
func scanFile(ctx context.Context, r io.ReaderAt, size int64) (*repairScan, error) {
	s := &repairScan{r: r, size: size, limit: min(int64(maxXrefObjects), max(10000, size))}
	buf := make([]byte, min(size, scanBack+scanChunk+scanLook))
	for pos := int64(0); pos < size; {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("scan for objects: %w", err)
		}
		base := max(0, pos-scanBack)
		n, _ := r.ReadAt(buf[:min(int64(len(buf)), size-base)], base)
		from := int(pos - base)
		to := min(n, from+scanChunk)
		if to <= from {
			break
		}
		pos = max(s.scanWindow(buf[:n], base, from, to), base+int64(to))
	}
	if s.found == 0 {
		return nil, errors.New("no objects found")
	}
	s.readObjStms()
	return s, nil
}

// scanWindow records the object definitions and trailers whose keyword
// starts in w[from:to] (w holds the file from offset base) and returns
// the offset where the scan goes on, past to when it skipped a stream.
func (s *repairScan) scanWindow(w []byte, base int64, from, to int) int64 {
	// Next occurrences at or after i, len(w) for none: each search starts
	// past the previous hit, so the window is searched once per keyword.
	nextObj, nextTrailer := -1, -1
	for i := from; i < to; {
		if nextObj < i {
			nextObj = indexFrom(w, i, "obj")
		}
		if nextTrailer < i {
			nextTrailer = indexFrom(w, i, "trailer")
		}
		switch {
		case nextTrailer < to && nextTrailer < nextObj:
			if atBoundary(w, base, nextTrailer, len("trailer")) {
				s.trailers = keepLast(s.trailers, base+int64(nextTrailer))
			}
			i = nextTrailer + len("trailer")
		case nextObj < to:
			o := nextObj
			i = o + len("obj")
			nextObj = indexFrom(w, i, "obj")
			if skip := s.object(w, base, o, min(nextObj, i+scanLook)); skip > 0 {
				if skip >= base+int64(to) {
					return skip
				}
				i = int(skip - base)
			}
		default:
			return base + int64(to)
		}
	}
	return base + int64(to)
}

// indexFrom is the index of the first sep in w at or after i, or len(w).
func indexFrom(w []byte, i int, sep string) int {
	if i >= len(w) {
		return len(w)
	}
	k := bytes.Index(w[i:], []byte(sep))
	if k < 0 {
		return len(w)
	}
	return i + k
}

// atBoundary reports whether the keyword w[i:i+n] is a whole token.
func atBoundary(w []byte, base int64, i, n int) bool {
	before := i > 0 && !isRegular(w[i-1]) || i == 0 && base == 0
	return before && (i+n == len(w) || !isRegular(w[i+n]))
}

// object handles the keyword "obj" at w[o]: when it ends "N G obj" it
// records the definition and looks at the dictionary in w[o+3:end]. It
// returns the offset after the object's stream data when that checks out
// (a direct /Length followed by endstream), for the scan to skip, else 0.
func (s *repairScan) object(w []byte, base int64, o, end int) int64 {
	if o+3 < len(w) && isRegular(w[o+3]) {
		return 0
	}
	start, num, gen, ok := objHeader(w, base, o)
	if !ok || num <= 0 || num+2 > s.limit {
		return 0
	}
	off := base + int64(start)
	for int64(len(s.objs)) <= num {
		s.objs = append(s.objs, objEntry{})
	}
	s.objs[num] = objEntry{off: off, gen: uint16(gen), kind: entryDirect}
	s.found++
	body := w[o+3 : max(o+3, end)]
	d := skipSpace(body, 0)
	if !bytes.HasPrefix(body[d:], []byte("<<")) {
		return 0
	}
	dend := valueEnd(body, d, 0)
	if dend < 0 {
		return 0
	}
	dict := body[d:dend]
	switch string(dictGet(dict, "Type")) {
	case "/Catalog":
		s.catalogs = keepLast(s.catalogs, foundObj{num: uint32(num), off: off})
	case "/XRef":
		s.xrefs = keepLast(s.xrefs, foundDict{off: off, d: bytes.Clone(dict)})
	}
	data := streamStart(body, dend)
	if data < 0 {
		return 0
	}
	dataOff := base + int64(o+3+data)
	if string(dictGet(dict, "Type")) == "/ObjStm" {
		s.addObjStm(uint32(num), off, dataOff, dict)
	}
	return s.streamEnd(dataOff, dict)
}

// objHeader parses "N G " backwards from the keyword "obj" at w[o],
// returning the offset of N in w.
func objHeader(w []byte, base int64, o int) (start int, num, gen int64, ok bool) {
	j := o
	if j == 0 || !isWS(w[j-1]) {
		return 0, 0, 0, false
	}
	for j > 0 && isWS(w[j-1]) {
		j--
	}
	g := j
	for j > 0 && isDigit(w[j-1]) && g-j < 6 {
		j--
	}
	if j == g || !isWS(w[max(j-1, 0)]) || j == 0 {
		return 0, 0, 0, false
	}
	gen, _ = strconv.ParseInt(string(w[j:g]), 10, 64)
	for j > 0 && isWS(w[j-1]) {
		j--
	}
	n := j
	for j > 0 && isDigit(w[j-1]) && n-j < 11 {
		j--
	}
	if j == n || gen > 65535 {
		return 0, 0, 0, false
	}
	if j > 0 && isRegular(w[j-1]) || j == 0 && base != 0 {
		return 0, 0, 0, false
	}
	num, err := strconv.ParseInt(string(w[j:n]), 10, 64)
	return j, num, gen, err == nil
}

// isDigit reports an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// keepLast appends v to list, keeping the last maxRepairDicts elements.
func keepLast[T any](list []T, v T) []T {
	if len(list) >= maxRepairDicts {
		list = slices.Delete(list, 0, 1)
	}
	return append(list, v)
}

// streamStart returns the index in b of the data of a stream whose
// dictionary ends at b[dend], or -1 when no "stream" keyword follows.
func streamStart(b []byte, dend int) int {
	k := skipSpace(b, dend)
	if !bytes.HasPrefix(b[k:], []byte("stream")) {
		return -1
	}
	k += len("stream")
	if k < len(b) && b[k] == '\r' {
		k++
	}
	if k < len(b) && b[k] == '\n' {
		k++
	}
	return k
}

// streamEnd returns the offset after the "endstream" of a stream whose
// data starts at data, when its /Length is a direct integer that lands on
// endstream; else 0.
func (s *repairScan) streamEnd(data int64, dict []byte) int64 {
	n, err := strconv.ParseInt(string(dictGet(dict, "Length")), 10, 64)
	if err != nil || n < 0 || n > s.size-data {
		return 0
	}
	b := make([]byte, 32)
	m, _ := s.r.ReadAt(b, data+n)
	b = b[:m]
	k := skipSpace(b, 0)
	if !bytes.HasPrefix(b[k:], []byte("endstream")) {
		return 0
	}
	return data + n + int64(k) + int64(len("endstream"))
}

// addObjStm records an object stream whose data starts at data.
func (s *repairScan) addObjStm(num uint32, off, data int64, dict []byte) {
	n, err1 := strconv.ParseInt(string(dictGet(dict, "N")), 10, 64)
	first, err2 := strconv.ParseInt(string(dictGet(dict, "First")), 10, 64)
	if err1 != nil || err2 != nil || n <= 0 || first <= 0 || first > maxObjStmHeader {
		return
	}
	st := objStmInfo{num: num, off: off, data: data, n: n, first: first}
	switch f := string(bytes.Trim(dictGet(dict, "Filter"), "[] \t\r\n")); f {
	case "":
	case "/FlateDecode":
		st.flate = true
	default:
		return
	}
	if dictGet(dict, "DecodeParms") != nil {
		return // predictors on object streams: not seen in practice
	}
	s.objStms = append(s.objStms, st)
}

// readObjStms lists the objects of the object streams that are still
// current (not redefined later) as compressed entries, where no later
// direct definition exists. Object streams themselves stay direct, so
// that the parser never looks for a stream inside a stream.
func (s *repairScan) readObjStms() {
	var current []objStmInfo
	for _, st := range s.objStms {
		if e := &s.objs[st.num]; e.kind == entryDirect && e.off == st.off {
			e.objStm = true
			current = append(current, st)
		}
	}
	budget := int64(maxObjStmTotal)
	for _, st := range current {
		if budget <= 0 {
			return
		}
		data := s.objStmData(st, min(budget, maxObjStmData))
		budget -= max(int64(len(data)), 1)
		s.addCompressed(st, data)
	}
}

// addCompressed records the objects of object stream st, whose decoded
// data is data, and the catalogs among them.
func (s *repairScan) addCompressed(st objStmInfo, data []byte) {
	f := bytes.Fields(data[:min(st.first, int64(len(data)))])
	for i := int64(0); i < st.n && 2*i+1 < int64(len(f)); i++ {
		num, err1 := strconv.ParseInt(string(f[2*i]), 10, 64)
		at, err2 := strconv.ParseInt(string(f[2*i+1]), 10, 64)
		if err1 != nil || err2 != nil {
			break // the parser reads the pairs the same way: stop where they stop making sense
		}
		if num <= 0 || num+2 > s.limit || i > int64(^uint32(0)) {
			continue
		}
		for int64(len(s.objs)) <= num {
			s.objs = append(s.objs, objEntry{})
		}
		e := &s.objs[num]
		if e.objStm || e.kind != entryNone && e.off >= st.off {
			continue
		}
		*e = objEntry{off: st.off, stm: st.num, idx: uint32(i), kind: entryInStream}
		s.found++
		if at >= 0 && st.first+at < int64(len(data)) {
			body := data[st.first+at : min(int64(len(data)), st.first+at+scanLook)]
			if k := skipSpace(body, 0); string(dictGet(body[k:], "Type")) == "/Catalog" {
				s.catalogs = keepLast(s.catalogs, foundObj{num: uint32(num), off: st.off})
			}
		}
	}
}

// objStmData returns the decoded data of object stream st, at most limit
// bytes of it.
func (s *repairScan) objStmData(st objStmInfo, limit int64) []byte {
	var rd io.Reader = io.NewSectionReader(s.r, st.data, s.size-st.data)
	if st.flate {
		zr, err := zlib.NewReader(rd)
		if err != nil {
			return nil
		}
		defer zr.Close()
		rd = zr
	}
	data, _ := io.ReadAll(io.LimitReader(rd, limit))
	return data
}

// roots lists the catalogs to try, best first: the /Root of the last
// trailers and xref streams, then the catalog objects, last first. Only
// objects the scan found are listed.
func (s *repairScan) roots() []int64 {
	var roots []int64
	add := func(num int64) {
		if num > 0 && num < int64(len(s.objs)) && s.objs[num].kind != entryNone && !slices.Contains(roots, num) && len(roots) < maxRootTries {
			roots = append(roots, num)
		}
	}
	dicts := s.dicts()
	for i := len(dicts) - 1; i >= 0; i-- {
		if num, _, ok := parseRef(dictGet(dicts[i].d, "Root")); ok {
			add(num)
		}
	}
	cats := slices.Clone(s.catalogs)
	slices.SortStableFunc(cats, func(a, b foundObj) int { return cmp.Compare(a.off, b.off) })
	for i := len(cats) - 1; i >= 0; i-- {
		if c := cats[i]; s.objs[c.num].off == c.off {
			add(int64(c.num))
		}
	}
	return roots
}

// dicts returns the trailer and xref stream dictionaries found, in file
// order.
func (s *repairScan) dicts() []foundDict {
	var out []foundDict
	for _, off := range s.trailers {
		b := make([]byte, min(maxTrailerBytes, s.size-off))
		n, _ := s.r.ReadAt(b, off)
		b = b[len("trailer"):max(n, len("trailer"))]
		k := skipSpace(b, 0)
		if e := valueEnd(b, k, 0); e > 0 && bytes.HasPrefix(b[k:], []byte("<<")) {
			out = append(out, foundDict{off: off, d: b[k:e]})
		}
	}
	out = append(out, s.xrefs...)
	slices.SortStableFunc(out, func(a, b foundDict) int { return cmp.Compare(a.off, b.off) })
	return out
}

// trailerMeta is the text of the trailer entries carried over into the
// rebuilt trailer: /Info, /Encrypt and /ID, each from the last dictionary
// that has it, as incremental updates override earlier trailers.
func (s *repairScan) trailerMeta() []byte {
	var b []byte
	dicts := s.dicts()
	for _, key := range []string{"Info", "Encrypt", "ID"} {
		for i := len(dicts) - 1; i >= 0; i-- {
			if v := dictGet(dicts[i].d, key); v != nil {
				b = fmt.Appendf(b, " /%s %s", key, v)
				break
			}
		}
	}
	return b
}

// xrefSection returns the bytes appended to the file: a cross-reference
// table, or an xref stream when objects live in object streams, with a
// trailer naming catalog root and the entries meta, then startxref and
// %%EOF. Offsets count from the start of the file, whose length is
// s.size.
func (s *repairScan) xrefSection(root int64, meta []byte) []byte {
	trailer := fmt.Appendf(nil, "/Root %d %d R%s", root, s.objs[root].gen, meta)
	if slices.ContainsFunc(s.objs, func(e objEntry) bool { return e.kind == entryInStream }) {
		return s.xrefStream(trailer)
	}
	return s.xrefTable(trailer)
}

// xrefTable writes a classic cross-reference table and trailer.
func (s *repairScan) xrefTable(trailer []byte) []byte {
	b := make([]byte, 0, 20*len(s.objs)+len(trailer)+128)
	b = append(b, '\n')
	start := s.size + int64(len(b))
	b = fmt.Appendf(b, "xref\n0 %d\n", len(s.objs))
	for _, e := range s.objs {
		if e.kind == entryDirect {
			b = fmt.Appendf(b, "%010d %05d n\r\n", e.off, e.gen)
		} else {
			b = append(b, "0000000000 65535 f\r\n"...)
		}
	}
	return fmt.Appendf(b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(s.objs), trailer, start)
}

// xrefStream writes an uncompressed cross-reference stream (object number
// len(s.objs)) with type-1 entries for direct objects and type-2 entries
// for objects in object streams.
func (s *repairScan) xrefStream(trailer []byte) []byte {
	const w = 1 + 8 + 4
	num := len(s.objs)
	data := make([]byte, 0, w*(num+1))
	for _, e := range s.objs {
		switch e.kind {
		case entryDirect:
			data = appendEntry(data, 1, uint64(e.off), uint32(e.gen))
		case entryInStream:
			data = appendEntry(data, 2, uint64(e.stm), e.idx)
		default:
			data = appendEntry(data, 0, 0, 0)
		}
	}
	b := make([]byte, 0, len(data)+len(trailer)+256)
	b = append(b, '\n')
	start := s.size + int64(len(b))
	data = appendEntry(data, 1, uint64(start), 0) // the stream itself
	b = fmt.Appendf(b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 8 4] %s /Length %d >>\nstream\n", num, num+1, trailer, len(data))
	b = append(b, data...)
	return fmt.Appendf(b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", start)
}

// appendEntry appends one /W [1 8 4] xref stream entry.
func appendEntry(b []byte, typ byte, f2 uint64, f3 uint32) []byte {
	b = append(b, typ)
	for k := 56; k >= 0; k -= 8 {
		b = append(b, byte(f2>>k))
	}
	return append(b, byte(f3>>24), byte(f3>>16), byte(f3>>8), byte(f3))
}

// concatReader reads a (n bytes) followed by b, without copying a.
type concatReader struct {
	a io.ReaderAt
	n int64
	b []byte
}

// ReadAt implements io.ReaderAt.
func (c concatReader) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("concatReader: negative offset")
	}
	total := 0
	if off < c.n {
		k := int(min(int64(len(p)), c.n-off))
		m, err := c.a.ReadAt(p[:k], off)
		total += m
		if m < k {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return total, err
		}
		p, off = p[k:], off+int64(k)
	}
	if len(p) == 0 {
		return total, nil
	}
	if off-c.n >= int64(len(c.b)) {
		return total, io.EOF
	}
	m := copy(p, c.b[off-c.n:])
	total += m
	if m < len(p) {
		return total, io.EOF
	}
	return total, nil
}

// skipSpace returns the index of the first byte of b at or after i that
// is neither white space nor in a comment.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isWS(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// valueEnd returns the index after the PDF value (a reference "N G R"
// counts as one) that starts at b[i], or -1 when b ends inside it or it
// nests deeper than maxDictDepth.
func valueEnd(b []byte, i, depth int) int {
	if i >= len(b) || depth > maxDictDepth {
		return -1
	}
	switch c := b[i]; {
	case c == '<' && i+1 < len(b) && b[i+1] == '<':
		return containerEnd(b, i+2, ">>", depth)
	case c == '[':
		return containerEnd(b, i+1, "]", depth)
	case c == '<':
		if k := bytes.IndexByte(b[i:], '>'); k >= 0 {
			return i + k + 1
		}
		return -1
	case c == '(':
		return literalEnd(b, i)
	case c == '/':
		return tokenEnd(b, i+1)
	case isDelim(c):
		return i + 1
	}
	e := tokenEnd(b, i)
	return refEnd(b, i, e)
}

// containerEnd returns the index after close, which ends the dictionary
// or array whose entries start at b[i].
func containerEnd(b []byte, i int, close string, depth int) int {
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return -1
		}
		if bytes.HasPrefix(b[i:], []byte(close)) {
			return i + len(close)
		}
		if b[i] == ')' || b[i] == ']' || b[i] == '>' {
			i++ // stray closing delimiter
			continue
		}
		if i = valueEnd(b, i, depth+1); i < 0 {
			return -1
		}
	}
}

// tokenEnd returns the index of the first non-regular byte at or after i.
func tokenEnd(b []byte, i int) int {
	for i < len(b) && isRegular(b[i]) {
		i++
	}
	return i
}

// literalEnd returns the index after the literal string starting at b[i].
func literalEnd(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// refEnd extends the integer b[i:e] to a whole "N G R" reference when one
// follows, returning its end; else e.
func refEnd(b []byte, i, e int) int {
	if !isUint(b[i:e]) {
		return e
	}
	g := skipSpace(b, e)
	ge := tokenEnd(b, g)
	if g == e || !isUint(b[g:ge]) {
		return e
	}
	r := skipSpace(b, ge)
	if r > ge && r < len(b) && b[r] == 'R' && tokenEnd(b, r) == r+1 {
		return r + 1
	}
	return e
}

// isUint reports a non-empty run of ASCII digits.
func isUint(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// dictGet returns the text of the value of key in the dictionary d
// ("<< ... >>"), or nil. Only top-level entries count.
func dictGet(d []byte, key string) []byte {
	if !bytes.HasPrefix(d, []byte("<<")) {
		return nil
	}
	for i := 2; ; {
		i = skipSpace(d, i)
		if i >= len(d) || bytes.HasPrefix(d[i:], []byte(">>")) {
			return nil
		}
		if d[i] != '/' {
			if i = valueEnd(d, i, 1); i < 0 {
				return nil
			}
			continue
		}
		k := tokenEnd(d, i+1)
		v := skipSpace(d, k)
		e := valueEnd(d, v, 1)
		if e < 0 {
			return nil
		}
		if string(d[i+1:k]) == key {
			return d[v:e]
		}
		i = e
	}
}

// parseRef parses "N G R".
func parseRef(v []byte) (num, gen int64, ok bool) {
	f := bytes.Fields(v)
	if len(f) != 3 || string(f[2]) != "R" {
		return 0, 0, false
	}
	num, err1 := strconv.ParseInt(string(f[0]), 10, 64)
	gen, err2 := strconv.ParseInt(string(f[1]), 10, 64)
	return num, gen, err1 == nil && err2 == nil
}

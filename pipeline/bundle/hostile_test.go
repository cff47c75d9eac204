package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// sharedZip zips a.txt and b.txt, then points the central-directory entry
// of every later file at the local entry of the first, as a zip whose
// entries share one local entry does.
func sharedZip(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < n; i++ {
		w, err := zw.Create(fmt.Sprintf("f%03d.txt", i))
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(strings.Repeat("same length content\n", 10)))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	z := buf.Bytes()
	eocd := z[len(z)-22:]
	cdOff := int(binary.LittleEndian.Uint32(eocd[16:]))
	var first uint32
	for off, i := cdOff, 0; i < n; i++ {
		rec := z[off:]
		nl, el, cl := int(binary.LittleEndian.Uint16(rec[28:])), int(binary.LittleEndian.Uint16(rec[30:])), int(binary.LittleEndian.Uint16(rec[32:]))
		if i == 0 {
			first = binary.LittleEndian.Uint32(rec[42:])
		} else {
			binary.LittleEndian.PutUint32(rec[42:], first)
		}
		off += 46 + nl + el + cl
	}
	return z
}

func TestOverlappingEntriesAreRefused(t *testing.T) {
	z := sharedZip(t, 50)
	b, err := OpenZip(context.Background(), bytes.NewReader(z), int64(len(z)), "shared", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	accepted := 0
	for _, f := range b.Files {
		switch {
		case f.Err == nil:
			accepted++
		case !errors.Is(f.Err, ErrOverlap):
			t.Errorf("%s: %v, want ErrOverlap", f.Path, f.Err)
		}
	}
	if accepted != 1 {
		t.Errorf("%d entries accepted, want the first only", accepted)
	}
	// A sound zip has no overlap.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"a.txt", "b.txt", "empty.txt"} {
		w, _ := zw.Create(name)
		if name != "empty.txt" {
			w.Write([]byte(name))
		}
	}
	zw.Close()
	b, err = OpenZip(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), "ok", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range b.Files {
		if f.Err != nil {
			t.Errorf("%s: %v", f.Path, f.Err)
		}
	}
}

func TestIgnoredReason(t *testing.T) {
	tests := []struct {
		path, want string // want: part of the reason, "" for a document
	}{
		{"__MACOSX/real.pdf", "__MACOSX"},
		{"a/__MACOSX/b/._c.pdf", "__MACOSX"},
		{"._x.pdf", "AppleDouble"},
		{"sub/.DS_Store", ".DS_Store"},
		{"Thumbs.db", "Thumbs.db"},
		{"x/DESKTOP.INI", "desktop.ini"},
		{"$RECYCLE.BIN/a.pdf", "recycle"},
		{"申请表.pdf", ""},
		{"macosx/a.pdf", ""},
		{"x._pdf", ""},
	}
	for _, tt := range tests {
		got := IgnoredReason(tt.path)
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("IgnoredReason(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestEscapeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"申请表.pdf", "申请表.pdf"},
		{"invoice\u202efdp.exe", "invoice<U+202E>fdp.exe"},
		{"a\u200bb\u2066c\u2069", "a<U+200B>b<U+2066>c<U+2069>"},
		{"tab\there\x01", "tab<U+0009>here<U+0001>"},
		{"line\u2028sep", "line<U+2028>sep"},
		{"\ufeffbom.pdf", "<U+FEFF>bom.pdf"},
	}
	for _, tt := range tests {
		if got := EscapeName(tt.in); got != tt.want {
			t.Errorf("EscapeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBidiNameIsListedEscaped(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("invoice\u202efdp.exe.pdf")
	w.Write([]byte("%PDF-1.4"))
	w, _ = zw.Create("__MACOSX/._a\u202e.pdf")
	w.Write([]byte("x"))
	zw.Close()
	b, err := OpenZip(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), "bidi", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Files) != 1 || b.Files[0].Path != "invoice<U+202E>fdp.exe.pdf" || b.Files[0].Err != nil {
		t.Errorf("files %+v", b.Files)
	}
	if _, err := b.ReadFile("invoice<U+202E>fdp.exe.pdf"); err != nil {
		t.Errorf("escaped path not served: %v", err)
	}
	if len(b.Ignored) != 1 || b.Ignored[0] != "__MACOSX/._a<U+202E>.pdf" {
		t.Errorf("ignored %q", b.Ignored)
	}
}

package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "regenerate the zips in testdata/")

// zent describes one entry of a generated zip.
type zent struct {
	name    string // as stored (raw bytes when nonUTF8)
	body    []byte
	dir     bool
	nonUTF8 bool
	// Raw entries are written with CreateRaw: the body is stored as given,
	// with these header fields.
	raw    bool
	method uint16
	flags  uint16
	crc    uint32
	csize  uint64
	usize  uint64
	mode   fs.FileMode
	extra  []byte
}

// buildZip writes the entries into a zip and returns its bytes.
func buildZip(t testing.TB, ents []zent) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range ents {
		fh := &zip.FileHeader{Name: e.name, NonUTF8: e.nonUTF8, Method: zip.Deflate, Extra: e.extra}
		if e.dir {
			fh.Method = zip.Store
		}
		if e.mode != 0 {
			fh.SetMode(e.mode)
		}
		if e.raw {
			fh.Method, fh.Flags = e.method, e.flags
			fh.CRC32, fh.CompressedSize64, fh.UncompressedSize64 = e.crc, e.csize, e.usize
			w, err := zw.CreateRaw(fh)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(e.body); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rawStored is a raw stored entry with correct header fields.
func rawStored(name string, body []byte) zent {
	return zent{name: name, body: body, raw: true, method: zip.Store,
		crc: crc32.ChecksumIEEE(body), csize: uint64(len(body)), usize: uint64(len(body))}
}

// rawDeflated is a raw deflated entry with correct header fields, compressed
// at the best level from r.
func rawDeflated(t testing.TB, name string, r io.Reader) zent {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	h := crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(fw, h), r)
	if err != nil {
		t.Fatal(err)
	}
	fw.Close()
	return zent{name: name, body: comp.Bytes(), raw: true, method: zip.Deflate,
		crc: h.Sum32(), csize: uint64(comp.Len()), usize: uint64(n)}
}

func gbk(t testing.TB, s string) string {
	t.Helper()
	e, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// unicodeExtra builds an Info-ZIP Unicode Path extra field.
func unicodeExtra(raw, name string) []byte {
	b := binary.LittleEndian.AppendUint16(nil, 0x7075)
	b = binary.LittleEndian.AppendUint16(b, uint16(5+len(name)))
	b = append(b, 1)
	b = binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE([]byte(raw)))
	return append(b, name...)
}

// fixtures returns the generated testdata files by name.
func fixtures(t testing.TB) map[string][]byte {
	inner := buildZip(t, []zent{{name: "inner.txt", body: []byte("inside")}})
	out := map[string][]byte{}

	out["utf8.zip"] = buildZip(t, []zent{
		{name: "01申请表/", dir: true},
		{name: "01申请表/入库申请表.pdf", body: []byte("%PDF-1.4 申请表")},
		{name: "02财务/2024年度审计报告.pdf", body: bytes.Repeat([]byte("审计报告 "), 200)},
		{name: "02财务/Thumbs.db", body: []byte("junk")},
		{name: `03证照\营业执照.pdf`, body: []byte("%PDF-1.4 执照")},
		{name: "__MACOSX/01申请表/._入库申请表.pdf", body: []byte("junk")},
		{name: ".DS_Store", body: []byte("junk")},
		{name: "附件/材料.zip", body: inner},
		{name: "空文件.txt", body: nil},
	})

	out["gbk.zip"] = buildZip(t, []zent{
		{name: gbk(t, "01申请表/"), dir: true, nonUTF8: true},
		{name: gbk(t, "01申请表/01.申报表.pdf"), body: []byte("%PDF 申报表"), nonUTF8: true},
		{name: gbk(t, "02单位概况/服务规范及承诺.pdf"), body: []byte("%PDF 承诺"), nonUTF8: true},
		{name: gbk(t, "小.pdf"), body: []byte("%PDF 小"), nonUTF8: true}, // also valid UTF-8 ("С.pdf")
		{name: "IMG_20260412_151525.png", body: []byte("\x89PNG"), nonUTF8: true},
	})

	rawOld := gbk(t, "旧名.pdf")
	out["unicode_extra.zip"] = buildZip(t, []zent{
		{name: rawOld, body: []byte("x"), nonUTF8: true, extra: unicodeExtra(rawOld, "新名.pdf")},
		{name: gbk(t, "审计.pdf"), body: []byte("y"), nonUTF8: true, extra: unicodeExtra("stale", "错误.pdf")},
	})

	out["traversal.zip"] = buildZip(t, []zent{
		{name: "../../etc/passwd", body: []byte("root:x:0:0")},
		{name: "/etc/passwd", body: []byte("root:x:0:0")},
		{name: `C:\Windows\evil.txt`, body: []byte("evil")},
		{name: `a\..\..\evil.txt`, body: []byte("evil")},
		{name: "ok/../x.txt", body: []byte("x")},
		{name: "bad\x01name.txt", body: []byte("x")},
		{name: `sub\ok.txt`, body: []byte("ok")},
		{name: "./dot/./ok.txt", body: []byte("ok")},
		{name: "good.txt", body: []byte("good")},
	})

	bomb := rawDeflated(t, "bomb.bin", io.LimitReader(zeroReader{}, 200<<20))
	out["bomb.zip"] = buildZip(t, []zent{
		{name: "a_before.txt", body: []byte("before")},
		bomb,
		{name: "z_after.txt", body: []byte("after")},
	})

	// A liar: the header declares 100 bytes, the stream inflates to 10 MiB.
	liar := rawDeflated(t, "liar.bin", io.LimitReader(zeroReader{}, 10<<20))
	liar.usize = 100
	out["liar.zip"] = buildZip(t, []zent{liar, {name: "ok.txt", body: []byte("ok")}})

	var many []zent
	for i := 0; i <= 500; i++ {
		many = append(many, rawStored(fmtName(i), []byte{byte(i)}))
	}
	out["toomany.zip"] = buildZip(t, many)

	secret := rawStored("secret.pdf", []byte("\x13\x37 not really encrypted bytes"))
	secret.flags = 0x1 // the traditional PKWARE encryption bit, set by hand
	out["encrypted.zip"] = buildZip(t, []zent{secret, {name: "plain.txt", body: []byte("plain")}})

	bad := rawStored("bad.txt", []byte("content whose CRC is wrong"))
	bad.crc ^= 0xFFFF
	out["crc.zip"] = buildZip(t, []zent{bad, {name: "good.txt", body: []byte("good")}})

	out["misc.zip"] = buildZip(t, []zent{
		{name: "link", body: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777},
		{name: "dup.txt", body: []byte("first")},
		{name: "dup.txt", body: []byte("second")},
		{name: "a", body: []byte("file a")},
		{name: "a/b.txt", body: []byte("under a")},
		func() zent { e := rawStored("bzip2.bin", []byte("BZh9")); e.method = 12; return e }(),
		{name: "inner.zip", body: inner},
	})

	full := buildZip(t, []zent{
		rawStored("stored.txt", []byte("stored entry, sizes in the local header")),
		{name: "deflated.txt", body: bytes.Repeat([]byte("deflated entry with a data descriptor. "), 50)},
		{name: "cut.txt", body: bytes.Repeat([]byte("this entry is cut off "), 400)},
	})
	cut := bytes.Index(full, []byte("cut.txt"))
	out["truncated.zip"] = full[:cut+len("cut.txt")+40]

	out["empty.zip"] = buildZip(t, nil)
	out["notazip.zip"] = []byte("this is not a zip archive, just text\n")
	return out
}

func fmtName(i int) string {
	return "many/f" + string(rune('0'+i/100)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10)) + ".txt"
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestGenerateFixtures rewrites testdata/*.zip when run with -update.
func TestGenerateFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate testdata")
	}
	for name, data := range fixtures(t) {
		if err := os.WriteFile(filepath.Join("testdata", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

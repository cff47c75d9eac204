// Command gen writes the template-set-B sample corpus: four labelled
// application bundles made entirely by Go code (hand-written PDFs with a
// non-embedded STSong-Light font, scanned pages rendered with a CJK font,
// Credit China screenshots, excelize spreadsheets, hand-written DOCX).
//
//	go run ./samples/gen -out samples/corpus-b
//
// Each bundle lands in <out>/<name>/bundle.zip with its labels in
// <out>/<name>/truth.json, the layout eval/score.py reads. Output is
// byte-identical on every run with the same font and Go toolchain.
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func main() {
	out := flag.String("out", "samples/corpus-b", "output directory (one sub-directory per bundle)")
	latin := flag.String("latin-font", defaultLatinFont, "Latin TrueType font used to render images")
	cjk := flag.String("cjk-font", defaultCJKFont, "CJK TrueType font used to render images")
	unpack := flag.Bool("unpack", false, "also write each bundle as a folder <out>/<name>/bundle/ (for score.py --oracle)")
	flag.Parse()
	pt, ok, err := loadPainter(*latin, *cjk)
	if err != nil {
		log.Fatal(err)
	}
	if !ok {
		log.Printf("warning: %s or %s not found: images will be blank and differ from the committed bundles", *latin, *cjk)
	}
	for _, b := range buildAll(pt) {
		if err := write(b, *out, *unpack); err != nil {
			log.Fatal(err)
		}
	}
}

// zipBytes packs the bundle's files in order, with fixed timestamps and
// optionally GBK-encoded names without the UTF-8 flag.
func zipBytes(b *bundle) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	enc := simplifiedchinese.GBK.NewEncoder()
	for _, f := range b.Files {
		name := f.Path
		if b.TopFolder != "" {
			name = b.TopFolder + "/" + name
		}
		fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipEpoch}
		if b.ZipGBK {
			gbk, err := enc.String(name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			fh.Name, fh.NonUTF8 = gbk, true
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func write(b *bundle, out string, unpack bool) error {
	dir := filepath.Join(out, b.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	z, err := zipBytes(b)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "bundle.zip"), z, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "truth.json"), b.truth(), 0o644); err != nil {
		return err
	}
	if unpack {
		for _, f := range b.Files {
			p := filepath.Join(dir, "bundle", filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				return err
			}
		}
	}
	fmt.Printf("%s: %d files, %d KB, verdict %s\n", b.Name, len(b.Files), len(z)/1024, verdictOf(b.judge()))
	return nil
}

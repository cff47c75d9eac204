package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"ruku/extractors/ocr"
	"ruku/pipeline"
	"ruku/pipeline/bundle"
	"ruku/pipeline/dossier"
	"ruku/pipeline/rules"
)

// verifyOptions are the flags of ruku verify.
type verifyOptions struct {
	out     string
	rules   string
	workers int
	noOCR   bool
}

func verifyCommand() command {
	return command{
		usage: "verify PATH [--out DIR] [--rules FILE]",
		help:  "verify one bundle (.zip or folder) and write DIR/dossier.json and dossier.html",
		run:   runVerify,
	}
}

func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o verifyOptions
	fl := flag.NewFlagSet("verify", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&o.out, "out", "", "output folder (default out/NAME)")
	fl.StringVar(&o.rules, "rules", "", "rules file (default: the embedded "+rules.Default().Version+")")
	fl.IntVar(&o.workers, "workers", 0, "files read at once (default: number of CPUs)")
	fl.BoolVar(&o.noOCR, "no-ocr", false, "do not run OCR (scans and images stay unread)")
	pos, err := interspersed(fl, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fl.Usage()
		return errors.New("verify takes exactly one PATH (a bundle .zip or folder)")
	}
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	engine := newOCR(o.noOCR, stderr)
	d, err := verifyPath(ctx, pos[0], rs, pipeline.Options{OCR: engine, Workers: o.workers})
	if err != nil {
		return err
	}
	if o.out == "" {
		o.out = filepath.Join("out", d.Bundle)
	}
	jsonPath, htmlPath, err := writeDossier(o.out, d)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, d.Summary())
	fmt.Fprintf(stdout, "dossier: %s (HTML: %s)\n", jsonPath, htmlPath)
	return nil
}

func loadRules(path string) (*rules.Rules, error) {
	if path == "" {
		return rules.Default(), nil
	}
	return rules.Load(path)
}

// newOCR starts the OCR engine, or says why scans will stay unread.
func newOCR(off bool, stderr io.Writer) *ocr.Engine {
	if off {
		return nil
	}
	e, err := ocr.New(ocr.DefaultConfig())
	if err != nil {
		fmt.Fprintf(stderr, "warning: %v; scanned pages and images will not be read\n", err)
		return nil
	}
	return e
}

// verifyPath opens the bundle at p and verifies it. A bundle that cannot be
// opened at all (not a zip, say) still gets a dossier that says why; only a
// path that does not exist is an error.
func verifyPath(ctx context.Context, p string, rs *rules.Rules, opt pipeline.Options) (*dossier.Dossier, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	opt.UploadedAt = st.ModTime()
	b, err := bundle.Open(ctx, p, bundle.DefaultLimits())
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || ctx.Err() != nil {
			return nil, fmt.Errorf("open bundle: %w", err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".zip")
		b = &bundle.Bundle{Name: name, Files: []bundle.File{{Path: filepath.Base(p), Size: st.Size(), Err: err}}}
	}
	return pipeline.Verify(ctx, b, rs, opt)
}

// writeDossier writes dossier.json and dossier.html into dir, each through a
// temporary file so that a reader never sees half a dossier.
func writeDossier(dir string, d *dossier.Dossier) (string, string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("create output folder: %w", err)
	}
	js, err := d.JSON()
	if err != nil {
		return "", "", err
	}
	html, err := d.HTML()
	if err != nil {
		return "", "", err
	}
	jp, hp := filepath.Join(dir, "dossier.json"), filepath.Join(dir, "dossier.html")
	for _, f := range []struct {
		path string
		data []byte
	}{{jp, js}, {hp, html}} {
		if err := writeAtomic(f.path, f.data); err != nil {
			return "", "", err
		}
	}
	return jp, hp, nil
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

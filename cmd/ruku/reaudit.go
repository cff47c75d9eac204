package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"ruku/pipeline"
	"ruku/reaudit"
)

// reauditOptions are the flags of ruku reaudit.
type reauditOptions struct {
	store  storeOptions
	rules  string
	since  string
	prefix string
	jobs   int
	noOCR  bool
	json   string
	format string
}

func reauditCommand() command {
	return command{
		usage: "reaudit [--rules F] [--since D] [--prefix P]",
		help:  "re-verify archived bundles, write dossiers beside the earlier ones, report changes",
		run:   runReaudit,
	}
}

func runReaudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o reauditOptions
	var e env
	fl := flag.NewFlagSet("reaudit", flag.ContinueOnError)
	fl.SetOutput(stderr)
	o.store.register(fl, &e)
	fl.StringVar(&o.rules, "rules", e.str("RUKU_RULES", ""), "rules file (default: the embedded rules) (RUKU_RULES)")
	fl.StringVar(&o.since, "since", "", "only bundles archived on or after DATE (YYYY-MM-DD or RFC 3339)")
	fl.StringVar(&o.prefix, "prefix", "", "only bundles whose name or SHA-256 starts with P")
	fl.IntVar(&o.jobs, "jobs", e.int("RUKU_CONCURRENCY", 1), "bundles verified at once (RUKU_CONCURRENCY)")
	fl.BoolVar(&o.noOCR, "no-ocr", e.bool("RUKU_NO_OCR", false), "do not run OCR (RUKU_NO_OCR)")
	fl.StringVar(&o.json, "json", "", "also write the JSON report to FILE")
	fl.StringVar(&o.format, "format", "table", "what to print on stdout: table or json")
	if _, err := interspersed(fl, args); err != nil {
		return err
	}
	if err := e.err(); err != nil {
		return fmt.Errorf("environment: %w", err)
	}
	if o.format != "table" && o.format != "json" {
		return fmt.Errorf("--format must be table or json, not %q", o.format)
	}
	cfg := reaudit.DefaultConfig()
	cfg.Jobs, cfg.Prefix, cfg.Log = o.jobs, o.prefix, newLogger(io.Discard, "reaudit")
	cfg.Options = pipeline.Options{OCR: newOCR(o.noOCR, stderr)}
	if o.since != "" {
		t, err := parseSince(o.since)
		if err != nil {
			return err
		}
		cfg.Since = t
	}
	rs, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	cfg.Rules = rs
	st, err := o.store.open(ctx)
	if err != nil {
		return err
	}
	rep, err := reaudit.Run(ctx, st, cfg, &reaudit.Bar{W: stderr})
	if err != nil {
		return err
	}
	js, err := rep.JSON()
	if err != nil {
		return err
	}
	if o.json != "" {
		if err := os.WriteFile(o.json, js, 0o644); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	if o.format == "json" {
		_, err = stdout.Write(js)
		return err
	}
	return rep.WriteTable(stdout)
}

func parseSince(s string) (time.Time, error) {
	if t, err := time.ParseInLocation(time.DateOnly, s, time.Local); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--since %q: want YYYY-MM-DD or RFC 3339", s)
	}
	return t, nil
}

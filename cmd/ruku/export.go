package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"ruku/export"
	"ruku/review"
	"ruku/review/accounts"
)

func exportCommand() command {
	return command{
		usage: "export summary --city CODE --out F.xlsx | publicity --out F.xlsx",
		help:  "write a city's 推荐汇总表 or the province's 拟入库名单 as XLSX",
		run:   runExport,
	}
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		so   storeOptions
		e    env
		city string
		out  string
		all  bool
	)
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.SetOutput(stderr)
	so.register(fl, &e)
	fl.StringVar(&city, "city", "", "summary: the city-level unit's code (130100 石家庄, 130181 辛集, 133100 雄安 …)")
	fl.StringVar(&out, "out", "", "the XLSX file to write")
	fl.BoolVar(&all, "all", false, "summary: every application past 初审, not only those recommended")
	pos, err := interspersed(fl, args)
	if err != nil {
		return err
	}
	if err := e.err(); err != nil {
		return fmt.Errorf("environment: %w", err)
	}
	if len(pos) != 1 || out == "" || pos[0] == "summary" && city == "" {
		fl.Usage()
		return errors.New("export takes summary --city CODE --out F.xlsx, or publicity --out F.xlsx")
	}
	st, err := openWorkspaceStore(ctx, &so)
	if err != nil {
		return err
	}
	w, err := review.Open(ctx, st, review.Config{})
	if err != nil {
		return err
	}
	// The command runs with the store's own access: it reads as an auditor.
	reader := accounts.User{Name: "ruku-export", Role: accounts.Auditor}
	f, err := os.CreateTemp(filepath.Dir(out), ".export-*.xlsx")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(f.Name())
	n := 0
	switch pos[0] {
	case "summary":
		opt := export.SummaryOptions{All: all}
		rows := export.SummaryRows(w.Index.All(reader, review.BySubmitted), city, opt)
		n = len(rows)
		err = export.WriteSummary(f, w.Table, city, rows, opt)
	case "publicity":
		rows := export.PublicityRows(w.Index.All(reader, review.BySubmitted))
		n = len(rows)
		err = export.WritePublicity(f, rows, export.Options{})
	default:
		err = fmt.Errorf("export: unknown list %q (summary or publicity)", pos[0])
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "%s: %d rows\n", out, n)
	return nil
}

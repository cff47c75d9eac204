package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"ruku/review"
	"ruku/web"
)

func serveCommand() command {
	return command{
		usage: "serve [--addr HOST:PORT] [--store-dir DIR] [--tls-cert F --tls-key F]",
		help:  "the reviewers' web workspace (accounts from ruku users)",
		run:   runServe,
	}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		so      storeOptions
		e       env
		addr    string
		cert    string
		key     string
		secure  bool
		refresh time.Duration
	)
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	so.register(fl, &e)
	fl.StringVar(&addr, "addr", e.str("RUKU_ADDR", "127.0.0.1:8080"), "address to listen on (RUKU_ADDR)")
	fl.StringVar(&cert, "tls-cert", e.str("RUKU_TLS_CERT", ""), "serve HTTPS with this certificate (PEM) (RUKU_TLS_CERT)")
	fl.StringVar(&key, "tls-key", e.str("RUKU_TLS_KEY", ""), "the certificate's key (PEM) (RUKU_TLS_KEY)")
	fl.BoolVar(&secure, "secure-cookies", e.bool("RUKU_SECURE_COOKIES", false), "mark the session cookie Secure: set it behind a TLS proxy; implied by --tls-cert (RUKU_SECURE_COOKIES)")
	fl.DurationVar(&refresh, "refresh", e.dur("RUKU_REFRESH", time.Minute), "load new dossiers from the store this often, 0 never (RUKU_REFRESH)")
	pos, err := interspersed(fl, args)
	if err != nil {
		return err
	}
	if err := e.err(); err != nil {
		return fmt.Errorf("environment: %w", err)
	}
	if len(pos) != 0 || (cert == "") != (key == "") {
		fl.Usage()
		return errors.New("serve takes no arguments; --tls-cert and --tls-key go together")
	}
	st, err := openWorkspaceStore(ctx, &so)
	if err != nil {
		return err
	}
	ws, err := review.Open(ctx, st, review.Config{})
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil)).With("component", "serve")
	srv, err := web.New(ws, web.Options{SecureCookies: secure || cert != "", Log: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	scheme := "http"
	if cert != "" {
		scheme = "https"
	}
	fmt.Fprintf(stdout, "ruku serve: %d applications; open %s://%s/\n", ws.Index.Len(), scheme, ln.Addr())
	if refresh > 0 {
		go func() {
			t := time.NewTicker(refresh)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					if n, err := web.Refresh(ctx, ws); err != nil {
						log.Error("refresh", "err", err)
					} else if n > 0 {
						log.Info("refresh", "loaded", n)
					}
				}
			}
		}()
	}
	done := make(chan error, 1)
	go func() {
		if cert != "" {
			done <- hs.ServeTLS(ln, cert, key)
		} else {
			done <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return hs.Shutdown(sctx)
	}
}

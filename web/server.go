package web

import (
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"ruku/extractors/ocr"
	"time"

	"ruku/review"
	"ruku/review/accounts"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server. The zero value is usable.
type Options struct {
	// SecureCookies marks the session cookie Secure (and names it with the
	// __Host- prefix). Set it when the server is reached over TLS, directly
	// or through a TLS-terminating proxy.
	SecureCookies bool
	// SessionTTL is how long a login lasts (default 8h).
	SessionTTL time.Duration
	// Renderer draws page images (default: EngineRenderer on the default
	// OCR configuration).
	Renderer PageRenderer
	// Limiter rate-limits failed logins per account name (default: 5
	// failures in 15 minutes); AddrLimiter per client address (default: 50
	// in 15 minutes, so that one office behind one address is not locked
	// out by a colleague's typos).
	Limiter     *accounts.Limiter
	AddrLimiter *accounts.Limiter
	// Log receives the errors that users are not shown (default: discard).
	Log *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Server serves the workspace.
type Server struct {
	ws       *review.Workspace
	opt      Options
	sessions *sessions
	pages    *pages
	images   *imageCache
	mux      *http.ServeMux
}

// New returns a Server over ws.
func New(ws *review.Workspace, opt Options) (*Server, error) {
	if opt.SessionTTL <= 0 {
		opt.SessionTTL = 8 * time.Hour
	}
	if opt.Renderer == nil {
		eng, err := ocr.New(ocr.DefaultConfig())
		if err != nil {
			return nil, fmt.Errorf("page renderer: %w", err)
		}
		opt.Renderer = EngineRenderer{Engine: eng}
	}
	if opt.Limiter == nil {
		opt.Limiter = accounts.NewLimiter(5, 15*time.Minute)
	}
	if opt.AddrLimiter == nil {
		opt.AddrLimiter = accounts.NewLimiter(50, 15*time.Minute)
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	p, err := parsePages()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s := &Server{
		ws:       ws,
		opt:      opt,
		sessions: newSessions(opt.SessionTTL, opt.Now),
		pages:    p,
		images:   newImageCache(128),
		mux:      http.NewServeMux(),
	}
	s.routes()
	return s, nil
}

// routes registers every route; each handler says whether it is a page
// (login redirect, HTML errors) or an API call (JSON errors).
func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	s.mux.HandleFunc("GET /static/{file}", func(w http.ResponseWriter, r *http.Request) { files.ServeHTTP(w, r) })

	s.mux.HandleFunc("GET /login", s.loginForm)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.Handle("POST /logout", s.page(s.logout))

	s.mux.Handle("GET /{$}", s.page(s.list))
	s.mux.Handle("GET /applications/{sha}", s.page(s.application))
	s.mux.Handle("GET /applications/{sha}/files/{n}", s.page(s.original))
	s.mux.Handle("GET /applications/{sha}/files/{n}/pages/{p}", s.page(s.pageView))
	s.mux.Handle("GET /applications/{sha}/files/{n}/pages/{p}/image", s.page(s.pageImage))
	s.mux.Handle("POST /applications/{sha}/decisions", s.page(s.decide))
	s.mux.Handle("GET /exports/summary", s.page(s.exportSummary))
	s.mux.Handle("GET /exports/publicity", s.page(s.exportPublicity))
	s.mux.Handle("GET /publicity", s.page(s.publicity))

	s.mux.Handle("GET /api/me", s.api(s.me))
	s.mux.Handle("GET /api/applications", s.api(s.list))
	s.mux.Handle("GET /api/applications/{sha}", s.api(s.application))
	s.mux.Handle("GET /api/applications/{sha}/files/{n}/pages/{p}", s.api(s.pageView))
	s.mux.Handle("POST /api/applications/{sha}/decisions", s.api(s.decide))
	s.mux.Handle("/api/", s.api(func(w http.ResponseWriter, r *http.Request, c *call) {
		s.fail(w, r, c, errNotFound)
	}))
}

// ServeHTTP serves a request with the security headers set.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if len(r.URL.Path) < 8 || r.URL.Path[:8] != "/static/" {
		h.Set("Cache-Control", "no-store")
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.opt.Log.Error("panic", "path", r.URL.Path, "panic", v)
			http.Error(w, "服务器内部错误", http.StatusInternalServerError)
		}
	}()
	s.mux.ServeHTTP(w, r)
}

// csp allows only the server's own scripts, styles and images: no inline
// script or style, no framing, forms only to the server.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"ruku/review/accounts"
)

// call is an authenticated request: who makes it, with which session (nil
// for a token), and whether it is an API call (JSON errors).
type call struct {
	user accounts.User
	sess *session
	api  bool
}

// csrf is the token forms of this call carry ("" for a token call).
func (c *call) csrf() string {
	if c.sess == nil {
		return ""
	}
	return c.sess.csrf
}

// handler is a route's handler, given the authenticated call.
type handler func(w http.ResponseWriter, r *http.Request, c *call)

// maxForm bounds request bodies (forms and JSON decisions).
const maxForm = 1 << 20

// page wraps a page's handler: login required (a browser is sent to the
// login form), CSRF token checked on every POST of a session.
func (s *Server) page(h handler) http.Handler { return s.authed(h, false) }

// api wraps an API handler: as page, with JSON errors and 401 instead of a
// redirect.
func (s *Server) api(h handler) http.Handler { return s.authed(h, true) }

func (s *Server) authed(h handler, api bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxForm)
		c := &call{api: api}
		if tok, ok := bearer(r); ok {
			u, err := s.ws.Accounts.ByToken(r.Context(), tok)
			if err != nil {
				s.fail(w, r, c, fmt.Errorf("%w: %w", errUnauthorized, err))
				return
			}
			c.user = u
			h(w, r, c)
			return
		}
		ss := s.session(r)
		if ss != nil && ss.user != "" {
			u, err := s.ws.Accounts.Get(r.Context(), ss.user)
			switch {
			case errors.Is(err, accounts.ErrNoUser) || err == nil && u.Disabled:
				s.sessions.delete(ss.id)
				ss = nil
			case err != nil:
				s.fail(w, r, c, err)
				return
			default:
				c.user, c.sess = u, ss
			}
		}
		if c.sess == nil {
			if api || r.Method != http.MethodGet {
				s.fail(w, r, c, errUnauthorized)
				return
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			tok := r.Header.Get("X-CSRF-Token")
			if tok == "" {
				tok = r.PostFormValue("csrf")
			}
			if !ss.checkCSRF(tok) {
				s.fail(w, r, c, errCSRF)
				return
			}
		}
		h(w, r, c)
	})
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(r *http.Request) (string, bool) {
	a := r.Header.Get("Authorization")
	if a == "" {
		return "", false
	}
	scheme, tok, ok := strings.Cut(a, " ")
	return strings.TrimSpace(tok), ok && strings.EqualFold(scheme, "Bearer")
}

type loginView struct {
	Next    string
	Name    string
	Message string
}

// loginForm shows the login form, with the CSRF token of an anonymous
// session.
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	ss := s.session(r)
	if ss != nil && ss.user != "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if ss == nil {
		ss = s.sessions.create("")
		s.setCookie(w, ss)
	}
	s.render(w, r, &call{sess: ss}, http.StatusOK, "login", "登录", loginView{Next: safeNext(r.URL.Query().Get("next"))})
}

// login checks the form's CSRF token, the rate limits (per account name and
// per client address), then the password; a success starts a new session
// (a new id: the login form's session is dropped).
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	ss := s.session(r)
	anon := &call{sess: ss}
	if !ss.checkCSRF(r.PostFormValue("csrf")) {
		s.fail(w, r, anon, errCSRF)
		return
	}
	name := strings.TrimSpace(r.PostFormValue("name"))
	v := loginView{Next: safeNext(r.PostFormValue("next")), Name: name}
	limits := []struct {
		l   *accounts.Limiter
		key string
	}{{s.opt.Limiter, name}, {s.opt.AddrLimiter, clientAddr(r)}}
	for _, k := range limits {
		if ok, wait := k.l.Allow(k.key); !ok {
			w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
			v.Message = fmt.Sprintf("登录失败次数过多，请 %d 分钟后再试。", int(wait.Minutes())+1)
			s.render(w, r, anon, http.StatusTooManyRequests, "login", "登录", v)
			return
		}
	}
	u, err := s.ws.Accounts.Authenticate(r.Context(), name, []byte(r.PostFormValue("password")))
	switch {
	case errors.Is(err, accounts.ErrBadLogin) || errors.Is(err, accounts.ErrDisabled):
		for _, k := range limits {
			k.l.Fail(k.key)
		}
		v.Message = "用户名或密码错误。"
		s.render(w, r, anon, http.StatusUnauthorized, "login", "登录", v)
		return
	case err != nil:
		s.fail(w, r, anon, err)
		return
	}
	s.opt.Limiter.Reset(name)
	s.sessions.delete(ss.id)
	s.setCookie(w, s.sessions.create(u.Name))
	http.Redirect(w, r, v.Next, http.StatusSeeOther)
}

// logout ends the session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, c *call) {
	if c.sess != nil {
		s.sessions.delete(c.sess.id)
		s.setCookie(w, nil)
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// meView is who the caller is, and the CSRF token a browser script sends
// as X-CSRF-Token.
type meView struct {
	Name   string        `json:"name"`
	Role   accounts.Role `json:"role"`
	Region string        `json:"region,omitempty"`
	CSRF   string        `json:"csrf,omitempty"`
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, c *call) {
	writeJSON(w, http.StatusOK, meView{Name: c.user.Name, Role: c.user.Role, Region: c.user.Region, CSRF: c.csrf()})
}

// safeNext keeps a redirect target on this server.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

// clientAddr is the client's IP address (the connection's; a proxy in
// front makes it the proxy's, which still bounds the attempts per name).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

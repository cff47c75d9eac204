package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"sync"
	"time"
)

// session is one browser's login, or the anonymous session that carries
// the login form's CSRF token.
type session struct {
	id      string
	user    string // "" before login
	csrf    string
	expires time.Time
}

// sessions is the in-memory session store. Safe for concurrent use.
type sessions struct {
	ttl time.Duration
	now func() time.Time

	mu sync.Mutex
	m  map[string]*session
}

// anonTTL bounds the life of a login form's session.
const anonTTL = 30 * time.Minute

// maxSessions bounds the store; expired sessions are swept when it fills.
const maxSessions = 100_000

func newSessions(ttl time.Duration, now func() time.Time) *sessions {
	return &sessions{ttl: ttl, now: now, m: map[string]*session{}}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// create starts a session for user ("" for an anonymous one).
func (s *sessions) create(user string) *session {
	ttl := s.ttl
	if user == "" {
		ttl = anonTTL
	}
	ss := &session{id: randomHex(32), user: user, csrf: randomHex(32), expires: s.now().Add(ttl)}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.m) >= maxSessions {
		s.sweep()
	}
	if len(s.m) >= maxSessions { // still full: drop a login form's session, else any
		victim := ""
		for id, o := range s.m {
			victim = id
			if o.user == "" {
				break
			}
		}
		delete(s.m, victim)
	}
	s.m[ss.id] = ss
	return ss
}

// sweep drops expired sessions; s.mu is held.
func (s *sessions) sweep() {
	now := s.now()
	for id, ss := range s.m {
		if !now.Before(ss.expires) {
			delete(s.m, id)
		}
	}
}

// get returns the live session id, or nil.
func (s *sessions) get(id string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.m[id]
	if ss == nil {
		return nil
	}
	if !s.now().Before(ss.expires) {
		delete(s.m, id)
		return nil
	}
	return ss
}

func (s *sessions) delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
}

// checkCSRF compares a submitted token with the session's in constant time.
func (ss *session) checkCSRF(token string) bool {
	return ss != nil && token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(ss.csrf)) == 1
}

// cookieName is the session cookie's name: with the __Host- prefix when
// Secure, so that no other host or path can set it.
func (s *Server) cookieName() string {
	if s.opt.SecureCookies {
		return "__Host-ruku"
	}
	return "ruku_session"
}

// session returns the request's live session, or nil.
func (s *Server) session(r *http.Request) *session {
	c, err := r.Cookie(s.cookieName())
	if err != nil || len(c.Value) != 64 {
		return nil
	}
	return s.sessions.get(c.Value)
}

// setCookie sends the session cookie (or clears it when ss is nil).
func (s *Server) setCookie(w http.ResponseWriter, ss *session) {
	c := &http.Cookie{
		Name:     s.cookieName(),
		Path:     "/",
		HttpOnly: true,
		Secure:   s.opt.SecureCookies,
		SameSite: http.SameSiteStrictMode,
	}
	if ss == nil {
		c.MaxAge = -1
	} else {
		c.Value = ss.id
		c.Expires = ss.expires
	}
	http.SetCookie(w, c)
}

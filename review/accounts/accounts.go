// Package accounts keeps the reviewers' workspace accounts in the object
// store, the system of record: users with a role and, for county and city
// reviewers, the region they are bound to; argon2id password hashes with a
// per-user salt; per-user API tokens of which only a hash is stored.
//
// Layout, in bucket "accounts" (Bucket):
//
//	users/<name>.json          one User, replaced when it changes
//	tokens/<sha256>.json       one Token, keyed by the SHA-256 of the token
//
// A token is 32 random bytes shown once; its SHA-256 (hex) names the object,
// so a lookup is one Get and the store never holds a usable token.
package accounts

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"ruku/review/region"
	"ruku/storage"
)

// Bucket is the bucket accounts live in.
const Bucket = "accounts"

// Role is what an account may do.
type Role string

// The roles of the guide's 第八条 chain, plus the auditor and the admin.
const (
	County   Role = "county"   // 县级初审, bound to a county
	City     Role = "city"     // 市级推荐, bound to a city-level unit
	Province Role = "province" // 省级审核, everything
	Auditor  Role = "auditor"  // reads everything, decides nothing
	Admin    Role = "admin"    // manages accounts; reads everything
)

// Roles lists the roles in order.
var Roles = []Role{County, City, Province, Auditor, Admin}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// User is one account.
type User struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
	// Region is the county code of a county reviewer or the review unit's
	// code of a city reviewer (region package); empty for other roles.
	Region   string    `json:"region,omitempty"`
	Password Hash      `json:"password"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	Disabled bool      `json:"disabled,omitempty"`
}

// Token is the stored record of an API token.
type Token struct {
	User    string    `json:"user"`
	Created time.Time `json:"created"`
}

// Errors of this package, wrapped.
var (
	ErrNoUser     = errors.New("accounts: no such user")
	ErrUserExists = errors.New("accounts: user exists")
	ErrBadLogin   = errors.New("accounts: wrong name or password")
	ErrBadToken   = errors.New("accounts: unknown token")
	ErrInvalid    = errors.New("accounts: invalid")
	ErrDisabled   = errors.New("accounts: account disabled")
)

// Store reads and writes accounts.
type Store struct {
	st     storage.Store
	table  *region.Table
	params Params
	now    func() time.Time
	dummy  Hash // verified against when a user does not exist
}

// Option configures a Store.
type Option func(*Store)

// WithParams sets the argon2id costs of new hashes (tests use small ones).
func WithParams(p Params) Option { return func(s *Store) { s.params = p } }

// WithClock sets the clock.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// New returns a Store over st, checking regions against table.
func New(st storage.Store, table *region.Table, opts ...Option) *Store {
	s := &Store{st: st, table: table, params: DefaultParams, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	// A fixed dummy: only its cost matters.
	p := s.params
	s.dummy = Hash{Alg: algArgon2id, Params: p, Salt: make([]byte, 16), Key: make([]byte, p.KeyLen)}
	return s
}

// EnsureBucket creates the accounts bucket if it is missing.
func (s *Store) EnsureBucket(ctx context.Context) error {
	if err := s.st.EnsureBucket(ctx, Bucket, false); err != nil {
		return fmt.Errorf("accounts: ensure bucket: %w", err)
	}
	return nil
}

// ValidName reports whether name is an acceptable account name: 1 to 64
// letters, digits, '.', '_' or '-', not starting with '.' or '-'.
func ValidName(name string) error {
	n := utf8.RuneCountInString(name)
	if n == 0 || n > 64 || !utf8.ValidString(name) || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "-") {
		return fmt.Errorf("name %q: %w (1-64 letters, digits, . _ -)", name, ErrInvalid)
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '_' && r != '-' {
			return fmt.Errorf("name %q: %w (1-64 letters, digits, . _ -)", name, ErrInvalid)
		}
	}
	return nil
}

// CheckRegion checks a role's region: a known county for a county
// reviewer, a review unit's code for a city reviewer, none otherwise.
func (s *Store) CheckRegion(role Role, code string) error {
	switch {
	case !role.Valid():
		return fmt.Errorf("role %q: %w (want one of %v)", role, ErrInvalid, Roles)
	case role == County && !s.table.IsCounty(code):
		return fmt.Errorf("county reviewer: region %q is not a county code of %s: %w", code, s.table.Province.Name, ErrInvalid)
	case role == City && s.table.CityByCode(code) == nil:
		return fmt.Errorf("city reviewer: region %q is not a city-level unit of %s: %w", code, s.table.Province.Name, ErrInvalid)
	case role != County && role != City && code != "":
		return fmt.Errorf("role %s takes no region: %w", role, ErrInvalid)
	}
	return nil
}

func userKey(name string) string { return "users/" + name + ".json" }

func tokenKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return "tokens/" + hex.EncodeToString(sum[:]) + ".json"
}

// Add creates an account; an existing name is ErrUserExists.
func (s *Store) Add(ctx context.Context, name string, role Role, regionCode string, password []byte) (User, error) {
	if err := ValidName(name); err != nil {
		return User{}, err
	}
	if err := s.CheckRegion(role, regionCode); err != nil {
		return User{}, err
	}
	h, err := HashPassword(password, s.params)
	if err != nil {
		return User{}, fmt.Errorf("add %s: %w: %w", name, ErrInvalid, err)
	}
	now := s.now().UTC()
	u := User{Name: name, Role: role, Region: regionCode, Password: h, Created: now, Updated: now}
	if err := s.put(ctx, userKey(name), u, true); err != nil {
		if errors.Is(err, storage.ErrExists) {
			return User{}, fmt.Errorf("add %s: %w", name, ErrUserExists)
		}
		return User{}, fmt.Errorf("add %s: %w", name, err)
	}
	return u, nil
}

// Get reads an account; a missing one is ErrNoUser.
func (s *Store) Get(ctx context.Context, name string) (User, error) {
	if err := ValidName(name); err != nil {
		return User{}, fmt.Errorf("get %q: %w", name, ErrNoUser)
	}
	var u User
	if err := s.get(ctx, userKey(name), &u); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return User{}, fmt.Errorf("get %s: %w", name, ErrNoUser)
		}
		return User{}, fmt.Errorf("get %s: %w", name, err)
	}
	return u, nil
}

// List reads every account, sorted by name.
func (s *Store) List(ctx context.Context) ([]User, error) {
	objs, err := s.st.List(ctx, Bucket, "users/")
	if err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return nil, nil
		}
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	out := make([]User, 0, len(objs))
	for _, o := range objs {
		var u User
		if err := s.get(ctx, o.Key, &u); err != nil {
			return nil, fmt.Errorf("list accounts: %w", err)
		}
		out = append(out, u)
	}
	return out, nil
}

// SetPassword replaces an account's password.
func (s *Store) SetPassword(ctx context.Context, name string, password []byte) error {
	u, err := s.Get(ctx, name)
	if err != nil {
		return err
	}
	h, err := HashPassword(password, s.params)
	if err != nil {
		return fmt.Errorf("set password of %s: %w: %w", name, ErrInvalid, err)
	}
	u.Password, u.Updated = h, s.now().UTC()
	return s.put(ctx, userKey(name), u, false)
}

// SetDisabled disables or re-enables an account.
func (s *Store) SetDisabled(ctx context.Context, name string, disabled bool) error {
	u, err := s.Get(ctx, name)
	if err != nil {
		return err
	}
	u.Disabled, u.Updated = disabled, s.now().UTC()
	return s.put(ctx, userKey(name), u, false)
}

// Authenticate checks a name and password. Every failure is ErrBadLogin
// (wrapped), and a missing user costs one hash like a wrong password. A
// disabled account is ErrDisabled.
func (s *Store) Authenticate(ctx context.Context, name string, password []byte) (User, error) {
	u, err := s.Get(ctx, name)
	switch {
	case errors.Is(err, ErrNoUser):
		s.dummy.Verify(password)
		return User{}, fmt.Errorf("log in: %w", ErrBadLogin)
	case err != nil:
		return User{}, fmt.Errorf("log in: %w", err)
	case !u.Password.Verify(password):
		return User{}, fmt.Errorf("log in: %w", ErrBadLogin)
	case u.Disabled:
		return User{}, fmt.Errorf("log in %s: %w", name, ErrDisabled)
	}
	return u, nil
}

// NewToken makes a new API token for an existing account and returns it;
// only its hash is stored, so it cannot be shown again.
func (s *Store) NewToken(ctx context.Context, name string) (string, error) {
	if _, err := s.Get(ctx, name); err != nil {
		return "", err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new token: %w", err)
	}
	tok := "rk_" + hex.EncodeToString(b)
	if err := s.put(ctx, tokenKey(tok), Token{User: name, Created: s.now().UTC()}, true); err != nil {
		return "", fmt.Errorf("new token for %s: %w", name, err)
	}
	return tok, nil
}

// ByToken returns the account a token belongs to; an unknown token, or one
// of a missing or disabled account, is ErrBadToken.
func (s *Store) ByToken(ctx context.Context, token string) (User, error) {
	if len(token) != 67 || !strings.HasPrefix(token, "rk_") {
		return User{}, fmt.Errorf("token: %w", ErrBadToken)
	}
	var t Token
	if err := s.get(ctx, tokenKey(token), &t); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return User{}, fmt.Errorf("token: %w", ErrBadToken)
		}
		return User{}, fmt.Errorf("token: %w", err)
	}
	u, err := s.Get(ctx, t.User)
	if errors.Is(err, ErrNoUser) || err == nil && u.Disabled {
		return User{}, fmt.Errorf("token of %s: %w", t.User, ErrBadToken)
	}
	return u, err
}

// RevokeToken removes a token; an unknown one is not an error.
func (s *Store) RevokeToken(ctx context.Context, token string) error {
	if err := s.st.Remove(ctx, Bucket, tokenKey(token)); err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	return nil
}

func (s *Store) put(ctx context.Context, key string, v any, ifAbsent bool) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return s.st.Put(ctx, Bucket, key, bytes.NewReader(b), int64(len(b)),
		storage.PutOptions{ContentType: "application/json", IfAbsent: ifAbsent})
}

func (s *Store) get(ctx context.Context, key string, v any) error {
	rc, err := s.st.Get(ctx, Bucket, key)
	if err != nil {
		return err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 1<<20))
	if err != nil {
		return fmt.Errorf("read %s: %w", key, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", key, err)
	}
	return nil
}

package accounts_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"ruku/review/accounts"
	"ruku/review/region"
	"ruku/storage"
	"ruku/storage/local"
)

// cheap keeps the tests fast; the production costs are DefaultParams.
var cheap = accounts.Params{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

func newStore(t testing.TB) (*accounts.Store, storage.Store) {
	t.Helper()
	st, err := local.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := accounts.New(st, region.Hebei(), accounts.WithParams(cheap))
	if err := a.EnsureBucket(context.Background()); err != nil {
		t.Fatal(err)
	}
	return a, st
}

func TestAddAuthenticate(t *testing.T) {
	ctx := context.Background()
	a, st := newStore(t)
	pw := []byte("correct horse battery")
	if _, err := a.Add(ctx, "zhang", accounts.County, "130102", pw); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Add(ctx, "zhang", accounts.Province, "", pw); !errors.Is(err, accounts.ErrUserExists) {
		t.Errorf("second add: %v, want ErrUserExists", err)
	}
	u, err := a.Authenticate(ctx, "zhang", pw)
	if err != nil || u.Role != accounts.County || u.Region != "130102" {
		t.Fatalf("Authenticate = %+v, %v", u, err)
	}
	for _, tc := range []struct{ name, pw string }{{"zhang", "wrong password!"}, {"nobody", string(pw)}, {"", "x"}} {
		if _, err := a.Authenticate(ctx, tc.name, []byte(tc.pw)); !errors.Is(err, accounts.ErrBadLogin) {
			t.Errorf("Authenticate(%q, %q) = %v, want ErrBadLogin", tc.name, tc.pw, err)
		}
	}
	// The stored object holds a salted argon2id hash, not the password.
	rc, err := st.Get(ctx, accounts.Bucket, "users/zhang.json")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if strings.Contains(string(b), string(pw)) || !strings.Contains(string(b), `"argon2id"`) {
		t.Errorf("stored user: %s", b)
	}
	if err := a.SetPassword(ctx, "zhang", []byte("another long one")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, "zhang", pw); !errors.Is(err, accounts.ErrBadLogin) {
		t.Errorf("old password after change: %v", err)
	}
	if err := a.SetDisabled(ctx, "zhang", true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, "zhang", []byte("another long one")); !errors.Is(err, accounts.ErrDisabled) {
		t.Errorf("disabled: %v", err)
	}
}

func TestSaltsDiffer(t *testing.T) {
	a, err := accounts.HashPassword([]byte("same password"), cheap)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := accounts.HashPassword([]byte("same password"), cheap)
	if string(a.Salt) == string(b.Salt) || string(a.Key) == string(b.Key) {
		t.Error("two hashes of one password share salt or key")
	}
	if !a.Verify([]byte("same password")) || a.Verify([]byte("same passwore")) {
		t.Error("Verify")
	}
	if _, err := accounts.HashPassword([]byte("short"), cheap); err == nil {
		t.Error("a 5-byte password was accepted")
	}
}

func TestRoles(t *testing.T) {
	ctx := context.Background()
	a, _ := newStore(t)
	pw := []byte("0123456789ab")
	for _, tc := range []struct {
		name   string
		role   accounts.Role
		region string
		ok     bool
	}{
		{"c1", accounts.County, "130102", true},
		{"c2", accounts.County, "130100", false}, // a city code
		{"c3", accounts.County, "", false},
		{"c4", accounts.County, "110108", false}, // outside Hebei
		{"s1", accounts.City, "130100", true},
		{"s2", accounts.City, "130181", true}, // 辛集
		{"s3", accounts.City, "133100", true}, // 雄安
		{"s4", accounts.City, "130102", false},
		{"p1", accounts.Province, "", true},
		{"p2", accounts.Province, "130100", false},
		{"a1", accounts.Auditor, "", true},
		{"x1", accounts.Admin, "", true},
		{"r1", accounts.Role("root"), "", false},
		{"bad/name", accounts.Admin, "", false},
		{"..", accounts.Admin, "", false},
		{"王科长", accounts.Province, "", true},
	} {
		_, err := a.Add(ctx, tc.name, tc.role, tc.region, pw)
		if (err == nil) != tc.ok {
			t.Errorf("Add(%q, %s, %q) = %v, want ok %v", tc.name, tc.role, tc.region, err, tc.ok)
		}
	}
	us, err := a.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range us {
		names = append(names, u.Name)
	}
	if got := strings.Join(names, ","); got != "a1,c1,p1,s1,s2,s3,x1,王科长" {
		t.Errorf("List = %s", got)
	}
}

func TestTokens(t *testing.T) {
	ctx := context.Background()
	a, st := newStore(t)
	if _, err := a.Add(ctx, "li", accounts.City, "130100", []byte("0123456789ab")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.NewToken(ctx, "nobody"); !errors.Is(err, accounts.ErrNoUser) {
		t.Errorf("token for a missing user: %v", err)
	}
	tok, err := a.NewToken(ctx, "li")
	if err != nil {
		t.Fatal(err)
	}
	tok2, _ := a.NewToken(ctx, "li")
	if tok == tok2 {
		t.Fatal("two tokens alike")
	}
	u, err := a.ByToken(ctx, tok)
	if err != nil || u.Name != "li" {
		t.Fatalf("ByToken = %+v, %v", u, err)
	}
	objs, _ := st.List(ctx, accounts.Bucket, "tokens/")
	for _, o := range objs {
		if strings.Contains(o.Key, tok[3:]) {
			t.Errorf("token stored in the clear: %s", o.Key)
		}
	}
	for _, bad := range []string{"", tok[:66], "rk_" + strings.Repeat("0", 64), strings.ToUpper(tok)} {
		if _, err := a.ByToken(ctx, bad); !errors.Is(err, accounts.ErrBadToken) {
			t.Errorf("ByToken(%q) = %v", bad, err)
		}
	}
	if err := a.RevokeToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ByToken(ctx, tok); !errors.Is(err, accounts.ErrBadToken) {
		t.Errorf("revoked token: %v", err)
	}
	if _, err := a.ByToken(ctx, tok2); err != nil {
		t.Errorf("other token after revoke: %v", err)
	}
	a.SetDisabled(ctx, "li", true)
	if _, err := a.ByToken(ctx, tok2); !errors.Is(err, accounts.ErrBadToken) {
		t.Errorf("token of a disabled user: %v", err)
	}
}

// FuzzLogin: any name and password from a login form gives a user or
// ErrBadLogin, never a store error (a name cannot reach another key).
func FuzzLogin(f *testing.F) {
	a, _ := newStore(f)
	ctx := context.Background()
	if _, err := a.Add(ctx, "zhang", accounts.Province, "", []byte("0123456789ab")); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"zhang", "../accounts/users/zhang", "users/zhang", "zhang.json", "", ".", "a\x00b", "张"} {
		f.Add(s, "0123456789ab")
	}
	f.Fuzz(func(t *testing.T, name, pw string) {
		u, err := a.Authenticate(ctx, name, []byte(pw))
		switch {
		case err == nil && (name != "zhang" || pw != "0123456789ab"):
			t.Fatalf("logged in as %q with %q", u.Name, pw)
		case err != nil && !errors.Is(err, accounts.ErrBadLogin):
			t.Fatalf("Authenticate(%q): %v", name, err)
		}
		if _, err := a.ByToken(ctx, name); !errors.Is(err, accounts.ErrBadToken) {
			t.Fatalf("ByToken(%q): %v", name, err)
		}
	})
}

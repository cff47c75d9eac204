package accounts

import (
	"crypto/rand"
	"crypto/subtle"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters. They are stored with each hash,
// so raising them applies to passwords set afterwards and old hashes still
// verify.
type Params struct {
	Time    uint32 `json:"t"`
	Memory  uint32 `json:"m"` // KiB
	Threads uint8  `json:"p"`
	KeyLen  uint32 `json:"len"`
}

// DefaultParams are the costs of new hashes: 64 MiB, two passes, two lanes
// (RFC 9106 section 4 and OWASP's recommendations lie around these).
var DefaultParams = Params{Time: 2, Memory: 64 * 1024, Threads: 2, KeyLen: 32}

// Hash is a stored password hash.
type Hash struct {
	Alg    string `json:"alg"` // "argon2id"
	Params Params `json:"params"`
	Salt   []byte `json:"salt"`
	Key    []byte `json:"key"`
}

const algArgon2id = "argon2id"

// MinPassword and MaxPassword bound a password's length in bytes.
const (
	MinPassword = 10
	MaxPassword = 1024
)

// HashPassword hashes a password with a fresh 16-byte salt.
func HashPassword(password []byte, p Params) (Hash, error) {
	if len(password) < MinPassword || len(password) > MaxPassword {
		return Hash{}, fmt.Errorf("password: want %d to %d bytes, got %d", MinPassword, MaxPassword, len(password))
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return Hash{}, fmt.Errorf("password salt: %w", err)
	}
	return Hash{Alg: algArgon2id, Params: p, Salt: salt, Key: derive(password, salt, p)}, nil
}

func derive(password, salt []byte, p Params) []byte {
	return argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

// Verify reports whether password matches, comparing in constant time.
func (h Hash) Verify(password []byte) bool {
	if h.Alg != algArgon2id || len(h.Key) == 0 || h.Params.Time == 0 || h.Params.Threads == 0 ||
		len(password) > MaxPassword {
		return false
	}
	p := h.Params
	p.KeyLen = uint32(len(h.Key))
	return subtle.ConstantTimeCompare(derive(password, h.Salt, p), h.Key) == 1
}

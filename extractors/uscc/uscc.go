// Package uscc validates and finds unified social credit codes
// (统一社会信用代码, GB 32100-2015): 18 characters, the last a check
// character over the first 17.
package uscc

import (
	"strings"
)

// alphabet is the GB 32100 character set in value order (no I, O, S, V, Z).
const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var weights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// Len is the length of a USCC.
const Len = 18

// CheckChar returns the check character for the first 17 characters of
// code, and false when they hold a character outside the set.
func CheckChar(code string) (byte, bool) {
	if len(code) < 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(alphabet, code[i])
		if v < 0 {
			return 0, false
		}
		sum += v * weights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return alphabet[c], true
}

// Valid reports whether s is an 18-character USCC whose check character
// verifies. Lower-case letters are not accepted.
func Valid(s string) bool {
	if len(s) != Len {
		return false
	}
	c, ok := CheckChar(s)
	return ok && c == s[17]
}

// Division returns the administrative division code (characters 3-8).
func Division(s string) string {
	if len(s) < 8 {
		return ""
	}
	return s[2:8]
}

// confusions maps characters OCR puts in place of a set character, and
// that cannot stand in a USCC, to the characters they may stand for.
var confusions = map[byte]string{'O': "0", 'I': "1", 'S': "5", 'Z': "2", 'V': "UY"}

// Repair returns s itself when valid. Otherwise, for OCR readings only, it
// replaces the characters that cannot stand in a USCC with the ones OCR
// confuses them with (O→0, I→1, S→5, Z→2, V→U/Y) and returns the single
// result whose check character verifies. When none or more than one
// verifies, it returns false: the code is unreadable. Characters of the set
// are never changed, so a wrong code is not made valid.
func Repair(s string) (string, bool) {
	s = strings.ToUpper(s)
	if len(s) != Len {
		return "", false
	}
	if Valid(s) {
		return s, true
	}
	results := []string{""}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alts := string(c)
		if strings.IndexByte(alphabet, c) < 0 {
			r, ok := confusions[c]
			if !ok {
				return "", false
			}
			alts = r
		}
		next := make([]string, 0, len(results)*len(alts))
		for _, p := range results {
			for j := 0; j < len(alts); j++ {
				next = append(next, p+alts[j:j+1])
			}
		}
		if len(next) > 64 {
			return "", false
		}
		results = next
	}
	found := ""
	for _, r := range results {
		if Valid(r) {
			if found != "" {
				return "", false
			}
			found = r
		}
	}
	return found, found != ""
}

// Candidates returns the 18-character runs of letters and digits in s
// (upper-cased), in order, without checking them.
func Candidates(s string) []string {
	var out []string
	run := make([]byte, 0, 32)
	flush := func() {
		if len(run) == Len {
			out = append(out, strings.ToUpper(string(run)))
		}
		run = run[:0]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			run = append(run, c)
			continue
		}
		if c == ' ' && len(run) > 0 && len(run) < Len && i+1 < len(s) && isAlnum(s[i+1]) {
			continue // OCR splits a code with a space
		}
		flush()
	}
	flush()
	return out
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// Find returns the valid USCCs in s, repairing OCR confusions only where the
// check character then verifies, in order of appearance, without duplicates.
func Find(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range Candidates(s) {
		if r, ok := Repair(c); ok && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

package rules

import (
	"strings"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/extractors/uscc"
	"ruku/lexicon"
)

// entityMatch is what comparing a name read in a document with the
// applicant's shows.
type entityMatch int

const (
	// entitySame: the names are equal after normalising.
	entitySame entityMatch = iota
	// entitySameByUSCC: a name read by OCR whose USCC is the applicant's.
	entitySameByUSCC
	// entitySameOCR: a name read by OCR that differs from the applicant's
	// only where OCR is unsure (a character or two, same length).
	entitySameOCR
	// entityUnsure: the reading cannot tell.
	entityUnsure
	// entityOther: clearly another entity.
	entityOther
)

// normName normalises a name for comparison: NFKC without spaces, empty
// brackets dropped, punctuation trimmed from both ends.
func normName(s string) string {
	n := parse.Compact(s)
	n = strings.ReplaceAll(n, "()", "")
	return strings.Trim(n, ":：,，.。;；、\"'“”‘’")
}

// compareEntity compares a name (and the USCC read beside it, if any) with
// the applicant; the Reason says why it cannot tell when it cannot.
//
// A name read from a text layer or a sheet with confidence is another
// entity when it differs from the applicant's (RULES.md: one character
// different is another entity) and is clearly an entity of its own: an
// organisation's name, the applicant's name followed by one (a branch), or
// the applicant's legal representative in person. A reading that contains
// the applicant's name with leftovers, that is not an organisation's name
// (a stray line), or that was flagged as doubtful cannot tell.
//
// A name read by OCR, or compared with an applicant's name known only by
// OCR, is the applicant's when its USCC matches or when it differs from the
// applicant's in at most two characters at the same places (where OCR is
// unsure); it is another entity only when a valid USCC read beside it names
// another entity, and otherwise cannot tell: never a fail on OCR alone.
func (c *checker) compareEntity(name, code string, m extractors.Method, doubt string) (entityMatch, Reason) {
	n := normName(name)
	if c.nameOCR {
		m = extractors.MethodOCR
	}
	switch {
	case c.name == "":
		return entityUnsure, ReasonNameNoApplicant
	case n == c.name:
		return entitySame, ""
	case n == "":
		return entityUnsure, ReasonNameNotRead
	}
	otherCode := code != "" && c.code != "" && code != c.code && uscc.Valid(code)
	if m == extractors.MethodOCR {
		if code != "" && code == c.code {
			return entitySameByUSCC, ""
		}
		close := false
		if d := runeDiff(n, c.name); d >= 0 && d <= 2 {
			close = true
		}
		switch {
		case close && otherCode:
			return entityUnsure, ReasonNameUSCCConflict
		case close:
			return entitySameOCR, ""
		case otherCode && !strings.Contains(n, c.name) && !strings.Contains(c.name, n):
			return entityOther, ""
		}
		return entityUnsure, ReasonNameOCRUnsure
	}
	switch {
	case doubt != "":
		return entityUnsure, ReasonNameDoubt
	case strings.HasPrefix(n, c.name) && c.isOrgName(strings.TrimPrefix(n, c.name)):
		// The applicant's name followed by a name of its own: a branch or
		// an entity named after it.
		return entityOther, ""
	case strings.Contains(n, c.name) || strings.Contains(c.name, n):
		return entityUnsure, ReasonNameLeftovers
	case !c.isOrgName(n) && !otherCode && (c.legalRep == "" || n != c.legalRep):
		// A person's name, or a stray line; the applicant's legal
		// representative holding the lease is another entity.
		return entityUnsure, ReasonNameNotOrg
	}
	return entityOther, ""
}

// isOrgName reports whether n (normalised) ends as an organisation's name
// does: with an entity type of the rules file or an organisation word of
// the lexicon, bracketed notes such as (有限合伙) aside.
func (c *checker) isOrgName(n string) bool {
	for strings.HasSuffix(n, ")") {
		i := strings.LastIndex(n, "(")
		if i <= 0 {
			break
		}
		n = n[:i]
	}
	if n == "" {
		return false
	}
	for _, list := range [][]string{c.r.LegalPersonTypes, c.r.NotLegalPersonTypes, lexicon.Default().Words("entity.org_suffixes")} {
		for _, w := range list {
			if w = parse.Compact(w); w != "" && strings.HasSuffix(n, w) {
				return true
			}
		}
	}
	return false
}

// runeDiff counts differing characters of two equal-length strings, -1 when
// the lengths differ.
func runeDiff(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return -1
	}
	d := 0
	for i := range ra {
		if ra[i] != rb[i] {
			d++
		}
	}
	return d
}

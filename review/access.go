package review

import (
	"errors"
	"fmt"

	"ruku/review/accounts"
	"ruku/review/decisions"
)

// ErrForbidden is wrapped by the errors of CanDecide and Permit: the user
// may not do this (a server answers 403).
var ErrForbidden = errors.New("review: forbidden")

// CanSee reports whether u may see application a (属地原则): a county
// reviewer the applications of their county, a city reviewer those of
// their city-level unit, the province, auditors and admins all. Disabled
// accounts see nothing. It is the one rule for lists, pages, page images,
// original files, exports and the API.
func CanSee(u accounts.User, a *Application) bool {
	if u.Disabled || a == nil {
		return false
	}
	switch u.Role {
	case accounts.County:
		return u.Region != "" && a.Region.County == u.Region
	case accounts.City:
		return u.Region != "" && a.Region.City == u.Region
	case accounts.Province, accounts.Auditor, accounts.Admin:
		return true
	}
	return false
}

// stepOf is the step each deciding role takes.
var stepOf = map[accounts.Role]decisions.Step{
	accounts.County:   decisions.County,
	accounts.City:     decisions.City,
	accounts.Province: decisions.Province,
}

// CanDecide says whether u may take step's decision on a now: u's role is
// the step's (the county step only by a county reviewer of a's county, the
// city step only by a city reviewer of a's unit, the province step by the
// province), u can see a, and a stands where that step decides. A nil error
// means yes; otherwise the error wraps ErrForbidden and says why.
func CanDecide(u accounts.User, a *Application, step decisions.Step) error {
	if !CanSee(u, a) {
		return fmt.Errorf("%s may not see application %s: %w", u.Name, shortID(a), ErrForbidden)
	}
	if s, ok := stepOf[u.Role]; !ok || s != step {
		return fmt.Errorf("role %s does not take the %s step: %w", u.Role, step, ErrForbidden)
	}
	if !decisions.Open(step, a.State) {
		return fmt.Errorf("application %s is %s; the %s step does not decide now: %w", shortID(a), a.State, step, ErrForbidden)
	}
	return nil
}

// Permit says whether u may record decision d on a. Step decisions follow
// CanDecide. Criterion decisions and region corrections are taken by the
// reviewer whose step is open (the one holding the application), as part of
// that step's review; a province reviewer may also correct the region at
// any time (an application placed in no county reaches no county reviewer
// until it is). Auditors and admins decide nothing.
func Permit(u accounts.User, a *Application, d *decisions.Decision) error {
	switch d.Kind {
	case decisions.KindStep:
		return CanDecide(u, a, d.Step)
	case decisions.KindCriterion, decisions.KindRegion:
		if d.Kind == decisions.KindRegion && u.Role == accounts.Province && CanSee(u, a) {
			return nil
		}
		s, ok := stepOf[u.Role]
		if !ok {
			return fmt.Errorf("role %s takes no decisions: %w", u.Role, ErrForbidden)
		}
		return CanDecide(u, a, s)
	}
	return fmt.Errorf("decision kind %q: %w", d.Kind, ErrForbidden)
}

func shortID(a *Application) string {
	if a == nil || len(a.ID) < 12 {
		return "?"
	}
	return a.ID[:12]
}

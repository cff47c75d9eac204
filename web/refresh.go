package web

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"ruku/archive"
	"ruku/review"
	"ruku/review/accounts"
	"ruku/storage"
)

// Refresh loads into the workspace's index the applications whose
// dossiers appeared in the store since the index was built (the workers'
// new bundles and re-audits), and returns how many it loaded. The store
// stays the system of record; this only keeps the cache current.
func Refresh(ctx context.Context, ws *review.Workspace) (int, error) {
	ds, err := archive.ListDossiers(ctx, ws.Store, "")
	if errors.Is(err, storage.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("refresh: %w", err)
	}
	dirs := map[string][]string{}
	for _, d := range ds {
		dirs[d.SHA256] = append(dirs[d.SHA256], d.RulesDir)
	}
	reader := accounts.User{Name: "ruku-refresh", Role: accounts.Auditor}
	n := 0
	var errs []error
	for sha, ds := range dirs {
		if a, err := ws.Application(reader, sha); err == nil && len(a.RulesDirs) == len(ds) && !slices.ContainsFunc(ds, func(d string) bool { return !slices.Contains(a.RulesDirs, d) }) {
			continue
		}
		if _, err := ws.Reload(ctx, sha); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	if err := errors.Join(errs...); err != nil {
		return n, fmt.Errorf("refresh: %w", err)
	}
	return n, nil
}

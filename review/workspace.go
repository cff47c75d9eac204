package review

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"ruku/archive"
	"ruku/pipeline/dossier"
	"ruku/review/accounts"
	"ruku/review/decisions"
	"ruku/review/region"
	"ruku/storage"
)

// ErrNotFound is wrapped when an application is not in the index.
var ErrNotFound = errors.New("review: no such application")

// Config configures a Workspace.
type Config struct {
	// Table is the division table (default region.Hebei()).
	Table *region.Table
	// RetainFor locks decision objects that long where the store supports
	// object lock (0: no lock).
	RetainFor time.Duration
	// Accounts are options of the accounts store (costs, clock).
	Accounts []accounts.Option
	// Jobs bounds concurrent reads when the index is built (0: 8).
	Jobs int
}

// Workspace is the reviewers' workspace over one object store.
type Workspace struct {
	Store     storage.Store
	Table     *region.Table
	Accounts  *accounts.Store
	Decisions *decisions.Log
	Index     *Index

	mu sync.Mutex // serialises Decide
}

// EnsureBuckets creates the workspace's buckets (accounts, decisions with
// object lock) if missing.
func EnsureBuckets(ctx context.Context, st storage.Store) error {
	if err := st.EnsureBucket(ctx, accounts.Bucket, false); err != nil {
		return fmt.Errorf("ensure bucket %s: %w", accounts.Bucket, err)
	}
	if err := st.EnsureBucket(ctx, decisions.Bucket, true); err != nil {
		return fmt.Errorf("ensure bucket %s: %w", decisions.Bucket, err)
	}
	return nil
}

// Open opens the workspace on st and builds the index from it.
func Open(ctx context.Context, st storage.Store, cfg Config) (*Workspace, error) {
	if cfg.Table == nil {
		cfg.Table = region.Hebei()
	}
	w := &Workspace{
		Store:     st,
		Table:     cfg.Table,
		Accounts:  accounts.New(st, cfg.Table, cfg.Accounts...),
		Decisions: decisions.NewLog(st, cfg.RetainFor),
	}
	ix, err := Build(ctx, st, cfg.Table, w.Decisions, cfg.Jobs)
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	w.Index = ix
	return w, nil
}

// Application returns application id if u may see it: ErrNotFound when it
// does not exist, ErrForbidden when u may not see it.
func (w *Workspace) Application(u accounts.User, id string) (*Application, error) {
	a := w.Index.get(id)
	if a == nil {
		return nil, fmt.Errorf("application %.12s: %w", id, ErrNotFound)
	}
	if !CanSee(u, a) {
		return nil, fmt.Errorf("%s may not see application %.12s: %w", u.Name, id, ErrForbidden)
	}
	return a, nil
}

// Dossier reads the dossier of application id under rulesDir ("" for the
// one the index shows), if u may see the application.
func (w *Workspace) Dossier(ctx context.Context, u accounts.User, id, rulesDir string) (*dossier.Dossier, error) {
	a, err := w.Application(u, id)
	if err != nil {
		return nil, err
	}
	if rulesDir == "" {
		rulesDir = a.Dossier.RulesDir
	}
	if !slices.Contains(a.RulesDirs, rulesDir) {
		return nil, fmt.Errorf("application %.12s has no dossier under %q: %w", id, rulesDir, ErrNotFound)
	}
	return archive.ReadDossier(ctx, w.Store, archive.DossierPrefix(id)+rulesDir+"/"+archive.DossierJSON)
}

// DossierJSON returns the stored dossier.json of application id under
// rulesDir ("" for the one the index shows) as it is, with the rules dir
// read, if u may see the application: for callers that need fields the
// dossier type does not hold (evidence boxes) or the exact bytes.
func (w *Workspace) DossierJSON(ctx context.Context, u accounts.User, id, rulesDir string) ([]byte, string, error) {
	a, err := w.Application(u, id)
	if err != nil {
		return nil, "", err
	}
	if rulesDir == "" {
		rulesDir = a.Dossier.RulesDir
	}
	if !slices.Contains(a.RulesDirs, rulesDir) {
		return nil, "", fmt.Errorf("application %.12s has no dossier under %q: %w", id, rulesDir, ErrNotFound)
	}
	key := archive.DossierPrefix(id) + rulesDir + "/" + archive.DossierJSON
	rc, err := w.Store.Get(ctx, storage.BucketDossiers, key)
	if err != nil {
		return nil, "", fmt.Errorf("read dossier %s: %w", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxDossierBytes))
	if err != nil {
		return nil, "", fmt.Errorf("read dossier %s: %w", key, err)
	}
	return b, rulesDir, nil
}

// maxDossierBytes bounds a dossier.json read by DossierJSON.
const maxDossierBytes = 64 << 20

// Decide records decision d by u on the dossier the index shows: it fills
// in the application's dossier, u's name and role, checks Permit and the
// decision's form, appends it, and updates the index. The stored decision
// is returned. A criterion that the dossier does not hold, or a region that
// is not one of the table's counties or units, is invalid.
func (w *Workspace) Decide(ctx context.Context, u accounts.User, d decisions.Decision) (decisions.Decision, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	a, err := w.Application(u, d.Application)
	if err != nil {
		return decisions.Decision{}, err
	}
	if err := Permit(u, a, &d); err != nil {
		return decisions.Decision{}, err
	}
	switch d.Kind {
	case decisions.KindCriterion:
		if !a.HasCriterion(d.Criterion) {
			return decisions.Decision{}, fmt.Errorf("criterion %q is not in the dossier: %w", d.Criterion, decisions.ErrInvalid)
		}
	case decisions.KindRegion:
		if !w.Table.IsCounty(d.Division) && w.Table.CityByCode(d.Division) == nil {
			return decisions.Decision{}, fmt.Errorf("region %q is not a county or city-level unit of %s: %w", d.Division, w.Table.Province.Name, decisions.ErrInvalid)
		}
	}
	d.By, d.Role, d.Dossier = u.Name, string(u.Role), a.Dossier
	stored, err := w.Decisions.Append(ctx, d)
	if err != nil {
		return decisions.Decision{}, err
	}
	next := *a
	next.setHistory(w.Table, append(slices.Clone(a.History), stored))
	w.Index.Put(&next)
	return stored, nil
}

// History returns application id's decisions, oldest first, read from the
// store, if u may see the application.
func (w *Workspace) History(ctx context.Context, u accounts.User, id string) ([]decisions.Decision, error) {
	if _, err := w.Application(u, id); err != nil {
		return nil, err
	}
	return w.Decisions.History(ctx, id)
}

// Reload re-reads one application from the store (after a submission or a
// re-audit wrote a dossier).
func (w *Workspace) Reload(ctx context.Context, id string) (*Application, error) {
	return w.Index.Load(ctx, w.Store, w.Decisions, id)
}

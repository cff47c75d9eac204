package review

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"ruku/archive"
	"ruku/review/accounts"
	"ruku/review/decisions"
	"ruku/review/region"
	"ruku/storage"
)

// Index holds every application in memory for listing. It is a cache of
// the object store: Build makes it from the store, and the Workspace keeps
// it current. It is safe for concurrent use.
type Index struct {
	table *region.Table

	mu    sync.RWMutex
	byID  map[string]*Application
	order map[SortKey][]*Application // ascending, built lazily
	// versions holds, per USCC, the bundles submitted under it, oldest
	// first (a bundle returned for 补正 comes back as a new bundle); built
	// lazily.
	versions map[string][]*Application
}

// NewIndex returns an empty index.
func NewIndex(t *region.Table) *Index {
	return &Index{table: t, byID: map[string]*Application{}, order: map[SortKey][]*Application{}}
}

// Build reads the object store into a new index: each bundle's newest
// dossier (by the time its dossier.json was written), the archive sidecar
// for the submission time, and every decision. jobs bounds concurrent
// reads (0: 8).
func Build(ctx context.Context, st storage.Store, t *region.Table, log *decisions.Log, jobs int) (*Index, error) {
	ds, err := archive.ListDossiers(ctx, st, "")
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return nil, fmt.Errorf("build index: %w", err)
	}
	newest := map[string]archive.StoredDossier{}
	dirs := map[string][]string{}
	for _, d := range ds {
		dirs[d.SHA256] = append(dirs[d.SHA256], d.RulesDir)
		n, ok := newest[d.SHA256]
		if !ok || d.Modified.After(n.Modified) || d.Modified.Equal(n.Modified) && d.RulesDir > n.RulesDir {
			newest[d.SHA256] = d
		}
	}
	hist, err := log.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	ix := NewIndex(t)
	if jobs <= 0 {
		jobs = 8
	}
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
		sem  = make(chan struct{}, jobs)
	)
	for sha, sd := range newest {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			a, err := load(ctx, st, t, sd, dirs[sha], hist[sha])
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			ix.byID[a.ID] = a
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	return ix, nil
}

// load reads one application.
func load(ctx context.Context, st storage.Store, t *region.Table, sd archive.StoredDossier, dirs []string, h []decisions.Decision) (*Application, error) {
	d, err := archive.ReadDossier(ctx, st, sd.Key)
	if err != nil {
		return nil, err
	}
	info, err := archive.ReadArchiveInfo(ctx, st, sd.SHA256)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return nil, err
	}
	return newApplication(t, d, sd, slices.Sorted(slices.Values(dirs)), info, h), nil
}

// Load reads (or re-reads) one application from the store into the index,
// as after a submission or a re-audit.
func (ix *Index) Load(ctx context.Context, st storage.Store, log *decisions.Log, sha string) (*Application, error) {
	ds, err := archive.ListDossiers(ctx, st, archive.DossierPrefix(sha))
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("load application %s: no dossier: %w", sha, storage.ErrNotFound)
	}
	newest, dirs := ds[0], []string{}
	for _, d := range ds {
		dirs = append(dirs, d.RulesDir)
		if d.Modified.After(newest.Modified) || d.Modified.Equal(newest.Modified) && d.RulesDir > newest.RulesDir {
			newest = d
		}
	}
	h, err := log.History(ctx, sha)
	if err != nil {
		return nil, err
	}
	a, err := load(ctx, st, ix.table, newest, dirs, h)
	if err != nil {
		return nil, err
	}
	ix.Put(a)
	return a, nil
}

// Put adds or replaces an application.
func (ix *Index) Put(a *Application) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.byID[a.ID] = a
	clear(ix.order)
	ix.versions = nil
}

// Len is the number of applications.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

// get returns the live entry (callers hold no lock afterwards; entries are
// replaced, never mutated, once published).
func (ix *Index) get(id string) *Application {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.byID[id]
}

// SortKey is a column to sort by.
type SortKey string

// The sort keys.
const (
	BySubmitted SortKey = "submitted"
	ByVerified  SortKey = "verified"
	ByName      SortKey = "name"
	ByUSCC      SortKey = "uscc"
	ByVerdict   SortKey = "verdict"
	ByState     SortKey = "state"
	ByRegion    SortKey = "region"
)

var compare = map[SortKey]func(a, b *Application) int{
	BySubmitted: func(a, b *Application) int { return a.Submitted.Compare(b.Submitted) },
	ByVerified:  func(a, b *Application) int { return a.Verified.Compare(b.Verified) },
	ByName:      func(a, b *Application) int { return strings.Compare(a.Name, b.Name) },
	ByUSCC:      func(a, b *Application) int { return strings.Compare(a.USCC, b.USCC) },
	ByVerdict:   func(a, b *Application) int { return strings.Compare(a.Verdict, b.Verdict) },
	ByState: func(a, b *Application) int {
		return cmp.Compare(slices.Index(decisions.States, a.State), slices.Index(decisions.States, b.State))
	},
	ByRegion: func(a, b *Application) int {
		return cmp.Or(strings.Compare(a.Region.City, b.Region.City), strings.Compare(a.Region.County, b.Region.County))
	},
}

// Query selects, orders and pages applications. Empty fields select all.
type Query struct {
	Verdict string
	State   decisions.State
	// City and County select by effective region codes.
	City, County string
	// Failed keeps applications whose criterion of this id is fail (after
	// reviewers' decisions).
	Failed string
	// Search keeps applications whose name contains it or whose USCC starts
	// with it (case-insensitive).
	Search string
	// LatestOnly keeps, of the bundles submitted under one USCC, only the
	// latest (by submission time).
	LatestOnly bool
	Sort       SortKey // default BySubmitted
	Desc       bool
	Offset     int
	Limit      int // default 50, at most 500
}

// Page is one page of a listing.
type Page struct {
	Total  int           `json:"total"` // matching, before paging
	Offset int           `json:"offset"`
	Limit  int           `json:"limit"`
	Items  []Application `json:"items"`
}

// MaxLimit is the largest page.
const MaxLimit = 500

// List returns the page of applications u may see that match q.
func (ix *Index) List(u accounts.User, q Query) (Page, error) {
	if q.Sort == "" {
		q.Sort = BySubmitted
	}
	if _, ok := compare[q.Sort]; !ok {
		return Page{}, fmt.Errorf("sort by %q: unknown column", q.Sort)
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, MaxLimit)
	q.Offset = max(q.Offset, 0)
	search := strings.ToLower(strings.TrimSpace(q.Search))
	order := ix.sorted(q.Sort)
	var vers map[string][]*Application
	if q.LatestOnly {
		vers = ix.allVersions()
	}
	p := Page{Offset: q.Offset, Limit: q.Limit, Items: []Application{}}
	n := len(order)
	for i := range n {
		a := order[i]
		if q.Desc {
			a = order[n-1-i]
		}
		if !match(u, a, &q, search) || vers != nil && !latest(vers, a) {
			continue
		}
		if p.Total >= q.Offset && len(p.Items) < q.Limit {
			p.Items = append(p.Items, *a)
		}
		p.Total++
	}
	return p, nil
}

func match(u accounts.User, a *Application, q *Query, search string) bool {
	switch {
	case q.Verdict != "" && a.Verdict != q.Verdict,
		q.State != "" && a.State != q.State,
		q.City != "" && a.Region.City != q.City,
		q.County != "" && a.Region.County != q.County,
		q.Failed != "" && !a.Failed(q.Failed),
		!CanSee(u, a):
		return false
	case search == "":
		return true
	}
	name, code, _ := strings.Cut(a.search, "\x00")
	return strings.Contains(name, search) || strings.HasPrefix(code, search)
}

// sorted returns the applications in ascending order of key (ties by ID),
// built once per key until the index changes.
func (ix *Index) sorted(key SortKey) []*Application {
	ix.mu.RLock()
	o, ok := ix.order[key]
	ix.mu.RUnlock()
	if ok {
		return o
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if o, ok := ix.order[key]; ok {
		return o
	}
	o = make([]*Application, 0, len(ix.byID))
	for _, a := range ix.byID {
		o = append(o, a)
	}
	c := compare[key]
	slices.SortFunc(o, func(a, b *Application) int { return cmp.Or(c(a, b), strings.Compare(a.ID, b.ID)) })
	ix.order[key] = o
	return o
}

// All returns the applications u may see, in ascending order of key.
func (ix *Index) All(u accounts.User, key SortKey) []*Application {
	var out []*Application
	for _, a := range ix.sorted(key) {
		if CanSee(u, a) {
			out = append(out, a)
		}
	}
	return out
}

// allVersions returns the bundles per USCC, oldest first, building the map
// once until the index changes.
func (ix *Index) allVersions() map[string][]*Application {
	ix.mu.RLock()
	v := ix.versions
	ix.mu.RUnlock()
	if v != nil {
		return v
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.versions != nil {
		return ix.versions
	}
	v = map[string][]*Application{}
	for _, a := range ix.byID {
		if a.USCC != "" {
			v[a.USCC] = append(v[a.USCC], a)
		}
	}
	for _, as := range v {
		slices.SortFunc(as, func(a, b *Application) int {
			return cmp.Or(a.Submitted.Compare(b.Submitted), strings.Compare(a.ID, b.ID))
		})
	}
	ix.versions = v
	return v
}

// latest reports whether a is the latest bundle of its USCC (an application
// without a USCC is its own latest).
func latest(vers map[string][]*Application, a *Application) bool {
	as := vers[a.USCC]
	return len(as) == 0 || as[len(as)-1].ID == a.ID
}

// Versions returns the bundles submitted under the USCC of application id
// that u may see, oldest first: the earlier and later submissions of one
// applicant (after 退回补正, say).
func (ix *Index) Versions(u accounts.User, id string) []*Application {
	a := ix.get(id)
	if a == nil || a.USCC == "" {
		if CanSee(u, a) {
			return []*Application{a}
		}
		return nil
	}
	var out []*Application
	for _, v := range ix.allVersions()[a.USCC] {
		if CanSee(u, v) {
			out = append(out, v)
		}
	}
	return out
}

// Package decisions records reviewers' decisions on applications: per
// criterion a confirmation or an override, per application the decision of
// a step of the guide's 第八条 (county 初审, city 推荐, province 审核), and
// corrections of the application's region. Decisions are append-only and
// immutable: each is one new object that is never overwritten (PutOptions
// IfAbsent, and Retain where the store locks objects), and the machine
// dossier is never edited.
//
// Layout, in bucket "decisions" (Bucket):
//
//	<bundle sha256>/<UTC time, 20060102T150405.000000000Z>-<8 hex>.json
//
// so that listing an application's prefix returns its history in order.
// Who may take which decision is decided by package review; this package
// checks the form of a decision.
package decisions

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"ruku/pipeline/dossier"
	"ruku/storage"
)

// Bucket is the bucket decisions live in (made with object lock).
const Bucket = "decisions"

// Kind is what a decision is about.
type Kind string

// The kinds of decision.
const (
	KindCriterion Kind = "criterion" // confirm or override one criterion
	KindStep      Kind = "step"      // a step's decision on the application
	KindRegion    Kind = "region"    // a correction of the application's region
)

// Step is a step of the review chain.
type Step string

// The steps, in order.
const (
	County   Step = "county"   // 县级初审
	City     Step = "city"     // 市级推荐
	Province Step = "province" // 省级审核
)

// Outcome is a step's decision.
type Outcome string

// The outcomes of each step.
const (
	Pass         Outcome = "pass"          // county: 通过
	Return       Outcome = "return"        // county: 退回补正
	Recommend    Outcome = "recommend"     // city: 推荐
	NotRecommend Outcome = "not_recommend" // city: 不推荐
	Approve      Outcome = "approve"       // province: 通过
	Reject       Outcome = "reject"        // province: 不通过
	Inspect      Outcome = "inspect"       // province: 实地核查
)

// Outcomes lists the outcomes each step may take.
var Outcomes = map[Step][]Outcome{
	County:   {Pass, Return},
	City:     {Recommend, NotRecommend},
	Province: {Approve, Reject, Inspect},
}

// Action is what a reviewer does with a criterion.
type Action string

// The actions on a criterion.
const (
	Confirm  Action = "confirm"
	Override Action = "override"
)

// DossierRef names the dossier a reviewer saw when deciding.
type DossierRef struct {
	BundleSHA256 string `json:"bundle_sha256"`
	RulesDir     string `json:"rules_dir"`
	Verdict      string `json:"verdict"`
}

// Decision is one recorded decision.
type Decision struct {
	// ID is the last segment of the object key (time and random suffix);
	// set by Append.
	ID string `json:"id"`
	// Application is the bundle's SHA-256.
	Application string     `json:"application"`
	Kind        Kind       `json:"kind"`
	By          string     `json:"by"`
	Role        string     `json:"role"`
	At          time.Time  `json:"at"`
	Dossier     DossierRef `json:"dossier"`
	// KindCriterion: the criterion, the action and, for an override, the
	// new status.
	Criterion string         `json:"criterion,omitempty"`
	Action    Action         `json:"action,omitempty"`
	Status    dossier.Status `json:"status,omitempty"`
	// KindStep: the step, its outcome and the opinion (初审意见, 推荐意见…).
	Step    Step    `json:"step,omitempty"`
	Outcome Outcome `json:"outcome,omitempty"`
	Opinion string  `json:"opinion,omitempty"`
	// KindRegion: the corrected 6-digit division code.
	Division string `json:"division,omitempty"`
	// Reason is the reviewer's reason; required for an override, a
	// correction and a negative outcome.
	Reason string `json:"reason,omitempty"`
}

// ErrInvalid is wrapped by Validate's errors.
var ErrInvalid = errors.New("decisions: invalid decision")

// MaxText bounds Reason and Opinion, in characters.
const MaxText = 2000

var shaRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Validate checks a decision's form (not who may take it).
func (d *Decision) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%s: %w", fmt.Sprintf(format, a...), ErrInvalid)
	}
	switch {
	case !shaRE.MatchString(d.Application):
		return bad("application %q is not a bundle SHA-256", d.Application)
	case d.Dossier.BundleSHA256 != d.Application || d.Dossier.RulesDir == "":
		return bad("the dossier seen (%s %s) is not the application's", d.Dossier.BundleSHA256, d.Dossier.RulesDir)
	case d.By == "":
		return bad("no reviewer")
	case utf8.RuneCountInString(d.Reason) > MaxText || utf8.RuneCountInString(d.Opinion) > MaxText:
		return bad("reason or opinion longer than %d characters", MaxText)
	case !utf8.ValidString(d.Reason) || !utf8.ValidString(d.Opinion):
		return bad("reason or opinion not UTF-8")
	}
	reason := strings.TrimSpace(d.Reason) != ""
	switch d.Kind {
	case KindCriterion:
		switch {
		case d.Criterion == "":
			return bad("no criterion")
		case d.Action == Confirm && d.Status != "":
			return bad("a confirmation takes no status")
		case d.Action == Override && !validStatus(d.Status):
			return bad("override to status %q", d.Status)
		case d.Action == Override && !reason:
			return bad("an override needs a reason")
		case d.Action != Confirm && d.Action != Override:
			return bad("action %q", d.Action)
		}
	case KindStep:
		ok := false
		for _, o := range Outcomes[d.Step] {
			ok = ok || o == d.Outcome
		}
		if !ok {
			return bad("step %q cannot decide %q", d.Step, d.Outcome)
		}
		if d.Outcome.Negative() && !reason && strings.TrimSpace(d.Opinion) == "" {
			return bad("%s needs a reason", d.Outcome)
		}
	case KindRegion:
		if len(d.Division) != 6 || strings.Trim(d.Division, "0123456789") != "" {
			return bad("division %q is not a 6-digit code", d.Division)
		}
		if !reason {
			return bad("a region correction needs a reason")
		}
	default:
		return bad("kind %q", d.Kind)
	}
	return nil
}

// Negative reports whether an outcome stops or sends back the application.
func (o Outcome) Negative() bool {
	return o == Return || o == NotRecommend || o == Reject
}

func validStatus(s dossier.Status) bool {
	switch s {
	case dossier.Pass, dossier.Fail, dossier.NeedsReview, dossier.Manual:
		return true
	}
	return false
}

// Log appends and reads decisions.
type Log struct {
	st        storage.Store
	retainFor time.Duration
	now       func() time.Time
}

// NewLog returns a log over st. retainFor locks each decision that long
// where the store supports object lock (0: no lock).
func NewLog(st storage.Store, retainFor time.Duration) *Log {
	return &Log{st: st, retainFor: retainFor, now: time.Now}
}

// SetClock replaces the clock (tests).
func (l *Log) SetClock(now func() time.Time) { l.now = now }

// EnsureBucket creates the decisions bucket, with object lock, if missing.
func (l *Log) EnsureBucket(ctx context.Context) error {
	if err := l.st.EnsureBucket(ctx, Bucket, true); err != nil {
		return fmt.Errorf("decisions: ensure bucket: %w", err)
	}
	return nil
}

// TimeLayout formats the time part of a decision's key: fixed width, so
// keys sort by time.
const TimeLayout = "20060102T150405.000000000Z"

// Append stamps d with the time and an ID, validates it and stores it as a
// new object; it never replaces one. The stored decision is returned.
func (l *Log) Append(ctx context.Context, d Decision) (Decision, error) {
	d.At = l.now().UTC()
	if err := d.Validate(); err != nil {
		return Decision{}, err
	}
	for attempt := 0; ; attempt++ {
		var rnd [4]byte
		if _, err := rand.Read(rnd[:]); err != nil {
			return Decision{}, fmt.Errorf("append decision: %w", err)
		}
		d.ID = d.At.Format(TimeLayout) + "-" + hex.EncodeToString(rnd[:])
		b, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return Decision{}, fmt.Errorf("append decision: %w", err)
		}
		opt := storage.PutOptions{ContentType: "application/json", IfAbsent: true}
		if l.retainFor > 0 {
			opt.Retain = d.At.Add(l.retainFor)
		}
		err = l.st.Put(ctx, Bucket, Key(d.Application, d.ID), bytes.NewReader(b), int64(len(b)), opt)
		if errors.Is(err, storage.ErrExists) && attempt < 3 {
			continue
		}
		if err != nil {
			return Decision{}, fmt.Errorf("append decision on %s: %w", d.Application, err)
		}
		return d, nil
	}
}

// Key is the object key of a decision.
func Key(application, id string) string { return application + "/" + id + ".json" }

// History returns an application's decisions, oldest first.
func (l *Log) History(ctx context.Context, application string) ([]Decision, error) {
	if !shaRE.MatchString(application) {
		return nil, fmt.Errorf("history of %q: %w", application, ErrInvalid)
	}
	all, err := l.read(ctx, application+"/")
	if err != nil {
		return nil, err
	}
	return all[application], nil
}

// All returns every decision by application, each history oldest first.
func (l *Log) All(ctx context.Context) (map[string][]Decision, error) {
	return l.read(ctx, "")
}

func (l *Log) read(ctx context.Context, prefix string) (map[string][]Decision, error) {
	objs, err := l.st.List(ctx, Bucket, prefix)
	if errors.Is(err, storage.ErrNotFound) {
		return map[string][]Decision{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list decisions %q: %w", prefix, err)
	}
	out := map[string][]Decision{}
	for _, o := range objs {
		app, _, ok := strings.Cut(o.Key, "/")
		if !ok || !shaRE.MatchString(app) || !strings.HasSuffix(o.Key, ".json") {
			continue
		}
		d, err := l.get(ctx, o.Key)
		if err != nil {
			return nil, err
		}
		if d.Application != app {
			return nil, fmt.Errorf("decision %s names application %s", o.Key, d.Application)
		}
		out[app] = append(out[app], d)
	}
	for _, h := range out {
		sort.SliceStable(h, func(i, j int) bool { return h[i].ID < h[j].ID })
	}
	return out, nil
}

func (l *Log) get(ctx context.Context, key string) (Decision, error) {
	rc, err := l.st.Get(ctx, Bucket, key)
	if err != nil {
		return Decision{}, fmt.Errorf("read decision %s: %w", key, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 1<<20))
	if err != nil {
		return Decision{}, fmt.Errorf("read decision %s: %w", key, err)
	}
	var d Decision
	if err := json.Unmarshal(b, &d); err != nil {
		return Decision{}, fmt.Errorf("decode decision %s: %w", key, err)
	}
	return d, nil
}

//go:embed data/labels.json
var labelsJSON []byte

// Labels are the Chinese names of steps, outcomes, states and actions.
type Labels struct {
	Steps    map[Step]string    `json:"steps"`
	Outcomes map[Outcome]string `json:"outcomes"`
	States   map[State]string   `json:"states"`
	Actions  map[Action]string  `json:"actions"`
}

var labels = sync.OnceValue(func() *Labels {
	var l Labels
	if err := json.Unmarshal(labelsJSON, &l); err != nil {
		panic(fmt.Sprintf("decisions: labels.json: %v", err))
	}
	return &l
})

// ChineseLabels returns the embedded labels.
func ChineseLabels() *Labels { return labels() }

// Package rules holds the versioned rules file (thresholds and word lists of
// the guide) and the pure checks that turn extracted facts into criteria.
package rules

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
)

//go:embed default.json
var defaultFile []byte

// Removal is one entry of the removed-institutions register (第十二条).
type Removal struct {
	USCC      string `json:"uscc"`
	Name      string `json:"name"`
	RemovedOn string `json:"removed_on"` // YYYY-MM-DD
	Reason    string `json:"reason"`
}

// Rules are the thresholds and word lists of one rules version.
type Rules struct {
	Version             string     `json:"version"`
	OperatingYears      int        `json:"operating_years"`
	ExpertsSeniorMin    int        `json:"experts_senior_min"`
	ExpertsTotalMin     int        `json:"experts_total_min"`
	PartnersMin         int        `json:"partners_min"`
	PremisesAreaMinM2   float64    `json:"premises_area_min_m2"`
	TotalAssetsMinYuan  float64    `json:"total_assets_min_yuan"`
	SMEsServedMin       int        `json:"smes_served_min"`
	PointToPointMin     int        `json:"point_to_point_min"`
	ServiceWindowMonths int        `json:"service_window_months"`
	CreditMaxAgeDays    int        `json:"credit_max_age_days"`
	DeclaredTolerance   float64    `json:"declared_tolerance"`
	ReentryBanYears     int        `json:"reentry_ban_years"`
	HomeDivisionPrefix  string     `json:"home_division_prefix"`
	HomePlaces          []string   `json:"home_places"`
	PlaceSuffixes       []string   `json:"place_suffixes"`
	OtherPlaces         []string   `json:"other_places"`
	LegalPersonTypes    []string   `json:"legal_person_types"`
	NotLegalPersonTypes []string   `json:"not_legal_person_types"`
	ServiceCategories   []string   `json:"service_categories"`
	Natures             []string   `json:"natures"`
	SeniorTitles        []string   `json:"senior_titles"`
	PointToPointModes   []string   `json:"point_to_point_modes"`
	RemovedRegister     *[]Removal `json:"removed_register"`

	// SHA256 is the hash of the file the rules were read from.
	SHA256 string `json:"-"`
}

// serviceWindowMonths is the service window services.Count implements
// ([R - 1 year, R)); a rules file asking for another is refused rather than
// silently ignored.
const serviceWindowMonths = 12

// Default returns the embedded default rules.
func Default() *Rules {
	r, err := Parse(defaultFile)
	if err != nil {
		panic(fmt.Sprintf("embedded rules file is invalid: %v", err)) // a build defect, caught by tests
	}
	return r
}

// Load reads a rules file.
func Load(path string) (*Rules, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	r, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("rules %s: %w", path, err)
	}
	return r, nil
}

// Parse decodes a rules file and checks that every threshold is set.
func Parse(b []byte) (*Rules, error) {
	var r Rules
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("decode rules: %w", err)
	}
	if err := r.validate(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	r.SHA256 = hex.EncodeToString(sum[:])
	return &r, nil
}

func (r *Rules) validate() error {
	switch {
	case r.Version == "":
		return fmt.Errorf("rules: version is empty")
	case r.OperatingYears <= 0, r.ExpertsSeniorMin <= 0, r.ExpertsTotalMin <= 0, r.PartnersMin <= 0,
		r.PremisesAreaMinM2 <= 0, r.TotalAssetsMinYuan <= 0, r.SMEsServedMin <= 0, r.PointToPointMin <= 0,
		r.ServiceWindowMonths <= 0, r.CreditMaxAgeDays <= 0, r.DeclaredTolerance < 1, r.ReentryBanYears <= 0:
		return fmt.Errorf("rules %s: every threshold must be positive (declared_tolerance >= 1)", r.Version)
	case r.ServiceWindowMonths != serviceWindowMonths:
		return fmt.Errorf("rules %s: service_window_months must be %d: the services extractor counts that window", r.Version, serviceWindowMonths)
	case r.HomeDivisionPrefix == "" || len(r.HomePlaces) == 0 || len(r.PlaceSuffixes) == 0 || len(r.OtherPlaces) == 0 ||
		len(r.LegalPersonTypes) == 0 || len(r.NotLegalPersonTypes) == 0 || len(r.ServiceCategories) == 0 ||
		len(r.Natures) == 0 || len(r.SeniorTitles) == 0 || len(r.PointToPointModes) == 0:
		return fmt.Errorf("rules %s: word lists must not be empty", r.Version)
	}
	return nil
}

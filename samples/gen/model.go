package main

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// day is a calendar date (UTC midnight).
type day = time.Time

func timeSec(n int) time.Duration { return time.Duration(n) * time.Second }

func d(y, m, dd int) day { return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC) }

func iso(t day) string { return t.Format("2006-01-02") }

// cn writes 2025年3月1日.
func cn(t day) string { return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day()) }

// cn0 writes 2025年03月01日.
func cn0(t day) string { return fmt.Sprintf("%d年%02d月%02d日", t.Year(), int(t.Month()), t.Day()) }

// endOfTerm is the last day of an N-year term starting on start: the day
// before the N-th anniversary.
func endOfTerm(start day, years int) day { return start.AddDate(years, 0, -1) }

// money is an amount in fen (1/100 yuan).
type money int64

func (m money) yuan() float64 { return float64(m) / 100 }

// fmtYuan writes 1,234,567.89 (negative with a leading minus).
func fmtYuan(m money) string {
	neg := m < 0
	if neg {
		m = -m
	}
	s := fmt.Sprintf("%d", int64(m)/100)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := fmt.Sprintf("%s.%02d", b.String(), int64(m)%100)
	if neg {
		return "-" + out
	}
	return out
}

// fmtWan writes the amount in 万元 with two decimals; m must be a multiple of 100 yuan.
func fmtWan(m money) string {
	if int64(m)%10000 != 0 {
		panic(fmt.Sprintf("amount %d fen is not a whole 0.01 万元", m))
	}
	neg := m < 0
	if neg {
		m = -m
	}
	v := int64(m) / 10000
	s := fmt.Sprintf("%d.%02d", v/100, v%100)
	if neg {
		return "-" + s
	}
	return s
}

// ---------------------------------------------------------------- identifiers

const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// usccCheck returns the GB 32100-2015 check character for the first 17 characters.
func usccCheck(s17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(usccChars, s17[i]) * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccChars[c]
}

// validUSCC reports whether s is 18 characters from the code alphabet with a correct check character.
func validUSCC(s string) bool {
	if len(s) != 18 {
		return false
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(usccChars, s[i]) < 0 {
			return false
		}
	}
	return usccCheck(s[:17]) == s[17]
}

// newUSCC makes a valid code with the given two-character prefix and division.
func newUSCC(rng *rand.Rand, prefix, division string) string {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString(division)
	if rng.IntN(2) == 0 {
		b.WriteString("MA")
		for i := 0; i < 7; i++ {
			b.WriteByte(usccChars[rng.IntN(len(usccChars))])
		}
	} else {
		for i := 0; i < 9; i++ {
			b.WriteByte(usccChars[rng.IntN(10)])
		}
	}
	s := b.String()
	return s + string(usccCheck(s))
}

// breakUSCC returns a code with a wrong check character.
func breakUSCC(s string) string {
	c := s[17]
	for _, r := range usccChars {
		if byte(r) != c {
			return s[:17] + string(r)
		}
	}
	return s
}

// newID makes a valid 18-digit resident ID number.
func newID(rng *rand.Rand, area string, born day, male bool) string {
	seq := rng.IntN(50)*2 + 1
	if !male {
		seq = rng.IntN(50) * 2
	}
	s := fmt.Sprintf("%s%s%02d%d", area, born.Format("20060102"), rng.IntN(100), seq%10)
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * w[i]
	}
	return s + string("10X98765432"[sum%11])
}

// maskID writes 1306**********123X style.
func maskID(id string) string { return id[:6] + strings.Repeat("*", 8) + id[14:] }

// ---------------------------------------------------------------- bundle data

type org struct {
	Name, USCC, LegalRep, EntityType, Address string
	Established                               day
	Capital                                   string
}

type finYear struct {
	TotalAssets, CurAssets, Liab, NetAssets, Revenue, NetProfit money
}

type auditReport struct {
	Years    []int  // years whose statements the report's opinion covers
	Opinion  string // unqualified | qualified
	Wan      bool   // statements in 万元
	Emphasis bool   // unqualified with an emphasis-of-matter paragraph
	Firm     string
	No       string
	Signed   day
}

type premisesDoc struct {
	Cert             bool // 不动产权证书 instead of a lease
	Holder, Lessor   string
	Address          string
	Area             float64 // 建筑面积 / 房屋建筑面积
	Zongdi, Zhuanyou float64 // certificate distractors
	Start, End       day
	CertNo           string
}

func (p premisesDoc) validOn(r day) bool {
	return p.Cert || (!p.Start.After(r) && !p.End.Before(r))
}

type expert struct {
	No                                int
	Name, Gender, ID, Employer, Title string
	Field                             string
	Senior                            bool
	Signed                            day
	Years                             int
	DupOf                             int // >0: a repeated row for the same person
}

type partner struct {
	Name, USCC, Agreement string
	Signed                day
	Until                 day // zero: 长期
}

type svcRow struct {
	Name, USCC, Content, Mode string
	Date                      day
}

type creditShot struct {
	List   string // dishonest_debtor ...
	Query  time.Time
	Listed bool
	Record [3]string // 列入日期, reason, deciding authority
}

type declared struct {
	TotalAssets            money
	TotalAssetsWan         bool
	Area                   float64
	Senior, Total, Partner int
	SMEs, P2P              int
}

type fileSpec struct {
	Path       string
	Kind       string
	Producer   string
	CreditList string
	Data       []byte
	Image      bool // content depends on the CJK font
}

type bundle struct {
	Name        string
	Seed        uint64
	R           day
	Org         org
	Institution bool
	Sponsor     string // 举办单位 of an institution
	Nature      string
	Categories  []string
	Declared    declared
	Fin         map[int]finYear
	Reports     []auditReport
	Premises    []premisesDoc
	Experts     []expert
	Partners    []partner
	Services    []svcRow
	Credit      []creditShot
	Staff       [][]string
	Files       []fileSpec
	Planted     []string
	Traps       []string
	ZipGBK      bool
	TopFolder   string
	rng         *rand.Rand
	bs          map[int]bsItems
	unit        money // amounts are multiples of this (10000 fen when some statement is in 万元)
}

// Y is the year before R's year.
func (b *bundle) Y() int { return b.R.Year() - 1 }

// ---------------------------------------------------------------- counting per corpus/README.md

func (b *bundle) expertCounts() (senior, total int) {
	y := b.Y()
	seen := map[string]bool{}
	for _, e := range b.Experts {
		end := endOfTerm(e.Signed, e.Years)
		if e.Signed.After(d(y, 12, 31)) || end.Before(d(y, 1, 1)) {
			continue
		}
		key := e.ID
		if key == "" {
			key = e.Name + "|" + e.Employer
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		total++
		if e.Senior {
			senior++
		}
	}
	return
}

func (b *bundle) partnerCount() int {
	seen := map[string]bool{}
	for _, p := range b.Partners {
		if p.Signed.After(b.R) {
			continue
		}
		if !p.Until.IsZero() && p.Until.Before(d(b.Y(), 1, 1)) {
			continue
		}
		seen[p.Name] = true
	}
	return len(seen)
}

func p2pMode(m string) bool {
	return strings.Contains(m, "点对点") || strings.Contains(m, "一对一") || strings.Contains(m, "上门")
}

func (b *bundle) serviceCounts() (smes, p2p, invalid int) {
	from := b.R.AddDate(-1, 0, 0)
	all := map[string]bool{}
	pp := map[string]bool{}
	for _, s := range b.Services {
		if !validUSCC(s.USCC) {
			invalid++
			continue
		}
		if s.Date.Before(from) || !s.Date.Before(b.R) {
			continue
		}
		all[s.USCC] = true
		if p2pMode(s.Mode) {
			pp[s.USCC] = true
		}
	}
	return len(all), len(pp), invalid
}

func (b *bundle) premisesArea() float64 {
	a := 0.0
	for _, p := range b.Premises {
		if p.validOn(b.R) {
			a += p.Area
		}
	}
	return round2(a)
}

func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5)) / 100
}

var hebeiPlaces = []string{"河北", "石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水", "定州", "辛集", "雄安"}

var creditLists = []string{"dishonest_debtor", "serious_dishonesty", "abnormal_operation", "tax_violation"}

var requiredKinds = []string{"application_form", "overview", "license", "premises", "policies", "service_history",
	"expert_list", "partner_list", "staff", "audit_report", "service_report", "service_records",
	"credit_screenshot", "integrity_pledge", "declaration"}

// reportYears lists every year some audit report covers, newest first.
func (b *bundle) reportYears() []int {
	set := map[int]bool{}
	for _, r := range b.Reports {
		for _, y := range r.Years {
			set[y] = true
		}
	}
	var ys []int
	for y := range set {
		ys = append(ys, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ys)))
	return ys
}

func (b *bundle) opinion(y int) string {
	for _, r := range b.Reports {
		for _, yy := range r.Years {
			if yy == y {
				return r.Opinion
			}
		}
	}
	return ""
}

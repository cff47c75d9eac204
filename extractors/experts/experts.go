// Package experts reads the list of experts an applicant cooperates with
// (专家名单: name, ID number, employer, title, cooperation dates) and counts
// the distinct experts, and those with a senior title, whose cooperation
// was in force at some time in a year.
package experts

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/extractors/sheet"
	"ruku/lexicon"
)

// ErrNoTable means the document holds no table of experts.
var ErrNoTable = errors.New("no expert table")

// Expert is one row of an expert list.
type Expert struct {
	Name     string // 姓名
	ID       string // 身份证号 as written (NFKC, no spaces, upper case); masked IDs keep their stars
	Employer string // 工作单位
	Title    string // 职称
	// Start and End bound the cooperation, both days included. Zero when
	// unknown; End is parse.OpenEnd() for a cooperation without an end.
	Start, End time.Time
	Evidence   extractors.Evidence
}

// columns are the columns of an expert list, by the header texts applicants
// use (lexicon experts.col_*). Dates are given as a start and an end, as a
// signing date and a term (合作期限 3年), or as a range in one cell.
func columns() []sheet.Column {
	lx := lexicon.Default()
	col := func(key string, required bool) sheet.Column {
		return sheet.Column{Key: key, Names: lx.Words("experts.col_" + key), Required: required}
	}
	return []sheet.Column{
		col("name", true), col("id", false), col("employer", false), col("title", true),
		col("start", false), col("end", false), col("signed", false), col("term", false),
	}
}

// kinds tells the text aligner what each column's cells look like.
func kinds() map[string]sheet.Kind {
	return map[string]sheet.Kind{
		"name": sheet.KindPerson, "id": sheet.KindCode, "start": sheet.KindDate, "end": sheet.KindDate,
		"signed": sheet.KindDate, "term": sheet.KindTerm,
	}
}

// expect tells the text aligner the shape of the free-text columns: the
// title column holds a title.
func expect() map[string]func(string) bool {
	return map[string]func(string) bool{"title": titleCell}
}

// Extract reads the experts of d: every data row of every sheet holding an
// expert table (name and title columns), or the rows of such a table printed
// in a PDF. It returns ErrNoTable when d has no such table.
func Extract(d *extractors.Doc) ([]Expert, error) {
	rows, err := sheet.ReadList(d, sheet.List{Columns: columns(), Kinds: kinds(), Expect: expect(), VocabRe: titlePattern(), Inside: true, IsData: textDataRow})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, ErrNoTable)
	}
	staff := staffTables(rows)
	var out []Expert
	for _, lr := range rows {
		if staff[lr.Table] {
			continue
		}
		if e, ok := fromRow(lr.Table, lr.Row); ok {
			e.Evidence = lr.Evidence
			out = append(out, e)
		}
	}
	return out, nil
}

// staffTables returns the tables among rows that list the applicant's own
// staff (主要人员, 工作人员 … in the sheet name or the title above the
// header, and no mention of experts), when some other table is not such a
// list: a workbook with a staff sheet beside the expert sheet. A document
// whose only tables read as staff lists keeps them: it was classified as an
// expert list.
func staffTables(rows []sheet.ListRow) map[*sheet.Table]bool {
	lx := lexicon.Default()
	staff := map[*sheet.Table]bool{}
	other := false
	for _, lr := range rows {
		t := lr.Table
		if _, seen := staff[t]; seen {
			continue
		}
		label := sheet.Normalize(t.Sheet + t.Title)
		staff[t] = lx.Contains(label, "experts.staff_cues") && !lx.Contains(label, "experts.expert_cues")
		other = other || !staff[t]
	}
	if !other {
		return nil
	}
	return staff
}

// textDataRow reports whether a line of a text table holds data: an ID
// number or a date somewhere (whole or in pieces), or a term.
func textDataRow(cells []string) bool {
	for _, c := range cells {
		if sheet.TypedCell(c) {
			return true
		}
		for _, t := range strings.Fields(c) {
			if parse.HasTerm(t) {
				return true
			}
		}
	}
	return false
}

// fromRow reads one table row. It returns false for a row without a name.
func fromRow(t *sheet.Table, r sheet.Row) (Expert, bool) {
	e := Expert{
		Name:     parse.Compact(t.Cell(r, "name")),
		ID:       strings.ToUpper(parse.Compact(t.Cell(r, "id"))),
		Employer: sheet.Tidy(t.Cell(r, "employer")),
		Title:    parse.Compact(t.Cell(r, "title")),
	}
	if e.Name == "" {
		return Expert{}, false
	}
	e.Start, e.End = period(t.Cell(r, "start"), t.Cell(r, "end"), t.Cell(r, "signed"), t.Cell(r, "term"), t.Header("term"))
	return e, true
}

// period works out a cooperation's first and last day from the cells that
// may state it: start and end dates, a signing date, and a term that is a
// range (2023.1.1-2025.12.31), a duration (3年, 叁年, 36个月, or a bare 3
// under a header such as 合作期限（年）) or open (长期).
func period(startCell, endCell, signedCell, termCell, termHeader string) (start, end time.Time) {
	start, _ = sheet.DateIn(startCell)
	if start.IsZero() {
		start, _ = parse.Month(startCell, false)
	}
	if s, e, ok := parse.Range(startCell); ok && parse.Norm(endCell) == "" {
		start, end = s, e // a range in the start column
	}
	if !end.IsZero() {
		// set from the start column's range
	} else if t, ok := sheet.DateIn(endCell); ok {
		end = t
	} else if t, ok := parse.Month(endCell, true); ok {
		end = t
	} else if parse.OpenEnded(endCell) {
		end = parse.OpenEnd()
	}
	signed, _ := sheet.DateIn(signedCell)
	if start.IsZero() {
		start = signed
	}
	term := parse.Norm(termCell)
	if s, e, ok := parse.Range(term); ok {
		if start.IsZero() {
			start = s
		}
		if end.IsZero() {
			end = e
		}
	} else if ds := parse.Dates(term); len(ds) >= 2 {
		if start.IsZero() {
			start = ds[0]
		}
		if end.IsZero() {
			end = ds[1]
		}
	} else if len(ds) == 1 {
		if until := strings.HasPrefix(term, "至") || strings.HasPrefix(term, "截至") || strings.HasPrefix(term, "到"); until && end.IsZero() {
			end = ds[0]
		} else if !until && start.IsZero() {
			start = ds[0]
		}
	} else if t, ok := sheet.CellDate(term); ok && start.IsZero() {
		start = t // a date typed into the term column, or an Excel serial
	}
	if end.IsZero() && term != "" {
		switch {
		case parse.OpenEnded(term):
			end = parse.OpenEnd()
		case !start.IsZero():
			if y, m, ok := sheet.Term(term, termHeader); ok {
				end = start.AddDate(y, m, -1)
			}
		}
	}
	return start, end
}

// Counts is what the expert criteria need from a list.
type Counts struct {
	Senior, Total           int                   // distinct experts in force in the year: senior-titled, all
	SeniorNames, TotalNames []string              // their names, in list order
	Evidence                []extractors.Evidence // the row each counted expert was read from
	Skipped                 []string              // rows not counted and why
}

// Count counts the distinct experts of list whose cooperation was in force
// at some time in year (start ≤ 31 December and end ≥ 1 January), and of
// them those whose title isSenior accepts (build it with SeniorMatcher from
// the rules' senior titles; nil judges no title senior). Experts are
// the same person when their ID numbers read alike (up to width, case and
// spaces; masked IDs compare as written) or, between rows without an ID,
// when name and employer match (up to spaces, width, a note or title in the name
// cell). A person in force on several rows is senior when any of those rows
// gives a senior title.
func Count(list []Expert, year int, isSenior func(title string) bool) Counts {
	if isSenior == nil {
		isSenior = func(string) bool { return false }
	}
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	type person struct {
		idx    int // into c.TotalNames / c.Evidence
		senior bool
		where  string
	}
	var c Counts
	seen := map[string]*person{}
	var order []*person
	for _, e := range list {
		where := describe(e)
		switch {
		case e.Start.IsZero() && e.End.IsZero():
			c.Skipped = append(c.Skipped, where+"：无合作起止日期")
			continue
		case !e.Start.IsZero() && e.Start.After(last):
			c.Skipped = append(c.Skipped, fmt.Sprintf("%s：合作自%s开始，晚于%d年", where, e.Start.Format(extractors.DateLayout), year))
			continue
		case !e.End.IsZero() && e.End.Before(first):
			c.Skipped = append(c.Skipped, fmt.Sprintf("%s：合作已于%s结束，早于%d年", where, e.End.Format(extractors.DateLayout), year))
			continue
		}
		key := personKey(e)
		senior := isSenior(e.Title)
		if p, ok := seen[key]; ok {
			c.Skipped = append(c.Skipped, where+"：与"+p.where+"为同一人")
			p.senior = p.senior || senior
			continue
		}
		p := &person{idx: len(c.TotalNames), senior: senior, where: where}
		seen[key] = p
		order = append(order, p)
		c.TotalNames = append(c.TotalNames, e.Name)
		c.Evidence = append(c.Evidence, e.Evidence)
	}
	c.Total = len(order)
	for _, p := range order {
		if p.senior {
			c.Senior++
			c.SeniorNames = append(c.SeniorNames, c.TotalNames[p.idx])
		}
	}
	return c
}

// personKey identifies a person: the ID as written, else name and
// employer, each in a normal form (see idKey, nameKey) so that one person
// written differently is one person. A row without an ID is never the
// person of a row with one.
func personKey(e Expert) string {
	if id := idKey(e.ID); id != "" {
		return "id:" + id
	}
	return "ne:" + nameKey(e.Name) + "|" + sheet.Normalize(e.Employer)
}

// idKey is an ID number as written, up to width, case, spaces and
// separators ('130102 19800101 123x' is 13010219800101123X); masking stars
// stay, so masked IDs compare as written.
func idKey(id string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(norm.NFKC.String(id)) {
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || r == '*' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameKey is a person's name without what a name cell may add to it: notes
// in brackets (张三（组长）), a title written after the name (张三 教授),
// spaces, punctuation and marks (张 三, 张三*), full-width forms.
func nameKey(name string) string {
	s := norm.NFKC.String(name)
	s = bracketed.ReplaceAllString(s, "")
	s = sheet.Normalize(s)
	if loc := titlePattern().FindStringIndex(s); loc != nil && loc[1] == len(s) && utf8.RuneCountInString(s[:loc[0]]) >= 2 {
		s = s[:loc[0]]
	}
	if s == "" {
		return sheet.Normalize(name)
	}
	return s
}

// bracketed matches a note in brackets of any width.
var bracketed = regexp.MustCompile(`[(（\[【〔<《][^)）\]】〕>》]*[)）\]】〕>》]`)

// describe names a row for the Skipped list.
func describe(e Expert) string {
	ev := e.Evidence
	switch {
	case ev.Row > 0 && ev.Sheet != "":
		return fmt.Sprintf("「%s」第%d行 %s", ev.Sheet, ev.Row, e.Name)
	case ev.Row > 0:
		return fmt.Sprintf("第%d行 %s", ev.Row, e.Name)
	case ev.Page > 0:
		return fmt.Sprintf("第%d页 %s", ev.Page, e.Name)
	}
	return e.Name
}

// Package partners reads the list of institutions an applicant has signed
// cooperation agreements with (合作机构名单) and counts the distinct
// institutions whose agreement was in force at some time between 1 January
// of a year and the reference date.
package partners

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/extractors/sheet"
	"ruku/extractors/uscc"
	"ruku/lexicon"
)

// ErrNoTable means the document holds no table of partner institutions.
var ErrNoTable = errors.New("no partner table")

// Partner is one row of a partner list: one agreement with an institution.
type Partner struct {
	Name      string // 合作机构名称 as written (normalised)
	USCC      string // 统一社会信用代码 as written, "" when the list has none
	Agreement string // 协议名称
	// Signed is the signing (or start) date; ValidUntil the last day the
	// agreement is in force, parse.OpenEnd() when it has no end. Zero when unknown.
	Signed, ValidUntil time.Time
	Evidence           extractors.Evidence
}

// columns are the columns of a partner list, by the header texts applicants
// use (lexicon partners.col_*). Validity is an end date (有效期至), a term
// (合作期限 3年), a range in one cell, or 长期.
func columns() []sheet.Column {
	lx := lexicon.Default()
	col := func(key string, required bool) sheet.Column {
		return sheet.Column{Key: key, Names: lx.Words("partners.col_" + key), Required: required}
	}
	return []sheet.Column{col("name", true), col("uscc", false), col("agreement", false), col("signed", false), col("until", false), col("term", false)}
}

// kinds tells the text aligner what each column's cells look like. The
// until column holds a period as often as a date: 有效期 3年.
func kinds() map[string]sheet.Kind {
	return map[string]sheet.Kind{"uscc": sheet.KindCode, "signed": sheet.KindDate, "until": sheet.KindTerm, "term": sheet.KindTerm}
}

// agreementWords are usual agreement names (lexicon
// partners.agreement_words), for splitting one off a cell it was run
// together with.
func agreementWords() []string { return lexicon.Default().Words("partners.agreement_words") }

// Extract reads the partners of d: every data row of every sheet holding a
// partner table, or the rows of such a table printed in a PDF. It returns
// ErrNoTable when d has no such table.
func Extract(d *extractors.Doc) ([]Partner, error) {
	rows, err := sheet.ReadList(d, sheet.List{Columns: columns(), Kinds: kinds(), Vocab: agreementWords(), IsData: textDataRow})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, ErrNoTable)
	}
	var out []Partner
	for _, lr := range rows {
		if p, ok := fromRow(lr.Table, lr.Row); ok {
			p.Evidence = lr.Evidence
			out = append(out, p)
		}
	}
	return out, nil
}

// textDataRow reports whether a line of a text table holds data: a code or
// a date (whole or in pieces), a term or 长期 somewhere.
func textDataRow(cells []string) bool {
	for _, c := range cells {
		if sheet.TypedCell(c) {
			return true
		}
		for _, t := range strings.Fields(c) {
			if parse.HasTerm(t) || parse.OpenEnded(t) {
				return true
			}
		}
	}
	return false
}

// fromRow reads one table row. It returns false for a row without a name.
func fromRow(t *sheet.Table, r sheet.Row) (Partner, bool) {
	p := Partner{
		Name:      sheet.Tidy(t.Cell(r, "name")),
		USCC:      strings.ToUpper(parse.Compact(t.Cell(r, "uscc"))),
		Agreement: parse.Norm(t.Cell(r, "agreement")),
	}
	if p.Name == "" {
		return Partner{}, false
	}
	p.Signed, p.ValidUntil = validity(t.Cell(r, "signed"), t.Cell(r, "until"), t.Cell(r, "term"), t.Header("term"))
	return p, true
}

// validity works out an agreement's signing date and last day from the
// cells that may state them. A bare number in the term column is read in
// the unit its header states (合作期限（年）).
func validity(signedCell, untilCell, termCell, termHeader string) (signed, until time.Time) {
	signed, _ = sheet.DateIn(signedCell)
	if signed.IsZero() {
		signed, _ = parse.Month(signedCell, false)
	}
	for i, c := range []string{untilCell, termCell} {
		if !until.IsZero() {
			break
		}
		c = parse.Norm(c)
		if c == "" {
			continue
		}
		ds := parse.Dates(c)
		if t, ok := sheet.CellDate(c); ok {
			ds = []time.Time{t}
		} else if s, e, ok := parse.Range(c); ok {
			ds = []time.Time{s, e}
		} else if t, ok := parse.Month(c, true); ok && len(ds) == 0 {
			ds = []time.Time{t}
		}
		switch {
		case len(ds) >= 2: // a range: 2023.1.1-2025.12.31
			if signed.IsZero() {
				signed = ds[0]
			}
			until = ds[len(ds)-1]
		case len(ds) == 1 && i == 1 && signed.IsZero() && !untilWord(c):
			signed = ds[0] // a term column holding only the start: 合作时间 2024.5.1
		case len(ds) == 1:
			until = ds[0]
		case parse.OpenEnded(c):
			until = parse.OpenEnd()
		case !signed.IsZero():
			header := ""
			if i == 1 {
				header = termHeader
			}
			if y, m, ok := sheet.Term(c, header); ok {
				until = signed.AddDate(y, m, -1)
			}
		}
	}
	return signed, until
}

// untilWord reports whether a cell introduces an end date (至2027.4.30).
func untilWord(c string) bool {
	c = parse.Compact(c)
	for _, w := range []string{"至", "截至", "截止", "到", "止"} {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// Counts is what the partners criterion needs from a list.
type Counts struct {
	Count    int                   // distinct institutions in force
	Names    []string              // their names, in list order
	Evidence []extractors.Evidence // the first counted row of each
	Skipped  []string              // rows not counted and why
}

// Count counts the distinct institutions of list with an agreement signed
// on or before ref and valid until 1 January of year or later. Rows are the
// same institution when their names match after normalisation (full- and
// half-width punctuation, spaces) or their valid USCCs match, so a renewal
// row does not count twice. A row with neither date is not counted; a row
// with only one of them is judged on that one.
func Count(list []Partner, year int, ref time.Time) Counts {
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	var c Counts
	byName := map[string]int{} // compacted name → index into c.Names
	byCode := map[string]int{}
	for _, p := range list {
		where := describe(p)
		switch {
		case p.Signed.IsZero() && p.ValidUntil.IsZero():
			c.Skipped = append(c.Skipped, where+"：无协议签订日期和有效期")
			continue
		case !p.Signed.IsZero() && p.Signed.After(ref):
			c.Skipped = append(c.Skipped, fmt.Sprintf("%s：协议于%s签订，晚于基准日", where, p.Signed.Format(extractors.DateLayout)))
			continue
		case !p.ValidUntil.IsZero() && p.ValidUntil.Before(first):
			c.Skipped = append(c.Skipped, fmt.Sprintf("%s：有效期至%s，早于%d年", where, p.ValidUntil.Format(extractors.DateLayout), year))
			continue
		}
		name := parse.Compact(p.Name)
		code := ""
		if uscc.Valid(p.USCC) {
			code = p.USCC
		}
		i, ok := byName[name]
		if !ok && code != "" {
			i, ok = byCode[code]
		}
		if ok {
			c.Skipped = append(c.Skipped, fmt.Sprintf("%s：与%s为同一机构", where, c.Names[i]))
		} else {
			i = len(c.Names)
			c.Names = append(c.Names, p.Name)
			c.Evidence = append(c.Evidence, p.Evidence)
		}
		byName[name] = i
		if code != "" {
			byCode[code] = i
		}
	}
	c.Count = len(c.Names)
	return c
}

// describe names a row for the Skipped list.
func describe(p Partner) string {
	ev := p.Evidence
	switch {
	case ev.Row > 0 && ev.Sheet != "":
		return fmt.Sprintf("「%s」第%d行 %s", ev.Sheet, ev.Row, p.Name)
	case ev.Row > 0:
		return fmt.Sprintf("第%d行 %s", ev.Row, p.Name)
	case ev.Page > 0:
		return fmt.Sprintf("第%d页 %s", ev.Page, p.Name)
	}
	return p.Name
}

// Package services reads the list of enterprises an applicant served
// (服务企业明细: enterprise, USCC, date, content and mode of each service)
// and counts what the smes_served and point_to_point criteria need: the
// distinct enterprises with a valid USCC served within the service window,
// those given point-to-point service, and the rows whose USCC is invalid.
package services

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

// ErrNoTable means the document holds no table of service records.
var ErrNoTable = errors.New("no service records table")

// Record is one row of the service records: one service to one enterprise.
type Record struct {
	Enterprise string    // 企业名称 as written
	USCC       string    // 统一社会信用代码 as written (NFKC, spaces removed, upper case)
	Mode       string    // 服务方式 (点对点, 上门, 线上, 培训 …)
	Content    string    // 服务内容
	Date       time.Time // 服务日期; zero when missing or unreadable
	USCCValid  bool      // USCC is 18 characters with a verifying GB 32100 check character
	Evidence   extractors.Evidence
}

// columns are the columns of a service records table, by the header texts
// applicants use (lexicon services.col_*).
func columns() []sheet.Column {
	lx := lexicon.Default()
	col := func(key string, required bool) sheet.Column {
		return sheet.Column{Key: key, Names: lx.Words("services.col_" + key), Required: required}
	}
	return []sheet.Column{col("name", true), col("uscc", true), col("date", false), col("content", false), col("mode", false)}
}

// kinds tells the text aligner what each column's cells look like.
func kinds() map[string]sheet.Kind {
	return map[string]sheet.Kind{"uscc": sheet.KindCode, "date": sheet.KindDate}
}

// expect tells the text aligner the shape of the free-text columns: the
// mode column names a mode of service.
func expect() map[string]func(string) bool {
	return map[string]func(string) bool{"mode": modeCell}
}

// modeCell reports whether a cell names a mode of service (上门, 线上 …).
func modeCell(cell string) bool {
	c := parse.Compact(cell)
	for _, w := range modeWords() {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

// modeWords are the usual 服务方式 values (lexicon services.mode_words), for
// splitting a mode off a cell it was run together with.
func modeWords() []string { return lexicon.Default().Words("services.mode_words") }

// Extract reads the service records of d: every data row of every sheet
// holding a table with enterprise and USCC columns, or the rows of such a
// table printed in a PDF. Blank rows, total rows, notes and repeated
// headers are left out. It returns ErrNoTable when d has no such table.
func Extract(d *extractors.Doc) ([]Record, error) {
	rows, err := sheet.ReadList(d, sheet.List{Columns: columns(), Kinds: kinds(), Expect: expect(), Vocab: modeWords(), IsData: textDataRow})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, ErrNoTable)
	}
	var out []Record
	guessed := map[*sheet.Table]bool{}
	for _, lr := range rows {
		if !guessed[lr.Table] {
			guessed[lr.Table] = true
			guessModeColumn(lr.Table)
		}
		if rec, ok := fromRow(lr.Table, lr.Row); ok {
			rec.Evidence = lr.Evidence
			out = append(out, rec)
		}
	}
	return out, nil
}

// guessModeColumn finds the 服务方式 column of a table whose header
// names it in words the column list lacks: the unmapped column whose cells
// are mostly short mode words (上门, 线上, 一对一辅导 …).
func guessModeColumn(t *sheet.Table) {
	if t.Has("mode") || len(t.Rows) == 0 || t.Cols == nil {
		return
	}
	used := map[int]bool{}
	for _, j := range t.Cols {
		used[j] = true
	}
	words := modeWords()
	best, bestN := -1, 0
	for j := 0; ; j++ {
		inRange, n := false, 0
		for _, r := range t.Rows {
			if j >= len(r.Cells) {
				continue
			}
			inRange = true
			c := parse.Compact(r.Cells[j])
			if c == "" || len([]rune(c)) > 10 {
				continue
			}
			for _, w := range words {
				if strings.Contains(c, w) {
					n++
					break
				}
			}
		}
		if !inRange {
			break
		}
		if !used[j] && n > bestN {
			best, bestN = j, n
		}
	}
	if best >= 0 && 2*bestN >= len(t.Rows) {
		t.Cols["mode"] = best
	}
}

// textDataRow reports whether a line of a text table holds data: a code or
// a date somewhere, whole or in pieces.
func textDataRow(cells []string) bool {
	for _, c := range cells {
		if sheet.TypedCell(c) {
			return true
		}
	}
	return false
}

// fromRow reads one table row. It returns false for a row without an
// enterprise name or USCC.
func fromRow(t *sheet.Table, r sheet.Row) (Record, bool) {
	rec := Record{
		Enterprise: sheet.Tidy(t.Cell(r, "name")),
		USCC:       strings.ToUpper(strings.Join(strings.Fields(parse.Norm(t.Cell(r, "uscc"))), "")),
		Mode:       parse.Norm(t.Cell(r, "mode")),
		Content:    parse.Norm(t.Cell(r, "content")),
	}
	if rec.Enterprise == "" && rec.USCC == "" {
		return Record{}, false
	}
	rec.USCCValid = uscc.Valid(rec.USCC)
	rec.Date, _ = sheet.DateIn(t.Cell(r, "date"))
	return rec, true
}

// DefaultP2PModes are the 服务方式 words that mean point-to-point service.
func DefaultP2PModes() []string { return []string{"点对点", "一对一", "上门"} }

// Counts is what the service criteria need from the records.
type Counts struct {
	SMEs         int                   // distinct valid USCCs with a service dated in the window
	PointToPoint int                   // of those, the ones with a point-to-point service in the window
	InvalidRows  int                   // rows whose USCC is invalid, wherever their date lies
	Invalid      []extractors.Evidence // those rows, for the dossier
	OutOfWindow  int                   // rows with a valid USCC dated outside the window (or undated)
	Outside      []extractors.Evidence // those rows, for the dossier
	Evidence     []extractors.Evidence // the first in-window row of each counted enterprise
}

// Count counts recs against the service window [ref - 1 year, ref). A row
// counts for point-to-point service when its mode contains one of p2pModes
// (DefaultP2PModes when nil). Enterprises are distinct by USCC.
func Count(recs []Record, ref time.Time, p2pModes []string) Counts {
	if p2pModes == nil {
		p2pModes = DefaultP2PModes()
	}
	ref = day(ref)
	from := ref.AddDate(-1, 0, 0)
	var c Counts
	first := map[string]bool{}
	p2p := map[string]bool{}
	for _, r := range recs {
		if !r.USCCValid {
			c.InvalidRows++
			c.Invalid = append(c.Invalid, r.Evidence)
			continue
		}
		d := day(r.Date)
		if r.Date.IsZero() || d.Before(from) || !d.Before(ref) {
			c.OutOfWindow++
			c.Outside = append(c.Outside, r.Evidence)
			continue
		}
		if !first[r.USCC] {
			first[r.USCC] = true
			c.Evidence = append(c.Evidence, r.Evidence)
		}
		if isP2P(r.Mode, p2pModes) {
			p2p[r.USCC] = true
		}
	}
	c.SMEs = len(first)
	c.PointToPoint = len(p2p)
	return c
}

// isP2P reports whether mode names one of the point-to-point modes.
func isP2P(mode string, modes []string) bool {
	m := parse.Compact(mode)
	for _, w := range modes {
		if w = parse.Compact(w); w != "" && strings.Contains(m, w) {
			return true
		}
	}
	return false
}

// day truncates t to its calendar day in UTC.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

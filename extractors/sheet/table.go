package sheet

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"ruku/extractors"
	"ruku/extractors/parse"
	"ruku/lexicon"
)

// ErrNoTable means no sheet has a header row naming the required columns.
var ErrNoTable = errors.New("no table with the required columns")

// headerScanRows is how many rows from the top of a sheet may hold the
// header: title rows, notes and a fill-in date usually come first.
const headerScanRows = 20

// Column describes a column by its meaning: the header texts that name it.
type Column struct {
	Key      string   // the name the caller reads the column by
	Names    []string // header texts, e.g. {"姓名", "专家姓名"}; matched after Normalize, as substrings either way
	Required bool     // a table without this column is not the table sought
}

// Table is a table found in a sheet: where its header is, which sheet column
// each Column is in, and the data rows under the header.
type Table struct {
	Sheet     string            // sheet name
	HeaderRow int               // 1-based row of the (last) header row
	Cols      map[string]int    // Column.Key → 0-based column index; absent when not found
	Headers   map[string]string // Column.Key → header text as the sheet shows it
	Rows      []Row             // data rows: blank, total, note, section and repeated header rows left out
	// Title is the text above the header (title rows, notes, a fill-in
	// line), cells joined by spaces: what the table says it lists.
	Title string
}

// Row is one data row of a Table.
type Row struct {
	Number int      // 1-based sheet row, as the sheet shows it
	Cells  []string // the whole sheet row, raw
}

// Get is t.Cell(r, key).
func (r Row) Get(key string, t *Table) string { return t.Cell(r, key) }

// Cell returns the trimmed text of row r in the column keyed key, or "" when
// the table has no such column or the row is shorter.
func (t *Table) Cell(r Row, key string) string {
	i, ok := t.Cols[key]
	if !ok || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// Has reports whether the column keyed key was found.
func (t *Table) Has(key string) bool {
	_, ok := t.Cols[key]
	return ok
}

// Header returns the header text of the column keyed key as the sheet shows
// it (a two-row header as "parent child"), for units such as 万元.
func (t *Table) Header(key string) string { return t.Headers[key] }

// Scale returns the factor that turns the values of the column keyed key
// into units of its header: 10000 when the header says 万元, 1000 for 千元,
// 100000000 for 亿元, otherwise 1.
func (t *Table) Scale(key string) float64 {
	h := Normalize(t.Headers[key])
	switch {
	case strings.Contains(h, "亿元"):
		return 1e8
	case strings.Contains(h, "万元"):
		return 1e4
	case strings.Contains(h, "千元"):
		return 1e3
	}
	return 1
}

// FindTable returns the table in sheets whose header row names the columns
// best: all required columns, then most columns, then the closest names,
// then the most data rows. It scans the first rows of every sheet, so title
// rows and notes above the header are skipped, and it recognises a header
// split over two rows (a merged parent such as 合作期限 over 起始 and 终止).
// It returns an error wrapping ErrNoTable when no sheet names every required
// column (or, with no required columns, at least two of them).
func FindTable(sheets []extractors.Sheet, cols []Column) (*Table, error) {
	cols = normalizeNames(cols)
	var best *candidate
	for i := range sheets {
		c := bestInSheet(&sheets[i], cols)
		if c != nil && (best == nil || c.better(best)) {
			best = c
		}
	}
	if best == nil || !best.acceptable(cols) {
		return nil, noTable(best, cols)
	}
	return best.table(), nil
}

// FindTables returns one table from every sheet that has one (the best
// header in each), in workbook order: for workbooks with a sheet per year.
// It returns nil when no sheet has one.
func FindTables(sheets []extractors.Sheet, cols []Column) []*Table {
	cols = normalizeNames(cols)
	var out []*Table
	for i := range sheets {
		if c := bestInSheet(&sheets[i], cols); c != nil && c.acceptable(cols) {
			out = append(out, c.table())
		}
	}
	return out
}

// normalizeNames returns a copy of cols with every name normalised.
func normalizeNames(cols []Column) []Column {
	out := make([]Column, len(cols))
	for i, c := range cols {
		out[i] = Column{Key: c.Key, Required: c.Required, Names: make([]string, len(c.Names))}
		for j, n := range c.Names {
			out[i].Names[j] = Normalize(n)
		}
	}
	return out
}

// candidate is a possible header: a row (or a pair of rows) of a sheet and
// the columns it was matched to.
type candidate struct {
	sheet    *extractors.Sheet
	top      int // 0-based index of the first header row
	last     int // 0-based index of the last header row
	cols     map[string]int
	headers  map[string]string
	required int
	matched  int
	quality  float64
	nrows    int // data rows, -1 until counted
}

// better orders candidates: more required columns, more columns, closer
// names, more data rows, a one-row header; on a full tie the earlier one
// stays. Data rows are counted only to break a tie.
func (c *candidate) better(o *candidate) bool {
	if c.required != o.required {
		return c.required > o.required
	}
	if c.matched != o.matched {
		return c.matched > o.matched
	}
	if d := c.quality - o.quality; d > 1e-9 || d < -1e-9 {
		return d > 0
	}
	if a, b := c.dataRows(), o.dataRows(); a != b {
		return a > b
	}
	return c.last-c.top < o.last-o.top
}

// dataRows counts the data rows under the header, once.
func (c *candidate) dataRows() int {
	if c.nrows < 0 {
		c.nrows = len(c.rows())
	}
	return c.nrows
}

// acceptable reports whether c names every required column, and at least
// two columns (or all of them when fewer are asked for).
func (c *candidate) acceptable(cols []Column) bool {
	need := 0
	for _, col := range cols {
		if col.Required {
			need++
		}
	}
	return c.required == need && c.matched >= min(2, len(cols))
}

func noTable(c *candidate, cols []Column) error {
	if c == nil {
		return ErrNoTable
	}
	var missing []string
	for _, col := range cols {
		if _, ok := c.cols[col.Key]; col.Required && !ok {
			missing = append(missing, col.Key)
		}
	}
	if len(missing) == 0 {
		return fmt.Errorf("%w: best header is sheet %q row %d, naming only %d column(s)",
			ErrNoTable, c.sheet.Name, c.last+1, c.matched)
	}
	return fmt.Errorf("%w: best header is sheet %q row %d, missing %s",
		ErrNoTable, c.sheet.Name, c.last+1, strings.Join(missing, ", "))
}

// bestInSheet returns the best header candidate of one sheet, or nil.
func bestInSheet(s *extractors.Sheet, cols []Column) *candidate {
	var best *candidate
	n := min(len(s.Rows), headerScanRows)
	for i := 0; i < n; i++ {
		if blank(s.Rows[i]) {
			continue
		}
		one := match(s, i, i, variants(s.Rows[i], nil), cols)
		c := one
		if i+1 < len(s.Rows) && !blank(s.Rows[i+1]) && !holdsTyped(s.Rows[i+1]) {
			two := match(s, i, i+1, variants(s.Rows[i], s.Rows[i+1]), cols)
			if two != nil && (one == nil || two.better(one)) {
				c = two
			}
		}
		if c == nil {
			continue
		}
		if best == nil || c.better(best) {
			best = c
		}
	}
	return best
}

// holdsTyped reports whether a row holds a date or a code (an ID number, a
// USCC), in a cell or written over several (2024 年 3 月 5 日 in a line of
// text): a data row, never the second row of a header.
func holdsTyped(row []string) bool {
	for _, c := range row {
		if t := strings.TrimSpace(c); t != "" && Typed(t) {
			return true
		}
	}
	return len(parse.Dates(strings.Join(row, " "))) > 0
}

// maxParentLen is the longest text taken for the parent cell of a two-row
// header (after Normalize).
const maxParentLen = 16

// variant is one reading of a header cell. Parent-only readings of a
// two-row header score a little lower, so that a child column name wins
// its column over the parent's.
type variant struct {
	text   string // normalised
	raw    string
	weight float64
}

// variants returns the possible header texts of each column: the cells of
// row, or for a two-row header the parent (carried right over the blanks a
// merge leaves, while the child row has text), the child, and both joined.
func variants(row, child []string) [][]variant {
	if child == nil {
		out := make([][]variant, len(row))
		for j, c := range row {
			if t := Normalize(c); t != "" && !isNumber(t) {
				out[j] = []variant{{text: t, raw: strings.TrimSpace(c), weight: 1}}
			}
		}
		return out
	}
	out := make([][]variant, max(len(row), len(child)))
	parent := ""
	for j := range out {
		p, c := cell(row, j), cell(child, j)
		switch {
		case strings.TrimSpace(p) != "":
			parent = strings.TrimSpace(p)
		case strings.TrimSpace(c) == "":
			parent = ""
		}
		pn, cn := Normalize(parent), Normalize(c)
		if isNumber(pn) || utf8.RuneCountInString(pn) > maxParentLen {
			pn = "" // a number or a sentence (a note above the header), not a parent header
		}
		if isNumber(cn) {
			cn = ""
		}
		switch {
		case pn != "" && cn != "":
			out[j] = []variant{
				{text: cn, raw: parent + " " + strings.TrimSpace(c), weight: 1},
				{text: pn + cn, raw: parent + " " + strings.TrimSpace(c), weight: 1},
				{text: pn, raw: parent + " " + strings.TrimSpace(c), weight: 0.9},
			}
		case pn != "":
			out[j] = []variant{{text: pn, raw: parent, weight: 1}}
		case cn != "":
			out[j] = []variant{{text: cn, raw: strings.TrimSpace(c), weight: 1}}
		}
	}
	return out
}

// match assigns columns to header cells, best match first, each cell to
// at most one column. Column names must be normalised. It returns nil when
// nothing matches.
func match(s *extractors.Sheet, top, last int, hdr [][]variant, cols []Column) *candidate {
	type pair struct {
		key, col int
		score    float64
		raw      string
	}
	var pairs []pair
	for k, col := range cols {
		for j, vs := range hdr {
			best, raw := 0.0, ""
			for _, v := range vs {
				for _, name := range col.Names {
					if q := similarity(v.text, name) * v.weight; q > best {
						best, raw = q, v.raw
					}
				}
			}
			if best > 0 {
				pairs = append(pairs, pair{k, j, best, raw})
			}
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.col, b.col)
	})
	c := &candidate{sheet: s, top: top, last: last, cols: map[string]int{}, headers: map[string]string{}, nrows: -1}
	usedCol := map[int]bool{}
	usedKey := map[int]bool{}
	for _, p := range pairs {
		if usedKey[p.key] || usedCol[p.col] {
			continue
		}
		usedKey[p.key], usedCol[p.col] = true, true
		c.cols[cols[p.key].Key] = p.col
		c.headers[cols[p.key].Key] = p.raw
		c.matched++
		c.quality += p.score
		if cols[p.key].Required {
			c.required++
		}
	}
	return c
}

// similarity scores how well a header text h names n (both normalised):
// 1 for equal texts, less for one containing the other, 0 otherwise.
func similarity(h, n string) float64 {
	if h == "" || n == "" {
		return 0
	}
	if h == n {
		return 1
	}
	lh, ln := float64(utf8.RuneCountInString(h)), float64(utf8.RuneCountInString(n))
	if strings.Contains(h, n) {
		return 0.5 + 0.4*ln/lh
	}
	if lh >= 2 && strings.Contains(n, h) {
		return 0.3 + 0.4*lh/ln
	}
	return 0
}

// table builds the Table of a candidate.
func (c *candidate) table() *Table {
	return &Table{
		Sheet:     c.sheet.Name,
		HeaderRow: c.last + 1,
		Cols:      c.cols,
		Headers:   c.headers,
		Rows:      c.rows(),
		Title:     c.title(),
	}
}

// title joins the cells of the rows above the header of c.
func (c *candidate) title() string {
	var parts []string
	for i := 0; i < c.top && i < len(c.sheet.Rows); i++ {
		for _, v := range c.sheet.Rows[i] {
			if v = strings.TrimSpace(v); v != "" {
				parts = append(parts, v)
			}
		}
	}
	return strings.Join(parts, " ")
}

// rows returns the data rows under the header of c.
func (c *candidate) rows() []Row {
	header := map[int][2]string{} // mapped column → normalised texts of the header rows
	for _, j := range c.cols {
		header[j] = [2]string{Normalize(cell(c.sheet.Rows[c.top], j)), Normalize(cell(c.sheet.Rows[c.last], j))}
	}
	var out []Row
	for i := c.last + 1; i < len(c.sheet.Rows); i++ {
		row := c.sheet.Rows[i]
		if blank(row) || isTotal(row) || isNote(row) || isColumnNumbers(row) || (len(c.cols) >= 3 && isSection(row)) {
			continue
		}
		mapped, same := 0, 0
		for _, j := range c.cols {
			t := Normalize(cell(row, j))
			if t == "" {
				continue
			}
			mapped++
			if h := header[j]; t == h[0] || t == h[1] {
				same++
			}
		}
		if mapped == 0 || (same >= 2 && 2*same >= mapped) {
			continue // nothing the table reads, or the header repeated
		}
		out = append(out, Row{Number: i + 1, Cells: row})
	}
	return out
}

// totalWords start the label cell of a total row (lexicon lists.total_words).
func totalWords() []string { return lexicon.Default().Words("lists.total_words") }

// isTotal reports whether a row is a total row: a short cell starting with
// 合计, 总计 or the like.
func isTotal(row []string) bool {
	for _, c := range row {
		t := Normalize(c)
		if utf8.RuneCountInString(t) > 12 {
			continue
		}
		for _, w := range totalWords() {
			if strings.HasPrefix(t, w) {
				return true
			}
		}
	}
	return false
}

// noteWords start the text of a note or signature line under a table
// (lexicon lists.note_words).
func noteWords() []string { return lexicon.Default().Words("lists.note_words") }

// isNote reports whether a row holds a single cell reading like a note or a
// signature line rather than data.
func isNote(row []string) bool {
	text := ""
	for _, c := range row {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if text != "" {
			return false
		}
		text = Normalize(c)
	}
	for _, w := range noteWords() {
		if strings.HasPrefix(text, w) {
			return true
		}
	}
	return false
}

// isSection reports whether a row holds a single text cell: a section
// heading inside a table (一、在聘专家, 以下为续聘人员) rather than a record.
// A cell holding a number, a date or a code is data.
func isSection(row []string) bool {
	text := ""
	for _, c := range row {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if text != "" {
			return false
		}
		text = strings.TrimSpace(c)
	}
	for _, t := range strings.Fields(text) {
		if isNumber(t) || Typed(t) {
			return false
		}
	}
	return true
}

// isColumnNumbers reports whether a row numbers the columns (1 2 3 …, the
// 栏次 row of printed forms) rather than holding data.
func isColumnNumbers(row []string) bool {
	prev, n := 0, 0
	for _, c := range row {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		v, err := strconv.Atoi(c)
		if err != nil || (n > 0 && v != prev+1) {
			return false
		}
		prev, n = v, n+1
	}
	return n >= 3
}

// Normalize prepares header text for matching: NFKC, then white space and
// punctuation removed (full-width forms included), so that "合作起始\n日期",
// "合作起始日期（年/月/日）" and "* 合作起始日期" compare alike up to their
// parenthesised notes.
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

func cell(row []string, j int) string {
	if j < len(row) {
		return row[j]
	}
	return ""
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

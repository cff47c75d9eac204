// Package export writes the review chain's spreadsheets as XLSX: the city's
// 《XX市优质中小企业服务资源库入库机构推荐汇总表》 (guide 第八条（二）) and
// the province's 拟入库名单 for 公示 (第八条（四）). Titles, headers and
// column widths are data (data/sheets.json); the sheets print on A4
// landscape, fitted to the page width, with the header row repeated on every
// page.
package export

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"ruku/pipeline/dossier"
	"ruku/review"
	"ruku/review/decisions"
	"ruku/review/region"
)

//go:embed data/sheets.json
var sheetsJSON []byte

// Column is one column of a sheet: the value's key, its header and width.
type Column struct {
	Key    string  `json:"key"`
	Header string  `json:"header"`
	Width  float64 `json:"width"`
}

// Layout is one sheet's wording.
type Layout struct {
	Title    string `json:"title"`
	Subtitle string `json:"subtitle"`
	// Footer is the signature line below the table ("" for none).
	Footer  string   `json:"footer"`
	Columns []Column `json:"columns"`
}

type sheets struct {
	Summary   Layout            `json:"summary"`
	Publicity Layout            `json:"publicity"`
	Words     map[string]string `json:"words"`
}

var loadSheets = sync.OnceValue(func() *sheets {
	var s sheets
	if err := json.Unmarshal(sheetsJSON, &s); err != nil {
		panic(fmt.Sprintf("export: sheets.json: %v", err))
	}
	return &s
})

// SummaryLayout returns the wording of the 推荐汇总表.
func SummaryLayout() Layout { return loadSheets().Summary }

// PublicityLayout returns the wording of the 拟入库名单.
func PublicityLayout() Layout { return loadSheets().Publicity }

// Options are common to both exports.
type Options struct {
	// Date is the date printed on the sheet (default today).
	Date time.Time
}

func (o Options) date() string {
	d := o.Date
	if d.IsZero() {
		d = time.Now()
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())
}

// SummaryOptions select the rows of a 推荐汇总表.
type SummaryOptions struct {
	Options
	// All includes every application that passed the county 初审 (whatever
	// the city decided, or before it decided); by default only those whose
	// latest city decision is 推荐.
	All bool
}

// SummaryRows selects and orders the applications of a city's 推荐汇总表:
// those of the city (by effective region) that passed 初审, recommended
// unless opt.All, by county then name.
func SummaryRows(apps []*review.Application, city string, opt SummaryOptions) []*review.Application {
	var out []*review.Application
	for _, a := range apps {
		if a.Region.City != city {
			continue
		}
		c := decisions.Latest(a.History, decisions.City)
		switch {
		case opt.All && decisions.Latest(a.History, decisions.County) != nil && a.State != decisions.PendingCounty && a.State != decisions.Returned:
		case c != nil && c.Outcome == decisions.Recommend:
		default:
			continue
		}
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(a, b *review.Application) int {
		if c := strings.Compare(a.Region.County, b.Region.County); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// PublicityRows selects and orders the 拟入库名单: the applications the
// province approved, by city, county and name.
func PublicityRows(apps []*review.Application) []*review.Application {
	var out []*review.Application
	for _, a := range apps {
		if a.State == decisions.Approved {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b *review.Application) int {
		for _, c := range []int{strings.Compare(a.Region.City, b.Region.City), strings.Compare(a.Region.County, b.Region.County)} {
			if c != 0 {
				return c
			}
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// WriteSummary writes the 推荐汇总表 of city (a review unit's code) with the
// given rows (see SummaryRows) to w.
func WriteSummary(w io.Writer, t *region.Table, city string, rows []*review.Application, opt SummaryOptions) error {
	c := t.CityByCode(city)
	if c == nil {
		return fmt.Errorf("summary: %q is not a city-level unit", city)
	}
	l := SummaryLayout()
	repl := strings.NewReplacer("{city}", c.Name, "{date}", opt.date())
	l.Title, l.Subtitle, l.Footer = repl.Replace(l.Title), repl.Replace(l.Subtitle), repl.Replace(l.Footer)
	return write(w, "推荐汇总表", l, rows)
}

// WritePublicity writes the 拟入库名单 with the given rows (see
// PublicityRows) to w.
func WritePublicity(w io.Writer, rows []*review.Application, opt Options) error {
	l := PublicityLayout()
	repl := strings.NewReplacer("{date}", opt.date())
	l.Title, l.Subtitle, l.Footer = repl.Replace(l.Title), repl.Replace(l.Subtitle), repl.Replace(l.Footer)
	return write(w, "拟入库名单", l, rows)
}

// value is the text of one cell.
func value(key string, i int, a *review.Application) string {
	words := loadSheets().Words
	list := func(s []string) string { return strings.Join(s, words["list_sep"]) }
	switch key {
	case "seq":
		return fmt.Sprint(i + 1)
	case "name":
		return a.Name
	case "uscc":
		return a.USCC
	case "legal_rep":
		return a.LegalRep
	case "city":
		return a.Region.CityName
	case "county":
		if a.Region.County == "" && a.Region.City != "" {
			return words["city_level"]
		}
		return a.Region.CountyName
	case "categories":
		return list(a.Categories)
	case "nature":
		return a.Nature
	case "verdict":
		v := dossier.VerdictLabel(a.Verdict)
		if a.Reviewed != a.Verdict {
			v += strings.ReplaceAll(words["reviewed"], "{verdict}", dossier.VerdictLabel(a.Reviewed))
		}
		return v
	case "issues":
		var s []string
		for _, is := range a.Issues {
			s = append(s, is.Title+"（"+dossier.StatusLabel(is.Status)+"）")
		}
		if len(s) == 0 {
			return words["none"]
		}
		return strings.Join(s, words["issue_sep"])
	case "county_opinion":
		return opinion(decisions.Latest(a.History, decisions.County))
	case "city_opinion":
		return opinion(decisions.Latest(a.History, decisions.City))
	case "remarks":
		return remarks(a)
	}
	return ""
}

// opinion words a step decision: its outcome, then the opinion or reason.
func opinion(d *decisions.Decision) string {
	if d == nil {
		return ""
	}
	s := decisions.ChineseLabels().Outcomes[d.Outcome]
	text := strings.TrimSpace(d.Opinion)
	if text == "" {
		text = strings.TrimSpace(d.Reason)
	}
	if text != "" {
		s += "：" + text
	}
	return s
}

// remarks lists reviewers' overrides and doubts about the region.
func remarks(a *review.Application) string {
	words := loadSheets().Words
	var s []string
	eff := decisions.Effective(a.History)
	for _, c := range a.Criteria() {
		d := eff[c.ID]
		if d == nil || d.Action != decisions.Override || d.Status == c.Status {
			continue
		}
		s = append(s, strings.NewReplacer("{criterion}", c.Title, "{status}", dossier.StatusLabel(d.Status), "{reason}", d.Reason).
			Replace(words["overridden"]))
	}
	switch {
	case a.Region.Source == region.FromCorrection:
		s = append(s, words["region_corrected"])
	case len(a.Region.Doubts) > 0:
		s = append(s, words["region_doubt"]+strings.Join(a.Region.Doubts, "；"))
	}
	return strings.Join(s, words["issue_sep"])
}

// Sheet layout: the title in row 1, the subtitle in row 2, the header in
// row HeaderRow, data below.
const HeaderRow = 3

func write(w io.Writer, sheet string, l Layout, rows []*review.Application) (err error) {
	cols := l.Columns
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("export %s: %w", sheet, err)
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("export %s: %w", sheet, err)
	}
	set := func(cell string, v any) {
		if err == nil {
			err = f.SetCellValue(sheet, cell, v)
		}
	}
	set("A1", l.Title)
	set("A2", l.Subtitle)
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		set(fmt.Sprintf("%s%d", name, HeaderRow), c.Header)
		if err == nil {
			err = f.SetColWidth(sheet, name, name, c.Width)
		}
	}
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
	}
	if err == nil {
		err = f.SetRowHeight(sheet, HeaderRow, rowHeight(cols, headers))
	}
	for r, a := range rows {
		texts := make([]string, len(cols))
		for i, c := range cols {
			cell, _ := excelize.CoordinatesToCellName(i+1, HeaderRow+1+r)
			texts[i] = value(c.Key, r, a)
			if c.Key == "seq" {
				set(cell, r+1)
				continue
			}
			set(cell, texts[i])
		}
		// Spreadsheet programs do not all grow rows to wrapped text on
		// opening (LibreOffice keeps the default height), so set it.
		if err == nil {
			err = f.SetRowHeight(sheet, HeaderRow+1+r, rowHeight(cols, texts))
		}
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", sheet, err)
	}
	lastRow := HeaderRow + len(rows)
	footer := fmt.Sprintf("A%d", lastRow+2)
	if l.Footer != "" {
		set(footer, l.Footer)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", sheet, err)
	}
	steps := []func() error{
		func() error {
			if l.Footer == "" {
				return nil
			}
			row := fmt.Sprint(lastRow + 2)
			if err := f.MergeCell(sheet, footer, last+row); err != nil {
				return err
			}
			return f.SetCellStyle(sheet, footer, last+row, st.subtitle)
		},
		func() error { return f.MergeCell(sheet, "A1", last+"1") },
		func() error { return f.MergeCell(sheet, "A2", last+"2") },
		func() error { return f.SetCellStyle(sheet, "A1", last+"1", st.title) },
		func() error { return f.SetCellStyle(sheet, "A2", last+"2", st.subtitle) },
		func() error { return f.SetRowHeight(sheet, 1, 32) },
		func() error {
			return f.SetCellStyle(sheet, fmt.Sprintf("A%d", HeaderRow), fmt.Sprintf("%s%d", last, HeaderRow), st.header)
		},
		func() error {
			if len(rows) == 0 {
				return nil
			}
			return f.SetCellStyle(sheet, fmt.Sprintf("A%d", HeaderRow+1), fmt.Sprintf("%s%d", last, lastRow), st.body)
		},
		func() error {
			if len(rows) == 0 {
				return nil
			}
			return f.SetCellStyle(sheet, fmt.Sprintf("A%d", HeaderRow+1), fmt.Sprintf("A%d", lastRow), st.center)
		},
		func() error {
			return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
				Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
			})
		},
		func() error { return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}) },
		func() error {
			return f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
				Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.5), Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true),
			})
		},
		func() error {
			return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"})
		},
		func() error {
			return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
				RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, HeaderRow, HeaderRow)})
		},
		func() error {
			return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: HeaderRow, TopLeftCell: fmt.Sprintf("A%d", HeaderRow+1), ActivePane: "bottomLeft"})
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return fmt.Errorf("export %s: %w", sheet, err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("export %s: %w", sheet, err)
	}
	return nil
}

type styles struct{ title, subtitle, header, body, center int }

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	var s styles
	var err error
	for _, x := range []struct {
		dst *int
		st  *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: font(16, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.subtitle, &excelize.Style{Font: font(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}}},
		{&s.header, &excelize.Style{Font: font(11, true), Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.body, &excelize.Style{Font: font(10, false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}},
		{&s.center, &excelize.Style{Font: font(10, false), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
	} {
		if *x.dst, err = f.NewStyle(x.st); err != nil {
			return s, err
		}
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

// lineHeight is the height in points of one line of 10–11 pt text.
const lineHeight = 14.0

// rowHeight estimates the height of a row whose cells wrap texts in
// columns of the given widths (in widths of the digit 0): a wide (CJK)
// character takes two, others one.
func rowHeight(cols []Column, texts []string) float64 {
	lines := 1
	for i, t := range texts {
		width := max(int(cols[i].Width)-1, 1)
		n := 0
		for _, line := range strings.Split(t, "\n") {
			units := 0
			for _, r := range line {
				if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
					units += 2
				} else {
					units++
				}
			}
			n += max(1, (units+width-1)/width)
		}
		lines = max(lines, n)
	}
	return float64(lines)*lineHeight + 4
}

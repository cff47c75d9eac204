package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
)

// readFile reads testdata/name with Read.
func readFile(t *testing.T, name string) ([]extractors.Sheet, error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Read(context.Background(), bytes.NewReader(b), int64(len(b)))
}

func mustRead(t *testing.T, name string) []extractors.Sheet {
	t.Helper()
	sheets, err := readFile(t, name)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return sheets
}

// cellAt returns the cell at 1-based row and column letter index (0-based col).
func cellAt(s extractors.Sheet, row, col int) string {
	if row-1 >= len(s.Rows) || col >= len(s.Rows[row-1]) {
		return ""
	}
	return s.Rows[row-1][col]
}

func TestReadCells(t *testing.T) {
	tests := []struct {
		file   string
		sheets []string
		sheet  int
		row    int // 1-based
		col    int // 0-based
		want   string
		nrows  int // rows in that sheet, trailing empty rows trimmed
	}{
		// Hand-written corpus file: text dates as typed.
		{"corpus_expert_hand.xlsx", []string{"专家名单"}, 0, 2, 7, "2024.7.2", 26},
		// LibreOffice-saved corpus file: merged title, blank row 2, serial dates.
		{"corpus_expert_fods.xlsx", []string{"专家名单"}, 0, 4, 7, "45953", 32},
		{"corpus_expert_fods.xlsx", []string{"专家名单"}, 0, 1, 0, "河北鼎盛（河北）科技成果转化服务有限公司合作专家名单", 32},
		{"corpus_services_fods.xlsx", []string{"服务明细"}, 0, 2, 3, "2024-08-21", 137},
		{"corpus_form_hand.xlsx", []string{"入库申请表"}, 0, 8, 1, "43764", 24},
		// Raw values: no thousands separators, dates as serials, booleans as 1.
		{"gen_raw_values.xlsx", []string{"数值"}, 0, 1, 1, "2345678.9", 5},
		{"gen_raw_values.xlsx", []string{"数值"}, 0, 2, 1, "45657", 5},
		{"gen_raw_values.xlsx", []string{"数值"}, 0, 3, 3, "100", 5},
		{"gen_raw_values.xlsx", []string{"数值"}, 0, 4, 1, "1", 5},
		// Merged title keeps its value in the top-left cell only.
		{"gen_experts_messy.xlsx", []string{"专家库"}, 0, 1, 1, "", 12},
		{"gen_experts_messy.xlsx", []string{"专家库"}, 0, 8, 5, "45352", 12},
		{"gen_experts_messy.xlsx", []string{"专家库"}, 0, 4, 1, "专家\n姓名", 12},
		{"gen_services_years.xlsx", []string{"填表说明", "2024年", "2025年"}, 2, 3, 2, "2025年1月2日", 5},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			sheets := mustRead(t, tt.file)
			var names []string
			for _, s := range sheets {
				names = append(names, s.Name)
			}
			if !slices.Equal(names, tt.sheets) {
				t.Fatalf("sheets = %q, want %q", names, tt.sheets)
			}
			s := sheets[tt.sheet]
			if got := cellAt(s, tt.row, tt.col); got != tt.want {
				t.Errorf("row %d col %d = %q, want %q", tt.row, tt.col, got, tt.want)
			}
			if len(s.Rows) != tt.nrows {
				t.Errorf("rows = %d, want %d", len(s.Rows), tt.nrows)
			}
		})
	}
}

func TestReadTrims(t *testing.T) {
	for _, name := range []string{"gen_raw_values.xlsx", "gen_experts_messy.xlsx", "corpus_expert_fods.xlsx", "corpus_services_fods.xlsx"} {
		for _, s := range mustRead(t, name) {
			if n := len(s.Rows); n > 0 && blank(s.Rows[n-1]) {
				t.Errorf("%s/%s: trailing empty row", name, s.Name)
			}
			for i, r := range s.Rows {
				if n := len(r); n > 0 && strings.TrimSpace(r[n-1]) == "" {
					t.Errorf("%s/%s row %d: trailing empty cell in %q", name, s.Name, i+1, r)
				}
			}
		}
	}
}

// zipOf builds a zip holding the given files.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, body := range files {
		fw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadErrors(t *testing.T) {
	enc, err := os.ReadFile("testdata/gen_encrypted.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	xls, err := os.ReadFile("testdata/old.xls")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		is   []error
		msg  string
	}{
		{"xls", xls, []error{ErrUnsupported}, "old .xls format: convert to XLSX or PDF"},
		{"encrypted", enc, []error{ErrUnsupported, ErrEncrypted}, "encrypted"},
		{"pdf", []byte("%PDF-1.7\n..."), []error{ErrUnsupported}, "not an XLSX"},
		{"empty", nil, []error{ErrUnsupported}, "empty"},
		{"docx", zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}), []error{ErrUnsupported}, ""},
		{"truncated zip", []byte("PK\x03\x04 truncated"), nil, "open workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), bytes.NewReader(tt.data), int64(len(tt.data)))
			if err == nil {
				t.Fatal("no error")
			}
			for _, target := range tt.is {
				if !errors.Is(err, target) {
					t.Errorf("error %q is not %v", err, target)
				}
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
}

func TestReadLimits(t *testing.T) {
	b, err := os.ReadFile("testdata/corpus_services_hand.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		mod  func(*Limits)
	}{
		{"bytes", func(l *Limits) { l.MaxBytes = 1000 }},
		{"rows", func(l *Limits) { l.MaxRows = 50 }},
		{"cells", func(l *Limits) { l.MaxCells = 100 }},
		{"unzipped", func(l *Limits) { l.MaxUnzipped = 10000 }},
		{"sheets", func(l *Limits) { l.MaxSheets = 0 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lim := DefaultLimits()
			tt.mod(&lim)
			_, err := ReadLimits(context.Background(), bytes.NewReader(b), int64(len(b)), lim)
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("err = %v, want ErrTooLarge", err)
			}
		})
	}
	lim := DefaultLimits()
	lim.MaxCols = 3
	sheets, err := ReadLimits(context.Background(), bytes.NewReader(b), int64(len(b)), lim)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sheets[0].Rows {
		if len(r) > 3 {
			t.Fatalf("row has %d cells, limit 3", len(r))
		}
	}
}

func TestReadCancelled(t *testing.T) {
	b, err := os.ReadFile("testdata/corpus_expert_hand.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, bytes.NewReader(b), int64(len(b))); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// FuzzRead checks that no input makes Read panic or hang, and that what it
// returns keeps its promises.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.xls*")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		watchdog := time.AfterFunc(time.Minute, func() { panic("Read ran for over a minute") }) // a hang is a crash
		defer watchdog.Stop()
		lim := DefaultLimits()
		lim.MaxRows, lim.MaxCells, lim.MaxUnzipped = 5000, 100_000, 8<<20
		sheets, err := ReadLimits(context.Background(), bytes.NewReader(b), int64(len(b)), lim)
		if err != nil {
			return
		}
		cells := 0
		for _, s := range sheets {
			if len(s.Rows) > lim.MaxRows {
				t.Fatalf("sheet %q: %d rows", s.Name, len(s.Rows))
			}
			for _, r := range s.Rows {
				cells += len(r)
			}
			_, _ = FindTable(sheets, []Column{{Key: "name", Names: []string{"姓名"}, Required: true}, {Key: "id", Names: []string{"身份证号"}}})
		}
		if cells > lim.MaxCells {
			t.Fatalf("%d cells", cells)
		}
	})
}

// repack returns the zip package base with the named parts replaced.
func repack(t testing.TB, base []byte, parts map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range zr.File {
		body, ok := parts[f.Name]
		if !ok {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			body, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		fw, err := w.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// partOf returns one part of a zip package.
func partOf(t testing.TB, pkg []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzSheetXML fuzzes the worksheet and shared strings XML inside a valid
// package, which FuzzRead rarely reaches past the zip checksums.
func FuzzSheetXML(f *testing.F) {
	base, err := os.ReadFile("testdata/gen_experts_messy.xlsx")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"gen_experts_messy.xlsx", "gen_partners_tworow.xlsx", "lo_partners_tworow.xlsx", "corpus_expert_fods.xlsx", "gen_raw_values.xlsx"} {
		pkg, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(partOf(f, pkg, "xl/worksheets/sheet1.xml"), partOf(f, pkg, "xl/sharedStrings.xml"))
	}
	f.Fuzz(func(t *testing.T, sheetXML, sst []byte) {
		watchdog := time.AfterFunc(time.Minute, func() { panic("Read ran for over a minute") }) // a hang is a crash
		defer watchdog.Stop()
		b := repack(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": sheetXML, "xl/sharedStrings.xml": sst})
		lim := DefaultLimits()
		lim.MaxRows, lim.MaxCells = 5000, 100_000
		sheets, err := ReadLimits(context.Background(), bytes.NewReader(b), int64(len(b)), lim)
		if err != nil {
			return
		}
		for _, s := range sheets {
			if len(s.Rows) > lim.MaxRows {
				t.Fatalf("sheet %q: %d rows", s.Name, len(s.Rows))
			}
		}
		_, _ = FindTable(sheets, expertCols)
		_ = FindTables(sheets, partnerCols)
	})
}

// TestReadHostile feeds a small package that expands to a huge sheet: far
// more rows than allowed, and a cell in the last column.
func TestReadHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large sheet")
	}
	base, err := os.ReadFile("testdata/gen_experts_messy.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var x bytes.Buffer
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	x.WriteString(`<row r="1"><c r="XFD1" t="inlineStr"><is><t>far right</t></is></c></row>`)
	for i := 2; i <= 150_000; i++ {
		x.WriteString(`<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>`)
	}
	x.WriteString(`</sheetData></worksheet>`)
	b := repack(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": x.Bytes()})
	start := time.Now()
	_, err = Read(context.Background(), bytes.NewReader(b), int64(len(b)))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
	t.Logf("%d-byte package, %d-byte sheet: %v in %v", len(b), x.Len(), err, time.Since(start))
}

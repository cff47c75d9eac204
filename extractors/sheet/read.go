// Package sheet reads XLSX workbooks into the shared document model and
// finds the tables the extractors read: a header row located by the meaning
// of its column names, wherever the applicant put it, and the data rows
// under it.
//
// Read returns every worksheet's cells as text. Numbers are the raw values
// the file stores (no thousands separators or number formats), dates are
// usually Excel serial numbers (see ExcelDate and CellDate). A merged range
// keeps its value in its top-left cell only; FindTable recognises a merged
// parent header over several child columns by the blanks the merge leaves.
package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"ruku/extractors"
)

// Errors returned by Read. Test them with errors.Is.
var (
	// ErrUnsupported means the input is not an XLSX workbook: an old binary
	// .xls file, some other format, or a zip that holds no worksheet.
	ErrUnsupported = errors.New("unsupported spreadsheet")
	// ErrEncrypted means the workbook is password-protected (an XLSX package
	// encrypted inside an OLE2 compound file). It is also ErrUnsupported.
	ErrEncrypted = errors.New("encrypted workbook: remove the password and resubmit")
	// ErrTooLarge means the file exceeds one of the Limits.
	ErrTooLarge = errors.New("spreadsheet too large")
)

// Limits bounds the work and memory Read spends on one file, so that a
// hostile or broken file cannot exhaust the worker.
type Limits struct {
	MaxBytes    int64 // compressed input size
	MaxUnzipped int64 // total uncompressed size of the package parts
	MaxSheets   int   // worksheets read
	MaxRows     int   // last non-empty row of a sheet
	MaxCols     int   // columns kept per row; cells to the right are dropped
	MaxCells    int   // cells kept in the whole workbook
}

// DefaultLimits returns the limits Read uses: far above any real
// application form and far below what would hurt a worker.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:    64 << 20,
		MaxUnzipped: 128 << 20,
		MaxSheets:   64,
		MaxRows:     100_000,
		MaxCols:     1024,
		MaxCells:    2_000_000,
	}
}

// Magic numbers of the containers Read recognises.
var (
	magicZip  = []byte("PK\x03\x04")
	magicOLE2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Read reads every worksheet of the XLSX workbook in r (size bytes) with
// DefaultLimits. Sheets come in workbook order, hidden ones included. Each
// row is the sheet row of the same index (Rows[0] is row 1); empty rows are
// nil and trailing empty cells and rows are trimmed.
func Read(ctx context.Context, r io.ReaderAt, size int64) ([]extractors.Sheet, error) {
	return ReadLimits(ctx, r, size, DefaultLimits())
}

// ReadLimits is Read with explicit limits.
func ReadLimits(ctx context.Context, r io.ReaderAt, size int64, lim Limits) (sheets []extractors.Sheet, err error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read xlsx: %w", err)
	}
	if size < 0 {
		return nil, fmt.Errorf("read xlsx: negative size %d", size)
	}
	if size > lim.MaxBytes {
		return nil, fmt.Errorf("read xlsx: %w: %d bytes (limit %d)", ErrTooLarge, size, lim.MaxBytes)
	}
	buf := make([]byte, size)
	if n, err := r.ReadAt(buf, 0); n < len(buf) {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("read xlsx: read input: %w", err)
	}
	if err := sniff(buf); err != nil {
		return nil, fmt.Errorf("read xlsx: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			sheets, err = nil, fmt.Errorf("read xlsx: malformed workbook (excelize panic: %v)", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(buf), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: lim.MaxUnzipped, // keep every part in memory: no temp files
	})
	if err != nil {
		return nil, fmt.Errorf("read xlsx: open workbook: %w", openError(err))
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) == 0 {
		return nil, fmt.Errorf("read xlsx: %w: no worksheet in the package", ErrUnsupported)
	}
	if len(names) > lim.MaxSheets {
		return nil, fmt.Errorf("read xlsx: %w: %d sheets (limit %d)", ErrTooLarge, len(names), lim.MaxSheets)
	}
	cells := 0
	for _, name := range names {
		rows, err := readRows(ctx, f, name, lim, &cells)
		if err != nil {
			return nil, fmt.Errorf("read xlsx: sheet %q: %w", name, err)
		}
		sheets = append(sheets, extractors.Sheet{Name: name, Rows: rows})
	}
	return sheets, nil
}

// sniff rejects input that is not a zip package, naming what it is when it
// can tell.
func sniff(b []byte) error {
	switch {
	case bytes.HasPrefix(b, magicOLE2):
		if isEncryptedOOXML(b) {
			return fmt.Errorf("%w: %w", ErrUnsupported, ErrEncrypted)
		}
		return fmt.Errorf("%w: old .xls format: convert to XLSX or PDF", ErrUnsupported)
	case bytes.HasPrefix(b, magicZip):
		return sniffZip(b)
	case len(b) == 0:
		return fmt.Errorf("%w: empty file", ErrUnsupported)
	default:
		return fmt.Errorf("%w: not an XLSX workbook", ErrUnsupported)
	}
}

// sniffZip rejects a zip package that holds no workbook part, such as a
// DOCX. A zip whose directory cannot be read is left to excelize, which
// reports it.
func sniffZip(b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	docx := false
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if strings.HasPrefix(name, "xl/") {
			return nil
		}
		docx = docx || strings.HasPrefix(name, "word/")
	}
	if docx {
		return fmt.Errorf("%w: a DOCX document, not a workbook", ErrUnsupported)
	}
	return fmt.Errorf("%w: a zip file without a workbook", ErrUnsupported)
}

// isEncryptedOOXML reports whether an OLE2 compound file holds the streams
// of an encrypted OOXML package rather than a binary workbook. Directory
// entry names are UTF-16LE, so a byte search is enough.
func isEncryptedOOXML(b []byte) bool {
	return bytes.Contains(b, utf16le("EncryptedPackage")) || bytes.Contains(b, utf16le("EncryptionInfo"))
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}

// openError maps excelize's open errors to this package's sentinels.
func openError(err error) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return fmt.Errorf("%w: %w", ErrUnsupported, err)
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return fmt.Errorf("%w: %w", ErrTooLarge, err)
	}
	return err
}

// readRows streams one sheet's rows, trimming trailing empty cells and rows
// and counting cells against the workbook limit.
func readRows(ctx context.Context, f *excelize.File, name string, lim Limits, cells *int) ([][]string, error) {
	it, err := f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("open rows: %w", err)
	}
	defer it.Close()
	var out [][]string
	n := 0
	for it.Next() {
		n++
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		row, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", n, err)
		}
		if len(row) > lim.MaxCols {
			row = row[:lim.MaxCols]
		}
		row = trimRow(row)
		if len(row) == 0 {
			continue
		}
		if n > lim.MaxRows {
			return nil, fmt.Errorf("%w: data in row %d (limit %d rows)", ErrTooLarge, n, lim.MaxRows)
		}
		*cells += len(row)
		if *cells > lim.MaxCells {
			return nil, fmt.Errorf("%w: more than %d cells", ErrTooLarge, lim.MaxCells)
		}
		for len(out) < n-1 {
			out = append(out, nil)
		}
		out = append(out, slices.Clone(row)) // release excelize's full-width row
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("rows: %w", err)
	}
	return out, nil
}

// trimRow drops trailing cells that hold nothing but white space.
func trimRow(row []string) []string {
	end := len(row)
	for end > 0 && strings.TrimSpace(row[end-1]) == "" {
		end--
	}
	if end == 0 {
		return nil
	}
	return row[:end:end]
}

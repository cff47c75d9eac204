package credit

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ruku/extractors"
)

// want is what one block of a layout fixture should read.
type want struct {
	list, outcome, date string
	doubt               string // a word the block's Doubt must hold; "" for none
}

// TestLayouts reads one fixture per page layout (testdata/layouts): a long
// stitched screenshot of four queries, a credit report with a summary table
// and sections, a report with two lists a row, a mobile page, a grid of
// cards, a yes/no form, a listing phrase alone and a negated one, and a
// combined page whose blocks carry their own dates.
func TestLayouts(t *testing.T) {
	const name, code = "河北甲检测有限公司", "91130105MAD28A3885"
	cases := []struct {
		file   string
		method extractors.Method
		blocks []want
	}{
		{"stitched.txt", extractors.MethodOCR, []want{
			{DishonestDebtor, Clear, "2026-08-01", ""},
			{SeriousDishonesty, Clear, "2026-08-02", ""},
			{AbnormalOperation, Listed, "2026-08-03", ""},
			{TaxViolation, Clear, "2026-08-04", ""}}},
		{"report.txt", extractors.MethodText, []want{
			{DishonestDebtor, Clear, "2026-08-08", ""},
			{SeriousDishonesty, Clear, "2026-08-08", ""},
			{AbnormalOperation, Clear, "2026-08-08", ""},
			{TaxViolation, Clear, "2026-08-08", ""}}},
		{"report_rows.txt", extractors.MethodText, []want{
			{DishonestDebtor, Clear, "2026-08-08", ""},
			{SeriousDishonesty, Clear, "2026-08-08", ""},
			{AbnormalOperation, Clear, "2026-08-08", ""},
			{TaxViolation, Clear, "2026-08-08", ""}}},
		{"mobile.txt", extractors.MethodOCR, []want{
			{DishonestDebtor, Clear, "2026-08-08", ""}}},
		{"grid.txt", extractors.MethodOCR, []want{
			{DishonestDebtor, Clear, "2026-08-08", ""},
			{SeriousDishonesty, Clear, "2026-08-08", ""},
			{AbnormalOperation, Clear, "2026-08-08", ""},
			{TaxViolation, Clear, "2026-08-08", ""}}},
		{"question.txt", extractors.MethodText, []want{
			{DishonestDebtor, Clear, "2026-08-08", ""},
			{SeriousDishonesty, Clear, "2026-08-08", ""},
			{AbnormalOperation, Listed, "2026-08-08", ""},
			{TaxViolation, Clear, "2026-08-08", ""}}},
		{"phrase_only.txt", extractors.MethodOCR, []want{
			{AbnormalOperation, Unreadable, "2026-08-08", "suggests a record"}}},
		{"negated.txt", extractors.MethodOCR, []want{
			{AbnormalOperation, Clear, "2026-08-08", ""}}},
		{"combined_own_dates.txt", extractors.MethodOCR, []want{
			{DishonestDebtor, Clear, "2026-08-01", ""},
			{SeriousDishonesty, Clear, "2026-08-02", ""},
			{AbnormalOperation, Clear, "2026-08-03", ""},
			{TaxViolation, Clear, "2026-08-04", ""}}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			d := ocrDoc(t, filepath.Join("testdata/layouts", c.file))
			d.Pages[0].Method = c.method
			r := Extract(d)
			if len(r.Blocks) != len(c.blocks) {
				for _, b := range r.Blocks {
					t.Logf("block %s %s (%s)", b.List, b.Outcome, b.Doubt)
				}
				t.Fatalf("%d blocks, want %d", len(r.Blocks), len(c.blocks))
			}
			for i, w := range c.blocks {
				b := r.Blocks[i]
				if b.List != w.list || b.Outcome != w.outcome {
					t.Errorf("block %d: %s %s, want %s %s (%s)", i, b.List, b.Outcome, w.list, w.outcome, b.Doubt)
				}
				if (w.doubt == "") != (b.Doubt == "") || !strings.Contains(b.Doubt, w.doubt) {
					t.Errorf("block %d (%s): doubt %q, want %q", i, w.list, b.Doubt, w.doubt)
				}
				if got := b.QueryDate.Value.Format(time.DateOnly); !b.QueryDate.OK || got != w.date {
					t.Errorf("block %d (%s): date %s (%v %q), want %s", i, w.list, got, b.QueryDate.OK, b.QueryDate.Doubt, w.date)
				}
				if b.Subject.Value != name || b.USCC.Value != code {
					t.Errorf("block %d (%s): subject %q %q", i, w.list, b.Subject.Value, b.USCC.Value)
				}
				if len(b.Evidence) < 2 {
					t.Errorf("block %d (%s): evidence %v", i, w.list, b.Evidence)
				}
			}
		})
	}
}

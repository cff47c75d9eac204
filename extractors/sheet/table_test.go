package sheet

import (
	"errors"
	"slices"
	"testing"
	"time"

	"ruku/extractors"
)

// Column sets like the ones the extractors use.
var (
	expertCols = []Column{
		{Key: "name", Names: []string{"姓名", "专家姓名"}, Required: true},
		{Key: "id", Names: []string{"身份证号", "身份证号码", "证件号码"}},
		{Key: "employer", Names: []string{"工作单位", "单位"}},
		{Key: "title", Names: []string{"职称"}},
		{Key: "start", Names: []string{"起始日期", "开始日期", "起始", "聘用开始时间", "合作起始日期"}, Required: true},
		{Key: "end", Names: []string{"终止日期", "结束日期", "截止日期", "终止", "聘用结束时间"}, Required: true},
	}
	partnerCols = []Column{
		{Key: "name", Names: []string{"合作机构名称", "机构名称", "单位名称"}, Required: true},
		{Key: "uscc", Names: []string{"统一社会信用代码", "信用代码"}},
		{Key: "signed", Names: []string{"签订日期", "起始", "开始日期"}, Required: true},
		{Key: "until", Names: []string{"有效期至", "终止", "截止日期"}},
		{Key: "amount", Names: []string{"金额"}},
	}
	serviceCols = []Column{
		{Key: "name", Names: []string{"企业名称", "服务企业名称"}, Required: true},
		{Key: "uscc", Names: []string{"统一社会信用代码", "信用代码"}, Required: true},
		{Key: "date", Names: []string{"服务日期", "服务时间"}, Required: true},
		{Key: "way", Names: []string{"服务方式"}},
	}
	staffCols = []Column{
		{Key: "name", Names: []string{"姓名"}, Required: true},
		{Key: "title", Names: []string{"职称"}},
		{Key: "job", Names: []string{"职务"}},
	}
)

func TestFindTable(t *testing.T) {
	type cellWant struct {
		row  int // index into Table.Rows
		key  string
		want string
	}
	tests := []struct {
		name      string
		file      string
		cols      []Column
		sheet     string
		headerRow int
		nrows     int
		numbers   []int // sheet row numbers of the data rows, when checked
		cells     []cellWant
		header    map[string]string
	}{
		{
			name: "corpus experts, text dates", file: "corpus_expert_hand.xlsx", cols: expertCols,
			sheet: "专家名单", headerRow: 1, nrows: 25,
			cells: []cellWant{{0, "name", "龙勇"}, {0, "start", "2024.7.2"}, {24, "end", "2023.12.30"}, {0, "id", "120104198202285409"}},
		},
		{
			name: "corpus experts by LibreOffice, title and blank row", file: "corpus_expert_fods.xlsx", cols: expertCols,
			sheet: "专家名单", headerRow: 3, nrows: 29,
			cells: []cellWant{{0, "name", "余子涵"}, {0, "start", "45953"}, {0, "employer", "长城汽车股份有限公司"}},
		},
		{
			name: "corpus partners", file: "corpus_partners_hand.xlsx", cols: partnerCols,
			sheet: "合作机构", headerRow: 2, nrows: 11,
			cells: []cellWant{{0, "uscc", "91130105MAD28A3885"}, {0, "signed", "45001"}, {0, "until", "45731"}},
		},
		{
			name: "corpus partners by LibreOffice", file: "corpus_partners_fods.xlsx", cols: partnerCols,
			sheet: "合作机构", headerRow: 1, nrows: 12,
		},
		{
			name: "corpus services", file: "corpus_services_hand.xlsx", cols: serviceCols,
			sheet: "服务明细", headerRow: 2, nrows: 120,
			cells: []cellWant{{119, "name", "廊坊金马钢结构股份有限公司"}, {119, "way", "讲座"}},
		},
		{
			name: "title, notes, odd order, repeated header, total and note rows", file: "gen_experts_messy.xlsx", cols: expertCols,
			sheet: "专家库", headerRow: 4, nrows: 4, numbers: []int{5, 6, 8, 10},
			cells: []cellWant{
				{0, "name", "张三"}, {0, "id", "130102********1234"}, {0, "employer", "河北科技大学"}, {0, "title", "教授"},
				{1, "start", "2024年3月1日"}, {2, "start", "45352"}, {3, "end", "2025/6/30"},
			},
			header: map[string]string{"name": "专家\n姓名", "start": "聘用开始时间"},
		},
		{
			name: "two-row merged header and 万元", file: "gen_partners_tworow.xlsx", cols: partnerCols,
			sheet: "合作单位", headerRow: 3, nrows: 2, numbers: []int{4, 5},
			cells:  []cellWant{{0, "signed", "2024.1.1"}, {0, "until", "2026.12.31"}, {1, "signed", "45292"}, {1, "amount", "8"}, {0, "name", "河北甲律师事务所"}},
			header: map[string]string{"signed": "合作期限 起始", "amount": "合作金额（万元）"},
		},
		{
			name: "two-row merged header saved by LibreOffice", file: "lo_partners_tworow.xlsx", cols: partnerCols,
			sheet: "合作单位", headerRow: 3, nrows: 2, numbers: []int{4, 5},
			cells: []cellWant{{0, "signed", "2024.1.1"}, {0, "until", "2026.12.31"}, {1, "amount", "8"}},
		},
		{
			name: "CSV converted by LibreOffice: 1987.10 became a number", file: "lo_staff_csv.xlsx", cols: staffCols,
			sheet: "staff", headerRow: 2, nrows: 2, numbers: []int{3, 4},
			cells: []cellWant{{1, "job", "副总经理"}, {0, "name", "邹宁"}},
		},
		{
			name: "corpus services by LibreOffice, ISO dates", file: "corpus_services_fods.xlsx", cols: serviceCols,
			sheet: "服务明细", headerRow: 1, nrows: 136,
			cells: []cellWant{{0, "date", "2024-08-21"}, {0, "way", "一对一"}},
		},
		{
			name: "template sheet first, data sheet wins", file: "gen_staff_template.xlsx", cols: staffCols,
			sheet: "人员", headerRow: 2, nrows: 2,
			cells: []cellWant{{1, "title", "高级审计师"}, {1, "job", "副总经理"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := FindTable(mustRead(t, tt.file), tt.cols)
			if err != nil {
				t.Fatal(err)
			}
			if tab.Sheet != tt.sheet || tab.HeaderRow != tt.headerRow {
				t.Errorf("table at %s row %d, want %s row %d", tab.Sheet, tab.HeaderRow, tt.sheet, tt.headerRow)
			}
			if len(tab.Rows) != tt.nrows {
				t.Errorf("%d rows, want %d", len(tab.Rows), tt.nrows)
			}
			if tt.numbers != nil {
				var got []int
				for _, r := range tab.Rows {
					got = append(got, r.Number)
				}
				if !slices.Equal(got, tt.numbers) {
					t.Errorf("row numbers %v, want %v", got, tt.numbers)
				}
			}
			for _, c := range tt.cells {
				if c.row >= len(tab.Rows) {
					t.Errorf("no row %d", c.row)
					continue
				}
				if got := tab.Rows[c.row].Get(c.key, tab); got != c.want {
					t.Errorf("row %d %s = %q, want %q (cols %v)", c.row, c.key, got, c.want, tab.Cols)
				}
			}
			if tt.header["amount"] != "" {
				if got := tab.Scale("amount"); got != 10000 {
					t.Errorf("Scale(amount) = %v, want 10000", got)
				}
				if got := tab.Scale("name"); got != 1 {
					t.Errorf("Scale(name) = %v, want 1", got)
				}
			}
			for k, want := range tt.header {
				if got := tab.Header(k); got != want {
					t.Errorf("Header(%s) = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestFindTablesPerYear(t *testing.T) {
	tabs := FindTables(mustRead(t, "gen_services_years.xlsx"), serviceCols)
	if len(tabs) != 2 {
		t.Fatalf("%d tables, want 2", len(tabs))
	}
	want := []struct {
		sheet string
		n     int
		date  string
		way   string
	}{{"2024年", 2, "2024.5.6", "上门"}, {"2025年", 3, "2025年1月2日", "一对一"}}
	for i, w := range want {
		tab := tabs[i]
		if tab.Sheet != w.sheet || len(tab.Rows) != w.n {
			t.Errorf("table %d: %s with %d rows, want %s with %d", i, tab.Sheet, len(tab.Rows), w.sheet, w.n)
			continue
		}
		if got := tab.Cell(tab.Rows[0], "date"); got != w.date {
			t.Errorf("%s date = %q, want %q", w.sheet, got, w.date)
		}
		if got := tab.Cell(tab.Rows[0], "way"); got != w.way {
			t.Errorf("%s way = %q, want %q", w.sheet, got, w.way)
		}
	}
	// FindTable picks the sheet with more rows.
	tab, err := FindTable(mustRead(t, "gen_services_years.xlsx"), serviceCols)
	if err != nil || tab.Sheet != "2025年" {
		t.Errorf("FindTable = %v, %v; want sheet 2025年", tab, err)
	}
}

func TestFindTableMissing(t *testing.T) {
	_, err := FindTable(mustRead(t, "corpus_partners_hand.xlsx"), expertCols)
	if !errors.Is(err, ErrNoTable) {
		t.Errorf("err = %v, want ErrNoTable", err)
	}
	if tabs := FindTables(mustRead(t, "corpus_form_hand.xlsx"), serviceCols); len(tabs) != 0 {
		t.Errorf("FindTables on a form found %d tables", len(tabs))
	}
	if _, err := FindTable(nil, expertCols); !errors.Is(err, ErrNoTable) {
		t.Errorf("err = %v on no sheets", err)
	}
}

func TestFindTableInMemory(t *testing.T) {
	sheets := []extractors.Sheet{{Name: "s", Rows: [][]string{
		{"XX公司专家名单"},
		{"专家名单"}, // a title must not be taken for the header
		{"序号", "姓名", "身份证号", "合作期限", "", "备注"},
		{"", "", "", "起始", "终止"},
		{"1", "2", "3", "4", "5", "6"}, // column numbers
		{"1", "甲", "1", "45000", "46000"},
		{"序号", "姓名", "身份证号", "合作期限"}, // repeated parent header on a new page
		{"", "", "", "起始", "终止"},
		{"2", "乙", "2", "45100", "46100"},
		{"总计：2人"},
		{"填表人：张三"},
	}}}
	tab, err := FindTable(sheets, expertCols)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range tab.Rows {
		names = append(names, tab.Cell(r, "name")+"/"+tab.Cell(r, "start")+"/"+tab.Cell(r, "end"))
	}
	if want := []string{"甲/45000/46000", "乙/45100/46100"}; !slices.Equal(names, want) {
		t.Errorf("rows %q, want %q", names, want)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"合作起始\n日期":    "合作起始日期",
		"  姓　名 ":      "姓名",
		"金额（万元）":      "金额万元",
		"*身份证号":       "身份证号",
		"职称/职务":       "职称职务",
		"ＡＢＣ１２３":      "ABC123",
		"【统一社会信用代码】":  "统一社会信用代码",
		"序号\u200b":    "序号",
		"服务时间(年.月.日)": "服务时间年月日",
		"Ⅰ、机构信息":      "I机构信息",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExcelDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"45352", day(2024, 3, 1), true},
		{"45657", day(2024, 12, 31), true},
		{"43764", day(2019, 10, 26), true},
		{"32874", day(1990, 1, 1), true},
		{"73415", day(2100, 12, 31), true},
		{"45352.5", day(2024, 3, 1).Add(12 * time.Hour), true},
		{"45352.75", day(2024, 3, 1).Add(18 * time.Hour), true},
		{" 45352 ", day(2024, 3, 1), true},
		{"32873", time.Time{}, false},
		{"73416", time.Time{}, false},
		{"12", time.Time{}, false},
		{"2345678.9", time.Time{}, false},
		{"NaN", time.Time{}, false},
		{"2024.3.1", time.Time{}, false},
		{"", time.Time{}, false},
	} {
		got, ok := ExcelDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ExcelDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCellDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024.3.1", day(2024, 3, 1), true},
		{"2024-03-01", day(2024, 3, 1), true},
		{"2024/3/1", day(2024, 3, 1), true},
		{"2024年3月1日", day(2024, 3, 1), true},
		{"2024年03月01日", day(2024, 3, 1), true},
		{"２０２４年３月１日", day(2024, 3, 1), true},
		{"2024. 3. 1", day(2024, 3, 1), true},
		{"2024-03-01 00:00:00", day(2024, 3, 1), true},
		{"20240301", day(2024, 3, 1), true},
		{"45352", day(2024, 3, 1), true},
		{"45352.9", day(2024, 3, 1), true},
		{"2024.2.30", time.Time{}, false},
		{"2024.13.1", time.Time{}, false},
		{"1971.04", time.Time{}, false},
		{"长期", time.Time{}, false},
		{"", time.Time{}, false},
	} {
		got, ok := CellDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("CellDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

package export_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ruku/export"
	"ruku/pipeline/dossier"
	"ruku/review"
	"ruku/review/accounts"
	"ruku/review/decisions"
	"ruku/review/reviewtest"
)

var cheap = accounts.Params{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

// workspace: five applications of 石家庄 and one of 唐山, taken through
// the chain to different points.
func workspace(t *testing.T) (*review.Workspace, accounts.User) {
	t.Helper()
	ctx := context.Background()
	st := reviewtest.Store(t)
	if err := review.EnsureBuckets(ctx, st); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	apps := []struct{ name, div, addr string }{
		{"甲科技服务有限公司", "130123", "石家庄市正定县"},
		{"乙咨询中心", "130102", "石家庄市长安区"},
		{"丙研究院", "130102", "石家庄市长安区"},
		{"丁服务公司", "130102", "石家庄市长安区"},
		{"<b>戊</b>&公司", "130102", "唐山市路北区"}, // markup stays text; domicile elsewhere
		{"唐山己公司", "130203", "唐山市路北区"},
	}
	for i, a := range apps {
		var failed []string
		if i == 1 || i == 4 {
			failed = []string{"total_assets"}
		}
		reviewtest.Put(t, st, reviewtest.Dossier(i, a.name, a.div, a.addr, failed...), t0.Add(time.Duration(i)*time.Hour))
	}
	w, err := review.Open(ctx, st, review.Config{Accounts: []accounts.Option{accounts.WithParams(cheap)}})
	if err != nil {
		t.Fatal(err)
	}
	add := func(name string, role accounts.Role, region string) accounts.User {
		u, err := w.Accounts.Add(ctx, name, role, region, []byte("0123456789ab"))
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	zd, ca := add("zd", accounts.County, "130123"), add("ca", accounts.County, "130102")
	sjz, ts := add("sjz", accounts.City, "130100"), add("ts", accounts.City, "130200")
	lu := add("ludi", accounts.County, "130203")
	prov := add("prov", accounts.Province, "")
	do := func(u accounts.User, i int, d decisions.Decision) {
		t.Helper()
		d.Application = reviewtest.SHA(i)
		if _, err := w.Decide(ctx, u, d); err != nil {
			t.Fatal(err)
		}
	}
	step := func(s decisions.Step, o decisions.Outcome, text string) decisions.Decision {
		return decisions.Decision{Kind: decisions.KindStep, Step: s, Outcome: o, Opinion: text}
	}
	// 甲: passed and recommended, then approved by the province.
	do(zd, 0, step(decisions.County, decisions.Pass, "材料真实完整"))
	do(sjz, 0, step(decisions.City, decisions.Recommend, "同意推荐"))
	do(prov, 0, step(decisions.Province, decisions.Approve, ""))
	// 乙: total_assets overridden, passed, recommended.
	do(ca, 1, decisions.Decision{Kind: decisions.KindCriterion, Criterion: "total_assets", Action: decisions.Override, Status: dossier.Pass, Reason: "合并报表总资产230万元"})
	do(ca, 1, step(decisions.County, decisions.Pass, "同意"))
	do(sjz, 1, step(decisions.City, decisions.Recommend, "服务业绩突出"))
	// 丙: passed, not recommended.
	do(ca, 2, step(decisions.County, decisions.Pass, "同意"))
	do(sjz, 2, step(decisions.City, decisions.NotRecommend, "专家数量不足"))
	// 丁: returned by the county.
	do(ca, 3, step(decisions.County, decisions.Return, "缺审计报告"))
	// 戊: passed, recommended, with its failed criterion.
	do(ca, 4, step(decisions.County, decisions.Pass, "同意"))
	do(sjz, 4, step(decisions.City, decisions.Recommend, "推荐"))
	// 己 (唐山): recommended and approved.
	do(lu, 5, step(decisions.County, decisions.Pass, "同意"))
	do(ts, 5, step(decisions.City, decisions.Recommend, "推荐"))
	do(prov, 5, step(decisions.Province, decisions.Approve, ""))
	return w, prov
}

func readBack(t *testing.T, b []byte) (*excelize.File, string, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the XLSX does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return f, sheet, rows
}

func column(header []string, name string) int { return slices.Index(header, name) }

func TestSummary(t *testing.T) {
	w, prov := workspace(t)
	date := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	rows := export.SummaryRows(w.Index.All(prov, review.BySubmitted), "130100", export.SummaryOptions{})
	if err := export.WriteSummary(&buf, w.Table, "130100", rows, export.SummaryOptions{Options: export.Options{Date: date}}); err != nil {
		t.Fatal(err)
	}
	f, sheet, got := readBack(t, buf.Bytes())
	if got[0][0] != "石家庄市优质中小企业服务资源库入库机构推荐汇总表" || !strings.Contains(got[1][0], "2026年12月4日") {
		t.Errorf("title rows %q / %q", got[0][0], got[1][0])
	}
	header := got[export.HeaderRow-1]
	want := []string{"序号", "机构名称", "统一社会信用代码", "法定代表人", "所在县（市、区）", "服务类别", "服务性质", "核验结论", "不符合或需复核事项", "初审意见", "推荐意见", "备注"}
	if !slices.Equal(header, want) {
		t.Errorf("header %q", header)
	}
	data := got[export.HeaderRow : len(got)-2]
	if foot := got[len(got)-1]; len(foot) == 0 || !strings.HasPrefix(foot[0], "填表人") || len(got[len(got)-2]) != 0 {
		t.Errorf("footer rows %q", got[len(got)-2:])
	}
	// Recommended only, by county then name: 长安区 (乙, 戊) before 正定县 (甲).
	var names []string
	for _, r := range data {
		names = append(names, r[1])
	}
	if !slices.Equal(names, []string{"<b>戊</b>&公司", "乙咨询中心", "甲科技服务有限公司"}) {
		t.Fatalf("rows %q", names)
	}
	yi, wu, jia := data[1], data[0], data[2]
	for _, c := range []struct {
		row  []string
		col  string
		want string
	}{
		{jia, "序号", "3"},
		{jia, "统一社会信用代码", reviewtest.USCC("130123", 0)},
		{jia, "所在县（市、区）", "正定县"},
		{jia, "服务类别", "数字赋能、政策咨询"},
		{jia, "服务性质", "社会化"},
		{jia, "核验结论", "符合入库条件"},
		{jia, "不符合或需复核事项", "无"},
		{jia, "初审意见", "通过：材料真实完整"},
		{jia, "推荐意见", "推荐：同意推荐"},
		{yi, "核验结论", "不符合入库条件（人工复核后：符合入库条件）"},              // the machine's verdict, and the reviewed one
		{yi, "不符合或需复核事项", "无"},                             // the override is applied…
		{yi, "备注", "total_assets标题：人工改判为通过（合并报表总资产230万元）"}, // …and said
		{wu, "不符合或需复核事项", "total_assets标题（不通过）"},
		{wu, "核验结论", "不符合入库条件"},
		{wu, "备注", "属地存疑：住所在唐山市，登记机关代码属石家庄市"},
	} {
		i := column(header, c.col)
		if i < 0 || i >= len(c.row) || c.row[i] != c.want {
			t.Errorf("%s %s = %q, want %q", c.row[1], c.col, at(c.row, i), c.want)
		}
	}
	// Printing: A4 landscape, one page wide, the header row on every page.
	pl, err := f.GetPageLayout(sheet)
	if err != nil || pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v, %v", pl, err)
	}
	props, _ := f.GetSheetProps(sheet)
	if props.FitToPage == nil || !*props.FitToPage {
		t.Error("not fitted to the page")
	}
	var titles bool
	for _, dn := range f.GetDefinedName() {
		titles = titles || dn.Name == "_xlnm.Print_Titles" && strings.Contains(dn.RefersTo, "$3:$3")
	}
	if !titles {
		t.Errorf("no repeated header row: %+v", f.GetDefinedName())
	}
	sid, _ := f.GetCellStyle(sheet, "I5")
	st, _ := f.GetStyle(sid)
	if st == nil || st.Alignment == nil || !st.Alignment.WrapText || len(st.Border) != 4 {
		t.Errorf("body cell style %+v", st)
	}
	// Rows grow to their wrapped text: 乙's 备注 takes several lines, 甲's
	// row needs one more line than a blank row at most.
	if h, _ := f.GetRowHeight(sheet, export.HeaderRow+2); h < 40 {
		t.Errorf("乙's row is %v pt high, too low for its 备注", h)
	}
	if h, _ := f.GetRowHeight(sheet, export.HeaderRow+3); h > 40 {
		t.Errorf("甲's row is %v pt high", h)
	}
	if wdt, _ := f.GetColWidth(sheet, "I"); wdt < 20 {
		t.Errorf("issues column %v wide", wdt)
	}

	// All: every application past 初审, whatever the city decided.
	rows = export.SummaryRows(w.Index.All(prov, review.BySubmitted), "130100", export.SummaryOptions{All: true})
	if len(rows) != 4 {
		t.Errorf("all: %d rows, want 4 (not the returned one)", len(rows))
	}
	if err := export.WriteSummary(&buf, w.Table, "139900", nil, export.SummaryOptions{}); err == nil {
		t.Error("unknown city accepted")
	}
}

func TestPublicity(t *testing.T) {
	w, prov := workspace(t)
	var buf bytes.Buffer
	rows := export.PublicityRows(w.Index.All(prov, review.ByName))
	if err := export.WritePublicity(&buf, rows, export.Options{Date: time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	_, _, got := readBack(t, buf.Bytes())
	if got[0][0] != "河北省优质中小企业服务资源库拟入库机构名单" {
		t.Errorf("title %q", got[0][0])
	}
	want := [][]string{
		{"序号", "机构名称", "统一社会信用代码", "所在市", "所在县（市、区）", "服务类别", "服务性质"},
		{"1", "甲科技服务有限公司", reviewtest.USCC("130123", 0), "石家庄市", "正定县", "数字赋能、政策咨询", "社会化"},
		{"2", "唐山己公司", reviewtest.USCC("130203", 5), "唐山市", "路北区", "数字赋能、政策咨询", "社会化"},
	}
	if len(got) != export.HeaderRow+2 {
		t.Fatalf("%d rows: %q", len(got), got)
	}
	for i, w := range want {
		if !slices.Equal(got[export.HeaderRow-1+i], w) {
			t.Errorf("row %d = %q, want %q", i, got[export.HeaderRow-1+i], w)
		}
	}
}

func TestEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := export.WritePublicity(&buf, nil, export.Options{}); err != nil {
		t.Fatal(err)
	}
	_, _, got := readBack(t, buf.Bytes())
	if len(got) != export.HeaderRow {
		t.Errorf("empty list: %d rows", len(got))
	}
}

func at(r []string, i int) string {
	if i < 0 || i >= len(r) {
		return "<missing>"
	}
	return r[i]
}

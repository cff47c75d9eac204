package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readBytes(b []byte) ([]string, error) {
	return Read(context.Background(), bytes.NewReader(b), int64(len(b)))
}

// TestReadLibreOffice reads a document LibreOffice made from
// testdata/lo_sample.html (soffice --headless --convert-to docx).
func TestReadLibreOffice(t *testing.T) {
	b, err := os.ReadFile("testdata/lo_sample.docx")
	if err != nil {
		t.Fatal(err)
	}
	got, err := readBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"河北示例咨询有限公司简介",
		"统一社会信用代码:91130105MAF8643B4W",
		"法定代表人:邹宁",
		"成立日期:2018年4月5日",
		"一、主要人员",
		"序号 姓名 职务 职称",
		"1 邹宁 法定代表人、总经理 经济师",
		"2 黎静 副总经理 财务负责人",
		"合计 2人",
		"注册资本:500万元 办公面积:330平方米",
		"(以下无正文)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// docxOf builds a DOCX package around a document body.
func docxOf(t testing.TB, body string) []byte {
	t.Helper()
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><w:body>` + body + `</w:body></w:document>`
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": doc,
	})
}

func zipOf(t testing.TB, files map[string]string) []byte {
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

func TestReadStructures(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"runs joined", `<w:p><w:r><w:t>机构</w:t></w:r><w:r><w:t xml:space="preserve">名称 </w:t></w:r><w:r><w:t>甲公司</w:t></w:r></w:p>`,
			[]string{"机构名称 甲公司"}},
		{"tab and tab stops", `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2000"/></w:tabs></w:pPr><w:r><w:t>姓名</w:t><w:tab/><w:t>张三</w:t></w:r></w:p>`,
			[]string{"姓名 张三"}},
		{"line breaks", `<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:cr/><w:t>第三行</w:t></w:r></w:p>`,
			[]string{"第一行", "第二行", "第三行"}},
		{"deleted text and field codes", `<w:p><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>新</w:t></w:r></w:p>`,
			[]string{"新"}},
		{"empty paragraphs dropped, NFKC and spaces", `<w:p/><w:p><w:r><w:t>　面积：３３０　　平方米 </w:t></w:r></w:p><w:p><w:r><w:t>  </w:t></w:r></w:p>`,
			[]string{"面积:330 平方米"}},
		{"table with empty and merged cells", `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>名称</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>甲公司</w:t></w:r></w:p></w:tc></w:tr>` +
			`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
			[]string{"名称 甲公司", "a b c d"}},
		{"nested table flattened into its cell", `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>右</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>后</w:t></w:r></w:p>`,
			[]string{"外 内1 内2 右", "后"}},
		{"text box once, not its fallback", `<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			[]string{"文本框", "正文"}},
		{"empty body", ``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readBytes(docxOf(t, tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	doc, err := os.ReadFile("testdata/old.doc")
	if err != nil {
		t.Fatal(err)
	}
	enc := append(slices.Clone(doc[:512]), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")...)
	tests := []struct {
		name string
		data []byte
		is   []error
		msg  string
	}{
		{"doc", doc, []error{ErrUnsupported}, "old .doc format: convert to DOCX or PDF"},
		{"encrypted", enc, []error{ErrUnsupported, ErrEncrypted}, "encrypted"},
		{"pdf", []byte("%PDF-1.4"), []error{ErrUnsupported}, "not a DOCX"},
		{"empty", nil, []error{ErrUnsupported}, "empty"},
		{"xlsx", zipOf(t, map[string]string{"xl/workbook.xml": "<workbook/>"}), []error{ErrUnsupported}, "workbook"},
		{"other zip", zipOf(t, map[string]string{"a.txt": "a"}), []error{ErrUnsupported}, "without a Word document"},
		{"broken zip", []byte("PK\x03\x04broken"), []error{ErrUnsupported}, "damaged"},
		{"broken xml", docxOf(t, `<w:p><w:r><w:t>a</w:t></w:r></w:p></w:body>`), nil, "malformed XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readBytes(tt.data)
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
	body := strings.Repeat(`<w:p><w:r><w:t>一行文字</w:t></w:r></w:p>`, 2000)
	b := docxOf(t, body)
	for _, tt := range []struct {
		name string
		mod  func(*Limits)
	}{
		{"bytes", func(l *Limits) { l.MaxBytes = 100 }},
		{"unzipped", func(l *Limits) { l.MaxUnzipped = 10_000 }},
		{"lines", func(l *Limits) { l.MaxLines = 100 }},
		{"depth", func(l *Limits) { l.MaxDepth = 0 }},
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
	lines, err := readBytes(b)
	if err != nil || len(lines) != 2000 {
		t.Errorf("default limits: %d lines, %v", len(lines), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, bytes.NewReader(b), int64(len(b))); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// FuzzRead checks that no input makes Read panic or hang and that lines are
// clean.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.doc*")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(docxOf(f, `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t><w:br/><w:tab/></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		lim := DefaultLimits()
		lim.MaxUnzipped = 4 << 20
		lines, err := ReadLimits(context.Background(), bytes.NewReader(b), int64(len(b)), lim)
		if err != nil {
			return
		}
		for _, l := range lines {
			if l == "" || l != strings.TrimSpace(l) || strings.Contains(l, "\n") {
				t.Fatalf("unclean line %q", l)
			}
		}
	})
}

package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"time"
)

// zipEpoch is the fixed modification time of every entry in generated archives.
var zipEpoch = time.Date(2026, 5, 18, 9, 30, 0, 0, time.UTC)

func xmlEscape(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		panic(err)
	}
	return b.String()
}

func wPara(text string, bold bool, center bool, size int) string {
	var ppr, rpr string
	if center {
		ppr = `<w:pPr><w:jc w:val="center"/></w:pPr>`
	}
	var rp []string
	if bold {
		rp = append(rp, "<w:b/>")
	}
	if size > 0 {
		rp = append(rp, `<w:sz w:val="`+strconv.Itoa(size)+`"/>`)
	}
	if len(rp) > 0 {
		rpr = "<w:rPr>" + strings.Join(rp, "") + "</w:rPr>"
	}
	return `<w:p>` + ppr + `<w:r>` + rpr + `<w:t xml:space="preserve">` + xmlEscape(text) + `</w:t></w:r></w:p>`
}

func wTable(rows [][2]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>`)
	for _, e := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + e + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="3200"/><w:gridCol w:w="6000"/></w:tblGrid>`)
	for _, r := range rows {
		b.WriteString(`<w:tr><w:tc><w:tcPr><w:tcW w:w="3200" w:type="dxa"/></w:tcPr>` + wPara(r[0], false, false, 0) +
			`</w:tc><w:tc><w:tcPr><w:tcW w:w="6000" w:type="dxa"/></w:tcPr>` + wPara(r[1], false, false, 0) + `</w:tc></w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

// docx assembles a minimal WordprocessingML package from body XML.
func docx(body string) []byte {
	files := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipEpoch})
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(f.data)); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// formDOCX is the application form as a Word table.
func (b *bundle) formDOCX() []byte {
	body := wPara("河北省优质中小企业服务资源库入库申请表", true, true, 32) +
		wTable(b.formRows("☑")) +
		wPara("", false, false, 0) +
		wPara("申请单位（盖章）："+b.Org.Name, false, false, 0)
	return docx(body)
}

// overviewDOCX is the 单位情况概述 as Word paragraphs.
func (b *bundle) overviewDOCX() []byte {
	body := wPara("单位情况概述", true, true, 36)
	for _, p := range b.overviewParas() {
		body += wPara("　　"+p, false, false, 24)
	}
	return docx(body)
}

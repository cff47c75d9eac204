package hostile

import (
	"fmt"
	"ruku/extractors/extractorstest"
	"strings"
)

// stream is a PDF stream object with content s.
func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s), s)
}

// textPDF is a sound PDF of n pages, each with a few lines of text in a
// standard font, and the extra objects given (referenced by nothing).
func textPDF(n int, extra ...string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
	var kids []string
	for p := 1; p <= n; p++ {
		page := len(objs) + 1
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", page+1))
		var c strings.Builder
		c.WriteString("BT /F1 12 Tf 72 770 Td 16 TL\n")
		for l := 1; l <= 12; l++ {
			fmt.Fprintf(&c, "(Page %d line %d: this letter is a sound text layer for the hostile suite.) '\n", p, l)
		}
		c.WriteString("ET")
		objs = append(objs, stream(c.String()))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	return extractorstest.PDF(append(objs, extra...), "")
}

// blankPagesPDF has n blank pages sharing one empty content stream.
func blankPagesPDF(n int, mediaBox string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", stream("")}
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", len(objs)+1)
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 3 0 R >>", mediaBox))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	return extractorstest.PDF(objs, "")
}

// cyclicPDF has a page tree whose root lists itself among its kids, next
// to one page, and declares 20,000 pages.
func cyclicPDF() []byte {
	return extractorstest.PDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 20000 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		stream(""),
	}, "")
}

// nestedArraysPDF has a page whose dictionary holds n nested arrays.
func nestedArraysPDF(n int) []byte {
	deep := strings.Repeat("[", n) + strings.Repeat("]", n)
	return extractorstest.PDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Deep " + deep + " >>",
		stream(""),
	}, "")
}

// encryptedPDF names an /Encrypt dictionary whose password data match no
// password: it cannot be opened.
func encryptedPDF() []byte {
	pw := strings.Repeat("A5", 32)
	return extractorstest.PDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		stream("BT ET"),
		fmt.Sprintf("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <%s> /U <%s> >>", pw, pw),
	}, "/Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] ")
}

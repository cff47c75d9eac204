package bundle

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// rawName is an entry name as stored, with what the archive says about it.
type rawName struct {
	raw     string // bytes as stored
	utf8    bool   // the archive declares UTF-8 (zip flag 0x800, or a folder name that is valid UTF-8)
	unicode string // Info-ZIP Unicode Path extra field, when present and matching
}

// decodeNames decodes names to UTF-8. Names declared UTF-8 (and valid), pure
// ASCII names and names with a matching Unicode Path extra field are settled;
// each other name is read as UTF-8 or GBK, whichever is valid and reads more
// like a Chinese file name, with code page 437 as the last resort.
func decodeNames(names []rawName) []string {
	out := make([]string, len(names))
	var pool []int // indexes of names still to decide
	for i, n := range names {
		switch {
		case n.unicode != "":
			out[i] = n.unicode
		case isASCII(n.raw) || (n.utf8 && utf8.ValidString(n.raw)):
			out[i] = n.raw
		default:
			pool = append(pool, i)
		}
	}
	if len(pool) == 0 {
		return out
	}
	// The archive's own encoding breaks ties: GBK when every undecided name
	// is valid GBK and, taken together, they read better as GBK.
	gbk := make([]string, len(names))
	gbkAll, utf8Score, gbkScore := true, 0, 0
	for _, i := range pool {
		raw := names[i].raw
		if utf8.ValidString(raw) {
			utf8Score += plausibility(raw, false)
		}
		if s, ok := decodeGBK(raw); ok {
			gbk[i] = s
			gbkScore += plausibility(s, true)
		} else {
			gbkAll = false
		}
	}
	preferGBK := gbkAll && gbkScore > utf8Score
	for _, i := range pool {
		out[i] = decodeOne(names[i].raw, gbk[i], preferGBK)
	}
	return out
}

// decodeOne decodes one name: as UTF-8 or GBK (gbk is its GBK decoding, ""
// if it is not valid GBK), whichever reads more like a Chinese file name,
// preferGBK deciding ties; as code page 437 when neither is valid.
func decodeOne(raw, gbk string, preferGBK bool) string {
	valid := utf8.ValidString(raw)
	switch {
	case gbk != "" && valid:
		u, g := plausibility(raw, false), plausibility(gbk, true)
		if g > u || (g == u && preferGBK) {
			return gbk
		}
		return raw
	case gbk != "":
		return gbk
	case valid:
		return raw
	}
	s, err := charmap.CodePage437.NewDecoder().String(raw)
	if err != nil {
		return strings.ToValidUTF8(raw, "\uFFFD")
	}
	return s
}

// decodeGBK decodes s as GBK, reporting false if any byte sequence is invalid.
func decodeGBK(s string) (string, bool) {
	d, err := simplifiedchinese.GBK.NewDecoder().String(s)
	if err != nil || strings.ContainsRune(d, utf8.RuneError) {
		return "", false
	}
	return d, true
}

// plausibility scores how much a decoded name reads like a Chinese file name:
// the number of source bytes spent on characters expected in one (other
// printable characters count half in UTF-8, nothing in GBK). gbk tells which
// encoding produced s, to count the bytes each character took.
func plausibility(s string, gbk bool) int {
	score := 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue // ASCII reads the same in both encodings
		}
		width := utf8.RuneLen(r)
		if gbk {
			width = 2
		}
		switch {
		case unicode.Is(unicode.Han, r),
			r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
			r >= 0xFF00 && r <= 0xFFEF: // full-width forms
			score += width
		case !gbk && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Mn, r) ||
			unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)):
			score += width
		case !gbk && unicode.IsPrint(r):
			score += width / 2
		}
	}
	return score
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// unicodePathExtra returns the name in an Info-ZIP Unicode Path extra field
// (id 0x7075) of extra, if its CRC matches raw and it is valid UTF-8.
func unicodePathExtra(extra []byte, raw string) string {
	for len(extra) >= 4 {
		id := binary.LittleEndian.Uint16(extra)
		n := int(binary.LittleEndian.Uint16(extra[2:]))
		extra = extra[4:]
		if n > len(extra) {
			return ""
		}
		field := extra[:n]
		extra = extra[n:]
		if id != 0x7075 || len(field) < 5 || field[0] != 1 {
			continue
		}
		if binary.LittleEndian.Uint32(field[1:]) != crc32.ChecksumIEEE([]byte(raw)) {
			continue
		}
		if name := string(field[5:]); name != "" && utf8.ValidString(name) {
			return name
		}
	}
	return ""
}

// cleanPath checks a decoded entry name and returns its cleaned,
// slash-separated form, or an error wrapping ErrInsecurePath that names the
// problem.
func cleanPath(name string) (string, error) {
	for _, r := range name {
		if r < 0x20 || r == 0x7F {
			return "", fmt.Errorf("%w: control character %U in name", ErrInsecurePath, r)
		}
	}
	p := strings.ReplaceAll(name, `\`, "/")
	switch {
	case p == "":
		return "", fmt.Errorf("%w: empty name", ErrInsecurePath)
	case strings.HasPrefix(p, "/"):
		return "", fmt.Errorf("%w: absolute path", ErrInsecurePath)
	case len(p) >= 2 && p[1] == ':' && (p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z'):
		return "", fmt.Errorf("%w: drive letter %q", ErrInsecurePath, p[:2])
	}
	var elems []string
	for _, e := range strings.Split(p, "/") {
		switch e {
		case "", ".":
			continue
		case "..":
			return "", fmt.Errorf("%w: parent directory element \"..\"", ErrInsecurePath)
		}
		elems = append(elems, e)
	}
	if len(elems) == 0 {
		return "", fmt.Errorf("%w: empty name", ErrInsecurePath)
	}
	return strings.Join(elems, "/"), nil
}

// isJunk reports whether a cleaned path is operating-system metadata.
func isJunk(p string) bool { return IgnoredReason(p) != "" }

// junkDirs are folders that operating systems and archivers fill with
// metadata, with why their content is not part of an application.
var junkDirs = map[string]string{
	"__macosx":                  "macOS archive metadata folder (__MACOSX/): resource forks written by the Finder's zip, not documents",
	".spotlight-v100":           "macOS Spotlight index folder",
	".trashes":                  "macOS trash folder",
	".fseventsd":                "macOS file-system event log folder",
	"$recycle.bin":              "Windows recycle bin folder",
	"system volume information": "Windows system folder",
}

// junkFiles are metadata files, with why they are not documents.
var junkFiles = map[string]string{
	".ds_store":   "macOS Finder folder settings (.DS_Store)",
	"thumbs.db":   "Windows thumbnail cache (Thumbs.db)",
	"ehthumbs.db": "Windows Media Center thumbnail cache",
	"desktop.ini": "Windows folder settings (desktop.ini)",
	".localized":  "macOS folder localisation marker",
}

// IgnoredReason says why a bundle path is operating-system metadata that
// is not read (a file of Bundle.Ignored), or "" if it is not metadata.
func IgnoredReason(p string) string {
	elems := strings.Split(p, "/")
	for _, e := range elems[:len(elems)-1] {
		if why, ok := junkDirs[strings.ToLower(e)]; ok {
			return why
		}
	}
	base := elems[len(elems)-1]
	if strings.HasPrefix(base, "._") {
		return "macOS AppleDouble file (._*): the resource fork of another file, not a document"
	}
	return junkFiles[strings.ToLower(base)]
}

// EscapeName returns name with every character that changes how a name
// reads without being seen written as "<U+XXXX>": control characters,
// format characters (bidirectional overrides and isolates, zero-width
// spaces and joiners, byte-order marks), line and paragraph separators.
func EscapeName(name string) string {
	if !strings.ContainsFunc(name, hidden) {
		return name
	}
	var b strings.Builder
	for _, r := range name {
		if hidden(r) {
			fmt.Fprintf(&b, "<U+%04X>", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// hidden reports a character EscapeName escapes.
func hidden(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) || r == utf8.RuneError
}

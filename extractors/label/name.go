package label

import (
	"regexp"
	"strings"
	"sync"

	"ruku/lexicon"
)

// nameWords are the lexicon's words about a name's notes.
var nameWords = sync.OnceValue(func() struct {
	notes *regexp.Regexp // a bracketed note: (以下简称“乙方”), (统一社会信用代码:…), (乙方), ()
	open  *regexp.Regexp // a note opened and cut by the end of the value: (统一社会信用代码:
	tail  *regexp.Regexp // a name's legal ending and one or two stray characters after it
	org   *regexp.Regexp // a name's legal ending
	long  *regexp.Regexp // a legal ending of two characters or more, anywhere
} {
	lx := lexicon.Default()
	words := lexicon.Alt(append(append(append([]string(nil),
		lx.Words("common.name_notes")...), lx.Words("common.note_labels")...), lx.Words("common.party_roles")...))
	var w struct {
		notes, open, tail, org, long *regexp.Regexp
	}
	// OCR reads a bracket as 《, 〈 or 【 too
	w.notes = regexp.MustCompile(`[(（《〈【\[]\s*(?:` + words + `[^()（）]*)?[)）》〉】\]]`)
	w.open = regexp.MustCompile(`[(（《〈【\[]\s*(?:` + words + `[^()（）]*)?$`)
	org := lexicon.Alt(lx.Words("common.org_suffixes"))
	w.org = regexp.MustCompile(org + `$`)
	w.tail = regexp.MustCompile(`^(.+` + org + `)[^()（）]{1,2}$`)
	var long []string
	for _, s := range lx.Words("common.org_suffixes") {
		if len([]rune(s)) >= 2 {
			long = append(long, s)
		}
	}
	w.long = regexp.MustCompile(lexicon.Alt(long))
	return w
})

// Name cleans a party's name read as a value: it removes the notes in
// brackets that follow a name ((统一社会信用代码:911305…), (以下简称“乙方”),
// (乙方), an empty ()), a note the end of the line cut open ((统一社会信用代码:
// whose code continues on the next line), and the punctuation around it.
// Brackets that belong to the name stay: 河北汇智(邢台)技术服务有限公司,
// 某中心(普通合伙).
func Name(v string) string {
	w := nameWords()
	v = norm(v)
	for {
		u := w.notes.ReplaceAllString(v, "")
		u = w.open.ReplaceAllString(u, "")
		u = strings.Trim(u, " ,，:：;；。、.\"“”'‘’")
		if u == v {
			break
		}
		v = u
	}
	v = strings.TrimLeft(v, ")）")
	if strings.HasPrefix(v, "(") && !strings.Contains(v, ")") {
		v = v[1:]
	}
	if strings.Count(v, "(") > strings.Count(v, ")") && strings.HasSuffix(v, "(") {
		v = strings.TrimSuffix(v, "(")
	}
	return strings.TrimSpace(v)
}

// IsOrg reports whether a name ends the way an organisation's legal name
// does (公司, 中心, 研究所, (普通合伙) …), the lexicon's common.org_suffixes.
func IsOrg(v string) bool { return nameWords().org.MatchString(norm(v)) }

// TrimStray removes one or two stray characters after an organisation's
// legal ending: OCR reads a table border or a seal beside a name
// (某检测中心 丁).
func TrimStray(v string) string {
	if m := nameWords().tail.FindStringSubmatch(norm(v)); m != nil {
		return m[1]
	}
	return v
}

// OrgName cuts an organisation's name after its last legal ending of two
// characters or more (公司, 中心, (普通合伙) …) when other text follows it
// on the same line: the next cell of a table row (某某有限公司经办人张三).
// A name without such an ending is returned as it is.
func OrgName(v string) string {
	v = norm(v)
	locs := nameWords().long.FindAllStringIndex(v, -1)
	if len(locs) == 0 {
		return v
	}
	end := locs[len(locs)-1][1]
	if rest := v[end:]; rest == "" || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "（") {
		return v
	}
	return v[:end]
}

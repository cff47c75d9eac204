package form

import (
	"regexp"
	"strings"
	"time"

	"ruku/extractors"
	"ruku/extractors/fields"
	"ruku/extractors/parse"
	"ruku/lexicon"
)

// Keys of the form's labelled fields.
const (
	keyName    = "name"
	keyUSCC    = "uscc"
	keyRep     = "rep"
	keyAddr    = "address"
	keyEst     = "established"
	keyApplied = "applied"
	keyNature  = "nature"
	keyCat     = "category"
)

// formFields are the form's labels, sheet and text wordings together, and
// the stop labels that end a value: the figures' and the contacts'.
var formFields = func() *fields.Set {
	lx := lexicon.Default()
	w := func(keys ...string) []string {
		var out []string
		for _, k := range keys {
			out = append(out, lx.Words(k)...)
		}
		return out
	}
	return fields.New([]fields.Field{
		{Key: keyName, Words: w("form.name_labels", "form.text_name_labels")},
		{Key: keyUSCC, Words: w("form.uscc_labels")},
		{Key: keyRep, Words: w("form.rep_labels", "form.text_rep_labels")},
		{Key: keyAddr, Words: w("form.address_labels", "form.text_address_labels")},
		{Key: keyEst, Words: w("form.established_labels", "form.text_established_labels")},
		{Key: keyApplied, Words: w("form.applied_labels", "form.text_applied_labels")},
		{Key: keyNature, Words: w("form.nature_labels", "form.text_nature_labels")},
		{Key: keyCat, Words: w("form.category_labels")},
		{Words: w("form.stop_labels", "form.assets_labels", "form.text_sealed_labels")},
	})
}()

// sealNote is a note after the applicant's name asking for its seal:
// 河北某某有限公司（盖章）.
var sealNote = regexp.MustCompile(`\s*[(（]\s*` + lexicon.Default().Alt("form.text_seal_words") + `\s*[)）]\s*$`)

// personRe is what a legal representative's name looks like.
var personRe = regexp.MustCompile(`^\p{Han}{1,4}(?:[·.]\p{Han}{1,8})?$`)

// labelled is what the labelled lines of a text form say: the first
// plausible value of each field.
type labelled struct {
	name, rep          string
	nameLine, repLine  int
	est, applied       time.Time
	estLine, applLine  int
	hasEst, hasApplied bool
}

// readLabelled reads the name, legal representative and dates of a text
// form from its labelled values (see package fields). A value is taken only
// when it looks like its field's: a name ending as organisations' names do
// (its second half from the next line when a narrow cell wrapped it), a
// person's name, a date.
func readLabelled(lines []tline) labelled {
	raw := make([]string, len(lines))
	for i, l := range lines {
		raw[i] = fields.Unspace(fields.Fold(l.orig))
	}
	out := labelled{nameLine: -1, repLine: -1, estLine: -1, applLine: -1}
	for _, h := range formFields.Lines(raw) {
		v := strings.TrimSpace(h.Value)
		switch h.Key {
		case keyName:
			if out.nameLine >= 0 {
				continue
			}
			v = sealNote.ReplaceAllString(v, "")
			if !wholeName(v) && v != "" && h.VLine+1 < len(raw) {
				// a name a narrow cell wrapped onto the next line
				next := strings.TrimSpace(fields.Fold(raw[h.VLine+1]))
				if len(formFields.Labels(next)) == 0 {
					v = sealNote.ReplaceAllString(v+next, "")
				}
			}
			if wholeName(v) {
				out.name, out.nameLine = parse.Norm(v), h.VLine
			}
		case keyRep:
			// a label's word is no name (负责人其中：副高级以上 … 其中)
			if out.repLine < 0 && personRe.MatchString(parse.Compact(v)) && len(formFields.Labels(v)) == 0 {
				out.rep, out.repLine = parse.Compact(v), h.VLine
			}
		case keyEst:
			if t, ok := parse.Date(v); ok && !out.hasEst {
				out.est, out.estLine, out.hasEst = t, h.VLine, true
			}
		case keyApplied:
			if t, ok := parse.Date(v); ok && !out.hasApplied {
				out.applied, out.applLine, out.hasApplied = t, h.VLine, true
			}
		}
	}
	return out
}

// found is a field read from line i of lines, or not read when i < 0.
func found[T any](d *extractors.Doc, lines []tline, v T, i int) extractors.Field[T] {
	if i < 0 {
		return extractors.Field[T]{}
	}
	return extractors.Found(v, d.LineEvidence(lines[i].page, lines[i].raw))
}

// wholeName reports whether v reads as an organisation's whole name: it
// ends as names do (公司, 中心 …) and closes every bracket it opens
// (河北某某（集团 is a name cut by a narrow cell).
func wholeName(v string) bool {
	c := parse.Compact(v)
	return orgSuffixRe.MatchString(c) && strings.Count(c, "(") == strings.Count(c, ")")
}

// plainName reports whether v, pieced together from a wrapped table, reads
// as one organisation's name: whole, without labels or figures in it
// (签订协议的合作机构…15170…某某公司 is the pieces of several cells).
func plainName(v string) bool {
	return wholeName(v) && len(formFields.Labels(fields.Fold(v))) == 0 && !manyDigits.MatchString(v)
}

var manyDigits = regexp.MustCompile(`\d{3,}`)

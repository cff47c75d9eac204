package credit

import (
	"regexp"

	"ruku/lexicon"
)

// The wording this package reads by comes from the lexicon (data file
// lexicon/data/credit.json); the code holds no list name, label or result
// phrase of its own.
var (
	lx = lexicon.Default()

	// listNames are the names each list goes by in titles, tabs,
	// breadcrumbs, section headings and report rows.
	listNames = []struct {
		list  string
		names []string
	}{
		{DishonestDebtor, lx.Words("credit.list_dishonest_debtor")},
		{SeriousDishonesty, lx.Words("credit.list_serious_dishonesty")},
		{AbnormalOperation, lx.Words("credit.list_abnormal_operation")},
		{TaxViolation, lx.Words("credit.list_tax_violation")},
	}

	clearPhrases  = lx.Words("credit.clear_phrases")
	listedPhrases = lx.Words("credit.listed_phrases")
	negations     = lx.Words("credit.negations")
	recordHeads   = lx.Words("credit.record_heads")
	subjectLabels = lx.Words("credit.subject_labels")
	usccLabels    = lx.Words("credit.uscc_labels")
	dateLabels    = lx.Words("credit.date_labels")
	dateWords     = lx.Words("credit.date_words")
	navCues       = lx.Words("credit.nav_cues")
	searchSuffix  = lx.Words("credit.search_suffixes")

	// otherLabels end a value when two fields share a line.
	otherLabels = concat(subjectLabels, usccLabels, dateLabels, lx.Words("credit.stop_labels"))

	units = lx.Alt("credit.count_units")
	// countRe reads a count of records: 共找到 3 条, 查询结果：0条,
	// 查询结果（0）, 2条记录. Group 1, 2 or 3 holds the number.
	countRe = regexp.MustCompile(`(?:` + lexicon.Alt(concat(lx.Words("credit.count_prefixes"), lx.Words("credit.result_labels"))) + `)\s*[:：]?\s*([0-9Oo〇]+)\s*(?:` + units + `|$)` +
		`|` + lx.Alt("credit.result_labels") + `\s*[(（]\s*([0-9Oo〇]+)\s*[)）]` +
		`|^\s*([0-9Oo〇]+)\s*` + units + `\s*(?:` + lx.Alt("credit.count_nouns") + `)?\s*$`)
	// bareCountRe is what follows a list name in a report row: 0, 0条, (0).
	bareCountRe = regexp.MustCompile(`^\s*[:：]?\s*[(（]?\s*([0-9Oo〇]+)\s*(?:` + units + `)?\s*[)）]?\s*(?:` + lx.Alt("credit.count_nouns") + `)?\s*$`)
	// noneRe is a result stated as none (查询结果：无).
	noneRe = regexp.MustCompile(`(?:` + lx.Alt("credit.result_labels") + `)\s*[:：]?\s*` + lx.Alt("credit.none_words") +
		`(?:` + lx.Alt("credit.count_nouns") + `)?\s*$`)
	// bareNoneRe is a report row whose value is none: 经营异常名录：无.
	bareNoneRe = regexp.MustCompile(`^\s*[:：]?\s*` + lx.Alt("credit.none_words") + `(?:` + lx.Alt("credit.count_nouns") + `)?\s*$`)
	// questionRe is a yes/no question and its answer: 是否列入…：否.
	questionRe = regexp.MustCompile(lx.Alt("credit.question_words") + `.*?[:：]\s*(` + lx.Alt("credit.yes_words") + `|` + lx.Alt("credit.no_words") + `)\s*$`)
	noRe       = regexp.MustCompile(`^` + lx.Alt("credit.no_words") + `$`)
)

func concat(ls ...[]string) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l...)
	}
	return out
}

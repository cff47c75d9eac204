package parse

import "testing"

var testNotes = Notes{Words: []string{"盖章", "甲方", "乙方", "承租方", "负责人"}, Leads: []string{"以下简称", "简称"}}

func TestNotesTrimEnd(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"河北华信科技有限公司（盖章）", "河北华信科技有限公司"},
		{"河北华信科技有限公司(盖章)", "河北华信科技有限公司"},
		{"河北华信科技有限公司 （ 盖章 ）", "河北华信科技有限公司"},
		{"河北华信科技有限公司（以下简称“乙方”）", "河北华信科技有限公司"},
		{"河北华信科技有限公司(以下简称\"乙方\")(盖章)", "河北华信科技有限公司"},
		{"河北华信科技有限公司（承租方）", "河北华信科技有限公司"},
		{"河北华信科技有限公司()", "河北华信科技有限公司"},
		// brackets that are part of the name stay
		{"河北正元（河北）检测有限公司", "河北正元（河北）检测有限公司"},
		{"石家庄信诚会计师事务所（特殊普通合伙）", "石家庄信诚会计师事务所（特殊普通合伙）"},
		{"石家庄信诚会计师事务所（特殊普通合伙）（盖章）", "石家庄信诚会计师事务所（特殊普通合伙）"},
		// a word of a note inside a longer bracket is no note
		{"河北华信（甲方代表）", "河北华信（甲方代表）"},
		{"盖章", "盖章"},
		{"", ""},
		{"（盖章", "（盖章"},
	} {
		if got := testNotes.TrimEnd(tc.in); got != tc.want {
			t.Errorf("TrimEnd(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNotesLenIndex(t *testing.T) {
	for _, tc := range []struct {
		in         string
		len, index int
	}{
		{"(负责人)王娜", len("(负责人)"), 0},
		{"（负责人）（盖章）王娜", len("（负责人）（盖章）"), 0},
		{"(以下简称“甲方”):河北华信", len("(以下简称“甲方”)"), 0},
		{"王娜(负责人)", 0, len("王娜")},
		{"河北正元(河北)检测有限公司(承租方)统一社会信用代码", 0, len("河北正元(河北)检测有限公司")},
		{"河北正元(河北)检测有限公司", 0, -1},
		{"(一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三)", 0, -1},
		{"(未闭合", 0, -1},
		{"", 0, -1},
	} {
		if got := testNotes.Len(tc.in); got != tc.len {
			t.Errorf("Len(%q) = %d, want %d", tc.in, got, tc.len)
		}
		if got := testNotes.Index(tc.in); got != tc.index {
			t.Errorf("Index(%q) = %d, want %d", tc.in, got, tc.index)
		}
	}
}

func TestNotesSpans(t *testing.T) {
	s := "乙方:河北正元(河北)检测有限公司(承租方)统一社会信用代码;甲方(盖章)(签字):"
	var got []string
	for _, sp := range testNotes.Spans(s) {
		got = append(got, s[sp[0]:sp[1]])
	}
	want := []string{"(承租方)", "(盖章)"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Spans = %q, want %q", got, want)
	}
}

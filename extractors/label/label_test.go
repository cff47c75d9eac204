package label

import (
	"strings"
	"testing"
	"unicode/utf8"

	"ruku/extractors"
)

// lines turns text into lines of page 1, one a line.
func lines(s string) []Line {
	var out []Line
	for i, l := range strings.Split(s, "\n") {
		out = append(out, Line{Page: 1, Index: i, Text: l})
	}
	return out
}

var (
	lessee = Spec{Labels: []string{"承租方", "承租人", "乙方:"}, Stops: []string{"统一社会信用代码", "出租方", "出租人", "甲方:", "法定代表人"}}
	area   = Spec{Labels: []string{"租赁面积", "建筑面积", "面积"}, Exclude: []string{"宗地面积", "专有建筑面积", "分摊建筑面积"},
		Joiners: []string{"为", "共", "约"}, Units: []string{"平方米", "平米", "㎡", "m²", "m2"}, Cues: []string{"的房屋", "的办公用房"}}
	address = Spec{Labels: []string{"房屋坐落", "坐落于", "坐落", "位于"}, Stops: []string{"的房屋", "用途", "租赁面积", ","},
		Complete: func(s string) bool { return strings.HasSuffix(s, "室") || strings.HasSuffix(s, "层") }}
)

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
		text string
		want string // value; "" when nothing is to be found
		line int    // index of the value's line
		unit string
		next bool
	}{
		{"full-width colon", lessee, "承租方：河北博远检测技术有限公司", "河北博远检测技术有限公司", 0, "", false},
		{"half-width colon", lessee, "承租人:河北博远检测技术有限公司", "河北博远检测技术有限公司", 0, "", false},
		{"no colon", lessee, "承租人 河北博远检测技术有限公司", "河北博远检测技术有限公司", 0, "", false},
		{"note before the colon", lessee, "乙方(承租人):石芳", "石芳", 0, "", false},
		{"full-width note before the colon", lessee, "承租人（以下简称“乙方”）：廊坊启航信息咨询有限公司", "廊坊启航信息咨询有限公司", 0, "", false},
		{"strict label needs its colon", lessee, "乙方不得转租", "", 0, "", false},
		{"strict label in prose at a line end", lessee, "乙方应于本合同签订之日向甲方\n无息退还", "", 0, "", false},
		{"strict label alone on its line", lessee, "乙方\n河北博远检测技术有限公司", "河北博远检测技术有限公司", 1, "", true},
		{"label ends its line", lessee, "承租方：\n河北博远检测技术有限公司", "河北博远检测技术有限公司", 1, "", true},
		{"next line is another field", lessee, "承租方：\n统一社会信用代码：91130102MA0CTDL7XH", "", 0, "", false},
		{"stop label on the same line", lessee, "承租方：河北博远检测技术有限公司 统一社会信用代码：91130102MA0CTDL7XH", "河北博远检测技术有限公司", 0, "", false},
		{"two parties on one line", lessee, "出租方：张三 承租方：李四", "李四", 0, "", false},
		{"spaced label", lessee, "承 租 方 河北博远检测技术有限公司", "河北博远检测技术有限公司", 0, "", false},
		{"area m2", area, "租赁面积:622m2;房屋用途:办公", "622", 0, "m2", false},
		{"area 平方米 with joiner", area, "建筑面积为120.5平方米。", "120.5", 0, "平方米", false},
		{"area ㎡ reads as m2", area, "面积 150 ㎡", "150", 0, "m2", false},
		{"area space before unit", area, "租赁面积:97.9 平方米;", "97.9", 0, "平方米", false},
		{"area thousands", area, "建筑面积：1,234.5平方米", "1,234.5", 0, "平方米", false},
		{"area without unit is no area", area, "租赁面积:622", "", 0, "", false},
		{"unit in the label's note", area, "租赁面积(平方米):622", "622", 0, "平方米", false},
		{"unit in a header cell's note", area, "建筑面积（㎡）\n356.3", "356.3", 1, "m2", true},
		{"excluded areas skipped", area, "共有宗地面积3058.90㎡/房屋建筑面积429.68㎡", "429.68", 0, "m2", false},
		{"excluded area alone", area, "专有建筑面积:352.34㎡,分摊建筑面积:77.34㎡", "", 0, "", false},
		{"area value before its cue", area, "将150平方米的房屋出租给乙方", "150", 0, "平方米", false},
		{"area on the next line", area, "房屋建筑面积：\n101.30㎡", "101.30", 1, "m2", true},
		{"address to a stop word", address, "甲方将坐落于廊坊市广阳区新华路20号3层的房屋出租给乙方", "廊坊市广阳区新华路20号3层", 0, "", false},
		{"address to a sentence end", address, "租赁房屋位于:河北省邢台市襄都区长江大道227号创新大厦10层16室;租赁面积:622m2", "河北省邢台市襄都区长江大道227号创新大厦10层16室", 0, "", false},
		{"address wrapped", address, "房屋坐落：沧州市新华区解放东路7号2单元\n302室\n专有建筑面积", "沧州市新华区解放东路7号2单元302室", 0, "", false},
		{"address cell", address, "坐 落 保定市竞秀区朝阳北大街99号2幢101", "保定市竞秀区朝阳北大街99号2幢101", 0, "", false},
		{"nothing", lessee, "本合同一式两份", "", 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Find(lines(tt.text), tt.spec)
			if tt.want == "" {
				if m.OK {
					t.Fatalf("found %q on line %d", m.Value, m.At)
				}
				return
			}
			if !m.OK || m.Value != tt.want || m.At != tt.line || m.Unit != tt.unit || m.NextLine != tt.next {
				t.Fatalf("got %+v, want %q line %d unit %q next %v", m, tt.want, tt.line, tt.unit, tt.next)
			}
			if m.Line.Text != lines(tt.text)[tt.line].Text || m.Line.Page != 1 {
				t.Errorf("evidence %+v", m.Line)
			}
		})
	}
}

func TestCells(t *testing.T) {
	row := Cells([]string{"权利人", "", "河北信诚管理咨询有限公司廊坊分公司", "共有情况", "单独所有"})
	m := Find(row, Spec{Labels: []string{"权利人"}, Stops: []string{"共有情况"}})
	if !m.OK || m.Value != "河北信诚管理咨询有限公司廊坊分公司" || m.Line.Index != 2 || !m.NextLine {
		t.Fatalf("got %+v", m)
	}
	m = Find(row, Spec{Labels: []string{"共有情况"}})
	if !m.OK || m.Value != "单独所有" {
		t.Fatalf("got %+v", m)
	}
}

func TestFindAll(t *testing.T) {
	text := "出租方：张三\n承租方：沧州信达咨询有限公司\n\f\n出租人：李四\n承租人：沧州信达咨询有限公司"
	ms := New(Spec{Labels: []string{"出租方", "出租人"}, Stops: []string{"承租方"}}).FindAll(lines(text))
	if len(ms) != 2 || ms[0].Value != "张三" || ms[1].Value != "李四" || ms[1].At != 3 {
		t.Fatalf("got %+v", ms)
	}
}

func TestComplete(t *testing.T) {
	s := Spec{Labels: []string{"承租方"}, Complete: IsOrg}
	m := Find(lines("承租方：河北金桥(廊坊)信息技术有限公\n司\n一、租赁房屋"), s)
	if m.Value != "河北金桥(廊坊)信息技术有限公司" {
		t.Errorf("wrapped name: got %q", m.Value)
	}
	m = Find(lines("承租方：石芳\n一、租赁房屋"), s)
	if m.Value != "石芳" {
		t.Errorf("person: got %q", m.Value)
	}
}

func TestDocLines(t *testing.T) {
	d := &extractors.Doc{Pages: []extractors.Page{{Number: 1, Lines: []string{"a", " ", "b"}}, {Number: 2, Lines: []string{"c"}}}}
	ls := DocLines(d)
	if len(ls) != 3 || ls[1].Index != 2 || ls[2].Page != 2 {
		t.Fatalf("got %+v", ls)
	}
	if DocLines(nil) != nil {
		t.Error("nil doc")
	}
}

func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"河北汇智(邢台)技术服务有限公司(统一社会信用代码:911305021HE54M749X)", "河北汇智(邢台)技术服务有限公司"},
		{"河北汇智(邢台)技术服务有限公司(统一社会信用代码:", "河北汇智(邢台)技术服务有限公司"},
		{"河北汇智(邢台)技术服务有限公司(统一社会信用代码:91130502", "河北汇智(邢台)技术服务有限公司"},
		{"河北汇智(邢台)技术服务有限公司()", "河北汇智(邢台)技术服务有限公司"},
		{"河北汇智(邢台)技术服务有限公司(", "河北汇智(邢台)技术服务有限公司"},
		{"廊坊启航信息咨询有限公司（以下简称“乙方”）", "廊坊启航信息咨询有限公司"},
		{"邯郸数创科技有限公司(以下简称乙方)", "邯郸数创科技有限公司"},
		{"邯郸数创科技有限公司(乙方)。", "邯郸数创科技有限公司"},
		{"河北冀联质量技术服务中心（普通合伙）", "河北冀联质量技术服务中心(普通合伙)"},
		{"：石芳，", "石芳"},
		{"河北合众认证服务有限公司《统一社会信用代码:91133100MAE13E251D)", "河北合众认证服务有限公司"},
		{"河北合众认证服务有限公司《", "河北合众认证服务有限公司"},
		{"某某有限公司(统一社会信用代码:911305)(以下简称乙方)", "某某有限公司"},
	}
	for _, tt := range tests {
		if got := Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOrgName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"某某科技有限公司经办人张三", "某某科技有限公司"},
		{"河北信诚管理咨询有限公司廊坊分公司", "河北信诚管理咨询有限公司廊坊分公司"},
		{"河北冀联质量技术服务中心(普通合伙)", "河北冀联质量技术服务中心(普通合伙)"},
		{"河北冀联质量技术服务中心(普通合伙)负责人李四", "河北冀联质量技术服务中心(普通合伙)"},
		{"某某有限公司(统一社会信用代码:911)", "某某有限公司(统一社会信用代码:911)"},
		{"石芳", "石芳"},
		{"某市中心医院", "某市中心医院"},
		{"某某集团有限公司第一分公司", "某某集团有限公司第一分公司"},
	}
	for _, tt := range tests {
		if got := OrgName(tt.in); got != tt.want {
			t.Errorf("OrgName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsOrgTrimStray(t *testing.T) {
	if !IsOrg("河北冀联质量技术服务中心(普通合伙)") || !IsOrg("某某有限公司") || IsOrg("石芳") {
		t.Error("IsOrg")
	}
	if got := TrimStray("邢台信诚质量检测中心丁"); got != "邢台信诚质量检测中心" {
		t.Errorf("TrimStray = %q", got)
	}
	if got := TrimStray("石芳"); got != "石芳" {
		t.Errorf("TrimStray person = %q", got)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"承租方：河北博远检测技术有限公司", "乙方(承租人):石芳", "租赁面积:622m2;", "将150平方米的房屋", "房屋坐落：\n302室", "乙方\n", "(统一社会信用代码:"} {
		f.Add(s)
	}
	readers := []*Reader{New(lessee), New(area), New(address)}
	f.Fuzz(func(t *testing.T, s string) {
		ls := lines(s)
		for _, r := range readers {
			for _, m := range r.FindAll(ls) {
				if !m.OK || m.At < 0 || m.At >= len(ls) || m.Line != ls[m.At] {
					t.Fatalf("bad match %+v", m)
				}
				if !utf8.ValidString(s) {
					continue
				}
				if !strings.Contains(strings.ReplaceAll(Norm(m.Line.Text), " ", ""), strings.ReplaceAll(m.Value, " ", "")) && r.spec.Complete == nil {
					t.Fatalf("value %q not on its line %q", m.Value, m.Line.Text)
				}
			}
			r.Find(ls)
		}
		_ = Name(s)
		_ = IsOrg(s)
		_ = TrimStray(s)
		_ = OrgName(s)
	})
}

package label_test

import (
	"fmt"

	"ruku/extractors/label"
)

// A lessee's name after a label with notes, cut at the next label, and
// cleaned of the code note the end of the line left open.
func ExampleReader_Find() {
	lines := []label.Line{
		{Page: 1, Index: 0, Text: "甲方(出租人):邢台燕山置业有限公司"},
		{Page: 1, Index: 1, Text: "乙方(承租人):某某技术服务有限公司(统一社会信用代码:"},
		{Page: 1, Index: 2, Text: "911305021HE54M749X)"},
	}
	r := label.New(label.Spec{Labels: []string{"承租方", "承租人", "乙方:"}, Stops: []string{"统一社会信用代码"}})
	m := r.Find(lines)
	fmt.Println(label.Name(m.Value), m.Line.Page, m.Line.Index)
	// Output: 某某技术服务有限公司 1 1
}

// An area written with its unit, and one written before its cue.
func ExampleFind() {
	spec := label.Spec{Labels: []string{"租赁面积", "面积"}, Units: []string{"平方米", "m2"}, Cues: []string{"的房屋"}}
	for _, text := range []string{"租赁面积:622m2;房屋用途:办公", "甲方将150平方米的房屋出租给乙方"} {
		m := label.Find([]label.Line{{Page: 1, Text: text}}, spec)
		fmt.Println(m.Value, m.Unit, m.Before)
	}
	// Output:
	// 622 m2 false
	// 150 平方米 true
}

package rules

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// usageFixtures are bundles on which every field of the rules file shows:
// lists short of their minimums, a declared figure within the tolerance, a
// domicile naming its province mid-address, one outside Hebei, a
// partnership.
func usageFixtures() []*Bundle {
	a := withLists(base())
	a.Form.TotalAssets = ff(11576000 * 1.005)
	b := withLists(base())
	b.License.Address = fs("中国河北省石家庄市桥西区北京大街231号")
	b.License.EntityType = fs("普通合伙企业")
	c := base()
	c.License.Address = fs("北京市海淀区中关村大街69号")
	return []*Bundle{a, b, c}
}

func signature(t *testing.T, r *Rules) string {
	t.Helper()
	var out []string
	for _, b := range usageFixtures() {
		crit, facts := Check(b, r)
		j, err := json.Marshal(struct {
			C any
			F any
		}{crit, facts})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(j))
	}
	return strings.Join(out, "\n")
}

// TestEveryRulesFieldIsRead changes each field of the rules file in turn:
// the checks must judge the fixtures differently, or Parse must refuse the
// changed file. A field no code reads fails this test.
func TestEveryRulesFieldIsRead(t *testing.T) {
	base := Default()
	base.RemovedRegister = &[]Removal{{USCC: code, RemovedOn: "2023-05-01"}}
	want := signature(t, base)
	rt := reflect.TypeOf(*base)
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if tag == "-" || tag == "version" { // metadata, recorded in the dossier
			continue
		}
		var variants []any
		switch f.Type.Kind() {
		case reflect.Int:
			variants = []any{1, 100000}
		case reflect.Float64:
			variants = []any{1.0, 1e12}
		case reflect.String:
			variants = []any{"※"}
		case reflect.Slice:
			variants = []any{[]string{"※"}}
		case reflect.Pointer:
			variants = []any{(*[]Removal)(nil)}
		default:
			t.Fatalf("field %s: no variants for %s", f.Name, f.Type)
		}
		used := false
		for _, v := range variants {
			r := *base
			reflect.ValueOf(&r).Elem().Field(i).Set(reflect.ValueOf(v).Convert(f.Type))
			j, err := json.Marshal(&r)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(j); err != nil {
				used = true // refused: the field is checked
				continue
			}
			if signature(t, &r) != want {
				used = true
			}
		}
		if !used {
			t.Errorf("rules field %s (%s) changes no check: read it or remove it", f.Name, tag)
		}
	}
}

// TestDefaultRulesRoundTrip: the embedded file sets every field (no field is
// left to its zero value by a missing key).
func TestDefaultRulesRoundTrip(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal(defaultFile, &m); err != nil {
		t.Fatal(err)
	}
	rt := reflect.TypeOf(Rules{})
	for i := 0; i < rt.NumField(); i++ {
		tag := strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]
		if tag == "-" {
			continue
		}
		if _, ok := m[tag]; !ok {
			t.Errorf("default.json lacks %s", tag)
		}
	}
}

// FuzzParse: a rules file is refused or yields thresholds that validate;
// it never panics.
func FuzzParse(f *testing.F) {
	f.Add(defaultFile)
	f.Add([]byte(`{"version":"x"}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Parse(b)
		if err != nil {
			return
		}
		if r.validate() != nil || len(r.SHA256) != 64 {
			t.Fatalf("accepted an invalid rules file: %q", b)
		}
	})
}

package credit

import (
	"reflect"
	"testing"
)

func TestReconcile(t *testing.T) {
	r := func(list, outcome string) Result { return Result{List: list, Outcome: outcome} }
	type lo struct{ list, outcome string }
	for _, tc := range []struct {
		name          string
		first, second []Result
		want          []lo
		doubt         bool
	}{
		{"second fills an unreadable list",
			[]Result{r(DishonestDebtor, Clear), r(SeriousDishonesty, Unreadable)},
			[]Result{r(DishonestDebtor, Clear), r(SeriousDishonesty, Clear)},
			[]lo{{DishonestDebtor, Clear}, {SeriousDishonesty, Clear}}, false},
		{"second adds a list the first missed",
			[]Result{r(DishonestDebtor, Clear)},
			[]Result{r(AbnormalOperation, Listed), r(DishonestDebtor, Clear)},
			[]lo{{DishonestDebtor, Clear}, {AbnormalOperation, Listed}}, false},
		{"readings that disagree are unreadable",
			[]Result{r(TaxViolation, Clear)},
			[]Result{r(TaxViolation, Listed)},
			[]lo{{TaxViolation, Unreadable}}, true},
		{"an unreadable second reading changes nothing",
			[]Result{r(TaxViolation, Unreadable)},
			[]Result{r(TaxViolation, Unreadable), r("", Clear)},
			[]lo{{TaxViolation, Unreadable}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Reconcile(tc.first, tc.second)
			var g []lo
			doubt := false
			for _, b := range got {
				g = append(g, lo{b.List, b.Outcome})
				doubt = doubt || b.Doubt != ""
			}
			if !reflect.DeepEqual(g, tc.want) || doubt != tc.doubt {
				t.Errorf("got %v (doubt %v), want %v (doubt %v)", g, doubt, tc.want, tc.doubt)
			}
		})
	}
}

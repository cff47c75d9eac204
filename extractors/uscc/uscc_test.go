package uscc

import "testing"

func TestValid(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"91130104MA72G7U680", true},
		{"91130105MAF8643B4W", true},
		{"91130104MA72G7U681", false},
		{"91130104MA72G7U68", false},
		{"91130104MA72G7U68O", false},
		{"9113010IMA72G7U680", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Valid(tt.code); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestRepair(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"91130104MA72G7U680", "91130104MA72G7U680", true},
		{"91130104MA72G7U68O", "91130104MA72G7U680", true},
		{"9113O1O4MA72G7U680", "91130104MA72G7U680", true},
		{"91130104MA72G7U681", "", false},
		{"short", "", false},
	}
	for _, tt := range tests {
		got, ok := Repair(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Repair(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFind(t *testing.T) {
	got := Find("统一社会信用代码 : 9113O104MA72G7U680 其他 91130105MAF8643B4W 91130104MA72G7U680")
	want := []string{"91130104MA72G7U680", "91130105MAF8643B4W"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("Find = %v, want %v", got, want)
	}
}

func FuzzRepair(f *testing.F) {
	f.Add("91130104MA72G7U68O")
	f.Fuzz(func(t *testing.T, s string) {
		if r, ok := Repair(s); ok && !Valid(r) {
			t.Fatalf("Repair(%q) = %q which is not valid", s, r)
		}
		for _, c := range Find(s) {
			if !Valid(c) {
				t.Fatalf("Find returned invalid %q", c)
			}
		}
	})
}

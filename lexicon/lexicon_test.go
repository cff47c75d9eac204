package lexicon

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefault(t *testing.T) {
	lx, err := Parse(dataFS)
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.SHA256()) != 64 {
		t.Fatalf("sha256 %q", lx.SHA256())
	}
	if len(lx.Keys()) == 0 {
		t.Fatal("no lists")
	}
	for _, k := range lx.Keys() {
		if _, err := regexp.Compile(lx.Alt(k)); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for name, data := range map[string]string{
		"bad json":   `{`,
		"empty list": `{"lists":{"a":[]}}`,
		"blank word": `{"lists":{"a":[" "]}}`,
	} {
		fsys := fstest.MapFS{"data/x.json": {Data: []byte(data)}}
		if _, err := Parse(fsys); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestHashChangesWithData(t *testing.T) {
	a, _ := Parse(fstest.MapFS{"data/x.json": {Data: []byte(`{"lists":{"a":["甲"]}}`)}})
	b, _ := Parse(fstest.MapFS{"data/x.json": {Data: []byte(`{"lists":{"a":["乙"]}}`)}})
	if a.SHA256() == b.SHA256() {
		t.Fatal("hash does not depend on the data")
	}
	if a.Words("x.a")[0] != "甲" {
		t.Fatal("key is kind.name")
	}
}

func TestAltLongestFirst(t *testing.T) {
	re := regexp.MustCompile(Alt([]string{"面积", "租赁面积", "m2"}))
	if got := re.FindString("租赁面积:150m2"); got != "租赁面积" {
		t.Fatalf("got %q", got)
	}
	if !strings.HasPrefix(Alt([]string{"a.b"}), `(?:a\.b`) {
		t.Fatal("words are literal")
	}
}

func TestUnknownKeyPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	Default().Words("nope.nothing")
}

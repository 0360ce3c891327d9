package gosrc

import (
	"strings"
	"testing"
)

type Kind string

type item struct {
	Name string
	Kind Kind
	Tags []Kind
	M    map[string]string
}

func TestLiteralKeepsStringsAndDropsQualifiers(t *testing.T) {
	got, err := Literal(item{Name: "restart the gosrc.flow. now", Kind: "q", Tags: []Kind{"a"}, M: map[string]string{"k": "gosrc.v"}}, "gosrc")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "gosrc.item") || strings.Contains(got, "gosrc.Kind") {
		t.Errorf("qualifier left: %s", got)
	}
	for _, want := range []string{`"restart the gosrc.flow. now"`, `"gosrc.v"`, "item{", "[]Kind{"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing from %s", want, got)
		}
	}
}

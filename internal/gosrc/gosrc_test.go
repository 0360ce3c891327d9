package gosrc

import (
	"go/scanner"
	"go/token"
	"os"
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

type node struct {
	ID      string
	Choices []choice
	On      map[string]string
	Line    int
	Jump    bool
}

type choice struct {
	ID, Next string
	Line     int
}

func TestTallIsOneValuePerLine(t *testing.T) {
	n := node{ID: "B", Choices: []choice{{ID: "4xx", Next: "C", Line: 24}}, Line: 20}
	got, err := Literal(n, "gosrc", "Line")
	if err != nil {
		t.Fatal(err)
	}
	want := "node{\nID: \"B\",\nChoices: []choice{\n{\nID: \"4xx\",\nNext: \"C\",\n},\n},\n}"
	if got != want {
		t.Errorf("Literal =\n%s\nwant\n%s", got, want)
	}
}

// A value added to the data adds lines to the Go and changes none: what a review of a
// catalogue change reads.
func TestTallAddingAValueOnlyAddsLines(t *testing.T) {
	before := node{ID: "B", Choices: []choice{{ID: "4xx", Next: "C", Line: 24}, {ID: "5xx", Next: "D", Line: 27}}, Line: 20}
	after := before
	after.Choices = []choice{before.Choices[0], {ID: "new", Next: "N", Line: 27}, {ID: "5xx", Next: "D", Line: 30}}
	after.On = map[string]string{"fail": "X"}
	a, _ := Literal(before, "gosrc", "Line")
	b, _ := Literal(after, "gosrc", "Line")
	old, new := strings.Split(a, "\n"), strings.Split(b, "\n")
	// Every old line is still there, in order.
	j := 0
	for _, l := range new {
		if j < len(old) && l == old[j] {
			j++
		}
	}
	if j != len(old) {
		t.Errorf("a line of the old literal changed:\n%s\n---\n%s", a, b)
	}
	// The choice: its braces and two fields; the map: its opening line, one pair, its brace.
	if added := len(new) - len(old); added != 7 {
		t.Errorf("%d lines added, want 7 (4 for the choice, 3 for the map):\n%s", added, b)
	}
}

// keyValues counts, per line of a Go file, the `Key:` pairs on it (a field name or a map
// key followed by a colon), outside strings and comments.
func keyValues(t *testing.T, path string) map[int]int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file := fset.AddFile(path, -1, len(data))
	var s scanner.Scanner
	s.Init(file, data, nil, 0)
	counts := map[int]int{}
	prev := token.ILLEGAL
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			return counts
		}
		if tok == token.COLON && (prev == token.IDENT || prev == token.STRING) {
			counts[fset.Position(pos).Line]++
		}
		prev = tok
	}
}

// The compiled catalogue and graph are tall: no line holds two values, so a changed value
// is a changed line.
func TestGeneratedFilesHoldOneKeyPerLine(t *testing.T) {
	for _, path := range []string{"../../knowledge/builtin_gen.go", "../../flow/builtin_gen.go"} {
		counts := keyValues(t, path)
		if len(counts) < 1000 {
			t.Errorf("%s has %d key lines: is it the generated file?", path, len(counts))
		}
		for line, n := range counts {
			if n > 1 {
				t.Errorf("%s:%d holds %d Key: pairs; run go generate ./knowledge ./flow", path, line, n)
			}
		}
	}
}

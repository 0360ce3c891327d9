package flow_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func TestJSONExport(t *testing.T) {
	g, _ := loadReal(t)
	data, err := g.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Start string `json:"start"`
		Nodes []struct {
			ID      string `json:"id"`
			Kind    string `json:"kind"`
			Text    string `json:"text"`
			Next    string `json:"next"`
			Choices []struct{ ID, Label, Next string }
			Entry   string   `json:"entry"`
			Causes  []string `json:"causes"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Start != "A" || len(back.Nodes) != len(g.Nodes) {
		t.Fatalf("start %q, %d nodes", back.Start, len(back.Nodes))
	}
	for _, n := range back.Nodes {
		switch {
		case n.Text == "":
			t.Errorf("node %s exported without text", n.ID)
		case n.Kind == "question" && (len(n.Choices) < 2 || n.Choices[0].Label == "" || n.Choices[0].Next == ""):
			t.Errorf("question %s exported without its choices", n.ID)
		case n.Kind == "result" && (n.Entry == "" || len(n.Causes) == 0):
			t.Errorf("result %s exported without entry and causes", n.ID)
		}
	}
	if strings.Contains(string(data), `"File"`) || strings.Contains(string(data), `"Line"`) {
		t.Error("source positions leak into the export")
	}
}

// The provider's diagram does not render because of bare parentheses in labels; ours
// quotes every label and escapes what Mermaid would read as syntax.
func TestMermaidExport(t *testing.T) {
	g, _ := loadReal(t)
	m := g.Mermaid()
	if !strings.HasPrefix(m, "flowchart TD\n") {
		t.Fatal("not a flowchart")
	}
	node := regexp.MustCompile(`^    ([A-Za-z][A-Za-z0-9_]*)(\{"[^"]*"\}|\[/"[^"]*"/\]|\[\["[^"]*"\]\]|\(\["[^"]*"\]\)|\["[^"]*"\])$`)
	edge := regexp.MustCompile(`^    ([A-Za-z][A-Za-z0-9_]*) (-->|-\.->)(\|"[^"|]*"\|)? ([A-Za-z][A-Za-z0-9_]*)$`)
	declared := map[string]bool{}
	edges := 0
	for _, line := range strings.Split(strings.TrimSpace(m), "\n")[1:] {
		switch {
		case line == "" || strings.HasPrefix(line, "    classDef ") || strings.HasPrefix(line, "    class "):
		case node.MatchString(line):
			declared[node.FindStringSubmatch(line)[1]] = true
		case edge.MatchString(line):
			sub := edge.FindStringSubmatch(line)
			if !declared[sub[1]] || !declared[sub[4]] {
				t.Errorf("edge to or from an undeclared node: %s", line)
			}
			edges++
		default:
			t.Errorf("line Mermaid may not parse: %q", line)
		}
	}
	if len(declared) != len(g.Nodes) {
		t.Errorf("%d nodes drawn, graph has %d", len(declared), len(g.Nodes))
	}
	for _, want := range []string{`B{"B: What type of error is it?"}`, `Test -->|"fixed"| Solved`, `Test -->|"branch"| C`, `Test -->|"branch"| F`} {
		if !strings.Contains(m, want) {
			t.Errorf("diagram lacks %s", want)
		}
	}
	if edges < len(g.Nodes) {
		t.Errorf("only %d edges", edges)
	}
}

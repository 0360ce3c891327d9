package flow_test

import (
	"reflect"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The compiled graph must say exactly what the YAML says, the YAML line numbers aside (the
// generator leaves them out); when this fails, run `go generate ./flow` after editing
// assets/flow.
func TestBuiltinMatchesYAML(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	fromYAML, err := flow.Load(assets.Flow, "flow", cat)
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := flow.Builtin(cat)
	if err != nil {
		t.Fatalf("the compiled graph does not validate: %v", err)
	}
	if builtin.StartID != fromYAML.StartID || len(builtin.Nodes) != len(fromYAML.Nodes) {
		t.Fatalf("compiled graph: start %q, %d nodes; YAML: start %q, %d nodes: run go generate ./flow",
			builtin.StartID, len(builtin.Nodes), fromYAML.StartID, len(fromYAML.Nodes))
	}
	for i := range fromYAML.Nodes {
		if !reflect.DeepEqual(builtin.Nodes[i], withoutLines(fromYAML.Nodes[i])) {
			t.Errorf("node %s differs from assets/flow: run go generate ./flow", fromYAML.Nodes[i].ID)
		}
	}
}

// withoutLines is n with the YAML line numbers of it, its choices and its rules zeroed.
func withoutLines(n *flow.Node) *flow.Node {
	c := *n
	c.Line = 0
	if n.Choices != nil {
		c.Choices = append([]flow.Choice{}, n.Choices...)
		for i := range c.Choices {
			c.Choices[i].Line = 0
		}
	}
	if n.SkipIf != nil {
		c.SkipIf = append([]flow.Rule{}, n.SkipIf...)
		for i := range c.SkipIf {
			c.SkipIf[i].Line = 0
		}
	}
	return &c
}

func BenchmarkBuiltin(b *testing.B) {
	cat, err := knowledge.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := flow.Builtin(cat); err != nil {
			b.Fatal(err)
		}
	}
}

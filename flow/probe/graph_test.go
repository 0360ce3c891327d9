package probe_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Every probe node of the built-in flow graph runs a registered probe. flow does not link
// this package, so the check lives here (and in go generate's gengraph).
func TestFlowGraphRunsRegisteredProbes(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	g, err := flow.Builtin(cat)
	if err != nil {
		t.Fatal(err)
	}
	ids := g.ProbeIDs()
	if len(ids) == 0 {
		t.Fatal("the graph runs no probe at all; the walk lost its live checks")
	}
	for _, id := range ids {
		if _, ok := probe.Lookup(id); !ok {
			t.Errorf("the flow graph runs probe %q, which is not registered (%v)", id, probe.IDs())
		}
	}
}

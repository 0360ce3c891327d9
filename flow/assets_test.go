package flow_test

import (
	"errors"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// loadReal loads the shipped catalogue and graph; a gap in coverage fails the test that
// asks for it, not every test.
func loadReal(t testing.TB) (*flow.Graph, *knowledge.Catalogue) {
	t.Helper()
	cat, err := knowledge.Load(assets.Catalogue, "catalogue")
	if err != nil {
		t.Fatalf("catalogue: %v", err)
	}
	g, err := flow.Load(assets.Flow, "flow", cat)
	var gap *flow.GapError
	if err != nil && !errors.As(err, &gap) {
		t.Fatalf("flow graph: %v", err)
	}
	return g, cat
}

func TestRealGraphReachesEveryCatalogueCause(t *testing.T) {
	cat, err := knowledge.Load(assets.Catalogue, "catalogue")
	if err != nil {
		t.Fatalf("catalogue: %v", err)
	}
	if _, err := flow.Load(assets.Flow, "flow", cat); err != nil {
		t.Fatal(err)
	}
}

func TestRealGraphLoads(t *testing.T) {
	g, _ := loadReal(t)
	for _, id := range []string{"A", "B", "C", "C1", "C2", "C3", "C4", "D", "D1", "D2", "D3",
		"E", "E1", "E2", "E3", "F", "F1", "F2", "F3", "Fix", "Test", "Solved", "Escalate"} {
		if _, ok := g.Node(id); !ok {
			t.Errorf("spine node %s of the provider's diagram is missing", id)
		}
	}
}

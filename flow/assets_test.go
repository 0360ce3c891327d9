package flow_test

import (
	"errors"
	"sync"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// loadReal loads the shipped catalogue and graph; a gap in coverage fails the test that
// asks for it, not every test.
func loadReal(t testing.TB) (*flow.Graph, *knowledge.Catalogue) {
	t.Helper()
	real.once.Do(func() {
		real.cat, real.err = knowledge.Load(assets.Catalogue, "catalogue")
		if real.err != nil {
			return
		}
		real.g, real.err = flow.Load(assets.Flow, "flow", real.cat)
		var gap *flow.GapError
		if errors.As(real.err, &gap) {
			real.err = nil
		}
	})
	if real.err != nil {
		t.Fatalf("shipped assets: %v", real.err)
	}
	return real.g, real.cat
}

// real caches the shipped graph: it is read-only, and loading it per test is slow.
var real struct {
	once sync.Once
	g    *flow.Graph
	cat  *knowledge.Catalogue
	err  error
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

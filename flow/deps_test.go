package flow_test

import (
	"os/exec"
	"strings"
	"testing"
)

// flow stays free of the terminal: nothing it imports may be a charm package or our ui.
func TestFlowImportsNoUI(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/mubarokah/mubarokah-doctor/flow").Output()
	if err != nil {
		t.Skipf("go list is not available here: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "charm.land/") || strings.HasPrefix(dep, "github.com/charmbracelet/") || strings.HasSuffix(dep, "/ui") || strings.Contains(dep, "/ui/") {
			t.Errorf("flow depends on %s", dep)
		}
	}
}

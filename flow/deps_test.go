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

// flow is the pure engine: it records a probe's result (flow/check holds the type) but never
// links the network code that makes one, so neither flow/probe nor what it brings.
func TestFlowLinksNoProbes(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/mubarokah/mubarokah-doctor/flow").Output()
	if err != nil {
		t.Skipf("go list is not available here: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		switch {
		case strings.HasSuffix(dep, "/flow/probe"), strings.Contains(dep, "golang.org/x/oauth2"),
			dep == "golang.org/x/net/html", dep == "net/http/httptrace", dep == "net/http":
			t.Errorf("flow depends on %s", dep)
		}
	}
}

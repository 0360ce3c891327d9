package flow_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/flow.md from the flow graph")

// docs/flow.md is generated; this keeps it in step with the graph and the catalogue.
func TestDocsFlowIsCurrent(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	g, err := flow.Builtin(cat)
	if err != nil {
		t.Fatal(err)
	}
	doc := g.Doc()
	if strings.Contains(doc, "| (none) |") {
		t.Error("some cause has no path; see the table in docs/flow.md")
	}
	path := filepath.Join("..", "docs", "flow.md")
	if *updateDocs {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./flow -run TestDocsFlowIsCurrent -update-docs)", err)
	}
	if string(have) != doc {
		t.Error("docs/flow.md is out of date; run: go test ./flow -run TestDocsFlowIsCurrent -update-docs")
	}
}

// Command gengraph compiles the flow graph under assets/flow into Go source
// (flow/builtin_gen.go), so the wizard starts without parsing YAML. `go generate ./flow`
// runs it; a test fails when the generated file no longer matches the YAML. It lives apart
// from flow so the program does not carry a Go parser and printer it never uses.
package main

import (
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/gosrc"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func main() {
	gosrc.Main("gengraph", "builtin_gen.go", func() ([]byte, error) {
		cat, err := knowledge.Load(assets.Catalogue, "catalogue")
		if err != nil {
			return nil, fmt.Errorf("the catalogue does not load:\n%w", err)
		}
		g, err := flow.Load(assets.Flow, "flow", cat)
		if err != nil {
			return nil, fmt.Errorf("the flow graph does not load:\n%w", err)
		}
		for _, id := range g.ProbeIDs() { // flow itself does not link the probe registry
			if _, ok := probe.Lookup(id); !ok {
				return nil, fmt.Errorf("the flow graph runs probe %q, which is not one of %s", id, strings.Join(probe.IDs(), ", "))
			}
		}
		items := make([]any, len(g.Nodes))
		for i, n := range g.Nodes {
			items[i] = *n
		}
		decls := fmt.Sprintf("const builtinStart = %q\n\nconst builtinStartFile = %q", g.StartID, g.SpineFile())
		// The YAML line numbers only serve the load-time messages, which go generate gives
		// from the YAML: left out, a new choice shifts no line of the compiled graph.
		return gosrc.File("gengraph", "assets/flow", "flow", decls, "builtinNodes", "Node", items, "Line")
	})
}

package flow

import (
	"fmt"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

//go:generate go run ./internal/gengraph builtin_gen.go

// Builtin returns the graph compiled from assets/flow at generate time, validated against
// cat like a loaded one. Decoding the YAML took 10 ms or more, most of the wizard's way to
// its first frame.
func Builtin(cat *knowledge.Catalogue) (*Graph, error) {
	if cat == nil {
		return nil, fmt.Errorf("flow.Builtin: no catalogue given; the graph is validated against one")
	}
	g := &Graph{StartID: builtinStart, startFile: builtinStartFile, byID: map[string]*Node{}, cat: cat}
	g.Nodes = make([]*Node, len(builtinNodes))
	for i := range builtinNodes {
		n := builtinNodes[i] // a copy: the compiled data stays as generated
		g.Nodes[i] = &n
	}
	return assemble(g)
}

// SpineFile is the file that names the start node, which holds the spine.
func (g *Graph) SpineFile() string { return g.startFile }

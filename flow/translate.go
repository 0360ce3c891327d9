package flow

import (
	"fmt"
	"slices"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

//go:generate go run ./internal/gentranslate translate_gen.go

// NodeText is one node's user-visible text in another language (assets/flow/<lang>/*.yaml).
// Ids, kinds, routes, rules and probes come from the English graph only.
type NodeText struct {
	ID      string
	Title   string
	Text    string
	Help    string
	Choices map[string]string // choice id -> label
	Inputs  map[string]string // input name -> label
}

// BuiltinIn returns the graph compiled into the program with its text in lang ("en", "id";
// "" is English), validated against cat (the catalogue in the same language).
func BuiltinIn(cat *knowledge.Catalogue, lang string) (*Graph, error) {
	g, err := Builtin(cat)
	if lang == "" || lang == knowledge.LangEnglish || g == nil {
		return g, err
	}
	texts, ok := builtinTexts(lang)
	if !ok {
		return nil, fmt.Errorf("no flow graph in language %q", lang)
	}
	if terr := translateGraph(g, texts); terr != nil {
		return nil, terr
	}
	return g, err // err may be a *GapError about the English graph: it holds in every language
}

// Translated lays texts over g's nodes, in place, for a graph loaded from files (tests, a
// translation being written). The texts must have passed LoadTranslation against g.
func (g *Graph) Translated(texts []NodeText) error {
	m := make(map[string]*NodeText, len(texts))
	for i := range texts {
		m[texts[i].ID] = &texts[i]
	}
	return translateGraph(g, m)
}

func translateGraph(g *Graph, texts map[string]*NodeText) error {
	for _, n := range g.Nodes {
		t, ok := texts[n.ID]
		if !ok {
			return fmt.Errorf("%s:%d: node %s has no translation (run go generate ./flow)", n.File, n.Line, n.ID)
		}
		translateNode(n, t)
	}
	return nil
}

// translateNode puts t's text in n. Choices and inputs are copied first: the compiled
// graph's slices are shared by every graph built from it.
func translateNode(n *Node, t *NodeText) {
	pick := func(en, tr string) string {
		if tr == "" {
			return en
		}
		return tr
	}
	n.Title = pick(n.Title, t.Title)
	n.Text = pick(n.Text, t.Text)
	n.Help = pick(n.Help, t.Help)
	n.Choices = slices.Clone(n.Choices)
	for i := range n.Choices {
		n.Choices[i].Label = pick(n.Choices[i].Label, t.Choices[n.Choices[i].ID])
	}
	n.Inputs = slices.Clone(n.Inputs)
	for i := range n.Inputs {
		n.Inputs[i].Label = pick(n.Inputs[i].Label, t.Inputs[n.Inputs[i].Name])
	}
}

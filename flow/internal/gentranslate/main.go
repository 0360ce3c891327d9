// Command gentranslate compiles the flow graph's translations (assets/flow/id) into Go
// source (flow/translate_gen.go), as gengraph does the English: the wizard never parses
// YAML at start, in any language. It refuses a translation that does not load against the
// English graph (a missing or empty text, an unknown id, a code span or placeholder
// changed), with file:line for each problem. `go generate ./flow` runs it.
package main

import (
	"fmt"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/internal/gosrc"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func main() {
	gosrc.Main("gentranslate", "translate_gen.go", func() ([]byte, error) {
		cat, err := knowledge.Load(assets.Catalogue, "catalogue")
		if err != nil {
			return nil, fmt.Errorf("the catalogue does not load:\n%w", err)
		}
		g, err := flow.Load(assets.Flow, "flow", cat)
		if err != nil {
			return nil, fmt.Errorf("the flow graph does not load:\n%w", err)
		}
		texts, err := flow.LoadTranslation(assets.Flow, "flow/id", g)
		if err != nil {
			return nil, fmt.Errorf("the Indonesian flow graph does not load:\n%w", err)
		}
		items := make([]any, len(texts))
		for i, t := range texts {
			items[i] = t
		}
		return gosrc.File("gentranslate", "assets/flow/id", "flow", "", "builtinIndonesian", "NodeText", items)
	})
}

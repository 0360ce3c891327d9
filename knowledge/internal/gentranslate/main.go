// Command gentranslate compiles the catalogue's translations (assets/catalogue/id) into Go
// source (knowledge/translate_gen.go), as gencatalogue does the English: the program never
// parses YAML at start, in any language. It refuses a translation that does not load
// against the English (a missing or empty text, an unknown id, a code span or placeholder
// changed), with file:line for each problem. `go generate ./knowledge` runs it.
package main

import (
	"fmt"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/internal/gosrc"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func main() {
	gosrc.Main("gentranslate", "translate_gen.go", func() ([]byte, error) {
		en, err := knowledge.Load(assets.Catalogue, "catalogue")
		if err != nil {
			return nil, fmt.Errorf("the English catalogue does not load:\n%w", err)
		}
		texts, err := knowledge.LoadTranslation(assets.CatalogueTree, "catalogue/id", en)
		if err != nil {
			return nil, fmt.Errorf("the Indonesian catalogue does not load:\n%w", err)
		}
		items := make([]any, len(texts))
		for i, t := range texts {
			items[i] = t
		}
		return gosrc.File("gentranslate", "assets/catalogue/id", "knowledge", "", "builtinIndonesian", "EntryText", items)
	})
}

// Command gencatalogue compiles the YAML catalogue under assets/catalogue into Go source
// (knowledge/builtin_gen.go), so the program starts without parsing YAML: the catalogue is
// parsed once, here, instead of at every start. `go generate ./knowledge` runs it; a test
// fails when the generated file no longer matches the YAML. It refuses a catalogue with a
// claim that has no source note (issue 15), so none is shipped. It lives apart from knowledge
// so the program does not carry a Go parser and printer it never uses.
package main

import (
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/internal/gosrc"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func main() {
	gosrc.Main("gencatalogue", "builtin_gen.go", func() ([]byte, error) {
		cat, err := knowledge.Load(assets.Catalogue, "catalogue")
		if err != nil {
			return nil, fmt.Errorf("the catalogue does not load:\n%w", err)
		}
		if gaps := cat.Unsourced(); len(gaps) > 0 {
			return nil, fmt.Errorf("claims without a source note (see Source notes in assets/catalogue/README.md):\n%s",
				strings.Join(gaps, "\n"))
		}
		items := make([]any, len(cat.Entries))
		for i, e := range cat.Entries {
			items[i] = *e // %#v spells every field, unexported ones (file, line) included
		}
		// The YAML line numbers only serve the load-time messages, which go generate gives
		// from the YAML: left out, a new signal shifts no line of the compiled catalogue.
		return gosrc.File("gencatalogue", "assets/catalogue", "knowledge", "", "builtinEntries", "Entry", items, "line")
	})
}

// Command gencatalogue compiles the YAML catalogue under assets/catalogue into Go source
// (knowledge/builtin_gen.go), so the program starts without parsing YAML: the catalogue is
// parsed once, here, instead of at every start. `go generate ./knowledge` runs it; a test
// fails when the generated file no longer matches the YAML.
package main

import (
	"fmt"
	"os"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func main() {
	out := "builtin_gen.go"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	cat, err := knowledge.Load(assets.Catalogue, "catalogue")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencatalogue: the catalogue does not load:\n"+err.Error())
		os.Exit(1)
	}
	src, err := knowledge.GenerateSource(cat)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencatalogue:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalogue:", err)
		os.Exit(1)
	}
}

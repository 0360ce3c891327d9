// Command gengraph compiles the flow graph under assets/flow into Go source
// (flow/builtin_gen.go), so the wizard starts without parsing YAML. `go generate ./flow`
// runs it; a test fails when the generated file no longer matches the YAML.
package main

import (
	"fmt"
	"os"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func main() {
	out := "builtin_gen.go"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	cat, err := knowledge.Load(assets.Catalogue, "catalogue")
	if err != nil {
		fail("the catalogue does not load:\n" + err.Error())
	}
	g, err := flow.Load(assets.Flow, "flow", cat)
	if err != nil {
		fail("the flow graph does not load:\n" + err.Error())
	}
	src, err := flow.GenerateSource(g)
	if err != nil {
		fail(err.Error())
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "gengraph:", msg)
	os.Exit(1)
}

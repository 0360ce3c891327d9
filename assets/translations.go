package assets

import "embed"

// CatalogueTree holds the whole catalogue folder, the translations under catalogue/<lang>/
// included (assets/catalogue/id: Bahasa Indonesia). Only go generate and the tests read it:
// the program runs on the compiled translation (knowledge/translate_gen.go).
//
//go:embed catalogue
var CatalogueTree embed.FS

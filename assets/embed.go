// Package assets holds the data the program ships with: the error catalogue (one YAML file
// per entry), the troubleshooting flow graph and sample evidence. It imports only embed so
// every other package can read it.
package assets

import "embed"

// Catalogue holds catalogue/*.yaml, one file per error entry.
//
//go:embed catalogue/*.yaml
var Catalogue embed.FS

// Flow holds flow/*.yaml, the wizard's graph.
//
//go:embed flow
var Flow embed.FS

// Samples holds samples/*, example evidence for the wizard, the README and tests.
//
//go:embed samples
var Samples embed.FS

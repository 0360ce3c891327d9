package knowledge

//go:generate go run ./internal/gencatalogue builtin_gen.go

// Builtin returns the catalogue compiled from assets/catalogue at generate time. It is
// indexed like a loaded one, but skips the YAML parse and the validation Load already did
// before gencatalogue wrote it, which would otherwise be most of a short command's start-up.
func Builtin() (*Catalogue, error) {
	entries := make([]*Entry, len(builtinEntries))
	for i := range builtinEntries {
		e := builtinEntries[i] // a copy: callers may not change the compiled data
		entries[i] = &e
	}
	return buildChecked(entries, false)
}

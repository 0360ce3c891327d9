package knowledge

// BuiltinIndonesian is the compiled translation, for the test that holds it equal to the YAML.
func BuiltinIndonesian() []EntryText { return builtinIndonesian }

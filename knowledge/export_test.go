package knowledge

// WithoutLines is e with the YAML line numbers of it and its parts zeroed: the compiled
// catalogue leaves them out (they serve only the loader's messages), so a test compares
// the YAML's entries with the compiled ones this way.
func WithoutLines(e *Entry) *Entry {
	c := *e
	c.line = 0
	c.Signals = signalsWithoutLines(e.Signals)
	c.Vocabulary = vocabularyWithoutLines(e.Vocabulary)
	c.Causes = append([]Cause(nil), e.Causes...)
	for i := range c.Causes {
		c.Causes[i].line = 0
		c.Causes[i].Signals = signalsWithoutLines(e.Causes[i].Signals)
		c.Causes[i].Vocabulary = vocabularyWithoutLines(e.Causes[i].Vocabulary)
	}
	c.Steps = append([]Step(nil), e.Steps...)
	for i := range c.Steps {
		c.Steps[i].line = 0
	}
	return &c
}

func signalsWithoutLines(ss []Signal) []Signal {
	if ss == nil {
		return nil
	}
	out := append([]Signal{}, ss...)
	for i := range out {
		out[i].line = 0
	}
	return out
}

func vocabularyWithoutLines(vs []Vocabulary) []Vocabulary {
	if vs == nil {
		return nil
	}
	out := append([]Vocabulary{}, vs...)
	for i := range out {
		out[i].line = 0
	}
	return out
}

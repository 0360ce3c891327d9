package check

// Glyph is the one mark every output draws for a status (the wizard, the CLI, the HAR
// timeline): a meaning carried by colour is carried by the mark too, so NO_COLOR and
// colour-blind users lose nothing.
func (s Status) Glyph() string {
	switch s {
	case Pass:
		return "✓"
	case Fail:
		return "✗"
	case Warn:
		return "!"
	case Skip:
		return "–"
	}
	return "?"
}

// Word is the status as one word a screen reader speaks and a log greps for.
func (s Status) Word() string {
	switch s {
	case Pass, Fail, Warn, Skip:
		return string(s)
	}
	return "unknown"
}

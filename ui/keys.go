package ui

import "charm.land/bubbles/v2/key"

// keyMap is every binding of the program, grouped by the screen that uses it. Screens turn
// bindings that do not apply off, so the help line is always true.
type keyMap struct {
	// everywhere
	Quit key.Binding
	// QuitTyping is how to quit while an input has the keyboard and q is a letter.
	QuitTyping key.Binding
	Help       key.Binding
	Back       key.Binding
	Yes        key.Binding
	No         key.Binding

	// lists and questions
	Up     key.Binding
	Down   key.Binding
	Choose key.Binding
	Number key.Binding
	Top    key.Binding
	Bottom key.Binding

	// scrolling text
	PageUp   key.Binding
	PageDown key.Binding

	// reference browser
	Filter      key.Binding
	ClearFilter key.Binding
	Related     key.Binding

	// wizard
	History key.Binding
	Paste   key.Binding

	// paste area and forms
	Submit   key.Binding
	NextItem key.Binding
	PrevItem key.Binding

	// result
	Tick     key.Binding
	Retest   key.Binding
	Report   key.Binding
	Solved   key.Binding
	NotFixed key.Binding

	// report
	Save key.Binding
	Copy key.Binding

	// settings
	Edit key.Binding
}

// DefaultKeyMap returns the bindings people expect: arrows and j/k move, enter chooses, esc
// goes back, / searches, ? shows every key, q and ctrl+c quit.
func DefaultKeyMap() keyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Quit:       b("q", "quit", "q", "ctrl+c"),
		QuitTyping: b("ctrl+c", "quit", "ctrl+c"),
		Help:       b("?", "all keys", "?"),
		Back:       b("esc", "back", "esc"),
		Yes:        b("y", "yes", "y", "Y"),
		No:         b("n", "no", "n", "N", "esc"),

		Up:     b("↑/k", "up", "up", "k"),
		Down:   b("↓/j", "down", "down", "j"),
		Choose: b("enter", "choose", "enter"),
		Number: b("1-9", "pick", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Top:    b("g", "top", "home", "g"),
		Bottom: b("G", "bottom", "end", "G"),

		PageUp:   b("pgup", "scroll up", "pgup", "ctrl+u"),
		PageDown: b("pgdn", "scroll down", "pgdown", "ctrl+d"),

		Filter:      b("/", "filter", "/"),
		ClearFilter: b("esc", "clear filter", "esc"),
		Related:     b("r", "related", "r"),

		History: b("h", "history / undo", "h"),
		Paste:   b("p", "paste evidence", "p"),

		Submit:   b("ctrl+d", "done", "ctrl+d", "ctrl+s", "alt+enter"),
		NextItem: b("tab", "next field", "tab", "down"),
		PrevItem: b("shift+tab", "previous field", "shift+tab", "up"),

		Tick:     b("space", "tick step", "space", "x"),
		Retest:   b("t", "test the fix", "t"),
		Report:   b("w", "write report", "w"),
		Solved:   b("s", "solved", "s"),
		NotFixed: b("f", "not fixed", "f"),

		Save: b("enter", "save", "enter"),
		Copy: b("c", "copy to clipboard", "c"),

		Edit: b("enter", "edit", "enter"),
	}
}

// helpKeys is one screen's bindings for the help component.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// on returns a copy of b, enabled or not; screens use it so help only lists what works now.
func on(b key.Binding, enabled bool) key.Binding {
	b.SetEnabled(enabled)
	return b
}

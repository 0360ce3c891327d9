package ui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMap holds the bindings every screen shares. A screen's own bindings are declared in
// its file by a new...Keys constructor, beside the code that matches them. The bindings are
// the only source of keys and of the help line: screens match keys with key.Matches only,
// and a label that changes with the state is a second binding that the state enables,
// so the help line always says what a key does now (keys_test.go holds all of this).
type keyMap struct {
	Global globalKeys
	Nav    navKeys
	Scroll scrollKeys
	Entry  entryKeys
	Links  linkKeys
}

// globalKeys mean the same on every screen; the root handles most of them.
type globalKeys struct {
	Quit      key.Binding
	ForceQuit key.Binding // ctrl+c: quits even while an input has the keyboard and q is a letter
	Help      key.Binding
	Back      key.Binding
	Yes       key.Binding
	No        key.Binding
}

// navKeys move through a list or a question.
type navKeys struct {
	Up     key.Binding
	Down   key.Binding
	Top    key.Binding
	Bottom key.Binding
	Choose key.Binding
	Number key.Binding    // 1-9 picks an item by its number
	digits [9]key.Binding // one per number, for number
}

// number is the item a 1-9 key picks, counted from 0.
func (n navKeys) number(k tea.KeyPressMsg) (int, bool) {
	for i, d := range n.digits {
		if key.Matches(k, d) {
			return i, true
		}
	}
	return 0, false
}

// scrollKeys page through text taller than the screen.
type scrollKeys struct {
	PageUp   key.Binding
	PageDown key.Binding
}

// entryKeys are for a text entry or a running task.
type entryKeys struct {
	Cancel key.Binding
}

// linkKeys open another screen's content from several screens.
type linkKeys struct {
	Related  key.Binding // the entry's related entries in the reference
	Settings key.Binding
}

// submitKeys finish a text entry that enter cannot (a paste is many lines): every
// binding that submits takes these keys.
var submitKeys = []string{"ctrl+d", "ctrl+s", "alt+enter"}

// bind makes a binding: the help's key and description, then the keys it takes.
func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// DefaultKeyMap returns the bindings people expect: arrows and j/k move, enter chooses, esc
// goes back, ? shows every key, q and ctrl+c quit.
func DefaultKeyMap() keyMap {
	km := keyMap{
		Global: globalKeys{
			Quit:      bind("q", "quit", "q"),
			ForceQuit: bind("ctrl+c", "quit", "ctrl+c"),
			Help:      bind("?", "all keys", "?"),
			Back:      bind("esc", "back", "esc"),
			Yes:       bind("y", "yes", "y", "Y"),
			No:        bind("n", "no", "n", "N", "esc"),
		},
		Nav: navKeys{
			Up:     bind("↑/k", "up", "up", "k"),
			Down:   bind("↓/j", "down", "down", "j"),
			Top:    bind("g", "top", "home", "g"),
			Bottom: bind("G", "bottom", "end", "G"),
			Choose: bind("enter", "choose", "enter"),
			Number: bind("1-9", "pick", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		},
		Scroll: scrollKeys{
			PageUp:   bind("pgup", "scroll up", "pgup", "ctrl+u"),
			PageDown: bind("pgdn", "scroll down", "pgdown", "ctrl+d"),
		},
		Entry: entryKeys{Cancel: bind("esc", "cancel", "esc")},
		Links: linkKeys{
			Related:  bind("r", "related", "r"),
			Settings: bind("o", "settings", "o"),
		},
	}
	for i := range km.Nav.digits {
		km.Nav.digits[i] = key.NewBinding(key.WithKeys(strconv.Itoa(i + 1)))
	}
	return km
}

// helpKeys is one screen state's bindings for the help component.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// on returns a copy of b, enabled or not; screens use it so a key works, and is offered,
// only when it does something.
func on(b key.Binding, enabled bool) key.Binding {
	b.SetEnabled(enabled)
	return b
}

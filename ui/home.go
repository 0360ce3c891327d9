package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

const screenHome screenID = "home"

// homeItem is one thing the program can do from the start screen: a registry line's menu.
type homeItem struct {
	to    screenID
	arg   any
	title string
	about string
}

// home is the start screen: what the program can do, one line each.
type home struct {
	sh     *shared
	items  []homeItem
	cursor int
}

func newHome(sh *shared) screen {
	h := home{sh: sh}
	for _, r := range registry() {
		if r.menu != nil {
			h.items = append(h.items, homeItem{to: r.id, arg: r.arg, title: r.menu.title, about: r.menu.about})
		}
	}
	return h
}

func (h home) Update(msg tea.Msg) (screen, tea.Cmd, move) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return h, nil, none
	}
	nav := h.sh.keys.Nav
	switch {
	case key.Matches(k, nav.Up):
		h.cursor = (h.cursor + len(h.items) - 1) % len(h.items)
	case key.Matches(k, nav.Down):
		h.cursor = (h.cursor + 1) % len(h.items)
	case key.Matches(k, nav.Top):
		h.cursor = 0
	case key.Matches(k, nav.Bottom):
		h.cursor = len(h.items) - 1
	case key.Matches(k, nav.Number):
		if n, ok := nav.number(k); ok && n < len(h.items) {
			h.cursor = n
			return h, nil, goTo(h.items[n].to, h.items[n].arg)
		}
	case key.Matches(k, nav.Choose):
		it := h.items[h.cursor]
		return h, nil, goTo(it.to, it.arg)
	}
	return h, nil, none
}

func (h home) SetSize(int, int) screen { return h }
func (h home) Crumb() string           { return "Home" }
func (h home) Capturing() bool         { return false }

func (h home) View() string {
	sh := h.sh
	st := sh.st
	itemsView := func(compact bool) string {
		var items strings.Builder
		for i, it := range h.items {
			num := fmt.Sprintf("%d ", i+1)
			line := num + it.title
			if i == h.cursor {
				items.WriteString(st.Cursor.Render(glyphCursor+" ") + st.Selected.Render(line) + "\n")
			} else {
				items.WriteString("  " + st.Text.Render(line) + "\n")
			}
			if !compact {
				items.WriteString(sh.wrap(st.Muted, it.about, sh.bodyW, "    ", "    ") + "\n")
				items.WriteString(strings.Repeat("\n", st.gap))
			}
		}
		return items.String()
	}
	// On a short terminal each item takes one line and only the chosen one says more.
	items, about := itemsView(false), ""
	if 3+strings.Count(items, "\n")+1+strings.Count(homeStatus(sh), "\n") > sh.bodyH {
		items = itemsView(true)
		about = "\n" + sh.wrap(st.Muted, h.items[h.cursor].about, sh.bodyW, "", "") + "\n"
	}
	var notes strings.Builder
	const maxNotes = 3
	for i, n := range sh.notes {
		if i == maxNotes {
			notes.WriteString(st.Muted.Render(fmt.Sprintf("  and %d more; see Settings", len(sh.notes)-maxNotes)) + "\n")
			break
		}
		notes.WriteString(truncate(st.Warn.Render(glyphWarn+" ")+st.Text.Render(sh.clean(n)), sh.bodyW) + "\n")
	}
	// What must show comes first; the heading's second line and the blank lines go when
	// the window is too short for them, so the target and the notes stay in it.
	parts := []struct {
		text     string
		optional bool
	}{
		{st.Title.Render("What would you like to do?") + "\n", false},
		{st.Muted.Render("Troubleshoot a \"Login with Mubarokah ID\" integration.") + "\n", true},
		{"\n", true},
		{items, false},
		{about, true},
		{"\n", true},
		{homeStatus(sh), false},
		{notes.String(), false},
	}
	total := 0
	for _, p := range parts {
		total += strings.Count(p.text, "\n")
	}
	var b strings.Builder
	for _, p := range parts {
		if p.optional && total > sh.bodyH {
			total -= strings.Count(p.text, "\n")
			continue
		}
		b.WriteString(p.text)
	}
	return b.String()
}

func (h home) ShortHelp() []key.Binding {
	n, g := h.sh.keys.Nav, h.sh.keys.Global
	return []key.Binding{n.Up, n.Down, n.Choose, n.Number, g.Quit, g.Help}
}

func (h home) FullHelp() [][]key.Binding {
	n, g := h.sh.keys.Nav, h.sh.keys.Global
	return [][]key.Binding{{n.Up, n.Down, n.Top, n.Bottom}, {n.Choose, n.Number}, {g.Help, g.Quit}}
}

// homeStatus says what the live checks would use, secrets masked, wrapped to the width.
func homeStatus(sh *shared) string {
	if sh.cfg == nil {
		return ""
	}
	return styleLines(sh.st.Muted, Wrap("Target "+sh.clean(sh.cfg.BaseURL)+glyphSep+credentialLine(sh), sh.bodyW, "", "")) + "\n"
}

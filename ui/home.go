package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// homeItem is one thing the wizard can do from the start screen.
type homeItem struct {
	to    screen
	title string
	about string
}

// home is the start screen: what the program can do, one line each.
type home struct {
	items  []homeItem
	cursor int
	status string // one line about the target and credentials, set by the root
}

func newHome() home {
	return home{items: []homeItem{
		{screenWizard, "Diagnose step by step", "answer a few questions; the wizard narrows the error down"},
		{screenPaste, "Paste an error", "an HTTP response, curl -v output, a JSON body, a callback URL or a token"},
		{screenChecks, "Run live checks", "probe the provider with your settings and read what it answers"},
		{screenBrowser, "Browse the reference", "every error, cause and fix; works offline"},
		{screenSettings, "Settings", "target URL and credentials, and where each came from"},
	}}
}

func (h home) update(sh *shared, msg tea.Msg) (home, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return h, nil
	}
	keys := sh.keys
	switch {
	case key.Matches(k, keys.Up):
		h.cursor = (h.cursor + len(h.items) - 1) % len(h.items)
	case key.Matches(k, keys.Down):
		h.cursor = (h.cursor + 1) % len(h.items)
	case key.Matches(k, keys.Top):
		h.cursor = 0
	case key.Matches(k, keys.Bottom):
		h.cursor = len(h.items) - 1
	case key.Matches(k, keys.Number):
		n := int(k.Code - '1')
		if n >= 0 && n < len(h.items) {
			h.cursor = n
			return h, navigate(sh, h.items[n].to)
		}
	case key.Matches(k, keys.Choose):
		return h, navigate(sh, h.items[h.cursor].to)
	}
	return h, nil
}

func (h home) view(sh *shared) string {
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render("What would you like to do?") + "\n")
	b.WriteString(st.Muted.Render("Troubleshoot a \"Login with Mubarokah ID\" integration.") + "\n\n")
	// On a short terminal each item takes one line and only the chosen one says more.
	compact := 3+len(h.items)*(2+st.gap)+2 > sh.bodyH
	for i, it := range h.items {
		num := fmt.Sprintf("%d ", i+1)
		line := num + it.title
		if i == h.cursor {
			b.WriteString(st.Cursor.Render(glyphCursor+" ") + st.Selected.Render(line) + "\n")
		} else {
			b.WriteString("  " + st.Text.Render(line) + "\n")
		}
		if !compact {
			b.WriteString("    " + st.Muted.Render(truncate(it.about, sh.bodyW-4)) + "\n")
			b.WriteString(strings.Repeat("\n", st.gap))
		}
	}
	if compact {
		b.WriteString("\n" + st.Muted.Render(Wrap(h.items[h.cursor].about, sh.bodyW, "", "")) + "\n")
	}
	if h.status != "" {
		b.WriteString("\n" + h.status + "\n")
	}
	const maxNotes = 3
	for i, n := range sh.notes {
		if i == maxNotes {
			b.WriteString(st.Muted.Render(fmt.Sprintf("  and %d more; see Settings", len(sh.notes)-maxNotes)) + "\n")
			break
		}
		b.WriteString(truncate(st.Warn.Render(glyphWarn+" ")+st.Text.Render(sh.clean(n)), sh.bodyW) + "\n")
	}
	return b.String()
}

func (h home) help(sh *shared) helpKeys {
	k := sh.keys
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, k.Choose, k.Number, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Choose, k.Number}, {k.Help, k.Quit}},
	}
}

// homeStatus is one line about what the live checks would use, secrets masked.
func homeStatus(sh *shared) string {
	if sh.cfg == nil {
		return ""
	}
	return sh.st.Muted.Render(truncate("Target "+sh.clean(sh.cfg.BaseURL)+glyphSep+credentialLine(sh), sh.bodyW))
}

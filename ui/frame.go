package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// View draws the frame around the screen showing; it only reads the model.
func (m Model) View() tea.View {
	var content string
	switch {
	case m.quitting:
	case m.sh.tooSmall():
		content = m.tooSmallView()
	default:
		content = m.frame()
	}
	v := tea.NewView(content)
	v.AltScreen = m.altScreen
	v.WindowTitle = "mubarokah-doctor · " + m.reg[m.line(m.cur)].title
	return v
}

func (m Model) frame() string {
	sh := m.sh
	st := sh.st
	var body string
	if m.fullHelp {
		body = st.Title.Render("Keys on this screen") + "\n\n" + m.fullHelpView() + "\n\n" +
			st.Muted.Render("Press ? or esc to close.")
	} else {
		body = m.current().View()
	}
	header := st.Brand.Render("mubarokah-doctor") + st.Crumb.Render(" › "+m.current().Crumb())
	if sh.present {
		header += st.Muted.Render("   presenter mode")
	}
	var foot string
	bodyH := sh.bodyH
	if m.confirm != nil {
		// The question is wrapped, never cut: "y starts, n stays" is what it asks. The
		// lines it needs beyond its own come from the body.
		foot = styleLines(st.Confirm, Wrap(m.confirm.prompt, sh.bodyW, glyphWarn+" ", "  "))
		bodyH = max(bodyH-strings.Count(foot, "\n"), 1)
	}
	out := strings.Join([]string{
		truncate(header, sh.bodyW), "",
		fit(body, sh.bodyW, bodyH),
		fit(foot, sh.bodyW, strings.Count(foot, "\n")+1),
		truncate(m.help.ShortHelpView(m.current().ShortHelp()), sh.bodyW),
	}, "\n")
	return pad(out, st.App)
}

// pad puts the frame's padding around content whose lines already fit. It is what
// st.App.Render would do, without measuring every line again on every frame.
func pad(content string, app lipgloss.Style) string {
	top, right, bottom, left := app.GetPadding()
	_ = right // lines are cut to the body width already; the terminal clears the rest
	var b strings.Builder
	b.Grow(len(content) + 64)
	b.WriteString(strings.Repeat("\n", top))
	indent := strings.Repeat(" ", left)
	for i, l := range strings.Split(content, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(indent)
		b.WriteString(l)
	}
	b.WriteString(strings.Repeat("\n", bottom))
	return b.String()
}

func (m Model) fullHelpView() string {
	h := m.help
	h.ShowAll = true
	return h.View(m.current())
}

// tooSmallView replaces the layout when the terminal is below the minimum: it says the
// size needed rather than drawing a broken screen. A pending question still shows.
func (m Model) tooSmallView() string {
	sh := m.sh
	w := max(sh.width-1, 1)
	msg := sh.st.Warn.Render(glyphWarn+" Terminal too small") + "\n" +
		Wrap("It is "+strconv.Itoa(sh.width)+"×"+strconv.Itoa(sh.height)+"; mubarokah-doctor needs at least "+
			strconv.Itoa(minWidth)+"×"+strconv.Itoa(minHeight)+".", w, "", "") + "\n" +
		Wrap("Make the window larger; the screen you were on comes back as it was. Until then keys do nothing, except q, which quits.", w, "", "")
	if m.confirm != nil {
		msg += "\n" + styleLines(sh.st.Confirm, Wrap(m.confirm.prompt, w, "", ""))
	}
	return fit(msg, max(sh.width, 1), max(sh.height, 1))
}

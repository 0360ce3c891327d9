package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
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
	v.WindowTitle = m.sh.t("mubarokah-doctor · ") + m.sh.t(m.reg[m.line(m.cur)].title)
	return v
}

func (m Model) frame() string {
	sh := m.sh
	st := sh.st
	var body string
	if m.fullHelp {
		body = st.Title.Render(m.sh.t("Keys on this screen")) + "\n\n" + m.fullHelpView() + "\n\n" +
			st.Muted.Render(m.sh.t("Press ? or esc to close."))
	} else {
		body = m.current().View()
	}
	header := st.Brand.Render("mubarokah-doctor") + st.Crumb.Render(" › "+m.current().Crumb())
	if sh.present {
		header += st.Muted.Render(m.sh.t("   presenter mode"))
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
		m.shortHelpView(),
	}, "\n")
	return pad(out, st.App)
}

// shortHelpView is the help line: as many of the screen's keys as fit, then an ellipsis
// when some did not. When the screen offers ?, it stays at the end, where the ellipsis
// would otherwise have swallowed it: it is the way to the keys the line has no room for.
func (m Model) shortHelpView() string {
	bindings := helpIn(m.sh.lang, m.current()).ShortHelp()
	// The line stays the same from keypress to keypress while the keys, the language, the
	// width and the theme do (m.gen counts layouts, restyles included); styling its parts
	// again was a third of a keypress, so the last line is kept.
	var k strings.Builder
	fmt.Fprintf(&k, "%s|%d|%d", m.sh.lang, m.sh.bodyW, m.gen)
	for _, b := range bindings {
		fmt.Fprintf(&k, "|%t\x00%s\x00%s", b.Enabled(), b.Help().Key, b.Help().Desc)
	}
	if m.sh.helpLine[0] == k.String() {
		return m.sh.helpLine[1]
	}
	line := m.drawShortHelp(bindings)
	m.sh.helpLine = [2]string{k.String(), line}
	return line
}

// drawShortHelp is the help line of bindings: every key that fits, then the one that opens
// the full help.
func (m Model) drawShortHelp(bindings []key.Binding) string {
	st := m.help.Styles
	sep := st.ShortSeparator.Render(m.help.ShortSeparator)
	item := func(b key.Binding) string {
		return st.ShortKey.Render(b.Help().Key) + " " + st.ShortDesc.Render(b.Help().Desc)
	}
	g := m.sh.keys.Global
	var keys []key.Binding
	var more string
	for _, b := range bindings {
		switch {
		case !b.Enabled():
		// By its key: the words are the session's language, g.Help's are English.
		case b.Help().Key == g.Help.Help().Key:
			more = item(b)
		default:
			keys = append(keys, b)
		}
	}
	// Each key is drawn once: the line that does not fit is cut from the same parts.
	parts := make([]string, 0, len(keys)+1)
	for _, b := range keys {
		parts = append(parts, item(b))
	}
	all := parts
	if more != "" {
		all = append(slices.Clip(parts), more)
	}
	if line := strings.Join(all, sep); width(line) <= m.sh.bodyW {
		return line
	}
	tail := " " + st.Ellipsis.Render(m.help.Ellipsis)
	if more != "" {
		tail += sep + more
	}
	var b strings.Builder
	used := 0
	for i, it := range parts {
		if i > 0 {
			it = sep + it
		}
		if used+width(it)+width(tail) > m.sh.bodyW {
			break
		}
		b.WriteString(it)
		used += width(it)
	}
	return truncate(b.String()+tail, m.sh.bodyW)
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

// fullHelpView lists every key of the screen, a column per group as the screen gives them.
// Columns go side by side while they fit the width and under each other when they do not:
// a key is never cut off the right edge, as a narrow screen-share would otherwise do.
func (m Model) fullHelpView() string {
	st := m.sh.st.Help
	var cols [][]string
	for _, group := range helpIn(m.sh.lang, m.current()).FullHelp() {
		keyW, descW := 0, 0
		var on []key.Binding
		for _, b := range group {
			if b.Enabled() {
				on = append(on, b)
				keyW = max(keyW, width(b.Help().Key))
				descW = max(descW, width(b.Help().Desc))
			}
		}
		if len(on) == 0 {
			continue
		}
		col := make([]string, len(on))
		for i, b := range on {
			col[i] = st.FullKey.Render(padRight(b.Help().Key, keyW)) + " " + st.FullDesc.Render(padRight(b.Help().Desc, descW))
		}
		cols = append(cols, col)
	}
	const gap = "    "
	var blocks []string
	for i := 0; i < len(cols); {
		// As many columns as fit beside each other, at least one.
		j, used := i, 0
		for j < len(cols) && (j == i || used+len(gap)+width(cols[j][0]) <= m.sh.bodyW) {
			if j > i {
				used += len(gap)
			}
			used += width(cols[j][0])
			j++
		}
		rows := 0
		for _, c := range cols[i:j] {
			rows = max(rows, len(c))
		}
		lines := make([]string, rows)
		for r := range rows {
			var parts []string
			for _, c := range cols[i:j] {
				cell := strings.Repeat(" ", width(c[0]))
				if r < len(c) {
					cell = c[r]
				}
				parts = append(parts, cell)
			}
			lines[r] = strings.TrimRight(strings.Join(parts, gap), " ")
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
		i = j
	}
	out := strings.Join(blocks, "\n\n")
	if lineCount(out) <= m.sh.bodyH-4 {
		return out
	}
	// Too tall for the window: every key and what it does, one after the other, a pair
	// never split between lines.
	var lines []string
	cur := ""
	for _, group := range helpIn(m.sh.lang, m.current()).FullHelp() {
		for _, b := range group {
			if !b.Enabled() {
				continue
			}
			pair := st.FullKey.Render(b.Help().Key) + " " + st.FullDesc.Render(b.Help().Desc)
			switch {
			case cur == "":
				cur = pair
			case width(cur)+3+width(pair) <= m.sh.bodyW:
				cur += st.FullSeparator.Render(" · ") + pair
			default:
				lines = append(lines, cur)
				cur = pair
			}
		}
	}
	return strings.Join(append(lines, cur), "\n")
}

// tooSmallView replaces the layout when the terminal is below the minimum: it says the
// size needed rather than drawing a broken screen. A pending question still shows.
func (m Model) tooSmallView() string {
	sh := m.sh
	w := max(sh.width-1, 1)
	msg := sh.st.Warn.Render(glyphWarn+m.sh.t(" Terminal too small")) + "\n" +
		Wrap(m.sh.t("It is ")+strconv.Itoa(sh.width)+"×"+strconv.Itoa(sh.height)+m.sh.t("; mubarokah-doctor needs at least ")+
			strconv.Itoa(minWidth)+"×"+strconv.Itoa(minHeight)+".", w, "", "") + "\n" +
		Wrap(m.sh.t("Make the window larger; the screen you were on comes back as it was. Until then keys do nothing, except q, which quits."), w, "", "")
	if m.confirm != nil {
		msg += "\n" + styleLines(sh.st.Confirm, Wrap(m.confirm.prompt, w, "", ""))
	}
	return fit(msg, max(sh.width, 1), max(sh.height, 1))
}

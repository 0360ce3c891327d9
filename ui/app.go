// Package ui is the terminal face of mubarokah-doctor: the Bubble Tea wizard (home, the
// step-by-step diagnosis, the paste area, live checks, the reference browser, settings, the
// result and the report) and the printers the sub-commands share. It asks package flow and
// package knowledge for every answer: it does no HTTP, parsing or matching of its own.
package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// screen is which part of the program is showing.
type screen int

const (
	screenHome screen = iota
	screenWizard
	screenPaste
	screenChecks
	screenBrowser
	screenSettings
	screenResult
	screenReport
)

func (s screen) String() string {
	return [...]string{"Home", "Diagnose", "Paste", "Live checks", "Reference", "Settings", "Result", "Report"}[s]
}

// Model is the root of the program. It routes global messages first (size, background,
// quit, help), then hands the rest to the screen that is showing.
type Model struct {
	sh     *shared
	screen screen

	home     home
	browser  browser
	settings settings

	help     help.Model
	fullHelp bool
	confirm  bool // "quit and lose this session?" is showing
	note     string
	quitting bool

	altScreen bool
}

var _ tea.Model = Model{}

// Init asks the terminal for its background so the theme can match it.
func (m Model) Init() tea.Cmd {
	return tea.RequestBackgroundColor
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sh.width, m.sh.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		m.sh.setTheme(msg.IsDark())
		m.restyle()
		return m, nil
	case navMsg:
		return m.show(msg.to)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m.route(msg)
}

// key handles the keys that mean the same everywhere, unless the screen is taking text.
func (m Model) key(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	keys := m.sh.keys
	if m.confirm {
		switch {
		case key.Matches(k, keys.Yes):
			m.quitting = true
			return m, tea.Quit
		case key.Matches(k, keys.No), k.String() == "q":
			m.confirm = false
		case k.String() == "ctrl+c":
			// A second ctrl+c is as clear an answer as y.
			m.quitting = true
			return m, tea.Quit
		}
		return m, nil
	}
	m.note = ""
	typing := m.typing()
	if k.String() == "ctrl+c" || (!typing && key.Matches(k, keys.Quit)) {
		if typing || m.dirty() {
			m.confirm = true
			return m, nil
		}
		m.quitting = true
		return m, tea.Quit
	}
	if m.fullHelp && (key.Matches(k, keys.Help) || key.Matches(k, keys.Back)) {
		m.fullHelp = false
		return m, nil
	}
	if !typing && key.Matches(k, keys.Help) {
		m.fullHelp = true
		return m, nil
	}
	return m.route(k)
}

// route hands a message to the screen that is showing.
func (m Model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenHome:
		m.home, cmd = m.home.update(m.sh, msg)
	case screenBrowser:
		m.browser, cmd = m.browser.update(m.sh, msg)
	case screenSettings:
		m.settings, cmd = m.settings.update(m.sh, msg)
	}
	return m, cmd
}

// show switches screens, preparing the one that opens.
func (m Model) show(to screen) (tea.Model, tea.Cmd) {
	m.screen = to
	m.fullHelp = false
	m.layout()
	return m, nil
}

// typing reports whether a focused input has the keyboard: then q and ? are text.
func (m Model) typing() bool {
	switch m.screen {
	case screenBrowser:
		return m.browser.typing()
	case screenSettings:
		return m.settings.typing()
	}
	return false
}

// dirty reports whether quitting would throw away work: answers, evidence, ticks.
func (m Model) dirty() bool {
	return false
}

// layout computes the body size from the terminal size and passes it down.
func (m *Model) layout() {
	sh := m.sh
	padH, padV := sh.st.App.GetHorizontalPadding(), sh.st.App.GetVerticalPadding()
	// header line + blank, note line, help line
	sh.bodyW = max(sh.width-padH, 1)
	sh.bodyH = max(sh.height-padV-4, 1)
	m.help.SetWidth(sh.bodyW)
	m.browser.layout(sh)
	m.settings.layout(sh)
}

// restyle applies a new theme to every component that keeps its own styles.
func (m *Model) restyle() {
	m.help.Styles = m.sh.st.Help
	m.browser.filter.SetStyles(inputStyles(m.sh))
	m.settings.restyle(m.sh)
	m.layout()
}

func (m Model) View() tea.View {
	var content string
	if m.sh.tooSmall() {
		content = m.tooSmallView()
	} else {
		content = m.frame()
	}
	if m.quitting {
		content = ""
	}
	v := tea.NewView(content)
	v.AltScreen = m.altScreen
	v.WindowTitle = "mubarokah-doctor · " + m.screen.String()
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
		body = m.bodyView()
	}
	header := st.Brand.Render("mubarokah-doctor") + st.Crumb.Render(" › "+m.crumb())
	if sh.present {
		header += st.Muted.Render("   presenter mode")
	}
	var foot string
	switch {
	case m.confirm:
		foot = st.Confirm.Render(glyphWarn + " Quit and lose this session? y to quit, n to stay")
	case m.note != "":
		foot = st.Note.Render(m.note)
	}
	helpLine := m.help.ShortHelpView(m.keysNow().ShortHelp())
	out := strings.Join([]string{
		truncate(header, sh.bodyW), "",
		fit(body, sh.bodyW, sh.bodyH),
		truncate(foot, sh.bodyW),
		truncate(helpLine, sh.bodyW),
	}, "\n")
	return st.App.Render(out)
}

func (m Model) fullHelpView() string {
	h := m.help
	h.ShowAll = true
	return h.View(m.keysNow())
}

func (m Model) bodyView() string {
	switch m.screen {
	case screenHome:
		return m.home.view(m.sh)
	case screenBrowser:
		return m.browser.view(m.sh)
	case screenSettings:
		return m.settings.view(m.sh)
	}
	return ""
}

func (m Model) keysNow() helpKeys {
	var h helpKeys
	switch m.screen {
	case screenHome:
		h = m.home.help(m.sh)
	case screenBrowser:
		h = m.browser.help(m.sh)
	case screenSettings:
		h = m.settings.help(m.sh)
	}
	return h
}

func (m Model) crumb() string {
	switch m.screen {
	case screenBrowser:
		return m.browser.crumb()
	}
	return m.screen.String()
}

func (m Model) tooSmallView() string {
	sh := m.sh
	msg := sh.st.Warn.Render(glyphWarn+" Terminal too small") + "\n" +
		"It is " + strconv.Itoa(sh.width) + "×" + strconv.Itoa(sh.height) + "; mubarokah-doctor needs at least " +
		strconv.Itoa(minWidth) + "×" + strconv.Itoa(minHeight) + ".\nMake the window larger, or press q to quit."
	w := max(sh.width, 1)
	return lipgloss.NewStyle().Width(w).MaxHeight(max(sh.height, 1)).Render(msg)
}

// Package ui is the terminal face of mubarokah-doctor: the Bubble Tea wizard (home, the
// step-by-step diagnosis, the paste area, live checks, the reference browser, settings, the
// result and the report) and the printers the sub-commands share. It asks package flow and
// package knowledge for every answer: it does no HTTP, parsing or matching of its own.
package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
)

// screen is which part of the program is showing.
type screen int

const (
	screenHome screen = iota
	screenWizard
	screenPaste // a fresh wizard session that starts by reading a paste
	screenChecks
	screenBrowser
	screenSettings
	screenReport
)

func (s screen) String() string {
	return [...]string{"Home", "Diagnose", "Paste", "Live checks", "Reference", "Settings", "Report"}[s]
}

// confirmation is a yes/no question on the bottom line: quitting, or replacing a session.
type confirmation struct {
	prompt string
	yes    func(Model) (Model, tea.Cmd)
}

// Model is the root of the program. It routes global messages first (size, background,
// quit, help), then hands the rest to the screen that is showing.
type Model struct {
	sh     *shared
	screen screen
	prev   screen // where esc on the browser, settings or report returns to

	home     home
	wizard   wizard
	checks   checks
	browser  browser
	settings settings
	report   report

	help     help.Model
	fullHelp bool
	confirm  *confirmation
	quitting bool
	// kept is the session as last saved or copied in a report: quitting then loses nothing.
	kept string

	altScreen bool
}

var _ tea.Model = Model{}

// Init asks the terminal for its background so the theme can match it.
func (m Model) Init() tea.Cmd {
	return tea.RequestBackgroundColor
}

// Update handles a message, then whatever the screens posted while handling it (moving to
// another screen, opening an entry), so a move takes effect before the next key is read.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	nm, cmd := m.update(msg)
	for len(nm.sh.posted) > 0 {
		p := nm.sh.posted[0]
		nm.sh.posted = nm.sh.posted[1:]
		var more tea.Cmd
		nm, more = nm.update(p)
		cmd = tea.Batch(cmd, more)
	}
	return nm, cmd
}

// update routes global messages first, then the rest to the screen showing; results of
// live checks go to their owner whichever screen is up, so none is lost or misapplied.
func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
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
		if msg.back {
			return m.show(m.prev)
		}
		return m.show(msg.to)
	case openEntryMsg:
		m.browser.show(m.sh, msg.code)
		m.browser.detail = true
		m.browser.layout(m.sh)
		return m.show(screenBrowser)
	case diagnoseMsg:
		return m.diagnose(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	case secretsMsg:
		m.sh.secrets.Add(msg.values...)
		return m, nil
	case probeDoneMsg, pasteReadMsg:
		var cmd tea.Cmd
		m.wizard, cmd = m.wizard.update(m.sh, msg)
		return m, cmd
	case checksDoneMsg:
		var cmd tea.Cmd
		m.checks, cmd = m.checks.update(m.sh, msg)
		return m, cmd
	case savedMsg:
		var cmd tea.Cmd
		m.report, cmd = m.report.update(m.sh, msg)
		if msg.err == nil {
			m.kept = sessionKey(m.wizard.state)
		}
		return m, cmd
	case copiedMsg:
		m.kept = sessionKey(m.wizard.state)
		return m, nil
	}
	return m.route(msg)
}

// key handles the keys that mean the same everywhere, unless the screen is taking text.
func (m Model) key(k tea.KeyPressMsg) (Model, tea.Cmd) {
	keys := m.sh.keys
	if m.confirm != nil {
		c := m.confirm
		switch {
		case key.Matches(k, keys.Yes):
			m.confirm = nil
			return c.yes(m)
		case key.Matches(k, keys.No):
			m.confirm = nil
		case k.String() == "ctrl+c":
			// A second ctrl+c is as clear an answer as y.
			m.quitting = true
			return m, tea.Quit
		}
		return m, nil
	}
	typing := m.typing()
	if k.String() == "ctrl+c" || (!typing && key.Matches(k, keys.Quit)) {
		if typing || m.dirty() {
			m.confirm = &confirmation{
				prompt: "Quit and lose this session? y quits, n stays",
				yes: func(m Model) (Model, tea.Cmd) {
					m.quitting = true
					return m, tea.Quit
				},
			}
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
	if m.screen == screenWizard && !typing && key.Matches(k, keys.Report) {
		return m.openReport()
	}
	return m.route(k)
}

// route hands a message to the screen that is showing.
func (m Model) route(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenHome:
		m.home, cmd = m.home.update(m.sh, msg)
	case screenWizard:
		m.wizard, cmd = m.wizard.update(m.sh, msg)
	case screenChecks:
		m.checks, cmd = m.checks.update(m.sh, msg)
	case screenBrowser:
		m.browser, cmd = m.browser.update(m.sh, msg)
	case screenSettings:
		m.settings, cmd = m.settings.update(m.sh, msg)
	case screenReport:
		m.report, cmd = m.report.update(m.sh, msg)
	}
	return m, cmd
}

// show switches screens, preparing the one that opens.
func (m Model) show(to screen) (Model, tea.Cmd) {
	m.fullHelp = false
	var cmd tea.Cmd
	switch to {
	case screenBrowser, screenSettings, screenReport:
		if m.screen != to && m.screen != screenBrowser && m.screen != screenSettings && m.screen != screenReport {
			m.prev = m.screen
		}
	case screenWizard:
		cmd = m.beginSteps()
	case screenPaste:
		if m.wizard.started() {
			m.confirm = &confirmation{
				prompt: "Start a new session from a paste? The current one is replaced. y starts, n stays",
				yes: func(m Model) (Model, tea.Cmd) {
					m.screen = screenWizard
					cmd := m.wizard.restart(m.sh)
					return m, cmd
				},
			}
			return m, nil
		}
		to = screenWizard
		cmd = m.wizard.restart(m.sh)
	}
	m.screen = to
	m.layout()
	return m, cmd
}

// beginSteps starts "diagnose step by step": a walk that has not begun passes the opening
// paste, since the person chose to answer questions; a walk under way is resumed.
func (m *Model) beginSteps() tea.Cmd {
	w := &m.wizard
	if w.g == nil || w.started() {
		return nil
	}
	if n := w.node(); n != nil && n.Kind == flow.KindPaste {
		return w.next(m.sh, flow.Skip("answering questions instead"))
	}
	return nil
}

// diagnose starts a session from a live check's evidence, asking first if one is under way.
func (m Model) diagnose(msg diagnoseMsg) (Model, tea.Cmd) {
	start := func(m Model) (Model, tea.Cmd) {
		w := &m.wizard
		cmd := w.restart(m.sh)
		w.fromProbe = msg.from
		if n := w.node(); n != nil && n.Kind == flow.KindPaste {
			cmd = w.next(m.sh, flow.Paste(msg.obs))
			w.setFlash(m.sh, strings.TrimPrefix(w.flash+"; started from the live check "+msg.from, "; "))
		}
		m.screen = screenWizard
		m.layout()
		return m, cmd
	}
	if m.wizard.g == nil {
		return m, nil
	}
	if m.wizard.started() {
		m.confirm = &confirmation{prompt: "Diagnose this check in a new session? The current one is replaced. y starts, n stays", yes: start}
		return m, nil
	}
	return start(m)
}

func (m Model) openReport() (Model, tea.Cmd) {
	if m.wizard.g == nil {
		return m, nil
	}
	m.report.open(m.sh, reportMarkdown(m.sh, m.wizard.g, m.wizard.state))
	return m.show(screenReport)
}

// typing reports whether a focused input has the keyboard: then q and ? are text.
func (m Model) typing() bool {
	switch m.screen {
	case screenWizard:
		return m.wizard.typing()
	case screenBrowser:
		return m.browser.typing()
	case screenSettings:
		return m.settings.typing()
	case screenReport:
		return m.report.typing()
	}
	return false
}

// dirty reports whether quitting would throw away work: answers, evidence, ticks not yet
// kept in a saved or copied report.
func (m Model) dirty() bool {
	return m.wizard.started() && sessionKey(m.wizard.state) != m.kept
}

// sessionKey changes whenever the session does: a step taken or undone, a tick.
func sessionKey(s flow.State) string {
	return fmt.Sprintf("%d/%s/%s/%v", len(s.Steps), s.Node, s.Status, s.Ticked)
}

// layout computes the body size from the terminal size and passes it down.
func (m *Model) layout() {
	sh := m.sh
	padH, padV := sh.st.App.GetHorizontalPadding(), sh.st.App.GetVerticalPadding()
	// header line and a blank line above the body; the note line and help line below it
	sh.bodyW = max(sh.width-padH, 1)
	sh.bodyH = max(sh.height-padV-4, 1)
	m.help.SetWidth(sh.bodyW)
	if m.screen == screenBrowser {
		// The browser renders its entry when it lays out; nobody needs that before it shows.
		m.browser.layout(sh)
	}
	m.settings.layout(sh)
	m.wizard.layout(sh)
	m.report.layout(sh)
	m.home.status = homeStatus(sh)
}

// restyle applies a new theme to every component that keeps its own styles.
func (m *Model) restyle() {
	sh := m.sh
	m.help.Styles = sh.st.Help
	m.browser.filter.SetStyles(inputStyles(sh))
	m.browser.shown = ""
	m.browser.cache.reset("")
	m.settings.restyle(sh)
	m.report.name.SetStyles(inputStyles(sh))
	m.wizard.restyle(sh)
	m.layout()
}

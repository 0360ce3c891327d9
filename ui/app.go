// Package ui is the terminal face of mubarokah-doctor: the Bubble Tea wizard (home, the
// step-by-step diagnosis, the paste area, live checks, the reference browser, settings, the
// result and the report) and the printers the sub-commands share. It asks package flow and
// package knowledge for every answer: it does no HTTP, parsing or matching of its own.
package ui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// confirmation is a yes/no question on the bottom line: quitting, or replacing a session.
type confirmation struct {
	prompt string
	yes    move // made on y
	quit   bool // y quits
}

// Model is the root of the program. It owns navigation and nothing else: the screens of
// the registry, which one shows, help, confirmations and quitting. It handles the
// messages that concern every screen (size, background, quit, help) and hands the rest on.
type Model struct {
	sh      *shared
	reg     []registration
	screens []screen // by registry line; nil on a line that only adds a menu item
	sized   []int    // the layout generation each screen was last sized for
	gen     int      // bumped by every resize and theme change

	cur, prev screenID // prev: the screen an overlay returns to

	help     help.Model
	fullHelp bool
	confirm  *confirmation
	quitting bool

	altScreen bool
}

var _ tea.Model = Model{}

// Init asks the terminal for its background so the theme can match it.
func (m Model) Init() tea.Cmd {
	return tea.RequestBackgroundColor
}

// line is the registry line that makes screen id.
func (m Model) line(id screenID) int {
	return slices.IndexFunc(m.reg, func(r registration) bool { return r.id == id && r.new != nil })
}

// current is the screen showing.
func (m Model) current() screen { return m.screens[m.line(m.cur)] }

// with stores a screen's new value without touching another copy of the Model.
func (m Model) with(i int, s screen) Model {
	m.screens = slices.Clone(m.screens)
	m.screens[i] = s
	return m
}

// Update handles a message. Whatever it makes a screen do, moving included, is done
// before it returns: nothing waits in a queue for a later message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sh.width, m.sh.height = msg.Width, msg.Height
		return m.layout(), nil
	case tea.BackgroundColorMsg:
		m.sh.setTheme(msg.IsDark())
		return m.restyle(), nil
	case secretsMsg:
		m.sh.secrets.Add(msg.values...)
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg, tea.PasteStartMsg, tea.PasteEndMsg, tea.KeyReleaseMsg:
		if m.sh.tooSmall() {
			return m, nil // the screen it would land on cannot be seen
		}
		return m.toCurrent(msg)
	}
	// Everything else (answers of live checks and paste reads, spinner ticks, a saved
	// report) goes to every screen; each takes what is its own.
	var cmds []tea.Cmd
	var mv move
	for i, s := range m.screens {
		if s == nil {
			continue
		}
		ns, cmd, smv := s.Update(msg)
		m = m.with(i, ns)
		cmds = append(cmds, cmd)
		if m.reg[i].id == m.cur {
			mv = smv // only the screen showing may move the person
		}
	}
	m, cmd := m.follow(mv)
	return m, tea.Batch(append(cmds, cmd)...)
}

// toCurrent hands a message to the screen showing and makes the move it asks for.
func (m Model) toCurrent(msg tea.Msg) (Model, tea.Cmd) {
	i := m.line(m.cur)
	ns, cmd, mv := m.screens[i].Update(msg)
	m = m.with(i, ns)
	m, more := m.follow(mv)
	return m, tea.Batch(cmd, more)
}

// key handles the keys that mean the same everywhere, unless the screen is taking text.
func (m Model) key(k tea.KeyPressMsg) (Model, tea.Cmd) {
	g := m.sh.keys.Global
	if c := m.confirm; c != nil {
		switch {
		case key.Matches(k, g.Yes):
			m.confirm = nil
			if c.quit {
				m.quitting = true
				return m, tea.Quit
			}
			c.yes.sure = true
			return m.follow(c.yes)
		case key.Matches(k, g.No):
			m.confirm = nil
		case key.Matches(k, g.ForceQuit):
			// A second ctrl+c is as clear an answer as y.
			m.quitting = true
			return m, tea.Quit
		}
		return m, nil
	}
	capturing := m.current().Capturing()
	small := m.sh.tooSmall()
	if small && !key.Matches(k, g.ForceQuit, g.Quit) {
		// Only quitting works on the too-small screen: any other key would act on a
		// screen the person cannot see (answer a question, tick a step, type).
		return m, nil
	}
	if key.Matches(k, g.ForceQuit) || ((small || !capturing) && key.Matches(k, g.Quit)) {
		if capturing || m.unsaved() {
			m.confirm = &confirmation{prompt: "Quit and lose this session? y quits, n stays", quit: true}
			return m, nil
		}
		m.quitting = true
		return m, tea.Quit
	}
	if m.fullHelp && (key.Matches(k, g.Help) || key.Matches(k, g.Back)) {
		m.fullHelp = false
		return m, nil
	}
	if !capturing && key.Matches(k, g.Help) {
		m.fullHelp = true
		return m, nil
	}
	return m.toCurrent(k)
}

// unsaved reports whether quitting would throw work away.
func (m Model) unsaved() bool {
	for _, s := range m.screens {
		if k, ok := s.(keeper); ok && k.Unsaved() {
			return true
		}
	}
	return false
}

// follow makes a move: back from an overlay to where it was opened (home from anywhere
// else), or to another screen, asking first when that screen would replace work.
func (m Model) follow(mv move) (Model, tea.Cmd) {
	switch {
	case mv.back:
		to := screenHome
		if m.reg[m.line(m.cur)].overlay {
			to = m.prev
		}
		return m.show(to), nil
	case mv.to == "":
		return m, nil
	}
	i := m.line(mv.to)
	op, isOpener := m.screens[i].(opener)
	if isOpener && !mv.sure {
		if q := op.Ask(mv.arg); q != "" {
			m.confirm = &confirmation{prompt: q, yes: mv}
			return m, nil
		}
	}
	if m.reg[i].overlay && !m.reg[m.line(m.cur)].overlay {
		m.prev = m.cur
	}
	m = m.show(mv.to)
	if !isOpener {
		return m, nil
	}
	ns, cmd := m.screens[i].(opener).Open(mv.arg)
	return m.with(i, ns), cmd
}

// show puts screen id up, laid out for the present size.
func (m Model) show(id screenID) Model {
	m.cur, m.fullHelp = id, false
	return m.fit(m.line(id))
}

// fit lays screen i out if the size or theme changed since it last was. Only the screen
// showing is laid out at once: the reference renders an entry to lay out, which nobody
// needs before it shows.
func (m Model) fit(i int) Model {
	if m.sized[i] == m.gen {
		return m
	}
	m.sized = slices.Clone(m.sized)
	m.sized[i] = m.gen
	return m.with(i, m.screens[i].SetSize(m.sh.bodyW, m.sh.bodyH))
}

// layout computes the body size from the terminal size and lays out the screen showing.
func (m Model) layout() Model {
	sh := m.sh
	padH, padV := sh.st.App.GetHorizontalPadding(), sh.st.App.GetVerticalPadding()
	// header line and a blank line above the body; the note line and help line below it
	sh.bodyW = max(sh.width-padH, 1)
	sh.bodyH = max(sh.height-padV-4, 1)
	m.help.SetWidth(sh.bodyW)
	m.gen++
	return m.fit(m.line(m.cur))
}

// restyle applies a new theme to every screen that keeps styles of its own.
func (m Model) restyle() Model {
	m.help.Styles = m.sh.st.Help
	for i, s := range m.screens {
		if r, ok := s.(restyler); ok {
			m = m.with(i, r.Restyle())
		}
	}
	return m.layout()
}

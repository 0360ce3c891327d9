package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// checks runs every live check against the configured target at once and lists what each
// found; a failed one can be taken into the wizard as evidence. Checks that spend a code or
// a refresh token run only after the person says yes on this screen.
type checks struct {
	results []probe.Result // nil before the first run
	running bool
	seq     int
	cancel  context.CancelFunc
	spin    spinner.Model

	cursor  int
	offset  int
	consent map[string]bool
}

// checksDoneMsg carries the results of one run of every check.
type checksDoneMsg struct {
	seq     int
	results []probe.Result
}

// diagnoseMsg asks the root to start a wizard session from a live check's evidence.
type diagnoseMsg struct {
	from string
	obs  knowledge.Observation
}

func newChecks() checks { return checks{consent: map[string]bool{}} }

func (c *checks) stop() {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	c.running = false
}

func (c *checks) run(sh *shared) tea.Cmd {
	c.stop()
	sh.runSeq++
	ctx, cancel := context.WithCancel(context.Background())
	c.running, c.cancel, c.seq = true, cancel, sh.runSeq
	c.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(sh.st.Cursor))
	cfg := *sh.cfg
	cfg.ExchangeCode = c.consent[probe.IDCodeExchange]
	cfg.Refresh = c.consent[probe.IDRefresh]
	prober, seq, cat := sh.prober, c.seq, sh.cat
	return tea.Batch(c.spin.Tick, func() tea.Msg {
		defer cancel()
		rs := prober.RunAll(ctx, cfg, probe.IDs())
		for i := range rs {
			rs[i].Diagnose(cat)
		}
		return checksDoneMsg{seq: seq, results: rs}
	})
}

func (c checks) selected() (probe.Info, *probe.Result) {
	all := probe.All()
	if c.cursor < 0 || c.cursor >= len(all) {
		return probe.Info{}, nil
	}
	info := all[c.cursor]
	for i := range c.results {
		if c.results[i].ID == info.ID {
			return info, &c.results[i]
		}
	}
	return info, nil
}

func (c checks) update(sh *shared, msg tea.Msg) (checks, tea.Cmd) {
	switch msg := msg.(type) {
	case checksDoneMsg:
		if !c.running || msg.seq != c.seq {
			return c, nil
		}
		c.running, c.cancel = false, nil
		c.results = msg.results
		return c, nil
	case spinner.TickMsg:
		if c.running && msg.ID == c.spin.ID() {
			var cmd tea.Cmd
			c.spin, cmd = c.spin.Update(msg)
			return c, cmd
		}
		return c, nil
	case tea.KeyPressMsg:
		keys := sh.keys
		if c.running {
			if key.Matches(msg, keys.Back) {
				c.stop()
			}
			return c, nil
		}
		n := len(probe.All())
		switch {
		case key.Matches(msg, keys.Back):
			return c, navigateBack(sh)
		case key.Matches(msg, keys.Up):
			c.cursor = max(c.cursor-1, 0)
		case key.Matches(msg, keys.Down):
			c.cursor = min(c.cursor+1, n-1)
		case msg.String() == "r":
			cmd := c.run(sh)
			return c, cmd
		case key.Matches(msg, keys.Yes):
			if info, _ := c.selected(); info.Spends {
				c.consent[info.ID] = !c.consent[info.ID]
			}
		case msg.String() == "o":
			return c, navigate(sh, screenSettings)
		case key.Matches(msg, keys.Choose):
			if c.results == nil {
				cmd := c.run(sh)
				return c, cmd
			}
			if _, r := c.selected(); r != nil && (r.Status == probe.Fail || r.Status == probe.Warn) && !r.Obs.Empty() {
				obs := r.Obs
				from := r.ID
				sh.post(diagnoseMsg{from: from, obs: obs})
				return c, nil
			}
		}
		c.offset = listWindow(c.offset, c.cursor, n, c.rows(sh))
	}
	return c, nil
}

func (c checks) rows(sh *shared) int { return max((sh.bodyH-6)/(1+sh.st.gap), 1) }

func (c checks) view(sh *shared) string {
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render("Live checks") + st.Muted.Render("  against "+sh.clean(sh.cfg.BaseURL)) + "\n")
	b.WriteString(st.Muted.Render(credentialLine(sh)) + "\n\n")
	all := probe.All()
	nameW := 0
	for _, info := range all {
		nameW = max(nameW, len(info.ID))
	}
	// The panel under the list and the counts are built first: the list gives up rows so
	// they are never cut off at the bottom of a small window.
	var t strings.Builder
	t.WriteString("\n")
	if info, r := c.selected(); r != nil && !c.running {
		// The row is cut to fit; the check under the cursor is told in full here.
		t.WriteString(st.Subtitle.Render(info.Name) + "\n")
		t.WriteString(Wrap(sh.clean(r.Summary), sh.textW(), "  ", "  ") + "\n")
		for i, d := range r.Details {
			if i == 3 {
				break
			}
			t.WriteString(st.Muted.Render(Wrap(sh.clean(d), sh.textW(), "  "+glyphBullet+" ", "    ")) + "\n")
		}
		if d := r.Diagnosis; d != nil {
			line := "→ " + d.Code
			if top := d.TopCause(); top != "" {
				line += ", most likely " + top
				if d.Undetermined {
					line = "→ " + d.Code + " (cause not told apart: " + strings.Join(d.Causes, ", ") + ")"
				}
			}
			t.WriteString(st.Code.Render(Wrap(line, sh.textW(), "  ", "    ")) + "\n")
		}
		t.WriteString("\n")
	}
	switch {
	case c.running:
		t.WriteString(c.spin.View() + " Running the live checks… " + st.Muted.Render("(esc cancels)") + "\n")
	case c.results == nil:
		t.WriteString(st.Text.Render("enter runs every check that can run; the others say why not") + "\n")
	default:
		pass, fail := 0, 0
		for _, r := range c.results {
			switch r.Status {
			case probe.Pass:
				pass++
			case probe.Fail:
				fail++
			}
		}
		t.WriteString(st.Text.Render(fmt.Sprintf("%d passed, %d failed", pass, fail)) +
			st.Muted.Render(" · enter on a failed check diagnoses it · r runs them again") + "\n")
	}
	rows := c.rows(sh)
	if fit := (sh.bodyH - 3 - strings.Count(t.String(), "\n")) / (1 + st.gap); fit < rows {
		rows = max(fit, 1)
	}
	offset := listWindow(c.offset, c.cursor, len(all), rows)
	for i := offset; i < len(all) && i < offset+rows; i++ {
		info := all[i]
		var status, about string
		r := c.resultFor(info.ID)
		// Whether it could run if the person said yes: only then is the yes worth asking.
		ok, why := probe.Runnable(probeConfig(sh, info.ID, true), info.ID)
		switch {
		case c.running:
			status, about = st.Muted.Render(glyphRunning+" wait"), info.Name
		case r != nil:
			status, about = st.status(r.Status), r.Summary
			if r.Diagnosis != nil {
				about = r.Diagnosis.Code + ": " + about
			}
		case !ok:
			status, about = st.status(probe.Skip), why
		case info.Spends && !c.consent[info.ID]:
			status, about = st.status(probe.Skip), "spends something: press y here to allow it"
		default:
			status, about = st.Muted.Render("  ready"), info.Name
		}
		line := padRight(info.ID, nameW) + "  " + padRight(status, 7) + "  " + sh.clean(about)
		b.WriteString(cursorLine(sh, line, i == c.cursor, sh.bodyW) + "\n")
		b.WriteString(strings.Repeat("\n", st.gap))
	}
	b.WriteString(t.String())
	return b.String()
}

func (c checks) resultFor(id string) *probe.Result {
	for i := range c.results {
		if c.results[i].ID == id {
			return &c.results[i]
		}
	}
	return nil
}

// credentialLine says what credentials the checks will use, masked the way the screen
// must: presenter mode shows no prefix at all.
func credentialLine(sh *shared) string {
	cfg := sh.cfg
	id := "client id not set"
	if cfg.ClientID != "" {
		id = "client id " + sh.clean(cfg.ClientID)
	}
	secret := "no secret"
	if cfg.ClientSecret != "" {
		secret = "secret " + maskFor(sh, cfg.ClientSecret)
	}
	token := "no access token"
	if cfg.AccessToken != "" {
		token = "access token " + maskFor(sh, cfg.AccessToken)
	}
	return strings.Join([]string{id, secret, token}, glyphSep)
}

func (c checks) help(sh *shared) helpKeys {
	k := sh.keys
	if c.running {
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
		return helpKeys{short: []key.Binding{cancel, k.Quit}, full: [][]key.Binding{{cancel, k.Quit}}}
	}
	info, r := c.selected()
	run := key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "run all"))
	diag := k.Choose
	diag.SetHelp("enter", "diagnose")
	diag.SetEnabled(r != nil && (r.Status == probe.Fail || r.Status == probe.Warn))
	if c.results == nil {
		diag.SetHelp("enter", "run all")
		diag.SetEnabled(true)
	}
	allow := k.Yes
	allow.SetHelp("y", "allow/deny")
	allow.SetEnabled(info.Spends)
	set := key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "settings"))
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, diag, run, allow, set, k.Back, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down}, {diag, run, allow, set}, {k.Back, k.Help, k.Quit}},
	}
}

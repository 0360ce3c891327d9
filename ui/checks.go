package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// checks runs every live check against the configured target at once and lists what each
// found; a failed one can be taken into the wizard as evidence. Checks that spend a code or
// a refresh token run only after the person says yes on this screen.
const screenChecks screenID = "checks"

type checks struct {
	sh   *shared
	keys checksKeys
	// results are nil before the first run. The probes write them in English, the language
	// their sentences are known by, and the screen says them in the session's language as
	// it draws (sh.probeText): a language switched in Settings redraws them as they are,
	// and nothing is sent again to translate them.
	results []probe.Result
	running bool
	seq     int
	cancel  context.CancelFunc
	spin    spinner.Model

	cursor  int
	offset  int
	consent map[string]bool
	// partial are the results of the run under way, by probe id, as each comes in; rows
	// come from the channel one message at a time.
	partial map[string]probe.Result
	stream  <-chan tea.Msg
}

// checkRowMsg is one check's result, while the others still run.
type checkRowMsg struct {
	seq    int
	result probe.Result
}

// streamer is a prober that reports each result as it comes (the real one does).
type streamer interface {
	RunAllEach(ctx context.Context, cfg config.Config, ids []string, each func(probe.Result)) []probe.Result
}

// nextRow waits for the next message of a run.
func nextRow(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		if m, ok := <-ch; ok {
			return m
		}
		return nil
	}
}

// checksDoneMsg carries the results of one run of every check.
type checksDoneMsg struct {
	seq     int
	results []probe.Result
}

func newChecks(sh *shared) screen {
	return checks{sh: sh, keys: newChecksKeys(), consent: map[string]bool{}}
}

func (c checks) SetSize(int, int) screen {
	c.offset = listWindow(c.offset, c.cursor, len(probe.All()), c.rows(c.sh))
	return c
}

func (c checks) Crumb() string   { return c.sh.t("Live checks") }
func (c checks) Capturing() bool { return false }

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
	cfg := *sh.cfg // read afresh: a setting changed since the last run applies
	cfg.Lang = lang.English
	for id, yes := range c.consent {
		if yes {
			cfg = cfg.Allowing(id)
		}
	}
	prober, seq, cat := sh.prober, c.seq, sh.cat
	c.partial = map[string]probe.Result{}
	if s, ok := prober.(streamer); ok {
		// Room for every message: the run never blocks on a screen that stopped reading.
		ch := make(chan tea.Msg, len(probe.IDs())+1)
		c.stream = ch
		start := func() tea.Msg {
			go func() {
				defer close(ch)
				defer cancel()
				rs := s.RunAllEach(ctx, cfg, probe.IDs(), func(r probe.Result) {
					r.Diagnose(cat)
					ch <- checkRowMsg{seq: seq, result: r}
				})
				for i := range rs {
					rs[i].Diagnose(cat)
				}
				ch <- checksDoneMsg{seq: seq, results: rs}
			}()
			return <-ch
		}
		return tea.Batch(c.spin.Tick, start)
	}
	return tea.Batch(c.spin.Tick, func() tea.Msg {
		defer cancel()
		rs := prober.RunAll(ctx, cfg, probe.IDs())
		for i := range rs {
			rs[i].Diagnose(cat)
		}
		return checksDoneMsg{seq: seq, results: rs}
	})
}

func (c checks) selected() (probe.Probe, *probe.Result) {
	all := probe.All()
	if c.cursor < 0 || c.cursor >= len(all) {
		return probe.Probe{}, nil
	}
	info := all[c.cursor]
	for i := range c.results {
		if c.results[i].ID == info.ID {
			return info, &c.results[i]
		}
	}
	return info, nil
}

func (c checks) Update(msg tea.Msg) (screen, tea.Cmd, move) {
	sh := c.sh
	switch msg := msg.(type) {
	case checkRowMsg:
		if !c.running || msg.seq != c.seq {
			return c, nil, none
		}
		c.partial[msg.result.ID] = msg.result
		return c, nextRow(c.stream), none
	case checksDoneMsg:
		if !c.running || msg.seq != c.seq {
			return c, nil, none
		}
		c.running, c.cancel = false, nil
		c.results = msg.results
		return c, nil, none
	case spinner.TickMsg:
		if c.running && msg.ID == c.spin.ID() {
			var cmd tea.Cmd
			c.spin, cmd = c.spin.Update(msg)
			return c, cmd, none
		}
		return c, nil, none
	case tea.KeyPressMsg:
		if c.running {
			if key.Matches(msg, sh.keys.Entry.Cancel) {
				c.stop()
			}
			return c, nil, none
		}
		nav, ck := sh.keys.Nav, c.active()
		n := len(probe.All())
		switch {
		case key.Matches(msg, sh.keys.Global.Back):
			return c, nil, goBack()
		case key.Matches(msg, nav.Up):
			c.cursor = max(c.cursor-1, 0)
		case key.Matches(msg, nav.Down):
			c.cursor = min(c.cursor+1, n-1)
		case key.Matches(msg, ck.RunAll, ck.Start):
			cmd := c.run(sh)
			return c, cmd, none
		case key.Matches(msg, ck.Allow):
			info, _ := c.selected()
			c.consent[info.ID] = !c.consent[info.ID]
		case key.Matches(msg, sh.keys.Links.Settings):
			return c, nil, goTo(screenSettings, nil)
		case key.Matches(msg, ck.Diagnose):
			_, r := c.selected()
			// The walk keeps what it is given, for its screens and the report: it gets the
			// results in the language it speaks.
			return c, nil, goTo(screenWizard, fromProbe{id: r.ID, results: sh.probeResults(c.results)})
		}
		c.offset = listWindow(c.offset, c.cursor, n, c.rows(sh))
	}
	return c, nil, none
}

func (c checks) rows(sh *shared) int { return max((sh.bodyH-6)/(1+sh.st.gap), 1) }

func (c checks) View() string {
	sh := c.sh
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render(c.sh.t("Live checks")) + st.Muted.Render(c.sh.t("  against ")+sh.clean(sh.cfg.BaseURL)) + "\n")
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
		t.WriteString(st.Subtitle.Render(info.In(sh.lang).Name) + "\n")
		t.WriteString(Wrap(sh.clean(sh.probeText(r.Summary)), sh.textW(), "  ", "  ") + "\n")
		for i, d := range r.Details {
			if i == 3 {
				break
			}
			t.WriteString(st.Muted.Render(Wrap(sh.clean(sh.probeText(d)), sh.textW(), "  "+glyphBullet+" ", "    ")) + "\n")
		}
		if d := r.Diagnosis; d != nil {
			line := "→ " + d.Code
			if top := d.TopCause(); top != "" {
				line += c.sh.t(", most likely ") + top
				if d.Undetermined {
					line = "→ " + d.Code + c.sh.t(" (cause not told apart: ") + strings.Join(d.Causes, ", ") + ")"
				}
			}
			t.WriteString(st.Code.Render(Wrap(line, sh.textW(), "  ", "    ")) + "\n")
		}
		t.WriteString("\n")
	}
	switch {
	case c.running:
		t.WriteString(c.spin.View() + c.sh.t(" Running the live checks… ") + st.Muted.Render(c.sh.t("(esc cancels)")) + "\n")
	case c.results == nil:
		t.WriteString(st.Text.Render(c.sh.t("enter runs every check that can run; the others say why not")) + "\n")
	default:
		pass, warn, fail := 0, 0, 0
		for _, r := range c.results {
			switch r.Status {
			case probe.Pass:
				pass++
			case probe.Warn:
				warn++
			case probe.Fail:
				fail++
			}
		}
		t.WriteString(st.Text.Render(fmt.Sprintf(c.sh.t("%d passed, %d failed, %d warned"), pass, fail, warn)) +
			st.Muted.Render(c.sh.t(" · enter on a failed check diagnoses it · r runs them again")) + "\n")
	}
	rows := c.rows(sh)
	if fit := (sh.bodyH - 3 - strings.Count(t.String(), "\n")) / (1 + st.gap); fit < rows {
		rows = max(fit, 1)
	}
	if len(all) > rows {
		// The line saying which checks show takes a row's room.
		rows = max(rows-1, 1)
	}
	offset := listWindow(c.offset, c.cursor, len(all), rows)
	for i := offset; i < len(all) && i < offset+rows; i++ {
		info := all[i]
		var status, about string
		r := c.resultFor(info.ID)
		// Whether it could run if the person said yes: only then is the yes worth asking.
		ok, why := probe.Ready(probeConfig(sh, info.ID, true), info.ID)
		switch {
		case c.running && c.partial[info.ID].ID != "":
			// This check is done while others still run: its own result shows.
			pr := c.partial[info.ID]
			status, about = st.status(pr.Status), sh.probeText(pr.Summary)
		case c.running:
			status, about = st.Muted.Render(glyphRunning+c.sh.t(" wait")), info.In(sh.lang).Name
		case r != nil:
			status, about = st.status(r.Status), sh.probeText(r.Summary)
			if r.Diagnosis != nil {
				about = r.Diagnosis.Code + ": " + about
			}
		case !ok:
			status, about = st.status(probe.Skip), why
		case info.Consent != nil && !c.consent[info.ID]:
			status, about = st.status(probe.Skip), c.sh.t("spends something: press y here to allow it")
		default:
			status, about = st.Muted.Render(c.sh.t("  ready")), info.In(sh.lang).Name
		}
		line := padRight(info.ID, nameW) + "  " + padRight(status, 7) + "  " + sh.clean(about)
		b.WriteString(cursorLine(sh, line, i == c.cursor, sh.bodyW) + "\n")
		b.WriteString(strings.Repeat("\n", st.gap))
	}
	if len(all) > rows {
		b.WriteString(st.Muted.Render(scrollNote(c.sh.lang, offset, min(offset+rows, len(all)), len(all), c.sh.t(c.sh.t("checks")))) + "\n")
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
	id := sh.t("client id not set")
	if cfg.ClientID != "" {
		id = sh.t("client id ") + sh.clean(cfg.ClientID)
	}
	secret := sh.t("no secret")
	if cfg.ClientSecret != "" {
		secret = sh.t("secret ") + maskFor(sh, cfg.ClientSecret)
	}
	token := sh.t("no access token")
	if cfg.AccessToken != "" {
		token = sh.t("access token ") + maskFor(sh, cfg.AccessToken)
	}
	return strings.Join([]string{id, secret, token}, glyphSep)
}

// checksKeys: enter runs every check (the first time) or diagnoses the failed one under
// the cursor; r runs them again; y allows or denies a check that spends something.
type checksKeys struct {
	Start    key.Binding
	Diagnose key.Binding
	RunAll   key.Binding
	Allow    key.Binding
}

func newChecksKeys() checksKeys {
	return checksKeys{
		Start:    bind("enter", "run all", "enter"),
		Diagnose: bind("enter", "diagnose", "enter"),
		RunAll:   bind("r", "run all", "r"),
		Allow:    bind("y", "allow/deny", "y"),
	}
}

// active is the checks' keys as they work on the check under the cursor.
func (c checks) active() checksKeys {
	k := c.keys
	info, r := c.selected()
	k.Start.SetEnabled(c.results == nil)
	k.Diagnose.SetEnabled(c.results != nil && r != nil && (r.Status == probe.Fail || r.Status == probe.Warn) && !r.Obs.Empty())
	k.Allow.SetEnabled(info.Consent != nil)
	return k
}

func (c checks) ShortHelp() []key.Binding  { return c.help().short }
func (c checks) FullHelp() [][]key.Binding { return c.help().full }

func (c checks) help() helpKeys {
	g, nav, set := c.sh.keys.Global, c.sh.keys.Nav, c.sh.keys.Links.Settings
	if c.running {
		cancel := c.sh.keys.Entry.Cancel
		return helpKeys{short: []key.Binding{cancel, g.Quit}, full: [][]key.Binding{{cancel, g.Quit}}}
	}
	k := c.active()
	return helpKeys{
		short: []key.Binding{nav.Up, nav.Down, k.Start, k.Diagnose, k.RunAll, k.Allow, set, g.Back, g.Help},
		full:  [][]key.Binding{{nav.Up, nav.Down}, {k.Start, k.Diagnose, k.RunAll, k.Allow, set}, {g.Back, g.Help, g.Quit}},
	}
}

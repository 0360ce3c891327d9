package ui

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// liveStep is a live check the wizard runs: the probe a probe node names, or the re-run
// that tests a resolution. The request runs in a command; its result comes back tagged with
// the run, the node and the step, and anything stale (the person went back, cancelled, or
// started another run) is dropped.
type liveStep struct {
	id      string
	running bool
	retest  bool // testing the resolution, not answering a probe node
	asking  bool // waiting for consent to spend a code or a refresh token
	consent bool
	seq     int
	cancel  context.CancelFunc
	spin    spinner.Model
}

// probeDoneMsg carries a live check's result back to the wizard.
type probeDoneMsg struct {
	seq    int
	node   string
	step   int
	retest bool
	result probe.Result
}

// retestResult is the outcome of re-running a live check to test the resolution.
type retestResult struct {
	id     string
	status probe.Status
	text   said
}

func newLiveStep(n *flow.Node) liveStep {
	return liveStep{id: n.Probe}
}

// stop cancels a run still going; its result, if it comes, is stale and dropped.
func (l *liveStep) stop() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	l.running, l.asking = false, false
}

// spends reports whether the probe uses something up and so needs the person's yes (the
// probe registry's Consent).
func spends(id string) bool {
	p, ok := probe.Lookup(id)
	return ok && p.Consent != nil
}

// probeConfig is the session's settings for one run, read afresh each time (a setting
// changed meanwhile applies), with the consent given on screen.
func probeConfig(sh *shared, id string, consent bool) config.Config {
	cfg := *sh.cfg
	if consent {
		cfg = cfg.Allowing(id)
	}
	return cfg
}

// start runs the probe in a command. Nothing in the command touches the model: it captures
// the prober, a copy of the settings and a context, and returns a message.
func (w *wizard) start(sh *shared, id string, retest bool) tea.Cmd {
	w.live.stop()
	sh.runSeq++
	ctx, cancel := context.WithCancel(context.Background())
	w.live.id, w.live.retest = id, retest
	w.live.running, w.live.cancel, w.live.seq = true, cancel, sh.runSeq
	w.live.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(sh.st.Cursor))
	w.err = ""
	prober, cfg := sh.prober, probeConfig(sh, id, w.live.consent)
	cfg.Lang = lang.English // kept in English, said in the language drawn (probeDone)
	msg := probeDoneMsg{seq: sh.runSeq, node: w.state.Node, step: len(w.state.Steps), retest: retest}
	run := func() tea.Msg {
		defer cancel()
		msg.result = prober.Run(ctx, cfg, id)
		return msg
	}
	return tea.Batch(w.live.spin.Tick, run)
}

func (w wizard) probeDone(sh *shared, msg probeDoneMsg) (wizard, tea.Cmd) {
	if !w.live.running || msg.seq != w.live.seq || msg.node != w.state.Node || msg.step != len(w.state.Steps) {
		return w, nil // stale: the person moved on or cancelled
	}
	w.live.running, w.live.cancel = false, nil
	r := msg.result
	// The walk and its report keep the result in the session's language; the note on
	// screen says the English one in whatever language it is drawn in.
	kept := sh.probeResults([]probe.Result{r})[0]
	line := func(l lang.Lang) string { return resultLine(sh, l, r) }
	if msg.retest {
		w.state = w.g.Retested(w.state, kept)
		w.retest = &retestResult{id: r.ID, status: r.Status, text: line}
		w.result.refresh(sh, w.g, w.state, w.retest)
		return w, nil
	}
	cmd := w.next(sh, flow.ProbeDone(kept))
	auto := w.flash
	w.setFlash(sh, func(l lang.Lang) string {
		return strings.TrimSuffix(strings.TrimSpace(line(l)+"; "+auto.text(l)), ";")
	})
	return w, cmd
}

// retestLine is resultLine for a re-test kept in the session, in l as far as the session
// remembers its words in l.
func retestLine(sh *shared, l lang.Lang, c flow.CheckRecord) string {
	st := probe.Status(c.Status)
	name := cmp.Or(c.Name, c.ID)
	if info, ok := probe.Lookup(c.ID); ok {
		name = info.In(l).Name
	}
	summary := c.Summary
	if t, ok := sh.recall(summary, l); ok {
		summary = t
	}
	return fmt.Sprintf("%s %s %s: %s", st.Glyph(), st.Word(), name, summary)
}

// resultLine says what a probe found, written in English, in one line in l, glyph first.
func resultLine(sh *shared, l lang.Lang, r probe.Result) string {
	name := cmp.Or(r.Name, r.ID)
	if info, ok := probe.Lookup(r.ID); ok && name == info.Name {
		name = info.In(l).Name
	}
	return fmt.Sprintf("%s %s %s: %s", r.Status.Glyph(), r.Status.Word(), name, sh.probeTextIn(l, r.Summary))
}

func (w *wizard) updateProbe(sh *shared, n *flow.Node, msg tea.Msg) (tea.Cmd, move) {
	l := &w.live
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, none
	}
	g := sh.keys.Global
	if l.asking {
		switch {
		case key.Matches(k, g.Yes):
			l.asking, l.consent = false, true
			return w.start(sh, n.Probe, false), none
		case key.Matches(k, g.No):
			l.asking = false
		}
		return nil, none
	}
	can, _ := l.runnable(sh)
	lk := l.active(sh, w.keys.live)
	switch {
	case key.Matches(k, lk.CannotRun):
		return w.next(sh, flow.Skip(l.whyNot(sh))), none
	case key.Matches(k, lk.Run):
		if spends(n.Probe) && !l.consent {
			l.asking = true
			return nil, none
		}
		return w.start(sh, n.Probe, false), none
	case key.Matches(k, lk.Skip):
		reason := lang.N("skipped by the person")
		if !can {
			reason = l.whyNot(sh)
		}
		return w.next(sh, flow.Skip(reason)), none
	case key.Matches(k, sh.keys.Links.Settings):
		return nil, goTo(screenSettings, nil)
	}
	return nil, none
}

// runnable says whether the check can run with the settings as they are (consent to
// spend something aside: that is asked when it is about to run), and if not, why.
func (l liveStep) runnable(sh *shared) (bool, string) {
	return probe.Ready(probeConfig(sh, l.id, l.consent || spends(l.id)), l.id)
}

// whyNot is why the check cannot run, in English: a walk keeps its reasons in English and
// says them in the language drawn (lang.Lang.Reason), so a language switched later says
// them anew.
func (l liveStep) whyNot(sh *shared) string {
	cfg := probeConfig(sh, l.id, l.consent || spends(l.id))
	cfg.Lang = lang.English
	_, why := probe.Ready(cfg, l.id)
	return why
}

func (l liveStep) view(sh *shared, n *flow.Node) string {
	st := sh.st
	info, _ := probe.Lookup(n.Probe)
	info = info.In(sh.lang) // its name and consent, said as drawn
	var b strings.Builder
	b.WriteString(Wrap(n.Text, sh.textW(), "", "") + "\n")
	if n.Help != "" {
		b.WriteString(st.Muted.Render(Wrap(n.Help, sh.textW(), "", "")) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(st.Subtitle.Render(sh.t("Live check: ")) + st.Code.Render(n.Probe) + st.Muted.Render("  "+info.Name) + "\n")
	b.WriteString(st.Muted.Render(sh.t("Target: ")+sh.clean(sh.cfg.BaseURL)) + "\n\n")
	ok, why := l.runnable(sh)
	switch {
	case l.running:
		b.WriteString(l.spin.View() + sh.t(" Running ") + info.Name + "… " + st.Muted.Render(sh.t("(esc cancels)")) + "\n")
	case l.asking:
		what := sh.t("It spends something that cannot be used again.")
		if info.Consent != nil {
			what = info.Consent.Warn
		}
		b.WriteString(st.Warn.Render(glyphWarn+" "+what) + "\n")
		b.WriteString(st.Confirm.Render(sh.t("Run it anyway? y to run, n to keep it")) + "\n")
	case !ok:
		b.WriteString(Wrap(sh.t("Cannot run: ")+why, sh.textW(), st.Warn.Render(glyphWarn+" "), "  ") + "\n")
		b.WriteString(st.Muted.Render(sh.t("enter skips it (the reason goes in the report) · o opens settings")) + "\n")
	default:
		b.WriteString(st.Text.Render(sh.t("enter runs it · s skips it")) + "\n")
	}
	return b.String()
}

// liveKeys: enter runs the check (or, when it cannot run, skips it with the reason),
// s skips it.
type liveKeys struct {
	Run       key.Binding
	CannotRun key.Binding
	Skip      key.Binding
}

func newLiveKeys() liveKeys {
	return liveKeys{
		Run:       bind("enter", "run", "enter"),
		CannotRun: bind("enter", "skip (cannot run)", "enter"),
		Skip:      bind("s", "skip", "s"),
	}
}

// active is the live keys as they work for the check this step names.
func (l liveStep) active(sh *shared, k liveKeys) liveKeys {
	can, _ := l.runnable(sh)
	k.Run.SetEnabled(can)
	k.CannotRun.SetEnabled(!can)
	return k
}

func (l liveStep) help(sh *shared, k wizardKeys, back key.Binding) helpKeys {
	g := sh.keys.Global
	if l.running {
		cancel := sh.keys.Entry.Cancel
		return helpKeys{short: []key.Binding{cancel, g.Quit}, full: [][]key.Binding{{cancel, g.Quit}}}
	}
	if l.asking {
		return helpKeys{short: []key.Binding{g.Yes, g.No}, full: [][]key.Binding{{g.Yes, g.No}}}
	}
	lk, set := l.active(sh, k.live), sh.keys.Links.Settings
	return helpKeys{
		short: []key.Binding{lk.Run, lk.CannotRun, lk.Skip, set, back, k.History, g.Help},
		full:  [][]key.Binding{{lk.Run, lk.CannotRun, lk.Skip, set}, {back, k.History, k.Report}, {g.Help, g.Quit}},
	}
}

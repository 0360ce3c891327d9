package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// How a session starts (from home, from a paste, from a live check) and when quitting
// would lose it.

// fromPaste opens the wizard on a new session that starts by reading a paste.
type fromPaste struct{}

// fromProbe opens the wizard on a new session started from the live checks' results: all
// of them, as evidence of the session's first step, so what one check rules out for
// another (the authorize endpoint knowing the client) stays known to the end.
type fromProbe struct {
	id      string
	results []probe.Result
}

// fromSession opens the wizard on a saved session, at the step it was saved at.
type fromSession struct {
	state flow.State
}

// Unsaved reports answers, evidence or ticks not yet kept in a saved or copied report.
func (w wizard) Unsaved() bool { return w.started() && sessionKey(w.state) != w.kept }

// sessionKey changes whenever the session does: a step taken or undone, a tick.
func sessionKey(s flow.State) string {
	return fmt.Sprintf("%d/%s/%s/%v/%d", len(s.Steps), s.Node, s.Status, s.Ticked, len(s.Checks))
}

// Ask asks before a new session replaces one under way.
func (w wizard) Ask(arg any) string {
	if w.g == nil || !w.started() {
		return ""
	}
	switch arg.(type) {
	case fromPaste:
		return w.sh.t("Start a new session from a paste? The current one is replaced. y starts, n stays")
	case fromProbe:
		return w.sh.t("Diagnose this check in a new session? The current one is replaced. y starts, n stays")
	}
	return ""
}

// Open resumes the walk ("diagnose step by step": a walk not yet begun passes its opening
// paste, since the person chose to answer questions), or starts a new one from a paste or
// from a live check's evidence.
func (w wizard) Open(arg any) (screen, tea.Cmd) {
	if w.g == nil {
		return w, nil
	}
	sh := w.sh
	var cmd tea.Cmd
	switch arg := arg.(type) {
	case fromSession:
		w.restart(sh)
		cmd = w.enter(sh, arg.state)
		w.kept = sessionKey(w.state) // nothing new to lose yet
		at, node := len(w.state.Steps)+1, w.state.Node
		w.setFlash(sh, func(l lang.Lang) string { return l.Tf("Opened the saved session at step %d (%s).", at, node) })
	case fromPaste:
		cmd = w.restart(sh)
	case fromProbe:
		cmd = w.restart(sh)
		w.fromProbe = arg.id
		if n := w.node(); n != nil && n.Kind == flow.KindPaste {
			cmd = w.next(sh, flow.Live(arg.results))
			auto, id := w.flash, arg.id
			w.setFlash(sh, func(l lang.Lang) string {
				return strings.TrimPrefix(auto.text(l)+l.T("; started from the live check ")+id+l.T(" and the checks run with it"), "; ")
			})
		}
	default:
		if n := w.node(); n != nil && n.Kind == flow.KindPaste && !w.started() {
			cmd = w.next(sh, flow.Skip(lang.N("answering questions instead")))
		}
	}
	return w, cmd
}

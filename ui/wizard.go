package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

const screenWizard screenID = "wizard"

// wizard walks the flow graph one node at a time. The walk itself is flow's: a State value
// and Graph.Next. Going back is taking an earlier State, so this screen keeps no stack of
// its own, only what each kind of node needs on screen.
type wizard struct {
	sh    *shared
	keys  wizardKeys
	g     *flow.Graph
	state flow.State

	cursor int    // the highlighted choice of a question
	err    string // why the last action did not go through, in words
	flash  said   // what happened on the way here (evidence that answered, a check's result)

	paste pasteArea
	// leaveArmed is set by an esc that would drop a paste; the next esc leaves.
	leaveArmed bool
	form       checkForm
	live       liveStep
	result     resultView
	hist       historyView
	// retest is the live check re-run to test the resolution, if there was one to re-run.
	retest *retestResult
	// fromProbe is the live check a session was started from (on the live checks screen);
	// it is the one to re-run when the walk ran none itself.
	fromProbe string
	// kept is the session as last saved or copied in a report: quitting then loses nothing.
	kept string
}

func newWizard(sh *shared) screen {
	w := wizard{sh: sh, keys: newWizardKeys(sh.keys), g: sh.graph}
	if w.g != nil {
		w.state = w.g.Start()
	}
	return w
}

func (w wizard) Update(msg tea.Msg) (screen, tea.Cmd, move) {
	nw, cmd, mv := w.update(w.sh, msg)
	return nw, cmd, mv
}

func (w wizard) SetSize(int, int) screen {
	w.layout(w.sh)
	return w
}

func (w wizard) Restyle() screen {
	w.restyle(w.sh)
	return w
}

func (w wizard) Crumb() string   { return w.crumb() }
func (w wizard) Capturing() bool { return w.typing() }

// node is the node the walk stands at, as it is asked: a question without the choices the
// session's evidence rules out.
func (w wizard) node() *flow.Node {
	if w.g == nil {
		return nil
	}
	return w.g.Offered(w.state)
}

// started reports whether anything was decided yet: then quitting would lose work.
func (w wizard) started() bool { return len(w.state.Steps) > 0 || len(w.state.Ticked) > 0 }

func (w wizard) typing() bool {
	if w.hist.open {
		return false
	}
	n := w.node()
	if n == nil {
		return false
	}
	switch n.Kind {
	case flow.KindPaste:
		return true
	case flow.KindCheck:
		return true
	}
	return false
}

// stepNumber is the number the current node gets when answered, as read aloud.
func (w wizard) stepNumber() int { return len(w.state.Steps) + 1 }

// crumb says where the walk is in words a support engineer can read out:
// "Step 3 · C2 · token_endpoint".
func (w wizard) crumb() string {
	n := w.node()
	if n == nil {
		return w.sh.t("Diagnose")
	}
	parts := []string{w.sh.t("Step ") + strconv.Itoa(w.stepNumber()), n.ID}
	switch {
	case n.Kind == flow.KindResult:
		parts = append(parts, n.Entry) // the entry code is what support looks up
	case n.Title != "":
		parts = append(parts, n.Title)
	}
	return strings.Join(parts, glyphSep)
}

// next feeds an event to the graph and prepares the screen for the node it leads to.
func (w *wizard) next(sh *shared, e flow.Event) tea.Cmd {
	ns, err := w.g.Next(w.state, e)
	if err != nil {
		w.err = err.Error()
		return nil
	}
	// The steps taken are copied: an undo reuses the state's array.
	taken := append([]flow.Step(nil), ns.Steps[min(len(w.state.Steps), len(ns.Steps)):]...)
	w.flash = func(l lang.Lang) string { return autoNote(l, taken, 0) }
	return w.enter(sh, ns)
}

// enter shows state s: it resets what belonged to the node left behind.
func (w *wizard) enter(sh *shared, s flow.State) tea.Cmd {
	w.live.stop()
	w.paste.reading = 0
	w.state = s
	// The re-test shown is the state's own: an undo past it drops it with the state.
	w.retest = nil
	if rec, ok := s.LastRetest(); ok {
		// The record keeps the words of the language it was run in; the session may
		// remember them in another.
		w.retest = &retestResult{id: rec.ID, status: probe.Status(rec.Status), text: func(l lang.Lang) string { return retestLine(sh, l, rec) }}
	}
	w.err = ""
	w.cursor = 0
	w.hist.open = false
	n := w.node()
	if n == nil {
		return nil
	}
	switch n.Kind {
	case flow.KindPaste:
		if !w.paste.ready {
			// The textarea is made on first use: it allocates room for 10,000 lines.
			w.paste = newPasteArea(sh)
		}
		w.paste.reset(sh)
		return w.paste.focus()
	case flow.KindCheck:
		w.form = newCheckForm(sh, n)
		return w.form.focus()
	case flow.KindProbe:
		w.live = newLiveStep(n)
	case flow.KindResult, flow.KindFix, flow.KindSolved, flow.KindEscalate:
		w.result = newResultView(sh, w.g, s)
		w.result.canRetest = w.retestID() != ""
		w.result.layout(sh, strings.Count(w.flashView(sh), "\n"))
	case flow.KindQuestion:
		w.cursor = w.suggest(n)
	}
	return nil
}

// retestID is the live check to re-run to test the fix, or "".
func (w wizard) retestID() string {
	if id := liveToRetest(w.state); id != "" {
		return id
	}
	return w.fromProbe
}

// restart begins a new walk at the start node.
func (w *wizard) restart(sh *shared) tea.Cmd {
	w.flash = nil
	w.fromProbe = ""
	return w.enter(sh, w.g.Start())
}

// back goes to the state before the last decision; at the start it leaves for home.
func (w *wizard) back(sh *shared) (tea.Cmd, move) {
	w.paste.reading = 0
	prev, ok := w.state.Back()
	if !ok {
		return nil, goTo(screenHome, nil)
	}
	w.flash = nil
	return w.enter(sh, prev), none
}

// autoNote says which steps evidence took without asking, so nothing happens unexplained:
// "answered by the evidence: step 2 (B) 4xx, step 3 (C) config".
func autoNote(l lang.Lang, steps []flow.Step, from int) string {
	var auto, why []string
	for _, st := range steps[min(from, len(steps)):] {
		switch {
		case st.Auto:
			auto = append(auto, l.Tf("step %d (%s) %s", st.Number, st.Node, l.Answer(st.Answer, "")))
		case st.Why != "":
			why = append(why, l.Tf("step %d (%s): %s", st.Number, st.Node, l.Reason(st.Why)))
		}
	}
	if len(auto) > 0 {
		why = append(why, l.T("answered by the evidence: ")+strings.Join(auto, ", "))
	}
	return strings.Join(why, "; ")
}

func (w wizard) update(sh *shared, msg tea.Msg) (wizard, tea.Cmd, move) {
	wk := w.active()
	if w.g == nil {
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, sh.keys.Global.Back) {
			return w, nil, goTo(screenHome, nil)
		}
		return w, nil, none
	}
	switch msg := msg.(type) {
	case probeDoneMsg:
		nw, cmd := w.probeDone(sh, msg)
		return nw, cmd, none
	case pasteReadMsg:
		cmd := w.pasteRead(sh, msg)
		return w, cmd, none
	case savedMsg:
		if msg.err == nil {
			w.kept = sessionKey(w.state)
		}
		return w, nil, none
	case copiedMsg:
		w.kept = sessionKey(w.state)
		return w, nil, none
	}
	if w.live.running {
		// While a live check runs only the spinner moves and esc cancels.
		switch msg := msg.(type) {
		case spinner.TickMsg:
			if msg.ID == w.live.spin.ID() {
				var cmd tea.Cmd
				w.live.spin, cmd = w.live.spin.Update(msg)
				return w, cmd, none
			}
		case tea.KeyPressMsg:
			if key.Matches(msg, sh.keys.Entry.Cancel) {
				note := lang.N("Cancelled; the check's answer, if it still comes, is ignored.")
				if w.live.retest {
					w.setFlash(sh, saying(note)) // a result has no room below it
				} else {
					w.err = sh.t(note)
				}
				w.live.stop()
			}
		}
		return w, nil, none
	}
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey && key.Matches(k, wk.Report) {
		return w, nil, goTo(screenReport, reportMarkdown(sh, w.g, w.state))
	}
	if w.hist.open {
		nw, cmd := w.updateHistory(sh, msg)
		return nw, cmd, none
	}
	n := w.node()
	if n == nil {
		return w, nil, none
	}
	if isKey {
		armed := w.leaveArmed
		w.leaveArmed = false
		switch {
		case key.Matches(k, wk.BackStep, wk.BackHome):
			// Leaving a paste step drops what was given: the first esc says so, the second
			// leaves.
			if n.Kind == flow.KindPaste && strings.TrimSpace(w.paste.text()) != "" && !armed {
				w.leaveArmed = true
				w.err = sh.t("esc again leaves this step and drops what you gave; ctrl+d reads it instead")
				return w, nil, none
			}
			cmd, mv := w.back(sh)
			return w, cmd, mv
		case key.Matches(k, wk.History):
			w.hist.open, w.hist.cursor = true, len(w.state.Steps)-1
			return w, nil, none
		}
	}
	var cmd tea.Cmd
	mv := none
	switch n.Kind {
	case flow.KindQuestion:
		cmd = w.updateQuestion(sh, n, msg)
	case flow.KindPaste:
		cmd = w.updatePaste(sh, msg)
	case flow.KindCheck:
		cmd = w.updateCheck(sh, n, msg)
	case flow.KindProbe:
		cmd, mv = w.updateProbe(sh, n, msg)
	default:
		cmd, mv = w.updateResult(sh, n, msg)
	}
	return w, cmd, mv
}

func (w *wizard) updateQuestion(sh *shared, n *flow.Node, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	nav := sh.keys.Nav
	switch {
	case key.Matches(k, nav.Up):
		w.cursor = max(w.cursor-1, 0)
	case key.Matches(k, nav.Down):
		w.cursor = min(w.cursor+1, len(n.Choices)-1)
	case key.Matches(k, nav.Number):
		if i, ok := nav.number(k); ok && i < len(n.Choices) {
			w.cursor = i
			return w.next(sh, flow.Answer(n.Choices[i].ID))
		}
	case key.Matches(k, nav.Choose):
		if w.cursor < len(n.Choices) {
			return w.next(sh, flow.Answer(n.Choices[w.cursor].ID))
		}
	}
	return nil
}

// setFlash changes the note above the step; a result's view is sized around it.
func (w *wizard) setFlash(sh *shared, note said) {
	w.flash = note
	w.result.layout(sh, strings.Count(w.flashView(sh), "\n"))
}

// suggest puts the cursor of the question right after a fix on the answer a re-run live
// check points to: "fixed" when it passed, the first "not fixed" when it did not. The
// person still chooses. Only a re-test of this stretch of the walk counts (LastRetest).
func (w wizard) suggest(n *flow.Node) int {
	if w.retest == nil || len(w.state.Steps) == 0 || w.state.Steps[len(w.state.Steps)-1].Kind != flow.KindFix {
		return 0
	}
	passed := w.retest.status == probe.Pass
	for i, c := range n.Choices {
		l := strings.ToLower(c.ID + " " + c.Label)
		not := strings.Contains(l, "not ") || strings.Contains(l, "not_")
		if passed && strings.Contains(l, "fixed") && !not {
			return i
		}
		if !passed && not {
			return i
		}
	}
	return 0
}

func (w *wizard) layout(sh *shared) {
	if w.paste.ready {
		w.paste.layout(sh)
	}
	w.result.layout(sh, strings.Count(w.flashView(sh), "\n"))
	for i := range w.form.inputs {
		w.form.inputs[i].SetWidth(max(sh.bodyW-6, 10))
	}
}

func (w *wizard) restyle(sh *shared) {
	if w.paste.ready {
		w.paste.ta.SetStyles(areaStyles(sh))
	}
	for i := range w.form.inputs {
		w.form.inputs[i].SetStyles(inputStyles(sh))
	}
	w.live.spin.Style = sh.st.Cursor
}

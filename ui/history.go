package ui

import (
	"cmp"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// historyView lists the steps taken so far; choosing one undoes the walk to just before it,
// so that step is asked again. It is how a support engineer fixes an answer the customer
// gave wrongly three steps ago.
type historyView struct {
	open   bool
	cursor int
	offset int
}

// historyKeys: enter undoes the walk back to the step under the cursor; esc or h closes.
type historyKeys struct {
	Undo  key.Binding
	Close key.Binding
}

func newHistoryKeys() historyKeys {
	return historyKeys{
		Undo:  bind("enter", "undo to this step", "enter"),
		Close: bind("esc", "close", "esc", "h"),
	}
}

func (h historyView) help(sh *shared, k wizardKeys) helpKeys {
	nav := sh.keys.Nav
	return helpKeys{
		short: []key.Binding{nav.Up, nav.Down, k.hist.Undo, k.hist.Close},
		full:  [][]key.Binding{{nav.Up, nav.Down, nav.Top, nav.Bottom}, {k.hist.Undo, k.hist.Close, k.Report}},
	}
}

func (w wizard) updateHistory(sh *shared, msg tea.Msg) (wizard, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return w, nil
	}
	nav, hk := sh.keys.Nav, w.keys.hist
	n := len(w.state.Steps)
	switch {
	case key.Matches(k, hk.Close):
		w.hist.open = false
	case key.Matches(k, nav.Up):
		w.hist.cursor = max(w.hist.cursor-1, 0)
	case key.Matches(k, nav.Down):
		w.hist.cursor = min(w.hist.cursor+1, n-1)
	case key.Matches(k, nav.Top):
		w.hist.cursor = 0
	case key.Matches(k, nav.Bottom):
		w.hist.cursor = n - 1
	case key.Matches(k, hk.Undo):
		if w.hist.cursor < 0 || w.hist.cursor >= n {
			return w, nil
		}
		step := w.state.Steps[w.hist.cursor]
		s, ok := w.state.UndoTo(step.Number)
		if !ok {
			w.err = fmt.Sprintf(sh.t("step %d cannot be undone"), step.Number)
			w.hist.open = false
			return w, nil
		}
		w.flash = func(l lang.Lang) string {
			return l.Tf("Undone back to step %d (%s); answer it again.", step.Number, step.Node)
		}
		cmd := w.enter(sh, s)
		return w, cmd
	}
	w.hist.offset = listWindow(w.hist.offset, w.hist.cursor, n, w.historyRows(sh))
	return w, nil
}

func (w wizard) historyRows(sh *shared) int { return max((sh.bodyH-4)/(1+sh.st.gap), 1) }

func (w wizard) historyView(sh *shared) string {
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render(sh.t("Steps so far")) + st.Muted.Render(sh.t("  choose one to undo the walk back to it")) + "\n\n")
	rows := w.historyRows(sh)
	steps := w.state.Steps
	if len(steps) > rows {
		rows = max(rows-1, 1) // the line saying which steps show takes a row's room
	}
	offset := listWindow(w.hist.offset, w.hist.cursor, len(steps), rows)
	for i := offset; i < len(steps) && i < offset+rows; i++ {
		s := steps[i]
		text, label := w.stepWords(sh, s)
		answer := sh.clean(cmp.Or(label, s.Answer))
		how := ""
		if s.Auto {
			how = sh.t(" (by evidence)")
		}
		line := fmt.Sprintf("%2d · %s · %s %s %s%s", s.Number, s.Node, text, glyphCursor, answer, how)
		b.WriteString(cursorLine(sh, line, i == w.hist.cursor, sh.bodyW) + "\n")
		b.WriteString(strings.Repeat("\n", st.gap))
	}
	if len(steps) > rows {
		b.WriteString(st.Muted.Render(scrollNote(sh.lang, offset, min(offset+rows, len(steps)), len(steps), sh.t(sh.t("steps")))) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(fmt.Sprintf(sh.t("Now at step %d · %s"), w.stepNumber(), w.state.Node)) + "\n")
	return b.String()
}

// stepWords are a walked step's question and answer in the session's language: the step
// keeps the words of the graph it was walked in, so a language switched since takes the
// question and the choice's label from the graph as it is now, and says the engine's own
// answers and reasons (a skip, a paste read) anew.
func (w wizard) stepWords(sh *shared, s flow.Step) (text, label string) {
	text, label = s.Text, s.Label
	if w.g == nil {
		return text, label
	}
	n, ok := w.g.Node(s.Node)
	if !ok {
		return text, label
	}
	if n.Text != "" {
		text = n.Text
	}
	for _, c := range n.Choices {
		if c.ID == s.Answer {
			return text, c.Label
		}
	}
	if label == "" {
		return text, sh.lang.Answer(s.Answer, "")
	}
	return text, sh.reason(label)
}

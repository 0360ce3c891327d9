package ui

import (
	"cmp"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

func (w wizard) View() string {
	sh := w.sh
	st := sh.st
	if w.g == nil {
		return st.Warn.Render(glyphWarn+" The troubleshooting flow could not be loaded.") + "\n" +
			st.Muted.Render("The reference browser still works: press esc, then 4.")
	}
	if w.hist.open {
		return w.historyView(sh)
	}
	n := w.node()
	if n == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(w.flashView(sh))
	switch {
	case n.Kind == flow.KindQuestion:
		b.WriteString(w.questionView(sh, n))
	case n.Kind == flow.KindPaste:
		b.WriteString(w.paste.view(sh, n.Text, n.Help))
	case n.Kind == flow.KindCheck:
		b.WriteString(w.form.view(sh, n))
	case n.Kind == flow.KindProbe:
		b.WriteString(w.live.view(sh, n))
	default:
		busy := ""
		if w.live.running && w.live.retest {
			info, _ := probe.Lookup(w.live.id)
			busy = w.live.spin.View() + " Re-running " + cmp.Or(info.Name, w.live.id) + "… " + st.Muted.Render("(esc cancels)")
		}
		b.WriteString(w.result.view(sh, busy))
	}
	if w.err != "" {
		b.WriteString("\n" + Wrap(sh.clean(w.err), sh.textW(), st.Fail.Render(glyphFail+" "), "  ") + "\n")
	}
	return b.String()
}

// flashView is the note of what just happened, above the step; "" when there is none.
func (w wizard) flashView(sh *shared) string {
	if w.flash == "" {
		return ""
	}
	st := sh.st
	return Wrap(sh.clean(w.flash), sh.textW(), st.Muted.Render(glyphBullet+" "), "  ") + "\n" + strings.Repeat("\n", st.gap)
}

func (w wizard) questionView(sh *shared, n *flow.Node) string {
	st := sh.st
	var b strings.Builder
	b.WriteString(Wrap(n.Text, sh.textW(), "", "") + "\n")
	if n.Help != "" {
		b.WriteString(st.Muted.Render(Wrap(n.Help, sh.textW(), "", "")) + "\n")
	}
	b.WriteString("\n")
	for i, c := range n.Choices {
		// Labels are sentences; they wrap under themselves rather than being cut.
		num := fmt.Sprintf("%d  ", i+1)
		label := Wrap(c.Label, sh.textW()-2, num, strings.Repeat(" ", len(num)))
		if i == w.cursor {
			lines := strings.Split(label, "\n")
			for j, l := range lines {
				mark := "  "
				if j == 0 {
					mark = st.Cursor.Render(glyphCursor + " ")
				}
				b.WriteString(mark + st.Selected.Render(l) + "\n")
			}
		} else {
			b.WriteString(indent(st.Text.Render(label), "  ") + "\n")
		}
		b.WriteString(strings.Repeat("\n", st.gap))
	}
	return b.String()
}

// wizardKeys are the wizard's own bindings, with those of the kind of step it shows.
type wizardKeys struct {
	Report   key.Binding
	History  key.Binding
	BackStep key.Binding // esc on a step after the first
	BackHome key.Binding // esc on the first step

	hist   historyKeys
	paste  pasteKeys
	form   formKeys
	live   liveKeys
	result resultKeys
}

func newWizardKeys(km keyMap) wizardKeys {
	return wizardKeys{
		Report:   bind("w", "write report", "w"),
		History:  bind("h", "history / undo", "h"),
		BackStep: bind("esc", "previous step", "esc"),
		BackHome: bind("esc", "home", "esc"),
		hist:     newHistoryKeys(),
		paste:    newPasteKeys(),
		form:     newFormKeys(),
		live:     newLiveKeys(),
		result:   newResultKeys(km),
	}
}

// active is the wizard's bindings as they work in its present state.
func (w wizard) active() wizardKeys {
	k := w.keys
	n := w.node()
	busy := w.live.running || w.hist.open || n == nil
	k.Report.SetEnabled(w.g != nil && !w.typing() && !w.live.running)
	k.History.SetEnabled(!busy && !w.typing() && len(w.state.Steps) > 0)
	k.BackStep.SetEnabled(!busy && len(w.state.Steps) > 0)
	k.BackHome.SetEnabled(!busy && len(w.state.Steps) == 0)
	return k
}

func (w wizard) ShortHelp() []key.Binding  { return w.help().short }
func (w wizard) FullHelp() [][]key.Binding { return w.help().full }

func (w wizard) help() helpKeys {
	sh := w.sh
	g, nav := sh.keys.Global, sh.keys.Nav
	n := w.node()
	if w.g == nil || n == nil {
		return helpKeys{short: []key.Binding{g.Back, g.Quit}, full: [][]key.Binding{{g.Back, g.Quit}}}
	}
	k := w.active()
	back := k.BackStep
	if !back.Enabled() {
		back = k.BackHome
	}
	switch {
	case w.live.running:
		return w.live.help(sh, k, back)
	case w.hist.open:
		return w.hist.help(sh, k)
	case n.Kind == flow.KindPaste:
		return w.paste.help(sh, k, back)
	case n.Kind == flow.KindQuestion:
		return helpKeys{
			short: []key.Binding{nav.Up, nav.Down, nav.Number, nav.Choose, back, k.History, g.Help},
			full:  [][]key.Binding{{nav.Up, nav.Down, nav.Number, nav.Choose}, {back, k.History, k.Report}, {g.Help, g.Quit}},
		}
	case n.Kind == flow.KindCheck:
		return w.form.help(sh, k, back)
	case n.Kind == flow.KindProbe:
		return w.live.help(sh, k, back)
	}
	return w.result.help(sh, k, back)
}

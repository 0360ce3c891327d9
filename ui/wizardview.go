package ui

import (
	"cmp"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

func (w wizard) view(sh *shared) string {
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

func (w wizard) help(sh *shared) helpKeys {
	k := sh.keys
	n := w.node()
	if w.g == nil || n == nil {
		return helpKeys{short: []key.Binding{k.Back, k.Quit}, full: [][]key.Binding{{k.Back, k.Quit}}}
	}
	if w.hist.open {
		undo := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "undo to this step"))
		cls := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))
		return helpKeys{short: []key.Binding{k.Up, k.Down, undo, cls}, full: [][]key.Binding{{k.Up, k.Down}, {undo, cls}}}
	}
	hist := on(k.History, len(w.state.Steps) > 0)
	back := k.Back
	back.SetHelp("esc", "previous step")
	if len(w.state.Steps) == 0 {
		back.SetHelp("esc", "home")
	}
	switch {
	case n.Kind == flow.KindPaste:
		return w.paste.help(sh, back)
	case n.Kind == flow.KindQuestion:
		return helpKeys{
			short: []key.Binding{k.Up, k.Down, k.Number, k.Choose, back, hist, k.Help},
			full:  [][]key.Binding{{k.Up, k.Down, k.Number, k.Choose}, {back, hist}, {k.Help, k.Quit}},
		}
	case n.Kind == flow.KindCheck:
		return w.form.help(sh, back)
	case n.Kind == flow.KindProbe:
		return w.live.help(sh, back, hist)
	}
	return w.result.help(sh, back, hist)
}

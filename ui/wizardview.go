package ui

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

func (w wizard) View() string {
	sh := w.sh
	st := sh.st
	if w.g == nil {
		return st.Warn.Render(glyphWarn+w.sh.t(" The troubleshooting flow could not be loaded.")) + "\n" +
			st.Muted.Render(w.sh.t("The reference browser still works: press esc, then 4."))
	}
	if w.hist.open {
		return w.historyView(sh)
	}
	n := w.node()
	if n == nil {
		return ""
	}
	flash := w.flashView(sh)
	var errText string
	if w.err != "" {
		errText = "\n" + Wrap(sh.clean(w.err), sh.textW(), st.Fail.Render(glyphFail+" "), "  ") + "\n"
	}
	var b strings.Builder
	b.WriteString(flash)
	switch {
	case n.Kind == flow.KindQuestion:
		// The error goes above the choices here: below them it would be the first thing a
		// scrolled list pushes out of the window.
		b.WriteString(errText)
		b.WriteString(w.questionView(sh, n, sh.bodyH-lineCount(flash)-lineCount(errText)))
		errText = ""
	case n.Kind == flow.KindPaste:
		b.WriteString(w.paste.view(sh, n.Text, n.Help, sh.bodyH-lineCount(flash)-lineCount(errText)))
	case n.Kind == flow.KindCheck:
		b.WriteString(w.form.view(sh, n))
	case n.Kind == flow.KindProbe:
		b.WriteString(w.live.view(sh, n))
	default:
		busy := ""
		if w.live.running && w.live.retest {
			info, _ := probe.Lookup(w.live.id)
			busy = w.live.spin.View() + w.sh.t(" Re-running ") + cmp.Or(info.Name, w.live.id) + "… " + st.Muted.Render(w.sh.t("(esc cancels)"))
		}
		b.WriteString(w.result.view(sh, busy))
	}
	b.WriteString(errText)
	return b.String()
}

// lineCount is the number of lines s takes on screen (a final line feed ends a line).
func lineCount(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(strings.TrimSuffix(s, "\n"), "\n") + 1
}

// flashView is the note of what just happened, above the step; "" when there is none.
func (w wizard) flashView(sh *shared) string {
	flash := w.flash.text(sh.lang)
	if flash == "" {
		return ""
	}
	st := sh.st
	return Wrap(sh.clean(flash), sh.textW(), st.Muted.Render(glyphBullet+" "), "  ") + "\n" + strings.Repeat("\n", st.gap)
}

// questionView draws a question in height lines at most. When its choices do not all fit,
// they scroll: the window always holds the choice under the cursor (so j and k never move
// onto a choice that cannot be seen, and enter never picks one), and a line says how many
// are above and below it and which keys reach them.
func (w wizard) questionView(sh *shared, n *flow.Node, height int) string {
	st := sh.st
	var head strings.Builder
	head.WriteString(sh.wrap(st.Text, n.Text, sh.textW(), "", "") + "\n")
	if n.Help != "" {
		head.WriteString(sh.wrap(st.Muted, n.Help, sh.textW(), "", "") + "\n")
	}
	head.WriteString("\n")
	blocks := make([]string, len(n.Choices))
	for i, c := range n.Choices {
		blocks[i] = w.choiceView(sh, i, len(n.Choices), c.Label) + strings.Repeat("\n", st.gap)
	}
	room := height - lineCount(head.String())
	first, last := choiceWindow(blocks, w.cursor, room)
	if first == 0 && last == len(blocks) {
		return head.String() + strings.Join(blocks, "")
	}
	// The indicator takes a line of the room, and the gap after the last block shown is
	// not drawn, so it needs no room.
	first, last = choiceWindow(blocks, w.cursor, room-1+st.gap)
	var b strings.Builder
	b.WriteString(head.String())
	for i := first; i < last; i++ {
		blk := blocks[i]
		if i == last-1 {
			blk = strings.TrimRight(blk, "\n") + "\n"
		}
		b.WriteString(blk)
	}
	b.WriteString(st.Muted.Render(scrollNote(w.sh.lang, first, last, len(blocks), w.sh.t(w.sh.t("choices")))) + "\n")
	return b.String()
}

// choiceView is choice i of a question: its number, its label wrapped under itself, and
// the cursor's › when it is the one highlighted.
func (w wizard) choiceView(sh *shared, i, n int, label string) string {
	st := sh.st
	// Numbers are right-aligned, so the labels of 9 and 10 start in one column.
	num := fmt.Sprintf("%*d  ", len(strconv.Itoa(n)), i+1)
	style := st.Text
	if i == w.cursor {
		style = st.Selected
	}
	text := sh.wrap(style, label, sh.textW()-2, num, strings.Repeat(" ", len(num)))
	var b strings.Builder
	for j, l := range strings.Split(text, "\n") {
		mark := "  "
		if j == 0 && i == w.cursor {
			mark = st.Cursor.Render(glyphCursor + " ")
		}
		b.WriteString(mark + l + "\n")
	}
	return b.String()
}

// choiceWindow is the run of blocks [first, last) to show in room lines: from the top
// when the cursor's block fits there, else ending with the block after the cursor's (so the
// next choice shows as well) or, without room for it, with the cursor's own. The cursor's
// block is always in the window, even when it alone is taller than the room.
func choiceWindow(blocks []string, cursor, room int) (int, int) {
	n := len(blocks)
	if n == 0 {
		return 0, 0
	}
	cursor = min(max(cursor, 0), n-1)
	h := make([]int, n)
	for i, b := range blocks {
		h[i] = lineCount(b)
	}
	// Everything from the top, as far as it goes.
	used, last := 0, 0
	for last < n && used+h[last] <= room {
		used += h[last]
		last++
	}
	if cursor < last {
		return 0, max(last, 1)
	}
	end := cursor + 1
	if end < n && sum(h[cursor:end+1]) <= room {
		end++
	}
	first := end - 1
	used = h[first]
	for first > 0 && used+h[first-1] <= room {
		first--
		used += h[first]
	}
	return first, end
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
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

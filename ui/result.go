package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// resultView shows what the walk concluded: the entry, its causes ranked with the reasons
// that fired, the checklist to tick, prevention tips and related entries. The same view
// serves the fix step (work through the checklist) and the two ends of a walk.
type resultView struct {
	kind   flow.Kind
	text   string
	d      flow.Diagnosis
	ok     bool
	retest *retestResult
	// canRetest is true when the walk ran a live check that can be run again to test
	// the fix.
	canRetest bool

	lines      []string // the viewport's content, drawn by visible
	cursorMark string   // the styled › the view puts before the step under the cursor
	cursor     int
	itemLine   []int // the content line each checklist item starts at, to keep it in view
	itemEnd    []int // and the line after it
	vp         viewport.Model
	// armedNew is set by an n that would drop a session under way; the next n starts anew.
	armedNew bool
}

func newResultView(sh *shared, g *flow.Graph, s flow.State) resultView {
	r := resultView{vp: viewport.New()}
	r.vp.SetWidth(sh.bodyW)
	r.vp.SetHeight(max(sh.bodyH-1, 3))
	r.refresh(sh, g, s, nil)
	return r
}

// refresh re-reads the diagnosis from the state (after a tick, a retest or a resize).
func (r *resultView) refresh(sh *shared, g *flow.Graph, s flow.State, retest *retestResult) {
	if n, ok := g.Node(s.Node); ok {
		r.kind, r.text = n.Kind, n.Text
	}
	r.d, r.ok = g.Diagnose(s)
	r.retest = retest
	r.cursor = min(r.cursor, max(len(r.d.Checklist)-1, 0))
	r.render(sh)
}

func (r resultView) done() int {
	n := 0
	for _, it := range r.d.Checklist {
		if it.Ticked {
			n++
		}
	}
	return n
}

// progress is the checklist's state in words: "3/5 done".
func (r resultView) progress(l lang.Lang) string {
	return fmt.Sprintf(l.T("%d/%d done"), r.done(), len(r.d.Checklist))
}

// render builds the content once per change; View only reads it.
func (r *resultView) render(sh *shared) {
	st := sh.st
	r.cursorMark = st.Cursor.Render(glyphCursor + " ")
	w := max(sh.textW()-1, 20)
	var b strings.Builder
	lines := 0
	put := func(s string) {
		b.WriteString(s + "\n")
		lines += strings.Count(s, "\n") + 1
	}
	gap := func() {
		for range 1 + st.gap {
			put("")
		}
	}
	switch r.kind {
	case flow.KindSolved:
		put(st.Pass.Render(glyphPass + sh.t(" Solved")))
		put(sh.wrap(st.Text, r.text, w, "", ""))
		gap()
	case flow.KindEscalate:
		put(st.Warn.Render(glyphWarn + sh.t(" Escalate to Mubarokah ID support")))
		put(sh.wrap(st.Text, r.text, w, "", ""))
		put(sh.wrap(st.Muted, sh.t("The report holds what support asks for (the time, your client_id, the error messages and the steps taken) and no secrets. Press w to write it."), w, "", ""))
		put("")
		put(st.Subtitle.Render(sh.t("Where to get help")))
		for _, c := range supportContacts {
			put(Wrap(sh.t(c.how)+" "+st.Code.Render(c.where), w, "  "+glyphBullet+" ", "    "))
		}
		gap()
	case flow.KindFix:
		put(st.Title.Render(sh.t("Apply the fix")))
		put(sh.wrap(st.Text, r.text, w, "", ""))
		gap()
	default:
		if r.text != "" {
			put(sh.wrap(st.Text, r.text, w, "", ""))
			gap()
		}
	}
	r.itemLine, r.itemEnd = r.itemLine[:0], r.itemEnd[:0]
	if !r.ok {
		put(st.Muted.Render(sh.t("No diagnosis was reached on this walk.")))
		r.setContent(b.String())
		return
	}
	e := r.d.Entry
	put(Wrap(st.Code.Render(e.Code)+glyphSep+st.Subtitle.Render(e.Title), w, "", "  "))
	sev := sh.t("Severity ") + sh.severity(string(e.Severity))
	if e.SeverityNote != "" {
		sev += st.Muted.Render(" (" + e.SeverityNote + ")")
	}
	sevLines := Wrap(sev, w, "", "")
	if len(e.HTTPStatus) > 0 {
		// "HTTP 400,401" stays whole: wrapped with the rest, the number could end up alone.
		http := glyphSep + "HTTP " + StatusList(e.HTTPStatus)
		last := sevLines[strings.LastIndex(sevLines, "\n")+1:]
		if ansi.StringWidth(last)+ansi.StringWidth(http) > w {
			http = "\n" + strings.TrimPrefix(http, glyphSep)
		}
		sevLines += st.Muted.Render(http)
	}
	put(sevLines)
	if len(r.d.Signals) > 0 {
		put(styleLines(st.Muted, Wrap(sh.t("Evidence: ")+sh.clean(sh.reasonsIn(r.d.Signals)), w, "", "  ")))
	}
	gap()
	causes := func() {
		basis := sh.t("in the order your answers point to")
		if r.d.Basis == "evidence" {
			basis = sh.t("ranked by the evidence")
		}
		put(st.Subtitle.Render(sh.t("Causes")) + st.Muted.Render("  "+basis))
		for i, c := range r.d.Causes {
			put(sh.wrap(st.Text, c.Cause.Text, w, fmt.Sprintf(" %d. ", i+1), "    "))
			put("    " + st.Code.Render(c.Cause.ID))
			for _, sig := range c.Signals {
				put(Wrap(sh.clean(sh.reason(sig)), w, "    "+st.Pass.Render(glyphPass)+" ", "      "))
			}
			if c.Excluded != "" { // why the session's evidence or an answer puts it last
				put(Wrap(sh.t("ruled out: ")+sh.clean(c.Excluded), w, "    "+st.Fail.Render(glyphFail)+" ", "      "))
			}
		}
		gap()
	}
	checklist := func() {
		put(st.Subtitle.Render(sh.t("Checklist")) + "  " + st.Text.Render(r.progress(sh.lang)))
		if r.retest != nil {
			put(styleLines(st.statusStyle(r.retest.status), Wrap(sh.t("Test of the fix: ")+sh.clean(r.retest.text.text(sh.lang)), w, "", "  ")))
		}
		for i, it := range r.d.Checklist {
			r.itemLine = append(r.itemLine, lines)
			box := glyphTodo
			if it.Ticked {
				box = glyphDone
			}
			// Every line of a step starts with two plain spaces; view puts the cursor
			// there, so moving it renders nothing.
			num := fmt.Sprintf("%d. ", i+1)
			style := st.Text
			if it.Ticked {
				style = st.Muted
			}
			text := sh.wrap(style, it.Step.Text, w-2, box+" "+num, strings.Repeat(" ", 4+len(num)))
			text = indent(text, "  ")
			put(text)
			r.itemEnd = append(r.itemEnd, lines)
			if st.gap > 0 {
				put("")
			}
		}
		gap()
	}
	// The fix step is about doing: its checklist comes first. A result is about why.
	if r.kind == flow.KindFix {
		checklist()
		causes()
	} else {
		causes()
		checklist()
	}
	put(st.Subtitle.Render(sh.t("About ") + e.Code))
	put(sh.wrap(st.Text, e.Summary, w, "", ""))
	if len(e.Prevention) > 0 {
		gap()
		put(st.Subtitle.Render(sh.t("Prevention")))
		for _, p := range e.Prevention {
			put(sh.wrap(st.Text, p, w, " "+glyphBullet+" ", "   "))
		}
	}
	if len(e.Related) > 0 {
		gap()
		// Wrapped, each code whole: a long list no longer ends in an ellipsis.
		put(sh.wrap(st.Muted, sh.t("Related: `")+strings.Join(e.Related, "`, `")+sh.t("` (r opens the reference)"), w, "", "  "))
	}
	r.setContent(b.String())
}

func (r *resultView) setContent(s string) {
	r.lines = strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	r.vp.SetContentLines(r.lines)
}

// layout sizes the view to the body less the lines above it (a note of what just
// happened) and the status line below it.
func (r *resultView) layout(sh *shared, above int) {
	r.vp.SetWidth(sh.bodyW)
	r.vp.SetHeight(max(sh.bodyH-1-above, 3))
	r.render(sh)
}

func (r *resultView) keepCursorVisible() {
	if r.cursor >= len(r.itemLine) {
		return
	}
	start, end := r.itemLine[r.cursor], r.itemEnd[r.cursor]
	top, h := r.vp.YOffset(), r.vp.Height()
	switch {
	case start < top:
		r.vp.SetYOffset(start)
	case end > top+h:
		// Show the whole step, unless it is taller than the view: then its start.
		r.vp.SetYOffset(min(end-h, start))
	}
}

// liveToRetest is the live check worth re-running to test the fix: the last one that
// failed or warned, else the last one that ran.
func liveToRetest(s flow.State) string {
	var ran string
	for i := len(s.Checks) - 1; i >= 0; i-- {
		c := s.Checks[i]
		if !c.Live || c.Status == "skip" {
			continue
		}
		if c.Status == "fail" || c.Status == "warn" {
			return c.ID
		}
		if ran == "" {
			ran = c.ID
		}
	}
	return ran
}

func (w *wizard) updateResult(sh *shared, n *flow.Node, msg tea.Msg) (tea.Cmd, move) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, none
	}
	r := &w.result
	rk := r.active(sh, w.keys.result)
	if !key.Matches(k, rk.NewSession) {
		r.armedNew = false // any other key says no
	}
	switch {
	case key.Matches(k, rk.Up):
		r.cursor = max(r.cursor-1, 0)
		r.keepCursorVisible()
	case key.Matches(k, rk.Down):
		r.cursor = min(r.cursor+1, max(len(r.d.Checklist)-1, 0))
		r.keepCursorVisible()
	case key.Matches(k, rk.Tick):
		it := r.d.Checklist[r.cursor]
		s, err := w.g.Tick(w.state, it.Step.ID, !it.Ticked)
		if err != nil {
			w.err = err.Error()
			return nil, none
		}
		w.state = s
		r.refresh(sh, w.g, s, w.retest)
		r.keepCursorVisible()
	case key.Matches(k, sh.keys.Scroll.PageDown):
		r.vp.PageDown()
	case key.Matches(k, sh.keys.Scroll.PageUp):
		r.vp.PageUp()
	case key.Matches(k, rk.Retest):
		return w.start(sh, w.retestID(), true), none
	case key.Matches(k, rk.Continue, rk.DidItWork):
		return w.next(sh, flow.Continue()), none
	case key.Matches(k, rk.Related, rk.Entry):
		return nil, goTo(screenBrowser, r.d.Entry.Code)
	case key.Matches(k, rk.NewSession):
		if !r.kind.Terminal() && w.Unsaved() && !r.armedNew {
			r.armedNew = true
			return nil, none
		}
		r.armedNew = false
		return w.restart(sh), none
	case key.Matches(k, rk.Home):
		return nil, goTo(screenHome, nil)
	case key.Matches(k, rk.Settings):
		return nil, goTo(screenSettings, nil)
	case key.Matches(k, rk.Top):
		r.vp.GotoTop()
	case key.Matches(k, rk.Bottom):
		r.vp.GotoBottom()
	}
	return nil, none
}

// view draws the result; busy, when set, stands in the status line (a re-test running).
func (r resultView) view(sh *shared, busy string) string {
	st := sh.st
	status := linesNote(sh.lang, r.vp, len(r.lines))
	if r.ok && len(r.d.Checklist) > 0 {
		status = sh.t("Checklist ") + r.progress(sh.lang) + glyphSep + status
	}
	if !r.vp.AtBottom() {
		status += glyphSep + sh.t("pgdn for more")
	}
	if r.armedNew {
		status = sh.t("n again starts a new session and drops this one (w writes the report first)")
	}
	lines := r.lines
	if r.cursor < len(r.itemLine) && !r.kind.Terminal() {
		if at := r.itemLine[r.cursor]; at < len(lines) && strings.HasPrefix(lines[at], "  ") {
			lines = append([]string(nil), lines...)
			lines[at] = r.cursorMark + lines[at][2:]
		}
	}
	if busy != "" {
		return visible(r.vp, lines) + "\n" + busy
	}
	return visible(r.vp, lines) + "\n" + st.Muted.Render(status)
}

// resultKeys: the checklist's cursor and ticks, enter to go on (to the fix, then to
// whether it worked), t to re-run the live check, r for the entry in the reference, n for a
// new session once the walk has ended.
type resultKeys struct {
	Up         key.Binding
	Down       key.Binding
	Tick       key.Binding
	Continue   key.Binding
	DidItWork  key.Binding
	Retest     key.Binding
	Related    key.Binding
	Entry      key.Binding // the same key when the entry has no related entries
	NewSession key.Binding
	Home       key.Binding
	Settings   key.Binding // beside a re-test: the setting to fix is often the cause
	Top        key.Binding
	Bottom     key.Binding
}

func newResultKeys(km keyMap) resultKeys {
	return resultKeys{
		Up:         km.Nav.Up,
		Down:       km.Nav.Down,
		Tick:       bind("space", "tick step", "space", "x"),
		Continue:   bind("enter", "apply the fix", "enter"),
		DidItWork:  bind("enter", "did it work?", "enter"),
		Retest:     bind("t", "re-run the live check", "t"),
		Related:    km.Links.Related,
		Entry:      bind("r", "entry in the reference", "r"),
		NewSession: bind("n", "new session", "n"),
		Home:       bind("m", "home menu", "m"),
		Settings:   km.Links.Settings,
		Top:        km.Nav.Top,
		Bottom:     km.Nav.Bottom,
	}
}

// active is the result keys as they work on this result.
func (r resultView) active(sh *shared, k resultKeys) resultKeys {
	end := r.kind.Terminal()
	k.Up.SetEnabled(!end)
	k.Down.SetEnabled(!end)
	k.Tick.SetEnabled(!end && r.cursor < len(r.d.Checklist))
	k.Continue.SetEnabled(!end && r.kind != flow.KindFix)
	k.DidItWork.SetEnabled(!end && r.kind == flow.KindFix)
	k.Retest.SetEnabled(!end && r.canRetest)
	k.Related.SetEnabled(r.ok && len(r.d.Entry.Related) > 0)
	k.Entry.SetEnabled(r.ok && len(r.d.Entry.Related) == 0)
	k.NewSession.SetEnabled(true)
	return k
}

func (r resultView) help(sh *shared, k wizardKeys, back key.Binding) helpKeys {
	g, sc := sh.keys.Global, sh.keys.Scroll
	rk := r.active(sh, k.result)
	// Settings sits beside the re-test: a wrong setting is often what the test shows.
	settings := on(rk.Settings, rk.Retest.Enabled())
	if r.kind.Terminal() {
		return helpKeys{
			short: []key.Binding{k.Report, rk.NewSession, rk.Home, sc.PageDown, back, k.History, g.Quit},
			full: [][]key.Binding{{k.Report, rk.NewSession, rk.Home, rk.Related, rk.Entry},
				{sc.PageUp, sc.PageDown, rk.Top, rk.Bottom}, {back, k.History, g.Help, g.Quit}},
		}
	}
	return helpKeys{
		short: []key.Binding{rk.Tick, rk.Up, rk.Down, rk.Continue, rk.DidItWork, rk.Retest, settings, k.Report, back, g.Help},
		full: [][]key.Binding{
			{rk.Tick, rk.Up, rk.Down, sc.PageUp, sc.PageDown, rk.Top, rk.Bottom},
			{rk.Continue, rk.DidItWork, rk.Retest, settings, k.Report, rk.Related, rk.Entry},
			{rk.NewSession, rk.Home, back, k.History, g.Help, g.Quit},
		},
	}
}

// reasonsIn is a diagnosis's reasons in the session's language, one after another.
func (sh *shared) reasonsIn(rs []string) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = sh.reason(r)
	}
	return strings.Join(out, "; ")
}

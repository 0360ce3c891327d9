package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

func (b browser) View() string {
	sh := b.sh
	st := sh.st
	w, h := sh.bodyW, sh.bodyH
	if b.detail && !sh.wide() {
		head := b.entryHead(sh)
		return head + "\n" + visible(b.vp, b.lines) + "\n" + b.statusLine(sh, w)
	}
	var top string
	switch {
	case b.filtering:
		b.filter.SetWidth(max(w-4, 10))
		top = b.filter.View()
	case b.query != "":
		top = st.Text.Render(b.sh.t("Filter: ")) + st.Code.Render(b.query) + st.Muted.Render(b.sh.t("  (/ to change, esc to clear)"))
	default:
		top = st.Title.Render(b.sh.t("Reference")) + st.Muted.Render(b.sh.t("  every error, its causes and fixes · / to filter"))
	}
	lw, dw := b.paneWidths(sh)
	list := b.listView(sh, lw)
	body := list
	if sh.wide() {
		sep := strings.TrimSuffix(strings.Repeat(" "+st.Muted.Render("│")+" \n", b.listHeight(sh)), "\n")
		detail := fit(visible(b.vp, b.lines), dw, b.listHeight(sh))
		body = joinColumns(fit(list, lw, b.listHeight(sh)), lw, sep, detail)
	}
	return fit(top+"\n\n"+body, w, h-1) + "\n" + b.statusLine(sh, w)
}

func (b browser) entryHead(sh *shared) string {
	e := b.selected()
	if e == nil {
		return ""
	}
	return sh.st.Muted.Render(truncate(linesNote(sh.lang, b.vp, len(b.lines))+glyphSep+sh.t("j/k, pgdn/pgup, g/G scroll · esc back to the list"), sh.bodyW))
}

// linesNote says which lines of a text a viewport shows, "lines 1-18 of 64", or "all 12
// lines". A percentage would read as progress through a task; this is a position.
func linesNote(l lang.Lang, vp viewport.Model, n int) string {
	if n <= vp.Height() {
		return fmt.Sprintf(l.T("all %d lines"), n)
	}
	first := min(vp.YOffset(), n-1)
	last := min(first+vp.Height(), n)
	return fmt.Sprintf(l.T("lines %d-%d of %d"), first+1, last, n)
}

func (b browser) listView(sh *shared, w int) string {
	st := sh.st
	if len(b.results) == 0 {
		if sh.cat == nil || len(sh.cat.Entries) == 0 {
			return st.Warn.Render(glyphWarn + sh.t(" The catalogue is empty."))
		}
		return Wrap(sh.clean(fmt.Sprintf(sh.t("No entry matches %q."), b.query)), w, st.Warn.Render(glyphWarn)+" ", "  ") + "\n" +
			sh.wrap(st.Muted, sh.t("Try fewer words, a code (`invalid_grant`), a status (401), words of the server's message, or a severity (high)."), w, "", "")
	}
	codeW := 4
	for _, e := range b.results {
		codeW = max(codeW, len(e.Code))
	}
	codeW = min(codeW, 24)
	h := b.listHeight(sh)
	var rows []string
	for i := b.offset; i < len(b.results) && i < b.offset+h; i++ {
		e := b.results[i]
		sel := i == b.cursor
		key := fmt.Sprintf("%s/%t/%d", e.Code, sel, codeW)
		row, ok := b.cache.rows[key]
		if !ok {
			sev := sh.severity(string(e.Severity))
			sevPad := strings.Repeat(" ", max(0, 8-len(sh.t(string(e.Severity)))))
			text := padRight(truncate(e.Code, codeW), codeW) + "  " + sev + sevPad + padRight(truncate(StatusList(e.HTTPStatus), 7), 8) + e.Title
			row = cursorLine(sh, text, sel, w)
			if b.cache.rows != nil {
				b.cache.rows[key] = row
			}
		}
		rows = append(rows, row)
	}
	return strings.Join(rows, "\n")
}

func (b browser) statusLine(sh *shared, w int) string {
	st := sh.st
	e := b.selected()
	if b.jumping && e != nil {
		parts := make([]string, 0, len(e.Related))
		for i, r := range e.Related {
			if i == 9 {
				break
			}
			parts = append(parts, st.Key.Render(fmt.Sprint(i+1))+" "+st.Code.Render(r))
		}
		return truncate(sh.t("Jump to: ")+strings.Join(parts, "  ")+st.Muted.Render(sh.t("  (esc cancels)")), w)
	}
	n := fmt.Sprintf(sh.t("%d of %d entries"), len(b.results), b.total(sh))
	if h := b.listHeight(sh); len(b.results) > h && !(b.detail && !sh.wide()) {
		// The list is longer than its window: say which rows show, and that more are
		// above or below.
		last := min(b.offset+h, len(b.results))
		n = fmt.Sprintf(sh.t("%d-%d of %d"), b.offset+1, last, len(b.results))
		if len(b.results) < b.total(sh) {
			n += fmt.Sprintf(sh.t(" matching (%d in all)"), b.total(sh))
		} else {
			n += sh.t(" entries")
		}
		switch {
		case b.offset > 0 && last < len(b.results):
			n += " ↑↓"
		case b.offset > 0:
			n += " ↑"
		case last < len(b.results):
			n += " ↓"
		}
	}
	if e != nil {
		if b.rank != nil && b.cursor < b.rank.Len() {
			n += glyphSep + sh.t("matched ") + b.cache.whyOf(sh.lang, b.rank, b.cursor)
		}
		if len(e.Related) > 0 {
			n += glyphSep + sh.t("r: related (") + fmt.Sprint(len(e.Related)) + ")"
		}
	}
	return st.Muted.Render(truncate(n, w))
}

func (b browser) total(sh *shared) int {
	if sh.cat == nil {
		return 0
	}
	return len(sh.cat.Entries)
}

func (b browser) Crumb() string {
	if e := b.selected(); e != nil && b.detail {
		return b.sh.t("Reference › ") + e.Code
	}
	return b.sh.t("Reference")
}

// browserKeys: / filters the list; while filtering enter keeps the filter, esc clears it
// and the arrows still move; enter reads an entry on a narrow terminal; r lists the
// related entries and 1-9 jumps to one.
type browserKeys struct {
	Filter      key.Binding
	Open        key.Binding
	Related     key.Binding
	JumpTo      key.Binding
	KeepFilter  key.Binding
	ClearFilter key.Binding
	FilterUp    key.Binding
	FilterDown  key.Binding
}

func newBrowserKeys(km keyMap) browserKeys {
	return browserKeys{
		Filter:      bind("/", "filter", "/"),
		Open:        bind("enter", "read entry", "enter"),
		Related:     km.Links.Related,
		JumpTo:      bind("1-9", "jump", km.Nav.Number.Keys()...),
		KeepFilter:  bind("enter", "keep filter", "enter"),
		ClearFilter: bind("esc", "clear filter", "esc"),
		FilterUp:    bind("↑/↓", "move", "up"),
		FilterDown:  bind("↓", "move", "down"),
	}
}

// active is the browser's keys as they work now.
func (b browser) active() browserKeys {
	k, e, sh := b.keys, b.selected(), b.sh
	k.Open.SetEnabled(!b.filtering && !b.jumping && !sh.wide() && !b.detail && e != nil)
	k.Related.SetEnabled(!b.filtering && !b.jumping && e != nil && len(e.Related) > 0)
	k.JumpTo.SetEnabled(b.jumping)
	return k
}

func (b browser) ShortHelp() []key.Binding  { return b.help().short }
func (b browser) FullHelp() [][]key.Binding { return b.help().full }

func (b browser) help() helpKeys {
	g, nav, sc, k := b.sh.keys.Global, b.sh.keys.Nav, b.sh.keys.Scroll, b.active()
	if b.filtering {
		return helpKeys{
			short: []key.Binding{k.KeepFilter, k.ClearFilter, k.FilterUp},
			full:  [][]key.Binding{{k.KeepFilter, k.ClearFilter, k.FilterUp}},
		}
	}
	if b.jumping {
		cancel := b.sh.keys.Entry.Cancel
		return helpKeys{short: []key.Binding{k.JumpTo, cancel}, full: [][]key.Binding{{k.JumpTo, cancel}}}
	}
	return helpKeys{
		short: []key.Binding{nav.Up, nav.Down, k.Open, k.Filter, k.Related, sc.PageDown, g.Back, g.Help},
		full: [][]key.Binding{
			{nav.Up, nav.Down, nav.Top, nav.Bottom},
			{k.Open, sc.PageUp, sc.PageDown},
			{k.Filter, k.Related, g.Back},
			{g.Help, g.Quit},
		},
	}
}

// joinColumns puts two blocks side by side, the left one padded to lw columns, with sep
// (one line per row) between them.
func joinColumns(left string, lw int, sep, right string) string {
	l := strings.Split(left, "\n")
	s := strings.Split(sep, "\n")
	r := strings.Split(right, "\n")
	n := max(len(l), len(r))
	var b strings.Builder
	for i := 0; i < n; i++ {
		var a, m, c string
		if i < len(l) {
			a = l[i]
		}
		if i < len(s) {
			m = s[i]
		} else if len(s) > 0 {
			m = s[len(s)-1]
		}
		if i < len(r) {
			c = r[i]
		}
		b.WriteString(padRight(a, lw) + m + c)
		if i < n-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

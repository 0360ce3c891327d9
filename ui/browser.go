package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// browser is the offline reference: every entry in a filterable list, the whole entry beside
// it on a wide terminal or on enter on a narrow one. It needs no network and no settings.
type browser struct {
	filter    textinput.Model
	filtering bool // the filter input has the keyboard

	query   string
	results []*knowledge.Entry
	index   *filterIndex

	cursor, offset int
	detail         bool // narrow terminals: the entry fills the screen
	jumping        bool // the related-entries picker is showing
	back           []string

	vp    viewport.Model
	lines []string // the viewport's content, drawn by visible
	shown string   // what the viewport holds: code, width and theme
	cache *renderCache
}

// renderCache keeps list rows and rendered entries for one width and theme, so moving the
// cursor redraws two rows and, for an entry seen before, renders nothing.
type renderCache struct {
	key     string
	rows    map[string]string
	entries map[string][]string
}

func (c *renderCache) reset(key string) {
	if c.key != key {
		c.key, c.rows, c.entries = key, map[string]string{}, map[string][]string{}
	}
}

func newBrowser(sh *shared) browser {
	b := browser{
		filter: newInput(sh, "/ ", "code, HTTP status, server message, title or severity"),
		vp:     viewport.New(),
		cache:  &renderCache{},
		index:  newFilterIndex(sh.cat),
	}
	b.filter.CharLimit = 200
	b.apply(sh, "")
	return b
}

// apply filters the entries by what is typed.
func (b *browser) apply(sh *shared, q string) {
	b.query = strings.TrimSpace(q)
	var prev string
	if e := b.selected(); e != nil {
		prev = e.Code
	}
	b.results = b.index.filter(b.query)
	b.cursor, b.offset = 0, 0
	for i, e := range b.results {
		if e.Code == prev && b.query == "" {
			b.cursor = i
		}
	}
}

func (b browser) selected() *knowledge.Entry {
	if b.cursor < 0 || b.cursor >= len(b.results) {
		return nil
	}
	return b.results[b.cursor]
}

// show selects the entry with code, clearing a filter that hides it; it is how the result
// screen and related links open an entry.
func (b *browser) show(sh *shared, code string) bool {
	idx := b.indexOf(code)
	if idx < 0 {
		b.filter.SetValue("")
		b.apply(sh, "")
		idx = b.indexOf(code)
	}
	if idx < 0 {
		return false
	}
	b.cursor = idx
	b.offset = listWindow(b.offset, b.cursor, len(b.results), b.listHeight(sh))
	b.vp.GotoTop()
	return true
}

func (b browser) indexOf(code string) int {
	for i, e := range b.results {
		if e.Code == code {
			return i
		}
	}
	return -1
}

func (b browser) typing() bool { return b.filtering }

// listHeight is the rows left for the list under the filter line and above the status line.
func (b browser) listHeight(sh *shared) int { return max(sh.bodyH-3, 1) }

func (b browser) paneWidths(sh *shared) (list, detail int) {
	if !sh.wide() {
		return sh.bodyW, sh.bodyW
	}
	list = min(max(sh.bodyW*2/5, 40), 60)
	return list, sh.bodyW - list - 3
}

// layout sizes the viewport and puts the selected entry in it, rendering only when the
// entry, width or theme changed.
func (b *browser) layout(sh *shared) {
	_, dw := b.paneWidths(sh)
	h := b.listHeight(sh)
	if !sh.wide() {
		h = sh.bodyH - 2 // a heading above, the status line below
	}
	b.vp.SetWidth(dw)
	b.vp.SetHeight(max(h, 1))
	e := b.selected()
	if e == nil {
		b.vp.SetContent("")
		b.lines, b.shown = nil, ""
		return
	}
	lw, _ := b.paneWidths(sh)
	b.cache.reset(fmt.Sprintf("%d/%d/%t/%t", lw, dw, sh.isDark, sh.present))
	key := e.Code + "/" + b.cache.key
	if key != b.shown {
		lines, ok := b.cache.entries[e.Code]
		if !ok {
			lines = strings.Split(RenderEntry(e, dw, sh.text), "\n")
			for i, l := range lines {
				lines[i] = truncate(l, dw) // a long URL does not wrap
			}
			b.cache.entries[e.Code] = lines
		}
		b.lines = lines
		b.vp.SetContentLines(lines)
		b.shown = key
	}
	b.offset = listWindow(b.offset, b.cursor, len(b.results), b.listHeight(sh))
}

func (b browser) update(sh *shared, msg tea.Msg) (browser, tea.Cmd) {
	if b.filtering {
		return b.updateFilter(sh, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return b, nil
	}
	keys := sh.keys
	if b.jumping {
		b.jumping = false
		if key.Matches(k, keys.Number) {
			if e := b.selected(); e != nil {
				n := int(k.Code - '1')
				if n >= 0 && n < len(e.Related) {
					b.back = append(b.back, e.Code)
					b.show(sh, e.Related[n])
				}
			}
		}
		b.layout(sh)
		return b, nil
	}
	inDetail := b.detail && !sh.wide()
	switch {
	case key.Matches(k, keys.Back):
		switch {
		case len(b.back) > 0:
			code := b.back[len(b.back)-1]
			b.back = b.back[:len(b.back)-1]
			b.show(sh, code)
		case inDetail:
			b.detail = false
		case b.query != "":
			b.filter.SetValue("")
			b.apply(sh, "")
		default:
			return b, navigateBack(sh)
		}
	case key.Matches(k, keys.Filter):
		b.filtering, b.detail = true, false
		b.layout(sh)
		return b, b.filter.Focus()
	case key.Matches(k, keys.Related):
		if e := b.selected(); e != nil && len(e.Related) > 0 {
			b.jumping = true
		}
	case key.Matches(k, keys.PageDown):
		b.vp.PageDown()
	case key.Matches(k, keys.PageUp):
		b.vp.PageUp()
	case inDetail && key.Matches(k, keys.Down):
		b.vp.ScrollDown(1)
	case inDetail && key.Matches(k, keys.Up):
		b.vp.ScrollUp(1)
	case key.Matches(k, keys.Up):
		b.move(sh, b.cursor-1)
	case key.Matches(k, keys.Down):
		b.move(sh, b.cursor+1)
	case key.Matches(k, keys.Top):
		b.move(sh, 0)
	case key.Matches(k, keys.Bottom):
		b.move(sh, len(b.results)-1)
	case key.Matches(k, keys.Choose):
		if b.selected() != nil && !sh.wide() {
			b.detail = true
		}
	}
	b.layout(sh)
	return b, nil
}

func (b *browser) move(sh *shared, to int) {
	if len(b.results) == 0 {
		return
	}
	b.cursor = min(max(to, 0), len(b.results)-1)
	b.vp.GotoTop()
}

// updateFilter gives every key to the filter input except those that leave it: enter keeps
// the filter, esc drops it. Up and down still move the list so one can filter and pick.
func (b browser) updateFilter(sh *shared, msg tea.Msg) (browser, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case k.Code == tea.KeyEnter:
			b.filtering = false
			b.filter.Blur()
			b.layout(sh)
			return b, nil
		case k.Code == tea.KeyEscape:
			b.filtering = false
			b.filter.Blur()
			b.filter.SetValue("")
			b.apply(sh, "")
			b.layout(sh)
			return b, nil
		case k.Code == tea.KeyUp || k.Code == tea.KeyDown:
			d := 1
			if k.Code == tea.KeyUp {
				d = -1
			}
			b.move(sh, b.cursor+d)
			b.layout(sh)
			return b, nil
		}
	}
	var cmd tea.Cmd
	before := b.filter.Value()
	b.filter, cmd = b.filter.Update(msg)
	if v := b.filter.Value(); v != before {
		b.apply(sh, v)
		b.layout(sh)
	}
	return b, cmd
}

func (b browser) view(sh *shared) string {
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
		top = st.Text.Render("Filter: ") + st.Code.Render(b.query) + st.Muted.Render("  (/ to change, esc to clear)")
	default:
		top = st.Title.Render("Reference") + st.Muted.Render("  every error, its causes and fixes · / to filter")
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
	pct := int(b.vp.ScrollPercent() * 100)
	return sh.st.Muted.Render(fmt.Sprintf("%d%% · pgdn/pgup scroll · esc back to the list", pct))
}

func (b browser) listView(sh *shared, w int) string {
	st := sh.st
	if len(b.results) == 0 {
		if sh.cat == nil || len(sh.cat.Entries) == 0 {
			return st.Warn.Render(glyphWarn + " The catalogue is empty.")
		}
		return st.Warn.Render(glyphWarn+" No entry matches "+fmt.Sprintf("%q", b.query)+".") + "\n" +
			st.Muted.Render("Try a code (invalid_grant), a status (401), words of the server's\nmessage, or a severity (high).")
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
			sev := st.severity(string(e.Severity))
			sevPad := strings.Repeat(" ", max(0, 8-len(e.Severity)))
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
		return truncate("Jump to: "+strings.Join(parts, "  ")+st.Muted.Render("  (esc cancels)"), w)
	}
	n := fmt.Sprintf("%d of %d entries", len(b.results), b.total(sh))
	if e != nil {
		if where := b.index.where(e.Code, b.query); len(where) > 0 {
			n += glyphSep + "matched " + strings.Join(where, ", ")
		}
		if len(e.Related) > 0 {
			n += glyphSep + "r: related (" + fmt.Sprint(len(e.Related)) + ")"
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

func (b browser) crumb() string {
	if e := b.selected(); e != nil && b.detail {
		return "Reference › " + e.Code
	}
	return "Reference"
}

func (b browser) help(sh *shared) helpKeys {
	k := sh.keys
	e := b.selected()
	hasRelated := e != nil && len(e.Related) > 0
	if b.filtering {
		done := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter"))
		clear := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"))
		move := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move"))
		return helpKeys{short: []key.Binding{done, clear, move}, full: [][]key.Binding{{done, clear, move}}}
	}
	if b.jumping {
		pick := key.NewBinding(key.WithKeys("1"), key.WithHelp("1-9", "jump"))
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
		return helpKeys{short: []key.Binding{pick, cancel}, full: [][]key.Binding{{pick, cancel}}}
	}
	open := on(k.Choose, !sh.wide() && !b.detail && e != nil)
	open.SetHelp("enter", "read entry")
	rel := on(k.Related, hasRelated)
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, open, k.Filter, rel, k.PageDown, k.Back, k.Help},
		full: [][]key.Binding{
			{k.Up, k.Down, k.Top, k.Bottom},
			{open, k.PageUp, k.PageDown},
			{k.Filter, rel, k.Back},
			{k.Help, k.Quit},
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

package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// browser is the offline reference: every entry in a filterable list, the whole entry beside
// it on a wide terminal or on enter on a narrow one. It needs no network and no settings.
const screenBrowser screenID = "browser"

type browser struct {
	sh        *shared
	keys      browserKeys
	filter    textinput.Model
	filtering bool // the filter input has the keyboard

	query   string
	results []*knowledge.Entry
	rank    *knowledge.Ranking // the query's ranking, which says why an entry matched; nil without a query

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
// cursor redraws two rows and, for an entry seen before, renders nothing; and why each
// entry matched the query, put into words once.
type renderCache struct {
	key     string
	rows    map[string]string
	entries map[string][]string
	why     map[*knowledge.Ranking]map[int]string
}

// whyOf says why the i-th result of rank matched, asking the ranking once.
func (c *renderCache) whyOf(l lang.Lang, rank *knowledge.Ranking, i int) string {
	if c.why[rank] == nil {
		c.why = map[*knowledge.Ranking]map[int]string{rank: {}} // only the latest query's
	}
	w, ok := c.why[rank][i]
	if !ok {
		w = rank.Result(i).WhyIn(l.T)
		c.why[rank][i] = w
	}
	return w
}

func (c *renderCache) reset(key string) {
	if c.key != key {
		c.key, c.rows, c.entries = key, map[string]string{}, map[string][]string{}
	}
}

func newBrowser(sh *shared) screen {
	b := browser{
		sh:     sh,
		keys:   newBrowserKeys(sh.keys),
		filter: newInput(sh, "/ ", sh.t("code, HTTP status, server message, title or severity")),
		vp:     viewport.New(),
		cache:  &renderCache{},
	}
	b.filter.CharLimit = 200
	b.apply(sh, "")
	return b
}

// apply filters the entries by what is typed, ranked by the catalogue's search: the one
// ranker the search command uses too. Without a query every entry shows, in code order.
func (b *browser) apply(sh *shared, q string) {
	b.query = strings.TrimSpace(q)
	var prev string
	if e := b.selected(); e != nil {
		prev = e.Code
	}
	b.results, b.rank = nil, nil
	switch {
	case sh.cat == nil:
	case b.query == "":
		b.results = sh.cat.Entries
	default:
		b.rank = sh.cat.Rank(b.query)
		b.results = make([]*knowledge.Entry, b.rank.Len())
		for i := range b.results {
			b.results[i] = b.rank.Entry(i)
		}
	}
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

func (b browser) Capturing() bool { return b.filtering }

func (b browser) SetSize(int, int) screen {
	b.layout(b.sh)
	return b
}

func (b browser) Restyle() screen {
	b.filter.SetStyles(inputStyles(b.sh))
	b.shown = ""
	b.cache.reset("")
	return b
}

// Ask never asks: the reference holds no work.
func (b browser) Ask(any) string { return "" }

// Open shows the reference; with an entry's code, that entry, read in full.
func (b browser) Open(arg any) (screen, tea.Cmd) {
	if code, ok := arg.(string); ok {
		b.show(b.sh, code)
		b.detail = true
	}
	b.layout(b.sh)
	return b, nil
}

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
				// A long URL does not wrap: it is cut, and made a link to the whole of it,
				// which terminals that know OSC 8 open on a click.
				if len(l) > dw && width(l) > dw {
					l = linkURLs(l)
				}
				lines[i] = truncate(l, dw)
			}
			b.cache.entries[e.Code] = lines
		}
		b.lines = lines
		b.vp.SetContentLines(lines)
		b.shown = key
	}
	b.offset = listWindow(b.offset, b.cursor, len(b.results), b.listHeight(sh))
}

func (b browser) Update(msg tea.Msg) (screen, tea.Cmd, move) {
	sh := b.sh
	if b.filtering {
		nb, cmd := b.updateFilter(sh, msg)
		return nb, cmd, none
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return b, nil, none
	}
	nav, bk := sh.keys.Nav, b.active()
	if b.jumping {
		b.jumping = false // any key ends the picker; a number also jumps
		if key.Matches(k, bk.JumpTo) {
			if e := b.selected(); e != nil {
				if n, ok := nav.number(k); ok && n < len(e.Related) {
					b.back = append(b.back, e.Code)
					b.show(sh, e.Related[n])
				}
			}
		}
		b.layout(sh)
		return b, nil, none
	}
	inDetail := b.detail && !sh.wide()
	switch {
	case key.Matches(k, sh.keys.Global.Back):
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
			return b, nil, goBack()
		}
	case key.Matches(k, bk.Filter):
		b.filtering, b.detail = true, false
		b.layout(sh)
		cmd := b.filter.Focus()
		return b, cmd, none
	case key.Matches(k, bk.Related):
		b.jumping = true
	case key.Matches(k, sh.keys.Scroll.PageDown):
		b.vp.PageDown()
	case key.Matches(k, sh.keys.Scroll.PageUp):
		b.vp.PageUp()
	case inDetail && key.Matches(k, nav.Down):
		b.vp.ScrollDown(1)
	case inDetail && key.Matches(k, nav.Up):
		b.vp.ScrollUp(1)
	case inDetail && key.Matches(k, nav.Top):
		b.vp.GotoTop()
	case inDetail && key.Matches(k, nav.Bottom):
		b.vp.GotoBottom()
	case key.Matches(k, nav.Up):
		b.move(sh, b.cursor-1)
	case key.Matches(k, nav.Down):
		b.move(sh, b.cursor+1)
	case key.Matches(k, nav.Top):
		b.move(sh, 0)
	case key.Matches(k, nav.Bottom):
		b.move(sh, len(b.results)-1)
	case key.Matches(k, bk.Open):
		b.detail = true
	}
	b.layout(sh)
	return b, nil, none
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
		bk := b.keys
		switch {
		case key.Matches(k, bk.KeepFilter):
			b.filtering = false
			b.filter.Blur()
			b.layout(sh)
			return b, nil
		case key.Matches(k, bk.ClearFilter):
			b.filtering = false
			b.filter.Blur()
			b.filter.SetValue("")
			b.apply(sh, "")
			b.layout(sh)
			return b, nil
		case key.Matches(k, bk.FilterUp):
			b.move(sh, b.cursor-1)
			b.layout(sh)
			return b, nil
		case key.Matches(k, bk.FilterDown):
			b.move(sh, b.cursor+1)
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

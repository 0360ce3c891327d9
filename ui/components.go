package ui

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// maskFor shows a secret the way this screen may: a masked prefix and the length, or in
// presenter mode only that it is set and how long it is.
func maskFor(sh *shared, v string) string {
	if v == "" {
		return sh.t("(not set)")
	}
	if sh.present {
		return sh.t("set (") + itoaLen(v) + sh.t(" chars)")
	}
	return sh.lang.MaskWords(redact.Mask(v))
}

// wrap sets catalogue or flow text for the screen: WrapCode with code spans in the Code
// style, each line in outer. A span ends its own style, so the outer one is opened again
// after it; lines are styled one by one, since a block render pads the short ones with
// spaces that a copy would take along.
func (sh *shared) wrap(outer lipgloss.Style, text string, cols int, first, rest string) string {
	open := styleOpen(outer)
	code := func(s string) string { return sh.st.Code.Render(s) + open }
	lines := strings.Split(WrapCode(text, cols, first, rest, code), "\n")
	for i, l := range lines {
		lines[i] = outer.Render(l)
	}
	return strings.Join(lines, "\n")
}

// styleLines renders each line of s in st: a block render would pad the short lines with
// spaces, which a person copying them would take along.
func styleLines(st lipgloss.Style, s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return strings.Join(lines, "\n")
}

// styleOpen is the escape sequence that starts text in style s ("" for a plain style).
func styleOpen(s lipgloss.Style) string {
	r := s.Render("x")
	if i := strings.IndexByte(r, 'x'); i > 0 {
		return r[:i]
	}
	return ""
}

// itoaLen is the length of s in characters, as text.
func itoaLen(s string) string { return strconv.Itoa(utf8.RuneCountInString(s)) }

// inputStyles are the text input's styles for the current theme. The cursor does not blink:
// a blink is a redraw every half second for nothing, and it makes snapshots unstable.
func inputStyles(sh *shared) textinput.Styles {
	s := textinput.DefaultStyles(sh.isDark)
	s.Cursor.Blink = false
	s.Focused.Prompt = sh.st.Cursor
	s.Focused.Placeholder = sh.st.Muted
	s.Blurred.Placeholder = sh.st.Muted
	return s
}

func newInput(sh *shared, prompt, placeholder string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder
	ti.SetStyles(inputStyles(sh))
	return ti
}

func areaStyles(sh *shared) textarea.Styles {
	s := textarea.DefaultStyles(sh.isDark)
	s.Cursor.Blink = false
	s.Focused.Placeholder = sh.st.Muted
	s.Blurred.Placeholder = sh.st.Muted
	return s
}

// fit cuts s to at most w columns and h lines, so a screen can never push the frame out of
// the terminal; shorter content is padded with empty lines to h.
func fit(s string, w, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for i, l := range lines {
		// A line is never wider than it is long in bytes, so most lines need no measuring.
		if len(l) > w && width(l) > w {
			lines[i] = ansi.Truncate(l, w, glyphEllipsis)
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// truncate cuts one line of text to w columns with an ellipsis.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if len(s) <= w || width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, glyphEllipsis)
}

// visible is the part of content a viewport shows. The viewport keeps the scroll position
// and handles the keys; drawing its lines here skips a second measuring of every line.
func visible(vp viewport.Model, lines []string) string {
	start := min(max(vp.YOffset(), 0), len(lines))
	end := min(start+vp.Height(), len(lines))
	out := strings.Join(lines[start:end], "\n")
	// Fill the viewport's height so what follows it stays in its place.
	return out + strings.Repeat("\n", max(vp.Height()-(end-start), 0))
}

// padRight pads s with spaces to w columns (by display width, never by bytes).
func padRight(s string, w int) string {
	if n := width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// listWindow returns the first visible index of a list of n items so that cursor stays
// within a window of h rows, keeping the previous offset when it still works.
func listWindow(offset, cursor, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+h {
		offset = cursor - h + 1
	}
	return min(max(offset, 0), n-h)
}

// cursorLine renders one line of a list with the › marker for the selected row, so the
// selection is visible without colour.
func cursorLine(sh *shared, text string, selected bool, w int) string {
	if selected {
		return sh.st.Cursor.Render(glyphCursor+" ") + sh.st.Selected.Render(truncate(text, w-2))
	}
	return "  " + sh.st.Text.Render(truncate(text, w-2))
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// scrollNote says where a window stands in a list, for every list that scrolls: "choices 4-6 of 9 · ↑ 3 above ·
// ↓ 3 below (j/k)". It is a position, never a percentage, which reads as progress.
func scrollNote(l lang.Lang, first, last, n int, what string) string {
	parts := []string{fmt.Sprintf(l.T("%s %d-%d of %d"), what, first+1, last, n)}
	if first > 0 {
		parts = append(parts, fmt.Sprintf(l.T("↑ %d above"), first))
	}
	if last < n {
		parts = append(parts, fmt.Sprintf(l.T("↓ %d below"), n-last))
	}
	return strings.Join(parts, glyphSep) + l.T(" (↑/↓ or j/k)")
}

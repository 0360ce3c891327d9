package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// TextStyles are the styles of what the sub-commands print (catalogue text, check
// statuses), shared by the CLI printers and the reference browser so an entry reads the
// same in both. The zero value prints plain text.
type TextStyles struct {
	Title   lipgloss.Style
	Code    lipgloss.Style
	Heading lipgloss.Style
	Muted   lipgloss.Style
	Accent  lipgloss.Style
	Sev     map[knowledge.Severity]lipgloss.Style
	// Pass, Warn and Fail colour a check's status (Status); a skip is Muted.
	Pass, Warn, Fail lipgloss.Style
	// Lang is the language of the headings and labels around the catalogue's text; it
	// travels with the styles because every renderer of catalogue text takes them.
	Lang lang.Lang
	// DrawCode draws `code spans` in the Accent style without their backticks, for a
	// terminal; without it (a pipe, a file) the backticks stay, as written.
	DrawCode bool
}

// wrap is Wrap, or WrapCode when the styles draw code.
func (st TextStyles) wrap(text string, width int, first, rest string) string {
	if !st.DrawCode {
		return Wrap(text, width, first, rest)
	}
	return WrapCode(text, width, first, rest, func(s string) string { return st.Accent.Render(s) })
}

// PlainTextStyles prints without any escape codes (pipes, NO_COLOR).
func PlainTextStyles() TextStyles { return TextStyles{} }

// NewTextStyles is the catalogue text in the wizard's palette for a dark or light
// background: one set of colours for the whole program.
func NewTextStyles(isDark bool) TextStyles { return newStyles(isDark, false).textStyles() }

// Status is a check's status as its glyph and word ("✓ pass", "✗ fail"), the same marks
// the wizard draws, coloured when the styles are.
func (st TextStyles) Status(s check.Status) string {
	style := st.Muted
	switch s {
	case check.Pass:
		style = st.Pass
	case check.Warn:
		style = st.Warn
	case check.Fail:
		style = st.Fail
	}
	return style.Render(s.Glyph() + " " + s.Word())
}

// SeverityLabel names a severity in words (never by colour alone).
func SeverityLabel(s knowledge.Severity) string { return strings.ToUpper(string(s)) }

func (st TextStyles) severity(s knowledge.Severity) string {
	return st.Sev[s].Render(st.Lang.T(SeverityLabel(s)))
}

// PlaceLabel says where an entry appears, in words.
func PlaceLabel(p knowledge.Place) string {
	switch p {
	case knowledge.PlaceAuthorizeRedirect:
		return "authorize redirect (?error= on your callback)"
	case knowledge.PlaceAuthorizePage:
		return "authorize page (shown to the user)"
	case knowledge.PlaceTokenEndpoint:
		return "token endpoint (POST /oauth/token)"
	case knowledge.PlaceAPI:
		return "API (/api/user, /api/user/details)"
	case knowledge.PlaceCallback:
		return "your callback handler"
	case knowledge.PlaceTransport:
		return "network (before any HTTP answer)"
	}
	return string(p)
}

// ShortPlaces is a compact "where" for lists.
func ShortPlaces(ps []knowledge.Place) string {
	short := map[knowledge.Place]string{
		knowledge.PlaceAuthorizeRedirect: "authorize",
		knowledge.PlaceAuthorizePage:     "authorize",
		knowledge.PlaceTokenEndpoint:     "token",
		knowledge.PlaceAPI:               "api",
		knowledge.PlaceCallback:          "callback",
		knowledge.PlaceTransport:         "network",
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range ps {
		s := short[p]
		if s == "" {
			s = string(p)
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return strings.Join(out, ",")
}

// StatusList joins HTTP statuses, or "-" when there are none.
func StatusList(codes []int) string {
	if len(codes) == 0 {
		return "-"
	}
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = strconv.Itoa(c)
	}
	return strings.Join(s, ",")
}

// RenderEntry writes the whole entry: title, severity, where it appears, the causes grouped
// by context, the resolution checklist, prevention tips and related entries.
func RenderEntry(e *knowledge.Entry, width int, st TextStyles) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s\n", st.Code.Render(e.Code), st.Title.Render(e.Title))
	sev := st.Lang.T("Severity: ") + st.severity(e.Severity)
	if e.SeverityNote != "" {
		sev += st.Muted.Render(" (" + e.SeverityNote + ")")
	}
	b.WriteString(sev + "\n")
	if len(e.Aliases) > 0 {
		b.WriteString(st.Muted.Render(st.Lang.T("Also known as: ")+strings.Join(e.Aliases, ", ")) + "\n")
	}
	where := make([]string, len(e.AppearsAt))
	for i, p := range e.AppearsAt {
		where[i] = st.Lang.T(PlaceLabel(p))
	}
	b.WriteString(Wrap(st.Lang.T("Appears at: ")+strings.Join(where, "; "), width, "", "  ") + "\n")
	b.WriteString(st.Lang.T("HTTP status: ") + StatusList(e.HTTPStatus) + "\n\n")
	b.WriteString(st.wrap(e.Summary, width, "", "") + "\n")

	b.WriteString("\n" + st.Heading.Render(st.Lang.T("Likely causes")) + "\n")
	for _, group := range causeGroups(e) {
		if title := e.ContextTitle(group); title != "" {
			b.WriteString(st.Accent.Render(title+":") + "\n")
		}
		for _, c := range e.Causes {
			if c.Context != group {
				continue
			}
			b.WriteString(st.wrap(c.Text, width, "  • ", "    ") + "\n")
			b.WriteString("    " + st.Muted.Render("["+c.ID+"]") + "\n")
		}
	}

	b.WriteString("\n" + st.Heading.Render(st.Lang.T("Resolution checklist")) + "\n")
	for i, s := range e.Steps {
		num := fmt.Sprintf("  %d. ", i+1)
		b.WriteString(st.wrap(s.Text, width, num, strings.Repeat(" ", len(num))) + "\n")
		b.WriteString(strings.Repeat(" ", len(num)) + st.Muted.Render(st.Lang.T("fixes: ")+strings.Join(s.Fixes, ", ")) + "\n")
	}

	if len(e.Prevention) > 0 {
		b.WriteString("\n" + st.Heading.Render(st.Lang.T("Prevention")) + "\n")
		for _, p := range e.Prevention {
			b.WriteString(st.wrap(p, width, "  • ", "    ") + "\n")
		}
	}
	if len(e.Related) > 0 {
		b.WriteString("\n" + st.Lang.T("Related: ") + st.Accent.Render(strings.Join(e.Related, ", ")) + "\n")
	}
	if len(e.References) > 0 {
		b.WriteString(st.Lang.T("See:") + "\n")
		for _, r := range e.References {
			b.WriteString("  " + st.Muted.Render(r) + "\n")
		}
	}
	return b.String()
}

// causeGroups lists the entry's cause contexts in the order they first appear.
func causeGroups(e *knowledge.Entry) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range e.Causes {
		if !seen[c.Context] {
			seen[c.Context] = true
			out = append(out, c.Context)
		}
	}
	return out
}

// RenderList writes one line per entry: code, severity, where, HTTP status, title. With
// width > 0 the title is cut to fit; with 0 (a pipe) lines are never cut.
func RenderList(entries []*knowledge.Entry, width int, st TextStyles) string {
	hCode, hSev, hWhere, hTitle := st.Lang.T("CODE"), st.Lang.T("SEVERITY"), st.Lang.T("WHERE"), st.Lang.T("TITLE")
	codeW, sevW, whereW, httpW := len(hCode), len(hSev), len(hWhere), len("HTTP")
	for _, e := range entries {
		sevW = max(sevW, len(st.Lang.T(SeverityLabel(e.Severity))))
		codeW = max(codeW, len(e.Code))
		whereW = max(whereW, len(ShortPlaces(e.AppearsAt)))
		httpW = max(httpW, len(StatusList(e.HTTPStatus)))
	}
	var b strings.Builder
	head := fmt.Sprintf("%-*s  %-*s  %-*s  %-*s  %s", codeW, hCode, sevW, hSev, whereW, hWhere, httpW, "HTTP", hTitle)
	b.WriteString(st.Heading.Render(head) + "\n")
	for _, e := range entries {
		line := fmt.Sprintf("%s  %s  %-*s  %-*s  ",
			st.Code.Render(fmt.Sprintf("%-*s", codeW, e.Code)),
			st.Sev[e.Severity].Render(fmt.Sprintf("%-*s", sevW, st.Lang.T(SeverityLabel(e.Severity)))),
			whereW, ShortPlaces(e.AppearsAt), httpW, StatusList(e.HTTPStatus))
		title := e.Title
		if width > 0 {
			title = ansi.Truncate(title, max(width-ansi.StringWidth(line), 24), "…")
		}
		b.WriteString(line + title + "\n")
	}
	return b.String()
}

// RenderSearch writes search results, best first, each with why it matched
// (knowledge.SearchResult.Why: the words met in each place, typos and prefixes said so).
func RenderSearch(results []knowledge.SearchResult, width int, st TextStyles) string {
	var b strings.Builder
	for _, r := range results {
		fmt.Fprintf(&b, "%s  %s  %s\n", st.Code.Render(r.Entry.Code), st.severity(r.Entry.Severity), r.Entry.Title)
		b.WriteString(Wrap(st.Lang.T("matched ")+r.WhyIn(st.Lang.T), width, "    ", "    ") + "\n")
	}
	return b.String()
}

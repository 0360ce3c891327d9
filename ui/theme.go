package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Glyphs carry every meaning that colour also carries, so NO_COLOR and colour-blind users
// lose nothing. The marks of pass, fail, warn and skip are check.Status's, the one table
// the CLI and the HAR timeline draw too; a success, a failure or a warning that is no
// check's status (a paste taken, a save that failed) borrows the same mark.
var (
	glyphPass = check.Pass.Glyph()
	glyphFail = check.Fail.Glyph()
	glyphWarn = check.Warn.Glyph()
)

const (
	glyphCursor   = "›"
	glyphBullet   = "•"
	glyphTodo     = "[ ]"
	glyphDone     = "[✓]"
	glyphRunning  = "…"
	glyphSep      = " · "
	glyphEllipsis = "…"
)

// styles are named for what they mean, not for how they look. They are rebuilt whenever the
// terminal tells us its background, and once more for presenter mode.
type styles struct {
	App      lipgloss.Style // the whole frame's padding
	Brand    lipgloss.Style // the program name in the header
	Crumb    lipgloss.Style // breadcrumb: where we are
	Title    lipgloss.Style // a screen's heading
	Subtitle lipgloss.Style
	Text     lipgloss.Style
	Muted    lipgloss.Style
	Selected lipgloss.Style // the item under the cursor
	Cursor   lipgloss.Style // the › beside it
	Key      lipgloss.Style // a key name inside a sentence
	Code     lipgloss.Style // an entry code, a node id, a cause id
	Pass     lipgloss.Style
	Warn     lipgloss.Style
	Fail     lipgloss.Style
	Secret   lipgloss.Style // masked secrets
	Confirm  lipgloss.Style // the quit confirmation line
	Severity map[string]lipgloss.Style
	Help     help.Styles

	// gap is the blank space between list items: larger in presenter mode so the screen
	// reads at a distance.
	gap int
}

// palette is one colour per purpose, and the program's only set of colours: the wizard's
// styles, the catalogue text the sub-commands print (NewTextStyles) and the colours of the
// styled help are all made from it. ld picks the light or the dark colour of each pair
// (lipgloss.LightDark of the terminal's background, or the LightDarkFunc fang passes).
type palette struct {
	text, muted, accent, pass, warn, fail, selBG, border, secret color.Color
}

func newPalette(ld lipgloss.LightDarkFunc, present bool) palette {
	c := lipgloss.Color
	p := palette{
		text:   ld(c("#1F2328"), c("#E6E6E6")),
		muted:  ld(c("#5F6B7A"), c("#9AA4B2")),
		accent: ld(c("#0A5FA8"), c("#6CB6FF")),
		pass:   ld(c("#1A7F37"), c("#57D38C")),
		warn:   ld(c("#8A5A00"), c("#F2C14E")),
		fail:   ld(c("#B42318"), c("#FF7B72")),
		selBG:  ld(c("#DDEBFA"), c("#1F3A5F")),
		border: ld(c("#8C959F"), c("#57606A")),
		secret: ld(c("#6E40C9"), c("#C297FF")),
	}
	if present {
		// Presenter mode: full-strength colours on a plain background, readable over a
		// screen-share; muted text is not faded, only unbolded.
		p.text = ld(c("#000000"), c("#FFFFFF"))
		p.muted = p.text
		p.accent = ld(c("#0033CC"), c("#7FDBFF"))
		p.pass = ld(c("#006B1F"), c("#7CFC9A"))
		p.warn = ld(c("#7A4B00"), c("#FFE066"))
		p.fail = ld(c("#A30000"), c("#FF8C8C"))
		p.selBG = ld(c("#000000"), c("#FFFFFF"))
		p.border = p.text
	}
	return p
}

func newStyles(isDark, present bool) styles {
	p := newPalette(lipgloss.LightDark(isDark), present)
	base := lipgloss.NewStyle().Foreground(p.text)
	s := styles{
		App:      lipgloss.NewStyle().Padding(0, 1),
		Brand:    lipgloss.NewStyle().Bold(true).Foreground(p.accent),
		Crumb:    lipgloss.NewStyle().Foreground(p.muted),
		Title:    lipgloss.NewStyle().Bold(true).Foreground(p.accent),
		Subtitle: lipgloss.NewStyle().Bold(true).Foreground(p.text),
		Text:     base,
		Muted:    lipgloss.NewStyle().Foreground(p.muted),
		Selected: lipgloss.NewStyle().Bold(true).Foreground(p.accent),
		Cursor:   lipgloss.NewStyle().Bold(true).Foreground(p.accent),
		Key:      lipgloss.NewStyle().Bold(true).Foreground(p.text),
		Code:     lipgloss.NewStyle().Foreground(p.accent),
		Pass:     lipgloss.NewStyle().Foreground(p.pass),
		Warn:     lipgloss.NewStyle().Foreground(p.warn),
		Fail:     lipgloss.NewStyle().Foreground(p.fail),
		Secret:   lipgloss.NewStyle().Foreground(p.secret),
		Confirm:  lipgloss.NewStyle().Bold(true).Foreground(p.warn),
		Severity: map[string]lipgloss.Style{
			"critical": lipgloss.NewStyle().Bold(true).Foreground(p.fail),
			"high":     lipgloss.NewStyle().Foreground(p.fail),
			"medium":   lipgloss.NewStyle().Foreground(p.warn),
			"low":      lipgloss.NewStyle().Foreground(p.pass),
			"info":     lipgloss.NewStyle().Foreground(p.muted),
		},
	}
	s.Help = help.DefaultStyles(isDark)
	s.Help.ShortKey = s.Help.ShortKey.Foreground(p.text).Bold(true)
	s.Help.FullKey = s.Help.FullKey.Foreground(p.text).Bold(true)
	s.Help.ShortDesc = s.Help.ShortDesc.Foreground(p.muted)
	s.Help.FullDesc = s.Help.FullDesc.Foreground(p.muted)
	if present {
		s.Selected = s.Selected.Reverse(true).Foreground(p.text).Background(lipgloss.NoColor{})
		s.Title = s.Title.Underline(true)
		s.Code = s.Code.Bold(true)
		// Step numbers and node ids are what a support engineer reads out: make them stand out.
		s.Crumb = s.Crumb.Bold(true).Reverse(true).Foreground(p.accent)
		s.Brand = s.Brand.Reverse(true)
		s.App = s.App.Padding(1, 2)
		s.gap = 1
	}
	return s
}

// severity styles a severity word; the word itself carries the meaning.
func (s styles) severity(sev string) string {
	st, ok := s.Severity[sev]
	if !ok {
		st = s.Muted
	}
	return st.Render(sev)
}

// statusStyle is the colour of a check's status; the glyph and the word carry it too.
func (s styles) statusStyle(st check.Status) lipgloss.Style {
	switch st {
	case check.Pass:
		return s.Pass
	case check.Warn:
		return s.Warn
	case check.Fail:
		return s.Fail
	}
	return s.Muted
}

// status renders a check's status as its glyph and word: "✓ pass", "✗ fail".
func (s styles) status(st check.Status) string {
	return s.statusStyle(st).Render(st.Glyph() + " " + st.Word())
}

// textStyles are the catalogue text styles (entrytext.go) in this theme's colours, so an
// entry reads the same in the browser as on the result screen, presenter mode included.
func (s styles) textStyles() TextStyles {
	sev := map[knowledge.Severity]lipgloss.Style{}
	for k, v := range s.Severity {
		sev[knowledge.Severity(k)] = v
	}
	return TextStyles{
		Title:   s.Subtitle,
		Code:    s.Code.Bold(true),
		Heading: s.Subtitle.Underline(true),
		Muted:   s.Muted,
		Accent:  s.Code,
		Sev:     sev,
		Pass:    s.Pass,
		Warn:    s.Warn,
		Fail:    s.Fail,
	}
}

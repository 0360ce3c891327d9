package ui

import (
	"charm.land/lipgloss/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// printStyles are the printer's styles, named for what they mean. They come from the
// wizard's theme (theme.go), so a command's output and the wizard share one palette.
type printStyles struct {
	text    TextStyles // catalogue text, as the reference browser draws it
	code    lipgloss.Style
	title   lipgloss.Style
	heading lipgloss.Style
	muted   lipgloss.Style
	status  map[check.Status]lipgloss.Style
}

// newPrintStyles is a thin adapter over the wizard's styles for a dark or light background:
// when the theme's palette takes a lipgloss.LightDarkFunc (plan-12 §3), only this function
// changes.
func newPrintStyles(isDark bool) printStyles {
	s := newStyles(isDark, false)
	return printStyles{
		text:    s.textStyles(),
		code:    s.Code.Bold(true),
		title:   s.Subtitle,
		heading: s.Subtitle.Underline(true),
		muted:   s.Muted,
		status:  map[check.Status]lipgloss.Style{check.Pass: s.Pass, check.Warn: s.Warn, check.Fail: s.Fail.Bold(true), check.Skip: s.Muted},
	}
}

// plainPrintStyles print no escape code at all.
func plainPrintStyles() printStyles { return printStyles{text: PlainTextStyles()} }

// severity styles a severity word.
func (st printStyles) severity(s knowledge.Severity) lipgloss.Style { return st.text.Sev[s] }

package ui

import (
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// One palette: what the sub-commands print is coloured as the wizard draws it, on a light
// background as on a dark one.
func TestCLITextUsesTheWizardsPalette(t *testing.T) {
	for _, dark := range []bool{true, false} {
		text, st := NewTextStyles(dark), newStyles(dark, false)
		p := newPalette(lipgloss.LightDark(dark), false)
		if text.Code.GetForeground() != p.accent || st.Code.GetForeground() != p.accent {
			t.Errorf("dark=%v: code colour differs between the CLI and the wizard", dark)
		}
		if text.Sev[knowledge.SeverityHigh].GetForeground() != p.fail || text.Fail.GetForeground() != p.fail {
			t.Errorf("dark=%v: failure colour differs", dark)
		}
		if text.Muted.GetForeground() != p.muted {
			t.Errorf("dark=%v: muted colour differs", dark)
		}
	}
	if newPalette(lipgloss.LightDark(true), false).text == newPalette(lipgloss.LightDark(false), false).text {
		t.Error("light and dark backgrounds get the same text colour")
	}
}

// A status reads the same everywhere: check's glyph and word, styled or plain.
func TestStatusIsGlyphAndWord(t *testing.T) {
	want := map[check.Status]string{check.Pass: "✓ pass", check.Fail: "✗ fail", check.Warn: "! warn", check.Skip: "– skip"}
	for s, w := range want {
		if got := PlainTextStyles().Status(s); got != w {
			t.Errorf("plain %s: %q, want %q", s, got, w)
		}
		if got := newStyles(true, false).status(s); ansi.Strip(got) != w {
			t.Errorf("wizard %s: %q, want %q", s, ansi.Strip(got), w)
		}
	}
}

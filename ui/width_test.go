package ui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// FuzzWidth holds the fast cell count to ansi.StringWidth, which it stands in for.
func FuzzWidth(f *testing.F) {
	for _, s := range []string{
		"", "plain", "› ✓ ✗ • … │ ↑/k", "\x1b[1;38;2;1;2;3mbold\x1b[m", "\x1b]8;;http://x\x07link\x1b]8;;\x07",
		"wide 日本語", "emoji 🙂", "e\u0301", "tab\tend", "\x1b", "\x1b[", "\x1b]unterminated", "ß é ü",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}

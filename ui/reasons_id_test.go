package ui

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"

	tea "charm.land/bubbletea/v2"
)

// A result the evidence leads to says, in Indonesian, why the wizard went there and which
// reasons fit: the note above it and the causes' reasons, the server's words as it wrote them.
func TestResultReachedByEvidenceSaysWhyInIndonesian(t *testing.T) {
	m := testModel(t, 160, 48, inLang(t, lang.Indonesian))
	m = send(t, m, press("2"), tea.PasteMsg{Content: `{"error":"invalid_grant","hint":"Authorization code has expired"}`}, press("ctrl+d"))
	screen := screenText(m)
	mustContain(t, screen, "bukti menunjuk ke invalid_grant, penyebabnya code_expired", "Authorization code has expired")
	for _, en := range []string{"evidence names", "the text says", " near ", "the error "} {
		if strings.Contains(screen, en) {
			t.Errorf("the screen still says %q:\n%s", en, screen)
		}
	}
}

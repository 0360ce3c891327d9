package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// A secret typed into the paste box, not pasted, is masked as it appears, as a paste's is in
// its preview; the rest of what was typed stays readable, and so does the box when the
// cursor goes back up a line.
func TestTypedSecretIsMaskedInThePasteBox(t *testing.T) {
	const secret = "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c"
	const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi14eXo"
	m := testModel(t, 100, 30, withGraph(t))
	m = send(t, m, press("2"))
	typed := "client_secret="
	m = send(t, m, typeText(typed)...)
	for _, r := range secret {
		typed += string(r)
		m = send(t, m, typeText(string(r))...)
		if piece := eightOf(screenText(m), secret); piece != "" {
			t.Fatalf("after typing %q the box shows %q:\n%s", typed, piece, screenText(m))
		}
	}
	m = send(t, m, press("enter"))
	m = send(t, m, typeText("Authorization: Bearer "+jwt)...)
	screen := screenText(m)
	if eightOf(screen, secret) != "" || eightOf(screen, jwt[40:]) != "" {
		t.Fatalf("the box shows a typed secret:\n%s", screen)
	}
	if !strings.Contains(screen, "client_secret=") || !strings.Contains(screen, "Authorization: Bearer") {
		t.Fatalf("the box hides what is no secret:\n%s", screen)
	}
	m = send(t, m, press("up"), press("up"), press("up"), press("home"))
	m = send(t, m, typeText("x")...)
	screen = screenText(m)
	if eightOf(screen, secret) != "" || eightOf(screen, jwt[40:]) != "" || !strings.Contains(screen, "xclient_secret=") {
		t.Fatalf("with the cursor on the first line the box shows:\n%s", screen)
	}
	// Typed below the box's height, the masked box scrolls to the line being typed.
	m = send(t, m, press("ctrl+end"))
	for range 16 {
		m = send(t, m, press("enter"))
	}
	m = send(t, m, typeText("refresh_token="+secret)...)
	screen = screenText(m)
	if eightOf(screen, secret) != "" || !strings.Contains(screen, "refresh_token=") {
		t.Fatalf("typed on line 19 the box shows:\n%s", screen)
	}
}

// BenchmarkPasteTypeKeypress200 is one character typed (and removed) at the end of 200 typed
// lines of evidence, handled and drawn: the box masks what was typed, redrawn from a masked
// copy when a line holds a secret.
func BenchmarkPasteTypeKeypress200(b *testing.B) {
	for _, secret := range []bool{false, true} {
		b.Run(fmt.Sprintf("secret=%v", secret), func(b *testing.B) {
			m := realModel(b, 160, 48)
			m = send(b, m, press("2"))
			var lines []string
			for i := range 200 {
				lines = append(lines, "HTTP/1.1 401 Unauthorized; line "+strings.Repeat("x", i%40))
			}
			if secret {
				lines[100] = "client_secret=Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c"
			}
			w := screenOf[wizard](m, screenWizard)
			w.paste.ta.SetValue(strings.Join(lines, "\n"))
			m.screens = slices.Clone(m.screens)
			m.screens[m.line(screenWizard)] = w
			benchKeys(b, m, press("a"), press("backspace"))
		})
	}
}

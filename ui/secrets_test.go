package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// eightOf returns the first run of redact.CutMin characters of secret in text, or "".
func eightOf(text, secret string) string {
	for i := 0; i+redact.CutMin <= len(secret); i++ {
		if strings.Contains(text, secret[i:i+redact.CutMin]) {
			return secret[i : i+redact.CutMin]
		}
	}
	return ""
}

// A secret a paste labels on one line is the session's: the preview, every later screen and
// the report mask it wherever the paste quotes it bare as well. The wizard's report used to
// scrub only the settings' secrets.
func TestPastedSecretIsMaskedForTheWholeSession(t *testing.T) {
	const secret = "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c"
	paste := "client_secret=" + secret + "&grant_type=client_credentials\n" +
		`{"error":"invalid_client","error_description":"the secret ` + secret + ` is not this client's"}`
	m := testModel(t, 100, 30, withGraph(t))
	m = send(t, m, press("2"), tea.PasteMsg{Content: paste})
	if piece := eightOf(screenText(m), secret); piece != "" {
		t.Fatalf("the preview shows %q:\n%s", piece, screenText(m))
	}
	m = send(t, m, press("ctrl+d"))
	if piece := eightOf(screenText(m), secret); piece != "" {
		t.Fatalf("the screen after the paste shows %q:\n%s", piece, screenText(m))
	}
	m = send(t, m, press("w"))
	if m.cur != screenReport {
		t.Fatalf("the report did not open: %v", m.cur)
	}
	if !strings.Contains(screenOf[report](m, screenReport).md, "invalid_client") {
		t.Fatalf("the report lacks the evidence:\n%s", screenOf[report](m, screenReport).md)
	}
	if piece := eightOf(screenOf[report](m, screenReport).md+screenText(m), secret); piece != "" {
		t.Fatalf("the report shows %q:\n%s", piece, screenOf[report](m, screenReport).md)
	}
}

// The session's set is the caller's: what the wizard learns, the CLI around it knows too.
func TestWizardSharesTheSessionSecretSet(t *testing.T) {
	set := &redact.Set{}
	m := testModel(t, 100, 30, withGraph(t), func(o *Options) { o.Secrets = set })
	_ = send(t, m, press("2"), tea.PasteMsg{Content: "Authorization: Bearer Zq8vN2xR4tY7wP1kLm3sD6fH"})
	if got := set.Scrub("Zq8vN2xR4tY7wP1kLm3sD6fH"); strings.Contains(got, "N2xR4tY7") {
		t.Fatalf("the caller's set did not learn the paste's secret: %q", got)
	}
}

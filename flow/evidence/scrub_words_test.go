package evidence

import (
	"strings"
	"testing"
)

// A word a server wrote after a token label is evidence, not a secret: it must reach the
// matcher whole. A value a program could have generated after the same label is still
// hidden, and a password or secret a person chose is hidden whatever it looks like.
func TestSecretsKeepsWordsAfterATokenLabel(t *testing.T) {
	for _, text := range []string{
		"upstream said token: expired (HTTP 401)",
		"Invalid token: malformed",
		"refresh_token: revoked",
		"code_verifier: mismatched",
		`{"id_token": "Missing"}`,
	} {
		if got := Secrets(text); len(got) > 0 {
			t.Errorf("Secrets(%q) = %q, want none: the word is what the server said", text, got)
		}
	}
	for _, tc := range []struct{ text, secret string }{
		{"access_token: abc123xyz", "abc123xyz"},
		{"token: AbCdEfGhIj", "AbCdEfGhIj"},
		{"refresh_token=qwertyuiopasdfghjkl", "qwertyuiopasdfghjkl"},
		{"client_secret: sunshine", "sunshine"},
		{"password = letmein", "letmein"},
	} {
		if out := Scrub(tc.text); strings.Contains(out, tc.secret) {
			t.Errorf("Scrub(%q) = %q shows the secret", tc.text, out)
		}
	}
}

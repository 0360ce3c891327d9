package evidence

import (
	"encoding/base64"
	"strings"
	"testing"
)

// leaks returns a slice of secret, redact's cut length or 12 characters long, that shows in
// out, or "".
func leaks(out, secret string) string {
	n := min(12, len(secret))
	for i := 0; i+n <= len(secret); i++ {
		if strings.Contains(out, secret[i:i+n]) {
			return secret[i : i+n]
		}
	}
	return ""
}

// Basic credentials are secret under whatever name the header was given: every misspelling
// the checks take for Authorization, and any other name, since the value decodes to
// id:secret all the same.
func TestBasicCredentialsMaskedUnderAnyHeaderName(t *testing.T) {
	const secret = "Zq8rT2mW9xVb4nLpQ7sK"
	cred := base64.StdEncoding.EncodeToString([]byte("7:" + secret))
	for _, name := range []string{"Authorization", "Authorizaion", "Authorizatoin", "Auhtorization", "Authentification",
		"X-Client-Auth", "authorization "} {
		for _, text := range []string{
			name + ": Basic " + cred,
			"curl -X POST -H '" + name + ": Basic " + cred + "' https://id.example.org/oauth/token",
			`{"headers": {"` + name + `": "Basic ` + cred + `"}}`,
		} {
			if piece := leaks(Scrub(text), cred); piece != "" {
				t.Errorf("Scrub(%q) shows %q of the credentials", text, piece)
			}
			o, err := Parse(text, testNow)
			if err != nil {
				t.Fatal(err)
			}
			noSecret(t, o, cred[4:16], secret[:12])
		}
	}
	// Prose about Basic auth is not a credential.
	if got := Secrets("we use basic auth for the token endpoint"); len(got) > 0 {
		t.Errorf("prose read as credentials: %q", got)
	}
}

// The chained-error exception after "password: " holds only where the line is already a
// chain of messages: a person writing about their own password is giving it.
func TestPasswordInProseStaysMasked(t *testing.T) {
	for _, tc := range []struct{ text, secret string }{
		{"my password: letmein and it still fails", "letmein"},
		{"the password: Sunday then login fails", "Sunday"},
		{"admin password: hunter two is what I use", "hunter"},
	} {
		if out := Scrub(tc.text); strings.Contains(out, tc.secret) {
			t.Errorf("Scrub(%q) = %q shows the password", tc.text, out)
		}
	}
}

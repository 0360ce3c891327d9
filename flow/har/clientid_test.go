package har

import (
	"strings"
	"testing"
)

// Only an id that cannot be any client's is named: a well-formed UUID or a number (Passport's
// two kinds of client id) and any other provider's free-form id stay possible.
func TestClientIDProblem(t *testing.T) {
	for id, want := range map[string]string{
		"5b1a6f6e-3c1d-4c9e-9a57-0d0c5a9d1e0l":   "'l' (character 36)",
		"5B1A6F6E-3C1D-4C9E-9A57-0D0C5A9D1E01":   "",
		"5b1a6f6e-3c1d-4c9e-9a57-0d0c5a9d1e01":   "",
		"5b1a6f6e-3c1d-4c9e-9a57-0d0c5a9d1e01\n": "line break around it",
		" 42":                                    "space or line break",
		`"5b1a6f6e"`:                             "quotes",
		"42":                                     "",
		"my-app":                                 "",
		"5b1a6f6e-3c1d-4c9e-9a57-0d0c5a9d1e0":    "", // one digit short: not a UUID's shape, may be another provider's id
	} {
		got := clientIDProblem(id)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("clientIDProblem(%q) = %q, want %q", id, got, want)
		}
	}
}

package redact

import (
	"strings"
	"testing"
)

func TestMaskNeverShowsTheWhole(t *testing.T) {
	for _, s := range []string{"Q", "short-secret", "def50200728343aa0f6b3c1d9e", strings.Repeat("x", 900)} {
		m := Mask(s)
		if strings.Contains(m, s) {
			t.Errorf("Mask(%q) = %q shows the secret", s, m)
		}
		if !strings.Contains(m, "chars)") {
			t.Errorf("Mask(%q) = %q does not give the length", s, m)
		}
	}
	if Mask("") != "" {
		t.Error("Mask of empty should be empty")
	}
}

// A mask goes back into JSON, URLs and terminal text: its prefix is shown only when it is
// made of token characters.
func TestMaskShowsOnlyTokenCharacters(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"def50200728343aa0f6b3c1d9e", "def5…(26 chars)"},
		{`a"b<cdefghijklmnopqrstu`, "…(23 chars)"},
		{"\x1b]52;c;aGVsbG8=\x07secret0123", "…(26 chars)"},
		{"ab", "…(2 chars)"},
		{"ééééabcdefghijklmnop", "…(20 chars)"},
	} {
		if got := Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHeaderMasksCredentials(t *testing.T) {
	got := Header("Authorization", "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.sig")
	if !strings.HasPrefix(got, "Bearer eyJ0…") || strings.Contains(got, "payload") {
		t.Errorf("Header = %q", got)
	}
	if Header("Content-Type", "application/json") != "application/json" {
		t.Error("plain headers must pass through")
	}
}

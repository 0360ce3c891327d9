package redact

import (
	"encoding/json"
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
	if got := Mask("def50200728343aa0f6b3c1d9e"); got != "def5…(26 chars)" {
		t.Errorf("Mask = %q, want prefix and length", got)
	}
	if Mask("") != "" {
		t.Error("Mask of empty should be empty")
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

func TestSetScrubs(t *testing.T) {
	var s Set
	s.Add("SECRET-MARKER-123456")
	out := s.Scrub("client_secret=SECRET-MARKER-123456&x=1")
	if strings.Contains(out, "SECRET-MARKER-123456") {
		t.Fatalf("Scrub left the secret: %q", out)
	}
}

func TestSetScrubJSONFindsEscapedSecrets(t *testing.T) {
	secret := `pa<ss>&"word\\-0123456789`
	var s Set
	s.Add(secret)
	b, err := json.Marshal(map[string]string{"detail": "client_secret=" + secret})
	if err != nil {
		t.Fatal(err)
	}
	if out := s.Scrub(string(b)); !strings.Contains(out, `\u003c`) {
		t.Fatalf("test premise: JSON should escape the secret, got %s", out)
	}
	out := s.ScrubJSON(string(b))
	if strings.Contains(out, "0123456789") || !strings.Contains(out, Mask(secret)) {
		t.Errorf("ScrubJSON = %s, want the escaped secret masked", out)
	}
	var nilSet *Set
	if nilSet.ScrubJSON("x") != "x" {
		t.Error("a nil Set must pass text through")
	}
}

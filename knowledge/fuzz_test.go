package knowledge_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// FuzzLoad: any bytes as a catalogue file either load or are refused with a message naming
// the file, and a loaded catalogue answers Unsourced; nothing panics.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(goodEntry))
	f.Add([]byte(strings.Replace(goodEntry, "    text: One.", "    text: One.\n    source: league 8.5.5 src/A.php:1-2 (x); seed\n    signals:\n      - when: {hint: x}\n        weight: 1\n        source: local", 1)))
	f.Add([]byte(goodEntry + "source: >-\n  seed;\n  https://example.com/a\n"))
	f.Add([]byte(vocabEntry))
	f.Add([]byte(strings.Replace(vocabEntry, "code has expired", "é—ß \u00a0 x", 1)))
	if real, err := fs.ReadFile(assets.Catalogue, "catalogue/invalid_grant.yaml"); err == nil {
		f.Add([]byte(strings.Replace(string(real), "code: invalid_grant", "code: alpha", 1)))
	}
	if real, err := fs.ReadFile(assets.Catalogue, "catalogue/invalid_request.yaml"); err == nil {
		f.Add([]byte(strings.Replace(string(real), "code: invalid_request", "code: alpha", 1)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := knowledge.Load(fstest.MapFS{"cat/alpha.yaml": {Data: data}}, "cat")
		if err != nil {
			if !strings.Contains(err.Error(), "alpha.yaml") {
				t.Fatalf("the error does not name the file: %v", err)
			}
			return
		}
		for _, gap := range c.Unsourced() {
			if !strings.HasPrefix(gap, "cat/alpha.yaml:") {
				t.Fatalf("a gap without file:line: %q", gap)
			}
		}
	})
}

// FuzzMatchText: whatever a parser puts in the words of an observation, matching returns
// ranked entries with confidences in 0..1, and never panics.
func FuzzMatchText(f *testing.F) {
	c, err := knowledge.Builtin()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("invalid_grant", "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client. The PKCE code challenge did not match the code verifier.", "")
	f.Add("", "Required option not passed: \"access_token\"", `League\OAuth2\Client\Token`)
	f.Add("\x00\xff", "AADSTS54005 \u202e code_already_used", "Invalid\tState\nException")
	f.Fuzz(func(t *testing.T, code, text, exception string) {
		d := c.Match(knowledge.Observation{Error: code, Text: text, Exception: exception, Description: text})
		prev := 2.0
		for _, m := range d.Entries {
			if m.Confidence < 0 || m.Confidence > 1 || m.Strength < 0 || m.Strength > 1 {
				t.Fatalf("%s: confidence %v, strength %v out of 0..1", m.Entry.Code, m.Confidence, m.Strength)
			}
			if m.Confidence > prev {
				t.Fatalf("%s: confidence %v rises above the entry ranked before it (%v)", m.Entry.Code, m.Confidence, prev)
			}
			prev = m.Confidence
		}
	})
}

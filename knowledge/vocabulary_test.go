package knowledge_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// vocabEntry is a small catalogue whose causes are told apart only by vocabulary, so the
// tests below exercise the matching rules and not the shipped data.
const vocabEntry = `code: alpha
title: Alpha
severity: low
summary: An entry.
appears_at: [token_endpoint]
http_status: [400]
vocabulary:
  - family: rfc
    errors: [alpha_error]
    source: local
  - family: fosite
    generic: ["The grant is invalid, expired, revoked, or was issued to another client."]
    source: local
causes:
  - id: alpha_expired
    text: It expired.
    source: local
    vocabulary:
      - family: keycloak
        words: ["code has expired"]
        source: local
  - id: alpha_redirect
    text: The redirect differs.
    source: local
    vocabulary:
      - family: fosite
        words: ["redirect_uri from this request does not match"]
        source: local
  - id: alpha_state
    text: The state differs.
    source: local
    vocabulary:
      - family: socialite
        exceptions: [InvalidStateException]
        when: {endpoint: "=callback"}
        source: local
steps:
  - id: fix_all
    text: Fix it.
    fixes: [alpha_expired, alpha_redirect, alpha_state]
prevention: [Be careful.]
`

// loadEntry is a catalogue of one entry, code's, from its YAML.
func loadEntry(t *testing.T, code, body string) *knowledge.Catalogue {
	t.Helper()
	c, err := knowledge.Load(fstest.MapFS{"cat/" + code + ".yaml": {Data: []byte(body)}}, "cat")
	if err != nil {
		t.Fatalf("the fixture does not load: %v", err)
	}
	return c
}

func firstCause(t *testing.T, c *knowledge.Catalogue, o knowledge.Observation) string {
	t.Helper()
	best, ok := c.Match(o).Best()
	if !ok {
		return ""
	}
	if best.Undetermined || len(best.Causes) == 0 {
		return "(undetermined)"
	}
	return best.Causes[0].Cause.ID
}

// A phrase matches by its words wherever the paste put them: case, punctuation, quotes and
// line breaks do not matter, and it never matches inside a longer word.
func TestVocabularyReadsWordsNotBytes(t *testing.T) {
	c := loadEntry(t, "alpha", vocabEntry)
	cases := []struct {
		name string
		obs  knowledge.Observation
		want string
	}{
		{"hint", knowledge.Observation{Hint: "Code has expired"}, "alpha_expired"},
		{"log text with other case and a line break", knowledge.Observation{Text: "WARN token: CODE\nHAS   expired."}, "alpha_expired"},
		{"quotes and underscores", knowledge.Observation{Description: `The "redirect_uri" from this request does not match the one from the authorize request.`}, "alpha_redirect"},
		{"a sentence left in the error field", knowledge.Observation{Error: "The 'redirect-uri' from this request does not match"}, "alpha_redirect"},
		{"not inside a longer word", knowledge.Observation{Error: "alpha_error", Text: "the code hasexpired"}, "(undetermined)"},
		{"accents read as plain letters", knowledge.Observation{Text: "Le code hás expiréd"}, "alpha_expired"},
		{"never across two fields", knowledge.Observation{Error: "alpha_error", Description: "the code has", Text: "expired tokens are refused"}, "(undetermined)"},
		{"exception, qualified, on the right endpoint", knowledge.Observation{Endpoint: "callback", Exception: `Laravel\Socialite\Two\InvalidStateException`}, "alpha_state"},
		{"exception named in a log line", knowledge.Observation{Endpoint: "callback", Text: "production.ERROR: Laravel\\Socialite\\Two\\InvalidStateException in AbstractProvider.php:209"}, "alpha_state"},
		{"exception on another endpoint: when does not hold", knowledge.Observation{Endpoint: "token", Error: "alpha_error", Exception: "InvalidStateException"}, "(undetermined)"},
	}
	for _, tc := range cases {
		if got := firstCause(t, c, tc.obs); got != tc.want {
			t.Errorf("%s: first cause %s, want %s", tc.name, got, tc.want)
		}
	}
}

// An error code matches with its underscores, in the error field or written in the text, and
// the same words as prose are not the code: "Access denied for user" is no access_denied.
func TestVocabularyErrorsKeepTheirUnderscores(t *testing.T) {
	c := loadEntry(t, "alpha", vocabEntry)
	for _, o := range []knowledge.Observation{
		{Error: "alpha_error"},
		{Text: "IdentityProviderException: alpha_error in GenericProvider.php:216"},
		{Message: "OPError: alpha_error (something went wrong)"},
	} {
		if best, ok := c.Match(o).Best(); !ok || best.Entry.Code != "alpha" {
			t.Errorf("%+v: the code alpha_error was not read", o)
		}
	}
	if _, ok := c.Match(knowledge.Observation{Text: "alpha error in the logs"}).Best(); ok {
		t.Error("the prose 'alpha error' was read as the code alpha_error")
	}
}

// The generic sentence names the entry and is cut out before causes are looked for: its
// "expired" is no evidence of an expiry, while the reason a server appends to it still is.
func TestGenericSentenceIsNoCauseEvidence(t *testing.T) {
	c := loadEntry(t, "alpha", vocabEntry)
	generic := "The grant is invalid, expired, revoked, or was issued to another client."
	best, ok := c.Match(knowledge.Observation{Description: generic}).Best()
	if !ok || best.Entry.Code != "alpha" || !best.Undetermined {
		t.Fatalf("the generic sentence alone: got %+v, want alpha, undetermined", best)
	}
	got := firstCause(t, c, knowledge.Observation{Description: generic + " The code has expired."})
	if got != "alpha_expired" {
		t.Errorf("the reason appended to the generic sentence: first cause %s, want alpha_expired", got)
	}
}

// Mistakes in vocabulary are refused at load with file:line and what would be right.
func TestVocabularyMistakesNameFileAndLine(t *testing.T) {
	item := func(yaml string) string {
		return strings.Replace(vocabEntry, "  - family: rfc\n    errors: [alpha_error]\n    source: local\n", yaml, 1)
	}
	cases := []struct{ name, body, want string }{
		{"unknown family", item("  - family: acme\n    words: [\"code has expired\"]\n"), `cat/alpha.yaml:8: vocabulary family "acme" is not one of knowledge.Families`},
		{"nothing to match", item("  - family: rfc\n    source: local\n"), "cat/alpha.yaml:8: vocabulary item has no words, errors, exceptions or generic sentences"},
		{"one short word", item("  - family: rfc\n    words: [expired]\n"), `phrase "expired" is one short word`},
		{"a code with a space", item("  - family: rfc\n    errors: [\"invalid grant\"]\n"), `"invalid grant" is not a code or class name`},
		{"generic on a cause", strings.Replace(vocabEntry, `        words: ["code has expired"]`, `        generic: ["a b c d"]`, 1), "generic sentences belong to the entry, not to a cause"},
		{"a condition on an unknown field", item("  - family: rfc\n    words: [\"code has expired\"]\n    when: {colour: red}\n"), `field "colour" is not one of`},
		{"punctuation only", item("  - family: rfc\n    words: [\"--\"]\n"), `phrase "--" has no letters or digits`},
		{"unknown key", item("  - family: rfc\n    wrods: [\"a b\"]\n"), `unknown field "wrods"`},
	}
	for _, tc := range cases {
		_, err := knowledge.Load(fstest.MapFS{"cat/alpha.yaml": {Data: []byte(tc.body)}}, "cat")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

// Every vocabulary item quotes a server or a library, so one without a source note is a gap
// Unsourced reports (and the shipped catalogue's test refuses).
func TestVocabularyWithoutSourceIsAGap(t *testing.T) {
	c := loadEntry(t, "alpha", strings.Replace(vocabEntry, "        words: [\"code has expired\"]\n        source: local\n", "        words: [\"code has expired\"]\n", 1))
	gaps := strings.Join(c.Unsourced(), "\n")
	if !strings.Contains(gaps, "cat/alpha.yaml:") || !strings.Contains(gaps, "cause alpha_expired: the keycloak vocabulary has no source") {
		t.Errorf("the unsourced vocabulary is not reported: %q", gaps)
	}
}

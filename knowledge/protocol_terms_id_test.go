package knowledge_test

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Protocol terms are what goes over the wire or into a configuration file, so a reader
// must find them in the Indonesian exactly as in the English even where the English writes
// them bare, outside code spans (which SameMarks already guards): parameter and error
// names, .env names, scope names, endpoint paths, header names and the server's own
// sentences quoted in double quotes.
var protocolTermRe = regexp.MustCompile(strings.Join([]string{
	`\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b`,    // client_id, invalid_grant, MUBAROKAH_CLIENT_ID, APP_KEY
	`\b(?:view|detail)-user\b`,                      // the provider's two scopes
	`/(?:oauth|api)/[A-Za-z0-9_*./-]*[A-Za-z0-9_*]`, // its endpoints
	`\b(?:WWW-Authenticate|Retry-After|Content-Type|X-XSRF-TOKEN|Set-Cookie|Authorization)\b`,
	`\b[1-5][0-9][0-9] [A-Z][a-z]+(?: [A-Z][a-z]+)*\b`, // an HTTP status line: 401 Unauthorized
	`"[A-Z][^"\n]+"`, // a server's sentence, quoted ("Token has expired"); a quoted lower-case phrase is prose
}, "|"))

// protocolTermsMissing lists the protocol terms of en that tr does not carry unchanged.
func protocolTermsMissing(en, tr string) []string {
	var missing []string
	seen := map[string]bool{}
	for _, term := range protocolTermRe.FindAllString(en, -1) {
		if seen[term] {
			continue
		}
		seen[term] = true
		if !strings.Contains(tr, term) {
			missing = append(missing, term)
		}
	}
	return missing
}

// onlyProtocolTerms says whether text is nothing but protocol terms ("HTTP 405 Method Not
// Allowed"), which rightly reads the same in both languages.
func onlyProtocolTerms(text string) bool {
	rest := protocolTermRe.ReplaceAllString(strings.ReplaceAll(text, "HTTP", ""), "")
	return strings.IndexFunc(rest, unicode.IsLetter) < 0
}

// textsOf lists every text of e a person reads, named for the error message.
func textsOf(e *knowledge.Entry) [][2]string {
	out := [][2]string{{"title", e.Title}, {"summary", e.Summary}, {"severity_note", e.SeverityNote}}
	for _, k := range slices.Sorted(maps.Keys(e.Contexts)) {
		out = append(out, [2]string{"contexts." + k, e.Contexts[k]})
	}
	for i, s := range e.Signals {
		out = append(out, [2]string{fmt.Sprintf("signals[%d].says", i), s.Says})
	}
	for _, c := range e.Causes {
		out = append(out, [2]string{"causes." + c.ID, c.Text})
		for i, s := range c.Signals {
			out = append(out, [2]string{fmt.Sprintf("causes.%s.signals[%d].says", c.ID, i), s.Says})
		}
	}
	for _, s := range e.Steps {
		out = append(out, [2]string{"steps." + s.ID, s.Text})
	}
	for i, p := range e.Prevention {
		out = append(out, [2]string{fmt.Sprintf("prevention[%d]", i), p})
	}
	return out
}

// Every entry in Bahasa Indonesia keeps the English's protocol terms, and every text a
// person reads is there and is not the English left untranslated. For the seed's seven
// entries this is the replay of every seed cause, step and tip in Indonesian at the level
// of the catalogue (flow's TestReplayEverySeedCauseInIndonesian walks to each cause).
func TestIndonesianKeepsProtocolTerms(t *testing.T) {
	en, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	id, err := knowledge.BuiltinIn(knowledge.LangIndonesian)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range en.Entries {
		tr, ok := id.Lookup(e.Code)
		if !ok {
			t.Errorf("%s: no Indonesian entry", e.Code)
			continue
		}
		enTexts, trTexts := textsOf(e), textsOf(tr)
		if len(enTexts) != len(trTexts) {
			t.Errorf("%s: %d texts in Indonesian, %d in English", e.Code, len(trTexts), len(enTexts))
			continue
		}
		for i, et := range enTexts {
			name, enText, trText := et[0], et[1], trTexts[i][1]
			if trTexts[i][0] != name {
				t.Errorf("%s: text %d is %s in Indonesian, %s in English", e.Code, i, trTexts[i][0], name)
				continue
			}
			if enText == "" {
				continue
			}
			if strings.TrimSpace(trText) == "" {
				t.Errorf("%s %s: empty in Indonesian", e.Code, name)
				continue
			}
			if trText == enText && !onlyProtocolTerms(enText) {
				t.Errorf("%s %s: still the English: %q", e.Code, name, enText)
			}
			if missing := protocolTermsMissing(enText, trText); len(missing) > 0 {
				t.Errorf("%s %s: the Indonesian lacks %q\n  en: %s\n  id: %s", e.Code, name, missing, enText, trText)
			}
		}
	}
}

func TestProtocolTermsMissing(t *testing.T) {
	en := `Send the client_id to /oauth/token with Retry-After and "Token has expired"; view-user only; 401 Unauthorized.`
	if got := protocolTermsMissing(en, `Kirim client_id ke /oauth/token dengan Retry-After dan "Token has expired"; hanya view-user; 401 Unauthorized.`); len(got) != 0 {
		t.Errorf("a faithful translation lacks %q", got)
	}
	got := protocolTermsMissing(en, `Kirim client id ke /oauth/token dengan Retry-After dan "Token sudah kedaluwarsa"; hanya view_user; 401 Tidak Sah.`)
	want := []string{"client_id", `"Token has expired"`, "view-user", "401 Unauthorized"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("missing = %q, want %q", got, want)
	}
}

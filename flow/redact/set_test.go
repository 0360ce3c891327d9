package redact

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// leaks reports the first run of CutMin characters of secret that text still holds.
func leaks(text, secret string) string {
	for i := 0; i+CutMin <= len(secret); i++ {
		if strings.Contains(text, secret[i:i+CutMin]) {
			return secret[i : i+CutMin]
		}
	}
	return ""
}

func jsonEscaped(v string, html bool) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	_ = enc.Encode(v)
	q := strings.TrimSpace(b.String())
	return q[1 : len(q)-1]
}

// Every form a secret takes in text is scrubbed, for a plain generated secret and for one
// with the characters each encoding changes.
func TestSetScrubsEveryForm(t *testing.T) {
	for _, secret := range []string{"Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c", `s3cr/et+va<l>ue&"x\1234 Zz`} {
		var s Set
		s.AddBasic("client-9", secret)
		b64 := func(p string) string { return base64.StdEncoding.EncodeToString([]byte(p)) }
		for _, tc := range []struct{ name, text string }{
			{"raw", "client_secret=" + secret + " and more"},
			{"form-encoded", "client_secret=" + url.QueryEscape(secret) + "&x=1"},
			{"path-encoded", "https://h/" + url.PathEscape(secret) + "/x"},
			{"JSON", `{"client_secret":"` + jsonEscaped(secret, true) + `"}`},
			{"JSON without HTML escapes", `{"client_secret":"` + jsonEscaped(secret, false) + `"}`},
			{"PHP json_encode", `{"client_secret":"` + strings.ReplaceAll(jsonEscaped(secret, true), "/", `\/`) + `"}`},
			{"Basic with the configured id", "Authorization: Basic " + b64("client-9:"+secret)},
			{"Basic, form-encoded parts", "Authorization: Basic " + b64("client-9:"+url.QueryEscape(secret))},
			{"Basic with another id", "Authorization: Basic " + b64("x:"+secret)},
			{"Basic with a longer id", "Basic " + b64("other-client-id:"+secret) + " sent"},
			{"base64 alone", "secret was " + b64(secret)},
			{"base64url", base64.URLEncoding.EncodeToString([]byte("ab:" + secret))},
			{"cut: prefix", "detail: " + secret[:12] + "…"},
			{"cut: tail", "…" + secret[len(secret)-10:] + " end"},
			{"cut: middle", "(" + secret[5:20] + ")"},
			{"twice, touching", secret + secret},
		} {
			out := s.Scrub(tc.text)
			if piece := leaks(out, secret); piece != "" {
				t.Errorf("%q %s: Scrub(%q) = %q keeps %q", secret, tc.name, tc.text, out, piece)
			}
		}
	}
}

// What is not a secret stays as it was, and the mask says what was there.
func TestSetScrubKeepsTheRest(t *testing.T) {
	secret := "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c"
	var s Set
	s.Add(secret)
	if got := s.Scrub("client_secret=" + secret + "&state=xyz"); got != "client_secret=Zq8v…(32 chars)&state=xyz" {
		t.Errorf("Scrub = %q", got)
	}
	if got := s.Scrub("a piece " + secret[10:20] + " here"); got != "a piece …(10 chars) here" {
		t.Errorf("Scrub of a piece = %q", got)
	}
	// Seven characters are not enough to tell a piece of a secret from chance.
	if in := "short " + secret[3:10]; s.Scrub(in) != in {
		t.Errorf("Scrub changed a 7-character run: %q", s.Scrub(in))
	}
	plain := "The token endpoint did not accept the client's credentials."
	if s.Scrub(plain) != plain {
		t.Errorf("Scrub changed plain text: %q", s.Scrub(plain))
	}
}

// A secret that reads like a word (an error code a paste put where a code goes) is hidden
// whole only, so the words around it stay.
func TestSetWordSecretsAreHiddenWholeOnly(t *testing.T) {
	var s Set
	s.Add("invalid_client_secret_value")
	got := s.Scrub("invalid_client: the invalid_client_secret_value was wrong")
	if got != "invalid_client: the "+Mask("invalid_client_secret_value")+" was wrong" {
		t.Errorf("Scrub = %q", got)
	}
	s.Add("short")
	if got := s.Scrub("short text"); got != "short text" {
		t.Errorf("a value under MinSecret was scrubbed: %q", got)
	}
}

// A mask put into JSON leaves it valid JSON.
func TestSetScrubKeepsJSONValid(t *testing.T) {
	secret := `pa"ss\word-0123456789<>&`
	var s Set
	s.Add(secret)
	b, err := json.Marshal(map[string]string{"detail": "client_secret=" + secret})
	if err != nil {
		t.Fatal(err)
	}
	out := s.Scrub(string(b))
	var back map[string]string
	if err := json.Unmarshal([]byte(out), &back); err != nil {
		t.Fatalf("Scrub broke the JSON %s: %v", out, err)
	}
	if strings.Contains(back["detail"], "0123456789") {
		t.Errorf("Scrub left the secret: %s", out)
	}
}

func TestNilAndEmptySetPassText(t *testing.T) {
	var nilSet *Set
	if nilSet.Scrub("text with words") != "text with words" || nilSet.Len() != 0 {
		t.Error("a nil Set must pass text through")
	}
	var empty Set
	if empty.Scrub("text with words") != "text with words" {
		t.Error("an empty Set must pass text through")
	}
}

// FuzzScrub: a generated secret planted in any text, in any of its forms, never comes out
// in a run of CutMin characters.
func FuzzScrub(f *testing.F) {
	f.Add("before ", " after", []byte("Zq8vN2xR4tY7wP1kLm3s"), uint8(0))
	f.Add("", "", []byte("aaaaaaaaaaaaaaaa1"), uint8(3))
	f.Add("Zq8vN2xR", "4tY7", []byte("Zq8vN2xR4tY7wP1k"), uint8(5))
	f.Fuzz(func(t *testing.T, before, after string, raw []byte, shape uint8) {
		secret := generated(raw)
		if !Cuttable(secret) || strings.Contains(before+after, secret[:CutMin]) {
			return
		}
		var s Set
		s.AddBasic("id", secret)
		forms := []string{secret, url.QueryEscape(secret), jsonEscaped(secret, true),
			base64.StdEncoding.EncodeToString([]byte("id:" + secret)),
			base64.StdEncoding.EncodeToString([]byte("some-other-id:" + secret)),
			secret[:len(secret)*2/3], secret[len(secret)/3:]}
		planted := forms[int(shape)%len(forms)]
		out := s.Scrub(before + planted + after)
		// Only what the planted text brought counts: a run the fuzzer wrote into before or
		// after is not a leak. The secret shows raw, or as base64 characters of its own.
		for _, sensitive := range append([]string{secret}, base64Cores(secret)...) {
			for i := 0; i+CutMin <= len(sensitive); i++ {
				piece := sensitive[i : i+CutMin]
				if strings.Contains(out, piece) && !strings.Contains(before+after, piece) &&
					strings.Contains(planted, piece) {
					t.Fatalf("Scrub(%q) = %q keeps %q of %q", before+planted+after, out, piece, secret)
				}
			}
		}
	})
}

// generated turns fuzz bytes into a secret of token characters, as issued secrets are.
func generated(raw []byte) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
	var b strings.Builder
	for _, c := range raw[:min(len(raw), 80)] {
		b.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	return b.String()
}

// What every value of a kind starts with is no piece of a secret: the words "def50200" and
// a JWT's header stay readable where a message names them.
func TestSetLeavesPublicPrefixes(t *testing.T) {
	var s Set
	refresh := "def50200aabbccddeeff00112233445566"
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz"
	s.Add(refresh, jwt)
	for in, want := range map[string]string{
		"a value starting with def50200 is encrypted": "a value starting with def50200 is encrypted",
		"header eyJhbGciOiJIUzI1NiJ9 names HS256":     "header eyJhbGciOiJIUzI1NiJ9 names HS256",
		"refresh " + refresh[:12] + "…":               "refresh …(12 chars)…",
		"jwt " + jwt[:24]:                             "jwt …(24 chars)",
	} {
		if got := s.Scrub(in); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", in, got, want)
		}
	}
}

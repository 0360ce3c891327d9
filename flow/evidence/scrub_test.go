package evidence

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

const planted = "Zq8vN2xR4tY7wP1kLm3sD6fH"

// Text whose lower-case form is longer or shorter than itself (İ, the Kelvin sign, bytes
// that are not UTF-8) before a quoted name or an Authorization line once shifted the offsets
// Secrets sliced with: a panic, or the credential let through.
func TestSecretsReadsTextWhoseCaseChangesLength(t *testing.T) {
	for _, tc := range []struct{ name, text, secret string }{
		{"Laravel's undefined array key", `ErrorException: Undefined array key "code"`, ""},
		{"quoted name at the very end", `"client_secret"`, ""},
		{"bearer after a stray byte", "\xb6Bearer ", ""},
		{"dotted I", "İİİİ Authorization: Bearer " + planted, planted},
		{"Kelvin sign", "\u212a\u212a\u212a\u212aAuthorization: Bearer " + planted, planted},
		{"invalid UTF-8", "\xff\xfe\xb6\xb6 authorization: Bearer " + planted + "\n", planted},
		{"many dotted I", strings.Repeat("İ", 300) + "\nAUTHORIZATION: Basic " + planted, planted},
	} {
		got := Secrets(tc.text)
		if tc.secret != "" && !slices.Contains(got, tc.secret) {
			t.Errorf("%s: Secrets = %q, want %q among them", tc.name, got, tc.secret)
		}
		if tc.secret != "" && strings.Contains(Scrub(tc.text), tc.secret) {
			t.Errorf("%s: Scrub let the credential through: %q", tc.name, Scrub(tc.text))
		}
		if _, err := Parse(tc.text, testNow); err != nil && !strings.Contains(err.Error(), "binary") {
			t.Errorf("%s: Parse: %v", tc.name, err)
		}
	}
}

// Each way a paste labels a secret is read, and Scrub hides the value there.
func TestSecretsReadsEveryLabel(t *testing.T) {
	basic := base64.StdEncoding.EncodeToString([]byte("client-9:" + planted))
	for _, text := range []string{
		"client_secret=" + planted + "&grant_type=client_credentials",
		"client_secret=" + url.QueryEscape(planted+"/+") + "&x=1",
		`{"client_secret":"` + planted + `"}`,
		`{"access_token": "` + planted + `", "token_type": "Bearer"}`,
		"MUBAROKAH_CLIENT_SECRET=" + planted,
		"export CLIENT_SECRET='" + planted + "'",
		"MUBAROKAH_DOCTOR_REFRESH_TOKEN=\"" + planted + "\"",
		"'client_secret' => '" + planted + "',",
		"    [client_secret] => " + planted,
		"client_secret: " + planted,
		"X-Api-Key: " + planted,
		"Authorization: Basic " + basic,
		"Authorization: Bearer " + planted,
		"Cookie: laravel_session=" + planted + "; XSRF-TOKEN=abc",
		"Set-Cookie: laravel_session=" + planted + "; path=/oauth; httponly",
		"https://app:" + planted + "@accounts.example/oauth/token",
		"curl -u client-9:" + planted + " https://accounts.example/oauth/token",
		"curl --user 'client-9:" + planted + "' https://accounts.example/oauth/token",
		"[2026-03-02 10:15:32] production.ERROR: token request failed {\"code_verifier\":\"" + planted + "\"}",
		"https://app.example/cb?code=" + planted + "&state=xyz",
		"password = " + planted,
		"client_secret=" + planted[:6] + "\x1b[1m" + planted[6:] + "\x1b[0m&x=1", // colours split it on screen only
	} {
		got := Secrets(text)
		if !slices.ContainsFunc(got, func(v string) bool { return strings.Contains(v, planted) }) {
			t.Errorf("Secrets(%q) = %q misses the secret", text, got)
		}
		if out := Scrub(text); strings.Contains(out, planted[:12]) {
			t.Errorf("Scrub(%q) = %q", text, out)
		}
	}
}

// Words that look like labels but carry no secret stay: error codes under "code", a
// challenge's auth-params, cookie attributes.
func TestSecretsLeavesWhatIsNoSecret(t *testing.T) {
	for _, text := range []string{
		`{"error":{"code":"invalid_client","message":"Client authentication failed"}}`,
		`WWW-Authenticate: Bearer realm="OAuth", error="invalid_token"`,
		"Set-Cookie: a=b; path=/oauth/token; domain=accounts.example",
		"status_code: 401, token_type: Bearer",
		"grant_type=authorization_code&redirect_uri=https://app/cb",
	} {
		if got := Secrets(text); len(got) > 0 {
			t.Errorf("Secrets(%q) = %q, want none", text, got)
		}
	}
}

func TestFoldASCIIKeepsOffsets(t *testing.T) {
	for _, s := range []string{"", "abc", "ABC İ K \xb6 Authorization:", "日本AB"} {
		f := foldASCII(s)
		if len(f) != len(s) {
			t.Fatalf("foldASCII(%q) changed the length", s)
		}
		for i := 0; i < len(s); i++ {
			if c := s[i]; (c < 'A' || c > 'Z') && f[i] != c {
				t.Fatalf("foldASCII(%q) changed byte %d", s, i)
			}
		}
	}
}

// A paste's controls, even spelled as JSON escapes, never reach an observation.
func TestObservationHoldsNoControl(t *testing.T) {
	o := parse(t, "HTTP/1.1 400 Bad Request\x1b]0;title\x07\nContent-Type: application/json\n\n"+
		`{"error":"invalid_request","error_description":"bad\u001b]52;c;ZXZpbA==\u0007 \u009b31m request","hint":"h\u001bc"}`)
	if o.Error != "invalid_request" || o.Description != "bad  request" || o.Hint != "h" {
		t.Errorf("observation = %+v", o)
	}
	for _, s := range []string{o.Description, o.Hint, o.Message} {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x1b\x07\u009b") {
			t.Errorf("control left in %q", s)
		}
	}
}

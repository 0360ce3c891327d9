package evidence

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func TestTokens(t *testing.T) {
	exp := testNow.Add(-3 * time.Hour)
	expired := makeJWT(t, map[string]any{"aud": "0a9f8dd9", "sub": "12345", "jti": "j1", "scopes": []string{"view-user"},
		"iat": float64(exp.Add(-24*time.Hour).Unix()) + 0.5, "exp": float64(exp.Unix()) + 0.25})
	future := makeJWT(t, map[string]any{"nbf": float64(testNow.Add(10 * time.Minute).Unix()), "exp": float64(testNow.Add(time.Hour).Unix())})
	cases := []struct {
		name, text string
		facts      []string
		detail     string
	}{
		{"expired after Bearer", "Authorization: Bearer " + expired, []string{knowledge.FactTokenExpired}, "token exp 2026-11-27 09:14 UTC is 3 h in the past"},
		{"bare expired JWT", expired, []string{knowledge.FactTokenExpired}, ""},
		{"not yet valid", "Bearer " + future, []string{knowledge.FactTokenNotYetValid}, "10 min in the future"},
		{"refresh token as bearer", "Authorization: Bearer def50200aabbccddeeff00112233445566778899", []string{knowledge.FactRefreshAsAccess}, "not an access token"},
		{"opaque bearer value", "Authorization: Bearer abc123", []string{knowledge.FactTokenNotJWT}, ""},
		{"empty bearer", "Authorization: Bearer", []string{knowledge.FactTokenMissing}, ""},
		{"JS header object", "headers: { Authorization: 'Bearer " + expired + "' }", []string{knowledge.FactTokenExpired}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := parse(t, c.text)
			for _, f := range c.facts {
				d, ok := o.FactDetail(f)
				if !ok {
					t.Fatalf("fact %s missing: %+v", f, o.Facts)
				}
				if c.detail != "" && !strings.Contains(d, c.detail) {
					t.Errorf("fact %s = %q, want it to say %q", f, d, c.detail)
				}
			}
			noSecret(t, o, expired, future, "def50200aabbccddeeff00112233445566778899")
		})
	}
	o := parse(t, "Bearer "+expired)
	if o.Token == nil || o.Token.Subject != "12345" || o.Token.ID != "j1" || o.Token.Audience[0] != "0a9f8dd9" || o.Token.Scopes[0] != "view-user" {
		t.Errorf("claims not read: %+v", o.Token)
	}
}

func TestBareEncryptedValueIsNamed(t *testing.T) {
	o := parse(t, "my refresh token is def50200aabbccddeeff00112233445566778899aabbccddeeff")
	if !slices.Contains(o.Sources, "passport_encrypted_value") {
		t.Errorf("a bare def50200 value should be named: %v", o.Sources)
	}
	if !strings.Contains(Describe("passport_encrypted_value"), "not an access token") {
		t.Error("the description should say it is not an access token")
	}
}

func TestDecodeTokenErrors(t *testing.T) {
	for in, want := range map[string]string{
		"def50200abcdef":   "refresh token or authorization code",
		"abc":              "0 dots",
		"eyJhbGciOi.xx.yy": "does not decode",
		"Bearer a.b.c.d":   "3 dots",
	} {
		_, err := DecodeToken(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("DecodeToken(%q) = %v, want an error saying %q", in, err, want)
		}
	}
}

func TestAgo(t *testing.T) {
	for d, want := range map[time.Duration]string{
		40 * time.Second: "40 s", 12 * time.Minute: "12 min", -3 * time.Hour: "3 h", 50 * time.Hour: "2 days",
	} {
		if got := Ago(d); got != want {
			t.Errorf("Ago(%v) = %q, want %q", d, got, want)
		}
	}
}

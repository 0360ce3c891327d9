package redact

import (
	"strings"
	"testing"
)

func TestURLMasksSecretParametersAndPassword(t *testing.T) {
	for _, tc := range []struct{ in, secret, keep string }{
		{"https://app.example/cb?code=def50200abcdefghijklmnopqrstuvwxyz&state=xyz", "abcdefghijklmnop", "state=xyz"},
		{"https://app.example/cb#access_token=eyJhbGciOiJSUzI1NiJ9abcdef&token_type=Bearer", "eyJhbGciOiJSUzI1NiJ9abcdef", "token_type=Bearer"},
		{"https://app.example/cb?state=a?code=def50200abcdefghijklmnopq", "def50200abcdefghijklmnopq", "state=a"},
		{"https://app.example/cb?client%5Fsecret=s3cr3t-value-0123456789", "s3cr3t-value-0123456789", "client%5Fsecret="},
		{"code=def50200abcdefghijklmnopq&x=1", "def50200abcdefghijklmnopq", "x=1"},
		{"https://me:pw-secret-value-123456@accounts.example/", "pw-secret-value-123456", "me:"},
		{"https://me:pw%40secret-value-123456@accounts.example/", "secret-value-123456", "@accounts.example/"},
	} {
		got := URL(tc.in)
		if strings.Contains(got, tc.secret) || !strings.Contains(got, tc.keep) {
			t.Errorf("URL(%q) = %q, want %q hidden and %q kept", tc.in, got, tc.secret, tc.keep)
		}
	}
	if plain := "https://accounts.example/oauth/authorize?client_id=9&scope=view-user"; URL(plain) != plain {
		t.Errorf("URL changed a URL with no secret: %q", URL(plain))
	}
}

// FuzzURL: whatever the URL, a secret parameter's value never comes out whole.
func FuzzURL(f *testing.F) {
	f.Add("https://app.example/cb?code=def50200aaaaaaaaaaaaaaaaaaaa&state=1", "def50200aaaaaaaaaaaaaaaaaaaa")
	f.Add("http://u:pw-secret-value-123456@h/?access_token=x", "pw-secret-value-123456")
	f.Add("%zz?code=;;;", "")
	f.Fuzz(func(t *testing.T, raw, secret string) {
		// A secret that is also part of the URL outside a parameter is not ours to hide.
		if len(secret) <= 16 || strings.ContainsAny(secret, "%&=#?+ ;") || strings.Contains(raw, secret[:5]) {
			return
		}
		for _, u := range []string{raw + "?code=" + secret, raw + "&refresh_token=" + secret} {
			if strings.Contains(URL(u), secret) {
				t.Fatalf("URL(%q) keeps the secret", u)
			}
		}
	})
}

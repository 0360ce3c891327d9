package cli

import (
	"context"
	"testing"
)

// The shapes this release reads anew, labelled so no environment need know the secret: a
// misspelt Authorization header (Basic and Bearer), a stored hash given as the Basic secret,
// a URL written in prose, a password in prose. No run of the secret may leave through any
// output path, in English or Indonesian.
func TestNewShapesLeakNothingInEitherLanguage(t *testing.T) {
	shapes := map[string]func(s string) string{
		"misspelt header, Basic": func(s string) string {
			return "curl -X POST https://accounts.mubarokah.com/oauth/token -H 'Authorizaion: Basic " + basicOf(plantedID, s) +
				"' -d grant_type=client_credentials\n{\"error\":\"invalid_client\",\"message\":\"Client authentication failed\"}"
		},
		"Authentication: Bearer": func(s string) string {
			return "GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthentication: Bearer " + s + "\n\nHTTP/1.1 401 Unauthorized\n{\"message\":\"Unauthenticated.\"}"
		},
		"hashed Basic secret": func(s string) string {
			return "POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Basic " +
				basicOf(plantedID, "pbkdf2_sha256$600000$c2FsdA$"+s) + "\n\ngrant_type=client_credentials"
		},
		"URL in prose": func(s string) string {
			return "I open https://accounts.mubarokah.com/oauth/authorize?client_id=" + plantedID + "&code_verifier=" + s + "&scope=profile and get 400 error"
		},
		"sanity": func(s string) string { return "client secret is " + s },
		"password in prose": func(s string) string {
			return "my password: " + s[:10] + " and the login still fails with invalid_grant"
		},
	}
	dir := t.TempDir()
	for name, shape := range shapes {
		secret := plantedSecret
		if name == "password in prose" {
			secret = plantedSecret[:10]
		}
		file := writeTemp(t, dir, "paste.txt", shape(plantedSecret))
		for _, l := range []string{"en", "id"} {
			for _, o := range outputPaths {
				r := cliRun(t, context.Background(), "", nil, append([]string{"--lang", l}, o.args(file)...)...)
				if r.code == exitInternal {
					t.Errorf("%s / %s / %s: exit %d: %s", name, l, o.name, r.code, r.errOut)
				}
				if piece := leak(r.out+r.errOut, secret); piece != "" {
					t.Errorf("%s / %s / %s: %q leaked:\n%s%s", name, l, o.name, piece, r.out, r.errOut)
				}
			}
		}
	}
}

package cli

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// placement is one way a secret stands in what a person pastes. labelled placements say
// what the secret is (client_secret=, Authorization:, a .env name, curl -u); the others
// quote it bare, and only a session that knows it (the environment or .env holds it) can
// hide it there.
type placement struct {
	name     string
	text     func(s string) string
	labelled bool
	symbols  bool // also tried with a secret holding / + < > & " \ (where the shape quotes it properly)
}

var placements = []placement{
	{"form body", func(s string) string {
		return "POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\n\ngrant_type=client_credentials&client_id=" + plantedID + "&client_secret=" + url.QueryEscape(s)
	}, true, true},
	{"JSON body", func(s string) string { return `{"grant_type":"refresh_token","client_secret":` + jsonString(s) + `}` }, true, true},
	{"PHP json_encode", func(s string) string {
		return `{"client_secret":` + strings.ReplaceAll(jsonString(s), "/", `\/`) + `,"grant_type":"authorization_code"}`
	}, true, true},
	{"JSON \\u escapes", func(s string) string { return `{"client_secret":"` + uEscapes(s) + `"}` }, true, true},
	{"Basic header", func(s string) string {
		return "POST /oauth/token HTTP/1.1\nAuthorization: Basic " + basicOf(plantedID, s) + "\n\ngrant_type=client_credentials"
	}, true, true},
	{"Basic, form-encoded parts", func(s string) string {
		return "Authorization: Basic " + basicOf(plantedID, url.QueryEscape(s))
	}, true, true},
	{"Proxy-Authorization", func(s string) string { return "Proxy-Authorization: Basic " + basicOf("proxy", s) }, true, true},
	{"Bearer header", func(s string) string {
		return "GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer " + s + "\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}"
	}, true, false},
	{"lower-case bearer in a log", func(s string) string {
		return "[2026-03-02] local.ERROR: sent authorization: bearer " + s + " to /api/user"
	}, true, false},
	{"curl -u", func(s string) string {
		return "curl -u " + plantedID + ":" + s + " -d grant_type=client_credentials https://accounts.mubarokah.com/oauth/token"
	}, true, false},
	{"curl --user quoted", func(s string) string {
		return "curl --user '" + plantedID + ":" + s + "' https://accounts.mubarokah.com/oauth/token"
	}, true, true},
	{"curl -d", func(s string) string {
		return "curl -X POST https://accounts.mubarokah.com/oauth/token -d 'client_secret=" + url.QueryEscape(s) + "' -d grant_type=client_credentials"
	}, true, true},
	{"curl -H Authorization", func(s string) string {
		return "curl -H 'Authorization: Bearer " + s + "' https://accounts.mubarokah.com/api/user"
	}, true, false},
	{"URL userinfo", func(s string) string {
		return "POST https://" + plantedID + ":" + url.QueryEscape(s) + "@accounts.mubarokah.com/oauth/token failed: 401"
	}, true, true},
	{"callback code", func(s string) string { return "https://app.example/callback?code=" + s + "&state=abc123" }, true, false},
	{"fragment access_token", func(s string) string {
		return "https://app.example/callback#access_token=" + s + "&token_type=Bearer&expires_in=3600"
	}, true, false},
	{"Location header", func(s string) string {
		return "HTTP/1.1 302 Found\nLocation: https://app.example/cb?code=" + s + "&state=x\n\n"
	}, true, false},
	{".env line", func(s string) string {
		return "MUBAROKAH_CLIENT_ID=" + plantedID + "\nMUBAROKAH_CLIENT_SECRET=" + s + "\n"
	}, true, false},
	{".env export quoted", func(s string) string { return "export CLIENT_SECRET=\"" + s + "\"\n" }, true, false},
	{"PHP config array", func(s string) string {
		return "'mubarokah' => [\n    'client_id' => '" + plantedID + "',\n    'client_secret' => '" + s + "',\n],"
	}, true, false},
	{"print_r", func(s string) string {
		return "Array\n(\n    [client_secret] => " + s + "\n    [error] => invalid_client\n)"
	}, true, false},
	{"YAML", func(s string) string {
		return "mubarokah:\n  client_id: " + plantedID + "\n  client_secret: " + s + "\n"
	}, true, false},
	{"JS object", func(s string) string { return "{ client_secret: '" + s + "', grant_type: 'client_credentials' }" }, true, false},
	{"Python dict", func(s string) string { return "{'client_secret': '" + s + "', 'error': 'invalid_client'}" }, true, false},
	{"Laravel log context", func(s string) string {
		return `[2026-03-02 10:15:32] production.ERROR: token refresh failed {"refresh_token":"` + s + `","exception":"League\\OAuth2\\Server\\Exception\\OAuthServerException(code: 8): The refresh token is invalid."}`
	}, true, false},
	{"token response", func(s string) string {
		return `{"token_type":"Bearer","expires_in":86400,"access_token":"` + s + `","refresh_token":"def50200aa"}`
	}, true, false},
	{"Cookie header", func(s string) string { return "Cookie: XSRF-TOKEN=abc; laravel_session=" + s }, true, false},
	{"X-Api-Key header", func(s string) string { return "X-Api-Key: " + s }, true, false},
	{"code_verifier in a form", func(s string) string {
		return "grant_type=authorization_code&code=def50200abc&code_verifier=" + s + "&redirect_uri=https%3A%2F%2Fapp%2Fcb"
	}, true, false},
	{"split by colours", func(s string) string {
		return "client_secret=" + s[:6] + "\x1b[1;33m" + s[6:] + "\x1b[0m&grant_type=client_credentials"
	}, true, false},
	{"labelled once, quoted bare later", func(s string) string {
		return "client_secret=" + s + "\n" + `{"error":"invalid_client","error_description":"secret ` + s + ` is not valid"}`
	}, true, false},
	{"cut short after its label", func(s string) string { return `{"client_secret":"` + s[:20] + `…"}` }, true, false},
	// Bare: only a session that knows the secret can hide it.
	{"bare in an error description", func(s string) string {
		return "HTTP/1.1 401 Unauthorized\n\n" + `{"error":"invalid_client","error_description":"Client authentication failed for ` + s + `","message":"Client authentication failed"}`
	}, false, false},
	{"bare in a transport error", func(s string) string {
		return `Post "https://accounts.mubarokah.com/oauth/token": dial tcp: lookup ` + s + `.example: no such host`
	}, false, false},
	{"bare in an HTML title", func(s string) string {
		return "<!DOCTYPE html><html><head><title>Error " + s + "</title></head></html>"
	}, false, false},
	{"bare Basic, another id", func(s string) string { return "Basic " + basicOf("someone-else", s) }, false, true},
	{"bare base64", func(s string) string { return "state=" + base64Std(s) }, false, true},
	{"bare, cut in a hint", func(s string) string { return `{"error":"invalid_grant","hint":"bad value ` + s[4:len(s)-2] + `"}` }, false, false},
}

// outputPath is one way a paste's content comes back out of the program.
type outputPath struct {
	name string
	args func(file string) []string
}

var outputPaths = []outputPath{
	{"diagnose", func(f string) []string { return []string{"diagnose", "--file", f} }},
	{"diagnose --json", func(f string) []string { return []string{"diagnose", "--json", "--file", f} }},
	{"walk", func(f string) []string { return []string{"walk", "--evidence", f} }},
	{"walk --json", func(f string) []string { return []string{"walk", "--json", "--evidence", f} }},
	{"walk --report md", func(f string) []string { return []string{"walk", "--report", "md", "--evidence", f, "4xx", "request"} }},
	{"walk --report json", func(f string) []string {
		return []string{"walk", "--report", "json", "--evidence", f, "4xx", "request"}
	}},
}

// TestSecretPlacements plants secrets in every placement, reads each paste through every
// output path, and counts the placements tried and the ones that leaked any run of 8
// characters of a secret in any of its forms, on stdout or stderr. Bare placements are
// tried with the secret in the environment; labelled ones without it, then with it.
func TestSecretPlacements(t *testing.T) {
	tried, leaked := 0, 0
	dir := t.TempDir()
	configured := []string{"MUBAROKAH_CLIENT_ID=" + plantedID}
	for _, p := range placements {
		secrets := []string{plantedSecret}
		if p.symbols {
			secrets = append(secrets, plantedSymbols)
		}
		for _, secret := range secrets {
			file := writeTemp(t, dir, "paste.txt", p.text(secret))
			environs := [][]string{append(configured, "MUBAROKAH_CLIENT_SECRET="+secret)}
			if p.labelled {
				environs = append(environs, nil)
			}
			for _, environ := range environs {
				for _, o := range outputPaths {
					tried++
					r := cliRun(t, context.Background(), "", environ, o.args(file)...)
					if r.code == exitInternal {
						t.Errorf("%s / %s: exit %d: %s", p.name, o.name, r.code, r.errOut)
					}
					if piece := leak(r.out+r.errOut, secret); piece != "" {
						leaked++
						t.Errorf("%s (secret %.8s…, env %v) / %s: %q leaked:\n%s%s", p.name, secret, environ != nil, o.name, piece, r.out, r.errOut)
					}
				}
			}
		}
	}
	t.Logf("secret placements: %d shapes, %d tried (shape × secret × environment × output path), %d leaked", len(placements), tried, leaked)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// uEscapes writes every character of s as a JSON \u escape.
func uEscapes(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, `\u%04x`, r)
	}
	return b.String()
}

func base64Std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

package evidence

import (
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// PHP developers paste the decoded error array as dd() or print_r shows it.
func TestPHPDumps(t *testing.T) {
	cases := []struct {
		name, text string
		want       want
	}{
		{"dd()", "array:4 [\n  \"error\" => \"invalid_request\"\n  \"error_description\" => \"The refresh token is invalid.\"\n" +
			"  \"hint\" => \"Token has been revoked\"\n  \"message\" => \"The refresh token is invalid.\"\n]\n",
			want{errCode: "invalid_request", hint: "Token has been revoked", message: "The refresh token is invalid.",
				sources: []string{"object_literal"}}},
		{"print_r", "Array\n(\n    [error] => invalid_scope\n    [error_description] => The requested scope is invalid, unknown, or malformed\n" +
			"    [hint] => Check the `detail-users` scope\n)\n",
			want{errCode: "invalid_scope", desc: "The requested scope is invalid, unknown, or malformed",
				hint: "Check the `detail-users` scope"}},
		{"Ruby hash", `{"error"=>"invalid_grant", "hint"=>"Authorization code has expired"}`,
			want{errCode: "invalid_grant", hint: "Authorization code has expired"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, parse(t, c.text), c.want) })
	}
}

// Apps often name their callback /login/<provider>/callback: a 302 there carrying error= or
// code= is the provider answering, not Laravel sending a guest to its login page.
func TestCallbackUnderLoginPathIsNotALoginRedirect(t *testing.T) {
	for _, loc := range []string{
		"https://app.example.com/login/mubarokah/callback?state=abc&error=access_denied&hint=The+user+denied+the+request",
		"https://app.example.com/login/callback?code=def50200aa&state=abc",
		"https://app.example.com/login/callback#error=access_denied",
	} {
		o := parse(t, "HTTP/1.1 302 Found\nLocation: "+loc+"\n\n")
		if o.HasFact(knowledge.FactLoginRedirect) {
			t.Errorf("%s was taken for a login redirect", loc)
		}
	}
	o := parse(t, "HTTP/1.1 302 Found\nLocation: https://accounts.mubarokah.com/login\n\n")
	check(t, o, want{facts: []string{knowledge.FactLoginRedirect}})
}

// A Passport client_credentials token has no user: 8.x leaves sub empty, 9.x repeats the
// client id. The observation says which grant made it, so a 401 on /api/user is explained.
func TestClientCredentialsTokenIsRecognised(t *testing.T) {
	exp := float64(testNow.Unix() + 3600)
	for name, c := range map[string]struct {
		claims jwt.MapClaims
		grant  string
	}{
		"league 8 empty sub":     {jwt.MapClaims{"aud": "c1", "jti": "j1", "sub": "", "exp": exp, "scopes": []string{}}, "client_credentials"},
		"league 9 sub is client": {jwt.MapClaims{"aud": "c1", "jti": "j1", "sub": "c1", "exp": exp, "scopes": []string{}}, "client_credentials"},
		"a user's token":         {jwt.MapClaims{"aud": "c1", "jti": "j1", "sub": "12345", "exp": exp}, ""},
		"not a Passport token":   {jwt.MapClaims{"exp": exp}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			tok := makeJWT(t, c.claims)
			o := parse(t, "GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer "+tok+"\n\n")
			if o.GrantType != c.grant {
				t.Errorf("grant_type = %q, want %q", o.GrantType, c.grant)
			}
			noSecret(t, o, tok)
		})
	}
}

// FuzzPHPDump: PHP's dump shapes never panic the literal reader, and a print_r value never
// runs past its line.
func FuzzPHPDump(f *testing.F) {
	f.Add("Array\n(\n    [error] => invalid_grant\n    [hint] => Authorization code has expired\n)\n")
	f.Add("array:2 [\n  \"error\" => \"invalid_request\"\n  \"hint\" => \"Token has expired\"\n]\n")
	f.Add("[error] =>")
	f.Add("[error]=>\n")
	f.Add(`{"error"=>"invalid_grant"}`)
	f.Add("[hint] => \"quoted\" tail\r\n[message] => x")
	f.Fuzz(func(t *testing.T, text string) {
		s := runOne(text, findObjectLiterals)
		for _, p := range s.pieces {
			for _, v := range []string{p.obs.Error, p.obs.Hint, p.obs.Message, p.obs.Description} {
				if strings.ContainsRune(v, '\n') {
					t.Fatalf("a value spans lines: %q", v)
				}
			}
		}
	})
}

// Laravel's HTML error page carries the exception's message; a 403 page is only told apart
// from a firewall's by it.
func TestLaravelErrorPageMessage(t *testing.T) {
	page := "HTTP/1.1 403 Forbidden\nContent-Type: text/html; charset=UTF-8\n\n<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n" +
		"<title>Forbidden</title>\n</head>\n<body class=\"antialiased\">\n" +
		"<div class=\"px-4 text-lg text-gray-500 border-r border-gray-400 tracking-wider\">\n    403    </div>\n" +
		"<div class=\"ml-4 text-lg text-gray-500 uppercase tracking-wider\">\n    Invalid scope(s) provided.    </div>\n</body>\n</html>\n"
	check(t, parse(t, page), want{status: 403, message: "Invalid scope(s) provided.", facts: []string{knowledge.FactHTMLBody}})
	o := parse(t, "<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>")
	if o.Message != "" {
		t.Errorf("a page without Laravel's message block gave message %q", o.Message)
	}
}

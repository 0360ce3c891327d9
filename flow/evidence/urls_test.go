package evidence

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func TestCallbackURLs(t *testing.T) {
	cases := []struct {
		name, text string
		want       want
		state      string
	}{
		{"8.x deny with state", "https://yourapp.com/callback?state=Xy7kP2qLm9&error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.&hint=The+user+denied+the+request&message=The+resource+owner+or+authorization+server+denied+the+request.",
			want{endpoint: "callback", errCode: "access_denied", hint: "The user denied the request",
				desc: "The resource owner or authorization server denied the request.", message: "The resource owner or authorization server denied the request."}, "…(10 chars)"},
		{"Passport ?& quirk without state", "https://yourapp.com/callback?&error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.",
			want{endpoint: "callback", errCode: "access_denied"}, ""},
		{"8.x invalid scope: %2C and %60 decode", "https://yourapp.com/callback?error=invalid_scope&error_description=The+requested+scope+is+invalid%2C+unknown%2C+or+malformed&hint=Check+the+%60detail-users%60+scope",
			want{errCode: "invalid_scope", desc: "The requested scope is invalid, unknown, or malformed", hint: "Check the `detail-users` scope"}, ""},
		{"13.x login_required", "…/callback?state=Xy7kP2qLm9&error=login_required&error_description=The+authorization+server+requires+end-user+authentication.&hint=The+user+is+not+authenticated",
			want{errCode: "login_required", hint: "The user is not authenticated"}, "…(10 chars)"},
		{"fragment delivery", "https://spa.example/#error=access_denied&state=abc123",
			want{endpoint: "callback", errCode: "access_denied"}, "…(6 chars)"},
		{"bare query pasted alone", "error=access_denied&error_description=The+user+denied&state=zz9",
			want{errCode: "access_denied", desc: "The user denied"}, "…(3 chars)"},
		{"code without state", "http://localhost:3000/callback?code=def50200aabbccddeeff00112233",
			want{endpoint: "callback", facts: []string{knowledge.FactStateMissing}}, ""},
		{"bad escape is kept as written", "https://yourapp.com/cb?error=invalid_request&hint=50%zz+off",
			want{errCode: "invalid_request", hint: "50%zz+off"}, ""},
		// OAuth 1.0a (Twitter/X): the user cancelled; denied carries the request token.
		{"OAuth 1.0a denied callback", "http://localhost:8080/social/handle/twitter?denied=Req7Tok3nValue99",
			want{endpoint: "callback", errCode: "access_denied"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := parse(t, c.text)
			check(t, o, c.want)
			if o.State != c.state {
				t.Errorf("state = %q, want %q", o.State, c.state)
			}
		})
	}
}

func TestCallbackCodeIsMasked(t *testing.T) {
	code := "def50200" + "0123456789abcdef0123456789abcdef"
	o, v, err := ParseAll("https://yourapp.com/auth/callback?code="+code+"&state=st4te-value-123", testNow)
	if err != nil {
		t.Fatal(err)
	}
	noSecret(t, o, code)
	if o.Code == "" || o.Code == code {
		t.Errorf("code should be kept masked, got %q", o.Code)
	}
	if !v.HasCallback || v.StateReceived != "st4te-value-123" {
		t.Errorf("values should carry the callback state for the state check: %+v", v)
	}
}

func TestAuthorizeURLValues(t *testing.T) {
	text := "https://accounts.mubarokah.com/oauth/authorize?client_id=abc&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback&response_type=code&scope=view-user,detail-user&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256\n" +
		"POST /oauth/token grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcallback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	o, v, err := ParseAll(text, testNow)
	if err != nil {
		t.Fatal(err)
	}
	check(t, o, want{endpoint: "authorize", grant: "authorization_code", sources: []string{"authorize_url", "form_body"}})
	if v.AuthorizeRedirectURI != "http://localhost:3000/callback" || v.TokenRedirectURI != "http://127.0.0.1:3000/callback" {
		t.Errorf("redirect URIs: %q / %q", v.AuthorizeRedirectURI, v.TokenRedirectURI)
	}
	if v.Scope != "view-user,detail-user" || v.StateSent != "s1" || v.ClientID != "abc" || v.CodeChallengeMethod != "S256" {
		t.Errorf("values: %+v", v)
	}
	if v.CodeVerifier != "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" {
		t.Errorf("the verifier is handed to the PKCE check: %q", v.CodeVerifier)
	}
	noSecret(t, o, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
}

func TestEndpointOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://accounts.mubarokah.com/oauth/authorize?x=1": "authorize",
		"/oauth/token":                                               "token",
		"https://a.b/api/user/details/":                              "api_user_details",
		"https://a.b/api/user?x":                                     "api_user",
		"https://a.b/api/logout-sso":                                 "logout",
		"https://yourapp.com/oauth/callback":                         "",
		"https://a.b":                                                "",
		"https://oauth2.googleapis.com/token":                        "token",
		"https://login.microsoftonline.com/common/oauth2/v2.0/token": "token",
		"https://kc.example/realms/x/protocol/openid-connect/token":  "token",
		"https://github.com/login/oauth/access_token":                "token",
		"https://a.b/api/token":                                      "",
		// other servers' authorize and token routes
		"https://id.example/connect/authorize?client_id=web":             "authorize",
		"https://id.example/connect/token":                               "token",
		"https://kc.example/realms/x/protocol/openid-connect/auth?x=1":   "authorize",
		"https://dev-1.okta.com/oauth2/v1/authorize":                     "authorize",
		"https://dev-1.okta.com/oauth2/default/v1/token":                 "token",
		"https://dev-1.okta.com/oauth2/aus9x2/v1/authorize":              "authorize",
		"https://login.microsoftonline.com/common/oauth2/v2.0/authorize": "authorize",
		"https://hydra.example/oauth2/auth?response_type=code":           "authorize",
		"https://hydra.example/oauth2/token":                             "token",
		"https://accounts.google.com/o/oauth2/v2/auth?scope=openid":      "authorize",
		"https://github.com/login/oauth/authorize?client_id=x":           "authorize",
		"https://app.example/oauth/authorize":                            "authorize",
		"https://tenant.auth0.com/authorize?client_id=x":                 "authorize",
		"https://a.b/shop/v1/token":                                      "",
		"https://a.b/oauth2/x/y/v1/token":                                "",
		"https://a.b/app/oauth2/authorized-apps":                         "",
	} {
		if got := endpointOf(in); string(got) != want {
			t.Errorf("endpointOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// The request token a denied= callback carries is never kept.
func TestDeniedCallbackKeepsNoToken(t *testing.T) {
	o := parse(t, "https://app.example/auth/twitter/callback?denied=Req7Tok3nValue99")
	noSecret(t, o, "Req7Tok3nValue99")
	if o.Error != "access_denied" {
		t.Errorf("error = %q, want access_denied", o.Error)
	}
	if o := parse(t, "https://app.example/auth/twitter/callback?denied="); o.Error != "" {
		t.Errorf("an empty denied= says nothing; got error %q", o.Error)
	}
}

// A URL written in prose is the observation's URL when it is the only one; with two,
// which one failed is not known, so neither is kept. Its secrets are masked.
func TestLoneURLInProse(t *testing.T) {
	o := parse(t, "every call to https://api.example.net/v2/orders?access_token=Zq81Kd0pLm3nX5vB returns 401 for me.")
	if !strings.HasPrefix(o.URL, "https://api.example.net/v2/orders?access_token=") {
		t.Errorf("the lone URL was not kept: %q", o.URL)
	}
	noSecret(t, o, "Zq81Kd0pLm3nX5vB")
	o = parse(t, "https://api.example.net/v2/orders works but https://api.example.net/v2/users fails")
	if o.URL != "" {
		t.Errorf("one of two URLs was picked: %q", o.URL)
	}
	o = parse(t, "see https://api.example.net/v2/orders, then https://api.example.net/v2/orders again")
	if o.URL != "https://api.example.net/v2/orders" {
		t.Errorf("the same URL twice is still one URL: %q", o.URL)
	}
}

// OpenID Connect's userinfo is read with the access token: a refusal there is the token's,
// though the path sits under the sign-in's own routes on many servers.
func TestUserinfoIsAResource(t *testing.T) {
	for _, u := range []string{
		"https://www.googleapis.com/oauth2/v3/userinfo",
		"https://kc.example/realms/x/protocol/openid-connect/userinfo",
		"https://id.example/connect/userinfo/",
		"https://dev-1.okta.com/oauth2/default/v1/userinfo",
	} {
		if got := requestEndpoint(u); got != knowledge.EndpointAPI {
			t.Errorf("requestEndpoint(%q) = %q, want %q", u, got, knowledge.EndpointAPI)
		}
	}
	if got := requestEndpoint("https://id.example/connect/userinfo-settings"); got == knowledge.EndpointAPI {
		t.Errorf("a page whose name only starts with userinfo is read as the userinfo resource")
	}
}

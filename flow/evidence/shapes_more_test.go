package evidence

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Shapes of a failure that carry the status, endpoint or fault without an HTTP message.
func TestMoreShapes(t *testing.T) {
	cases := []struct {
		name, text string
		want       want
	}{
		{"access log", `172.17.0.1 - - [11/Feb/2019 07:12:00] "POST /oauth/token HTTP/1.1" 404 -`,
			want{method: "POST", endpoint: "token", status: 404, sources: []string{"access_log"}}},
		{"nginx error page", "<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body></html>",
			want{status: 502, facts: []string{knowledge.FactHTMLBody}}},
		{"Guzzle 6 without backticks", "Server error: POST http://app.test/oauth/token resulted in a 500 Internal Server Error response: SQLSTATE[42S02]",
			want{method: "POST", endpoint: "token", status: 500, sources: []string{"guzzle_error"}}},
		{"JSON quoted with HTML escapes", "<td>invalid_grant: x\n{&quot;error&quot;:&quot;invalid_grant&quot;,&quot;error_description&quot;:&quot;Your authorization has been revoked.&quot;}</td>",
			want{errCode: "invalid_grant", desc: "Your authorization has been revoked."}},
		{"redirect to another host", "$ curl -s -D - -X POST 'https://old.example.com/oauth/token'\nHTTP/2 301\nlocation: https://auth.example.com/oauth/token\n",
			want{status: 301, facts: []string{knowledge.FactRedirectOtherHost, knowledge.FactRedirectOnToken}}},
		{"redirect down to http", "$ curl -s -D - -X POST 'https://auth.example.com/oauth/token'\nHTTP/1.1 302 Found\nLocation: http://auth.example.com/oauth/token\n",
			want{facts: []string{knowledge.FactRedirectDowngrade}}},
		{"curl to an API with no credentials", "curl https://app.example.com/api/v1/orders -H 'Accept: application/json'\n{\"message\":\"Unauthenticated.\"}",
			want{facts: []string{knowledge.FactTokenMissing}, message: "Unauthenticated."}},
		{"Go resolver timing out", `Post "https://login.example.com/token": dial tcp: lookup login.example.com: i/o timeout`,
			want{transport: knowledge.TransportDNS}},
		{"Apache HttpClient SAN mismatch", "javax.net.ssl.SSLPeerUnverifiedException: Certificate for <a.example.com> doesn't match any of the subject alternative names: [b.example.com]",
			want{transport: knowledge.TransportTLS, facts: []string{knowledge.FactCertHostname}}},
		{"Hydra 1.x error_hint", `{"error":"invalid_grant","error_description":"The provided authorization grant is invalid","error_hint":"The PKCE code challenge did not match the code verifier.","status_code":400}`,
			want{errCode: "invalid_grant", hint: "The PKCE code challenge did not match the code verifier.", status: 400}},
		{"Hydra 1.x error_hint on a callback", "https://app.example.com/cb?error=invalid_request&error_hint=The+%27redirect_uri%27+parameter+does+not+match&state=abcdefgh",
			want{errCode: "invalid_request", hint: "The 'redirect_uri' parameter does not match", endpoint: "callback"}},
		{"Google's token endpoint", "Client error '401 Unauthorized' for url 'https://oauth2.googleapis.com/token'",
			want{endpoint: "token", status: 401}},
		{"empty user-info answer", "GET https://profile.example.com/v1/profile\nAuthorization: Bearer abc\n\n{}\n",
			want{facts: []string{knowledge.FactUserProfileEmpty}}},
		{"Socialite user dumped empty", "Laravel\\Socialite\\Two\\User {#1234\n  +token: \"…\"\n  +\"id\": null\n  +\"nickname\": null\n  +\"name\": null\n  +\"email\": null\n}",
			want{facts: []string{knowledge.FactUserProfileEmpty}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, parse(t, c.text), c.want) })
	}
}

// What would wrongly fire the new readers stays quiet.
func TestMoreShapesQuiet(t *testing.T) {
	cases := []struct {
		name, text string
		fact       string
	}{
		{"same-host redirect", "$ curl -s -D - -X POST 'https://auth.example.com/oauth/token'\nHTTP/1.1 301\nLocation: https://auth.example.com/oauth/token/\n", knowledge.FactRedirectOtherHost},
		{"relative redirect", "$ curl -s -D - -X POST 'https://auth.example.com/oauth/token'\nHTTP/1.1 301\nLocation: /oauth/token/\n", knowledge.FactRedirectOtherHost},
		{"curl with a token", "curl https://app.example.com/api/v1/orders -H 'Authorization: Bearer abc.def.ghi'", knowledge.FactTokenMissing},
		{"curl with a session cookie", "curl https://app.example.com/api/v1/orders -b 'laravel_session=abc'", knowledge.FactTokenMissing},
		{"curl to the token endpoint", "curl -X POST https://accounts.mubarokah.com/oauth/token -d grant_type=client_credentials", knowledge.FactTokenMissing},
		{"a non-empty profile", "GET https://profile.example.com/v1/profile\n\n{\"id\":1,\"email\":\"a@b.c\"}\n", knowledge.FactUserProfileEmpty},
		{"an empty object elsewhere", "POST https://app.example.com/oauth/token\n\n{}\n", knowledge.FactUserProfileEmpty},
	}
	for _, c := range cases {
		if o := parse(t, c.text); o.HasFact(c.fact) {
			t.Errorf("%s: %s fired: %+v", c.name, c.fact, o.Facts)
		}
	}
}

// OAuth 1.0a's oauth_verifier=denied holds no secret; masking "denied" would hide the word
// everywhere in the paste. A real verifier is still masked.
func TestPlaceholdersAreNotSecrets(t *testing.T) {
	o := parse(t, "Client error: 'POST https://jira.example.com/plugins/servlet/oauth/access-token?oauth_verifier=denied' resulted in a '401 Unauthorized response:\noauth_problem=permission_denied'")
	if !strings.Contains(o.Text, "oauth_problem=permission_denied") {
		t.Errorf("the refusal was masked: %q", o.Text)
	}
	if o.Error != "" {
		t.Errorf("Guzzle's sentence read as an error field: %q", o.Error)
	}
	o = parse(t, "https://app.example.com/cb?oauth_verifier=Qx81kzPL0ab3&oauth_token=abc")
	noSecret(t, o, "Qx81kzPL0ab3")
}

// Facts of issue 8's new causes that only the parsers can set.
func TestIssuedExpiredAndGrantInQuery(t *testing.T) {
	iat := float64(testNow.Unix() - 60)
	tok := makeJWT(t, map[string]any{"sub": "1", "iat": iat, "exp": iat})
	o := parse(t, "Authorization: Bearer "+tok)
	check(t, o, want{facts: []string{knowledge.FactTokenIssuedExpired}})
	noSecret(t, o, tok)
	o = parse(t, `{"token_type":"Bearer","expires_in":0,"access_token":"`+makeJWT(t, map[string]any{"sub": "1"})+`"}`)
	check(t, o, want{facts: []string{knowledge.FactTokenIssuedExpired}})
	o = parse(t, `{"token_type":"Bearer","expires_in":3600,"access_token":"`+makeJWT(t, map[string]any{"sub": "1"})+`"}`)
	if o.HasFact(knowledge.FactTokenIssuedExpired) {
		t.Errorf("a one-hour token taken for one issued expired: %+v", o.Facts)
	}
	o = parse(t, "curl -X POST 'https://accounts.mubarokah.com/oauth/token?grant_type=client_credentials&client_id=7'")
	check(t, o, want{facts: []string{knowledge.FactGrantTypeInQuery}})
	o = parse(t, "curl -X POST https://accounts.mubarokah.com/oauth/token -d grant_type=client_credentials")
	if o.HasFact(knowledge.FactGrantTypeInQuery) {
		t.Errorf("a body grant_type taken for one in the query: %+v", o.Facts)
	}
}

// mubarokah-id-sdk's errors, as console.log prints them: the OAuth error is the code, the
// server's description errorDescription; the SDK's own codes (api_error_401) are no OAuth error.
func TestSDKErrors(t *testing.T) {
	o := parse(t, "OAuthError: The refresh token is invalid.\n    at MubarokahClient.request (/app/node_modules/mubarokah-id-sdk/dist/index.js:212:15) {\n"+
		"  code: 'invalid_grant',\n  statusCode: 400,\n  errorDescription: 'The refresh token is invalid.',\n  hint: 'Token has been revoked'\n}")
	check(t, o, want{errCode: "invalid_grant", desc: "The refresh token is invalid.", hint: "Token has been revoked", status: 400})
	if o.Exception != "OAuthError" {
		t.Errorf("exception = %q", o.Exception)
	}
	o = parse(t, "ApiError: Unauthenticated.\n    at get (/app/x.js:1:1) {\n  code: 'api_error_401',\n  statusCode: 401,\n  responseBody: { message: 'Unauthenticated.' }\n}")
	check(t, o, want{status: 401, message: "Unauthenticated."})
	if o.Error != "" {
		t.Errorf("the SDK's own code read as an OAuth error: %q", o.Error)
	}
	// Without the SDK's classes a code is not read: Node's code: 'ECONNRESET' is no OAuth error.
	if o := parse(t, "Error: socket hang up {\n  code: 'econnreset_like'\n}"); o.Error != "" {
		t.Errorf("a code outside the SDK read as the error: %q", o.Error)
	}
}

// A refused port compared with the configuration the paste shows for the same host.
func TestRefusedPortAgainstConfig(t *testing.T) {
	cases := []struct {
		text    string
		differs bool
	}{
		{"cURL error 7: Failed to connect to localhost port 80: Connection refused\nAPP_URL=http://localhost:8000", true},
		{"Error: connect ECONNREFUSED 127.0.0.1:8000\nMUBAROKAH_BASE_URL=http://localhost:8000", false},
		{`dial tcp 127.0.0.1:3000: connect: connection refused` + "\nAPP_URL=https://app.example.com", false},
		{"HTTPConnectionPool(host='localhost', port=5556): Max retries exceeded (Caused by NewConnectionError(': Failed to establish a new connection: [Errno 111] Connection refused'))\nISSUER_URL=http://localhost:5555/dex", true},
	}
	for _, c := range cases {
		o := parse(t, c.text)
		if o.Transport != knowledge.TransportRefused {
			t.Errorf("%.40q: transport %q", c.text, o.Transport)
		}
		if got := o.HasFact(knowledge.FactRefusedPortDiffers); got != c.differs {
			t.Errorf("%.40q: port differs = %v, want %v (%+v)", c.text, got, c.differs, o.Facts)
		}
	}
}

// A wrapped exception keeps its reason in the transport detail the causes read.
func TestWrappedTransportDetail(t *testing.T) {
	o := parse(t, "(Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed:\nself-signed certificate (_ssl.c:997)')))")
	if !strings.Contains(o.TransportDetail, "self-signed certificate") {
		t.Errorf("detail %q lost the wrapped reason", o.TransportDetail)
	}
}

// A database, cache or mail server that refuses a connection fills the same logs as the
// provider would; it is not a way to the provider failing.
func TestOtherServicesAreNotTheProvider(t *testing.T) {
	for _, text := range []string{
		"[2024-01-01 10:00:00] local.ERROR: SQLSTATE[HY000] [2002] Connection refused (SQL: select * from `users`)",
		"Redis connection refused: Connection refused [tcp://127.0.0.1:6379]",
		"Error: connect ECONNREFUSED 127.0.0.1:5432",
		"Connection could not be established with host smtp.mailtrap.io :stream_socket_client(): unable to connect to tcp://smtp.mailtrap.io:2525 (Connection timed out)",
	} {
		if o := parse(t, text); o.Transport != "" {
			t.Errorf("%.50q read as a transport failure %q", text, o.Transport)
		}
	}
	if o := parse(t, "cURL error 7: Failed to connect to accounts.mubarokah.com port 443: Connection refused"); o.Transport != knowledge.TransportRefused {
		t.Errorf("the provider's refusal lost: %+v", o)
	}
}

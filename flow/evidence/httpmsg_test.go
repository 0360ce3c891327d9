package evidence

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func TestHTTPMessages(t *testing.T) {
	cases := []struct {
		name, text string
		want       want
	}{
		{"raw 8.x refresh expired", "HTTP/1.1 401 Unauthorized\nContent-type: application/json\n\n" +
			`{"error":"invalid_request","error_description":"The refresh token is invalid.","hint":"Token has expired","message":"The refresh token is invalid."}`,
			want{status: 401, errCode: "invalid_request", hint: "Token has expired", desc: "The refresh token is invalid.",
				message: "The refresh token is invalid.", sources: []string{"http_response", "json_body"}}},
		{"HTTP/2 with lower-case headers and CRLF", "HTTP/2 400\r\ncontent-type: application/json\r\n\r\n" +
			`{"error":"invalid_grant","error_description":"The refresh token is invalid.","hint":"Token has expired"}`,
			want{status: 400, errCode: "invalid_grant", hint: "Token has expired"}},
		{"100 Continue is skipped", "HTTP/1.1 100 Continue\n\nHTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n{\"message\": \"Too Many Attempts.\"}",
			want{status: 429, retry: 30, message: "Too Many Attempts.", facts: []string{knowledge.FactRateLimited}}},
		{"curl -v request and response", "* Connected to accounts.mubarokah.com (203.0.113.10) port 443\n> POST /oauth/token HTTP/1.1\n" +
			"> Host: accounts.mubarokah.com\n> Authorization: Basic MGE5ZjpzM2NyM3Q=\n>\n< HTTP/1.1 401 Unauthorized\n" +
			"< WWW-Authenticate: Basic realm=\"OAuth\"\n<\n" + `{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`,
			want{endpoint: "token", method: "POST", status: 401, errCode: "invalid_client",
				facts: []string{knowledge.FactAuthHeaderSent}, sources: []string{"curl_verbose", "http_request", "www_authenticate"}}},
		{"raw request with JSON content type", "POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nContent-Type: application/json\n\n" +
			`{"grant_type":"authorization_code","code":"def50200aa"}`,
			want{endpoint: "token", method: "POST", grant: "authorization_code", facts: []string{knowledge.FactJSONRequestBody}}},
		{"raw form request", "POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nContent-Type: application/x-www-form-urlencoded\n\n" +
			"grant_type=refresh_token&refresh_token=def50200abcdef&client_id=1&client_secret=s3cr3t-value",
			want{endpoint: "token", grant: "refresh_token", sources: []string{"form_body"}}},
		{"API request without Authorization", "GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAccept: application/json\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
			want{endpoint: "api_user", status: 401, message: "Unauthenticated.", facts: []string{knowledge.FactTokenMissing}}},
		{"lower-case bearer", "GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: bearer abc.def\n",
			want{endpoint: "api_user", facts: []string{knowledge.FactBearerLowercase, knowledge.FactTokenNotJWT}}},
		{"302 to login", "HTTP/1.1 302 Found\nLocation: https://accounts.mubarokah.com/login\n\n",
			want{status: 302, facts: []string{knowledge.FactLoginRedirect}}},
		{"redirect from the token endpoint", "> POST /oauth/token HTTP/1.1\n> Host: accounts.mubarokah.com\n>\n< HTTP/1.1 301 Moved Permanently\n< Location: https://accounts.mubarokah.com/oauth/token\n<\n",
			want{status: 301, endpoint: "token", facts: []string{knowledge.FactRedirectOnToken}}},
		{"empty error body", "HTTP/1.1 401 Unauthorized\nContent-Length: 0\n\n",
			want{status: 401, facts: []string{knowledge.FactEmptyBody}}},
		{"HTTPie pretty body", "HTTP/1.1 401 Unauthorized\nContent-type: application/json\n\n{\n    \"error\": \"invalid_client\",\n    \"error_description\": \"Client authentication failed\"\n}\n",
			want{status: 401, errCode: "invalid_client", desc: "Client authentication failed"}},
		{"curl command copied from a browser", `curl 'https://accounts.mubarokah.com/oauth/token' \` + "\n" +
			`  -H 'content-type: application/json' \` + "\n" + `  --data-raw '{"grant_type":"client_credentials","client_id":"x"}'`,
			want{endpoint: "token", method: "POST", grant: "client_credentials", facts: []string{knowledge.FactJSONRequestBody},
				sources: []string{"curl_command"}}},
		{"curl -u sends Basic", "curl -u id:secret -d grant_type=client_credentials https://accounts.mubarokah.com/oauth/token",
			want{endpoint: "token", method: "POST", grant: "client_credentials", facts: []string{knowledge.FactAuthHeaderSent}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, parse(t, c.text), c.want) })
	}
}

func TestRequestSecretsAreMasked(t *testing.T) {
	text := "POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Basic Y2xpZW50OnN1cGVyLXNlY3JldC12YWx1ZQ==\n\n" +
		"grant_type=authorization_code&code=def50200SECRETCODE0123456789&client_secret=SECRETSECRET-0001&code_verifier=VERIFIERVERIFIERVERIFIERVERIFIERVERIFIER1234"
	o := parse(t, text)
	noSecret(t, o, "Y2xpZW50OnN1cGVyLXNlY3JldC12YWx1ZQ", "def50200SECRETCODE", "SECRETSECRET-0001", "VERIFIERVERIFIER")
	if got := o.Headers["request authorization"]; !strings.HasPrefix(got, "Basic ") || !strings.Contains(got, "chars") {
		t.Errorf("the Authorization header should be kept masked, got %q", got)
	}
}

func TestFromHTTP(t *testing.T) {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("WWW-Authenticate", `Basic realm="OAuth"`)
	o := FromHTTP("token", 401, h, []byte(`{"error":"invalid_client","error_description":"Client authentication failed"}`), testNow)
	check(t, o, want{endpoint: "token", status: 401, errCode: "invalid_client", facts: []string{knowledge.FactAuthHeaderSent}})
	if o.WWWAuthenticate != `Basic realm="OAuth"` {
		t.Errorf("WWW-Authenticate = %q", o.WWWAuthenticate)
	}

	h = http.Header{}
	h.Set("Location", "https://accounts.mubarokah.com/login")
	o = FromHTTP("api_user", 302, h, []byte("<!DOCTYPE html><html><head><title>Redirecting to https://accounts.mubarokah.com/login</title></head></html>"), testNow)
	check(t, o, want{status: 302, facts: []string{knowledge.FactLoginRedirect, knowledge.FactHTMLBody}})

	o = FromHTTP("api_user", 503, http.Header{}, nil, testNow)
	check(t, o, want{status: 503, facts: []string{knowledge.FactEmptyBody}})

	big := []byte(strings.Repeat("x", MaxInput+10))
	o = FromHTTP("token", 200, http.Header{}, big, testNow)
	check(t, o, want{facts: []string{knowledge.FactOversizeBody}})
}

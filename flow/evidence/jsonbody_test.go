package evidence

import (
	"slices"
	"testing"
)

func TestJSONBodies(t *testing.T) {
	cases := []struct {
		name, text string
		want       want
	}{
		{"RFC 6749 with error_uri", `{"error":"invalid_request","error_description":"Missing code","error_uri":"https://x/err"}`,
			want{errCode: "invalid_request", desc: "Missing code"}},
		{"Laravel compact", `{"message":"Unauthenticated."}`, want{message: "Unauthenticated."}},
		{"Passport pretty-printed 403", "{\n    \"message\": \"Invalid scope(s) provided.\"\n}", want{message: "Invalid scope(s) provided."}},
		{"escaped slashes and unicode", `{"error":"server_error","error_description":"Failed at https:\/\/x\/oauth \u00e9t\u00e9","hint":"Check the \u0060scope\u0060 parameter"}`,
			want{errCode: "server_error", desc: "Failed at https://x/oauth été", hint: "Check the `scope` parameter"}},
		{"provider rate limit with retry_after", `{"error":"rate_limit_exceeded","message":"Too many requests. Please try again later.","retry_after":120}`,
			want{errCode: "rate_limit_exceeded", retry: 120}},
		{"provider generic shape with status_code", `{"error":"insufficient_scope","message":"Required scope: 'detail-user'.","status_code":403}`,
			want{errCode: "insufficient_scope", status: 403}},
		{"embedded in a log line", `[2026-03-02 10:15:32] production.ERROR: token failed {"error":"invalid_grant","error_description":"x","hint":"Authorization code has expired"} {"trace":"…"}`,
			want{errCode: "invalid_grant", hint: "Authorization code has expired"}},
		{"escaped inside a log string", `level=error body="{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"`,
			want{errCode: "invalid_client", desc: "Client authentication failed"}},
		{"JSON inside a JSON string", `{"level":"error","response":"{\"error\":\"invalid_scope\",\"hint\":\"Check the ` + "`x`" + ` scope\"}"}`,
			want{errCode: "invalid_scope", hint: "Check the `x` scope"}},
		{"nested axios response.data", `{"name":"AxiosError","response":{"status":401,"data":{"message":"Unauthenticated."}}}`,
			want{message: "Unauthenticated."}},
		{"first body wins", `{"error":"invalid_grant"} then later {"error":"invalid_client"}`, want{errCode: "invalid_grant"}},
		{"JavaScript object literal", "data: { error: 'invalid_grant', error_description: 'The refresh token is invalid.', hint: 'Token has been revoked' }",
			want{errCode: "invalid_grant", hint: "Token has been revoked", sources: []string{"object_literal"}}},
		{"Python dict repr", `{'error': 'invalid_scope', 'hint': "Check the ` + "`x`" + ` scope", 'message': 'It\'s bad'}`,
			want{errCode: "invalid_scope", message: "It's bad"}},
		{"truncated JSON (Guzzle)", `{"error":"invalid_request","error_description":"The refresh token is invalid.","hint":"Token has expired","messag (truncated...)`,
			want{errCode: "invalid_request", hint: "Token has expired"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, parse(t, c.text), c.want) })
	}
}

func TestAxiosClientMessageIsNotTheServers(t *testing.T) {
	o := parse(t, "{ message: 'Request failed with status code 401', response: { status: 401, data: { message: 'Unauthenticated.' } } }")
	check(t, o, want{message: "Unauthenticated.", status: 401})
}

func TestTokenResponseIsMasked(t *testing.T) {
	tok := makeJWT(t, map[string]any{"aud": "c1", "exp": float64(testNow.Unix() + 3600), "scopes": []string{"view-user"}})
	o := parse(t, `{"token_type":"Bearer","expires_in":86400,"access_token":"`+tok+`","refresh_token":"def50200abcdefabcdef0123456789"}`)
	noSecret(t, o, tok, "def50200abcdefabcdef0123456789")
	if o.Token == nil || len(o.Token.Scopes) != 1 {
		t.Fatalf("token should be decoded: %+v", o.Token)
	}
	if !slices.Contains(o.Sources, "token_response") {
		t.Errorf("sources %v", o.Sources)
	}
}

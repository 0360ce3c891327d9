package evidence

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// A status written in words is read when nothing structured gave one.
func TestProseStatus(t *testing.T) {
	for text, want := range map[string]int{
		"the refresh call fails with error 503 every few hours":    503,
		"POSTing to the token URL I get a 401 error":               401,
		"my consent form shows 419 Page Expired after a while":     419,
		"403 Forbidden\n{\"detail\": \"nope\"}":                    403,
		"the server says 'Unauthorized' (401) on every call":       401,
		"it was rejected with error code 429 after sixty requests": 429,
		"version 2.401 of the library logs error 5000 lines":       0,
		"request 12345 error occurred":                             0,
		"200 OK but the body is empty":                             0,
	} {
		if o := parse(t, text); o.Status != want {
			t.Errorf("%q: status %d, want %d", text, o.Status, want)
		}
	}
	// A status line outranks the words around it.
	if o := parse(t, "I get error 500 here:\nHTTP/1.1 401 Unauthorized\n\n{\"error\":\"invalid_token\"}"); o.Status != 401 {
		t.Errorf("status line lost to prose: %d", o.Status)
	}
}

// A library that wrote the server's code and description into one message is split, so
// the description's own words can name the cause.
func TestProseErrorSplit(t *testing.T) {
	for text, want := range map[string][2]string{
		"RPError: invalid_scope (The requested scope is not allowed for this client.)":           {"invalid_scope", "The requested scope is not allowed for this client."},
		"token exchange failed: server said: invalid_grant: The code was already redeemed":       {"invalid_grant", "The code was already redeemed"},
		"MismatchingRedirectURIError: (invalid_request) Redirect URI is not the one registered.": {"invalid_request", "Redirect URI is not the one registered."},
	} {
		o := parse(t, text)
		if o.Error != want[0] || o.Description != want[1] {
			t.Errorf("%q: error %q description %q", text, o.Error, o.Description)
		}
	}
	for _, text := range []string{
		"we log invalid_grant_count: 4 per hour",
		`{"error":"invalid_client","error_description":"Client authentication failed"} and invalid_grant: later a second try`,
	} {
		o := parse(t, text)
		if o.Error == "invalid_grant" {
			t.Errorf("%q: error %q description %q", text, o.Error, o.Description)
		}
	}
}

// A hint quoted in a sentence is the hint the catalogue's hint signals read.
func TestProseHint(t *testing.T) {
	for text, want := range map[string]string{
		"the token call answers invalid_request with hint: \"Cannot decrypt the authorization code\"": "Cannot decrypt the authorization code",
		"I always get the hint message “Token has been revoked” back":                                 "Token has been revoked",
		"no hint here, just \"an error\"":                                                             "",
	} {
		if o := parse(t, text); o.Hint != want {
			t.Errorf("%q: hint %q, want %q", text, o.Hint, want)
		}
	}
}

// Error objects other servers nest or capitalise are read like league's.
func TestNestedAndCapitalisedErrorBodies(t *testing.T) {
	o := parse(t, `{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}`)
	if o.Status != 403 || o.Error != "permission_denied" || o.Message == "" {
		t.Errorf("Google-style body: %+v", o)
	}
	o = parse(t, `{"error":{"message":"Bad signature","type":"GraphMethodException","code":2500}}`)
	if o.Exception != "GraphMethodException" || o.Error != "2500" {
		t.Errorf("Facebook-style body: %+v", o)
	}
	o = parse(t, `{"Message":"Authorization has been denied for this request."}`)
	if o.Message != "Authorization has been denied for this request." {
		t.Errorf("ASP.NET body: %+v", o)
	}
}

// An error code a server puts in a "code" field is words joined into a name; an
// authorization code is random. Only the second is a secret.
func TestErrorCodeInCodeFieldIsNoSecret(t *testing.T) {
	for _, text := range []string{`"code": "Authorization_RequestDenied"`, `code: InvalidAuthenticationToken`} {
		if got := Secrets(text); len(got) != 0 {
			t.Errorf("%s: masked %q", text, got)
		}
	}
	for _, text := range []string{`code=SplxlOBeZQQYbYS6WxSbIA`, `"code": "kJhqGfDwsAqWeRtYuIopLkMn"`} {
		if len(Secrets(text)) == 0 {
			t.Errorf("%s: the authorization code was not found", text)
		}
	}
}

// A server's sentence naming the scope it refused gives the offline scope check a value.
func TestRefusedScopeFromProse(t *testing.T) {
	for text, want := range map[string]string{
		"invalid_scope: The scope 'orders:read,orders:write' does not exist.": "orders:read,orders:write",
		"Error: the scopes email profile are not valid for this client":       "email profile",
		"The scope format is invalid. Scopes must be space separated.":        "",
		"the scope parameter is invalid":                                      "",
		"The scope string is not valid":                                       "",
		"The scope 'string' is not valid":                                     "string",
	} {
		_, v, err := ParseAll(text, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if v.Scope != want {
			t.Errorf("%q: scope %q, want %q", text, v.Scope, want)
		}
	}
}

// A request told in words places the failure: its method and path, and the consent screen
// a person says they were on.
func TestProseRequestAndConsentStep(t *testing.T) {
	o := parse(t, "calling (PATCH) api/v1/profile/7 always fails with error 405")
	if o.Method != "PATCH" || o.URL != "/api/v1/profile/7" || o.Endpoint != knowledge.EndpointAPI || o.Status != 405 {
		t.Errorf("method and path in words: %+v", o)
	}
	o = parse(t, "after I click Allow on the provider the app shows error 419 Page Expired")
	if o.Endpoint != knowledge.EndpointAuthorize {
		t.Errorf("consent step: endpoint %q", o.Endpoint)
	}
	o = parse(t, "GET https://api.example.net/v1/me gives 401 error\nthen I click Approve again")
	if o.Endpoint != knowledge.EndpointAPI {
		t.Errorf("a request named in words outranks the consent words: %q", o.Endpoint)
	}
	for _, text := range []string{"I GET the error every time", "we POST it to the server and it fails"} {
		if o := parse(t, text); o.Method != "" {
			t.Errorf("%q: method %q read from prose", text, o.Method)
		}
	}
}

package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func start(t *testing.T, o Options) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func postToken(t *testing.T, ts *httptest.Server, form url.Values, basic bool) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", ts.URL+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basic {
		req.SetBasicAuth(DemoClientID, DemoClientSecret)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func creds(v url.Values) url.Values {
	v.Set("client_id", DemoClientID)
	v.Set("client_secret", DemoClientSecret)
	return v
}

// The bodies must be league 8.x's bytes: the catalogue and the evidence reader key on them.
func TestTokenErrorBodiesAreLeague8Exactly(t *testing.T) {
	_, ts := start(t, Options{})
	tests := []struct {
		name    string
		form    url.Values
		basic   bool
		status  int
		body    string
		wwwAuth string
	}{
		{"unknown grant", url.Values{"grant_type": {"password"}}, false, 400,
			`{"error":"unsupported_grant_type","error_description":"The authorization grant type is not supported by the authorization server.","hint":"Check that all required parameters have been provided","message":"The authorization grant type is not supported by the authorization server."}`, ""},
		{"wrong secret in the body", url.Values{"grant_type": {"client_credentials"}, "client_id": {DemoClientID}, "client_secret": {"nope"}}, false, 401,
			`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`, ""},
		{"wrong secret with Basic", url.Values{"grant_type": {"client_credentials"}, "client_secret": {"nope"}}, true, 401,
			`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`, `Basic realm="OAuth"`},
		{"missing client", url.Values{"grant_type": {"client_credentials"}}, false, 400,
			"{\"error\":\"invalid_request\",\"error_description\":\"The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.\",\"hint\":\"Check the `client_id` parameter\",\"message\":\"The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.\"}", ""},
		{"unknown refresh token", creds(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"def50200abc"}}), false, 401,
			`{"error":"invalid_request","error_description":"The refresh token is invalid.","hint":"Cannot decrypt the refresh token","message":"The refresh token is invalid."}`, ""},
		{"unknown scope", creds(url.Values{"grant_type": {"client_credentials"}, "scope": {"server-operations"}}), false, 400,
			"{\"error\":\"invalid_scope\",\"error_description\":\"The requested scope is invalid, unknown, or malformed\",\"hint\":\"Check the `server-operations` scope\",\"message\":\"The requested scope is invalid, unknown, or malformed\"}", ""},
	}
	for _, tt := range tests {
		resp, body := postToken(t, ts, tt.form, tt.basic)
		if resp.StatusCode != tt.status || body != tt.body {
			t.Errorf("%s: HTTP %d %s\nwant HTTP %d %s", tt.name, resp.StatusCode, body, tt.status, tt.body)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s: Content-Type %q", tt.name, ct)
		}
		if got := resp.Header.Get("WWW-Authenticate"); got != tt.wwwAuth {
			t.Errorf("%s: WWW-Authenticate %q, want %q", tt.name, got, tt.wwwAuth)
		}
	}
}

func TestCodeIsSingleUseAndChecksPKCEAndRedirect(t *testing.T) {
	s, ts := start(t, Options{})
	verifier := oauth2.GenerateVerifier()
	code := s.IssueCode(DemoRedirectURI, []string{"view-user"}, oauth2.S256ChallengeFromVerifier(verifier))
	exchange := func(v, redirect string) (int, string) {
		resp, body := postToken(t, ts, creds(url.Values{"grant_type": {"authorization_code"}, "code": {code},
			"redirect_uri": {redirect}, "code_verifier": {v}}), false)
		return resp.StatusCode, body
	}
	if st, body := exchange(oauth2.GenerateVerifier(), DemoRedirectURI); st != 400 || !strings.Contains(body, "Failed to verify `code_verifier`.") {
		t.Errorf("wrong verifier: %d %s", st, body)
	}
	if st, body := exchange(verifier, "http://127.0.0.1:3090/other"); st != 401 || !strings.Contains(body, "invalid_client") {
		t.Errorf("unregistered redirect_uri (league 8.x: invalid_client): %d %s", st, body)
	}
	if st, body := exchange(verifier, DemoRedirectURI); st != 200 || !strings.Contains(body, `"refresh_token":"def50200`) {
		t.Fatalf("good exchange: %d %s", st, body)
	}
	if st, body := exchange(verifier, DemoRedirectURI); st != 400 || !strings.Contains(body, "Authorization code has been revoked") {
		t.Errorf("second use: %d %s", st, body)
	}
}

func TestRefreshRotatesAndRevokesTheOldPair(t *testing.T) {
	s, ts := start(t, Options{})
	access, refresh, _ := s.IssueTokens([]string{"view-user"})
	resp, body := postToken(t, ts, creds(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}), false)
	if resp.StatusCode != 200 {
		t.Fatalf("refresh: %d %s", resp.StatusCode, body)
	}
	var tok struct{ AccessToken, RefreshToken string }
	_ = json.Unmarshal([]byte(strings.NewReplacer("access_token", "AccessToken", "refresh_token", "RefreshToken").Replace(body)), &tok)
	if tok.RefreshToken == "" || tok.RefreshToken == refresh {
		t.Fatalf("no new refresh token: %s", body)
	}
	resp, body = postToken(t, ts, creds(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}), false)
	if resp.StatusCode != 401 || !strings.Contains(body, `"hint":"Token has been revoked"`) {
		t.Errorf("old refresh token: %d %s", resp.StatusCode, body)
	}
	if st, body := getAPI(t, ts, "/api/user", access, true); st != 401 || body != `{"message":"Unauthenticated."}` {
		t.Errorf("old access token on the API: %d %s", st, body)
	}
	if st, _ := getAPI(t, ts, "/api/user", tok.AccessToken, true); st != 200 {
		t.Errorf("new access token on the API: %d", st)
	}
}

func getAPI(t *testing.T, ts *httptest.Server, path, token string, json bool) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if json {
		req.Header.Set("Accept", "application/json")
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestAPIBodiesAndChecks(t *testing.T) {
	s, ts := start(t, Options{DetailNotApproved: true})
	viewOnly, _, _ := s.IssueTokens([]string{"view-user"})
	both, _, _ := s.IssueTokens([]string{"view-user", "detail-user"})
	if st, body := getAPI(t, ts, "/api/user", "", true); st != 401 || body != `{"message":"Unauthenticated."}` {
		t.Errorf("no token: %d %s", st, body)
	}
	if st, _ := getAPI(t, ts, "/api/user", "", false); st != 302 {
		t.Errorf("no token and no Accept: JSON: HTTP %d, want Laravel's 302 to /login", st)
	}
	if st, body := getAPI(t, ts, "/api/user/details", viewOnly, true); st != 403 || body != bodyInsufficientScope {
		t.Errorf("details without detail-user: %d %s", st, body)
	}
	if st, body := getAPI(t, ts, "/api/user/details", both, true); st != 403 || body != bodyUnapprovedScope {
		t.Errorf("details without approval: %d %s", st, body)
	}
	_ = s.SetFaults(FaultStockBodies)
	if st, body := getAPI(t, ts, "/api/user/details", viewOnly, true); st != 403 || body != "{\n    \"message\": \"Invalid scope(s) provided.\"\n}" {
		t.Errorf("stock scope body: %d %q", st, body)
	}
	_ = s.SetFaults(FaultRateLimited)
	req, _ := http.NewRequest("GET", ts.URL+"/api/user", nil)
	req.Header.Set("Authorization", "Bearer "+viewOnly)
	req.Header.Set("Accept", "application/json")
	resp, _ := noRedirect.Do(req)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 429 || string(b) != bodyRateUser || resp.Header.Get("X-RateLimit-Remaining") != "0" || resp.Header.Get("X-RateLimit-Reset") == "" {
		t.Errorf("rate limited: %d %s %v", resp.StatusCode, b, resp.Header)
	}
}

func TestAuthorizeConsentAndRedirects(t *testing.T) {
	_, ts := start(t, Options{})
	q := url.Values{"response_type": {"code"}, "client_id": {DemoClientID}, "redirect_uri": {DemoRedirectURI},
		"scope": {"view-user"}, "state": {"st4te-value"}}
	get := func(extra url.Values) *http.Response {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		for k, vs := range extra {
			v[k] = vs
		}
		resp, err := noRedirect.Get(ts.URL + "/oauth/authorize?" + v.Encode())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := get(nil); r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Errorf("consent page: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	r := get(url.Values{"auto": {"approve"}})
	loc, _ := url.Parse(r.Header.Get("Location"))
	if r.StatusCode != 302 || loc.Query().Get("state") != "st4te-value" || !strings.HasPrefix(loc.Query().Get("code"), "def50200") {
		t.Errorf("auto approve: %d %s", r.StatusCode, loc)
	}
	r = get(url.Values{"auto": {"deny"}})
	if want := DemoRedirectURI + "?state=st4te-value&error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.&hint=The+user+denied+the+request&message=The+resource+owner+or+authorization+server+denied+the+request."; r.Header.Get("Location") != want {
		t.Errorf("deny: %s\nwant %s", r.Header.Get("Location"), want)
	}
	r = get(url.Values{"scope": {"detail-users"}})
	if want := DemoRedirectURI + "?error=invalid_scope&error_description=The+requested+scope+is+invalid%2C+unknown%2C+or+malformed&hint=Check+the+%60detail-users%60+scope&message=The+requested+scope+is+invalid%2C+unknown%2C+or+malformed"; r.Header.Get("Location") != want {
		t.Errorf("unknown scope: %s\nwant %s", r.Header.Get("Location"), want)
	}
	if r := get(url.Values{"redirect_uri": {"https://evil.example/cb"}}); r.StatusCode != 401 {
		t.Errorf("unregistered redirect_uri: %d, want the invalid_client page", r.StatusCode)
	}
	// league: a loopback IP redirect URI may differ in port.
	if r := get(url.Values{"redirect_uri": {"http://127.0.0.1:4711/callback"}, "auto": {"approve"}}); r.StatusCode != 302 {
		t.Errorf("loopback port: %d", r.StatusCode)
	}
}

func TestAdminEndpointSetsFaults(t *testing.T) {
	s, ts := start(t, Options{})
	resp, err := http.Post(ts.URL+"/_sandbox/fault", "application/x-www-form-urlencoded", strings.NewReader("fault=wrong_secret&fault=slow"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := s.ActiveFaults(); resp.StatusCode != 200 || strings.Join(got, ",") != "slow,wrong_secret" {
		t.Errorf("after POST: %d %v", resp.StatusCode, got)
	}
	resp, _ = http.Post(ts.URL+"/_sandbox/fault", "application/json", strings.NewReader(`{"faults":["no_such_fault"]}`))
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(b), `unknown fault \"no_such_fault\"`) {
		t.Errorf("unknown fault: %d %s", resp.StatusCode, b)
	}
	req, _ := http.NewRequest("DELETE", ts.URL+"/_sandbox/fault", nil)
	resp, _ = http.DefaultClient.Do(req)
	resp.Body.Close()
	if len(s.ActiveFaults()) != 0 {
		t.Errorf("DELETE left %v", s.ActiveFaults())
	}
}

func TestSlowFaultHonoursTheClientGivingUp(t *testing.T) {
	_, ts := start(t, Options{Faults: []string{FaultSlow}, Delay: MaxDelay})
	c := &http.Client{Timeout: 100 * time.Millisecond}
	_, err := c.Post(ts.URL+"/oauth/token", "application/x-www-form-urlencoded", strings.NewReader("grant_type=client_credentials"))
	if err == nil {
		t.Fatal("an hour's delay answered at once")
	}
	// ts.Close in Cleanup returns only once the handler noticed the client left.
}

// FuzzAdminFaults feeds the admin endpoint arbitrary bodies, from this machine and from
// another with or without the admin token: it answers 200, 400 or (only to another machine
// without the token) 403, never panics, leaves only known faults in force, and a refused
// request changes nothing.
func FuzzAdminFaults(f *testing.F) {
	f.Add("application/json", `{"faults":["slow"]}`, true, "")
	f.Add("application/json", `{"faults":[1]}`, true, "")
	f.Add("application/x-www-form-urlencoded", "fault=wrong_secret,basic_only", true, "")
	f.Add("application/x-www-form-urlencoded", "fault=%zz", true, "")
	f.Add("text/plain", "\x00\xff", true, "")
	f.Add("application/x-www-form-urlencoded", "fault=slow", false, "")
	f.Add("application/x-www-form-urlencoded", "fault=slow", false, "Bearer admin-token-for-fuzzing")
	f.Add("application/x-www-form-urlencoded", "fault=slow", false, "Bearer admin-token-for-fuzzin")
	const token = "admin-token-for-fuzzing"
	s, err := New(Options{AdminToken: token})
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	f.Fuzz(func(t *testing.T, ct, body string, local bool, auth string) {
		_ = s.SetFaults(FaultBasicOnly)
		req := httptest.NewRequest("POST", "/_sandbox/fault", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", auth)
		req.RemoteAddr = "192.0.2.7:4711"
		if local {
			req.RemoteAddr = "127.0.0.1:4711"
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		allowed := local || strings.TrimSpace(strings.TrimPrefix(auth, "Bearer ")) == token && strings.HasPrefix(auth, "Bearer ")
		switch {
		case !allowed && rec.Code != 403:
			t.Fatalf("another machine without the token: HTTP %d", rec.Code)
		case !allowed && strings.Join(s.ActiveFaults(), ",") != FaultBasicOnly:
			t.Fatalf("a refused request changed the faults to %v", s.ActiveFaults())
		case allowed && rec.Code != 200 && rec.Code != 400:
			t.Fatalf("HTTP %d", rec.Code)
		}
		if n := len(rec.Result().Header.Values("Content-Type")); n != 1 {
			t.Fatalf("%d Content-Type headers", n)
		}
		for _, name := range s.ActiveFaults() {
			if CheckFault(name) != nil {
				t.Fatalf("unknown fault %q in force", name)
			}
		}
	})
}

package probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The answers below are Ory Hydra v2.3.0's own (hydra serve all --dev, DSN=memory, on
// loopback), recorded byte for byte from a live run; only its address is replaced by the
// test server's. They hold the probes to what a real, independent server says.
const (
	hydraAddr = "http://127.0.0.1:4444"

	// GET /oauth2/auth with a redirect_uri the client has not registered: 302 to Hydra's own
	// error page.
	hydraUnregisteredRedirect = hydraAddr + "/oauth2/fallbacks/error?error=invalid_request&error_description=The+request+is+missing+a+required+parameter%2C+includes+an+invalid+parameter+value%2C+includes+a+parameter+more+than+once%2C+or+is+otherwise+malformed.+The+%27redirect_uri%27+parameter+does+not+match+any+of+the+OAuth+2.0+Client%27s+pre-registered+redirect+urls."
	// GET /oauth2/auth with scope=admin-all, not in the client's list: 303 back to the callback.
	hydraScopeRefused = "http://127.0.0.1:3090/callback?error=invalid_scope&error_description=The+requested+scope+is+invalid%2C+unknown%2C+or+malformed.+The+OAuth+2.0+Client+is+not+allowed+to+request+scope+%27admin-all%27.&state="
	// GET /oauth2/auth that is fine: 302 to the login app, on another port of the same host
	// (its login_challenge, 1000 characters, cut short).
	hydraLogin = "http://127.0.0.1:3000/login?login_challenge=92jTp4sFKTA4g6_E6wvxxZpDwFKGfOTZSoLEq0y2yyhk43I7sRlrrXZSFlghqD5Gul1XoREJGsRBaRwkO1AcwHYfBzggCYK7qoSKmppi2dbUawS2aUJ7jgEJvDrW"

	hydraClientFailed  = `{"error":"invalid_client","error_description":"Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method)."}`
	hydraPostForBasic  = `{"error":"invalid_client","error_description":"Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method). The OAuth 2.0 Client supports client authentication method 'client_secret_basic', but method 'client_secret_post' was requested. You must configure the OAuth 2.0 client's 'token_endpoint_auth_method' value to accept 'client_secret_post'."}`
	hydraGrantPrefix   = `{"error":"invalid_grant","error_description":"The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client. `
	hydraCodeReused    = hydraGrantPrefix + `The authorization code has already been used."}`
	hydraPKCEWrong     = hydraGrantPrefix + `The PKCE code challenge did not match the code verifier."}`
	hydraRedirectDiffs = hydraGrantPrefix + `The 'redirect_uri' from this request does not match the one from the authorize request."}`
	hydraRefreshUsed   = hydraGrantPrefix + `The refresh token was already used."}`
	hydraUnauthorized  = `{"error":"request_unauthorized","error_description":"The request could not be authorized. Check that you provided valid credentials in the right format."}`
	hydraUserInfo      = `{"aud":["raw2-app"],"auth_time":1796530386,"iat":1796530386,"iss":"http://127.0.0.1:4444","rat":1796530386,"sub":"user-1"}`
	hydraNoCCGrant     = `{"error":"unauthorized_client","error_description":"The client is not authorized to request a token using this method. The OAuth 2.0 Client is not allowed to use authorization grant 'client_credentials'."}`
	hydraToken         = `{"access_token":"ory_at_issued-token-value-0123456789","expires_in":3599,"scope":"view-user","token_type":"bearer"}`
)

// hydraAnswers is how the replayed Hydra answers each request of one case.
type hydraAnswers struct {
	authorize string // Location of the authorize endpoint's redirect
	status    int    // its status (302 or 303)
	// token answers a token request; basic is whether the credentials came with HTTP Basic.
	token    func(basic bool) (int, string)
	userinfo func() (int, string)
}

// hydraReplay is a server at Hydra's paths answering with the recorded bytes.
func hydraReplay(t *testing.T, a hydraAnswers) *httptest.Server {
	t.Helper()
	doc, err := os.ReadFile("testdata/hydra-v2.3.0/discovery.json")
	if err != nil {
		t.Fatal(err)
	}
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json := func(status int, body string) {
			w.Header().Set("Content-Type", "application/json;charset=UTF-8")
			w.WriteHeader(status)
			io.WriteString(w, body)
		}
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			io.WriteString(w, strings.ReplaceAll(string(doc), hydraAddr, ts.URL))
		case "/oauth2/auth":
			loc := strings.ReplaceAll(a.authorize, hydraAddr, ts.URL)
			if strings.HasSuffix(loc, "&state=") {
				loc += r.URL.Query().Get("state")
			}
			w.Header().Set("Location", loc)
			w.WriteHeader(a.status)
		case "/oauth2/token":
			_, _, basic := r.BasicAuth()
			json(a.token(basic))
		case "/userinfo":
			status, body := a.userinfo()
			if status == http.StatusUnauthorized {
				w.Header().Set("Www-Authenticate", `Bearer error="request_unauthorized",error_description="The request could not be authorized. Check that you provided valid credentials in the right format."`)
			}
			json(status, body)
		default:
			http.NotFound(w, r) // Hydra's public port answers with Go's own 404 page
		}
	}))
	t.Cleanup(ts.Close)
	return ts
}

// TestVerdictsAgainstHydrasOwnAnswers runs each probe against Hydra's recorded answer to
// one mistake and holds it to the verdict and diagnosis decided before the product was run
// against Hydra.
func TestVerdictsAgainstHydrasOwnAnswers(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	basicOnly := func(secretRight bool) func(bool) (int, string) {
		return func(basic bool) (int, string) {
			switch {
			case !basic:
				return http.StatusUnauthorized, hydraPostForBasic
			case !secretRight:
				return http.StatusUnauthorized, hydraClientFailed
			}
			return http.StatusOK, hydraToken
		}
	}
	grant := func(body string) func(bool) (int, string) {
		return func(bool) (int, string) { return http.StatusBadRequest, body }
	}
	tests := []struct {
		name   string
		probe  string
		style  string // --auth-style
		a      hydraAnswers
		status Status
		code   string   // catalogue entry
		causes []string // any of these first
		says   string   // in the summary
		not    string   // not in the summary
	}{
		{name: "unregistered redirect_uri goes to Hydra's error page", probe: IDAuthorize,
			a: hydraAnswers{authorize: hydraUnregisteredRedirect, status: http.StatusFound}, status: Fail,
			code: "invalid_client", causes: []string{"redirect_uri_not_registered"}, says: "its own error page"},
		{name: "scope the client may not ask for", probe: IDAuthorize,
			a: hydraAnswers{authorize: hydraScopeRefused, status: http.StatusSeeOther}, status: Fail,
			code: "invalid_scope", causes: []string{"scope_not_allowed_for_client"}},
		{name: "a good request goes to the login app", probe: IDAuthorize,
			a: hydraAnswers{authorize: hydraLogin, status: http.StatusFound}, status: Pass, says: "sign-in page"},
		{name: "basic-only client sending basic", probe: IDClientAuth, style: "basic",
			a: hydraAnswers{token: basicOnly(true)}, status: Warn, code: "invalid_client", causes: []string{"auth_method_mismatch"}},
		{name: "basic-only client sending in the body", probe: IDClientAuth, style: "body",
			a: hydraAnswers{token: basicOnly(true)}, status: Fail, code: "invalid_client", causes: []string{"auth_method_mismatch"},
			says: "--auth-style basic"},
		{name: "wrong secret", probe: IDClientAuth, style: "basic",
			a: hydraAnswers{token: basicOnly(false)}, status: Fail, code: "invalid_client", causes: []string{"wrong_secret"}},
		// A client registered for sign-in only (authorization_code, refresh_token), as the
		// catalogue advises: the grant's refusal is worth knowing, not a failure of the app.
		{name: "client registered for the code flow only", probe: IDClientCredentials, style: "basic",
			a: hydraAnswers{token: func(basic bool) (int, string) {
				if basic {
					return http.StatusBadRequest, hydraNoCCGrant
				}
				return http.StatusUnauthorized, hydraPostForBasic
			}},
			status: Warn, code: "unauthorized_client", causes: []string{"grant_not_registered_for_client"}, says: "does not need"},
		{name: "code used twice", probe: IDCodeExchange, style: "basic",
			a: hydraAnswers{token: grant(hydraCodeReused)}, status: Fail, code: "invalid_grant", causes: []string{"code_reused"}},
		{name: "PKCE verifier wrong", probe: IDCodeExchange, style: "basic",
			a: hydraAnswers{token: grant(hydraPKCEWrong)}, status: Fail, code: "invalid_grant", causes: []string{"pkce_mismatch"}},
		{name: "redirect_uri differs from the authorize request", probe: IDCodeExchange, style: "basic",
			a: hydraAnswers{token: grant(hydraRedirectDiffs)}, status: Fail, code: "invalid_grant", causes: []string{"redirect_uri_mismatch"}},
		{name: "refresh token used after rotation", probe: IDRefresh, style: "basic",
			a: hydraAnswers{token: grant(hydraRefreshUsed)}, status: Fail, code: "invalid_grant", causes: []string{"refresh_revoked"}},
		{name: "made-up access token at /userinfo", probe: IDUser,
			a:      hydraAnswers{userinfo: func() (int, string) { return http.StatusUnauthorized, hydraUnauthorized }},
			status: Fail, code: "token_invalid",
			causes: []string{"token_expired", "token_revoked", "access_token_replaced", "token_malformed"}},
		// Hydra has no /api/user/details, Mubarokah ID's detailed user API; its discovery
		// document names a standard userinfo endpoint instead. Worth a warning, not a failure.
		{name: "no detailed user API at the default path", probe: IDUserDetails,
			a:      hydraAnswers{userinfo: func() (int, string) { return http.StatusOK, hydraUserInfo }},
			status: Warn, says: "no /api/user/details", code: "resource_not_found", causes: []string{"endpoint_not_offered"}},
		{name: "good access token at /userinfo", probe: IDUser,
			a:      hydraAnswers{userinfo: func() (int, string) { return http.StatusOK, hydraUserInfo }},
			status: Pass, says: "user-1", not: "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := hydraReplay(t, tt.a)
			cfg := testConfig(ts.URL, 5*time.Second)
			cfg.AccessToken = "bogus-access-token-0123456789abcdef"
			cfg.Scopes = []string{"admin-all"}
			cfg.Code, cfg.CodeVerifier = "ory_ac_code-value-0123456789", "verifier-value-0123456789-0123456789-0123456"
			cfg.RefreshToken = "ory_rt_refresh-value-0123456789"
			if tt.style != "" {
				cfg.AuthStyle = tt.style
			}
			if tt.probe == IDUser || tt.probe == IDUserDetails {
				_ = cfg.Set(config.KeyUserPath, "/userinfo", config.Source{Kind: config.FromFlag, Name: "user-path"})
			}
			cfg = cfg.Allowing(IDCodeExchange, IDRefresh)
			var r Result
			for _, got := range (&Prober{}).RunAll(context.Background(), cfg, []string{IDDiscovery, tt.probe}) {
				if got.ID == tt.probe {
					r = got
				}
			}
			r.Diagnose(cat)
			if r.Status != tt.status {
				t.Fatalf("status %s, want %s: %s", r.Status, tt.status, r.Summary)
			}
			if tt.says != "" && !strings.Contains(r.Summary, tt.says) {
				t.Errorf("the summary %q does not say %q", r.Summary, tt.says)
			}
			if tt.not != "" && strings.Contains(r.Summary, tt.not) {
				t.Errorf("the summary %q says %q", r.Summary, tt.not)
			}
			if tt.code == "" {
				return
			}
			switch d := r.Diagnosis; {
			case d == nil:
				t.Errorf("no diagnosis: %s", r.Summary)
			case d.Code != tt.code:
				t.Errorf("diagnosed %s %v, want %s", d.Code, d.Causes, tt.code)
			case !slices.Contains(tt.causes, d.TopCause()):
				t.Errorf("causes %v, want one of %v first", d.Causes, tt.causes)
			}
		})
	}
}

// TestDetailsNotFoundFailsWithoutDiscovery: against a server with no discovery document
// (as Mubarokah ID), a 404 at /api/user/details is still a failure: there the API exists,
// and the 404 says the base URL, the path or the record is wrong.
func TestDetailsNotFoundFailsWithoutDiscovery(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/user" {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"id":12345}`)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(ts.Close)
	cfg := testConfig(ts.URL, 5*time.Second)
	for _, r := range (&Prober{}).RunAll(context.Background(), cfg, []string{IDDiscovery, IDUser, IDUserDetails}) {
		if r.ID == IDUserDetails && r.Status != Fail {
			t.Errorf("api_user_details: %s (%s), want fail", r.Status, r.Summary)
		}
	}
}

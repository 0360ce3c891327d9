package check

import (
	"encoding/json"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var now = time.Date(2026, 11, 27, 12, 14, 0, 0, time.UTC)

func hasFacts(t *testing.T, r Result, facts ...string) {
	t.Helper()
	for _, f := range facts {
		if !r.Obs.HasFact(f) {
			t.Errorf("%s: fact %s missing; got %+v (%s)", r.Name, f, r.Obs.Facts, r.Summary)
		}
	}
}

// shown is everything a Result lets out: summary, details and the observation as JSON.
func shown(r Result) string {
	b, _ := json.Marshal(r.Obs)
	return r.Summary + "\n" + strings.Join(r.Details, "\n") + "\n" + string(b)
}

func TestRedirectURI(t *testing.T) {
	cases := []struct {
		name, authorize, token string
		status                 Status
		says                   string
		facts                  []string
	}{
		{"identical", "https://app.test/auth/callback", "https://app.test/auth/callback", Pass, "identical", nil},
		{"trailing slash", "https://app.test/cb", "https://app.test/cb/", Fail, "trailing slash", []string{knowledge.FactRedirectMismatch}},
		{"scheme", "http://app.test/cb", "https://app.test/cb", Fail, "scheme: http vs https", []string{knowledge.FactRedirectMismatch}},
		{"localhost vs 127.0.0.1", "http://localhost:3000/cb", "http://127.0.0.1:3000/cb", Fail, "loopback host",
			[]string{knowledge.FactRedirectMismatch, knowledge.FactRedirectLoopback}},
		{"loopback port", "http://127.0.0.1:3000/cb", "http://127.0.0.1:3001/cb", Fail, "port: 3000 vs 3001",
			[]string{knowledge.FactRedirectMismatch, knowledge.FactRedirectLoopback}},
		{"default port written out", "https://app.test/cb", "https://app.test:443/cb", Fail, "default port", []string{knowledge.FactRedirectMismatch}},
		{"host", "https://app.test/cb", "https://www.app.test/cb", Fail, "host: app.test vs www.app.test", []string{knowledge.FactRedirectMismatch}},
		{"host case", "https://App.test/cb", "https://app.test/cb", Fail, "host case", []string{knowledge.FactRedirectMismatch}},
		{"path case", "https://app.test/Callback", "https://app.test/callback", Fail, "path case", []string{knowledge.FactRedirectMismatch}},
		{"path", "https://app.test/auth/callback", "https://app.test/callback", Fail, "path:", []string{knowledge.FactRedirectMismatch}},
		{"percent-encoded path", "https://app.test/a%20b", "https://app.test/a b", Fail, "percent-encoding", []string{knowledge.FactRedirectMismatch}},
		{"still encoded", "https%3A%2F%2Fapp.test%2Fcb", "https://app.test/cb", Fail, "still URL-encoded", []string{knowledge.FactRedirectMismatch}},
		{"query", "https://app.test/cb?x=1", "https://app.test/cb", Fail, "query", []string{knowledge.FactRedirectMismatch}},
		{"newline from .env", "https://app.test/cb\n", "https://app.test/cb", Fail, "whitespace", []string{knowledge.FactRedirectMismatch}},
		{"missing at token", "https://app.test/cb", "", Fail, "token request sends none", []string{knowledge.FactRedirectMismatch}},
		{"missing at authorize", "", "https://app.test/cb", Fail, "authorize request sent none", []string{knowledge.FactRedirectMismatch}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := ByName(lang.English, NameRedirectURI, map[string]string{"authorize": c.authorize, "token": c.token}, now)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != c.status || !strings.Contains(shown(r), c.says) {
				t.Errorf("status %s, want %s; want it to say %q:\n%s", r.Status, c.status, c.says, shown(r))
			}
			hasFacts(t, r, c.facts...)
			if c.status == Fail && !strings.Contains(c.name, "loopback") && !strings.Contains(c.name, "localhost") && r.Obs.HasFact(knowledge.FactRedirectLoopback) {
				t.Errorf("loopback fact on a non-loopback difference")
			}
		})
	}
}

func TestPKCE(t *testing.T) {
	// RFC 7636 appendix B.
	const v, c = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	cases := []struct {
		name, verifier, challenge, method string
		status                            Status
		says                              string
		facts                             []string
	}{
		{"RFC 7636 example", v, c, "", Pass, "hashes to the challenge", nil},
		{"padded base64", v, c[:42] + "=", "S256", Fail, "", []string{knowledge.FactPKCEChallengeBad}},
		{"standard base64 of the hash", v, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM=", "S256", Fail, "standard base64",
			[]string{knowledge.FactPKCEMismatch, knowledge.FactPKCEChallengeBad}},
		{"hex digest", v, "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3", "S256", Fail, "hex SHA-256", []string{knowledge.FactPKCEMismatch}},
		{"verifier sent as challenge", v, v, "S256", Fail, "verifier itself", []string{knowledge.FactPKCEMismatch}},
		{"other verifier", strings.Repeat("a", 43), c, "S256", Fail, "does not hash", []string{knowledge.FactPKCEMismatch}},
		{"short verifier", "abc", c, "S256", Fail, "3 characters", []string{knowledge.FactPKCEVerifierBad}},
		{"bad alphabet", strings.Repeat("a", 42) + "+", c, "S256", Fail, "base64url", []string{knowledge.FactPKCEVerifierBad}},
		{"plain method matching", v, v, "plain", Warn, "requires S256", nil},
		{"plain method differing", v, c, "plain", Fail, "requires S256", []string{knowledge.FactPKCEMismatch}},
		{"lower-case method", v, c, "s256", Fail, "case-sensitive", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ByName(lang.English, NamePKCE, map[string]string{"verifier": tc.verifier, "challenge": tc.challenge, "method": tc.method}, now)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != tc.status || !strings.Contains(shown(r), tc.says) {
				t.Errorf("status %s, want %s; want it to say %q:\n%s", r.Status, tc.status, tc.says, shown(r))
			}
			hasFacts(t, r, tc.facts...)
			if len(tc.verifier) > 16 && strings.Contains(shown(r), tc.verifier) && tc.verifier != tc.challenge {
				t.Errorf("the verifier is shown whole:\n%s", shown(r))
			}
		})
	}
	if S256(v) != c {
		t.Errorf("S256 of the RFC example = %s", S256(v))
	}
}

func TestScope(t *testing.T) {
	cases := []struct {
		scope  string
		status Status
		says   string
		facts  []string
	}{
		{"view-user", Pass, "well formed", nil},
		{"view-user detail-user", Pass, "admin approval", nil},
		{"view-user,detail-user", Fail, "comma-separated", []string{knowledge.FactScopeMalformed}},
		{"view-user+detail-user", Fail, "joined with \"+\"", []string{knowledge.FactScopeMalformed}},
		{"view-user%20detail-user", Fail, "percent-encoded", []string{knowledge.FactScopeMalformed}},
		{"view-user?lang=id", Fail, "another query string was glued", []string{knowledge.FactScopeMalformed}},
		{"[object Object]", Fail, "passed an object", []string{knowledge.FactScopeMalformed}},
		{"view-user detail-users", Fail, `did you mean "detail-user"`, []string{knowledge.FactScopeUnknown}},
		{"openid profile", Fail, "only view-user and detail-user exist", []string{knowledge.FactScopeUnknown}},
		{"View-User", Fail, `did you mean "view-user"`, []string{knowledge.FactScopeUnknown}},
		{"detail-user", Warn, "without view-user", []string{knowledge.FactScopeDetailOnly}},
		{"view-user view-user", Warn, "listed twice", nil},
		{"", Warn, "no scope", nil},
	}
	for _, c := range cases {
		r, err := ByName(lang.English, NameScope, map[string]string{"scope": c.scope}, now)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != c.status || !strings.Contains(shown(r), c.says) {
			t.Errorf("%q: status %s, want %s; want it to say %q:\n%s", c.scope, r.Status, c.status, c.says, shown(r))
		}
		hasFacts(t, r, c.facts...)
	}
}

func TestState(t *testing.T) {
	cases := []struct {
		sent, received string
		status         Status
		says           string
		fact           string
	}{
		{"Xy7kP2qLm9", "Xy7kP2qLm9", Pass, "matches", ""},
		{"Xy7kP2qLm9", "Xy7kP2qLm8", Fail, "different values", knowledge.FactStateMismatch},
		{"Xy7kP2qLm9", "xy7kp2qlm9", Fail, "letter case", knowledge.FactStateMismatch},
		{"a+b/c=", "a b/c=", Fail, "URL-encoded", knowledge.FactStateMismatch},
		{"Xy7kP2qLm9", "Xy7kP2", Fail, "cut short", knowledge.FactStateMismatch},
		{"Xy7kP2qLm9", "Xy7kP2qLm9 ", Fail, "whitespace", knowledge.FactStateMismatch},
		{"Xy7kP2qLm9", "", Fail, "no state", knowledge.FactStateMissing},
		{"", "Xy7kP2qLm9", Fail, "no stored state", knowledge.FactStateMismatch},
		{"", "", Warn, "no state at all", knowledge.FactStateMissing},
	}
	for _, c := range cases {
		r, err := ByName(lang.English, NameState, map[string]string{"sent": c.sent, "received": c.received}, now)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != c.status || !strings.Contains(shown(r), c.says) {
			t.Errorf("%q/%q: status %s, want %s; want it to say %q:\n%s", c.sent, c.received, r.Status, c.status, c.says, shown(r))
		}
		if c.fact != "" {
			hasFacts(t, r, c.fact)
		}
	}
}

func token(t *testing.T, claims jwt.MapClaims) string {
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("test-only"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestToken(t *testing.T) {
	good := token(t, jwt.MapClaims{"aud": "client-1", "sub": "42", "scopes": []string{"view-user"}, "exp": float64(now.Add(time.Hour).Unix())})
	expired := token(t, jwt.MapClaims{"aud": "client-1", "scopes": []string{"view-user", "detail-user"}, "exp": float64(now.Add(-3 * time.Hour).Unix())})
	star := token(t, jwt.MapClaims{"scopes": []string{"*"}, "exp": float64(now.Add(time.Hour).Unix())})
	detailOnly := token(t, jwt.MapClaims{"scopes": []string{"detail-user"}, "exp": float64(now.Add(time.Hour).Unix())})
	cases := []struct {
		name, token, endpoint, client string
		status                        Status
		says                          string
		facts                         []string
	}{
		{"good for /api/user", good, "/api/user", "client-1", Pass, "carries view-user for /api/user", nil},
		{"lacks detail-user", good, "https://accounts.mubarokah.com/api/user/details", "", Fail, "lack detail-user", []string{knowledge.FactTokenLacksScope}},
		{"expired", expired, "api_user_details", "", Fail, "3 h in the past", []string{knowledge.FactTokenExpired}},
		{"wrong audience", good, "", "client-2", Fail, "issued to client client-1", []string{knowledge.FactTokenAudMismatch}},
		{"star scope", star, "details", "", Pass, "current", nil},
		// The docs do not say whether detail-user alone opens /api/user (fact check, row 16).
		{"detail-user alone on /api/user is a doubt, not a refusal", detailOnly, "/api/user", "", Warn, "do not say", []string{knowledge.FactScopeDetailOnly}},
		{"refresh token", "def50200aabbccddeeff00112233445566", "", "", Fail, "not an access token", []string{knowledge.FactRefreshAsAccess}},
		{"not a JWT", "abcdefghijklmnopqrstuvwxyz", "", "", Fail, "not a JWT", []string{knowledge.FactTokenNotJWT}},
		{"Bearer prefix is fine", "Bearer " + good, "api_user", "", Pass, "current", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := ByName(lang.English, NameToken, map[string]string{"token": c.token, "endpoint": c.endpoint, "client_id": c.client}, now)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != c.status || !strings.Contains(shown(r), c.says) {
				t.Errorf("status %s, want %s; want it to say %q:\n%s", r.Status, c.status, c.says, shown(r))
			}
			hasFacts(t, r, c.facts...)
			if strings.Contains(shown(r), strings.TrimPrefix(c.token, "Bearer ")) {
				t.Errorf("the token is shown whole:\n%s", shown(r))
			}
		})
	}
}

func TestByNameSaysWhatIsMissing(t *testing.T) {
	cases := []struct {
		name string
		in   map[string]string
		says string
	}{
		{NameRedirectURI, map[string]string{"authorize": "https://a/cb"}, `needs "token"`},
		{NamePKCE, map[string]string{"challenge": "x"}, `needs "verifier": the code_verifier`},
		{NameScope, nil, `needs "scope"`},
		{NameState, map[string]string{"sent": "x"}, `needs "received"`},
		{NameToken, map[string]string{}, `needs "token"`},
		{NameToken, map[string]string{"token": "x", "endpoint": "/oauth/token"}, "not a user API"},
		{"nope", nil, "redirect_uri, pkce, scope, state, token"},
	}
	for _, c := range cases {
		_, err := ByName(lang.English, c.name, c.in, now)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s %v: err = %v, want it to say %q", c.name, c.in, err, c.says)
		}
	}
}

// One Failed for the offline checks and the live probes.
func TestFailedReadsBothKindsOfResult(t *testing.T) {
	if Failed([]Result{{Status: Pass}, {Status: Warn}}) || !Failed([]Result{{Status: Skip}, {Status: Fail}}) {
		t.Error("offline results judged wrong")
	}
	if Failed([]ProbeResult{{Status: Skip}}) || !Failed([]ProbeResult{{Status: Pass}, {Status: Fail}}) {
		t.Error("probe results judged wrong")
	}
	if Failed([]ProbeResult(nil)) {
		t.Error("no result is no failure")
	}
}

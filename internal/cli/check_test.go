package cli

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// sandboxTarget is a sandbox behind httptest and the environment that points check at it,
// with a fresh code (PKCE S256), an access token and a separate refresh token.
type sandboxTarget struct {
	srv     *sandbox.Server
	url     string
	environ []string
	secrets []string // every secret value handed to check
}

func newSandboxTarget(t testing.TB, opts sandbox.Options) *sandboxTarget {
	t.Helper()
	return newSandboxTargetWith(t, opts, func(h http.Handler) http.Handler { return h })
}

// newSandboxTargetWith is newSandboxTarget with the sandbox's handler wrapped.
func newSandboxTargetWith(t testing.TB, opts sandbox.Options, wrap func(http.Handler) http.Handler) *sandboxTarget {
	t.Helper()
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(wrap(srv.Handler()))
	t.Cleanup(ts.Close)
	access, _, err := srv.IssueTokens([]string{"view-user", "detail-user"})
	if err != nil {
		t.Fatal(err)
	}
	// A refresh rotates and revokes its own access token, so the refresh token comes from
	// another grant than the access token the API checks use.
	_, refresh, err := srv.IssueTokens([]string{"view-user", "detail-user"})
	if err != nil {
		t.Fatal(err)
	}
	verifier := oauth2.GenerateVerifier()
	code := srv.IssueCode(sandbox.DemoRedirectURI, []string{"view-user"}, oauth2.S256ChallengeFromVerifier(verifier))
	secret := srv.Client().Secret
	return &sandboxTarget{srv: srv, url: ts.URL, secrets: []string{secret, access, refresh, code, verifier},
		environ: []string{
			"MUBAROKAH_BASE_URL=" + ts.URL,
			"MUBAROKAH_CLIENT_ID=" + srv.Client().ID,
			"MUBAROKAH_CLIENT_SECRET=" + secret,
			"MUBAROKAH_REDIRECT_URI=" + sandbox.DemoRedirectURI,
			"MUBAROKAH_SCOPES=view-user detail-user",
			"MUBAROKAH_DOCTOR_ACCESS_TOKEN=" + access,
			"MUBAROKAH_DOCTOR_REFRESH_TOKEN=" + refresh,
			"MUBAROKAH_DOCTOR_CODE=" + code,
			"MUBAROKAH_DOCTOR_CODE_VERIFIER=" + verifier,
		}}
}

// runCheck runs `check` with the target's environment and returns exit code and output.
func (st *sandboxTarget) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	args = append([]string{"check", "--no-env-file"}, args...)
	code := run(args, newEnv(strings.NewReader(""), &out, &errOut, st.environ))
	return code, out.String(), errOut.String()
}

func decodeReport(t *testing.T, out string) checkReport {
	t.Helper()
	var rep checkReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out)
	}
	return rep
}

func findCheck(rep checkReport, id string) (probe.Result, bool) {
	for _, c := range rep.Checks {
		if c.ID == id {
			return c, true
		}
	}
	return probe.Result{}, false
}

func TestCheckJSONAgainstHealthySandboxPasses(t *testing.T) {
	st := newSandboxTarget(t, sandbox.Options{})
	saved := filepath.Join(t.TempDir(), "refresh.txt")
	code, out, stderr := st.run(t, "--json", "--timeout", "3s", "--exchange-code", "--refresh", "--save-refresh-token", saved)
	if code != exitOK {
		t.Fatalf("exit %d, want 0; stderr %q\n%s", code, stderr, out)
	}
	rep := decodeReport(t, out)
	if rep.Target.BaseURL != st.url || rep.Target.Endpoints["token"] != st.url+"/oauth/token" {
		t.Errorf("target = %+v, want the sandbox's base URL and token endpoint", rep.Target)
	}
	for _, c := range rep.Checks {
		want := probe.Pass
		if c.ID == probe.IDTLS {
			want = probe.Skip // plain HTTP on loopback: no certificate
		}
		if c.Status != want {
			t.Errorf("%s: %s (%s), want %s", c.ID, c.Status, c.Summary, want)
		}
	}
	// The rotated refresh token went to the file, 0600, and nowhere else.
	info, err := os.Stat(saved)
	if err != nil {
		t.Fatalf("the rotated refresh token was not saved: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("saved refresh token has mode %v, want 0600", info.Mode().Perm())
	}
	b, _ := os.ReadFile(saved)
	newRefresh := strings.TrimSpace(string(b))
	if !strings.HasPrefix(newRefresh, "def50200") || strings.Contains(out, newRefresh) {
		t.Errorf("saved token %q looks wrong or was printed", newRefresh[:min(12, len(newRefresh))])
	}
}

// TestCheckJSONNamesTheFault switches on each sandbox fault and expects the check that
// exercises it to fail with the catalogue entry and cause the fault stands for. Where the
// provider's answer is the same for several causes (Passport's invalid_client for an unknown
// and a revoked client), the cause must be among the candidates rather than first.
func TestCheckJSONNamesTheFault(t *testing.T) {
	tests := []struct {
		fault, check, code, cause string
		candidate                 bool // the cause is listed, not necessarily first
	}{
		{sandbox.FaultCodeExpired, probe.IDCodeExchange, "invalid_grant", "code_expired", false},
		{sandbox.FaultCodeReused, probe.IDCodeExchange, "invalid_grant", "code_reused", false},
		{sandbox.FaultCodeClientMismatch, probe.IDCodeExchange, "invalid_grant", "code_client_mismatch", false},
		{sandbox.FaultRedirectMismatch, probe.IDCodeExchange, "invalid_grant", "redirect_uri_mismatch", false},
		{sandbox.FaultPKCEMismatch, probe.IDCodeExchange, "invalid_grant", "pkce_mismatch", false},
		{sandbox.FaultWrongSecret, probe.IDClientAuth, "invalid_client", "wrong_secret", false},
		{sandbox.FaultUnknownClient, probe.IDClientAuth, "invalid_client", "unknown_client", false},
		{sandbox.FaultClientRevoked, probe.IDClientAuth, "invalid_client", "client_revoked", true},
		{sandbox.FaultGrantNotAllowed, probe.IDClientCredentials, "invalid_client", "grant_not_allowed", false},
		{sandbox.FaultBasicOnly, probe.IDClientAuth, "invalid_client", "auth_method_mismatch", false},
		// Fails only for an application that sends HTTP Basic (--auth-style basic below).
		{sandbox.FaultBodyOnly, probe.IDClientAuth, "invalid_request", "basic_auth_header_stripped", false},
		{sandbox.FaultScopeUnknown, probe.IDClientCredentials, "invalid_scope", "scope_unknown", false},
		{sandbox.FaultScopeUnknown, probe.IDAuthorize, "invalid_scope", "scope_unknown", false},
		{sandbox.FaultUserDenied, probe.IDAuthorize, "access_denied", "user_denied", false},
		{sandbox.FaultDetailNotApproved, probe.IDUserDetails, "unapproved_scope", "approval_missing", false},
		{sandbox.FaultTokenExpired, probe.IDUser, "token_invalid", "token_expired", false},
		{sandbox.FaultTokenRevoked, probe.IDUser, "token_invalid", "token_revoked", false},
		{sandbox.FaultRefreshRevoked, probe.IDRefresh, "invalid_grant", "refresh_revoked", false},
		{sandbox.FaultRefreshExpired, probe.IDRefresh, "invalid_grant", "refresh_expired", false},
		{sandbox.FaultRateLimited, probe.IDUser, "rate_limit_exceeded", "user_api_called_too_often", false},
		{sandbox.FaultServerError, probe.IDClientAuth, "server_error", "provider_unexpected_failure", false},
		{sandbox.FaultHTMLError, probe.IDClientAuth, "server_error", "provider_unexpected_failure", false},
		{sandbox.FaultUnavailable, probe.IDClientAuth, "temporarily_unavailable", "scheduled_maintenance", false},
		{sandbox.FaultSlow, probe.IDReachability, "network_timeout", "provider_slow_to_answer", true},
		{sandbox.FaultRedirectToken, probe.IDClientAuth, "unexpected_redirect", "http_base_url_upgraded", false},
		{sandbox.FaultLoginRedirect, probe.IDUser, "html_instead_of_json", "accept_json_header_missing", false},
		{sandbox.FaultOversize, probe.IDUser, "html_instead_of_json", "base_url_points_at_website", false},
	}
	for _, tt := range tests {
		t.Run(tt.fault+"/"+tt.check, func(t *testing.T) {
			t.Parallel()
			st := newSandboxTarget(t, sandbox.Options{Faults: []string{tt.fault}, Delay: 3 * time.Second})
			timeout := "5s" // generous: a slow machine must not turn a fault into a timeout
			if tt.fault == sandbox.FaultSlow {
				timeout = "1s" // shorter than the sandbox's delay
			}
			args := []string{"--json", "--timeout", timeout, "--exchange-code", "--refresh"}
			if tt.fault == sandbox.FaultBodyOnly {
				// A check is judged by the application's own set-up (issue 10): the stripped
				// header is a failure for an application that sends one.
				args = append(args, "--auth-style", "basic")
			}
			code, out, stderr := st.run(t, args...)
			if code != exitProblem {
				t.Fatalf("exit %d, want 1 (a check failed); stderr %q", code, stderr)
			}
			c, ok := findCheck(decodeReport(t, out), tt.check)
			if !ok || c.Status != probe.Fail {
				t.Fatalf("check %s = %+v, want it to fail", tt.check, c)
			}
			if c.Diagnosis == nil || c.Diagnosis.Code != tt.code {
				t.Fatalf("check %s diagnosis = %+v, want entry %s (summary %q)", tt.check, c.Diagnosis, tt.code, c.Summary)
			}
			if tt.candidate {
				if !slices.Contains(c.Diagnosis.Causes, tt.cause) {
					t.Errorf("causes %v do not include %s", c.Diagnosis.Causes, tt.cause)
				}
			} else if c.Diagnosis.TopCause() != tt.cause {
				t.Errorf("top cause = %s (of %v), want %s", c.Diagnosis.TopCause(), c.Diagnosis.Causes, tt.cause)
			}
		})
	}
}

func TestCheckTextListsEveryCheckWithGlyphAndDiagnosis(t *testing.T) {
	st := newSandboxTarget(t, sandbox.Options{Faults: []string{sandbox.FaultWrongSecret}})
	code, out, _ := st.run(t, "--timeout", "3s")
	if code != exitProblem {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"✓ Server answers",
		"✗ Client authentication (body and HTTP Basic)",
		"diagnosis: invalid_client, most likely wrong_secret",
		"– Exchange the authorization code: exchanging the code uses it up; pass --exchange-code",
		"– Refresh the access token: a refresh may rotate the refresh token",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestCheckNeverPrintsSecrets hands check unique secret values and looks for them in
// every output, on passing and failing paths, as text and JSON.
func TestCheckNeverPrintsSecrets(t *testing.T) {
	for _, fault := range []string{"", sandbox.FaultWrongSecret, sandbox.FaultCodeReused, sandbox.FaultRefreshRevoked, sandbox.FaultTokenExpired, sandbox.FaultServerError} {
		for _, format := range [][]string{nil, {"--json"}} {
			st := newSandboxTarget(t, sandbox.Options{})
			if fault != "" {
				_ = st.srv.SetFaults(fault)
			}
			args := append([]string{"--timeout", "3s", "--exchange-code", "--refresh", "--client-secret", st.secrets[0]}, format...)
			_, out, stderr := st.run(t, args...)
			for _, s := range st.secrets {
				if strings.Contains(out, s) || strings.Contains(stderr, s) {
					t.Errorf("fault %q %v: a secret (%s…) appears in the output", fault, format, s[:4])
				}
			}
		}
	}
}

func TestCheckBadUsageExitsTwoWithAClearMessage(t *testing.T) {
	tests := []struct {
		args    []string
		environ []string
		want    string
	}{
		{[]string{"--timeout", "soon"}, nil, "timeout \"soon\" (from flag --timeout) is not a duration; want a duration"},
		{nil, []string{"MUBAROKAH_BASE_URL=accounts.mubarokah.com"}, "base-url \"accounts.mubarokah.com\" (from environment MUBAROKAH_BASE_URL) does not start with https://"},
		{nil, []string{"MUBAROKAH_CLIENT_SECRET=\"quoted-secret-value\"", "MUBAROKAH_CLIENT_ID=x"}, "…(21 chars)\" (from environment MUBAROKAH_CLIENT_SECRET) is wrapped in quotes"},
		{[]string{"--probe", "nope"}, nil, "there is no probe \"nope\""},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(append([]string{"check", "--no-env-file"}, tt.args...), newEnv(strings.NewReader(""), &out, &errOut, tt.environ))
		if code != exitUsage {
			t.Errorf("%v %v: exit %d, want 2", tt.args, tt.environ, code)
		}
		if !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v %v: stderr %q lacks %q", tt.args, tt.environ, errOut.String(), tt.want)
		}
		if strings.Contains(errOut.String(), "quoted-secret-value") {
			t.Errorf("the secret was echoed in a usage message")
		}
	}
}

func TestCheckURLFlagsPointAtAnotherServer(t *testing.T) {
	st := newSandboxTarget(t, sandbox.Options{})
	// Base URL somewhere that refuses connections; the token endpoint given as a full URL.
	st.environ = append(st.environ, "MUBAROKAH_BASE_URL=http://127.0.0.1:1")
	code, out, stderr := st.run(t, "--json", "--timeout", "2s", "--probe", "client_auth", "--token-url", st.url+"/oauth/token")
	if code != exitOK {
		t.Fatalf("exit %d; stderr %q\n%s", code, stderr, out)
	}
	c, _ := findCheck(decodeReport(t, out), probe.IDClientAuth)
	if c.Status != probe.Pass {
		t.Errorf("client_auth = %s %q, want pass through --token-url", c.Status, c.Summary)
	}
}

// BenchmarkCheckSuiteSlowSandbox measures the whole suite against a sandbox that delays
// every answer by 200 ms. Run one after another the twelve probes would take 2.6 s or
// more; run at the same time they take about three delays: discovery first (its endpoints
// feed the rest), then everything else together, then the refresh (it revokes the access
// token the API checks use).
func BenchmarkCheckSuiteSlowSandbox(b *testing.B) {
	const delay = 200 * time.Millisecond
	st := newSandboxTarget(b, sandbox.Options{Faults: []string{sandbox.FaultSlow}, Delay: delay})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		verifier := oauth2.GenerateVerifier()
		code := st.srv.IssueCode(sandbox.DemoRedirectURI, []string{"view-user"}, oauth2.S256ChallengeFromVerifier(verifier))
		_, refresh, _ := st.srv.IssueTokens([]string{"view-user"})
		env := append(slices.Clone(st.environ), "MUBAROKAH_DOCTOR_CODE="+code, "MUBAROKAH_DOCTOR_CODE_VERIFIER="+verifier,
			"MUBAROKAH_DOCTOR_REFRESH_TOKEN="+refresh)
		var out, errOut bytes.Buffer
		b.StartTimer()
		rc := run([]string{"check", "--no-env-file", "--json", "--timeout", "5s", "--exchange-code", "--refresh"},
			newEnv(strings.NewReader(""), &out, &errOut, env))
		b.StopTimer()
		if rc != exitOK {
			b.Fatalf("exit %d: %s %s", rc, errOut.String(), out.String())
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(len(probe.IDs()))*float64(delay.Milliseconds()), "sequential-ms")
}

func TestCheckE2EWithoutABrowserPrintsTheURLAndFinishesTheSignIn(t *testing.T) {
	st := newSandboxTarget(t, sandbox.Options{})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	redirect := "http://" + l.Addr().String() + "/callback" // league: a loopback port may differ
	l.Close()
	environ := append(slices.Clone(st.environ), "MUBAROKAH_REDIRECT_URI="+redirect)
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"check", "--no-env-file", "--json", "--e2e", "--no-browser", "--timeout", "5s"},
			newEnv(strings.NewReader(""), &out, &errOut, environ))
	}()
	urlRe := regexp.MustCompile(`http://\S+/oauth/authorize\?\S+`)
	var authURL string
	for deadline := time.Now().Add(10 * time.Second); authURL == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		authURL = urlRe.FindString(errOut.String())
	}
	if authURL == "" {
		t.Fatalf("no sign-in URL printed: %s", errOut.String())
	}
	// The person approves in the browser; the browser follows the redirect to the callback.
	resp, err := http.Get(authURL + "&auto=approve")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	rep := decodeReport(t, out.String())
	var ids []string
	for _, c := range rep.Checks {
		ids = append(ids, c.ID+"="+string(c.Status))
	}
	if got := strings.Join(ids, " "); got != "e2e_callback=pass e2e_exchange=pass e2e_api_user=pass e2e_api_user_details=pass" {
		t.Errorf("checks: %s", got)
	}
}

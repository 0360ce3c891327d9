package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mubarokah/mubarokah-doctor/assets"
)

// diagnoseNow is the clock of every diagnose test, so token lifetimes read the same always.
var diagnoseNow = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

func runDiagnoseCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := newEnv(strings.NewReader(stdin), &out, &errOut, []string{"NO_COLOR=1"})
	env.now = func() time.Time { return diagnoseNow }
	code := run(append([]string{"diagnose"}, args...), env)
	return code, out.String(), errOut.String()
}

type diagJSON struct {
	Observation map[string]any `json:"observation"`
	Diagnoses   []struct {
		Code         string  `json:"code"`
		Title        string  `json:"title"`
		Confidence   float64 `json:"confidence"`
		Undetermined bool    `json:"undetermined"`
		Causes       []struct {
			ID         string   `json:"id"`
			Confidence float64  `json:"confidence"`
			Signals    []string `json:"signals"`
		} `json:"causes"`
		Steps []struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		} `json:"steps"`
	} `json:"diagnoses"`
	Checks []struct {
		Name    string `json:"name"`
		Status  string `json:"status"`
		Summary string `json:"summary"`
	} `json:"checks"`
}

func decodeDiag(t *testing.T, out string) diagJSON {
	t.Helper()
	var d diagJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("--json output does not decode: %v\n%s", err, out)
	}
	return d
}

// The corpus: real Passport 8.x/9.x bodies, raw HTTP, curl -v, callbacks and client errors,
// each with the entry and cause a person should be pointed to first.
func TestDiagnoseCorpusPicksTheRightEntry(t *testing.T) {
	cases := []struct {
		file, code, cause string
		undetermined      bool
	}{
		{"passport8-refresh-expired.txt", "invalid_grant", "refresh_expired", false},
		{"passport9-refresh-expired.txt", "invalid_grant", "refresh_expired", false},
		{"passport8-refresh-revoked-curl-v.txt", "invalid_grant", "refresh_revoked", false},
		{"passport8-code-reused.txt", "invalid_grant", "code_reused", false},
		{"passport9-code-expired.txt", "invalid_grant", "code_expired", false},
		{"passport8-invalid-redirect-uri.txt", "invalid_grant", "redirect_uri_mismatch", false},
		{"passport8-pkce-verify-failed.txt", "invalid_grant", "pkce_mismatch", false},
		{"go-oauth2-refresh-expired-8x.txt", "invalid_grant", "refresh_expired", false},
		{"guzzle-client-exception-truncated.txt", "invalid_grant", "refresh_expired", false},
		{"passport-invalid-client-basic-auth.txt", "invalid_client", "", true},
		{"httpie-invalid-client.txt", "invalid_client", "", true},
		{"laravel-unauthenticated-401.txt", "token_invalid", "", true},
		{"axios-401-unauthenticated.txt", "token_invalid", "", true},
		{"bearer-expired-access-token.txt", "token_invalid", "token_expired", false},
		{"api-token-expired.txt", "token_invalid", "token_expired", false},
		{"refresh-token-used-as-bearer.txt", "token_invalid", "token_malformed", false},
		{"passport-missing-scope-403.txt", "insufficient_scope", "scope_not_granted", false},
		{"api-unapproved-scope.txt", "unapproved_scope", "", false},
		{"python-requests-403-unapproved.txt", "unapproved_scope", "", false},
		{"callback-access-denied-passport8.txt", "access_denied", "user_denied", false},
		{"callback-denied-without-state-quirk.txt", "access_denied", "user_denied", false},
		{"callback-invalid-scope-passport8.txt", "invalid_scope", "scope_unknown", false},
		{"passport9-unknown-scope-token.txt", "invalid_scope", "scope_unknown", false},
		{"api-rate-limited.txt", "rate_limit_exceeded", "", false},
		{"go-dns-no-such-host.txt", "dns_failure", "", false},
		{"go-tls-unknown-authority.txt", "tls_failure", "", false},
		{"curl-ssl-local-issuer.txt", "tls_failure", "", false},
		{"node-cert-has-expired.txt", "tls_failure", "provider_certificate_expired", false},
		{"node-econnrefused.txt", "connection_refused", "", false},
		{"php-curl-timeout.txt", "network_timeout", "", false},
		{"curl-i-login-redirect.txt", "html_instead_of_json", "", false},
		{"token-request-sent-as-json.txt", "unsupported_grant_type", "", false},
		{"callback-code-without-state-log.txt", "state_mismatch", "", false},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			paste, err := assets.Samples.ReadFile("samples/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runDiagnoseCLI(t, string(paste), "--json")
			if code != exitOK {
				t.Fatalf("exit %d, stderr %s", code, errOut)
			}
			d := decodeDiag(t, out)
			if len(d.Diagnoses) == 0 {
				t.Fatal("no diagnosis")
			}
			best := d.Diagnoses[0]
			if best.Code != c.code {
				t.Fatalf("first entry %s, want %s", best.Code, c.code)
			}
			if c.cause != "" && (len(best.Causes) == 0 || best.Causes[0].ID != c.cause) {
				t.Errorf("first cause %+v, want %s", best.Causes, c.cause)
			}
			if c.undetermined && !best.Undetermined {
				t.Errorf("%s should be undetermined: the response cannot tell its causes apart", c.code)
			}
			if len(best.Steps) == 0 {
				t.Error("no checklist")
			}
		})
	}
}

// Every sample the wizard offers must be recognised by something.
func TestEverySampleIsRecognised(t *testing.T) {
	files, err := assets.Samples.ReadDir("samples")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if filepath.Ext(f.Name()) != ".txt" {
			continue
		}
		paste, _ := assets.Samples.ReadFile("samples/" + f.Name())
		if code, _, errOut := runDiagnoseCLI(t, string(paste)); code != exitOK {
			t.Errorf("%s: exit %d: %s", f.Name(), code, errOut)
		}
	}
}

func TestDiagnoseTextPutsTheVerdictFirst(t *testing.T) {
	code, out, _ := runDiagnoseCLI(t, `{"message":"Unauthenticated."}`)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.HasPrefix(out, "token_invalid: ") {
		t.Errorf("the verdict should come first:\n%s", out)
	}
	order := []string{"confidence", "severity", "Causes", "cannot tell these causes apart", "Checklist", "1. ", "What was read", "Unauthenticated."}
	at := 0
	for _, w := range order {
		i := strings.Index(out[at:], w)
		if i < 0 {
			t.Fatalf("%q missing or out of order in:\n%s", w, out)
		}
		at += i
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("piped output must be plain text")
	}
}

func TestDiagnoseTextSaysWhyACauseFits(t *testing.T) {
	_, out, _ := runDiagnoseCLI(t, `{"error":"invalid_request","error_description":"The refresh token is invalid.","hint":"Token has expired","message":"The refresh token is invalid."}`)
	if !strings.HasPrefix(out, "invalid_grant: ") || !strings.Contains(out, "refresh_expired") || !strings.Contains(out, "why: ") {
		t.Errorf("want invalid_grant with refresh_expired and its reason:\n%s", out)
	}
	if strings.Contains(out, "cannot tell these causes apart") {
		t.Error("a hint that names the cause is not undetermined")
	}
}

func TestDiagnoseJSONShape(t *testing.T) {
	code, out, _ := runDiagnoseCLI(t, "", "--json", `{"error":"invalid_grant","hint":"Authorization code has expired"}`)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"observation", "diagnoses", "checks"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	if string(raw["checks"]) != "[]" {
		t.Errorf("checks should be an empty list, not %s", raw["checks"])
	}
	d := decodeDiag(t, out)
	if d.Observation["hint"] != "Authorization code has expired" || d.Diagnoses[0].Causes[0].ID != "code_expired" ||
		len(d.Diagnoses[0].Causes[0].Signals) == 0 || d.Diagnoses[0].Confidence <= 0 {
		t.Errorf("unexpected: %+v", d)
	}
	for i := 1; i < len(d.Diagnoses); i++ {
		if d.Diagnoses[i].Confidence > d.Diagnoses[0].Confidence {
			t.Errorf("diagnoses are not best first: %+v", d.Diagnoses)
		}
	}
}

func TestDiagnoseEvidenceSources(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "resp.txt")
	if err := os.WriteFile(file, []byte("HTTP/1.1 403 Forbidden\n\n{\"message\": \"Invalid scope(s) provided.\"}"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, args := range map[string][]string{
		"--file":  {"--file", file},
		"-f -":    {"-f", "-"},
		"stdin":   nil,
		"several": {"HTTP/1.1 403 Forbidden", `{"message": "Invalid scope(s) provided."}`},
	} {
		stdin := ""
		if name == "-f -" || name == "stdin" {
			stdin = "HTTP/1.1 403 Forbidden\n\n{\"message\": \"Invalid scope(s) provided.\"}"
		}
		code, out, errOut := runDiagnoseCLI(t, stdin, args...)
		if code != exitOK || !strings.HasPrefix(out, "insufficient_scope") {
			t.Errorf("%s: exit %d, out %.60q, err %s", name, code, out, errOut)
		}
	}
}

func TestDiagnoseExitCodes(t *testing.T) {
	binary := "\x00\x01\x02" + strings.Repeat("\x00", 20)
	cases := []struct {
		name, stdin string
		args        []string
		code        int
		says        string
	}{
		{"nothing recognised", "", []string{"it is broken, please help"}, exitProblem, "diagnose recognises an HTTP response"},
		{"no evidence at all", "", nil, exitUsage, "nothing to diagnose"},
		{"unknown flag", "", []string{"--frobnicate"}, exitUsage, "unknown flag"},
		{"unreadable file", "", []string{"--file", "/nonexistent/evidence.txt"}, exitUsage, "cannot read evidence file"},
		{"over 1 MiB on stdin", strings.Repeat("a", 1<<20+1), nil, exitUsage, "over 1 MiB"},
		{"over 1 MiB in arguments", "", []string{strings.Repeat("a", 1<<20), "b"}, exitUsage, "limit is 1 MiB"},
		{"binary", binary, nil, exitUsage, "binary"},
		{"half a redirect pair", "", []string{"--token-redirect-uri", "https://a/cb"}, exitUsage, "--authorize-redirect-uri"},
		{"half a PKCE pair", "", []string{"--code-verifier", strings.Repeat("v", 43)}, exitUsage, "--code-challenge"},
		{"state without received", "", []string{"--state-sent", "abc"}, exitUsage, "--state-received"},
		{"endpoint without token", "", []string{"--endpoint", "/api/user"}, exitUsage, "--token"},
		{"endpoint that is no API", "", []string{"--token", "a.b.c", "--endpoint", "/oauth/token"}, exitUsage, "not a user API"},
		{"checks that pass", "", []string{"--scope", "view-user", "--state-sent", "abc", "--state-received", "abc"}, exitOK, "✓ pass"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runDiagnoseCLI(t, c.stdin, c.args...)
			if code != c.code || !strings.Contains(out+errOut, c.says) {
				t.Errorf("exit %d (want %d); want %q in:\n%s\n%s", code, c.code, c.says, out, errOut)
			}
			if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") {
				t.Errorf("stack trace:\n%s", errOut)
			}
		})
	}
}

func TestDiagnoseOfflineChecks(t *testing.T) {
	cases := []struct {
		name        string
		args        []string
		check, code string
		cause       string
	}{
		{"redirect trailing slash", []string{"--authorize-redirect-uri", "https://app.test/cb", "--token-redirect-uri", "https://app.test/cb/"},
			"redirect_uri", "invalid_grant", "redirect_uri_mismatch"},
		{"PKCE mismatch", []string{"--code-verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "--code-challenge", strings.Repeat("A", 43)},
			"pkce", "invalid_grant", "pkce_mismatch"},
		{"comma scopes", []string{"--scope", "view-user,detail-user"}, "scope", "invalid_scope", "scope_malformed"},
		{"state differs", []string{"--state-sent", "abc123", "--state-received", "abc124"}, "state", "state_mismatch", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runDiagnoseCLI(t, "", append(c.args, "--json")...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			d := decodeDiag(t, out)
			if len(d.Checks) != 1 || d.Checks[0].Name != c.check || d.Checks[0].Status != "fail" {
				t.Fatalf("checks %+v", d.Checks)
			}
			if len(d.Diagnoses) == 0 || d.Diagnoses[0].Code != c.code {
				t.Fatalf("diagnoses %+v, want %s first", d.Diagnoses, c.code)
			}
			if c.cause != "" && d.Diagnoses[0].Causes[0].ID != c.cause {
				t.Errorf("first cause %s, want %s", d.Diagnoses[0].Causes[0].ID, c.cause)
			}
		})
	}
}

// Values in the evidence fill in checks: an authorize URL and a token request body are
// enough to compare their redirect_uri, and a callback's state answers --state-sent.
func TestDiagnoseChecksFromEvidence(t *testing.T) {
	paste := "https://accounts.mubarokah.com/oauth/authorize?client_id=c&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb&response_type=code&scope=view-user&state=s1\n" +
		"grant_type=authorization_code&code=def50200aabbccddeeff0011&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcb\n" +
		"http://127.0.0.1:3000/cb?code=def50200aabbccddeeff0011&state=s2"
	code, out, errOut := runDiagnoseCLI(t, paste, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	d := decodeDiag(t, out)
	got := map[string]string{}
	for _, c := range d.Checks {
		got[c.Name] = c.Status
	}
	if got["redirect_uri"] != "fail" || got["scope"] != "pass" || got["state"] != "fail" {
		t.Errorf("checks from evidence: %v", got)
	}
}

func TestDiagnoseTokenFlag(t *testing.T) {
	tok := signed(t, jwt.MapClaims{"aud": "client-1", "scopes": []string{"view-user"}, "exp": float64(diagnoseNow.Add(-2 * time.Hour).Unix())})
	code, out, _ := runDiagnoseCLI(t, "", "--token", tok, "--endpoint", "/api/user/details", "--client-id", "client-2")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, w := range []string{"2 h in the past", "lack detail-user", "issued to client client-1"} {
		if !strings.Contains(out, w) {
			t.Errorf("want %q in:\n%s", w, out)
		}
	}
}

func signed(t *testing.T, c jwt.MapClaims) string {
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte("test-only"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// No secret passed in, by flag or in a paste, may come out whole: not in the text, not in
// the JSON, not in an error message.
func TestDiagnoseNeverShowsSecrets(t *testing.T) {
	tok := signed(t, jwt.MapClaims{"aud": "c", "scopes": []string{"view-user"}, "exp": float64(diagnoseNow.Add(time.Hour).Unix())})
	const (
		secret   = "SECRETclientSECRET0123456789"
		code     = "def50200CODEcodeCODE0123456789abcdef"
		refresh  = "def50200REFRESHrefresh0123456789abcdef"
		verifier = "VERIFIERverifierVERIFIER0123456789-._~abcd"
	)
	paste := "POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Basic " +
		"Y2xpZW50OlNFQ1JFVGNsaWVudFNFQ1JFVDAxMjM0NTY3ODk=\n\ngrant_type=authorization_code&client_secret=" + secret +
		"&code=" + code + "&code_verifier=" + verifier + "&refresh_token=" + refresh + "&redirect_uri=https%3A%2F%2Fa%2Fcb\n" +
		"HTTP/1.1 400 Bad Request\n\n{\"error\":\"invalid_grant\",\"hint\":\"Failed to verify `code_verifier`.\"}\n" +
		"https://a/cb?code=" + code + "&state=s\nAuthorization: Bearer " + tok
	markers := []string{secret, code, refresh, verifier, tok, "Y2xpZW50OlNFQ1JFVGNsaWVudFNFQ1JFVDAxMjM0NTY3ODk"}
	for _, args := range [][]string{
		nil,
		{"--json"},
		{"--token", tok, "--endpoint", "/api/user", "--code-verifier", verifier, "--code-challenge", strings.Repeat("A", 43)},
		{"--json", "--token", tok, "--code-verifier", verifier, "--code-challenge", strings.Repeat("A", 43)},
		{"--token", refresh, "--endpoint", "/api/user"},
	} {
		code, out, errOut := runDiagnoseCLI(t, paste, args...)
		if code != exitOK {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
		for _, m := range markers {
			if strings.Contains(out, m) || strings.Contains(errOut, m) {
				t.Errorf("%v: secret %.14s… appears in the output", args, m)
			}
		}
		if !strings.Contains(out, "chars)") {
			t.Errorf("%v: masked values should still be shown (prefix and length)", args)
		}
	}
	// Pastes where the secret sits in the first URL read, or in a quoted error line.
	for _, p := range []string{
		"https://a/cb?code=" + code + "&state=s",
		`Get "https://accounts.mubarokah.com/api/user?access_token=` + refresh + `": dial tcp: lookup accounts.mubarokah.com: no such host`,
		"curl -X POST https://accounts.mubarokah.com/oauth/token -d 'grant_type=refresh_token&refresh_token=" + refresh + "&client_secret=" + secret + "'",
	} {
		for _, args := range [][]string{nil, {"--json"}} {
			_, out, errOut := runDiagnoseCLI(t, p, args...)
			for _, m := range markers {
				if strings.Contains(out+errOut, m) {
					t.Errorf("%.30q %v: secret %.14s… appears in the output", p, args, m)
				}
			}
		}
	}
	// An unrecognised paste that carries a secret: the exit-1 message must not repeat it.
	_, out, errOut := runDiagnoseCLI(t, "my secret is client_secret="+secret)
	if strings.Contains(out+errOut, secret) {
		t.Error("the nothing-recognised message repeats a secret")
	}
}

func TestDiagnoseHelpDocumentsTheFlags(t *testing.T) {
	code, out, _ := runDiagnoseCLI(t, "", "--help")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, f := range []string{"--file", "--json", "--authorize-redirect-uri", "--token-redirect-uri", "--code-verifier",
		"--code-challenge", "--scope", "--state-sent", "--state-received", "--token", "--endpoint", "--client-id", "Exit status"} {
		if !strings.Contains(out, f) {
			t.Errorf("help lacks %s", f)
		}
	}
}

// A directory given as the evidence file gets a message saying so and what to give instead.
func TestDiagnoseDirectoryAsFile(t *testing.T) {
	dir := t.TempDir()
	exit, _, errOut := runCLI(t, "", "diagnose", "--file", dir)
	if exit != exitUsage || !strings.Contains(errOut, "is a directory; give --file the file") {
		t.Errorf("exit %d, %q", exit, errOut)
	}
}

// "diagnose -" reads the evidence from stdin instead of diagnosing the text "-".
func TestDiagnoseDashReadsStdin(t *testing.T) {
	body := `{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`
	exit, out, errOut := runCLI(t, body, "diagnose", "-")
	if exit != exitOK || !strings.HasPrefix(out, "invalid_client") {
		t.Errorf("exit %d, out %.80q, err %q", exit, out, errOut)
	}
}

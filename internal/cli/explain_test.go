package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// runCLI runs one command line the way main does and returns the exit code and output.
func runCLI(t testing.TB, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := newEnv(strings.NewReader(stdin), &out, &errOut, []string{"TERM=xterm-256color"})
	code = run(args, env)
	return code, out.String(), errOut.String()
}

func TestExplainSeedEntries(t *testing.T) {
	cases := map[string]string{
		"invalid_client":     "HIGH",
		"invalid_grant":      "MEDIUM",
		"invalid_scope":      "MEDIUM",
		"access_denied":      "LOW",
		"unapproved_scope":   "MEDIUM",
		"token_invalid":      "MEDIUM",
		"insufficient_scope": "MEDIUM",
	}
	for code, sev := range cases {
		t.Run(code, func(t *testing.T) {
			exit, out, errOut := runCLI(t, "", "explain", code)
			if exit != 0 {
				t.Fatalf("exit %d: %s", exit, errOut)
			}
			for _, want := range []string{code, "Severity: " + sev, "Likely causes", "Resolution checklist", "Prevention"} {
				if !strings.Contains(out, want) {
					t.Errorf("explain %s lacks %q", code, want)
				}
			}
		})
	}
}

func TestExplainMatchesAliasesAndCase(t *testing.T) {
	for arg, want := range map[string]string{"401": "token_invalid", "INVALID_GRANT": "invalid_grant", " token_expired ": "token_invalid", "403": "insufficient_scope"} {
		exit, out, errOut := runCLI(t, "", "explain", arg, "--json")
		if exit != 0 {
			t.Fatalf("explain %q: exit %d: %s", arg, exit, errOut)
		}
		var e struct{ Code string }
		if err := json.Unmarshal([]byte(out), &e); err != nil || e.Code != want {
			t.Errorf("explain %q gave %q (%v), want %s", arg, e.Code, err, want)
		}
	}
}

func TestExplainJSONShape(t *testing.T) {
	exit, out, _ := runCLI(t, "", "explain", "invalid_grant", "--json")
	if exit != 0 {
		t.Fatal("exit", exit)
	}
	var e map[string]any
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"code", "aliases", "title", "severity", "appears_at", "http_status", "causes", "steps", "prevention", "related"} {
		if _, ok := e[k]; !ok {
			t.Errorf("explain --json lacks %q", k)
		}
	}
	var typed struct {
		Causes []struct{ ID, Context, Text string }
		Steps  []struct {
			ID, Text string
			Causes   []string
		}
	}
	_ = json.Unmarshal([]byte(out), &typed)
	ids := map[string]string{}
	for _, c := range typed.Causes {
		ids[c.ID] = c.Context
	}
	for _, id := range []string{"code_expired", "code_reused", "code_client_mismatch", "redirect_uri_mismatch", "pkce_mismatch"} {
		if ids[id] != "authorization_code" {
			t.Errorf("cause %s: context %q, want authorization_code", id, ids[id])
		}
	}
	for _, id := range []string{"refresh_expired", "refresh_revoked", "refresh_client_mismatch"} {
		if ids[id] != "refresh_token" {
			t.Errorf("cause %s: context %q, want refresh_token", id, ids[id])
		}
	}
	if len(typed.Steps) == 0 || len(typed.Steps[0].Causes) == 0 {
		t.Error("steps must name the causes they fix")
	}
}

func TestExplainUnknownSuggests(t *testing.T) {
	exit, out, errOut := runCLI(t, "", "explain", "invalid_grnt")
	if exit != 2 {
		t.Fatalf("exit %d, want 2", exit)
	}
	if out != "" {
		t.Errorf("stdout should be empty, got %q", out)
	}
	if !strings.Contains(errOut, "Did you mean: invalid_grant") {
		t.Errorf("no suggestion: %q", errOut)
	}
}

func TestExplainNeedsOneCode(t *testing.T) {
	exit, _, errOut := runCLI(t, "", "explain")
	if exit != 2 || !strings.Contains(errOut, "exactly one CODE") {
		t.Fatalf("exit %d, stderr %q", exit, errOut)
	}
}

func TestListJSONHasEveryEntry(t *testing.T) {
	env := newEnv(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}, nil)
	cat, err := env.catalogue()
	if err != nil {
		t.Fatal(err)
	}
	exit, out, _ := runCLI(t, "", "list", "--json")
	if exit != 0 {
		t.Fatal("exit", exit)
	}
	var list []struct{ Code string }
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != len(cat.Entries) {
		t.Fatalf("list --json has %d entries, catalogue %d", len(list), len(cat.Entries))
	}
}

func TestPipedOutputHasNoEscapes(t *testing.T) {
	for _, args := range [][]string{{"explain", "invalid_grant"}, {"list"}, {"search", "refresh"}} {
		_, out, _ := runCLI(t, "", args...)
		if strings.Contains(out, "\x1b") {
			t.Errorf("%v printed escape codes to a pipe", args)
		}
	}
}

func TestSearchRanksCodeAndMessages(t *testing.T) {
	cases := map[string]string{
		"invalid_grant":                "invalid_grant",
		"Client authentication failed": "invalid_client",
		"refresh token revoked":        "invalid_grant",
		"Unauthenticated.":             "token_invalid",
	}
	for q, want := range cases {
		exit, out, errOut := runCLI(t, "", "search", q, "--json")
		if exit != 0 {
			t.Fatalf("search %q: exit %d %s", q, exit, errOut)
		}
		var hits []struct{ Code string }
		_ = json.Unmarshal([]byte(out), &hits)
		if len(hits) == 0 || hits[0].Code != want {
			t.Errorf("search %q: first %v, want %s", q, hits, want)
		}
	}
	if exit, _, errOut := runCLI(t, "", "search", "zzqqxx"); exit != 1 || !strings.Contains(errOut, "nothing matches") {
		t.Errorf("no-match search: exit %d %q", exit, errOut)
	}
}

func TestVersionAndHelp(t *testing.T) {
	if exit, out, _ := runCLI(t, "", "version"); exit != 0 || !strings.HasPrefix(out, "mubarokah-doctor ") {
		t.Errorf("version: %d %q", exit, out)
	}
	// Help is fang's: its headings are USAGE, COMMANDS and FLAGS.
	for _, args := range [][]string{{"-h"}, {"explain", "-h"}, {"list", "--help"}, {"search", "-h"}} {
		if exit, out, _ := runCLI(t, "", args...); exit != 0 || !strings.Contains(out, "USAGE") {
			t.Errorf("%v: exit %d", args, exit)
		}
	}
	if exit, _, errOut := runCLI(t, "", "--bogus"); exit != 2 || !strings.Contains(errOut, "unknown flag") {
		t.Errorf("unknown flag: exit %d %q", exit, errOut)
	}
}

// A token pasted where a code or search words were expected must not come back whole in the
// error message, and a huge argument must not be echoed in full.
func TestUnknownArgumentIsMaskedAndCut(t *testing.T) {
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiIsIm1hcmtlciI6IkpXVE1BUksifQ.c2lnbmF0dXJlc2lnbmF0dXJl"
	refresh := "def50200MARKERabcdef0123456789abcdef0123456789abcdef"
	long := strings.Repeat("a", 10240)
	for _, cmd := range []string{"explain", "search"} {
		for _, arg := range []string{jwt, refresh, long} {
			exit, _, errOut := runCLI(t, "", cmd, arg)
			if exit == 0 {
				t.Fatalf("%s %.20s: exit 0", cmd, arg)
			}
			if strings.Contains(errOut, arg) {
				t.Errorf("%s: the argument %.20s… came back whole: %.200s", cmd, arg, errOut)
			}
			if len(errOut) > 400 {
				t.Errorf("%s %.20s: message of %d bytes", cmd, arg, len(errOut))
			}
		}
	}
}

// cobra's own usage errors quote the argument; a token given to a flag that takes none, or as
// an unknown sub-command, must not come back whole.
func TestUsageErrorsMaskATokenInTheArguments(t *testing.T) {
	refresh := "def50200MARKERREFRESH0123456789abcdef0123456789"
	for _, args := range [][]string{
		{"check", "--no-env-file", "--refresh", refresh},
		{"check", "--no-env-file", "--refresh=" + refresh},
	} {
		exit, _, errOut := runCLI(t, "", args...)
		if exit != exitUsage || strings.Contains(errOut, refresh) {
			t.Errorf("%v: exit %d, %q", args[1:3], exit, errOut)
		}
	}
}

// search with nothing to look for is a usage error that says what to give.
func TestSearchNeedsWords(t *testing.T) {
	for _, args := range [][]string{{"search"}, {"search", "  "}} {
		exit, _, errOut := runCLI(t, "", args...)
		if exit != exitUsage || !strings.Contains(errOut, "search needs words to look for") {
			t.Errorf("%q: exit %d, %q", args, exit, errOut)
		}
	}
}

package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// liveFaults is every sandbox fault that has a catalogue cause, with that cause. A
// candidate cause is one the provider's answer cannot tell from another (a revoked client
// answers as an unknown one): it must be listed, ahead of every cause ruled out.
var liveFaults = []struct {
	fault, cause string
	candidate    bool
}{
	{sandbox.FaultCodeExpired, "code_expired", false},
	{sandbox.FaultCodeReused, "code_reused", false},
	{sandbox.FaultCodeClientMismatch, "code_client_mismatch", false},
	{sandbox.FaultRedirectMismatch, "redirect_uri_mismatch", false},
	{sandbox.FaultPKCEMismatch, "pkce_mismatch", false},
	{sandbox.FaultWrongSecret, "wrong_secret", false},
	{sandbox.FaultUnknownClient, "unknown_client", false},
	{sandbox.FaultClientRevoked, "client_revoked", true},
	{sandbox.FaultGrantNotAllowed, "grant_not_allowed", false},
	{sandbox.FaultBasicOnly, "auth_method_mismatch", false},
	{sandbox.FaultBodyOnly, "basic_auth_header_stripped", false},
	{sandbox.FaultScopeUnknown, "scope_unknown", false},
	{sandbox.FaultUserDenied, "user_denied", false},
	{sandbox.FaultDetailNotApproved, "approval_missing", false},
	{sandbox.FaultTokenExpired, "token_expired", false},
	{sandbox.FaultTokenRevoked, "token_revoked", false},
	{sandbox.FaultRefreshRevoked, "refresh_revoked", false},
	{sandbox.FaultRefreshExpired, "refresh_expired", false},
	{sandbox.FaultRateLimited, "user_api_called_too_often", false},
	{sandbox.FaultServerError, "provider_unexpected_failure", false},
	{sandbox.FaultHTMLError, "provider_unexpected_failure", false},
	{sandbox.FaultUnavailable, "scheduled_maintenance", false},
	{sandbox.FaultSlow, "provider_slow_to_answer", true},
	{sandbox.FaultRedirectToken, "http_base_url_upgraded", false},
	{sandbox.FaultLoginRedirect, "accept_json_header_missing", false},
	{sandbox.FaultOversize, "base_url_points_at_website", false},
}

// personAsks are the faults whose cause the server's answer cannot name, where the walk
// rightly waits for the one question only the person can answer (did the user sign out
// everywhere; did the application ever ask for approval), and the answer that names it.
var personAsks = map[string]struct{ node, answer string }{
	sandbox.FaultTokenRevoked:      {"c3_why", "revoked"},
	sandbox.FaultDetailNotApproved: {"c3_approval", "never"},
}

// walkLive runs walk --live --json against a sandbox playing fault.
func walkLive(t *testing.T, fault string, extra ...string) walkJSON {
	return walkLiveExit(t, fault, exitOK, extra...)
}

// walkLiveExit is walkLive expecting the exit status want.
func walkLiveExit(t *testing.T, fault string, want int, extra ...string) walkJSON {
	t.Helper()
	st := newSandboxTarget(t, sandbox.Options{Faults: []string{fault}, Delay: 3 * time.Second})
	// Generous: on a loaded 2-core machine the oversize answer (4 MiB) alone has taken
	// over 5 s; only the slow fault needs a timeout below the sandbox's delay.
	timeout := "20s"
	if fault == sandbox.FaultSlow {
		timeout = "1s" // shorter than the sandbox's delay
	}
	args := append([]string{"walk", "--live", "--json", "--no-env-file", "--timeout", timeout, "--exchange-code", "--refresh"}, extra...)
	if fault == sandbox.FaultBodyOnly {
		args = append(args, "--auth-style", "basic")
	}
	// The real clock: the clock check compares it with the sandbox's Date header.
	var outB, errB bytes.Buffer
	code := run(args, newEnv(strings.NewReader(""), &outB, &errB, st.environ))
	out, errOut := outB.String(), errB.String()
	for _, s := range st.secrets {
		if strings.Contains(out, s) || strings.Contains(errOut, s) {
			t.Errorf("a secret (%s…) appears in walk's output", s[:4])
		}
	}
	if code != want {
		t.Errorf("exit %d, want %d; stderr %s", code, want, errOut)
	}
	var w walkJSON
	if err := json.Unmarshal([]byte(out), &w); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	return w
}

// TestWalkLiveReachesEachFaultsCause: for every sandbox fault with a cause, the live
// checks' results answer every question, the walk reaches the fault's cause as the top
// cause, and it waits only where a person must act: the fix and the test of it.
func TestWalkLiveReachesEachFaultsCause(t *testing.T) {
	for _, tt := range liveFaults {
		t.Run(tt.fault, func(t *testing.T) {
			t.Parallel()
			var w walkJSON
			if ask, ok := personAsks[tt.fault]; ok {
				// Stopping before a result is exit 2 for walk: the answers ran out.
				w = walkLiveExit(t, tt.fault, exitUsage)
				if w.Pending == nil || w.Pending.Node != ask.node {
					t.Fatalf("the walk waits at %+v, want the person's question %s", w.Pending, ask.node)
				}
				var offered []string
				for _, c := range w.Pending.Choices {
					offered = append(offered, c.ID)
				}
				if !slices.Contains(offered, ask.answer) || ask.node == "c3_why" && (slices.Contains(offered, "expired") || slices.Contains(offered, "header")) {
					t.Errorf("%s offers %v: want %s, and not what the live checks ruled out", ask.node, offered, ask.answer)
				}
				w = walkLive(t, tt.fault, "--answers", ask.answer)
			} else {
				w = walkLive(t, tt.fault)
			}
			if w.Pending == nil || w.Pending.Node != "Test" {
				t.Errorf("the walk waits at %+v, want the Test question", w.Pending)
			}
			for _, st := range w.Steps {
				if st.Kind == flow.KindQuestion && !st.Auto && st.Node != personAsks[tt.fault].node {
					t.Errorf("step %d (%s) was answered without evidence", st.Number, st.Node)
				}
			}
			if w.Diagnosis == nil || len(w.Diagnosis.Causes) == 0 {
				t.Fatalf("no diagnosis; steps %+v", w.Steps)
			}
			var ids []string
			for _, c := range w.Diagnosis.Causes {
				ids = append(ids, c.ID)
			}
			top := w.Diagnosis.Causes[0]
			switch {
			case !tt.candidate && top.ID != tt.cause:
				t.Errorf("top cause %s (of %v at %s), want %s", top.ID, ids, w.Diagnosis.Result, tt.cause)
			case tt.candidate:
				i := slices.Index(ids, tt.cause)
				if i < 0 || w.Diagnosis.Causes[i].RuledOut != "" {
					t.Errorf("causes %v (at %s) do not offer %s", ids, w.Diagnosis.Result, tt.cause)
				}
			}
			if top.RuledOut != "" {
				t.Errorf("the top cause %s is ruled out: %s", top.ID, top.RuledOut)
			}
		})
	}
}

// TestWalkLiveReportResumesElsewhere: the customer runs walk --live and sends the report;
// the support engineer opens it with walk --resume, without the customer's settings or
// network, and lands on the same step. Neither the report nor the resumed walk carries a
// secret.
func TestWalkLiveReportResumesElsewhere(t *testing.T) {
	st := newSandboxTarget(t, sandbox.Options{Faults: []string{sandbox.FaultWrongSecret}})
	args := []string{"walk", "--live", "--no-env-file", "--timeout", "5s", "--report", "md"}
	var out, errOut bytes.Buffer
	if code := run(args, newEnv(strings.NewReader(""), &out, &errOut, st.environ)); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	md := out.String()
	for _, s := range st.secrets {
		if strings.Contains(md, s) || strings.Contains(md, s[:min(len(s), 12)]) {
			t.Errorf("the report carries a secret (%s…)", s[:4])
		}
	}
	for _, want := range []string{"| live | FAIL |", "1. `wrong_secret`", "```json mubarokah-doctor-session/1",
		"- Replay the answers: `mubarokah-doctor walk --live`", "(the Date of the answer a live check got)",
		"ruled out: live check client_auth: the authorize endpoint accepted this client id"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	file := filepath.Join(t.TempDir(), "report.md")
	if err := os.WriteFile(file, []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	// Another machine: no settings, no sandbox.
	code, got, stderr := walkCLI(t, "", nil, "walk", "--no-env-file", "--resume", file, "--json")
	if code != exitOK {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	var w walkJSON
	if err := json.Unmarshal([]byte(got), &w); err != nil {
		t.Fatal(err)
	}
	if w.Pending == nil || w.Pending.Node != "Test" || w.Diagnosis == nil || w.Diagnosis.Causes[0].ID != "wrong_secret" {
		t.Errorf("resumed at %+v with %+v, want the Test question after wrong_secret", w.Pending, w.Diagnosis)
	}
	// The answers go on from there.
	code, got, _ = walkCLI(t, "", nil, "walk", "--no-env-file", "--resume", file, "--answers", "fixed")
	if code != exitOK || !strings.Contains(got, "Solved") {
		t.Errorf("answering on from the resumed step: exit %d\n%s", code, got)
	}
	code, _, stderr = walkCLI(t, "", nil, "walk", "--resume", filepath.Join(t.TempDir(), "none.md"))
	if code != exitUsage || !strings.Contains(stderr, "--resume") {
		t.Errorf("a missing file: exit %d, %q", code, stderr)
	}
}

func TestWalkLiveAndEvidenceTogetherIsRefused(t *testing.T) {
	code, _, stderr := walkCLI(t, "", nil, "walk", "--live", "--evidence", "-")
	if code != exitUsage || !strings.Contains(stderr, "--live or --evidence, not both") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// walkCLI runs one command line the way main does and returns exit code, stdout, stderr.
func walkCLI(t *testing.T, stdin string, environ []string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := newEnv(strings.NewReader(stdin), &out, &errOut, environ)
	env.now = func() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) }
	code := run(args, env)
	return code, out.String(), errOut.String()
}

func TestWalkReachesAResult(t *testing.T) {
	code, out, errOut := walkCLI(t, "", nil, "walk", "--answers", "4xx,request,invalid_grant,code,none,twice")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, want := range []string{
		" 2  B ", "-> 4xx: An HTTP 4xx client error",
		" 7  c2_code_use ", "-> twice:",
		"Result (r_code_reused): invalid_grant",
		"  1. code_reused: ",
		"  [ ] Exchange each code exactly once.",
		`Next: Test asks "Repeat the request that failed. Is it fixed?"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestWalkAnswersAsArguments(t *testing.T) {
	code, out, _ := walkCLI(t, "", nil, "walk", "4xx", "token", "401", "expired", "fixed")
	if code != exitOK || !strings.Contains(out, "Result (r_token_expired): token_invalid") || !strings.Contains(out, "Solved:") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestWalkRefusesAnAnswerThatDoesNotFit(t *testing.T) {
	code, _, errOut := walkCLI(t, "", nil, "walk", "--answers", "4xx,nonsense")
	if code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
	for _, want := range []string{"step 3 (node C", `answer "nonsense" is not one of the choices`, "choices: config, request, token, consent"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q: %s", want, errOut)
		}
	}
}

func TestWalkStopsBeforeAResult(t *testing.T) {
	code, out, errOut := walkCLI(t, "", nil, "walk", "--answers", "4xx")
	if code != exitUsage || !strings.Contains(errOut, "the answers stop at step 3 before a result; node C asks") {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "  config             The token endpoint refused the app itself") {
		t.Errorf("the pending question's choices are not listed:\n%s", out)
	}
	if code, _, errOut := walkCLI(t, "", nil, "walk", "--answers", "4xx,,token"); code != exitUsage || !strings.Contains(errOut, "answer 2 is empty") {
		t.Errorf("empty answer: exit %d, %s", code, errOut)
	}
}

func TestWalkEscalatedWithoutResult(t *testing.T) {
	code, out, _ := walkCLI(t, "", nil, "walk", "--answers", "network,tls,none")
	if code != exitProblem || !strings.Contains(out, "Escalated: contact Mubarokah ID support (hey@mubarokah.com") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestWalkJSON(t *testing.T) {
	code, out, _ := walkCLI(t, "", nil, "walk", "--json", "--answers", "4xx,consent,access_denied,denied")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Answers []string
		Status  string
		Steps   []struct {
			Number       int
			Node, Answer string
		}
		Diagnosis struct {
			Entry  string
			Causes []struct{ ID string }
		}
		Pending struct{ Node string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if got.Diagnosis.Entry != "access_denied" || got.Diagnosis.Causes[0].ID != "user_denied" || got.Pending.Node != "Test" ||
		len(got.Answers) != 4 || got.Steps[0].Node != "A" || got.Status != "active" {
		t.Errorf("walk --json = %+v", got)
	}
}

func TestWalkWithEvidence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "answer.txt")
	body := "HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n" +
		`{"error":"invalid_request","error_description":"The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.","hint":"Authorization code has expired","message":"The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed."}`
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := walkCLI(t, "", nil, "walk", "--evidence", file)
	if code != exitOK || !strings.Contains(out, "Result (r_code_expired): invalid_grant") {
		t.Fatalf("exit %d, stderr %s:\n%s", code, errOut, out)
	}
	// The same from stdin.
	if code, out, _ := walkCLI(t, body, nil, "walk", "--evidence", "-"); code != exitOK || !strings.Contains(out, "r_code_expired") {
		t.Errorf("stdin evidence: exit %d\n%s", code, out)
	}
	code, _, errOut = walkCLI(t, "", nil, "walk", "--evidence", filepath.Join(t.TempDir(), "missing.txt"))
	if code != exitUsage || !strings.Contains(errOut, "cannot read the evidence file") {
		t.Errorf("missing file: exit %d, %s", code, errOut)
	}
}

func TestWalkNeverPrintsSecrets(t *testing.T) {
	const verifier = "SECRETVERIFIERMARKERabcdefghijklmnopqrstuvwxyz012345"
	const secret = "SECRETCLIENTMARKER0123456789abcdef"
	const code = "def502SECRETCODEMARKER00112233445566778899aabbccddeeff"
	evidence := "curl -X POST https://accounts.mubarokah.com/oauth/token -d grant_type=authorization_code " +
		"-d client_id=demo -d client_secret=" + secret + " -d code=" + code + " -d code_verifier=" + verifier + "\n" +
		`{"error":"invalid_grant","error_description":"The provided authorization grant","hint":"Failed to verify ` + "`code_verifier`" + `."}`
	environ := []string{"MUBAROKAH_CLIENT_ID=demo", "MUBAROKAH_CLIENT_SECRET=" + secret}
	for _, args := range [][]string{
		{"walk", "--evidence", "-", "escalate", "--report", "md"},
		{"walk", "--evidence", "-", "escalate", "--report", "json"},
		{"walk", "--evidence", "-", "--json"},
		{"walk", "--evidence", "-"},
		{"walk", "4xx,request,invalid_grant,code,pkce", "--input", "pkce.verifier=" + verifier, "--input", "pkce.challenge=" + verifier},
		{"walk", "--input", "pkce.verifier=" + verifier},
		{"walk", "--input", "pkce" + verifier},
		{"walk", verifier},
	} {
		_, out, errOut := walkCLI(t, evidence, environ, args...)
		for _, m := range []string{"SECRETVERIFIERMARKER", "SECRETCLIENTMARKER", "SECRETCODEMARKER"} {
			if strings.Contains(out, m) || strings.Contains(errOut, m) {
				t.Errorf("walk %s printed %s:\n%s\n%s", strings.Join(args[1:2], " "), m, out, errOut)
			}
		}
	}
}

func TestWalkReport(t *testing.T) {
	code, out, _ := walkCLI(t, "", []string{"MUBAROKAH_CLIENT_ID=demo-client"}, "walk", "--report", "md", "5xx,provider,up,server_error,no,escalate")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"- Time (UTC): 2026-03-04T05:06:07Z", "- Server: https://accounts.mubarokah.com", "- client_id: demo-client",
		"**server_error**", "## For Mubarokah ID support", "https://mdn.cronitorstatus.com/"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if code, _, errOut := walkCLI(t, "", nil, "walk", "--report", "xml", "4xx"); code != exitUsage || !strings.Contains(errOut, "--report takes md or json") {
		t.Errorf("bad report format: exit %d, %s", code, errOut)
	}
	if code, _, errOut := walkCLI(t, "", nil, "walk", "--input", "nocheck.x=1"); code != exitUsage || !strings.Contains(errOut, `no check "nocheck"`) {
		t.Errorf("bad input: exit %d, %s", code, errOut)
	}
}

func TestFlowExports(t *testing.T) {
	code, out, _ := walkCLI(t, "", nil, "flow", "--json")
	var g struct {
		Start string
		Nodes []struct{ ID, Kind string }
	}
	if code != exitOK || json.Unmarshal([]byte(out), &g) != nil || g.Start != "A" || len(g.Nodes) < 100 {
		t.Fatalf("flow --json: exit %d, start %q, %d nodes", code, g.Start, len(g.Nodes))
	}
	if code, out, _ := walkCLI(t, "", nil, "flow", "--mermaid"); code != exitOK || !strings.HasPrefix(out, "flowchart TD\n    A[/\"A: ") {
		t.Errorf("flow --mermaid: exit %d\n%.200s", code, out)
	}
	if code, out, _ := walkCLI(t, "", nil, "flow"); code != exitOK || !strings.Contains(out, "B [question] What type of error is it?\n  4xx                -> C") {
		t.Errorf("flow: exit %d\n%.400s", code, out)
	}
	if code, _, errOut := walkCLI(t, "", nil, "flow", "--json", "--mermaid"); code != exitUsage || !strings.Contains(errOut, "choose one of") {
		t.Errorf("two formats: exit %d, %s", code, errOut)
	}
}

// flow --markdown prints the page docs/flow.md holds (flow.Graph.Doc, whose own test keeps
// the file current).
func TestFlowMarkdownIsTheDocsPage(t *testing.T) {
	code, out, errOut := walkCLI(t, "", nil, "flow", "--markdown")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	have, err := os.ReadFile(filepath.Join(repoRoot, "docs", "flow.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(have) != out {
		t.Error("flow --markdown differs from docs/flow.md; run: go test ./flow -run TestDocsFlowIsCurrent -update-docs")
	}
}

// A directory given as the evidence file gets a message saying so and what to give instead.
func TestWalkEvidenceDirectory(t *testing.T) {
	exit, _, errOut := runCLI(t, "", "walk", "--evidence", t.TempDir())
	if exit != exitUsage || !strings.Contains(errOut, "is a directory; give --evidence the file") {
		t.Errorf("exit %d, %q", exit, errOut)
	}
}

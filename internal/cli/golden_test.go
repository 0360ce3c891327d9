package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// The plain output of every command, as a pipe gets it, is pinned in
// testdata/TestCLIGolden: a change to what a person reads or a script parses shows as a diff
// that its commit has to name. Regenerate with `go test ./internal/cli -run TestCLIGolden
// -update`, never to make a failure go away.

// goldenRun is one command line: what it printed on stdout and stderr and how it ended, in
// one text so a golden file shows all three.
func goldenRun(t *testing.T, environ []string, stdin string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	env := newEnv(strings.NewReader(stdin), &out, &errOut, environ)
	env.now = func() time.Time { return diagnoseNow }
	code := run(args, env)
	// A report names the system it ran on; the goldens hold for every one.
	stdout := out.String()
	for _, on := range []string{" on ", " di "} { // English, Indonesian
		stdout = strings.ReplaceAll(stdout, on+runtime.GOOS+"/"+runtime.GOARCH, on+"OS/ARCH")
	}
	return fmt.Sprintf("$ mubarokah-doctor %s\n%s--- stderr\n%s--- exit %d\n",
		strings.Join(args, " "), stdout, errOut.String(), code)
}

// How long the server took to answer differs between runs of the same check.
var goldenLatency = regexp.MustCompile(`(HTTP \d+ from \S+) in \d+(\.\d+)?(ns|µs|ms|s)\b`)

// maskRun takes out of a run against a live server what differs from run to run: the base
// URL (its port) and the latency.
func maskRun(s, base string) string {
	s = strings.ReplaceAll(s, base, "http://127.0.0.1:PORT")
	return goldenLatency.ReplaceAllString(s, "$1 in DURATION")
}

func corpusFile(name string) string {
	return filepath.Join(repoRoot, "testdata", "corpus", name)
}

func TestCLIGolden(t *testing.T) {
	plain := []string{"TERM=xterm-256color"}
	cases := []struct {
		name string
		args []string
	}{
		{"explain", []string{"explain", "invalid_grant"}},
		{"explain-alias", []string{"explain", "401"}},
		{"explain-unknown", []string{"explain", "invalid_grnt"}},
		{"list", []string{"list"}},
		{"search", []string{"search", "refresh", "token", "revoked"}},
		{"search-nothing", []string{"search", "zzzz-nothing-qqqq"}},
		{"diagnose-pkce", []string{"diagnose", "--file", corpusFile("invalid_grant--pkce_mismatch--l8-verifier-mismatch-raw.http")}},
		{"diagnose-callback", []string{"diagnose", "--file", corpusFile("invalid_scope--scope_unknown--l8-callback-scope-email-url.url")}},
		{"diagnose-api", []string{"diagnose", "--file", corpusFile("insufficient_scope--scope_not_granted--passport-missing-scope-details-curlv.txt")}},
		{"diagnose-checks", []string{"diagnose", "--scope", "view-user,detail-user", "--state-sent", "abc123", "--state-received", "abc124",
			"--code-verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "--code-challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}},
		{"diagnose-nothing", []string{"diagnose", "hello there"}},
		{"walk", []string{"walk", "--answers", "4xx,request,invalid_grant,code,expired"}},
		{"walk-report", []string{"walk", "4xx,token,401,expired", "--report", "md"}},
		{"walk-pending", []string{"walk", "4xx"}},
		{"walk-misfit", []string{"walk", "4xx,nonsense"}},
		{"flow", []string{"flow"}},
		{"no-terminal", []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden.RequireEqual(t, goldenRun(t, plain, "", c.args...))
		})
	}
}

func TestCLIGoldenCheck(t *testing.T) {
	// The sandbox runs on the tests' clock, and so does its Date header, which net/http
	// would otherwise take from the real one: the clock check compares the two.
	opts := func(faults ...string) sandbox.Options {
		return sandbox.Options{Now: func() time.Time { return diagnoseNow }, Faults: faults}
	}
	dated := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Date", diagnoseNow.Format(http.TimeFormat))
			h.ServeHTTP(w, r)
		})
	}
	t.Run("healthy", func(t *testing.T) {
		st := newSandboxTargetWith(t, opts(), dated)
		out := goldenRun(t, st.environ, "", "check", "--no-env-file", "--exchange-code", "--refresh")
		golden.RequireEqual(t, maskRun(out, st.url))
	})
	t.Run("wrong-secret", func(t *testing.T) {
		st := newSandboxTargetWith(t, opts(sandbox.FaultWrongSecret), dated)
		out := goldenRun(t, st.environ, "", "check", "--no-env-file")
		golden.RequireEqual(t, maskRun(out, st.url))
	})
}

func TestCLIGoldenSandbox(t *testing.T) {
	out := goldenRun(t, nil, "", "sandbox", "--addr", "127.0.0.1:0", "--exit-after", "50ms")
	m := baseRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no banner:\n%s", out)
	}
	golden.RequireEqual(t, maskRun(out, m[1]))
}

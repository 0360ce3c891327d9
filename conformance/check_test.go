package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/conformance/client"
	"github.com/mubarokah/mubarokah-doctor/conformance/server"
)

// doctor is the product binary TestMain builds from the parent directory.
var doctor string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "conformance-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	doctor = filepath.Join(dir, "mubarokah-doctor")
	build := exec.Command("go", "build", "-o", doctor, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building mubarokah-doctor from the parent directory failed: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixture is one running server and the applications of its two clients.
type fixture struct {
	base        string
	basic, post client.App
}

func startServer(t *testing.T, opts server.Options) *fixture {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil) // listens on 127.0.0.1
	base := "http://" + ts.Listener.Addr().String()
	srv, err := server.New(base, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	b, _ := srv.Client(server.BasicClientID)
	p, _ := srv.Client(server.PostClientID)
	return &fixture{base: base,
		basic: client.App{Base: base, ID: b.ID, Secret: b.Secret, Basic: true},
		post:  client.App{Base: base, ID: p.ID, Secret: p.Secret}}
}

// run is one `check --json` invocation: its flags, the secrets it gets through the
// environment (as the product advises), and every secret that must not appear in its output.
type run struct {
	app         client.App
	flags       map[string]string // valued flags, one value each
	switches    []string          // flags without a value
	env         map[string]string
	secrets     []string
	saveRefresh bool // --save-refresh-token into the case's folder, and try the saved token
}

// check starts a run for app with the settings a person would give: base URL, client id,
// the registered redirect URI, view-user, the way of sending the secret; the endpoints come
// from discovery.
func (f *fixture) check(app client.App, style string, probes ...string) run {
	r := run{app: app, flags: map[string]string{"--base-url": f.base, "--client-id": app.ID, "--redirect-uri": server.RedirectURI,
		"--scopes": server.ScopeViewUser, "--auth-style": style, "--timeout": "5s"}, env: map[string]string{}}
	for _, p := range probes {
		r.switches = append(r.switches, "--probe="+p)
	}
	return r.secret("MUBAROKAH_CLIENT_SECRET", app.Secret)
}

func (f *fixture) checkWithSecret(app client.App, style, secret string, probes ...string) run {
	return f.check(app, style, probes...).secret("MUBAROKAH_CLIENT_SECRET", secret).secretsToo(app.Secret)
}

func (r run) with(flag, value string) run {
	r.flags = maps(r.flags)
	r.flags[flag] = value
	return r
}

func (r run) flag(name string) run {
	r.switches = append(slices.Clone(r.switches), name)
	return r
}

// secret passes a secret setting through its environment variable.
func (r run) secret(env, value string) run {
	r.env = maps(r.env)
	r.env[env] = value
	return r.secretsToo(value)
}

// secretsToo adds values the output must not show.
func (r run) secretsToo(values ...string) run {
	r.secrets = slices.Clone(r.secrets)
	for _, v := range values {
		if v != "" {
			r.secrets = append(r.secrets, v)
		}
	}
	return r
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// report is the part of `check --json` the test reads.
type report struct {
	Checks []struct {
		ID        string `json:"id"`
		Status    string `json:"status"`
		Summary   string `json:"summary"`
		Diagnosis *struct {
			Code   string   `json:"code"`
			Causes []string `json:"causes"`
		} `json:"diagnosis"`
	} `json:"checks"`
}

// outcome is what one run of the product gave.
type outcome struct {
	exit   int
	rep    report
	stdout string
	stderr string
}

// execute runs the product in an empty folder with an environment holding none of the
// person's MUBAROKAH_* settings.
func execute(ctx context.Context, dir string, r run) (outcome, error) {
	args := []string{"check", "--json", "--no-env-file"}
	for k, v := range r.flags {
		args = append(args, k+"="+v)
	}
	args = append(args, r.switches...)
	if r.saveRefresh {
		args = append(args, "--save-refresh-token="+filepath.Join(dir, "refresh-token"))
	}
	cmd := exec.CommandContext(ctx, doctor, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MUBAROKAH_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "HOME="+dir, "XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "NO_COLOR=1")
	for k, v := range r.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	o := outcome{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		o.exit = exit.ExitCode()
	case err != nil:
		return o, err
	}
	if o.exit != 0 && o.exit != 1 {
		return o, fmt.Errorf("exit %d (2 is bad usage): %s", o.exit, strings.TrimSpace(o.stderr))
	}
	if err := json.Unmarshal(stdout.Bytes(), &o.rep); err != nil {
		return o, fmt.Errorf("the output is not the JSON report: %v\n%s", err, o.stdout)
	}
	return o, nil
}

// verdict is what one check must say.
type verdict struct {
	probe    string
	statuses []string // any of these
	// code and causes are the diagnosis a failing or warning check must carry: the
	// catalogue entry, and the first cause (any of causes); notCauses may not come first.
	code      string
	causes    []string
	notCauses []string
	// says must appear in the summary (case-insensitive).
	says string
}

func pass(p string) verdict { return verdict{probe: p, statuses: []string{"pass"}} }
func skip(p string) verdict { return verdict{probe: p, statuses: []string{"skip"}} }
func fail(p, code string, causes ...string) verdict {
	return verdict{probe: p, statuses: []string{"fail"}, code: code, causes: causes}
}
func passOrWarn(p, code string, causes ...string) verdict {
	return verdict{probe: p, statuses: []string{"pass", "warn"}, code: code, causes: causes}
}
func (v verdict) saying(s string) verdict      { v.says = s; return v }
func (v verdict) not(causes ...string) verdict { v.notCauses = causes; return v }

func (v verdict) String() string {
	s := strings.Join(v.statuses, "|")
	if v.code != "" {
		s += " " + v.code
		if len(v.causes) > 0 {
			s += "/" + strings.Join(v.causes, "|")
		}
	}
	return s
}

// checkCase is one flow and the verdicts expected of it.
type checkCase struct {
	name      string
	errorPage bool // against the server that redirects to its own error page
	prepare   func(context.Context, *fixture) (run, error)
	want      []verdict
}

// expectedExit is 1 when a check must fail, else 0.
func (c checkCase) expectedExit() int {
	for _, v := range c.want {
		if slices.Equal(v.statuses, []string{"fail"}) {
			return 1
		}
	}
	return 0
}

// compare returns every way the outcome differs from the expected verdicts, each led by
// the probe it is about ("report" or "exit" when none), and the verdicts seen.
func compare(c checkCase, o outcome) (problems, seen []string) {
	got := map[string]int{}
	for i, ch := range o.rep.Checks {
		got[ch.ID] = i
		s := ch.ID + "=" + ch.Status
		if d := ch.Diagnosis; d != nil {
			s += " " + d.Code
			if len(d.Causes) > 0 {
				s += "/" + d.Causes[0]
			}
		}
		seen = append(seen, s)
	}
	if len(o.rep.Checks) != len(c.want) {
		problems = append(problems, fmt.Sprintf("report: %d checks, want %d", len(o.rep.Checks), len(c.want)))
	}
	for _, v := range c.want {
		i, ok := got[v.probe]
		if !ok {
			problems = append(problems, v.probe+": no such check")
			continue
		}
		ch := o.rep.Checks[i]
		if !slices.Contains(v.statuses, ch.Status) {
			problems = append(problems, fmt.Sprintf("%s: %s (%s), want %s", v.probe, ch.Status, ch.Summary, v))
			continue
		}
		if v.says != "" && !strings.Contains(strings.ToLower(ch.Summary), strings.ToLower(v.says)) {
			problems = append(problems, fmt.Sprintf("%s: the summary %q does not say %q", v.probe, ch.Summary, v.says))
		}
		if v.code == "" || ch.Status == "pass" || ch.Status == "skip" {
			continue
		}
		d := ch.Diagnosis
		switch {
		case d == nil:
			problems = append(problems, fmt.Sprintf("%s: no diagnosis (%s), want %s", v.probe, ch.Summary, v))
		case d.Code != v.code:
			problems = append(problems, fmt.Sprintf("%s: diagnosed %s %v, want %s (%s)", v.probe, d.Code, d.Causes, v, ch.Summary))
		case len(v.causes) > 0 && (len(d.Causes) == 0 || !slices.Contains(v.causes, d.Causes[0])):
			problems = append(problems, fmt.Sprintf("%s: causes %v, want %s first (%s)", v.probe, d.Causes, strings.Join(v.causes, " or "), ch.Summary))
		case len(d.Causes) > 0 && slices.Contains(v.notCauses, d.Causes[0]):
			problems = append(problems, fmt.Sprintf("%s: %s comes first of %v, which the request rules out", v.probe, d.Causes[0], d.Causes))
		}
	}
	if want := c.expectedExit(); o.exit != want {
		problems = append(problems, fmt.Sprintf("exit: %d, want %d", o.exit, want))
	}
	return problems, seen
}

// TestCheckAgainstFosite runs every case and compares check's verdicts with the expected
// ones; cases in knownFailing are reported, not failed, until they pass.
func TestCheckAgainstFosite(t *testing.T) {
	servers := map[bool]*fixture{false: startServer(t, server.Options{}), true: startServer(t, server.Options{ErrorPageRedirect: true})}
	names := map[string]bool{}
	var mu sync.Mutex
	var table []string
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			if names[c.name] {
				t.Fatalf("two cases named %s", c.name)
			}
			names[c.name] = true
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				line := runCase(t, servers[c.errorPage], c)
				mu.Lock()
				table = append(table, line)
				mu.Unlock()
			})
		}
	})
	for key := range knownFailing {
		if name, _, _ := strings.Cut(key, "/"); !names[name] {
			t.Errorf("knownFailing names %s, which is no case: remove it", key)
		}
	}
	sort.Strings(table)
	t.Logf("case | expected | seen | state\n%s", strings.Join(table, "\n"))
}

// runCase prepares the flow, runs the product and judges it; it returns one table line.
func runCase(t *testing.T, f *fixture, c checkCase) string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r, err := c.prepare(ctx, f)
	if err != nil {
		t.Fatalf("the flow before the check failed (a fault of the server or the harness): %v", err)
	}
	dir := t.TempDir()
	o, err := execute(ctx, dir, r)
	if err != nil {
		t.Fatalf("check could not be run: %v", err)
	}
	// A secret in the output is never a known failure.
	for _, l := range leaked(o.stdout+"\n"+o.stderr, append(r.secrets, savedToken(dir))) {
		t.Error(l)
	}
	problems, seen := compare(c, o)
	if r.saveRefresh {
		problems = append(problems, trySaved(ctx, r.app, dir)...)
	}
	var expected []string
	for _, v := range c.want {
		expected = append(expected, v.probe+"="+v.String())
	}
	state := "ok"
	reason, excused, rest := knownFailure(c.name, problems)
	if reason != "" && excused == 0 {
		t.Errorf("%s passes now where knownFailing says it fails: remove it from knownFailing", c.name)
		state = "FIXED (remove from knownFailing)"
	}
	switch {
	case len(rest) > 0:
		t.Errorf("check --json disagrees with the expected verdicts:\n  %s\nseen: %s", strings.Join(rest, "\n  "), strings.Join(seen, ", "))
		state = "FAIL"
	case excused > 0:
		t.Logf("known failing (%s):\n  %s", reason, strings.Join(problems, "\n  "))
		state = "known failing"
	}
	return fmt.Sprintf("%s | %s | %s | %s", c.name, strings.Join(expected, ", "), strings.Join(seen, ", "), state)
}

// knownFailure looks the case up in knownFailing, under its name (every problem is
// excused) or under name/probe (that probe's problems are, and the exit status they
// cause). It returns the reason ("" when not listed), how many problems of the listed kind
// there were, and the problems it does not excuse.
func knownFailure(name string, problems []string) (reason string, excused int, rest []string) {
	if reason, ok := knownFailing[name]; ok {
		return reason, len(problems), nil
	}
	probe := ""
	for key, r := range knownFailing {
		if p, ok := strings.CutPrefix(key, name+"/"); ok {
			reason, probe = r, p
		}
	}
	for _, p := range problems {
		switch {
		case reason != "" && strings.HasPrefix(p, probe+": "):
			excused++
		case reason != "" && strings.HasPrefix(p, "exit: "):
		default:
			rest = append(rest, p)
		}
	}
	return reason, excused, rest
}

// leaked names the secrets that appear in out, by length and first characters only.
func leaked(out string, secrets []string) []string {
	var found []string
	for _, s := range secrets {
		if s != "" && strings.Contains(out, s) {
			found = append(found, fmt.Sprintf("a secret (%d characters, starting %.4s) appears in check's output", len(s), s))
		}
	}
	return found
}

func savedToken(dir string) string {
	b, _ := os.ReadFile(filepath.Join(dir, "refresh-token"))
	return strings.TrimSpace(string(b))
}

// trySaved checks that the refresh token the product saved after rotating is the live
// one: the server refreshes with it.
func trySaved(ctx context.Context, app client.App, dir string) []string {
	saved := savedToken(dir)
	if saved == "" {
		return []string{"refresh: no rotated refresh token was saved to --save-refresh-token"}
	}
	if _, err := app.Refresh(ctx, saved); err != nil {
		return []string{"refresh: the saved refresh token does not work: " + err.Error()}
	}
	return nil
}

package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
	srv, err := server.Listen(0, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return &fixture{base: srv.Issuer(), basic: client.Of(srv.Server, server.BasicClientID), post: client.Of(srv.Server, server.PostClientID)}
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

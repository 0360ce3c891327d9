package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// fositeScenarios are recorded against the independent server of conformance/ (ory/fosite,
// the library under Ory Hydra): other paths, other wording, PKCE required of every client.
// Its clients are confidential, so only the server-side app signs in to it.
var fositeScenarios = []scenario{
	{name: "fosite_ok", fosite: true, about: "fosite: server-side app with PKCE; sign-in, Allow, callback; the exchange happens on the app's server",
		drive: approve},
	{name: "fosite_user_denied", fosite: true, about: "fosite: the person presses Deny on the sign-in page",
		drive: func(r *run) error { return r.serverSignIn(cancel) }},
	{name: "fosite_scope_unknown", fosite: true, about: "fosite: asks for scope email, which the server does not define; it redirects back with invalid_scope",
		setup: func(c *appConfig) { c.scope = "view-user email" }, drive: func(r *run) error { return r.serverStart() }},
}

// startFosite builds and runs conformance/cmd/server on a free port and reads the
// client_secret_post client's id and secret from its banner.
func startFosite(root string) (*provider, error) {
	dir, err := os.MkdirTemp("", "harrec-fosite-")
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(dir, "server")
	build := exec.Command("go", "build", "-o", bin, "./cmd/server")
	build.Dir = filepath.Join(root, "conformance")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, err
	}
	p := &provider{cmd: exec.Command(bin, "-port", "0"), pkce: true,
		paths: providerPaths{"/oauth2/auth", "/oauth2/token", "/userinfo"}}
	var pending string
	got := make(chan struct{})
	base, err := p.start("OAuth 2.0 test server (ory/fosite) at ", func(line string) {
		if strings.HasPrefix(line, "client post-app") {
			pending = "post-app"
			return
		}
		if pending != "" && strings.Contains(line, "MUBAROKAH_CLIENT_SECRET=") {
			for _, f := range strings.Fields(line) {
				if v, ok := strings.CutPrefix(f, "MUBAROKAH_CLIENT_ID="); ok {
					p.clientID = v
				}
				if v, ok := strings.CutPrefix(f, "MUBAROKAH_CLIENT_SECRET="); ok {
					p.secret = v
				}
			}
			pending = ""
			close(got)
		}
	})
	if err != nil {
		return nil, err
	}
	select { // the clients are printed after the address
	case <-got:
	case <-time.After(10 * time.Second):
		p.stop()
		return nil, errors.New("the fosite server printed no post-app client")
	}
	p.backend = base
	p.browser = strings.Replace(base, "127.0.0.1", "localhost", 1)
	return p, nil
}

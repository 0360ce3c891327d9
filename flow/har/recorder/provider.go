package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// provider is an authorization server the browser signs in to: the product's sandbox, or
// the independent fosite server of conformance/.
type provider struct {
	cmd      *exec.Cmd
	browser  string // base URL the browser uses (a name of its own, so its cookies are not the app's)
	backend  string // base URL the app's server calls
	clientID string
	secret   string
	paths    providerPaths
	pkce     bool // every client must use PKCE
	done     chan error
	log      *strings.Builder
}

// providerPaths are where a provider answers.
type providerPaths struct{ authorize, token, user string }

var passportPaths = providerPaths{"/oauth/authorize", "/oauth/token", "/api/user"}

// buildProduct builds mubarokah-doctor from the repository root into dir.
func buildProduct(root, dir string) (string, error) {
	bin := filepath.Join(dir, "mubarokah-doctor")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building the product in %s: %w", root, err)
	}
	return bin, nil
}

// startSandbox runs `mubarokah-doctor sandbox` on a free loopback port with the given
// redirect URIs and faults, and waits for its banner.
func startSandbox(bin string, redirectURIs, faults []string) (*provider, error) {
	args := []string{"sandbox", "--addr", "127.0.0.1:0", "--quiet", "--exit-after", "10m"}
	for _, u := range redirectURIs {
		args = append(args, "--redirect-uri", u)
	}
	for _, f := range faults {
		args = append(args, "--fault", f)
	}
	p := &provider{cmd: exec.Command(bin, args...), paths: passportPaths, clientID: "5b1a6f6e-3c1d-4c9e-9a57-0d0c5a9d1e01",
		secret: "sandbox-demo-secret-5f3c9e1a7b2d4c6e8f0a"}
	base, err := p.start("Mubarokah ID sandbox listening on ", nil)
	if err != nil {
		return nil, err
	}
	p.backend = base
	p.browser = strings.Replace(base, "127.0.0.1", "localhost", 1)
	return p, nil
}

// start runs the command and reads its output until a line starting with prefix, whose
// rest is the base URL; each other line goes to see, which may pick values out of it.
func (p *provider) start(prefix string, see func(line string)) (string, error) {
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	p.log = &strings.Builder{}
	p.cmd.Stderr = p.log
	if err := p.cmd.Start(); err != nil {
		return "", err
	}
	p.done = make(chan error, 1)
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, out)
	}()
	go func() { p.done <- p.cmd.Wait() }()
	timeout := time.After(90 * time.Second) // go run compiles first
	var base string
	for base == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				return "", fmt.Errorf("%s stopped before it was ready: %s", p.cmd.Path, p.log.String())
			}
			if rest, ok := strings.CutPrefix(l, prefix); ok {
				base = strings.TrimSpace(strings.Fields(rest)[0])
				base = strings.TrimSuffix(base, ";")
			} else if see != nil {
				see(l)
			}
		case <-timeout:
			p.stop()
			return "", errors.New("the provider did not print its address within 90s")
		}
	}
	go func() {
		for l := range lines {
			if see != nil {
				see(l)
			}
		}
	}()
	return base, nil
}

// setFaults switches the sandbox's faults at run time through its control endpoint.
func (p *provider) setFaults(names ...string) error {
	resp, err := http.PostForm(p.backend+"/_sandbox/fault", url.Values{"fault": names})
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the sandbox refused faults %v: HTTP %d", names, resp.StatusCode)
	}
	return nil
}

// stop ends the provider process this recorder started.
func (p *provider) stop() {
	if p.cmd.Process != nil {
		_ = p.cmd.Process.Kill()
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
		}
	}
}

// freeListener opens a listener on a free loopback port.
func freeListener() (net.Listener, error) {
	return net.Listen("tcp", "127.0.0.1:0")
}

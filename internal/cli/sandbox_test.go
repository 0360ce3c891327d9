package cli

import (
	"bytes"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer the sandbox's request log may write to while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var baseRe = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)

// startSandboxCmd runs `sandbox` in the background and returns its base URL and a wait
// function that returns its exit code.
func startSandboxCmd(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...), newEnv(strings.NewReader(""), &out, &errOut, nil))
	}()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := baseRe.FindStringSubmatch(out.String()); m != nil {
			return m[1], &out, func() int { return <-done }
		}
		select {
		case code := <-done:
			t.Fatalf("sandbox exited %d: %s %s", code, out.String(), errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("no banner: %s", out.String())
	return "", nil, nil
}

func TestSandboxCommandServesAndTakesFaultsAtRunTime(t *testing.T) {
	base, out, wait := startSandboxCmd(t, "--exit-after", "3s")
	banner := out.String()
	for _, want := range []string{"client id      5b1a6f6e-", "client secret  sandbox-demo-secret-", "export MUBAROKAH_BASE_URL=" + base, "mubarokah-doctor check"} {
		if !strings.Contains(banner, want) {
			t.Errorf("banner lacks %q:\n%s", want, banner)
		}
	}
	req, _ := http.NewRequest("GET", base+"/api/user", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("/api/user without a token: %d, want 401", resp.StatusCode)
	}
	resp, err = http.Post(base+"/_sandbox/fault", "application/x-www-form-urlencoded", strings.NewReader("fault=unavailable"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, _ = http.Get(base + "/")
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Errorf("after POST fault=unavailable: %d, want 503", resp.StatusCode)
	}
	if code := wait(); code != exitOK {
		t.Errorf("exit %d, want 0", code)
	}
	if !strings.Contains(out.String(), "GET /api/user Unauthorized") {
		t.Errorf("the request log lacks the API call:\n%s", out.String())
	}
}

func TestSandboxCommandMasksASecretThePersonGave(t *testing.T) {
	_, out, wait := startSandboxCmd(t, "--exit-after", "200ms", "--client-secret", "my-own-secret-value-123456")
	wait()
	if strings.Contains(out.String(), "my-own-secret-value-123456") || !strings.Contains(out.String(), "my-o…(26 chars)") {
		t.Errorf("banner does not mask the given secret:\n%s", out.String())
	}
}

func TestSandboxCommandBadUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--fault", "typo_fault"}, `unknown fault "typo_fault"; known faults: basic_only,`},
		{[]string{"--addr", "7050"}, `--addr "7050" is not host:port`},
		{[]string{"--delay", "0s"}, "--delay 0s must be positive"},
		{[]string{"--delay", "-2s"}, "--delay -2s must be positive"},
		{[]string{"--delay", "1000h"}, "at most 10m0s"},
		{[]string{"--delay", "soon"}, `invalid argument "soon" for "--delay"`},
		{[]string{"--redirect-uri", "not a url"}, `--redirect-uri: redirect URI "not a url" is not an absolute URL; want an absolute URL such as http://127.0.0.1:3090/callback`},
		{[]string{"--redirect-uri", "http://127.0.0.1:3090/cb#frag"}, "has a fragment"},
		{[]string{"--fault", ""}, "--fault needs a value"},
		{[]string{"--redirect-uri", ""}, "--redirect-uri needs a value"},
		{[]string{"--fault", " "}, "--fault needs a fault name; known faults: basic_only,"},
		{[]string{"--fault", "slow,,wrong_secret"}, "--fault needs a fault name"},
		{[]string{"--client-id", "a b"}, "--client-id must not contain spaces"},
		{[]string{"--client-secret", "x\x1b]52;c;x\x07"}, "--client-secret must not contain spaces or control characters"},
		{[]string{"--client-id", ""}, "--client-id must not be empty"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		// A value wrongly accepted ends the run after a second instead of hanging the test.
		args := append([]string{"sandbox", "--addr", "127.0.0.1:0", "--exit-after", "1s", "--quiet"}, tt.args...)
		code := run(args, newEnv(strings.NewReader(""), &out, &errOut, nil))
		if code != exitUsage || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut.String(), tt.want)
		}
	}
}

// Listening on every interface, the banner must still suggest a loopback URL: check refuses
// to send the client secret over plain HTTP to http://[::]:port or http://0.0.0.0:port.
func TestSandboxOnEveryInterfaceSuggestsALoopbackURL(t *testing.T) {
	base, out, wait := startSandboxCmd(t, "--addr", "0.0.0.0:0", "--exit-after", "300ms")
	wait()
	if !strings.Contains(out.String(), "export MUBAROKAH_BASE_URL="+base+" ") {
		t.Errorf("banner does not suggest %s:\n%s", base, out.String())
	}
}

// Only a port in use hints at another sandbox; an invalid port does not.
func TestSandboxListenErrorHintsOnlyWhenThePortIsTaken(t *testing.T) {
	var out, errOut bytes.Buffer
	run([]string{"sandbox", "--addr", "127.0.0.1:99999"}, newEnv(strings.NewReader(""), &out, &errOut, nil))
	if strings.Contains(errOut.String(), "another sandbox") {
		t.Errorf("an invalid port is blamed on another sandbox: %q", errOut.String())
	}
}

// Listening on every interface, the control endpoint answers another machine only with the
// token the banner prints; this machine needs none.
func TestSandboxOnEveryInterfaceGuardsTheControlEndpoint(t *testing.T) {
	var other net.IP
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
			other = n.IP
			break
		}
	}
	if other == nil {
		t.Skip("this machine has no address but loopback to come from")
	}
	base, out, wait := startSandboxCmd(t, "--addr", "0.0.0.0:0", "--exit-after", "3s")
	m := regexp.MustCompile(`Authorization: Bearer ([0-9a-f]{32})`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no control token in the banner:\n%s", out.String())
	}
	remote := "http://" + net.JoinHostPort(other.String(), base[strings.LastIndex(base, ":")+1:])
	post := func(url, token string) int {
		req, _ := http.NewRequest("POST", url+"/_sandbox/fault", strings.NewReader("fault=unavailable"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(remote, ""); code != http.StatusForbidden {
		t.Errorf("from %s without the token: HTTP %d, want 403", other, code)
	}
	if code := post(remote, strings.Repeat("0", 32)); code != http.StatusForbidden {
		t.Errorf("from %s with a wrong token: HTTP %d, want 403", other, code)
	}
	if code := post(remote, m[1]); code != http.StatusOK {
		t.Errorf("from %s with the token: HTTP %d, want 200", other, code)
	}
	if code := post(base, ""); code != http.StatusOK {
		t.Errorf("from this machine: HTTP %d, want 200", code)
	}
	wait()
}

// On a loopback address the banner prints no token: nobody else can reach the sandbox.
func TestSandboxOnLoopbackPrintsNoControlToken(t *testing.T) {
	_, out, wait := startSandboxCmd(t, "--exit-after", "200ms")
	wait()
	if strings.Contains(out.String(), "Bearer") {
		t.Errorf("a control token on loopback:\n%s", out.String())
	}
}

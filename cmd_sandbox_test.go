package main

import (
	"bytes"
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
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(append([]string{"sandbox"}, tt.args...), newEnv(strings.NewReader(""), &out, &errOut, nil))
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

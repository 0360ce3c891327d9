package probe

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// The secrets the proxy test plants; none of them, in any form, may reach the proxy.
const (
	proxySecret  = "client-secret-proxy-test-4f1d9a"
	proxyToken   = "access-token-proxy-test-77c2e0"
	proxyRefresh = "refresh-token-proxy-test-9b3a51"
)

// childResult is what the child process reports for one probe.
type childResult struct {
	Base, Probe, Status, Summary string
	Details                      []string
}

// Go reads HTTP_PROXY once per process, so the probes run in a child process of this test
// binary whose environment names a recording proxy, as a user's shell would. The proxy
// must receive nothing secret: not for LOCALHOST (which Go's own rules send to the proxy),
// not for a name under .localhost (refused), while the probes that carry no secret still
// go through it, which shows the proxy was in force.
func TestSecretsNeverReachAProxy(t *testing.T) {
	if os.Getenv("PROBE_PROXY_CHILD") != "" {
		t.Skip("the parent's half")
	}
	var mu sync.Mutex
	var seen bytes.Buffer
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dump, _ := httputil.DumpRequest(r, true)
		mu.Lock()
		seen.Write(dump)
		mu.Unlock()
		http.Error(w, "the test proxy forwards nothing", http.StatusBadGateway)
	}))
	defer proxy.Close()
	var direct sync.Map
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		direct.Store(r.URL.Path, true)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"error":"invalid_client","error_description":"Client authentication failed"}`)
	}))
	defer server.Close()
	port := server.URL[strings.LastIndex(server.URL, ":")+1:]

	cmd := exec.Command(os.Args[0], "-test.run=^TestProxyChild$", "-test.v")
	cmd.Env = append(os.Environ(), "HTTP_PROXY="+proxy.URL, "HTTPS_PROXY="+proxy.URL, "http_proxy=", "https_proxy=",
		"NO_PROXY=", "no_proxy=", "REQUEST_METHOD=", "PROBE_PROXY_CHILD=1", "PROBE_TARGET_PORT="+port)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	results := map[string]childResult{}
	for _, line := range strings.Split(string(out), "\n") {
		if j, ok := strings.CutPrefix(strings.TrimSpace(line), "RESULT "); ok {
			var r childResult
			if err := json.Unmarshal([]byte(j), &r); err != nil {
				t.Fatal(err)
			}
			results[r.Base+" "+r.Probe] = r
		}
	}

	mu.Lock()
	got := seen.String()
	mu.Unlock()
	basic := base64.StdEncoding.EncodeToString([]byte("client-1:" + proxySecret))
	for _, s := range []string{proxySecret, proxyToken, proxyRefresh, basic, "client_secret", "Authorization"} {
		if strings.Contains(got, s) {
			t.Errorf("the proxy received %q:\n%s", s, got)
		}
	}
	// The proxy was in force: the probe without a secret to app.localhost went through it.
	if !strings.Contains(got, "app.localhost") {
		t.Errorf("the proxy saw no request for app.localhost, so it was not in force:\n%s\nchild:\n%s", got, out)
	}
	for _, host := range []string{"LOCALHOST", "localhost", "127.0.0.1"} {
		r := results["http://"+host+":"+port+" "+IDClientAuth]
		if r.Status != string(Fail) || !strings.Contains(r.Summary, "invalid_client") {
			t.Errorf("%s: %s %q, want the server's own invalid_client, reached directly", host, r.Status, r.Summary)
		}
	}
	if r := results["http://LOCALHOST:"+port+" "+IDClientAuth]; !strings.Contains(strings.Join(r.Details, "\n"), "not through the proxy") {
		t.Errorf("LOCALHOST bypassed the proxy without saying so: %v", r.Details)
	}
	for _, id := range []string{IDClientAuth, IDUser, IDRefresh} {
		r := results["http://app.localhost:"+port+" "+id]
		if r.Status != string(Skip) || !strings.Contains(r.Summary, "a proxy in HTTP_PROXY would receive") {
			t.Errorf("app.localhost %s: %s %q, want a refusal that names the proxy", id, r.Status, r.Summary)
		}
	}
	if _, ok := direct.Load("/oauth/token"); !ok {
		t.Error("no token request reached the server directly")
	}
}

// TestProxyChild is the child half of TestSecretsNeverReachAProxy; alone it skips.
func TestProxyChild(t *testing.T) {
	port := os.Getenv("PROBE_TARGET_PORT")
	if os.Getenv("PROBE_PROXY_CHILD") == "" || port == "" {
		t.Skip("run by TestSecretsNeverReachAProxy")
	}
	for _, host := range []string{"LOCALHOST", "localhost", "127.0.0.1", "app.localhost"} {
		base := "http://" + host + ":" + port
		cfg := testConfig(base, 5*time.Second)
		cfg.ClientSecret, cfg.AccessToken = proxySecret, proxyToken
		cfg.RefreshToken = proxyRefresh
		cfg = cfg.Allowing(IDRefresh)
		for _, id := range []string{IDReachability, IDClientAuth, IDUser, IDRefresh} {
			r := (&Prober{}).Run(context.Background(), cfg, id)
			b, _ := json.Marshal(childResult{Base: base, Probe: id, Status: string(r.Status), Summary: r.Summary, Details: r.Details})
			fmt.Printf("RESULT %s\n", b)
		}
	}
}

package probe

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// testConfig points every endpoint at base with demo credentials and a short timeout.
func testConfig(base string, timeout time.Duration) config.Config {
	cfg := config.Default()
	cfg.BaseURL = base
	cfg.ClientID, cfg.ClientSecret = "client-1", "secret-value-for-tests"
	cfg.RedirectURI = "http://127.0.0.1:3090/callback"
	cfg.AccessToken = "access-token-value-for-tests"
	cfg.Timeout = timeout
	return cfg
}

// within runs f and fails when it does not return within limit: the probes promise to end
// on their own timeout, and a generous bound keeps this from being a timing test.
func within(t *testing.T, limit time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("did not finish within %s", limit)
	}
}

func TestNetworkFaultsEndAsNamedResults(t *testing.T) {
	// Hanging servers get a short timeout, since the probe must wait it out; the others a
	// generous one, so a slow machine (or -race) does not turn a TLS error into a timeout.
	const short, generous = 300 * time.Millisecond, 5 * time.Second

	refused := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close() // nothing listens there any more
		return "http://" + addr
	}

	hang := make(chan struct{})
	hanging := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Reading the body first lets the server notice the client hanging up.
		io.Copy(io.Discard, r.Body)
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(hanging.Close)
	t.Cleanup(func() { close(hang) }) // runs before hanging.Close: cleanups run last-in first-out

	selfSigned := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"token_type":"Bearer","access_token":"x","expires_in":60}`))
	}))
	selfSigned.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	selfSigned.StartTLS()
	t.Cleanup(selfSigned.Close)

	html500 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(500)
		w.Write([]byte("<!DOCTYPE html><html><head><title>Server Error</title></head><body>500 | Server Error</body></html>"))
	}))
	t.Cleanup(html500.Close)

	huge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		for i := 0; i < 160; i++ { // 10 MiB
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	t.Cleanup(huge.Close)

	redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://elsewhere.example/oauth/token", http.StatusFound)
	}))
	t.Cleanup(redirecting.Close)

	tests := []struct {
		name      string
		base      string
		id        string
		transport string // Observation.Transport, or ""
		fact      string // a fact the observation must carry, or ""
		status    int
	}{
		{"refused port", refused(), IDReachability, knowledge.TransportRefused, "", 0},
		{"hanging server", hanging.URL, IDReachability, knowledge.TransportTimeout, "", 0},
		{"hanging token endpoint", hanging.URL, IDClientAuth, knowledge.TransportTimeout, "", 0},
		{"self-signed TLS", selfSigned.URL, IDTLS, knowledge.TransportTLS, knowledge.FactCertUnknownCA, 0},
		{"self-signed TLS on the token endpoint", selfSigned.URL, IDClientAuth, knowledge.TransportTLS, knowledge.FactCertUnknownCA, 0},
		{"500 HTML", html500.URL, IDClientAuth, "", knowledge.FactHTMLBody, 500},
		{"500 HTML on the API", html500.URL, IDUser, "", knowledge.FactHTMLBody, 500},
		{"10 MiB body", huge.URL, IDClientAuth, knowledge.TransportTooLarge, knowledge.FactOversizeBody, 200},
		{"302 on the token endpoint", redirecting.URL, IDClientAuth, "", knowledge.FactRedirectOnToken, 302},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			timeout := generous
			if tt.transport == knowledge.TransportTimeout {
				timeout = short
			}
			var r Result
			within(t, timeout+time.Second+2*time.Second, func() {
				r = (&Prober{}).Run(context.Background(), testConfig(tt.base, timeout), tt.id)
			})
			if r.Status != Fail {
				t.Fatalf("status %s (%s), want fail", r.Status, r.Summary)
			}
			if r.Obs.Transport != tt.transport {
				t.Errorf("transport = %q (%s), want %q", r.Obs.Transport, r.Obs.TransportDetail, tt.transport)
			}
			if tt.fact != "" && !r.Obs.HasFact(tt.fact) {
				t.Errorf("facts %v lack %s", r.Obs.Facts, tt.fact)
			}
			if r.Obs.Status != tt.status {
				t.Errorf("HTTP status = %d, want %d", r.Obs.Status, tt.status)
			}
			if r.Summary == "" {
				t.Error("no summary")
			}
		})
	}
}

func TestDNSFailureIsNamed(t *testing.T) {
	// .invalid never resolves (RFC 6761), so this needs no network.
	r := (&Prober{}).Run(context.Background(), testConfig("https://accounts.mubarokah.invalid", time.Second), IDReachability)
	if r.Status != Fail || r.Obs.Transport != knowledge.TransportDNS {
		t.Fatalf("got %s transport %q (%s), want fail with dns", r.Status, r.Obs.Transport, r.Summary)
	}
}

func TestCancelledContextEndsRunAll(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(hang)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	var rs []Result
	within(t, 5*time.Second, func() {
		rs = (&Prober{}).RunAll(ctx, testConfig(srv.URL, time.Minute), []string{IDReachability, IDClientAuth})
	})
	for _, r := range rs {
		if r.Status != Fail && r.Status != Skip {
			t.Errorf("%s: %s after cancellation", r.ID, r.Status)
		}
	}
}

func TestSecretsAreNotSentOverPlainHTTPToAnotherHost(t *testing.T) {
	cfg := testConfig("http://accounts.mubarokah.example", time.Second)
	cfg.RefreshToken = "refresh-token-value"
	cfg = cfg.Allowing(IDRefresh)
	for _, id := range []string{IDClientAuth, IDClientCredentials, IDRefresh, IDUser, IDUserDetails} {
		r := Run(context.Background(), cfg, id)
		if r.Status != Skip || !strings.Contains(r.Summary, "plain HTTP") {
			t.Errorf("%s: %s %q, want a skip that says plain HTTP", id, r.Status, r.Summary)
		}
	}
}

func TestSpendingProbesNeedConsent(t *testing.T) {
	cfg := testConfig("https://accounts.mubarokah.com", time.Second)
	cfg.Code, cfg.RefreshToken = "def50200code", "def50200refresh"
	if ok, why := Ready(cfg, IDCodeExchange); ok || !strings.Contains(why, "--exchange-code") {
		t.Errorf("code exchange ready=%v %q without consent", ok, why)
	}
	if ok, why := Ready(cfg, IDRefresh); ok || !strings.Contains(why, "--refresh") {
		t.Errorf("refresh ready=%v %q without consent", ok, why)
	}
	if ok, why := Ready(cfg.Allowing(IDCodeExchange, IDRefresh), IDCodeExchange); !ok {
		t.Errorf("code exchange not ready with consent: %s", why)
	}
}

func TestClockSkewWarns(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Date(2030, 1, 1, 12, 0, 30, 0, time.UTC).Format(http.TimeFormat))
	}))
	defer srv.Close()
	p := &Prober{Now: func() time.Time { return time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC) }}
	r := p.Run(context.Background(), testConfig(srv.URL, time.Second), IDClock)
	if r.Status != Warn || !r.Obs.HasFact(knowledge.FactClockSkew) || !strings.Contains(r.Summary, "30s ahead") {
		t.Errorf("got %s %q facts %v, want a warning that the server is 30s ahead", r.Status, r.Summary, r.Obs.Facts)
	}
}

// A refresh whose rotated token could not be saved must not run: it would revoke the old
// token and lose the new one.
func TestRefreshSkippedWhenTheNewTokenCannotBeSaved(t *testing.T) {
	cfg := testConfig("https://accounts.mubarokah.com", time.Second)
	cfg.RefreshToken = "def50200refresh"
	cfg = cfg.Allowing(IDRefresh)
	dir := t.TempDir()
	for _, path := range []string{dir, dir + "/missing/rt.txt"} {
		cfg.SaveRefreshToken = path
		if ok, why := Ready(cfg, IDRefresh); ok || !strings.Contains(why, "could not be kept") {
			t.Errorf("%s: runnable=%v %q", path, ok, why)
		}
	}
	cfg.SaveRefreshToken = dir + "/rt.txt"
	if ok, why := Ready(cfg, IDRefresh); !ok {
		t.Errorf("a writable path: %q", why)
	}
}

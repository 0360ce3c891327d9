package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestChangedTimeoutAppliesToTheNextProbe: the wizard keeps one Prober while the person
// changes the timeout in Settings; the next probe must use the new one.
func TestChangedTimeoutAppliesToTheNextProbe(t *testing.T) {
	p := &Prober{}
	cfg := testConfig("http://127.0.0.1:1", 3*time.Second)
	if got := p.client(cfg).Timeout; got != 3*time.Second {
		t.Fatalf("client timeout %v, want 3s", got)
	}
	cfg.Timeout = 7 * time.Second
	if got := p.client(cfg).Timeout; got != 7*time.Second {
		t.Fatalf("after the setting changed the client timeout is %v, want 7s", got)
	}
}

// TestDiscoveryOnAServerErrorIsNotAPass: a 503 at the discovery path says nothing about
// discovery being "not offered"; it warns.
func TestDiscoveryOnAServerErrorIsNotAPass(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(ts.Close)
	r := (&Prober{}).Run(context.Background(), testConfig(ts.URL, 5*time.Second), IDDiscovery)
	if r.Status != Warn {
		t.Fatalf("discovery on HTTP 503: %s (%s), want warn", r.Status, r.Summary)
	}
}

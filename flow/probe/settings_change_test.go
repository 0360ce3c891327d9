package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
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

// TestRunAllEachReportsEveryResult: each check's result is handed over once as it comes,
// with the status RunAll ends with.
func TestRunAllEachReportsEveryResult(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
	}))
	t.Cleanup(ts.Close)
	var mu sync.Mutex
	seen := map[string]Status{}
	rs := (&Prober{}).RunAllEach(context.Background(), testConfig(ts.URL, 5*time.Second), nil, func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := seen[r.ID]; dup {
			t.Errorf("%s reported twice", r.ID)
		}
		seen[r.ID] = r.Status
	})
	if len(seen) != len(rs) {
		t.Fatalf("%d results reported of %d", len(seen), len(rs))
	}
	for _, r := range rs {
		if seen[r.ID] != r.Status {
			t.Errorf("%s reported %s, ended %s", r.ID, seen[r.ID], r.Status)
		}
	}
}

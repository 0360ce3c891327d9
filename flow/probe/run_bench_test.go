package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// BenchmarkRunAllHangingServer measures the whole suite against a server that accepts every
// request and never answers, with a 200 ms limit. Probes that spend nothing start at once
// at the configured endpoints while discovery (half the limit) is still coming, so both
// variants take about one limit (200 ms; 300 ms with the default paths before, two limits
// before that).
func BenchmarkRunAllHangingServer(b *testing.B) {
	const limit = 200 * time.Millisecond
	hang := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	b.Cleanup(ts.Close)
	b.Cleanup(func() { close(hang) })
	for _, tt := range []struct {
		name  string
		given bool
	}{{"default-paths", false}, {"endpoints-given", true}} {
		b.Run(tt.name, func(b *testing.B) {
			cfg := testConfig(ts.URL, limit)
			if tt.given {
				_ = cfg.Set(config.KeyAuthorizePath, "/connect/authorize", config.Source{Kind: config.FromFlag, Name: "authorize-path"})
				_ = cfg.Set(config.KeyTokenPath, ts.URL+"/connect/token", config.Source{Kind: config.FromFlag, Name: "token-url"})
			}
			for i := 0; i < b.N; i++ {
				for _, r := range (&Prober{}).RunAll(context.Background(), cfg, nil) {
					if r.Status == Fail && r.Obs.Transport != knowledge.TransportTimeout {
						b.Fatalf("%s: %s", r.ID, r.Summary)
					}
				}
			}
			b.ReportMetric(float64(limit.Milliseconds()), "limit-ms")
		})
	}
}

// TestDiscoveryWaitsOnlyWhenItCanChangeAnEndpoint: a probe waits for discovery only when
// the endpoint it calls is still at its default and of a kind a discovery document names.
func TestDiscoveryWaitsOnlyWhenItCanChangeAnEndpoint(t *testing.T) {
	cfg := config.Default()
	needs := func(id string) bool { pr, _ := Lookup(id); return needsDiscovery(cfg, pr) }
	for _, id := range []string{IDAuthorize, IDClientAuth, IDCodeExchange, IDUser} {
		if !needs(id) {
			t.Errorf("%s: with the default paths discovery may supply its endpoint", id)
		}
	}
	for _, id := range []string{IDDiscovery, IDDNS, IDReachability, IDClock, IDTLS, IDUserDetails} {
		if needs(id) {
			t.Errorf("%s: discovery names no endpoint it calls, yet it waits", id)
		}
	}
	_ = cfg.Set(config.KeyAuthorizePath, "/connect/authorize", config.Source{Kind: config.FromFlag, Name: "authorize-path"})
	if needs(IDAuthorize) || !needs(IDClientAuth) {
		t.Errorf("the authorize path was given, the token path was not")
	}
	_ = cfg.Set(config.KeyTokenPath, "/connect/token", config.Source{Kind: config.FromEnv, Name: "MUBAROKAH_DOCTOR_TOKEN_PATH"})
	if needs(IDClientAuth) || needs(IDRefresh) {
		t.Errorf("the token path was given; discovery cannot change it")
	}
}

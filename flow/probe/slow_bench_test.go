package probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// slowTarget is the sandbox behind a server that holds every answer for delay, as a
// distant or loaded server would. discovery decides what /.well-known/openid-configuration
// says: "none" (404, as Mubarokah ID), "same" (the sandbox's own paths) or "other" (paths
// under /oauth2/ and /userinfo, mapped back to the sandbox's, as fosite's or Hydra's).
type slowTarget struct {
	srv *sandbox.Server
	url string
}

func newSlowTarget(b *testing.B, delay time.Duration, discovery string) *slowTarget {
	b.Helper()
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	inner := srv.Handler()
	other := map[string]string{"/oauth2/auth": "/oauth/authorize", "/oauth2/token": "/oauth/token", "/userinfo": "/api/user"}
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		if r.URL.Path == "/.well-known/openid-configuration" && discovery != "none" {
			w.Header().Set("Content-Type", "application/json")
			paths := []string{"/oauth/authorize", "/oauth/token", "/api/user"}
			if discovery == "other" {
				paths = []string{"/oauth2/auth", "/oauth2/token", "/userinfo"}
			}
			io.WriteString(w, `{"issuer":"`+ts.URL+`","authorization_endpoint":"`+ts.URL+paths[0]+
				`","token_endpoint":"`+ts.URL+paths[1]+`","userinfo_endpoint":"`+ts.URL+paths[2]+`"}`)
			return
		}
		if to, ok := other[r.URL.Path]; ok && discovery == "other" {
			r.URL.Path = to
		} else if discovery == "other" && (r.URL.Path == "/oauth/authorize" || r.URL.Path == "/oauth/token" || r.URL.Path == "/api/user") {
			http.NotFound(w, r) // this server has nothing at Passport's paths
			return
		}
		inner.ServeHTTP(w, r)
	}))
	b.Cleanup(ts.Close)
	return &slowTarget{srv: srv, url: ts.URL}
}

// config is a whole set-up: client, redirect URI, and, with tokens, an access token, a
// refresh token of another grant and a fresh code, all allowed to be spent.
func (st *slowTarget) config(b *testing.B, tokens bool) config.Config {
	cfg := testConfig(st.url, 5*time.Second)
	cfg.ClientID, cfg.ClientSecret = st.srv.Client().ID, st.srv.Client().Secret
	cfg.RedirectURI = sandbox.DemoRedirectURI
	cfg.AccessToken = ""
	if !tokens {
		return cfg
	}
	access, _, err := st.srv.IssueTokens([]string{"view-user", "detail-user"})
	if err != nil {
		b.Fatal(err)
	}
	_, refresh, err := st.srv.IssueTokens([]string{"view-user"})
	if err != nil {
		b.Fatal(err)
	}
	cfg.AccessToken, cfg.RefreshToken = access, refresh
	cfg.Code = st.srv.IssueCode(sandbox.DemoRedirectURI, []string{"view-user"}, "")
	return cfg.Allowing(IDCodeExchange, IDRefresh)
}

// BenchmarkSlowServer runs the whole suite against a server that holds every answer for
// 200 ms, and reports it against its slowest probe run alone (each with a fresh Prober, as
// `check --probe ID` runs it): x-slowest is the suite's time over that probe's. Issue 10
// asks for at most 1.3 without tokens. With tokens a refresh must wait for the API probes
// (it may revoke the access token they use), and the code exchange and the refresh run one
// at a time after the other token requests (Ory Hydra on its in-memory database fails two
// changes at once), which adds a round trip or two by design (x-slowest 1.3-1.9).
func BenchmarkSlowServer(b *testing.B) {
	const delay = 200 * time.Millisecond
	for _, discovery := range []string{"none", "same", "other"} {
		st := newSlowTarget(b, delay, discovery)
		for _, tokens := range []bool{false, true} {
			name := "discovery-" + discovery + "/without-tokens"
			if tokens {
				name = "discovery-" + discovery + "/with-tokens"
			}
			b.Run(name, func(b *testing.B) {
				slowest, which := time.Duration(0), ""
				for _, id := range IDs() {
					cfg := st.config(b, tokens)
					start := time.Now()
					r := (&Prober{}).Run(context.Background(), cfg, id)
					if took := time.Since(start); took > slowest && r.Status != Skip {
						slowest, which = took, id
					}
				}
				b.ResetTimer()
				var took time.Duration
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					cfg := st.config(b, tokens)
					b.StartTimer()
					start := time.Now()
					rs := (&Prober{}).RunAll(context.Background(), cfg, nil)
					took += time.Since(start)
					for _, r := range rs {
						if r.Status == Fail || (r.Status == Warn && r.ID != IDRefresh) {
							b.Fatalf("%s: %s %q", r.ID, r.Status, r.Summary)
						}
					}
				}
				suite := took / time.Duration(b.N)
				b.ReportMetric(float64(suite.Milliseconds()), "suite-ms")
				b.ReportMetric(float64(slowest.Milliseconds()), "slowest-alone-ms")
				b.ReportMetric(float64(suite)/float64(slowest), "x-slowest")
				b.Logf("slowest alone: %s (%s); suite %s", which, slowest.Round(time.Millisecond), suite.Round(time.Millisecond))
			})
		}
	}
}

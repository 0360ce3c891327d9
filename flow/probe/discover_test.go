package probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
)

// otherPathsServer has its endpoints at other paths than Passport's, named only by its
// discovery document; it counts the times the document is fetched.
func otherPathsServer(t *testing.T) (ts *httptest.Server, fetched, atDefault *atomic.Int32) {
	t.Helper()
	fetched, atDefault = new(atomic.Int32), new(atomic.Int32)
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			fetched.Add(1)
			io.WriteString(w, `{"issuer":"`+ts.URL+`","authorization_endpoint":"`+ts.URL+`/oauth2/auth","token_endpoint":"`+ts.URL+
				`/oauth2/token","userinfo_endpoint":"`+ts.URL+`/userinfo"}`)
		case "/oauth2/token":
			io.WriteString(w, `{"access_token":"issued-token-value-0123456789","token_type":"Bearer","expires_in":60,"scope":"view-user"}`)
		case "/userinfo":
			io.WriteString(w, `{"id":7,"sub":"user-7"}`)
		case "/oauth/token":
			atDefault.Add(1)
			http.NotFound(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	return ts, fetched, atDefault
}

// A probe run alone still calls the endpoints the discovery document names, says which
// address it called and where that came from, and one Prober fetches the document once.
func TestProbesRunAloneFindTheirEndpoints(t *testing.T) {
	ts, fetched, _ := otherPathsServer(t)
	cfg := testConfig(ts.URL, 5*time.Second)
	p := &Prober{}
	for _, tt := range []struct{ id, called string }{
		{IDClientAuth, ts.URL + "/oauth2/token"},
		{IDClientCredentials, ts.URL + "/oauth2/token"},
		{IDUser, ts.URL + "/userinfo"},
	} {
		r := p.Run(context.Background(), cfg, tt.id)
		if r.Status != Pass {
			t.Fatalf("%s = %s %q %v, want it to find its endpoint", tt.id, r.Status, r.Summary, r.Details)
		}
		if want := "called " + tt.called + " (from the discovery document)"; len(r.Details) == 0 || r.Details[0] != want {
			t.Errorf("%s details %v, want first %q", tt.id, r.Details, want)
		}
	}
	if n := fetched.Load(); n != 1 {
		t.Errorf("the discovery document was fetched %d times for three probes of one Prober, want once", n)
	}
	if resolved := p.Resolved(cfg); resolved.URL(config.EndpointToken) != ts.URL+"/oauth2/token" {
		got := resolved.URL(config.EndpointToken)
		t.Errorf("Resolved token endpoint %s", got)
	}
	if r := p.Run(context.Background(), cfg, IDDiscovery); r.Status != Pass || fetched.Load() != 2 {
		t.Errorf("the discovery probe itself must fetch afresh: %s, %d fetches", r.Status, fetched.Load())
	}

	// An endpoint the person set is theirs: no discovery for it, and the line says so.
	given := cfg
	if err := given.Set(config.KeyTokenPath, "/oauth2/token", config.Source{Kind: config.FromFlag, Name: "token-path"}); err != nil {
		t.Fatal(err)
	}
	fresh := &Prober{}
	r := fresh.Run(context.Background(), given, IDClientAuth)
	if r.Status != Pass || r.Details[0] != "called "+ts.URL+"/oauth2/token (from flag --token-path)" {
		t.Errorf("given path: %s %v", r.Status, r.Details)
	}
	if n := fetched.Load(); n != 2 {
		t.Errorf("discovery was fetched for an endpoint the person set (%d fetches)", n)
	}
}

// In a whole run the document is fetched once, and the probes that need no endpoint from
// it do not wait for it.
func TestRunAllFetchesDiscoveryOnce(t *testing.T) {
	ts, fetched, _ := otherPathsServer(t)
	cfg := testConfig(ts.URL, 5*time.Second)
	rs := (&Prober{}).RunAll(context.Background(), cfg, []string{IDDiscovery, IDClientAuth, IDClientCredentials, IDUser, IDReachability})
	for _, r := range rs {
		if r.Status != Pass {
			t.Errorf("%s = %s %q", r.ID, r.Status, r.Summary)
		}
	}
	if n := fetched.Load(); n != 1 {
		t.Errorf("the discovery document was fetched %d times in one run, want once", n)
	}
	if !strings.Contains(strings.Join(rs[0].Details, "\n"), "using user-path = "+ts.URL+"/userinfo") {
		t.Errorf("discovery details %v do not say it took the userinfo endpoint", rs[0].Details)
	}
}

// A probe that spends nothing does not wait for the discovery document: its request goes
// out while the document is still coming. The server here answers discovery only once it
// has seen the token request (or after a generous limit, which would fail the test).
func TestProbesDoNotWaitForDiscoveryToStart(t *testing.T) {
	tokenSeen := make(chan struct{})
	var early atomic.Bool
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			select {
			case <-tokenSeen:
				early.Store(true)
			case <-time.After(10 * time.Second):
			case <-r.Context().Done():
			}
			http.NotFound(w, r) // no document, as Mubarokah ID
		case "/oauth/token":
			select {
			case <-tokenSeen:
			default:
				close(tokenSeen)
			}
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"access_token":"issued-token-value-0123456789","token_type":"Bearer","expires_in":60}`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	r := (&Prober{}).Run(context.Background(), testConfig(ts.URL, 30*time.Second), IDClientCredentials)
	if r.Status != Pass || !early.Load() {
		t.Errorf("%s %q; the token request went out before the discovery answer: %v", r.Status, r.Summary, early.Load())
	}
	if len(r.Details) == 0 || !strings.HasSuffix(r.Details[0], "/oauth/token (the default path)") {
		t.Errorf("details %v", r.Details)
	}
}

// A probe that spends something never runs early: the code would be spent at an address
// the discovery document then replaces.
func TestSpendingProbesWaitForDiscovery(t *testing.T) {
	ts, _, atDefault := otherPathsServer(t)
	cfg := testConfig(ts.URL, 5*time.Second)
	cfg.Code = "code-value-for-tests"
	r := (&Prober{}).Run(context.Background(), cfg.Allowing(IDCodeExchange), IDCodeExchange)
	if r.Status != Pass || r.Details[0] != "called "+ts.URL+"/oauth2/token (from the discovery document)" {
		t.Errorf("%s %q %v", r.Status, r.Summary, r.Details)
	}
	if n := atDefault.Load(); n != 0 {
		t.Errorf("the code exchange went to the default path %d time(s) before discovery named another", n)
	}
}

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
func otherPathsServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var fetched atomic.Int32
	var ts *httptest.Server
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
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	return ts, &fetched
}

// A probe run alone still calls the endpoints the discovery document names, says which
// address it called and where that came from, and one Prober fetches the document once.
func TestProbesRunAloneFindTheirEndpoints(t *testing.T) {
	ts, fetched := otherPathsServer(t)
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
	ts, fetched := otherPathsServer(t)
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

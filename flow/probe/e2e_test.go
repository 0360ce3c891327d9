package probe

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// e2eTarget is a sandbox and a configuration whose redirect URI is a free loopback port
// (league lets a loopback IP redirect URI differ in port).
func e2eTarget(t *testing.T, faults ...string) (*sandbox.Server, config.Config) {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cfg := config.Default()
	cfg.BaseURL = ts.URL
	cfg.ClientID, cfg.ClientSecret = srv.Client().ID, srv.Client().Secret
	cfg.RedirectURI = "http://127.0.0.1:" + strconv.Itoa(port) + "/callback"
	cfg.Scopes = []string{"view-user", "detail-user"}
	cfg.Timeout = 3 * time.Second
	return srv, cfg
}

// browser plays the person: it opens the URL with auto-approval and, through tamper,
// may change what comes back before following the redirect to the callback.
func browser(tamper func(*url.URL)) func(string) error {
	noFollow := &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return func(authURL string) error {
		resp, err := noFollow.Get(authURL + "&auto=approve")
		if err != nil {
			return err
		}
		resp.Body.Close()
		loc, err := url.Parse(resp.Header.Get("Location"))
		if err != nil {
			return err
		}
		if tamper != nil {
			tamper(loc)
		}
		resp, err = noFollow.Get(loc.String())
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
}

func TestEndToEndSignsInExchangesAndCallsTheAPIs(t *testing.T) {
	_, cfg := e2eTarget(t)
	var out bytes.Buffer
	rs := (&Prober{}).EndToEnd(context.Background(), cfg, E2EOptions{Open: browser(nil), Out: &out, Wait: 10 * time.Second})
	want := []string{IDE2ECallback, IDE2EExchange, IDE2EUser, IDE2EUserDetails}
	if len(rs) != len(want) {
		t.Fatalf("results %+v, want %v", rs, want)
	}
	for i, r := range rs {
		if r.ID != want[i] || r.Status != Pass {
			t.Errorf("%s: %s %q, want %s pass", r.ID, r.Status, r.Summary, want[i])
		}
	}
	if !strings.Contains(out.String(), "code_challenge_method=S256") {
		t.Errorf("the printed URL lacks an S256 challenge: %s", out.String())
	}
}

func TestEndToEndCatchesAStateMismatch(t *testing.T) {
	_, cfg := e2eTarget(t)
	tamper := func(u *url.URL) {
		q := u.Query()
		q.Set("state", "forged-state")
		u.RawQuery = q.Encode()
	}
	rs := (&Prober{}).EndToEnd(context.Background(), cfg, E2EOptions{Open: browser(tamper), Wait: 10 * time.Second})
	if len(rs) != 1 || rs[0].Status != Fail || !rs[0].Obs.HasFact(knowledge.FactStateMismatch) {
		t.Fatalf("got %+v, want one failed callback with state_mismatch", rs)
	}
}

func TestEndToEndReportsADenial(t *testing.T) {
	_, cfg := e2eTarget(t, sandbox.FaultUserDenied)
	rs := (&Prober{}).EndToEnd(context.Background(), cfg, E2EOptions{Open: browser(nil), Wait: 10 * time.Second})
	if len(rs) != 1 || rs[0].Status != Fail || rs[0].Obs.Error != "access_denied" {
		t.Fatalf("got %+v, want a failed callback with access_denied", rs)
	}
}

func TestEndToEndNeedsALoopbackRedirect(t *testing.T) {
	cfg := config.Default()
	cfg.ClientID, cfg.RedirectURI = "c", "https://app.example/callback"
	rs := (&Prober{}).EndToEnd(context.Background(), cfg, E2EOptions{})
	if len(rs) != 1 || rs[0].Status != Skip || !strings.Contains(rs[0].Summary, "this machine") {
		t.Fatalf("got %+v, want a skip explaining the loopback redirect URI", rs)
	}
}

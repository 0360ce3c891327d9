package sandbox

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Three hundred clients that stall (connect and say nothing, send half a request, or stay
// idle after one) or that never read their answer are all let go of: the sandbox closes
// every one of them on its own, by its read, write and idle time limits.
func TestStalledConnectionsAreClosed(t *testing.T) {
	const perKind = 75
	s, err := New(Options{Faults: []string{}, ReadTimeout: 200 * time.Millisecond,
		WriteTimeout: 300 * time.Millisecond, IdleTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := s.httpServer()
	var closed atomic.Int32
	allClosed := make(chan struct{})
	srv.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateClosed && closed.Add(1) == 4*perKind {
			close(allClosed)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.serve(ctx, l, srv) }()
	t.Cleanup(func() { cancel(); <-done })

	token, _, err := s.IssueTokens([]string{"view-user"})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.SetFaults(FaultOversize) // answers of 4 MiB, more than a socket buffers
	var conns []net.Conn
	dial := func(first string) {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		if first != "" {
			if _, err := io.WriteString(c, first); err != nil {
				t.Fatal(err)
			}
		}
	}
	for range perKind {
		dial("")                                                // silent
		dial("GET /api/user HTTP/1.1\r\nHost: sandbox\r\nAcce") // half a request
		dial("GET /login HTTP/1.1\r\nHost: sandbox\r\n\r\n")    // idle after one answer
		dial("GET /api/user HTTP/1.1\r\nHost: sandbox\r\nAccept: application/json\r\nAuthorization: Bearer " +
			token + "\r\n\r\n") // never reads its 4 MiB
	}
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	select {
	case <-allClosed:
	case <-time.After(30 * time.Second):
		t.Fatalf("%d of %d stalled connections are still open", 4*perKind-int(closed.Load()), 4*perKind)
	}
}

// Every error answer carries one Content-Type header: league's own spelling
// ("Content-type") made Go add a second, sniffed one.
func TestErrorAnswersCarryOneContentType(t *testing.T) {
	s, ts := start(t, Options{Delay: time.Millisecond})
	token, _, _ := s.IssueTokens([]string{"view-user"})
	get := func(path, bearer string) *http.Request {
		r, _ := http.NewRequest("GET", ts.URL+path, nil)
		r.Header.Set("Accept", "application/json")
		if bearer != "" {
			r.Header.Set("Authorization", "Bearer "+bearer)
		}
		return r
	}
	post := func(form url.Values, basic bool) *http.Request {
		r, _ := http.NewRequest("POST", ts.URL+"/oauth/token", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if basic {
			r.SetBasicAuth(DemoClientID, "wrong")
		}
		return r
	}
	for _, fault := range append([]string{""}, Faults()...) {
		_ = s.SetFaults(fault)
		for _, req := range []*http.Request{
			post(url.Values{"grant_type": {"password"}}, false),
			post(url.Values{"grant_type": {"client_credentials"}}, true),
			post(creds(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"x"}}), false),
			post(creds(url.Values{"grant_type": {"client_credentials"}, "scope": {"nope"}}), false),
			get("/oauth/token", ""), get("/api/user", ""), get("/api/user", token), get("/api/user/details", token),
			get("/_sandbox/nothing", ""), get("/no/such/path", ""),
		} {
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if n := len(resp.Header.Values("Content-Type")); resp.StatusCode >= 400 && n != 1 {
				t.Errorf("fault %q, %s %s: HTTP %d with %d Content-Type headers %q", fault, req.Method, req.URL.Path,
					resp.StatusCode, n, resp.Header.Values("Content-Type"))
			}
		}
	}
}

func TestNewRefusesWhatCannotBeARedirectURIOrADelay(t *testing.T) {
	for _, tt := range []struct {
		o    Options
		want string
	}{
		{Options{RedirectURIs: []string{"not a url"}}, `redirect URI "not a url" is not an absolute URL`},
		{Options{RedirectURIs: []string{"/callback"}}, "is not an absolute URL"},
		{Options{RedirectURIs: []string{"http:///callback"}}, "has no host"},
		{Options{RedirectURIs: []string{"https://app.example/cb#x"}}, "has a fragment"},
		{Options{RedirectURIs: []string{""}}, "a redirect URI is empty"},
		{Options{Delay: MaxDelay + time.Second}, "longer than 10m0s"},
	} {
		if _, err := New(tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.o.RedirectURIs, err, tt.want)
		}
	}
	for _, ok := range []string{DemoRedirectURI, "https://app.example/auth/callback?x=1", "com.example.app:/oauth2redirect"} {
		if _, err := New(Options{RedirectURIs: []string{ok}}); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// The control endpoint, reached from another machine, needs the admin token; from this
// machine it needs nothing.
func TestControlEndpointNeedsTheTokenFromAnotherMachine(t *testing.T) {
	s, err := New(Options{AdminToken: "the-admin-token-0123"})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	try := func(remote, auth string) int {
		req, _ := http.NewRequest("POST", "/_sandbox/fault", strings.NewReader("fault=slow"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", auth)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := try("203.0.113.9:5000", ""); code != 403 || len(s.ActiveFaults()) != 0 {
		t.Errorf("no token from another machine: HTTP %d, faults %v", code, s.ActiveFaults())
	}
	if code := try("203.0.113.9:5000", "Bearer the-admin-token-0124"); code != 403 {
		t.Errorf("a wrong token: HTTP %d", code)
	}
	if code := try("203.0.113.9:5000", "Bearer the-admin-token-0123"); code != 200 || len(s.ActiveFaults()) != 1 {
		t.Errorf("the token: HTTP %d, faults %v", code, s.ActiveFaults())
	}
	if code := try("[::1]:5000", ""); code != 200 {
		t.Errorf("this machine: HTTP %d", code)
	}
	open, _ := New(Options{})
	req, _ := http.NewRequest("DELETE", "/_sandbox/fault", nil)
	req.RemoteAddr = "198.51.100.1:1"
	rec := httptest.NewRecorder()
	open.Handler().ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("no token set, another machine: HTTP %d, want 403", rec.Code)
	}
}

package probe

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// rawServer answers every connection with answer, after reading the request's head: a
// server that does not speak proper HTTP, which httptest cannot be.
func rawServer(t *testing.T, answer func(c net.Conn)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					line, err := br.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				answer(c)
			}()
		}
	}()
	return "http://" + l.Addr().String()
}

// untilClosed blocks until the client hangs up: a server stalling without a timed sleep.
func untilClosed(c net.Conn) { _, _ = io.Copy(io.Discard, c) }

// selfSignedLeaf is a certificate signed by its own key and not marked as a CA, as
// `openssl req -x509` with a leaf profile or many appliances make them.
func selfSignedLeaf(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "id.example.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: false}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// tlsServer starts an HTTPS test server and returns it with a pool that trusts it.
func tlsServer(t *testing.T, h http.Handler) (*httptest.Server, *x509.CertPool) {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return srv, pool
}

// Every network fault ends, within its time limit, in a result that names it truly: the
// catalogue entry and cause each row expects were chosen from the catalogue's texts before
// the probes ran against these servers.
func TestEveryNetworkFaultIsNamedTruly(t *testing.T) {
	const short, generous = 400 * time.Millisecond, 5 * time.Second
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}

	garbage := rawServer(t, func(c net.Conn) { c.Write([]byte("GARBAGE\r\n\r\n")) })
	badStatus := rawServer(t, func(c net.Conn) { c.Write([]byte("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n")) })
	// A TLS server that gets plain HTTP answers with an alert record; unexpected_message is
	// alert 10, a newline, so Go reads the record as a status line (the well-known
	// `malformed HTTP response "\x15\x03\x01\x00\x02\x02"`).
	plainToTLS := rawServer(t, func(c net.Conn) { c.Write([]byte("\x15\x03\x01\x00\x02\x02\x0a")) })
	flood := rawServer(t, func(c net.Conn) {
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"))
		line := []byte("X-Flood: " + strings.Repeat("a", 1000) + "\r\n")
		for range 10 << 10 { // 10 MiB of headers
			if _, err := c.Write(line); err != nil {
				return
			}
		}
		c.Write([]byte("\r\n{}"))
	})
	slowBody := rawServer(t, func(c net.Conn) {
		c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"id\":1,"))
		untilClosed(c)
	})
	big200 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"id":1,"name":"` + strings.Repeat("x", 3<<20) + `"}`))
	}))
	t.Cleanup(big200.Close)
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/oauth/authorize", "/b":
			http.Redirect(w, r, "/a", http.StatusFound)
		default:
			http.Redirect(w, r, "/b", http.StatusFound)
		}
	}))
	t.Cleanup(loop.Close)
	endless := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"/x", http.StatusFound) // never the same URL twice
	}))
	t.Cleanup(endless.Close)
	otherHost := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://elsewhere.example"+r.URL.RequestURI(), http.StatusFound)
	}))
	t.Cleanup(otherHost.Close)
	downgrade, roots := tlsServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+r.Host+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
	noCA := httptest.NewUnstartedServer(http.NotFoundHandler())
	noCA.Config.ErrorLog = log.New(io.Discard, "", 0)
	noCA.TLS = &tls.Config{Certificates: []tls.Certificate{selfSignedLeaf(t)}}
	noCA.StartTLS()
	t.Cleanup(noCA.Close)

	tests := []struct {
		name, base, probe string
		trusted           bool
		timeout           time.Duration
		entry, cause      string
		says              string // in the result's summary or transport detail
		notSays           string // a wrong name the result must not give
	}{
		{"garbage status line", garbage, IDReachability, false, generous, "connection_refused", "wrong_port_in_base_url", "not in HTTP", "refused"},
		{"malformed status code", badStatus, IDClientAuth, false, generous, "connection_refused", "wrong_port_in_base_url", "not in HTTP", "refused"},
		{"plain HTTP to a TLS port", plainToTLS, IDReachability, false, generous, "tls_failure", "http_https_mixed", "plain HTTP was sent", "refused"},
		{"10 MiB of headers", flood, IDReachability, false, generous, "html_instead_of_json", "base_url_points_at_website", "header flood", "refused"},
		{"10 MiB of headers on the token endpoint", flood, IDClientAuth, false, generous, "html_instead_of_json", "base_url_points_at_website", "header flood", "refused"},
		{"redirect loop at authorize", loop.URL, IDAuthorize, false, generous, "unexpected_redirect", "host_forwards_elsewhere", "loop", ""},
		{"endless redirects at authorize", endless.URL, IDAuthorize, false, generous, "unexpected_redirect", "host_forwards_elsewhere", "more than 10", ""},
		{"redirect to another host at authorize", otherHost.URL, IDAuthorize, false, generous, "unexpected_redirect", "host_forwards_elsewhere", "another host", ""},
		{"https to http at authorize", downgrade.URL, IDAuthorize, true, generous, "unexpected_redirect", "host_forwards_elsewhere", "plain http", ""},
		{"https to http on the token endpoint", downgrade.URL, IDClientAuth, true, generous, "unexpected_redirect", "host_forwards_elsewhere", "plain http", "http_base_url_upgraded"},
		{"https to http on the API", downgrade.URL, IDUser, true, generous, "unexpected_redirect", "host_forwards_elsewhere", "plain http", "refused the token"},
		{"slow body", slowBody, IDUser, false, short, "network_timeout", "provider_slow_to_answer", "bytes received", "awaiting headers"},
		{"oversize 200", big200.URL, IDUser, false, generous, "html_instead_of_json", "base_url_points_at_website", "far larger", "refused the token"},
		{"self-signed without the CA flag", noCA.URL, IDTLS, false, generous, "tls_failure", "self_signed_certificate", "self-signed certificate", "unknown authority"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &Prober{}
			if tt.trusted {
				p.roots = roots
			}
			var r Result
			within(t, tt.timeout+3*time.Second, func() {
				r = p.Run(context.Background(), testConfig(tt.base, tt.timeout), tt.probe)
			})
			r.Diagnose(cat)
			text := r.Summary + " | " + r.Obs.TransportDetail
			t.Logf("%+v: %s", r.Diagnosis, text)
			if r.Status != Fail {
				t.Fatalf("status %s (%s), want fail", r.Status, text)
			}
			if !strings.Contains(text, tt.says) {
				t.Errorf("%q does not say %q", text, tt.says)
			}
			if r.Diagnosis == nil || r.Diagnosis.Code != tt.entry || r.Diagnosis.TopCause() != tt.cause {
				t.Errorf("diagnosis %+v, want %s/%s (%s)", r.Diagnosis, tt.entry, tt.cause, text)
			}
			if tt.notSays != "" && (strings.Contains(text, tt.notSays) || r.Diagnosis != nil && r.Diagnosis.TopCause() == tt.notSays) {
				t.Errorf("named %q: %s", tt.notSays, text)
			}
		})
	}
}

// Following the authorize endpoint's redirects on its own host still ends at the sign-in
// page as before, and a redirect back to the redirect URI is read, not followed.
func TestAuthorizeFollowsRedirectsOnItsOwnHost(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/oauth/authorize":
			http.Redirect(w, r, "/oauth/authorize/?"+r.URL.RawQuery, http.StatusMovedPermanently)
		case "/oauth/authorize/":
			http.Redirect(w, r, "/login", http.StatusFound)
		case "/.well-known/openid-configuration":
			http.NotFound(w, r) // run alone, the probe asks for it first
		default:
			t.Errorf("followed to %s", r.URL.Path)
		}
	}))
	t.Cleanup(srv.Close)
	r := (&Prober{}).Run(context.Background(), testConfig(srv.URL, 5*time.Second), IDAuthorize)
	if r.Status != Pass || !strings.Contains(strings.Join(r.Details, "\n"), "after 1 redirect") {
		t.Errorf("got %s %q %v, want a pass after one redirect", r.Status, r.Summary, r.Details)
	}
}

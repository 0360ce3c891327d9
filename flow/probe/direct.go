package probe

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// A secret goes over plain HTTP only to this machine, and only when nothing in between can
// read it. Go's proxy rules (http.ProxyFromEnvironment, from golang.org/x/net/http/httpproxy)
// skip HTTP_PROXY only for a loopback IP and for the exact, lower-case name "localhost":
// "LOCALHOST" or "app.localhost" go to the proxy like any other name. So this machine is a
// loopback IP or the name localhost in any case, and the probes' transport sends requests
// for it straight there, never through a proxy.

// onThisMachine reports whether host (as url.URL.Hostname gives it) is this machine for
// certain: a loopback IP, or the name localhost. A name under .localhost is not: it is
// resolved like any other name, and a proxy would receive the request.
func onThisMachine(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}

// viaProxy is the transport's proxy rule: the environment's (HTTP_PROXY, HTTPS_PROXY,
// NO_PROXY, as http.ProxyFromEnvironment reads them once per process), except that this
// machine is always reached directly.
func viaProxy(req *http.Request) (*url.URL, error) {
	if onThisMachine(req.URL.Hostname()) {
		return nil, nil
	}
	return http.ProxyFromEnvironment(req)
}

// envWouldProxy reports whether Go's own rules would send a request for u through a proxy
// (an invalid proxy setting counts: such a request is not direct either).
func envWouldProxy(u *url.URL) bool {
	p, err := http.ProxyFromEnvironment(&http.Request{URL: u})
	return err != nil || p != nil
}

// secretTargetProblem says why a secret must not be sent to rawURL, or "" when it may:
// https anywhere, plain http only to this machine.
func secretTargetProblem(l lang.Lang, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return l.Tf("refusing to send a secret to %s: it is not an absolute URL", rawURL)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return ""
	case "http":
	default:
		return l.Tf("refusing to send a secret to %s: only https is used (plain http only to this machine)", rawURL)
	}
	host := u.Hostname()
	if onThisMachine(host) {
		return ""
	}
	if name := strings.ToLower(strings.TrimSuffix(host, ".")); name == "localhost" || strings.HasSuffix(name, ".localhost") {
		port := u.Port()
		if port == "" {
			port = "80"
		}
		return l.Tf("refusing to send a secret over plain HTTP to %s: %s is a name, not an address of this machine, "+
			"so it is resolved like any other and a proxy in HTTP_PROXY would receive the request; use http://127.0.0.1:%s or https",
			rawURL, host, port)
	}
	return l.Tf("refusing to send a secret over plain HTTP to %s; use https (plain http only to this machine: 127.0.0.1, ::1 or localhost)", rawURL)
}

// proxyNote is the line a result carries when a secret went straight to this machine
// although the environment names a proxy that Go's rules would have used for it.
func proxyNote(l lang.Lang, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || !strings.EqualFold(u.Scheme, "http") || !onThisMachine(u.Hostname()) || !envWouldProxy(u) {
		return ""
	}
	return l.T("sent straight to this machine, not through the proxy the environment names (HTTP_PROXY): a secret over plain HTTP must not leave it")
}

// dialThisMachine dials like d, and refuses a connection for the name localhost that did
// not end on a loopback address (a hosts file or resolver that maps it elsewhere).
func dialThisMachine(d *net.Dialer) func(context.Context, string, string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if host, _, _ := net.SplitHostPort(addr); strings.EqualFold(host, "localhost") {
			if ta, ok := c.RemoteAddr().(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
				c.Close()
				return nil, fmt.Errorf("%s resolved to %s, which is not this machine: %w", host, ta.IP, errNotThisMachine)
			}
		}
		return c, nil
	}
}

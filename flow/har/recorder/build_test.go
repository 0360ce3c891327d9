package main

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
)

// The raw head keeps the server's order and each Set-Cookie on its own line, as DevTools
// shows them; the version comes from the status line.
func TestHeadersFromText(t *testing.T) {
	hs, v := headersFromText("HTTP/1.1 302 Found\r\nLocation: /home\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2\r\nDate: x\r\n\r\n")
	var got []string
	for _, h := range hs {
		got = append(got, h.Name+"="+h.Value)
	}
	if v != "HTTP/1.1" || strings.Join(got, "|") != "Location=/home|Set-Cookie=a=1; Path=/|Set-Cookie=b=2|Date=x" {
		t.Errorf("version %q headers %q", v, got)
	}
}

// Query and form parameters are split, never decoded, as DevTools exports them.
func TestRawParams(t *testing.T) {
	ps := rawParams("redirect_uri=http%3A%2F%2Fa%2Fcb&scope=view-user+detail-user&flag")
	if len(ps) != 3 || ps[0].Value != "http%3A%2F%2Fa%2Fcb" || ps[1].Value != "view-user+detail-user" || ps[2].Name != "flag" {
		t.Errorf("params %+v", ps)
	}
}

// Timings follow Chrome's phases: a hop that connected, sent and waited gets each phase and
// a total of their sum; a request that failed before any answer is all "blocked".
func TestTimings(t *testing.T) {
	h := &requestHop{req: &network.Request{Method: "GET", URL: "http://127.0.0.1/"}, issued: 10, respAt: 10.050, end: 10.060, resp: &network.Response{Timing: &network.ResourceTiming{
		RequestTime: 10.001, ProxyStart: -1, ProxyEnd: -1, DNSStart: -1, DNSEnd: -1, ConnectStart: 1, ConnectEnd: 3,
		SslStart: -1, SslEnd: -1, SendStart: 4, SendEnd: 5, ReceiveHeadersEnd: 49}}}
	tm := h.timings()
	near := func(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }
	// DevTools counts send from the end of the connection (3 ms) to sendEnd (5 ms).
	if !near(tm.Connect, 2) || !near(tm.Send, 2) || !near(tm.Wait, 44) || !near(tm.Receive, 10) || tm.DNS != -1 || tm.SSL != -1 {
		t.Errorf("timings %+v", tm)
	}
	e := h.entry()
	if !near(e.Time, tm.Blocked+tm.Connect+tm.Send+tm.Wait+tm.Receive) {
		t.Errorf("time %v is not the sum of the phases %+v", e.Time, tm)
	}
	failed := &requestHop{issued: 20, end: 20.5, respAt: -1, errText: "net::ERR_CONNECTION_REFUSED"}
	if tm := failed.timings(); !near(tm.Blocked, 500) || tm.Wait != 0 {
		t.Errorf("a request with no answer: %+v", tm)
	}
	if r := failed.response(); r.Error == nil || *r.Error != "net::ERR_CONNECTION_REFUSED" || r.Status != 0 {
		t.Errorf("a request with no answer: %+v", r)
	}
}

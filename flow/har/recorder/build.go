package main

import (
	"encoding/base64"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
)

// build turns the recording into the HAR DevTools would export for the same tab.
func (r *recording) build(browserVersion string) *harFile {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.assignExtras()
	f := &harFile{Log: harLog{Version: "1.2", Creator: harCreator{Name: "WebInspector", Version: webKitVersion(browserVersion),
		Comment: browserVersion}, Pages: []harPage{}, Entries: []harEntry{}}}
	for _, p := range r.pages {
		f.Log.Pages = append(f.Log.Pages, harPage{Started: wallJSON(epoch(p.wall)), ID: pageID(p.id), Title: p.url,
			Timings: harPageTimings{OnContentLoad: sinceMS(p.started, p.onContent), OnLoad: sinceMS(p.started, p.onL)}})
	}
	for _, h := range r.hops {
		f.Log.Entries = append(f.Log.Entries, h.entry())
	}
	sort.SliceStable(f.Log.Entries, func(i, j int) bool { return f.Log.Entries[i].start < f.Log.Entries[j].start })
	return f
}

func pageID(n int) string { return "page_" + strconv.Itoa(n) }

func epoch(s float64) time.Time {
	sec, frac := math.Modf(s)
	return time.Unix(int64(sec), int64(frac*1e9))
}

func sinceMS(start, t float64) float64 {
	if t < 0 || start < 0 {
		return -1
	}
	return (t - start) * 1000
}

// webKitVersion is what DevTools puts in creator.version: the AppleWebKit version of the
// browser's user agent, the same "537.36" for every Chromium.
func webKitVersion(product string) string {
	if product == "" {
		return "n/a"
	}
	return "537.36"
}

func (h *requestHop) entry() harEntry {
	e := harEntry{Initiator: initiatorJSON(h.initiator), Priority: h.priority, ResourceType: strings.ToLower(string(h.typ)),
		Request: h.request(), Response: h.response(), Started: wallJSON(epoch(h.wall)), start: h.issued}
	if e.ResourceType == "" {
		e.ResourceType = "other"
	}
	if h.page > 0 {
		e.PageRef = pageID(h.page)
	}
	if h.cached {
		e.FromCache = "disk"
	}
	if rs := h.resp; rs != nil {
		e.ServerIP = strings.Trim(rs.RemoteIPAddress, "[]")
		if rs.RemotePort > 0 {
			e.Connection = strconv.FormatInt(rs.RemotePort, 10)
		}
		if rs.ConnectionID != 0 {
			e.ConnectionID = strconv.FormatFloat(rs.ConnectionID, 'f', -1, 64)
		}
	}
	e.Timings = h.timings()
	for _, t := range []float64{e.Timings.Blocked, e.Timings.DNS, e.Timings.Connect, e.Timings.Send, e.Timings.Wait, e.Timings.Receive} {
		e.Time += math.Max(t, 0)
	}
	return e
}

// harInitiator is the initiator as DevTools exports it: type, url, requestId, lineNumber
// (parser initiators) and the script's stack, in that order.
type harInitiator struct {
	Type       string   `json:"type"`
	URL        string   `json:"url,omitempty"`
	RequestID  string   `json:"requestId,omitempty"`
	LineNumber *float64 `json:"lineNumber,omitempty"`
	Stack      any      `json:"stack,omitempty"`
}

func initiatorJSON(in *network.Initiator) any {
	if in == nil {
		return nil
	}
	out := harInitiator{Type: string(in.Type), URL: in.URL, RequestID: string(in.RequestID)}
	if in.Type == network.InitiatorTypeParser {
		n := in.LineNumber
		out.LineNumber = &n
	}
	if in.Stack != nil {
		out.Stack = in.Stack
	}
	return out
}

func (h *requestHop) request() harRequest {
	r := harRequest{Method: h.req.Method, URL: h.req.URL, HTTPVersion: "http/1.1", QueryString: rawParams(query(h.req.URL)),
		Cookies: []harCookie{}, HeadersSize: -1}
	if h.resp != nil && h.resp.Protocol != "" {
		r.HTTPVersion = h.resp.Protocol
	}
	hdr := h.req.Headers
	if h.reqExtra != nil {
		hdr = h.reqExtra.Headers
		for _, ac := range h.reqExtra.AssociatedCookies {
			if len(ac.BlockedReasons) == 0 && ac.Cookie != nil {
				r.Cookies = append(r.Cookies, storeCookie(ac.Cookie))
			}
		}
	}
	r.Headers = headerList(hdr)
	if h.hasPost {
		text := string(h.post)
		r.BodySize = len(h.post)
		mime := headerValue(r.Headers, "Content-Type")
		r.PostData = &harPostData{MimeType: mime, Text: text}
		if strings.HasPrefix(strings.ToLower(mime), "application/x-www-form-urlencoded") {
			r.PostData.Params = rawParams(text)
		}
	}
	return r
}

func (h *requestHop) response() harResponse {
	out := harResponse{Headers: []harNameValue{}, Cookies: []harCookie{}, HeadersSize: -1, BodySize: -1,
		Content: harContent{MimeType: "x-unknown"}}
	if h.errText != "" {
		msg := h.errText
		out.Error = &msg
	}
	rs := h.resp
	if rs == nil {
		out.HTTPVersion = ""
		out.BodySize = 0
		return out
	}
	out.Status, out.StatusText, out.Transfer = rs.Status, rs.StatusText, int(h.encoded)
	out.HTTPVersion, out.ViaSW = rs.Protocol, rs.FromServiceWorker
	if rs.MimeType != "" {
		out.Content.MimeType = rs.MimeType
	}
	var text string
	if x := h.respExtra; x != nil {
		text = x.HeadersText
		out.Headers = headerList(x.Headers)
		if x.StatusCode != 0 {
			out.Status = x.StatusCode
		}
	} else {
		out.Headers = headerList(rs.Headers)
	}
	if text != "" {
		out.Headers, out.HTTPVersion = headersFromText(text)
		out.HeadersSize = len(text)
		out.BodySize = max(int(h.encoded)-len(text), 0)
	}
	if h.cached || out.Status == 304 {
		out.BodySize = 0
	}
	for _, hv := range out.Headers {
		if strings.EqualFold(hv.Name, "Set-Cookie") {
			if c, err := http.ParseSetCookie(hv.Value); err == nil {
				out.Cookies = append(out.Cookies, setCookie(c))
			}
		}
	}
	out.RedirectURL = headerValue(out.Headers, "Location")
	if h.hasBody {
		out.Content.Size = len(h.body)
		if h.base64 {
			out.Content.Text, out.Content.Encoding = base64.StdEncoding.EncodeToString(h.body), "base64"
		} else {
			out.Content.Text = string(h.body)
		}
	} else if !h.redirect && h.finished && h.errText == "" {
		out.Content.Size = max(int(h.encoded)-out.HeadersSize, 0)
	}
	if out.HeadersSize >= 0 && !h.cached && out.Status != 304 && out.Status != 206 {
		c := out.Content.Size - out.BodySize
		out.Content.Compression = &c
	}
	return out
}

// timings follows DevTools' buildTimings: queueing, then the connection phases Chrome
// measured, then waiting for the first byte and reading the rest.
func (h *requestHop) timings() harTimings {
	ms := func(s float64) float64 {
		if s == -1 {
			return -1
		}
		return s * 1000
	}
	var t harTimings
	start := h.issued
	var rt *network.ResourceTiming
	if h.resp != nil {
		rt = h.resp.Timing
	}
	if rt != nil {
		start = rt.RequestTime
	}
	queued := -1.0
	if h.issued < start {
		queued = start - h.issued
	}
	t.Blocked, t.BlockedQueueing, t.DNS, t.SSL, t.Connect = ms(queued), ms(queued), -1, -1, -1
	highest := 0.0
	if rt != nil {
		blockedStart := leastNonNegative(rt.DNSStart, rt.ConnectStart, rt.SendStart)
		if !math.IsInf(blockedStart, 1) {
			t.Blocked += blockedStart
		} else {
			blockedStart = 0
		}
		dnsStart, dnsEnd := 0.0, -1.0
		if rt.DNSEnd >= 0 {
			dnsStart, dnsEnd = blockedStart, rt.DNSEnd
		}
		t.DNS = dnsEnd - dnsStart
		if rt.SslEnd > 0 {
			t.SSL = rt.SslEnd - rt.SslStart
		}
		connectStart, connectEnd := 0.0, -1.0
		if rt.ConnectEnd >= 0 {
			connectStart, connectEnd = leastNonNegative(dnsEnd, blockedStart), rt.ConnectEnd
		}
		t.Connect = connectEnd - connectStart
		sendStart, sendEnd := 0.0, 0.0
		if rt.SendEnd >= 0 {
			sendStart, sendEnd = math.Max(math.Max(connectEnd, dnsEnd), blockedStart), rt.SendEnd
		}
		t.Send = math.Max(sendEnd-sendStart, 0)
		highest = math.Max(math.Max(math.Max(sendEnd, connectEnd), math.Max(rt.SslEnd, dnsEnd)), math.Max(blockedStart, 0))
		t.WorkerStart, t.WorkerReady = &rt.WorkerStart, &rt.WorkerReady
		t.WorkerFetch, t.WorkerSettled = &rt.WorkerFetchStart, &rt.WorkerRespondWithSettled
	} else if h.respAt < 0 {
		if h.end >= 0 {
			t.Blocked = ms(h.end - h.issued)
		}
		return t
	}
	waitEnd := ms(h.respAt - start)
	t.Wait = waitEnd - highest
	if h.end >= 0 {
		t.Receive = math.Max(ms(h.end-start)-waitEnd, 0)
	}
	return t
}

func leastNonNegative(vs ...float64) float64 {
	best := math.Inf(1)
	for _, v := range vs {
		if v >= 0 && v < best {
			best = v
		}
	}
	return best
}

// headerList flattens the protocol's header object: Chrome joins repeated headers with
// "\n", DevTools lists each value on its own. Names are sorted, as a Go map has no order.
func headerList(h network.Headers) []harNameValue {
	out := []harNameValue{}
	for name, v := range h {
		s, _ := v.(string)
		for line := range strings.SplitSeq(s, "\n") {
			out = append(out, harNameValue{Name: name, Value: line})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// headersFromText reads the raw HTTP/1.x answer head: the headers in their order, and the
// version on the status line.
func headersFromText(text string) ([]harNameValue, string) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	version := ""
	if len(lines) > 0 {
		version, _, _ = strings.Cut(lines[0], " ")
	}
	out := []harNameValue{}
	for _, l := range lines[1:] {
		if name, value, ok := strings.Cut(l, ":"); ok && name != "" {
			out = append(out, harNameValue{Name: name, Value: strings.TrimSpace(value)})
		}
	}
	return out, version
}

func headerValue(hs []harNameValue, name string) string {
	for _, h := range hs {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

func query(u string) string {
	_, q, _ := strings.Cut(u, "?")
	return q
}

// rawParams splits a query or form body as DevTools does: on & and the first =, nothing
// decoded.
func rawParams(s string) []harNameValue {
	out := []harNameValue{}
	if s == "" {
		return out
	}
	for part := range strings.SplitSeq(s, "&") {
		name, value, _ := strings.Cut(part, "=")
		out = append(out, harNameValue{Name: name, Value: value})
	}
	return out
}

func storeCookie(c *network.Cookie) harCookie {
	out := harCookie{Name: c.Name, Value: c.Value, Path: c.Path, Domain: c.Domain, HTTPOnly: c.HTTPOnly, Secure: c.Secure,
		SameSite: string(c.SameSite)}
	if !c.Session && c.Expires > 0 {
		s := wallJSON(epoch(c.Expires))
		out.Expires = &s
	}
	return out
}

func setCookie(c *http.Cookie) harCookie {
	out := harCookie{Name: c.Name, Value: c.Value, Path: c.Path, Domain: c.Domain, HTTPOnly: c.HttpOnly, Secure: c.Secure}
	switch c.SameSite {
	case http.SameSiteLaxMode:
		out.SameSite = "Lax"
	case http.SameSiteStrictMode:
		out.SameSite = "Strict"
	case http.SameSiteNoneMode:
		out.SameSite = "None"
	}
	if !c.Expires.IsZero() {
		s := wallJSON(c.Expires)
		out.Expires = &s
	} else if c.MaxAge > 0 {
		s := wallJSON(time.Now().Add(time.Duration(c.MaxAge) * time.Second))
		out.Expires = &s
	}
	return out
}

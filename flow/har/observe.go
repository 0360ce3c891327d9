package har

import (
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// observe reads what the step's entry holds the way a paste of it would be read, and gives
// the step its verdict before any cross-step check. t is the step's own time: a token in a
// trace recorded yesterday is judged against the moment it was used.
func (f *found) observe(t time.Time) {
	e := f.e
	st := e.resp.status
	switch {
	case f.kind == KindCallback:
		f.obs = callbackObs(f, t)
		switch {
		case f.synth || aborted(e):
		case st == 0:
			f.obs.Merge(noAnswer(e))
		default:
			f.obs.Merge(appAnswer(e, t))
		}
	case st == 0:
		f.obs = noAnswer(e)
		f.obs.Endpoint = f.observedEndpoint()
		if f.kind == KindToken || f.kind == KindRefresh || f.kind == KindAPI {
			f.obs.Merge(parse(requestText(e), t))
		}
	case f.kind == KindToken || f.kind == KindRefresh || f.kind == KindAPI:
		f.obs = fromResponse(f.observedEndpoint(), e, t)
		f.obs.Merge(parse(requestText(e), t))
	case st >= 400:
		f.obs = fromResponse(f.observedEndpoint(), e, t)
		if f.kind == KindAuthorize {
			f.obs.Merge(parse(e.req.url, t))
		}
	default:
		if f.kind == KindAuthorize {
			f.obs = parse(e.req.url, t)
		}
		f.obs.Status = st
		f.obs.Location = maskURL(e.location())
	}
	if f.obs.Method == "" && !f.synth {
		f.obs.Method = e.req.method
	}
	f.obs.URL = maskURL(f.url)
	if e.bodyOmitted() && !f.synth {
		dropFact(&f.obs, knowledge.FactEmptyBody) // the body was there; the file left it out
	}
	if f.kind != KindToken && f.kind != KindRefresh && f.kind != KindAPI {
		// A page the browser navigated to is meant to be HTML, and the provider's sign-in
		// page is meant to be a login form: neither says what it says of an API answer.
		dropFact(&f.obs, knowledge.FactHTMLBody)
		dropFact(&f.obs, knowledge.FactLoginRedirect)
		if strings.Contains(strings.ToLower(f.obs.ContentType), "html") {
			f.obs.ContentType = "" // nor is its HTML type a sign of a JSON answer gone wrong
		}
		if f.kind == KindCallback && st >= 400 && f.obs.Message == "" {
			// The app's own error page: its title is the app's word for what went wrong
			// ("Invalid state"), which is all a browser recording holds of the app's reason.
			f.obs.Message = htmlTitle(e.resp.body)
		}
	}
	f.verdict, f.summary = f.judge()
}

// observedEndpoint is the Observation endpoint a step's evidence is read as.
func (f *found) observedEndpoint() knowledge.Endpoint {
	switch f.kind {
	case KindAuthorize, KindConsent:
		return knowledge.EndpointAuthorize
	case KindToken, KindRefresh:
		return knowledge.EndpointToken
	case KindCallback:
		return knowledge.EndpointCallback
	case KindAPI:
		return f.endpoint
	}
	return ""
}

func parse(text string, t time.Time) knowledge.Observation {
	o, err := evidence.Parse(capText(text, evidence.MaxInput), t)
	if err != nil {
		return knowledge.Observation{}
	}
	return o
}

// fromResponse reads an entry's response as a live answer is read.
func fromResponse(endpoint knowledge.Endpoint, e *entry, t time.Time) knowledge.Observation {
	h := http.Header{}
	for _, f := range e.resp.headers {
		if !strings.HasPrefix(f.name, ":") {
			h.Add(f.name, f.value)
		}
	}
	return evidence.FromHTTP(endpoint, e.resp.status, h, e.resp.body, t)
}

// requestText writes the request as raw HTTP, with the headers that carry evidence, so
// evidence.Parse reads its Authorization header and body exactly as it reads a paste.
func requestText(e *entry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\nHost: %s\n", e.req.method, e.req.url, hostOf(e.req.url))
	for _, name := range []string{"Authorization", "Content-Type", "Accept"} {
		if v := e.req.header(name); v != "" && !strings.ContainsAny(v, "\r\n") {
			fmt.Fprintf(&b, "%s: %s\n", name, v)
		}
	}
	b.WriteString("\n")
	b.WriteString(capText(e.bodyText(), max(0, evidence.MaxInput-b.Len())))
	return b.String()
}

// callbackObs reads the callback URL; one with neither code nor error is still a callback
// (the missing_code entry reads exactly that).
func callbackObs(f *found, t time.Time) knowledge.Observation {
	o := parse(f.url, t)
	o.Endpoint = knowledge.EndpointCallback
	o.AddSource("callback_url")
	return o
}

// appAnswer reads the application's own answer to its callback. A redirect onward is
// success unless it carries an error; a 4xx or 5xx is read like any error response.
func appAnswer(e *entry, t time.Time) knowledge.Observation {
	st := e.resp.status
	if st >= 400 {
		return fromResponse(knowledge.EndpointCallback, e, t)
	}
	o := knowledge.Observation{Status: st, Location: maskURL(e.location())}
	if loc := e.location(); value(urlParams(loc), "error") != "" {
		l := parse(loc, t)
		o.Error, o.Description, o.Hint, o.Message = l.Error, l.Description, l.Hint, l.Message
	}
	return o
}

// chromeErrors are Chrome's net:: codes for a request that got no answer (the HAR's
// _error), in the kinds evidence uses for the same failures pasted from other clients.
var chromeErrors = []struct{ code, kind, fact string }{
	{"ERR_NAME_NOT_RESOLVED", knowledge.TransportDNS, ""},
	{"ERR_NAME_RESOLUTION_FAILED", knowledge.TransportDNS, ""},
	{"ERR_CONNECTION_REFUSED", knowledge.TransportRefused, ""},
	{"ERR_CONNECTION_RESET", knowledge.TransportReset, ""},
	{"ERR_CONNECTION_CLOSED", knowledge.TransportReset, ""},
	{"ERR_EMPTY_RESPONSE", knowledge.TransportReset, ""},
	{"ERR_CONNECTION_TIMED_OUT", knowledge.TransportTimeout, ""},
	{"ERR_TIMED_OUT", knowledge.TransportTimeout, ""},
	{"ERR_CERT_AUTHORITY_INVALID", knowledge.TransportTLS, knowledge.FactCertUnknownCA},
	{"ERR_CERT_DATE_INVALID", knowledge.TransportTLS, knowledge.FactCertExpired},
	{"ERR_CERT_COMMON_NAME_INVALID", knowledge.TransportTLS, knowledge.FactCertHostname},
	{"ERR_CERT_", knowledge.TransportTLS, ""},
	{"ERR_SSL_", knowledge.TransportTLS, ""},
	{"ERR_ADDRESS_UNREACHABLE", knowledge.TransportUnreach, ""},
	{"ERR_INTERNET_DISCONNECTED", knowledge.TransportUnreach, ""},
	{"ERR_PROXY_CONNECTION_FAILED", knowledge.TransportProxy, ""},
	{"ERR_TUNNEL_CONNECTION_FAILED", knowledge.TransportProxy, ""},
}

// noAnswer reads a request that got no HTTP answer (status 0).
func noAnswer(e *entry) knowledge.Observation {
	msg := strings.TrimSpace(e.resp.errText)
	o := parse(msg, time.Time{})
	if o.Transport == "" {
		for _, c := range chromeErrors {
			if strings.Contains(msg, c.code) {
				o.Transport = c.kind
				if c.fact != "" {
					o.AddFact(c.fact, "the browser reported "+msg)
				}
				break
			}
		}
	}
	if o.TransportDetail == "" {
		o.TransportDetail = msg
	}
	o.AddSource("transport_error")
	return o
}

func aborted(e *entry) bool {
	return e.resp.status == 0 && strings.Contains(e.resp.errText, "ERR_ABORTED")
}

func dropFact(o *knowledge.Observation, name string) {
	out := o.Facts[:0]
	for _, f := range o.Facts {
		if f.Name != name {
			out = append(out, f)
		}
	}
	o.Facts = out
}

// judge gives the step's verdict and a one-line summary from what the entry said.
func (f *found) judge() (check.Status, string) {
	e, o := f.e, &f.obs
	st := e.resp.status
	if f.kind == KindCallback {
		return f.judgeCallback()
	}
	switch {
	case st == 0 && aborted(e):
		return check.Skip, "cancelled by the browser before an answer (it moved on to another page)"
	case st == 0:
		return check.Fail, "no answer: " + orText(o.TransportDetail, "the request failed before any HTTP answer (blocked, refused or cut off)")
	case st >= 400:
		return check.Fail, problem(o)
	case (f.kind == KindToken || f.kind == KindRefresh || f.kind == KindAPI) && st >= 300:
		return check.Fail, fmt.Sprintf("HTTP %d to %s instead of JSON", st, orText(pathOf(o.Location), "elsewhere"))
	case (f.kind == KindToken || f.kind == KindRefresh || f.kind == KindAPI) && o.HasFact(knowledge.FactHTMLBody):
		return check.Fail, fmt.Sprintf("HTTP %d with an HTML page instead of JSON", st)
	case f.kind == KindToken || f.kind == KindRefresh:
		return check.Pass, fmt.Sprintf("HTTP %d: tokens issued (%s)", st, orText(o.GrantType, "grant type not recorded"))
	}
	answer := fmt.Sprintf("HTTP %d", st)
	if st >= 300 {
		answer += " to " + orText(shortURL(o.Location), "(no Location recorded)")
	}
	if f.kind == KindAuthorize {
		return check.Pass, f.asked() + "; " + answer
	}
	return check.Pass, answer
}

// asked says what an authorize request asked for, without its secrets.
func (f *found) asked() string {
	ps := f.params
	var parts []string
	if r := value(ps, "redirect_uri"); r != "" {
		parts = append(parts, "redirect_uri "+maskURL(r))
	} else {
		parts = append(parts, "no redirect_uri")
	}
	if sc := value(ps, "scope"); sc != "" {
		parts = append(parts, fmt.Sprintf("scope %q", sc))
	}
	if value(ps, "code_challenge") != "" {
		parts = append(parts, "PKCE "+orText(value(ps, "code_challenge_method"), "plain"))
	}
	if st, ok := get(ps, "state", false); ok {
		parts = append(parts, fmt.Sprintf("state of %d characters", len(st)))
	} else {
		parts = append(parts, "no state")
	}
	return strings.Join(parts, ", ")
}

func (f *found) judgeCallback() (check.Status, string) {
	e, o := f.e, &f.obs
	code, err := value(f.params, "code") != "", value(f.params, "error")
	switch {
	case err != "":
		return check.Fail, "the provider sent the app error=" + err + orText(prefixed(": ", words(o)), "")
	case !code:
		return check.Fail, "the callback carries neither a code nor an error"
	case f.synth:
		return check.Pass, "a code was sent to the app; the recording does not show the app opening it"
	case e.resp.status == 0 && aborted(e):
		return check.Pass, "a code was delivered; the page moved on before the app's answer was recorded"
	case e.resp.status == 0:
		return check.Fail, "the app did not answer its callback: " + orText(o.TransportDetail, "no HTTP answer")
	case e.resp.status >= 400:
		return check.Fail, fmt.Sprintf("the app answered its callback with %s", problem(o))
	case o.Error != "":
		return check.Fail, fmt.Sprintf("the app redirected to %s with error=%s", pathOf(o.Location), o.Error)
	}
	if o.Location != "" {
		return check.Pass, fmt.Sprintf("a code was delivered; the app answered HTTP %d to %s", e.resp.status, shortURL(o.Location))
	}
	return check.Pass, fmt.Sprintf("a code was delivered; the app answered HTTP %d", e.resp.status)
}

// problem says in a few words what an error answer said.
func problem(o *knowledge.Observation) string {
	head := ""
	if o.Status != 0 {
		head = fmt.Sprintf("HTTP %d", o.Status)
	}
	if o.Error != "" {
		head = strings.TrimSpace(head + " " + o.Error)
	}
	if w := words(o); w != "" {
		return head + ": " + w
	}
	if d, ok := o.FactDetail(knowledge.FactHTMLBody); ok {
		return head + ": " + d
	}
	if o.Transport != "" {
		return orText(head, "no answer") + ": " + orText(o.TransportDetail, o.Transport)
	}
	return orText(head, "an error")
}

// words is the most telling sentence of an error: the hint, else the description or message.
func words(o *knowledge.Observation) string {
	for _, s := range []string{o.Hint, o.Description, o.Message} {
		if s = strings.TrimSpace(s); s != "" {
			return cut(s, 120)
		}
	}
	return ""
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// shortURL is a URL without its query, for a summary line.
func shortURL(u string) string {
	base, q, _ := splitURL(u)
	if q != "" {
		return base + "?…"
	}
	return base
}

func orText(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// htmlTitle is the title of an HTML page, or "".
func htmlTitle(body []byte) string {
	s := string(body[:min(len(body), 64<<10)])
	i := strings.Index(strings.ToLower(s), "<title>")
	if i < 0 {
		return ""
	}
	s = s[i+len("<title>"):]
	j := strings.Index(strings.ToLower(s), "</title>")
	if j < 0 || j > 300 {
		return ""
	}
	return cut(html.UnescapeString(s[:j]), 120)
}

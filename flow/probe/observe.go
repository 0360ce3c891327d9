package probe

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// observe reads one exchange as evidence: a transport failure is classified here, an
// answer goes through the same reader as a pasted response, and then the facts only a live
// request can know are added (the body was cut, the token endpoint redirected, ...).
func (p *Prober) observe(endpoint knowledge.Endpoint, ex *exchange) knowledge.Observation {
	if ex == nil {
		return Classify(endpoint, errors.New("no request was made"))
	}
	if ex.status == 0 {
		o := Classify(endpoint, ex.err)
		o.Method, o.URL = ex.method, redact.URL(ex.url)
		switch {
		case o.Transport == knowledge.TransportTimeout && ex.traced && !errors.Is(ex.err, context.Canceled):
			o.TransportDetail = timeoutPhase(ex)
		case ex.answered:
			o.TransportDetail += fmt.Sprintf(" (after its headers, HTTP %d, and %d bytes of the body)", ex.headStatus, ex.received)
		}
		scrubObservation(&o, ex.secrets)
		return o
	}
	header, body := ex.shown()
	o := evidence.FromHTTP(endpoint, ex.status, header, body, p.now())
	o.AddSource("live_probe")
	if o.Endpoint == "" {
		o.Endpoint = endpoint
	}
	if o.Status == 0 {
		o.Status = ex.status
	}
	if o.Method == "" {
		o.Method = ex.method
	}
	if o.URL == "" {
		o.URL = redact.URL(ex.url)
	}
	ct, _, _ := mime.ParseMediaType(ex.header.Get("Content-Type"))
	if o.ContentType == "" {
		o.ContentType = ct
	}
	if ex.oversize {
		o.AddFact(knowledge.FactOversizeBody, fmt.Sprintf("the answer was larger than %d bytes and was cut there", len(ex.body)))
		if o.Transport == "" {
			o.Transport, o.TransportDetail = knowledge.TransportTooLarge, lang.N("the answer is larger than the limit the probe reads")
		}
	}
	if ex.sentAuth && endpoint == config.EndpointToken {
		o.AddFact(knowledge.FactAuthHeaderSent, lang.N("the request carried an Authorization header"))
	}
	loc := header.Get("Location")
	if o.Location == "" && loc != "" {
		o.Location = redact.URL(loc)
	}
	if ex.status >= 300 && ex.status < 400 && loc != "" && endpoint != config.EndpointAuthorize {
		// The authorize probe follows its redirects itself and judges where they lead.
		if to, err := resolve(ex.url, loc); err == nil {
			redirectFacts(&o, ex.url, to)
		}
	}
	expectsJSON := endpoint != config.EndpointAuthorize && endpoint != ""
	switch {
	case ex.status >= 300 && ex.status < 400 && endpoint == config.EndpointToken:
		o.AddFact(knowledge.FactRedirectOnToken, fmt.Sprintf("the token endpoint answered HTTP %d to %s instead of JSON", ex.status, redact.URL(loc)))
	case ex.status >= 300 && ex.status < 400 && expectsJSON && isLoginURL(loc):
		o.AddFact(knowledge.FactLoginRedirect, "the API redirected to "+redact.URL(loc)+" instead of answering with JSON")
	case ct == "text/html" && expectsJSON:
		o.AddFact(knowledge.FactHTMLBody, fmt.Sprintf("HTTP %d with an HTML page where JSON was expected", ex.status))
	case len(ex.body) == 0 && ex.status >= 400:
		o.AddFact(knowledge.FactEmptyBody, fmt.Sprintf("HTTP %d with an empty body", ex.status))
	}
	if ex.status == 429 {
		o.AddFact(knowledge.FactRateLimited, lang.N("HTTP 429 Too Many Requests"))
	}
	scrubObservation(&o, ex.secrets)
	return o
}

// timeoutPhase says where a request stood when its time ran out, in the words the
// catalogue's network_timeout causes match: still dialling (packets dropped on the way), in
// the TLS handshake, or connected and waiting for an answer (a server that hangs).
func timeoutPhase(ex *exchange) string {
	switch {
	case ex.answered:
		return fmt.Sprintf("the server answered HTTP %d and its headers came, but the body did not finish within the time limit "+
			"(%d bytes received): the server or the network sends it too slowly", ex.headStatus, ex.received)
	case ex.connected.Load():
		return lang.N("connected, but no answer came within the time limit (timeout awaiting headers): the server accepted the request and hung")
	case ex.dialed.Load():
		return lang.N("connected, but the TLS handshake did not finish within the time limit (TLS handshake timeout)")
	}
	return lang.N("no connection within the time limit (dial tcp: i/o timeout): nothing answered the connection attempt")
}

// redirected reports whether an answer is a redirect the probes name as a fault: on the
// token endpoint, to another host, or from https down to plain http.
func redirected(o knowledge.Observation) bool {
	return o.HasFact(knowledge.FactRedirectOnToken) || o.HasFact(knowledge.FactRedirectOtherHost) ||
		o.HasFact(knowledge.FactRedirectDowngrade)
}

// unfinished turns a lead that says "no answer" (in l) into one that says the answer did
// not finish, for an exchange whose headers came but whose body failed.
func unfinished(l lang.Lang, ex *exchange, lead string) string {
	if ex != nil && ex.answered {
		if rest, ok := strings.CutPrefix(lead, l.T("no answer")); ok {
			return l.T("an unfinished answer") + rest
		}
	}
	return lead
}

// failWith makes a failed result from an observation, with a summary led by what the
// server or the network said; lead is in l already.
func failWith(l lang.Lang, o knowledge.Observation, lead string) Result {
	return Result{Status: Fail, Summary: lead + ": " + says(l, o), Obs: o}
}

// says is what an observation tells, in one line, in l (the server's words as they came).
func says(l lang.Lang, o knowledge.Observation) string {
	if o.Transport != "" && o.Status == 0 {
		return say(l, o.TransportDetail)
	}
	var parts []string
	if o.Status != 0 {
		parts = append(parts, fmt.Sprintf("HTTP %d", o.Status))
	}
	if o.Error != "" {
		parts = append(parts, o.Error)
	}
	text := o.Hint
	if text == "" {
		text = o.Description
	}
	if text == "" {
		text = o.Message
	}
	if text != "" {
		parts = append(parts, fmt.Sprintf("%q", clipEnds(text, 160)))
	}
	if o.RetryAfter > 0 {
		parts = append(parts, l.Tf("retry after %ds", o.RetryAfter))
	}
	for _, f := range o.Facts {
		switch f.Name {
		case knowledge.FactOversizeBody, knowledge.FactRedirectOnToken, knowledge.FactLoginRedirect, knowledge.FactHTMLBody,
			knowledge.FactRedirectDowngrade, knowledge.FactRedirectOtherHost, knowledge.FactRedirectLoop:
			parts = append(parts, say(l, f.Detail))
		}
	}
	if len(parts) == 0 {
		return l.T("no usable answer")
	}
	return strings.Join(parts, ", ")
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// clipEnds shortens a server's text for a line without losing its end: servers put the
// specific reason after a generic sentence (fosite, Hydra), so the start and the end are
// kept and the middle gives way. It is for display only; the matcher reads the whole text.
func clipEnds(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	tail := r[len(r)-n*3/5:]
	if i := strings.IndexByte(string(tail), ' '); i >= 0 && i < len(string(tail))/3 {
		tail = []rune(string(tail)[i+1:])
	}
	head := r[:n-len(tail)-3]
	if i := strings.LastIndexByte(string(head), ' '); i > len(string(head))/2 {
		head = []rune(string(head)[:i])
	}
	return string(head) + " … " + string(tail)
}

package probe

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/oauth2"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// AuthorizeURL builds the authorization request the probes and the end-to-end run send:
// response_type=code, the client id, redirect URI and scopes, a state, and an S256 PKCE
// challenge for verifier.
func AuthorizeURL(cfg config.Config, state, verifier string) string {
	oc := (&Prober{}).oauthConfig(cfg)
	return oc.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
}

// NewState returns a random state value.
func NewState() string {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// authorize asks the authorize endpoint about the client, redirect URI and scopes, the way
// a browser would but without signing in, and reads where the browser is sent: back to
// the application's redirect URI (with a code, or with error=), to the server's own error
// page (error= in its address, or an error shown on a page with HTTP 200 or worse), or to
// a sign-in or consent page. Redirects on the server's own host are followed (within one
// time limit); a loop, a redirect to another host (a sign-in page aside) or from https down
// to plain http fails, since a browser would not get through either.
func (p *Prober) authorize(ctx context.Context, cfg config.Config) Result {
	l := cfg.Lang
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	state := NewState()
	cur := AuthorizeURL(cfg, state, oauth2.GenerateVerifier())
	seen := map[string]bool{}
	var path []string
	var ex *exchange
	var to *url.URL
	for {
		ex, to = p.get(ctx, cfg, cur, nil), nil
		if loc := ex.header.Get("Location"); ex.status >= 300 && ex.status < 400 && loc != "" {
			to, _ = resolve(cur, loc)
		}
		if to == nil || sameTarget(to, cfg.RedirectURI) || to.Query().Get("error") != "" {
			break // an answer, the way back to the application, or the server's error page
		}
		o := p.observe(config.EndpointAuthorize, ex)
		fact := redirectFacts(&o, cur, to)
		if fact == knowledge.FactRedirectOtherHost && isLoginURL(to.String()) {
			break // a sign-in page on its own host, as Ory Hydra's login app may be
		}
		if fact != "" {
			lead := l.T("the authorize endpoint sends the browser on to another host, so the base URL is not the OAuth server itself")
			if fact == knowledge.FactRedirectDowngrade {
				lead = l.T("the authorize endpoint redirects an https request to plain http, where the sign-in would travel in clear text")
			}
			scrubObservation(&o, ex.secrets) // the fact quotes the server's Location
			return failWith(l, o, lead)
		}
		if isLoginURL(to.String()) {
			break
		}
		u, _ := url.Parse(cur)
		seen[sameRequest(u)] = true
		path = append(path, u.Path)
		if seen[sameRequest(to)] || len(path) >= maxRedirects {
			what := fmt.Sprintf("redirects in a loop: %s → %s", strings.Join(lastN(path, 3), " → "), to.Path)
			if !seen[sameRequest(to)] {
				what = fmt.Sprintf("redirects more than %d times on its own host without arriving anywhere (%s → …)", maxRedirects, strings.Join(lastN(path, 3), " → "))
			}
			o.AddFact(knowledge.FactRedirectLoop, "the authorize endpoint "+what)
			scrubObservation(&o, ex.secrets) // the fact quotes the server's paths
			return failWith(l, o, l.T("a browser would stop with too many redirects"))
		}
		cur = to.String()
	}
	o := p.observe(config.EndpointAuthorize, ex)
	if ex.status == 0 {
		return failWith(l, o, unfinished(l, ex, l.T("no answer from the authorize endpoint")))
	}
	if ex.oversize {
		return failWith(l, o, l.T("the authorize endpoint's answer is too large"))
	}
	r := p.judgeAuthorize(cfg, ex, o, to, state)
	if len(path) > 0 && r.Status == Pass {
		r.Details = append(r.Details, l.Tf("after %d redirect(s) on the server's own host", len(path)))
	}
	return r
}

// judgeAuthorize reads where the authorize endpoint's last answer sends the browser; to is
// the redirect's target, or nil for an answer of its own.
func (p *Prober) judgeAuthorize(cfg config.Config, ex *exchange, o knowledge.Observation, to *url.URL, state string) Result {
	l := cfg.Lang
	switch {
	case to != nil && sameTarget(to, cfg.RedirectURI):
		return backToTheApplication(cfg, ex, o, to, state)
	case to != nil && to.Query().Get("error") != "":
		// The server could not, or would not, send the error back to the application: a
		// person would see the server's own error page, and the callback is never called.
		fromQuery(&o, to.Query(), "error_page_url")
		scrubObservation(&o, ex.secrets)
		return failReadingScopes(l, o, cfg.Scopes, l.Tf("the authorize endpoint refused the request and sent the browser to its own error page (%s), not back to your application",
			where(to)))
	case to != nil:
		r := Result{Status: Pass, Summary: l.T("client and redirect URI accepted; the server sends the browser to its sign-in page"),
			Details: []string{l.Tf("HTTP %d to %s", ex.status, where(to))}}
		if u, err := url.Parse(ex.url); err == nil && !strings.EqualFold(u.Hostname(), to.Hostname()) {
			r.Details = append(r.Details, l.T("the sign-in page is on another host, ")+to.Hostname())
		}
		return r
	case ex.status == http.StatusOK:
		return p.judgePage(cfg, ex, o)
	}
	readErrorPage(&o, ex)
	return failReadingScopes(l, o, cfg.Scopes, l.T("the authorize endpoint refused the request; the user would see an error page and your callback is never called"))
}

// backToTheApplication reads a redirect to the application's redirect URI, where the
// browser carries a code or an error in the query.
func backToTheApplication(cfg config.Config, ex *exchange, o knowledge.Observation, to *url.URL, state string) Result {
	q := to.Query()
	l := cfg.Lang
	switch {
	case q.Get("error") != "":
		fromQuery(&o, q, "callback_url")
		scrubObservation(&o, ex.secrets)
		return failReadingScopes(l, o, cfg.Scopes, l.T("the server sent the browser back to your redirect URI with error=")+o.Error)
	case q.Get("code") == "":
		fromQuery(&o, q, "callback_url")
		o.Code = ""
		scrubObservation(&o, ex.secrets)
		return failWith(l, o, l.T("the server sent the browser back to your redirect URI with neither a code nor an error"))
	case q.Get("state") != state:
		return Result{Status: Warn, Summary: l.T("the server sent a code back, but the state did not come back unchanged")}
	}
	return Result{Status: Pass, Summary: l.T("the server approved at once (consent was given before) and sent a code back; it was not used")}
}

// fromQuery takes the OAuth error a redirect carries in its address: the server's words
// whole, for the matcher (masked later with the rest of the observation).
func fromQuery(o *knowledge.Observation, q url.Values, source string) {
	o.Endpoint = config.EndpointAuthorize
	o.Error, o.Description, o.Hint, o.Message = q.Get("error"), q.Get("error_description"), q.Get("hint"), q.Get("message")
	o.ErrorURI = q.Get("error_uri")
	o.AddSource(source)
}

// judgePage reads an HTTP 200 answer: a sign-in or consent page passes; a page that names
// an OAuth error, or whose title says it reports an error, is the server's error page with
// a status that hides it.
func (p *Prober) judgePage(cfg config.Config, ex *exchange, o knowledge.Observation) Result {
	header, body := ex.shown()
	ct, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	l := cfg.Lang
	lead := l.T("the authorize endpoint answered HTTP 200 with an error page, not a sign-in page; your callback is never called")
	if o.Error != "" { // a JSON (or other readable) body that names an error
		scrubObservation(&o, ex.secrets)
		return failReadingScopes(l, o, cfg.Scopes, lead)
	}
	if ct != "text/html" {
		if ct == "text/plain" {
			if code, _ := htmlOAuthError(body); code != "" {
				readErrorPage(&o, ex)
				return failWith(l, o, lead)
			}
		}
		return Result{Status: Pass, Summary: fmt.Sprintf("HTTP 200 (%s)", clip(ct, 60))}
	}
	pg := readPage(body)
	code, _ := htmlOAuthError(body)
	switch {
	case code != "" || (pg.saysError() && !pg.password):
		readErrorPage(&o, ex)
		return failReadingScopes(l, o, cfg.Scopes, lead)
	case pg.form || pg.password:
		return Result{Status: Pass, Summary: l.T("client and redirect URI accepted; the server shows a sign-in or consent page")}
	}
	return Result{Status: Pass, Summary: l.T("client and redirect URI accepted; the server shows a page without an error " +
		"(no form in its HTML: a sign-in page drawn by script looks like this)")}
}

// lastN is the last n elements of s.
func lastN(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// sameTarget reports whether u goes to the redirect URI (query aside).
func sameTarget(u *url.URL, redirectURI string) bool {
	r, err := url.Parse(redirectURI)
	if err != nil {
		return false
	}
	return strings.EqualFold(u.Scheme, r.Scheme) && strings.EqualFold(u.Host, r.Host) && u.Path == r.Path
}

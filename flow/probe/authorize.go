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
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
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
// a browser would but without signing in: a login or consent page means it accepted them, a
// JSON error page or a redirect back with error= means it did not. Redirects on the
// server's own host are followed (within one time limit); a loop, a redirect to another
// host or from https down to plain http fails, since a browser would not get through either.
func (p *Prober) authorize(ctx context.Context, cfg config.Config) Result {
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
		if to == nil || sameTarget(to, cfg.RedirectURI) || isLoginURL(to.String()) {
			break
		}
		o := p.observe(config.EndpointAuthorize, ex)
		if fact := redirectFacts(&o, cur, to); fact != "" {
			lead := "the authorize endpoint sends the browser on to another host, so the base URL is not the OAuth server itself"
			if fact == knowledge.FactRedirectDowngrade {
				lead = "the authorize endpoint redirects an https request to plain http, where the sign-in would travel in clear text"
			}
			scrubObservation(&o, ex.secrets) // the fact quotes the server's Location
			return failWith(o, lead)
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
			return failWith(o, "a browser would stop with too many redirects")
		}
		cur = to.String()
	}
	o := p.observe(config.EndpointAuthorize, ex)
	if ex.status == 0 {
		return failWith(o, unfinished(ex, "no answer from the authorize endpoint"))
	}
	if ex.oversize {
		return failWith(o, "the authorize endpoint's answer is too large")
	}
	r := p.judgeAuthorize(cfg, ex, o, to, state)
	if len(path) > 0 && r.Status == Pass {
		r.Details = append(r.Details, fmt.Sprintf("after %d redirect(s) on the server's own host", len(path)))
	}
	return r
}

// judgeAuthorize reads the authorize endpoint's last answer; to is where it redirects, or nil.
func (p *Prober) judgeAuthorize(cfg config.Config, ex *exchange, o knowledge.Observation, to *url.URL, state string) Result {
	switch {
	case to != nil:
		if sameTarget(to, cfg.RedirectURI) {
			q := to.Query()
			if e := q.Get("error"); e != "" {
				// The error travels in the Location's query, where the browser would carry it.
				o.Endpoint = config.EndpointAuthorize
				o.Error, o.Description, o.Hint, o.Message = e, q.Get("error_description"), q.Get("hint"), q.Get("message")
				o.AddSource("callback_url")
				scrubObservation(&o, ex.secrets)
				if refusesScope(o) {
					addScopeFacts(&o, cfg.Scopes)
				}
				return failWith(o, "the server sent the browser back with error="+o.Error)
			}
			if q.Get("code") != "" {
				r := Result{Status: Pass, Summary: "the server approved at once (consent was given before) and sent a code back; it was not used"}
				if q.Get("state") != state {
					r.Status = Warn
					r.Summary = "the server sent a code back, but the state did not come back unchanged"
				}
				return r
			}
		}
		return Result{Status: Pass, Summary: "client and redirect URI accepted; the server asks the user to sign in",
			Details: []string{fmt.Sprintf("HTTP %d to %s", ex.status, redact.Mask(to.String()))}}
	case ex.status == http.StatusOK:
		ct, _, _ := mime.ParseMediaType(ex.header.Get("Content-Type"))
		if ct == "text/html" {
			return Result{Status: Pass, Summary: "client and redirect URI accepted; the server shows a sign-in or consent page"}
		}
		return Result{Status: Pass, Summary: fmt.Sprintf("HTTP 200 (%s)", clip(ct, 60))}
	}
	readErrorPage(&o, ex)
	if refusesScope(o) {
		addScopeFacts(&o, cfg.Scopes)
	}
	return failWith(o, "the authorize endpoint refused the request; the user would see an error page and your callback is never called")
}

// lastN is the last n elements of s.
func lastN(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// readErrorPage reads the authorize endpoint's refusal when it is an HTML page, as it is
// for a browser: the page is the expected shape here, not a sign of a wrong base URL or a
// missing Accept header, and the OAuth error printed on it is the evidence.
func readErrorPage(o *knowledge.Observation, ex *exchange) {
	header, body := ex.shown() // secrets masked before anything is cut
	ct, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	if ct == "text/plain" && o.Error == "" && o.Description == "" && len(body) <= 2048 {
		// A few words of plain text are the server's whole explanation.
		if text := clip(string(body), 300); text != "" {
			if code, desc := htmlOAuthError(body); code != "" {
				o.Error, o.Description = code, desc
			} else {
				o.Description = text
			}
		}
		return
	}
	if ct != "text/html" && !o.HasFact(knowledge.FactHTMLBody) {
		return
	}
	kept := o.Facts[:0:0]
	for _, f := range o.Facts {
		if f.Name != knowledge.FactHTMLBody {
			kept = append(kept, f)
		}
	}
	o.Facts = kept
	if o.Error != "" {
		return
	}
	if code, desc := htmlOAuthError(body); code != "" {
		o.Error, o.Description = code, desc
		o.AddSource("html_body")
	} else if text := clip(htmlText(body), 200); text != "" && o.Description == "" {
		// No code on the page: its words are still the server's explanation.
		o.Description = text
	}
}

// sameTarget reports whether u goes to the redirect URI (query aside).
func sameTarget(u *url.URL, redirectURI string) bool {
	r, err := url.Parse(redirectURI)
	if err != nil {
		return false
	}
	return strings.EqualFold(u.Scheme, r.Scheme) && strings.EqualFold(u.Host, r.Host) && u.Path == r.Path
}

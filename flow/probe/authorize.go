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

// authorize asks the authorize endpoint about the client, redirect URI and scopes without
// following where it sends the browser: a login or consent page means it accepted them, a
// JSON error page or a redirect back with error= means it did not.
func (p *Prober) authorize(ctx context.Context, cfg config.Config) Result {
	state := NewState()
	target := AuthorizeURL(cfg, state, oauth2.GenerateVerifier())
	h := http.Header{}
	ex := p.get(ctx, cfg, target, h)
	o := p.observe(config.EndpointAuthorize, ex)
	if ex.status == 0 {
		return failWith(o, "no answer from the authorize endpoint")
	}
	if ex.oversize {
		return failWith(o, "the authorize endpoint's answer is too large")
	}
	loc := ex.header.Get("Location")
	switch {
	case ex.status >= 300 && ex.status < 400 && loc != "":
		back, err := url.Parse(loc)
		if err == nil && sameTarget(back, cfg.RedirectURI) {
			q := back.Query()
			if e := q.Get("error"); e != "" {
				// The error travels in the Location's query, where the browser would carry it.
				o.Endpoint = config.EndpointAuthorize
				o.Error, o.Description, o.Hint, o.Message = e, q.Get("error_description"), q.Get("hint"), q.Get("message")
				o.AddSource("callback_url")
				if refusesScope(o) {
					addScopeFacts(&o, cfg.Scopes)
				}
				return failWith(o, "the server sent the browser back with error="+e)
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
			Details: []string{fmt.Sprintf("HTTP %d to %s", ex.status, redact.Mask(loc))}}
	case ex.status == http.StatusOK:
		ct, _, _ := mime.ParseMediaType(ex.header.Get("Content-Type"))
		if ct == "text/html" {
			return Result{Status: Pass, Summary: "client and redirect URI accepted; the server shows a sign-in or consent page"}
		}
		return Result{Status: Pass, Summary: fmt.Sprintf("HTTP 200 (%s)", ct)}
	}
	readErrorPage(&o, ex)
	if refusesScope(o) {
		addScopeFacts(&o, cfg.Scopes)
	}
	return failWith(o, "the authorize endpoint refused the request; the user would see an error page and your callback is never called")
}

// readErrorPage reads the authorize endpoint's refusal when it is an HTML page, as it is
// for a browser: the page is the expected shape here, not a sign of a wrong base URL or a
// missing Accept header, and the OAuth error printed on it is the evidence.
func readErrorPage(o *knowledge.Observation, ex *exchange) {
	ct, _, _ := mime.ParseMediaType(ex.header.Get("Content-Type"))
	if ct == "text/plain" && o.Error == "" && o.Description == "" && len(ex.body) <= 2048 {
		// A few words of plain text are the server's whole explanation.
		if text := clip(string(ex.body), 300); text != "" {
			if code, desc := htmlOAuthError(ex.body); code != "" {
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
	if code, desc := htmlOAuthError(ex.body); code != "" {
		o.Error, o.Description = code, desc
		o.AddSource("html_body")
	} else if text := clip(htmlText(ex.body), 200); text != "" && o.Description == "" {
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

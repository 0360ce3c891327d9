package probe

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
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
				if strings.EqualFold(e, "invalid_scope") {
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
	if strings.EqualFold(o.Error, "invalid_scope") {
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

// sentBackWithError reports whether the authorize endpoint sent the browser back to the
// redirect URI with an error about the request itself (scope, consent, ...). RFC 6749
// 4.1.2.1 forbids redirecting for an unknown client, and the server needs the client's
// registered redirect URIs to redirect at all, so such an answer means the client is known.
func sentBackWithError(r *Result) bool {
	if r == nil || r.Status != Fail || !slices.Contains(r.Obs.Sources, "callback_url") {
		return false
	}
	switch strings.ToLower(r.Obs.Error) {
	case "", "invalid_client", "unauthorized_client", "server_error", "temporarily_unavailable":
		return false
	}
	return true
}

// correlate lets results that together say more than apart sharpen each other's causes.
// The authorize endpoint accepting the client id proves the client exists and is active; a
// code exchange or refresh that went through proves the id and secret are right. Either
// rules out causes of a failed client authentication that the catalogue cannot rule out
// from one answer alone.
func correlate(rs []Result) {
	byID := map[string]*Result{}
	for i := range rs {
		byID[rs[i].ID] = &rs[i]
	}
	ok := func(id string) bool {
		r := byID[id]
		return r != nil && (r.Status == Pass || r.Status == Warn)
	}
	known := ""
	switch {
	case ok(IDAuthorize):
		known = "the authorize endpoint accepted this client id, so the client exists and is active: suspect the secret"
	case sentBackWithError(byID[IDAuthorize]):
		known = "the authorize endpoint sent the browser back to this client's redirect URI, so it knows the client: suspect the secret"
	}
	secretOK := ok(IDCodeExchange) || ok(IDRefresh)
	for _, id := range []string{IDClientAuth, IDClientCredentials, IDCodeExchange, IDRefresh} {
		r := byID[id]
		if r == nil || r.Status != Fail || !clientRefused(r.Obs) ||
			r.Obs.HasFact(knowledge.FactAuthBodyOnly) || r.Obs.HasFact(knowledge.FactAuthBasicOnly) {
			continue // one way of sending worked: the secret is right
		}
		switch {
		case secretOK && (id == IDClientAuth || id == IDClientCredentials):
			r.Details = append(r.Details, "the same client id and secret worked for another grant, so they are right: suspect the grants this client may use")
			r.ruledOut = append(r.ruledOut, "unknown_client", "client_revoked", "wrong_secret", "auth_method_mismatch", "redirect_uri_not_registered")
		case known != "":
			r.Details = append(r.Details, known)
			r.ruledOut = append(r.ruledOut, "unknown_client", "client_revoked")
		}
	}
}

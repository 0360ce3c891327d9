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
	return failWith(o, "the authorize endpoint refused the request; the user would see an error page and your callback is never called")
}

// sameTarget reports whether u goes to the redirect URI (query aside).
func sameTarget(u *url.URL, redirectURI string) bool {
	r, err := url.Parse(redirectURI)
	if err != nil {
		return false
	}
	return strings.EqualFold(u.Scheme, r.Scheme) && strings.EqualFold(u.Host, r.Host) && u.Path == r.Path
}

// correlate lets results that together say more than apart sharpen each other's causes.
// Today: the authorize endpoint accepting the client id proves the client exists and is
// active, so when client authentication fails the secret is the suspect.
func correlate(rs []Result) {
	var auth, ca *Result
	for i := range rs {
		switch rs[i].ID {
		case IDAuthorize:
			auth = &rs[i]
		case IDClientAuth:
			ca = &rs[i]
		}
	}
	if auth == nil || ca == nil || auth.Status != Pass || ca.Status != Fail || !strings.EqualFold(ca.Obs.Error, "invalid_client") {
		return
	}
	ca.Details = append(ca.Details, "the authorize endpoint accepted this client id, so the client exists and is active: suspect the secret")
	ca.clientKnown = true
}

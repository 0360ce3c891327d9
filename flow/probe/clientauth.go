package probe

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/oauth2"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// clientAuth asks for a client-credentials token twice at once, credentials in the body and
// in an HTTP Basic header, and says which way the server accepts.
func (p *Prober) clientAuth(ctx context.Context, cfg config.Config) Result {
	var body, basic tokenAttempt
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); body = p.clientCredentialsCall(ctx, cfg, oauth2.AuthStyleInParams, nil) }()
	go func() { defer wg.Done(); basic = p.clientCredentialsCall(ctx, cfg, oauth2.AuthStyleInHeader, nil) }()
	wg.Wait()

	details := []string{"credentials in the body: " + attemptLine(body), "HTTP Basic: " + attemptLine(basic)}
	bodyIn, basicIn := passedAuth(body), passedAuth(basic)
	oneWay := func(works, refused tokenAttempt, fact, lead string) Result {
		o := refused.obs
		o.AddFact(fact, lead)
		if !works.ok() {
			lead += " (" + styleNameOf(works) + " got past client authentication; the grant was then refused: " + says(works.obs) + ")"
		}
		r := failWith(o, lead)
		r.Details = details
		return r
	}
	switch {
	case body.ok() && basic.ok():
		return Result{Status: Pass, Summary: "the server accepts the client's credentials both in the body and with HTTP Basic", Details: details}
	case bodyIn && basicIn:
		failed := body
		if body.ok() {
			failed = basic
		}
		r := failWith(failed.obs, "the server accepts the client's credentials both ways, but refuses the client_credentials grant itself (see the client credentials check)")
		r.Status, r.Details = Warn, details
		return r
	case bodyIn && authRefused(basic):
		return oneWay(body, basic, knowledge.FactAuthBodyOnly, "credentials in the body work, HTTP Basic is refused")
	case basicIn && authRefused(body):
		return oneWay(basic, body, knowledge.FactAuthBasicOnly, "HTTP Basic works, credentials in the body are refused")
	case bodyIn || basicIn:
		works, other := body, basic
		if basicIn {
			works, other = basic, body
		}
		r := failWith(other.obs, styleNameOf(works)+" works; the attempt with "+styleNameOf(other)+" got no usable answer")
		r.Status, r.Details = Warn, details
		return r
	}
	o := body.obs
	if o.Transport != "" && o.Status == 0 {
		r := failWith(o, unfinished(body.ex, "no answer from the token endpoint"))
		r.Details = details
		return r
	}
	lead := "both ways refused"
	var ruledOut []string
	switch {
	case redirected(o):
		lead = "the token endpoint redirects instead of answering; the credentials were not sent on"
	case clientRefused(o) && clientRefused(basic.obs):
		var named bool
		o, ruledOut, named = refusedBothWays(o, basic.obs)
		switch {
		case named:
			lead = "the way this client is registered for was refused too (the other was refused as the wrong method): " +
				"the server knows the client, so suspect the secret"
		case o.Error == "":
			lead = "both ways refused with HTTP 401 (what RFC 6749 calls invalid_client)"
		default:
			lead = "both ways refused with invalid_client"
		}
		if !named {
			lead += ": the client id or secret is wrong, the client is revoked, " +
				"or it may not use client_credentials (Passport 8 says invalid_client for that too; 9.2+ says unauthorized_client)"
		}
	case strings.EqualFold(o.Error, "unauthorized_client"):
		lead = "the credentials are accepted but this client may not use the client_credentials grant (Passport 9.2+ answer)"
	}
	r := failWith(o, lead)
	r.Details = details
	r.RuledOut = ruledOut
	return r
}

// refusedBothWays reads two refusals of the client (invalid_client, or a bare 401) for the
// same credentials sent both ways. When the server named the client's registered method in
// one of them, it knows the client, and the other refusal, of the registered way, is about
// the secret: that one comes back with named true. Otherwise the way of sending is not the
// problem: the first comes back with FactClientAuthFailed, and so does a redirect_uri (a
// client-credentials request carries none). ruledOut lists the causes each reading excludes.
func refusedBothWays(first, second knowledge.Observation) (o knowledge.Observation, ruledOut []string, named bool) {
	if namesMethod(first) != namesMethod(second) {
		o = first
		if namesMethod(first) {
			o = second
		}
		return o, []string{"unknown_client", "client_revoked", "redirect_uri_not_registered"}, true
	}
	first.AddFact(knowledge.FactClientAuthFailed, "invalid_client both with HTTP Basic and with credentials in the body")
	return first, []string{"auth_method_mismatch", "redirect_uri_not_registered"}, false
}

// namesMethod reports whether a refusal names a client authentication method as RFC 7591
// registers it (client_secret_basic, client_secret_post): a server says that when the
// client exists and was registered for the other way.
func namesMethod(o knowledge.Observation) bool {
	t := strings.ToLower(o.Hint + " " + o.Description + " " + o.Message)
	return strings.Contains(t, "client_secret_basic") || strings.Contains(t, "client_secret_post")
}

// clientRefused reports whether an answer refuses the client itself: invalid_client, or a
// 401 that names no other error.
func clientRefused(o knowledge.Observation) bool {
	return strings.EqualFold(o.Error, "invalid_client") || (o.Status == 401 && o.Error == "")
}

// passedAuth reports whether a token request got past client authentication: a token, or
// a refusal that servers give only after authenticating the client (league checks the
// client before the grant's scopes; unauthorized_client means known but not allowed).
// unsupported_grant_type is left out: league answers it before looking at the client.
func passedAuth(a tokenAttempt) bool {
	if a.ok() {
		return true
	}
	switch strings.ToLower(a.obs.Error) {
	case "unauthorized_client", "invalid_scope", "invalid_grant":
		return a.obs.Status >= 400 && a.obs.Status < 500
	}
	return false
}

func styleNameOf(a tokenAttempt) string {
	if a.ex != nil && a.ex.sentAuth {
		return "HTTP Basic"
	}
	return "credentials in the body"
}

// authRefused reports whether the server answered a token request by refusing the client's
// authentication (as opposed to no answer, or a refusal of the grant or the scopes).
func authRefused(a tokenAttempt) bool {
	if a.ok() || a.obs.Status == 0 {
		return false
	}
	switch strings.ToLower(a.obs.Error) {
	case "invalid_client", "invalid_request":
		return true
	}
	return a.obs.Status == 401
}

func styleName(s oauth2.AuthStyle) string {
	if s == oauth2.AuthStyleInHeader {
		return "HTTP Basic"
	}
	return "credentials in the body"
}

func otherStyle(s oauth2.AuthStyle) oauth2.AuthStyle {
	if s == oauth2.AuthStyleInHeader {
		return oauth2.AuthStyleInParams
	}
	return oauth2.AuthStyleInHeader
}

func attemptLine(a tokenAttempt) string {
	if a.ok() {
		return "accepted (" + tokenLine(a.tok) + ")"
	}
	return "refused: " + says(a.obs)
}

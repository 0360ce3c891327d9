package probe

import (
	"context"
	"strings"
	"sync"

	"golang.org/x/oauth2"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// clientAuth asks for a client-credentials token twice at once, credentials in the body and
// in an HTTP Basic header, and judges the answers against the way the application is
// configured to send them (--auth-style): it passes when that way works, warns when only
// the other way is refused (the server takes one way; nothing this application does), and
// fails when the configured way is refused, saying which way works if one does.
func (p *Prober) clientAuth(ctx context.Context, cfg config.Config) Result {
	var body, basic tokenAttempt
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); body = p.clientCredentialsCall(ctx, cfg, oauth2.AuthStyleInParams, nil) }()
	go func() { defer wg.Done(); basic = p.clientCredentialsCall(ctx, cfg, oauth2.AuthStyleInHeader, nil) }()
	wg.Wait()

	l := cfg.Lang
	style := authStyle(cfg.AuthStyle)
	mine, other := body, basic
	if style == oauth2.AuthStyleInHeader {
		mine, other = basic, body
	}
	configured := l.Tf("%s, the way this application sends them (--auth-style %s)", how(l, style), styleFlag(style))
	details := []string{l.Tf("%s, as configured: %s", styleName(l, style), attemptLine(l, mine)), styleName(l, otherStyle(style)) + ": " + attemptLine(l, other)}
	with := func(r Result) Result { r.Details = details; return r }
	mineIn, otherIn := passedAuth(mine), passedAuth(other)
	switch {
	case mine.ok() && other.ok():
		return with(Result{Status: Pass, Summary: l.T("the server accepts the client's credentials both in the body and with HTTP Basic")})
	case mineIn && otherIn:
		failed := mine
		if mine.ok() {
			failed = other
		}
		r := failWith(l, failed.obs, l.T("the server accepts the client's credentials both ways, but refuses the client_credentials grant itself (see the client credentials check)"))
		r.Status = Warn
		return with(r)
	case mineIn && authRefused(other):
		// Nothing this application does is refused; the server takes one way only, worth
		// knowing before the application's settings change.
		o := other.obs
		lead := l.Tf("the client's credentials work %s; the server refuses them %s: it takes one way only", configured, how(l, otherStyle(style)))
		o.AddFact(onlyFact(style), lead)
		r := failWith(l, o, lead+grantNote(l, mine))
		r.Status = Warn
		return with(r)
	case mineIn && !mine.ok():
		r := failWith(l, mine.obs, l.Tf("the client's credentials get past client authentication %s, but the client_credentials grant is refused (see the client credentials check)", configured))
		r.Status = Warn
		return with(r)
	case mineIn:
		return with(Result{Status: Pass, Summary: l.Tf("the client's credentials work %s; the attempt %s got no usable answer", configured, how(l, otherStyle(style)))})
	case otherIn && authRefused(mine):
		o := mine.obs
		lead := l.Tf("the server refuses the client's credentials %s; %s they work: set --auth-style %s", configured, how(l, otherStyle(style)), styleFlag(otherStyle(style)))
		o.AddFact(onlyFact(otherStyle(style)), lead)
		return with(failWith(l, o, lead+grantNote(l, other)))
	case otherIn:
		r := failWith(l, mine.obs, l.Tf("the client's credentials work %s; the attempt %s got no usable answer", how(l, otherStyle(style)), configured))
		r.Status = Warn
		return with(r)
	}
	o := mine.obs
	if o.Transport != "" && o.Status == 0 {
		return with(failWith(l, o, unfinished(l, mine.ex, l.T("no answer from the token endpoint"))))
	}
	lead := l.T("both ways refused")
	var ruledOut []string
	switch {
	case redirected(o):
		lead = l.T("the token endpoint redirects instead of answering; the credentials were not sent on")
	case clientRefused(o) && clientRefused(other.obs):
		var named bool
		o, ruledOut, named = p.refusedBothWays(o, other.obs)
		switch {
		case named:
			lead = l.T("the way this client is registered for was refused too (the other was refused as the wrong method): " +
				"the server knows the client, so suspect the secret")
		case o.Error == "":
			lead = l.T("both ways refused with HTTP 401 (what RFC 6749 calls invalid_client)")
		default:
			lead = l.T("both ways refused with invalid_client")
		}
		if !named {
			lead += l.T(": the client id or secret is wrong, the client is revoked, " +
				"or it may not use client_credentials (Passport 8 says invalid_client for that too; 9.2+ says unauthorized_client)")
		}
	case strings.EqualFold(o.Error, "unauthorized_client"):
		lead = l.T("the credentials are accepted but this client may not use the client_credentials grant (Passport 9.2+ answer)")
	}
	r := with(failWith(l, o, lead))
	r.RuledOut = ruledOut
	return r
}

// onlyFact is the fact that only this way of sending the credentials works.
func onlyFact(works oauth2.AuthStyle) string {
	if works == oauth2.AuthStyleInHeader {
		return knowledge.FactAuthBasicOnly
	}
	return knowledge.FactAuthBodyOnly
}

// grantNote adds, for a way that got past client authentication but not to a token, what
// the server said of the grant.
func grantNote(l lang.Lang, works tokenAttempt) string {
	if works.ok() {
		return ""
	}
	return l.Tf(" (it got past client authentication; the grant was then refused: %s)", says(l, works.obs))
}

// refusedBothWays reads two refusals of the client (invalid_client, or a bare 401) for the
// same credentials sent both ways. When the server named the client's registered method in
// one of them, it knows the client, and the other refusal, of the registered way, is about
// the secret: that one comes back with named true. Otherwise the way of sending is not the
// problem: the first comes back with FactClientAuthFailed, and so does a redirect_uri (a
// client-credentials request carries none). ruledOut lists the causes each reading excludes.
func (p *Prober) refusedBothWays(first, second knowledge.Observation) (o knowledge.Observation, ruledOut []string, named bool) {
	if a, b := p.namesMethod(first), p.namesMethod(second); a != b {
		o = first
		if a {
			o = second
		}
		return o, []string{"unknown_client", "client_revoked", "redirect_uri_not_registered"}, true
	}
	first.AddFact(knowledge.FactClientAuthFailed, lang.N("invalid_client both with HTTP Basic and with credentials in the body"))
	return first, []string{"auth_method_mismatch", "redirect_uri_not_registered"}, false
}

// namesMethod reports whether a refusal names the client authentication method the client
// is registered for (fosite: "supports client authentication method 'client_secret_basic',
// but method 'client_secret_post' was requested"): a server says that when it knows the
// client. The catalogue's matcher reads the words, as it does for a paste.
func (p *Prober) namesMethod(o knowledge.Observation) bool {
	return check.NamedCause(p.catalogue(), o) == "auth_method_mismatch"
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

func styleName(l lang.Lang, s oauth2.AuthStyle) string {
	if s == oauth2.AuthStyleInHeader {
		return "HTTP Basic"
	}
	return l.T("credentials in the body")
}

// how says how a way sends the credentials, to follow "the credentials work".
func how(l lang.Lang, s oauth2.AuthStyle) string {
	if s == oauth2.AuthStyleInHeader {
		return l.T("with HTTP Basic")
	}
	return l.T("in the body")
}

// styleFlag is the --auth-style value for a way of sending.
func styleFlag(s oauth2.AuthStyle) string {
	if s == oauth2.AuthStyleInHeader {
		return "basic"
	}
	return "body"
}

func otherStyle(s oauth2.AuthStyle) oauth2.AuthStyle {
	if s == oauth2.AuthStyleInHeader {
		return oauth2.AuthStyleInParams
	}
	return oauth2.AuthStyleInHeader
}

func attemptLine(l lang.Lang, a tokenAttempt) string {
	if a.ok() {
		return l.Tf("accepted (%s)", tokenLine(l, a.tok))
	}
	return l.T("refused: ") + says(l, a.obs)
}

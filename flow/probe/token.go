package probe

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// tokenAttempt is one token request and what became of it.
type tokenAttempt struct {
	tok *oauth2.Token
	err error
	ex  *exchange
	obs knowledge.Observation
}

func (a tokenAttempt) ok() bool { return a.err == nil && a.tok != nil }

// callToken runs one golang.org/x/oauth2 call with the probe's client (no redirects,
// bounded body, timeout) and records the raw answer beside the library's reading of it.
func (p *Prober) callToken(ctx context.Context, cfg config.Config, grant string, call func(context.Context) (*oauth2.Token, error)) tokenAttempt {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	ctx, rec := withRecorder(ctx, cfg.SecretSet())
	ctx = context.WithValue(ctx, oauth2.HTTPClient, p.client(cfg))
	tok, err := call(ctx)
	a := tokenAttempt{tok: tok, err: err, ex: rec.last()}
	if a.ex != nil && a.ex.err == nil && err != nil {
		var re *oauth2.RetrieveError
		if !errors.As(err, &re) && a.ex.status == 0 {
			a.ex.err = err
		}
	}
	if a.ex == nil {
		a.ex = &exchange{method: "POST", url: cfg.URL(config.EndpointToken), err: err}
	} else if a.ex.status == 0 && err != nil {
		a.ex.err = err
	}
	if !a.ok() {
		a.obs = p.observe(config.EndpointToken, a.ex)
		a.obs.GrantType = grant
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && a.obs.Error == "" {
			// The library read the error code even where our reader found nothing.
			a.obs.Error, a.obs.Description = re.ErrorCode, re.ErrorDescription
			scrubObservation(&a.obs, a.ex.secrets)
		}
	}
	return a
}

func authStyle(s string) oauth2.AuthStyle {
	if s == "basic" {
		return oauth2.AuthStyleInHeader
	}
	return oauth2.AuthStyleInParams
}

func (p *Prober) clientCredentialsCall(ctx context.Context, cfg config.Config, style oauth2.AuthStyle, scopes []string) tokenAttempt {
	cc := clientcredentials.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
		TokenURL: cfg.URL(config.EndpointToken), Scopes: scopes, AuthStyle: style}
	return p.callToken(ctx, cfg, "client_credentials", func(ctx context.Context) (*oauth2.Token, error) {
		return cc.Token(ctx)
	})
}

// tokenLine describes a token answer without a single secret character beyond a mask.
func tokenLine(l lang.Lang, t *oauth2.Token) string {
	parts := []string{"access token " + redact.Mask(t.AccessToken)}
	if t.TokenType != "" {
		parts = append(parts, l.T("type ")+t.TokenType)
	}
	if t.ExpiresIn > 0 {
		parts = append(parts, l.Tf("expires in %ds", t.ExpiresIn))
	} else if !t.Expiry.IsZero() {
		parts = append(parts, l.T("expires in ")+time.Until(t.Expiry).Round(time.Minute).String())
	}
	if s, ok := t.Extra("scope").(string); ok && s != "" {
		parts = append(parts, "scope \""+s+"\"")
	}
	if t.RefreshToken != "" {
		parts = append(parts, "refresh token "+redact.Mask(t.RefreshToken))
	}
	return strings.Join(parts, ", ")
}

// clientCredentials asks for a token with the configured scopes, sending the credentials
// the configured way. Judged like the client authentication check: when the server refuses
// that way, the application's own requests fail, so the check fails and says whether the
// other way works; the scopes are still tried the other way, so that finding is not lost.
func (p *Prober) clientCredentials(ctx context.Context, cfg config.Config) Result {
	l := cfg.Lang
	style := authStyle(cfg.AuthStyle)
	a := p.clientCredentialsCall(ctx, cfg, style, cfg.Scopes)
	var details, ruledOut []string
	if authRefused(a) {
		b := p.clientCredentialsCall(ctx, cfg, otherStyle(style), cfg.Scopes)
		if !authRefused(b) && passedAuth(b) {
			return wrongWayForScopes(cfg, style, a, b)
		}
		if clientRefused(a.obs) && clientRefused(b.obs) {
			a.obs, ruledOut, _ = p.refusedBothWays(a.obs, b.obs)
		}
		details = []string{l.Tf("%s, as configured: %s", styleName(l, style), attemptLine(l, a)), styleName(l, otherStyle(style)) + ": " + attemptLine(l, b)}
	}
	if !a.ok() && grantRefused(a) {
		// The server knows the client and its secret but does not let it use this grant:
		// a client registered for signing users in, as it should be. Worth knowing (the
		// scopes went unchecked), not a failure of the application's sign-in.
		r := failWith(l, a.obs, l.T("this client may not use the client_credentials grant; signing users in with a code does not need it, "+
			"so the scopes were not checked this way"))
		r.Status = Warn
		r.Details = details
		return r
	}
	if !a.ok() {
		r := failReadingScopes(l, a.obs, cfg.Scopes, l.Tf("no token for scope %q", cfg.ScopeString()))
		r.Details, r.RuledOut = details, ruledOut
		return r
	}
	details = append(details, tokenLine(l, a.tok))
	if missing := missingScopes(cfg.Scopes, a.tok.Extra("scope")); len(missing) > 0 {
		granted, _ := a.tok.Extra("scope").(string)
		return scopeShortfall(l, config.EndpointToken, "client_credentials", missing, granted, details)
	}
	return Result{Status: Pass, Summary: l.Tf("token issued for scope %q", cfg.ScopeString()), Details: details}
}

// wrongWayForScopes is the client credentials check when the configured way of sending
// the credentials is refused and the other way gets past client authentication: a failure
// of the application's set-up, with what the other way got for the scopes.
func wrongWayForScopes(cfg config.Config, style oauth2.AuthStyle, refused, works tokenAttempt) Result {
	l := cfg.Lang
	o := refused.obs
	configured := l.Tf("%s, the way this application sends them (--auth-style %s)", how(l, style), styleFlag(style))
	lead := l.Tf("the server refuses the client's credentials %s; %s they work: set --auth-style %s", configured, how(l, otherStyle(style)), styleFlag(otherStyle(style)))
	o.AddFact(onlyFact(otherStyle(style)), lead)
	r := failWith(l, o, lead)
	r.Details = []string{l.Tf("%s, as configured: %s", styleName(l, style), attemptLine(l, refused))}
	line := styleName(l, otherStyle(style)) + ": "
	switch {
	case !works.ok():
		line += l.T("refused: ") + says(l, works.obs)
	case len(missingScopes(cfg.Scopes, works.tok.Extra("scope"))) > 0:
		granted, _ := works.tok.Extra("scope").(string)
		line += l.Tf("a token, but without some of the scopes (granted %q): %s", granted, tokenLine(l, works.tok))
	default:
		line += l.Tf("token issued for scope %q: %s", cfg.ScopeString(), tokenLine(l, works.tok))
	}
	r.Details = append(r.Details, line)
	return r
}

func (p *Prober) oauthConfig(cfg config.Config) *oauth2.Config {
	return &oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURI,
		Scopes: cfg.Scopes, Endpoint: oauth2.Endpoint{AuthURL: cfg.URL(config.EndpointAuthorize),
			TokenURL: cfg.URL(config.EndpointToken), AuthStyle: authStyle(cfg.AuthStyle)}}
}

// codeExchange spends the pasted authorization code, with the redirect URI and the PKCE
// verifier when given.
func (p *Prober) codeExchange(ctx context.Context, cfg config.Config) Result {
	oc := p.oauthConfig(cfg)
	var opts []oauth2.AuthCodeOption
	if cfg.CodeVerifier != "" {
		opts = append(opts, oauth2.VerifierOption(cfg.CodeVerifier))
	}
	a := p.callToken(ctx, cfg, "authorization_code", func(ctx context.Context) (*oauth2.Token, error) {
		return oc.Exchange(ctx, cfg.Code, opts...)
	})
	l := cfg.Lang
	if a.ok() {
		return Result{Status: Pass, Summary: l.T("the code was exchanged for tokens (it is now used up)"), Details: []string{tokenLine(l, a.tok)}}
	}
	return failWith(l, a.obs, l.T("the code exchange was refused"))
}

// refresh spends the pasted refresh token. When the server rotates it, the new one is
// written to the file the person named, never printed.
func (p *Prober) refresh(ctx context.Context, cfg config.Config) Result {
	oc := p.oauthConfig(cfg)
	old := &oauth2.Token{RefreshToken: cfg.RefreshToken}
	a := p.callToken(ctx, cfg, "refresh_token", func(ctx context.Context) (*oauth2.Token, error) {
		return oc.TokenSource(ctx, old).Token()
	})
	l := cfg.Lang
	if !a.ok() {
		return failWith(l, a.obs, l.T("the refresh was refused"))
	}
	r := Result{Status: Pass, Summary: l.T("the refresh token works"), Details: []string{tokenLine(l, a.tok)}}
	if a.tok.RefreshToken == "" || a.tok.RefreshToken == cfg.RefreshToken {
		r.Details = append(r.Details, l.T("the server kept the same refresh token (no rotation)"))
		return r
	}
	r.Summary = l.T("the refresh token works; the server rotated it, so the old one is now revoked")
	if cfg.SaveRefreshToken == "" {
		r.Status = Warn
		r.Details = append(r.Details, l.T("the new refresh token was not saved: run again with --save-refresh-token FILE to keep the next one"))
		return r
	}
	if err := saveSecret(cfg.SaveRefreshToken, a.tok.RefreshToken); err != nil {
		r.Status = Warn
		r.Details = append(r.Details, l.T("could not save the new refresh token: ")+err.Error())
		return r
	}
	r.Details = append(r.Details, l.Tf("the new refresh token was written to %s (mode 0600)", cfg.SaveRefreshToken))
	return r
}

// saveSecret writes a secret to path with mode 0600, through a temporary file so a reader
// never sees half of it and the permissions are right from the first byte.
func saveSecret(path, secret string) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".mubarokah-doctor-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString(secret + "\n"); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// grantRefused reports whether a client-credentials request was refused for the grant
// itself (unauthorized_client: RFC 6749 section 5.2, a known client not allowed this
// grant), which Passport 9.2+, fosite and Ory Hydra answer to a client registered only for
// the authorization code and refresh token grants. Passport 8 says invalid_client instead,
// which cannot be told from a wrong secret.
func grantRefused(a tokenAttempt) bool {
	return strings.EqualFold(a.obs.Error, "unauthorized_client") && a.obs.Status >= 400 && a.obs.Status < 500
}

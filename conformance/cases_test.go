package conformance

import (
	"context"

	"github.com/mubarokah/mubarokah-doctor/conformance/client"
	"github.com/mubarokah/mubarokah-doctor/conformance/server"
)

// The expected verdicts below were decided from the protocol (RFC 6749, 6750, 7636, 7591)
// and the catalogue (assets/catalogue/*.yaml) before the product was run against this
// server. They are never edited to fit its output: when the product disagrees, the case
// goes into knownFailing with what was seen, until the product is fixed.

// knownFailing lists the cases the product gets wrong today, with the reason seen: under
// the case's name, or name/probe when only that check is wrong (the case's other checks
// are then still held to their verdicts). The test reports them without failing; one
// listed here that passes fails the test, so the list can only shrink.
var knownFailing = map[string]string{}

// Probe ids, as `check --probe` and the JSON's checks[].id name them.
const (
	pDiscovery    = "discovery"
	pDNS          = "dns"
	pTLS          = "tls"
	pReach        = "reachability"
	pClock        = "clock"
	pAuthorize    = "authorize"
	pClientAuth   = "client_auth"
	pClientCreds  = "client_credentials"
	pCodeExchange = "code_exchange"
	pRefresh      = "refresh"
	pUser         = "api_user"
	pUserDetails  = "api_user_details"
)

const unregisteredRedirect = "http://127.0.0.1:3090/not-registered"

// wholeSuiteVerdicts are those of every probe through a whole flow that works: TLS skips
// (plain HTTP to loopback) and so do the user APIs (no access token given). Each client may
// send its secret only the way it is configured for, so the refused other way is worth a
// warning at most.
var wholeSuiteVerdicts = []verdict{
	pass(pDiscovery), pass(pDNS), skip(pTLS), pass(pReach), pass(pClock), pass(pAuthorize),
	passOrWarn(pClientAuth, "invalid_client", "auth_method_mismatch"),
	pass(pClientCreds), pass(pCodeExchange), pass(pRefresh), skip(pUser), skip(pUserDetails),
}

// cases are the flows, each with the verdict expected of every check it runs.
var cases = []checkCase{
	{
		name: "happy_path_basic_client",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			return f.wholeSuite(ctx, f.basic, "basic")
		},
		want: wholeSuiteVerdicts,
	},
	{
		name: "happy_path_post_client",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			return f.wholeSuite(ctx, f.post, "body")
		},
		want: wholeSuiteVerdicts,
	},
	{
		name: "user_info_with_a_good_token",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			tok, err := f.basic.Login(ctx, []string{server.ScopeViewUser})
			r := f.check(f.basic, "basic", pDiscovery, pUser).with("--user-path", server.PathUserInfo).secret("MUBAROKAH_DOCTOR_ACCESS_TOKEN", tok.AccessToken)
			return r.secretsToo(tok.RefreshToken), err
		},
		want: []verdict{pass(pDiscovery), pass(pUser)},
	},
	{
		// Run alone, a probe must still find its endpoint through discovery: this server
		// has nothing at Passport's /oauth/token.
		name: "code_exchange_alone_finds_the_token_endpoint",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			return f.codeRun(ctx, f.basic, "basic", server.RedirectURI, false, false, pCodeExchange)
		},
		want: []verdict{pass(pCodeExchange)},
	},
	{
		name: "wrong_secret_basic_client",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.checkWithSecret(f.basic, "basic", "not-the-secret-0123456789", pDiscovery, pClientAuth, pClientCreds), nil
		},
		want: []verdict{pass(pDiscovery), fail(pClientAuth, "invalid_client", "wrong_secret"), fail(pClientCreds, "invalid_client", "wrong_secret")},
	},
	{
		name: "wrong_secret_post_client",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.checkWithSecret(f.post, "body", "not-the-secret-0123456789", pDiscovery, pClientAuth, pClientCreds), nil
		},
		want: []verdict{pass(pDiscovery), fail(pClientAuth, "invalid_client", "wrong_secret"), fail(pClientCreds, "invalid_client", "wrong_secret")},
	},
	{
		// Configured the way the client is registered: the other way being refused is no
		// failure of this application.
		name: "basic_only_client_configured_basic",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.basic, "basic", pDiscovery, pClientAuth), nil
		},
		want: []verdict{pass(pDiscovery), passOrWarn(pClientAuth, "invalid_client", "auth_method_mismatch")},
	},
	{
		name: "post_only_client_configured_body",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.post, "body", pDiscovery, pClientAuth), nil
		},
		want: []verdict{pass(pDiscovery), passOrWarn(pClientAuth, "invalid_client", "auth_method_mismatch")},
	},
	{
		// Configured the other way: the configured way is refused, so it fails, and says
		// which way works.
		name: "basic_only_client_configured_body",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.basic, "body", pDiscovery, pClientAuth), nil
		},
		want: []verdict{pass(pDiscovery), fail(pClientAuth, "invalid_client", "auth_method_mismatch").saying("basic")},
	},
	{
		name: "post_only_client_configured_basic",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.post, "basic", pDiscovery, pClientAuth), nil
		},
		want: []verdict{pass(pDiscovery), fail(pClientAuth, "invalid_client", "auth_method_mismatch").saying("body")},
	},
	{
		// The code exchange depends on the same setting: sent the refused way, it fails
		// for the way of sending, not for the code.
		name: "code_exchange_sent_the_refused_way",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			return f.codeRun(ctx, f.basic, "body", server.RedirectURI, false, false, pDiscovery, pCodeExchange)
		},
		want: []verdict{pass(pDiscovery), fail(pCodeExchange, "invalid_client", "auth_method_mismatch")},
	},
	{
		// A scope the server does not define ("detail-users" for detail-user).
		name: "unknown_scope",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.basic, "basic", pDiscovery, pAuthorize, pClientCreds).with("--scopes", "detail-users"), nil
		},
		want: []verdict{pass(pDiscovery), fail(pAuthorize, "invalid_scope", "scope_unknown"), fail(pClientCreds, "invalid_scope", "scope_unknown")},
	},
	{
		// A scope the server defines but this client may not request: the server says so
		// ("The OAuth 2.0 Client is not allowed to request scope 'admin-all'").
		name: "scope_not_allowed_for_client",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.basic, "basic", pDiscovery, pAuthorize, pClientCreds).with("--scopes", server.ScopeAdmin), nil
		},
		want: []verdict{pass(pDiscovery),
			fail(pAuthorize, "invalid_scope", "scope_not_allowed_for_client"),
			fail(pClientCreds, "invalid_scope", "scope_not_allowed_for_client")},
	},
	{
		// The same refusal for detail-user, which Mubarokah ID grants only to approved
		// applications: either reading is right, "unknown" is not.
		name: "detail_user_not_allowed_for_client",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.post, "body", pDiscovery, pAuthorize, pClientCreds).with("--scopes", server.ScopeDetailUser), nil
		},
		want: []verdict{pass(pDiscovery),
			fail(pAuthorize, "invalid_scope", "scope_not_allowed_for_client", "detail_user_not_approved"),
			fail(pClientCreds, "invalid_scope", "scope_not_allowed_for_client", "detail_user_not_approved")},
	},
	{
		// fosite answers an unregistered redirect_uri with its JSON error (HTTP 400,
		// invalid_request, "...does not match any of the OAuth 2.0 Client's pre-registered
		// redirect urls."); the catalogue files that cause under invalid_client.
		name: "unregistered_redirect_uri",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.basic, "basic", pDiscovery, pAuthorize).with("--redirect-uri", unregisteredRedirect), nil
		},
		want: []verdict{pass(pDiscovery), fail(pAuthorize, "invalid_client", "redirect_uri_not_registered")},
	},
	{
		// The same, answered as Ory Hydra does: a redirect to the server's own error page
		// carrying error= and error_description=.
		name:      "unregistered_redirect_uri_error_page",
		errorPage: true,
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.basic, "basic", pDiscovery, pAuthorize).with("--redirect-uri", unregisteredRedirect), nil
		},
		want: []verdict{pass(pDiscovery), fail(pAuthorize, "invalid_client", "redirect_uri_not_registered")},
	},
	{
		name: "code_reused",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			return f.codeRun(ctx, f.basic, "basic", server.RedirectURI, true, false, pDiscovery, pCodeExchange)
		},
		want: []verdict{pass(pDiscovery), fail(pCodeExchange, "invalid_grant", "code_reused")},
	},
	{
		name: "pkce_verifier_wrong",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			return f.codeRun(ctx, f.basic, "basic", server.RedirectURI, false, true, pDiscovery, pCodeExchange)
		},
		want: []verdict{pass(pDiscovery), fail(pCodeExchange, "invalid_grant", "pkce_mismatch")},
	},
	{
		// Both URIs are registered; the token request names another than the authorize
		// request did.
		name: "redirect_uri_differs_from_authorize",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			return f.codeRun(ctx, f.basic, "basic", server.SecondRedirectURI, false, false, pDiscovery, pCodeExchange)
		},
		want: []verdict{pass(pDiscovery), fail(pCodeExchange, "invalid_grant", "redirect_uri_mismatch")},
	},
	{
		name: "refresh_token_reused_after_rotation",
		prepare: func(ctx context.Context, f *fixture) (run, error) {
			first, err := f.basic.Login(ctx, []string{server.ScopeViewUser})
			if err != nil {
				return run{}, err
			}
			second, err := f.basic.Refresh(ctx, first.RefreshToken)
			r := f.check(f.basic, "basic", pDiscovery, pRefresh).flag("--refresh").secret("MUBAROKAH_DOCTOR_REFRESH_TOKEN", first.RefreshToken)
			return r.secretsToo(first.AccessToken, second.AccessToken, second.RefreshToken), err
		},
		want: []verdict{pass(pDiscovery), fail(pRefresh, "invalid_grant", "refresh_revoked")},
	},
	{
		// A made-up bearer value, sent properly as "Bearer <token>": the server refuses
		// it; which of the token's faults it is the answer cannot say, but it is not a
		// missing token or a wrong scheme.
		name: "bogus_access_token_at_user_info",
		prepare: func(_ context.Context, f *fixture) (run, error) {
			return f.check(f.basic, "basic", pDiscovery, pUser).with("--user-path", server.PathUserInfo).
				secret("MUBAROKAH_DOCTOR_ACCESS_TOKEN", "bogus-access-token-0123456789abcdef"), nil
		},
		want: []verdict{pass(pDiscovery), fail(pUser, "token_invalid").not("token_missing", "bearer_scheme_wrong")},
	},
}

// wholeSuite runs every probe, with a fresh code to exchange and a refresh token from
// another sign-in to spend, and checks afterwards that the rotated refresh token the
// product saved works.
func (f *fixture) wholeSuite(ctx context.Context, app client.App, style string) (run, error) {
	tok, err := app.Login(ctx, []string{server.ScopeViewUser})
	if err != nil {
		return run{}, err
	}
	r, err := f.codeRun(ctx, app, style, server.RedirectURI, false, false)
	r = r.flag("--refresh").secret("MUBAROKAH_DOCTOR_REFRESH_TOKEN", tok.RefreshToken).secretsToo(tok.AccessToken)
	r.saveRefresh = true
	return r, err
}

// codeRun gets a code for server.RedirectURI with a PKCE verifier and asks check to
// exchange it with redirectURI; used spends the code first, as the application would have;
// otherVerifier gives check another verifier than the one the code was asked with.
func (f *fixture) codeRun(ctx context.Context, app client.App, style, redirectURI string, used, otherVerifier bool, probes ...string) (run, error) {
	v := client.NewVerifier()
	code, err := app.Code(ctx, server.RedirectURI, []string{server.ScopeViewUser}, v)
	if err != nil {
		return run{}, err
	}
	r := f.check(app, style, probes...).flag("--exchange-code").with("--redirect-uri", redirectURI).secret("MUBAROKAH_DOCTOR_CODE", code)
	if used {
		tok, err := app.Exchange(ctx, code, server.RedirectURI, v)
		if err != nil {
			return r, err
		}
		r = r.secretsToo(tok.AccessToken, tok.RefreshToken)
	}
	if otherVerifier {
		r = r.secretsToo(v)
		v = client.NewVerifier()
	}
	return r.secret("MUBAROKAH_DOCTOR_CODE_VERIFIER", v), nil
}

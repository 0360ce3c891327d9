package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/conformance/client"
	"github.com/mubarokah/mubarokah-doctor/conformance/server"
)

// start runs a server on 127.0.0.1 and returns it with the applications of its two clients.
func start(t *testing.T, opts server.Options) (srv *server.Running, basic, post client.App) {
	t.Helper()
	srv, err := server.Listen(0, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv, client.Of(srv.Server, server.BasicClientID), client.Of(srv.Server, server.PostClientID)
}

// refusal asserts that err is a token endpoint refusal with code, whose description
// contains want.
func refusal(t *testing.T, err error, code, want string) {
	t.Helper()
	var e *client.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a %s refusal, got %v", code, err)
	}
	if e.Code != code || !strings.Contains(e.Description, want) {
		t.Fatalf("got %s %q, want %s containing %q", e.Code, e.Description, code, want)
	}
}

func TestDiscoveryNamesTheEndpoints(t *testing.T) {
	srv, _, _ := start(t, server.Options{})
	resp, err := http.Get(srv.Issuer() + server.PathDiscovery)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	for k, path := range map[string]string{"authorization_endpoint": server.PathAuthorize, "token_endpoint": server.PathToken, "userinfo_endpoint": server.PathUserInfo} {
		if doc[k] != srv.Issuer()+path {
			t.Errorf("%s = %v, want %s", k, doc[k], srv.Issuer()+path)
		}
	}
}

func TestCodeFlowWithPKCEThenUserInfo(t *testing.T) {
	ctx := context.Background()
	_, basic, post := start(t, server.Options{})
	for _, app := range []client.App{basic, post} {
		tok, err := app.Login(ctx, []string{server.ScopeViewUser})
		if err != nil {
			t.Fatalf("%s: %v", app.ID, err)
		}
		if tok.RefreshToken == "" || tok.Scope != server.ScopeViewUser {
			t.Fatalf("%s: refresh token present %v, scope %q", app.ID, tok.RefreshToken != "", tok.Scope)
		}
		status, body, err := client.UserInfo(ctx, app.Base, tok.AccessToken)
		if err != nil || status != 200 || body["sub"] != server.Subject {
			t.Fatalf("%s: userinfo HTTP %d %v %v", app.ID, status, body, err)
		}
	}
}

func TestBrokenCodeExchanges(t *testing.T) {
	ctx := context.Background()
	_, app, _ := start(t, server.Options{})
	scopes := []string{server.ScopeViewUser}

	v := client.NewVerifier()
	code, err := app.Code(ctx, server.RedirectURI, scopes, v)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Exchange(ctx, code, server.RedirectURI, v); err != nil {
		t.Fatal(err)
	}
	_, err = app.Exchange(ctx, code, server.RedirectURI, v)
	refusal(t, err, "invalid_grant", "already been used")

	code, _ = app.Code(ctx, server.RedirectURI, scopes, v)
	_, err = app.Exchange(ctx, code, server.RedirectURI, client.NewVerifier())
	refusal(t, err, "invalid_grant", "PKCE code challenge did not match")

	code, _ = app.Code(ctx, server.RedirectURI, scopes, v)
	_, err = app.Exchange(ctx, code, server.SecondRedirectURI, v)
	refusal(t, err, "invalid_grant", "does not match the one from the authorize request")
}

// A refresh rotates the refresh token; presenting an old one is refused (and fosite then
// revokes the whole family, as RFC 6819 section 5.2.2.3 advises).
func TestRefreshRotatesAndRefusesReuse(t *testing.T) {
	ctx := context.Background()
	_, app, _ := start(t, server.Options{})
	first, err := app.Login(ctx, []string{server.ScopeViewUser})
	if err != nil {
		t.Fatal(err)
	}
	second, err := app.Refresh(ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
		t.Fatal("the refresh token was not rotated")
	}
	if status, _, _ := client.UserInfo(ctx, app.Base, first.AccessToken); status != 401 {
		t.Errorf("the access token replaced by the refresh still works (HTTP %d)", status)
	}
	_, err = app.Refresh(ctx, first.RefreshToken)
	refusal(t, err, "invalid_grant", "already used")
	if _, err := app.Refresh(ctx, second.RefreshToken); err == nil {
		t.Error("after a reuse, the rotated refresh token of the same family still works")
	}
}

func TestClientAuthenticationOneWayOnly(t *testing.T) {
	ctx := context.Background()
	_, basic, post := start(t, server.Options{})
	if _, err := basic.ClientCredentials(ctx, nil); err != nil {
		t.Fatalf("basic-app with HTTP Basic: %v", err)
	}
	if _, err := post.ClientCredentials(ctx, nil); err != nil {
		t.Fatalf("post-app in the body: %v", err)
	}
	wrongWay := basic
	wrongWay.Basic = false
	_, err := wrongWay.ClientCredentials(ctx, nil)
	refusal(t, err, "invalid_client", "supports client authentication method 'client_secret_basic'")
	wrongWay = post
	wrongWay.Basic = true
	_, err = wrongWay.ClientCredentials(ctx, nil)
	refusal(t, err, "invalid_client", "supports client authentication method 'client_secret_post'")
	wrongSecret := post
	wrongSecret.Secret = "not-the-secret"
	_, err = wrongSecret.ClientCredentials(ctx, nil)
	refusal(t, err, "invalid_client", "Client authentication failed")
}

// An undefined scope and a defined one the client may not ask for get different answers,
// both at the authorize endpoint (back to the redirect URI) and the token endpoint.
func TestUnknownAndDisallowedScopes(t *testing.T) {
	ctx := context.Background()
	_, app, post := start(t, server.Options{})
	const generic = "The requested scope is invalid, unknown, or malformed."
	for _, tc := range []struct {
		app   client.App
		scope string
		want  string
	}{
		// fosite's description, then its hint when it has one.
		{app, "detail-users", generic},
		{app, server.ScopeAdmin, generic + " The OAuth 2.0 Client is not allowed to request scope 'admin-all'."},
		{post, server.ScopeDetailUser, generic + " The OAuth 2.0 Client is not allowed to request scope 'detail-user'."},
	} {
		cb, err := tc.app.Authorize(ctx, server.RedirectURI, []string{tc.scope}, "state-0123456789", client.NewVerifier(), "approve")
		if err != nil {
			t.Fatal(err)
		}
		if cb.Error != "invalid_scope" || cb.Description != tc.want || !strings.HasPrefix(cb.Location, server.RedirectURI) {
			t.Errorf("%s at authorize: %+v, want invalid_scope %q back at the redirect URI", tc.scope, cb, tc.want)
		}
		_, err = tc.app.ClientCredentials(ctx, []string{tc.scope})
		refusal(t, err, "invalid_scope", tc.want)
		var e *client.Error
		if errors.As(err, &e) && e.Description != tc.want {
			t.Errorf("%s at the token endpoint: %q, want %q", tc.scope, e.Description, tc.want)
		}
	}
}

func TestUnregisteredRedirectURI(t *testing.T) {
	ctx := context.Background()
	const elsewhere = "http://127.0.0.1:3090/not-registered"
	_, app, _ := start(t, server.Options{})
	v := client.NewVerifier()
	q := url.Values{"response_type": {"code"}, "client_id": {app.ID}, "redirect_uri": {elsewhere},
		"scope": {"view-user"}, "state": {"state-0123456789"}, "code_challenge": {client.Challenge(v)}, "code_challenge_method": {"S256"}}
	resp, err := http.Get(app.Base + server.PathAuthorize + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(body), "pre-registered redirect urls") {
		t.Errorf("fosite's own answer: HTTP %d %s", resp.StatusCode, body)
	}

	_, app, _ = start(t, server.Options{ErrorPageRedirect: true})
	cb, err := app.Authorize(ctx, elsewhere, []string{"view-user"}, "state-0123456789", v, "approve")
	if err != nil {
		t.Fatal(err)
	}
	if cb.Status != http.StatusFound || !strings.HasPrefix(cb.Location, server.PathErrorPage+"?") ||
		cb.Error != "invalid_request" || !strings.Contains(cb.Description, "pre-registered redirect urls") {
		t.Errorf("error page redirect: %+v", cb)
	}
}

func TestConsentDeniedAndTheSignInPage(t *testing.T) {
	ctx := context.Background()
	_, app, _ := start(t, server.Options{})
	cb, err := app.Authorize(ctx, server.RedirectURI, []string{"view-user"}, "state-0123456789", client.NewVerifier(), "deny")
	if err != nil {
		t.Fatal(err)
	}
	if cb.Error != "access_denied" || cb.State != "state-0123456789" || !strings.HasPrefix(cb.Location, server.RedirectURI) {
		t.Errorf("deny: %+v", cb)
	}

	v := client.NewVerifier()
	cb, err = app.Authorize(ctx, server.RedirectURI, []string{"view-user"}, "state-0123456789", v, "")
	if err != nil {
		t.Fatal(err)
	}
	if cb.Status != http.StatusFound || !strings.HasPrefix(cb.Location, server.PathLogin+"?login_challenge=") {
		t.Fatalf("without consent: %+v, want the sign-in page", cb)
	}
	page, err := http.Get(app.Base + cb.Location)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if page.StatusCode != 200 || !strings.Contains(string(html), "view-user") {
		t.Fatalf("sign-in page: HTTP %d %s", page.StatusCode, html)
	}
	challenge := strings.TrimPrefix(cb.Location, server.PathLogin+"?login_challenge=")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.PostForm(app.Base+server.PathLogin, url.Values{"login_challenge": {challenge}, "action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, _ := url.Parse(resp.Header.Get("Location"))
	if back == nil || back.Query().Get("code") == "" {
		t.Fatalf("approving on the sign-in page: HTTP %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, err := app.Exchange(ctx, back.Query().Get("code"), server.RedirectURI, v); err != nil {
		t.Fatal(err)
	}
}

func TestUserInfoRefusesWhatIsNotAUserAccessToken(t *testing.T) {
	ctx := context.Background()
	_, app, _ := start(t, server.Options{})
	tok, err := app.Login(ctx, []string{"view-user"})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := app.ClientCredentials(ctx, []string{"view-user"})
	if err != nil {
		t.Fatal(err)
	}
	for name, bearer := range map[string]string{"bogus": "not-a-token", "refresh token": tok.RefreshToken, "client credentials token": cc.AccessToken} {
		status, body, err := client.UserInfo(ctx, app.Base, bearer)
		if err != nil || status != 401 || body["error"] == nil {
			t.Errorf("%s: HTTP %d %v %v, want 401 with an error", name, status, body, err)
		}
	}
}

func TestListenRefusesABadPort(t *testing.T) {
	if _, err := server.Listen(70000, server.Options{}); err == nil || !strings.Contains(err.Error(), "0 to 65535") {
		t.Fatalf("Listen(70000) = %v, want a message naming the range", err)
	}
}

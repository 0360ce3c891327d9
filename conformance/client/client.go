// Package client does what an application and its user's browser do against the
// conformance server: send the user to the authorize endpoint with a PKCE challenge, read
// the redirect back without following it, exchange the code and refresh the tokens. The
// conformance test uses it to obtain real codes and tokens that mubarokah-doctor then
// checks; it is written from RFC 6749 and RFC 7636, independently of the product's code.
package client

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/conformance/server"
)

// App is one registered application talking to the server at Base.
type App struct {
	Base, ID, Secret string
	// Basic sends the credentials in an HTTP Basic header (client_secret_basic), else in
	// the form body (client_secret_post).
	Basic bool
}

// Of returns the application of a registered client of srv, sending its secret the way
// the client is registered for.
func Of(srv *server.Server, id string) App {
	c, _ := srv.Client(id)
	return App{Base: srv.Issuer(), ID: c.ID, Secret: c.Secret, Basic: c.AuthMethod == "client_secret_basic"}
}

// httpClient never follows a redirect: where the server sends the browser is the answer.
var httpClient = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// NewVerifier returns a PKCE code verifier: 43 characters of the unreserved set.
func NewVerifier() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Challenge is the S256 code challenge of a verifier (RFC 7636 section 4.2).
func Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Callback is where the authorize endpoint sent the browser.
type Callback struct {
	Status   int
	Location string
	// Code, State, Error and Description are read from Location's query.
	Code, State, Error, Description string
}

// Authorize sends the browser to the authorize endpoint with consent ("approve", "deny",
// or "" for the sign-in page) and returns where it was sent next.
func (a App) Authorize(ctx context.Context, redirectURI string, scopes []string, state, verifier, consent string) (Callback, error) {
	q := url.Values{"response_type": {"code"}, "client_id": {a.ID}, "redirect_uri": {redirectURI},
		"scope": {strings.Join(scopes, " ")}, "state": {state},
		"code_challenge": {Challenge(verifier)}, "code_challenge_method": {"S256"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.Base+server.PathAuthorize+"?"+q.Encode(), nil)
	if err != nil {
		return Callback{}, err
	}
	if consent != "" {
		req.Header.Set(server.ConsentHeader, consent)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return Callback{}, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	cb := Callback{Status: resp.StatusCode, Location: resp.Header.Get("Location")}
	if cb.Location != "" {
		u, err := url.Parse(cb.Location)
		if err != nil {
			return cb, fmt.Errorf("the Location %q is not a URL: %w", cb.Location, err)
		}
		lq := u.Query()
		cb.Code, cb.State, cb.Error, cb.Description = lq.Get("code"), lq.Get("state"), lq.Get("error"), lq.Get("error_description")
	}
	return cb, nil
}

// Code runs Authorize with consent approved and returns the code, or an error saying
// what came back instead.
func (a App) Code(ctx context.Context, redirectURI string, scopes []string, verifier string) (string, error) {
	state := NewVerifier()
	cb, err := a.Authorize(ctx, redirectURI, scopes, state, verifier, "approve")
	switch {
	case err != nil:
		return "", err
	case cb.Code == "":
		return "", fmt.Errorf("no code: HTTP %d to %q (error %q: %s)", cb.Status, cb.Location, cb.Error, cb.Description)
	case cb.State != state:
		return "", fmt.Errorf("the state came back as %q, not as sent", cb.State)
	}
	return cb.Code, nil
}

// Tokens is a successful token answer.
type Tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	Scope        string `json:"scope"`
}

// Error is a refused token request.
type Error struct {
	Status      int
	Code        string `json:"error"`
	Description string `json:"error_description"`
}

func (e *Error) Error() string {
	return fmt.Sprintf("HTTP %d %s: %s", e.Status, e.Code, e.Description)
}

// Exchange trades a code for tokens.
func (a App) Exchange(ctx context.Context, code, redirectURI, verifier string) (Tokens, error) {
	return a.token(ctx, url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {redirectURI}, "code_verifier": {verifier}})
}

// Refresh trades a refresh token for new tokens.
func (a App) Refresh(ctx context.Context, refreshToken string) (Tokens, error) {
	return a.token(ctx, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}})
}

// ClientCredentials asks for a token for the client itself.
func (a App) ClientCredentials(ctx context.Context, scopes []string) (Tokens, error) {
	return a.token(ctx, url.Values{"grant_type": {"client_credentials"}, "scope": {strings.Join(scopes, " ")}})
}

// Login runs a whole code flow with PKCE and returns the tokens.
func (a App) Login(ctx context.Context, scopes []string) (Tokens, error) {
	v := NewVerifier()
	code, err := a.Code(ctx, server.RedirectURI, scopes, v)
	if err != nil {
		return Tokens{}, err
	}
	return a.Exchange(ctx, code, server.RedirectURI, v)
}

func (a App) token(ctx context.Context, form url.Values) (Tokens, error) {
	if !a.Basic {
		form.Set("client_id", a.ID)
		form.Set("client_secret", a.Secret)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.Base+server.PathToken, strings.NewReader(form.Encode()))
	if err != nil {
		return Tokens{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if a.Basic {
		// RFC 6749 section 2.3.1: both parts form-encoded before the Basic encoding.
		req.SetBasicAuth(url.QueryEscape(a.ID), url.QueryEscape(a.Secret))
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return Tokens{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Tokens{}, err
	}
	if resp.StatusCode != http.StatusOK {
		e := &Error{Status: resp.StatusCode}
		if err := json.Unmarshal(body, e); err != nil {
			return Tokens{}, fmt.Errorf("HTTP %d with a body that is not JSON: %.200q", resp.StatusCode, body)
		}
		return Tokens{}, e
	}
	var t Tokens
	if err := json.Unmarshal(body, &t); err != nil {
		return Tokens{}, fmt.Errorf("a token answer that is not JSON: %w", err)
	}
	if t.AccessToken == "" {
		return Tokens{}, fmt.Errorf("a token answer without access_token")
	}
	return t, nil
}

// UserInfo calls the user-info endpoint with an access token and returns the status and
// the decoded body.
func UserInfo(ctx context.Context, base, accessToken string) (int, map[string]any, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+server.PathUserInfo, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&body); err != nil {
		return resp.StatusCode, nil, fmt.Errorf("HTTP %d with a body that is not JSON: %w", resp.StatusCode, err)
	}
	return resp.StatusCode, body, nil
}

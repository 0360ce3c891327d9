// Package server is an OAuth 2.0 authorization server built on ory/fosite, for testing
// mubarokah-doctor against a standards-following implementation that is not Laravel
// Passport. Every protocol decision and every error's wording is fosite's: this package only
// wires its handlers to HTTP, registers two clients, and stands in for the sign-in and
// consent screens so that automation can drive the code flow.
//
// It offers the authorization code grant with PKCE (S256 only, required), refresh tokens
// with rotation (an old refresh token is refused and revokes its family), client
// credentials, discovery, and a user-info endpoint that checks bearer tokens through
// fosite's introspection. Its endpoints sit at other paths than Passport's, so a client
// that does not read discovery is caught.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/storage"
)

// Paths of the endpoints. None is Passport's (/oauth/authorize, /oauth/token, /api/user).
const (
	PathDiscovery = "/.well-known/openid-configuration"
	PathMetadata  = "/.well-known/oauth-authorization-server"
	PathAuthorize = "/oauth2/auth"
	PathToken     = "/oauth2/token"
	PathUserInfo  = "/userinfo"
	PathLogin     = "/login"
	PathErrorPage = "/oauth2/fallbacks/error"
)

// ConsentHeader, on an authorize request, stands in for the person at the sign-in and
// consent screens: "approve" signs the test user in and grants the requested scopes at once,
// "deny" refuses. Without it the browser is sent to the sign-in page, as a real server does.
const ConsentHeader = "X-Conformance-Consent"

// The two clients. Each may send its credentials only one way, as RFC 7591's
// token_endpoint_auth_method registers it; fosite refuses the other way and names the
// registered one.
const (
	BasicClientID = "basic-app" // client_secret_basic
	PostClientID  = "post-app"  // client_secret_post
)

// Scopes the server defines. No client may ask for ScopeAdmin: a request for it is
// "not allowed for this client", not "unknown".
const (
	ScopeViewUser   = "view-user"
	ScopeDetailUser = "detail-user"
	ScopeAdmin      = "admin-all"
)

// RedirectURI and SecondRedirectURI are registered for both clients. Being loopback URIs,
// fosite lets the port vary (RFC 8252 section 7.3) but not the path.
const (
	RedirectURI       = "http://127.0.0.1:3090/callback"
	SecondRedirectURI = "http://127.0.0.1:3090/callback/second"
)

// Subject is the user every sign-in signs in as.
const Subject = "conformance-user"

// Options change how the server behaves where standards leave a choice.
type Options struct {
	// ErrorPageRedirect shows an error that cannot go back to the client (an unknown client,
	// an unregistered redirect_uri) by redirecting the browser to the server's own error
	// page, as Ory Hydra does, instead of fosite's JSON answer.
	ErrorPageRedirect bool
}

// Client is a registered client as a person configuring an application sees it.
type Client struct {
	ID, Secret, AuthMethod string
	Scopes, RedirectURIs   []string
}

// Server is one authorization server with its own keys, clients and in-memory storage.
type Server struct {
	opts     Options
	provider fosite.OAuth2Provider
	store    *storage.MemoryStore
	clients  []Client
	scopes   []string
	issuer   string

	mu      sync.Mutex
	pending map[string]pendingLogin
}

// New builds a server whose discovery document names issuer (its own base URL, such as
// http://127.0.0.1:4444). Client secrets and the token signing secret are random.
func New(issuer string, opts Options) (*Server, error) {
	global := make([]byte, 32)
	if _, err := rand.Read(global); err != nil {
		return nil, err
	}
	cfg := &fosite.Config{
		AccessTokenLifespan:   time.Hour,
		RefreshTokenLifespan:  30 * 24 * time.Hour,
		AuthorizeCodeLifespan: 10 * time.Minute,
		GlobalSecret:          global,
		// Refresh tokens for every code exchange, as Passport issues them, rather than only
		// for the offline scopes.
		RefreshTokenScopes: []string{},
		EnforcePKCE:        true,
		ScopeStrategy:      fosite.ExactScopeStrategy,
		TokenURL:           issuer + PathToken,
		// bcrypt at its lowest cost: a test server checks many secrets and guards nothing.
		HashCost: 4,
	}
	s := &Server{opts: opts, store: storage.NewMemoryStore(), issuer: issuer,
		scopes: []string{ScopeViewUser, ScopeDetailUser, ScopeAdmin}, pending: map[string]pendingLogin{}}
	ctx := context.Background()
	for _, c := range []Client{
		{ID: BasicClientID, AuthMethod: "client_secret_basic", Scopes: []string{ScopeViewUser, ScopeDetailUser}},
		{ID: PostClientID, AuthMethod: "client_secret_post", Scopes: []string{ScopeViewUser}},
	} {
		c.Secret = randomString(24)
		c.RedirectURIs = []string{RedirectURI, SecondRedirectURI}
		hashed, err := cfg.GetSecretsHasher(ctx).Hash(ctx, []byte(c.Secret))
		if err != nil {
			return nil, fmt.Errorf("hashing the secret of %s: %w", c.ID, err)
		}
		s.store.Clients[c.ID] = &fosite.DefaultOpenIDConnectClient{
			DefaultClient: &fosite.DefaultClient{
				ID: c.ID, Secret: hashed, RedirectURIs: c.RedirectURIs, Scopes: c.Scopes,
				GrantTypes:    []string{"authorization_code", "refresh_token", "client_credentials"},
				ResponseTypes: []string{"code"},
			},
			TokenEndpointAuthMethod: c.AuthMethod,
		}
		s.clients = append(s.clients, c)
	}
	s.provider = compose.Compose(cfg, s.store, compose.NewOAuth2HMACStrategy(cfg),
		compose.OAuth2AuthorizeExplicitFactory,
		compose.OAuth2ClientCredentialsGrantFactory,
		compose.OAuth2RefreshTokenGrantFactory,
		compose.OAuth2TokenIntrospectionFactory,
		compose.OAuth2PKCEFactory,
	)
	return s, nil
}

// Clients lists the registered clients with their secrets (this is a test server).
func (s *Server) Clients() []Client { return slices.Clone(s.clients) }

// Client returns the client with the given id.
func (s *Server) Client(id string) (Client, bool) {
	for _, c := range s.clients {
		if c.ID == id {
			return c, true
		}
	}
	return Client{}, false
}

// Scopes lists the scopes the server defines.
func (s *Server) Scopes() []string { return slices.Clone(s.scopes) }

// Issuer is the base URL the server was built for.
func (s *Server) Issuer() string { return s.issuer }

// Handler serves every endpoint.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PathDiscovery, s.discovery)
	mux.HandleFunc("GET "+PathMetadata, s.discovery)
	mux.HandleFunc("GET "+PathAuthorize, s.authorize)
	mux.HandleFunc("POST "+PathToken, s.token)
	mux.HandleFunc("GET "+PathUserInfo, s.userInfo)
	mux.HandleFunc("POST "+PathUserInfo, s.userInfo)
	mux.HandleFunc("GET "+PathLogin, s.loginPage)
	mux.HandleFunc("POST "+PathLogin, s.loginAnswer)
	mux.HandleFunc("GET "+PathErrorPage, s.errorPage)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "OAuth 2.0 test server (ory/fosite). Discovery: %s%s\n", s.issuer, PathDiscovery)
	})
	return mux
}

func randomString(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on the platforms Go supports
	}
	return hex.EncodeToString(b)
}

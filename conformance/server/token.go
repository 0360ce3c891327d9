package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/ory/fosite"
)

// token is the token endpoint: fosite authenticates the client, runs the grant's handler
// (authorization code with PKCE, refresh with rotation, client credentials) and writes the
// answer or the error.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ar, err := s.provider.NewAccessRequest(ctx, r, &fosite.DefaultSession{})
	if err != nil {
		s.provider.WriteAccessError(ctx, w, ar, s.refineScopeError(err, strings.Fields(r.PostForm.Get("scope"))))
		return
	}
	if ar.GetGrantTypes().ExactOne("client_credentials") {
		// fosite's handler has checked them against the client's allowed scopes.
		for _, sc := range ar.GetRequestedScopes() {
			ar.GrantScope(sc)
		}
	}
	resp, err := s.provider.NewAccessResponse(ctx, ar)
	if err != nil {
		s.provider.WriteAccessError(ctx, w, ar, err)
		return
	}
	s.provider.WriteAccessResponse(ctx, w, ar, resp)
}

// userInfo answers who the access token's user is. The token is checked by fosite's
// introspection; a refusal is fosite's error with HTTP 401 and the RFC 6750 challenge.
func (s *Server) userInfo(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	use, ar, err := s.provider.IntrospectToken(ctx, fosite.AccessTokenFromRequest(r), fosite.AccessToken, &fosite.DefaultSession{})
	if err == nil && use != fosite.AccessToken {
		// fosite's introspection also accepts a refresh token; a resource must not.
		err = fosite.ErrRequestUnauthorized.WithHint("Only access tokens are allowed in the authorization header.")
	}
	if err != nil {
		rfc := fosite.ErrorToRFC6749Error(err)
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer error="invalid_token", error_description=%q`, rfc.GetDescription()))
		writeJSON(w, http.StatusUnauthorized, rfc)
		return
	}
	sub := ar.GetSession().GetSubject()
	if sub == "" {
		// A client-credentials token belongs to no user.
		rfc := fosite.ErrRequestUnauthorized.WithHint("The access token was issued to a client, not on behalf of a user.")
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer error="invalid_token", error_description=%q`, rfc.GetDescription()))
		writeJSON(w, http.StatusUnauthorized, rfc)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"sub": sub, "id": sub, "name": "Conformance Test User", "email": sub + "@example.test",
		"client_id": ar.GetClient().GetID(), "scope": strings.Join(ar.GetGrantedScopes(), " "),
	})
}

// discovery describes the server (OpenID Connect discovery and RFC 8414 share the fields
// used here).
func (s *Server) discovery(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                s.issuer,
		"authorization_endpoint":                s.issuer + PathAuthorize,
		"token_endpoint":                        s.issuer + PathToken,
		"userinfo_endpoint":                     s.issuer + PathUserInfo,
		"scopes_supported":                      s.scopes,
		"response_types_supported":              []string{"code"},
		"response_modes_supported":              []string{"query"},
		"grant_types_supported":                 []string{"authorization_code", "refresh_token", "client_credentials"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"code_challenge_methods_supported":      []string{"S256"},
		"subject_types_supported":               []string{"public"},
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

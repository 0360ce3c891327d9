package sandbox

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
)

var knownScopes = []string{"view-user", "detail-user"}

// pkcePattern is compiled on first use, not at every start of the program.
var pkcePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9\-._~]{43,128}$`) })

func invalidRequest(param, hint string) oauthError {
	if hint == "" {
		hint = "Check the `" + param + "` parameter"
	}
	return oauthError{status: 400, code: "invalid_request", desc: descInvalidRequest, hint: hint}
}

func invalidClient() oauthError {
	return oauthError{status: 401, code: "invalid_client", desc: descInvalidClient}
}

func invalidScope(scope string) oauthError {
	return oauthError{status: 400, code: "invalid_scope", desc: descInvalidScope, hint: "Check the `" + scope + "` scope"}
}

// refreshInvalid is league 8.x's invalidRefreshToken: invalid_request with HTTP 401.
func refreshInvalid(hint string) oauthError {
	return oauthError{status: 401, code: "invalid_request", desc: descRefreshInvalid, hint: hint}
}

// token is POST /oauth/token, following league 8.x's order of checks.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeRaw(w, http.StatusMethodNotAllowed, "text/html; charset=UTF-8",
			htmlPage(405, "The GET method is not supported for route oauth/token. Supported methods: POST."))
		return
	}
	if s.faults.has(FaultBodyOnly) {
		r.Header.Del("Authorization") // a proxy that drops the header on the way
	}
	if err := r.ParseForm(); err != nil {
		invalidRequest("grant_type", "").write(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache, private")
	grant := r.PostForm.Get("grant_type")
	if grant != "authorization_code" && grant != "refresh_token" && grant != "client_credentials" {
		oauthError{status: 400, code: "unsupported_grant_type", desc: descUnsupported, hint: hintUnsupported}.write(w, r)
		return
	}
	if e, ok := s.authenticateClient(r, grant); !ok {
		e.write(w, r)
		return
	}
	var res issued
	var e *oauthError
	switch grant {
	case "client_credentials":
		res, e = s.grantClientCredentials(r)
	case "authorization_code":
		res, e = s.grantAuthCode(r)
	case "refresh_token":
		res, e = s.grantRefresh(r)
	}
	if e != nil {
		e.write(w, r)
		return
	}
	// Passport's key order: token_type, expires_in, access_token, refresh_token.
	body := struct {
		TokenType    string `json:"token_type"`
		ExpiresIn    int    `json:"expires_in"`
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token,omitempty"`
	}{"Bearer", res.expiresIn, res.access, res.refresh}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_ = json.NewEncoder(w).Encode(body)
}

// authenticateClient reads the credentials as league does (body first, HTTP Basic as the
// fallback) and checks them against the client and the faults in force.
func (s *Server) authenticateClient(r *http.Request, grant string) (oauthError, bool) {
	id, secret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	fromBody := id != ""
	if bu, bp, ok := r.BasicAuth(); ok {
		if id == "" {
			id = bu
		}
		if secret == "" {
			secret = bp
		}
	}
	if id == "" {
		return invalidRequest("client_id", ""), false
	}
	switch {
	case id != s.client.ID || s.faults.has(FaultUnknownClient) || s.faults.has(FaultClientRevoked):
		return invalidClient(), false
	case s.faults.has(FaultBasicOnly) && fromBody:
		return invalidClient(), false
	case s.faults.has(FaultWrongSecret) || subtle.ConstantTimeCompare([]byte(secret), []byte(s.client.Secret)) != 1:
		return invalidClient(), false
	case grant == "client_credentials" && s.faults.has(FaultGrantNotAllowed):
		return invalidClient(), false
	}
	// league 8.x also checks a body redirect_uri against the registered ones here.
	if ru := r.PostForm.Get("redirect_uri"); ru != "" && !s.registered(ru) {
		return invalidClient(), false
	}
	return oauthError{}, true
}

// scopesFor validates requested scopes as league does: each must be known.
func (s *Server) scopesFor(raw string) ([]string, *oauthError) {
	scopes := strings.Fields(raw)
	for _, sc := range scopes {
		if !slices.Contains(knownScopes, sc) || s.faults.has(FaultScopeUnknown) {
			e := invalidScope(sc)
			return nil, &e
		}
	}
	return scopes, nil
}

func (s *Server) grantClientCredentials(r *http.Request) (issued, *oauthError) {
	scopes, e := s.scopesFor(r.PostForm.Get("scope"))
	if e != nil {
		return issued{}, e
	}
	res, err := s.st.issue(s.client.ID, 0, scopes, false, s.opts.Now())
	if err != nil {
		return issued{}, serverError()
	}
	return res, nil
}

func serverError() *oauthError {
	return &oauthError{status: 500, code: "server_error", desc: descServerError + "Could not sign the token"}
}

func (s *Server) grantAuthCode(r *http.Request) (issued, *oauthError) {
	fail := func(e oauthError) (issued, *oauthError) { return issued{}, &e }
	code := r.PostForm.Get("code")
	if code == "" {
		return fail(invalidRequest("code", ""))
	}
	now := s.opts.Now()
	s.st.mu.Lock()
	rec, ok := s.st.codes[code]
	var c codeRec
	if ok {
		c = *rec
	}
	s.st.mu.Unlock()
	switch {
	case !ok:
		return fail(invalidRequest("code", "Cannot decrypt the authorization code"))
	case s.faults.has(FaultCodeExpired) || now.After(c.expires):
		return fail(invalidRequest("code", "Authorization code has expired"))
	case s.faults.has(FaultCodeReused) || c.used:
		return fail(invalidRequest("code", "Authorization code has been revoked"))
	case s.faults.has(FaultCodeClientMismatch) || c.clientID != s.client.ID:
		return fail(invalidRequest("code", "Authorization code was not issued to this client"))
	}
	ru := r.PostForm.Get("redirect_uri")
	switch {
	case c.redirectURI != "" && ru == "":
		return fail(invalidRequest("redirect_uri", ""))
	case s.faults.has(FaultRedirectMismatch) || ru != c.redirectURI:
		return fail(invalidRequest("redirect_uri", "Invalid redirect URI"))
	}
	verifier := r.PostForm.Get("code_verifier")
	switch {
	case c.challenge == "" && verifier != "":
		return fail(invalidRequest("code_challenge", "code_verifier received when no code_challenge is present"))
	case c.challenge != "" && verifier == "":
		return fail(invalidRequest("code_verifier", ""))
	case c.challenge != "" && !pkcePattern().MatchString(verifier):
		return fail(invalidRequest("code_verifier", "Code Verifier must follow the specifications of RFC-7636."))
	case s.faults.has(FaultPKCEMismatch) || c.challenge != "" && !pkceMatches(c.method, verifier, c.challenge):
		return fail(oauthError{status: 400, code: "invalid_grant", desc: descInvalidGrant, hint: "Failed to verify `code_verifier`."})
	}
	s.st.mu.Lock()
	rec.used = true
	s.st.mu.Unlock()
	res, err := s.st.issue(s.client.ID, c.userID, c.scopes, true, now)
	if err != nil {
		return issued{}, serverError()
	}
	return res, nil
}

func pkceMatches(method, verifier, challenge string) bool {
	if method == "plain" {
		return subtle.ConstantTimeCompare([]byte(verifier), []byte(challenge)) == 1
	}
	sum := sha256.Sum256([]byte(verifier))
	return subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(challenge)) == 1
}

// grantRefresh rotates: the old refresh token and its access token are revoked, as
// Passport does by default.
func (s *Server) grantRefresh(r *http.Request) (issued, *oauthError) {
	fail := func(e oauthError) (issued, *oauthError) { return issued{}, &e }
	raw := r.PostForm.Get("refresh_token")
	if raw == "" {
		return fail(invalidRequest("refresh_token", ""))
	}
	now := s.opts.Now()
	s.st.mu.Lock()
	rec, ok := s.st.refresh[raw]
	var old refreshRec
	if ok {
		old = *rec
	}
	s.st.mu.Unlock()
	switch {
	case !ok:
		return fail(refreshInvalid("Cannot decrypt the refresh token"))
	case old.clientID != s.client.ID:
		return fail(refreshInvalid("Token is not linked to client"))
	case s.faults.has(FaultRefreshExpired) || now.After(old.expires):
		return fail(refreshInvalid("Token has expired"))
	case s.faults.has(FaultRefreshRevoked) || old.revoked:
		return fail(refreshInvalid("Token has been revoked"))
	}
	scopes := old.scopes
	if want := strings.Fields(r.PostForm.Get("scope")); len(want) > 0 {
		for _, sc := range want {
			if !slices.Contains(old.scopes, sc) {
				e := invalidScope(sc)
				return issued{}, &e
			}
		}
		scopes = want
	}
	s.st.mu.Lock()
	rec.revoked = true
	if a, ok := s.st.access[old.accessJTI]; ok {
		a.revoked = true
	}
	s.st.mu.Unlock()
	res, err := s.st.issue(s.client.ID, old.userID, scopes, true, now)
	if err != nil {
		return issued{}, serverError()
	}
	return res, nil
}

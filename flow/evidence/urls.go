package evidence

import (
	"net/url"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// endpointOf names the provider endpoint a URL or path points at, or "".
func endpointOf(u string) knowledge.Endpoint {
	p := strings.ToLower(strings.TrimRight(pathOf(u), "/"))
	switch {
	case strings.HasSuffix(p, "/oauth/authorize"), otherAuthorizePath(p):
		return knowledge.EndpointAuthorize
	case strings.HasSuffix(p, "/oauth/token"), otherTokenPath(p):
		return knowledge.EndpointToken
	case strings.HasSuffix(p, "/api/user/details"):
		return knowledge.EndpointUserDetails
	case strings.HasSuffix(p, "/api/user"):
		return knowledge.EndpointUser
	case strings.HasSuffix(p, "/api/logout-sso"):
		return knowledge.EndpointLogout
	}
	return ""
}

// requestEndpoint is endpointOf for the URL a failed request went to (a client's error
// line, a request line, a curl command): a resource API path that is no OAuth endpoint is
// EndpointAPI, where a refusal is the API's guard refusing the token. A URL merely named in
// a paste (a link, a setting) stays endpointOf's.
func requestEndpoint(u string) knowledge.Endpoint {
	if ep := endpointOf(u); ep != "" {
		return ep
	}
	if resourcePath(u) {
		return knowledge.EndpointAPI
	}
	return ""
}

// requestEndpointFor is requestEndpoint knowing the method: a GET, PUT, PATCH or DELETE to
// a URL of no sign-in route reads a resource, whatever its path looks like (a token request
// is a POST, and so are the other servers' token paths nobody listed).
func requestEndpointFor(method, u string) knowledge.Endpoint {
	ep := requestEndpoint(u)
	if ep != "" {
		return ep
	}
	switch strings.ToUpper(method) {
	case "GET", "PUT", "PATCH", "DELETE":
		if !signInPath(strings.ToLower(strings.TrimRight(pathOf(u), "/"))) && strings.Trim(pathOf(u), "/") != "" {
			return knowledge.EndpointAPI
		}
	}
	return ""
}

// signInPath reports whether a lower-cased path belongs to the sign-in itself: the OAuth
// routes, a login or callback page, discovery.
func signInPath(p string) bool {
	for _, w := range []string{"oauth", "token", "authori", "login", "logout", "callback", "signin", "sign-in",
		"/auth", "well-known", "connect/", "saml", "session"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// resourcePath reports whether a URL reads as a resource API: an "api" host or path segment,
// a version segment (/v1, /v2.0), or a profile route (/me, /userinfo), and nothing of the
// sign-in's own routes (token, authorize, login, callback, discovery).
func resourcePath(u string) bool {
	l := strings.ToLower(u)
	host := ""
	if i := strings.Index(l, "://"); i >= 0 {
		host = l[i+3:]
		if j := strings.IndexAny(host, "/?#"); j >= 0 {
			host = host[:j]
		}
	}
	p := strings.ToLower(strings.TrimRight(pathOf(u), "/"))
	// OpenID Connect's userinfo is a resource read with the access token, though it often
	// sits under the sign-in's own routes (Google's /oauth2/v3/userinfo, Keycloak's
	// …/openid-connect/userinfo, IdentityServer's /connect/userinfo).
	if strings.HasSuffix(p, "/userinfo") {
		return true
	}
	if signInPath(p) {
		return false
	}
	if strings.HasPrefix(host, "api.") || strings.HasPrefix(host, "api-") || strings.HasPrefix(host, "graph.") {
		return p != ""
	}
	for _, seg := range strings.Split(p, "/") {
		switch {
		case seg == "api" || seg == "me" || seg == "userinfo" || seg == "rest":
			return true
		case len(seg) >= 2 && seg[0] == 'v' && seg[1] >= '1' && seg[1] <= '9' && len(seg) <= 5 &&
			strings.Trim(seg[1:], "0123456789.") == "":
			return true
		}
	}
	return false
}

// otherTokenPaths end the token endpoints of other servers a paste may show: Google's
// /token, Keycloak's and IdentityServer's …/token, GitHub's and Facebook's …/access_token,
// Microsoft's oauth20_token.srf. The answers there read the same as Passport's.
var otherTokenPaths = []string{"/oauth2/token", "/oauth2/v4/token", "/openid-connect/token", "/connect/token",
	"/oauth/access_token", "/oauth/access-token", "/oauth20_token.srf", "/oauth2/v1/token", "/oauth2/v2.0/token",
	"/as/token.oauth2"}

// otherAuthorizePaths end the authorize endpoints of other servers: IdentityServer's and
// OpenIddict's /connect/authorize, Keycloak's …/openid-connect/auth, Okta's …/v1/authorize,
// Entra's and Cognito's …/oauth2/(v2.0/)authorize, Hydra's /oauth2/auth, Google's
// /o/oauth2/(v2/)auth, Facebook's /dialog/oauth, PingFederate's /as/authorization.oauth2
// (GitHub's and Doorkeeper's end in /oauth/authorize, like Passport's).
var otherAuthorizePaths = []string{"/connect/authorize", "/openid-connect/auth", "/oauth2/v1/authorize",
	"/oauth2/v2.0/authorize", "/oauth2/authorize", "/oauth2/auth", "/oauth2/v2/auth", "/dialog/oauth",
	"/as/authorization.oauth2", "/oauth2/v2/authorize"}

func otherTokenPath(p string) bool {
	if hasSuffixIn(p, otherTokenPaths) || customServerPath(p, "/v1/token") {
		return true
	}
	// A host whose name says it is the token service (oauth2.googleapis.com/token).
	return p == "/token"
}

func otherAuthorizePath(p string) bool {
	// Auth0 serves /authorize at the root of its tenant's host.
	return hasSuffixIn(p, otherAuthorizePaths) || customServerPath(p, "/v1/authorize") || p == "/authorize"
}

// customServerPath reports an Okta custom authorization server's route,
// /oauth2/<server id>/v1/…, whose middle segment is the server's own name.
func customServerPath(p, tail string) bool {
	rest, ok := strings.CutSuffix(p, tail)
	if !ok {
		return false
	}
	i := strings.LastIndex(rest, "/oauth2/")
	return i >= 0 && !strings.Contains(rest[i+len("/oauth2/"):], "/")
}

func hasSuffixIn(p string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(p, s) {
			return true
		}
	}
	return false
}

// pathOf returns the path of a URL or of a bare path with a query.
func pathOf(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			u = u[j:]
		} else {
			return "/"
		}
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return u
}

// splitParams splits "a=1&b=2" into decoded pairs, keeping order and tolerating bad
// escapes (the raw text is kept) and Passport's leading "&".
func splitParams(q string) [][2]string {
	var out [][2]string
	for _, part := range strings.Split(q, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, [2]string{unescape(k), unescape(v)})
	}
	return out
}

// unescape decodes form encoding (+ for space, %XX); a bad escape leaves the text as it is.
func unescape(s string) string {
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// urlTriggers start a URL-like token: absolute URLs, provider paths, and bare query strings
// with the parameters a callback carries.
var urlTriggers = []string{"http://", "https://", "http:\\/\\/", "https:\\/\\/", "/oauth/", "/api/user",
	"/api/logout", "error=", "code="}

// findURLs reads every URL-like token: provider endpoints, authorize URLs and callbacks.
func findURLs(s *scan) {
	starts := map[int]bool{}
	for _, trig := range urlTriggers {
		from := 0
		for {
			i := strings.Index(s.text[from:], trig)
			if i < 0 {
				break
			}
			i += from
			from = i + len(trig)
			start, end := tokenBounds(s.text, i)
			from = max(from, end)
			if starts[start] {
				continue
			}
			starts[start] = true
			s.urlToken(start, s.text[start:end])
			if len(starts) > 2000 {
				return // a paste of that many URLs is a log dump; the first ones tell enough
			}
		}
	}
}

// tokenBounds widens position i to the URL-like token around it.
func tokenBounds(text string, i int) (int, int) {
	start := i
	for start > 0 && !urlStop(text[start-1]) {
		start--
	}
	end := i
	for end < len(text) && !urlStop(text[end]) {
		end++
	}
	// Trailing punctuation belongs to the sentence, except a final "." inside a query value
	// (Passport's messages end with one).
	hasQuery := strings.ContainsAny(text[start:end], "?#")
	for end > start && strings.IndexByte(",;:!?'\\.", text[end-1]) >= 0 {
		if text[end-1] == '.' && hasQuery {
			break
		}
		end--
	}
	return start, end
}

func urlStop(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '"', '\'', '`', '<', '>', '(', ')', '[', ']', '{', '}', '|':
		return true
	}
	return false
}

// urlToken reads one URL-like token.
func (s *scan) urlToken(pos int, tok string) {
	tok = strings.ReplaceAll(tok, `\/`, "/")
	if len(tok) > 8192 {
		tok = tok[:8192]
	}
	s.noteURL(tok)
	ep := endpointOf(tok)
	q, frag := "", ""
	if i := strings.IndexByte(tok, '#'); i >= 0 {
		tok, frag = tok[:i], tok[i+1:]
	}
	if i := strings.IndexByte(tok, '?'); i >= 0 {
		q = tok[i+1:]
	}
	params := append(splitParams(q), splitParams(frag)...)
	bare := !strings.Contains(tok, "/") && !strings.Contains(tok, "?")
	if bare {
		// "error=access_denied&state=…" pasted alone: a callback query without its URL.
		params = splitParams(tok)
		if !hasParam(params, "error_description") && !hasParam(params, "state") && !hasParam(params, "hint") {
			return
		}
	}
	full := tok
	if frag != "" {
		full += "#" + frag
	}
	switch {
	case ep == knowledge.EndpointAuthorize:
		s.authorizeURL(pos, full, params)
	case ep != "":
		o := knowledge.Observation{Endpoint: ep, URL: redact.URL(full)}
		o.AddSource("provider_url")
		if ep == knowledge.EndpointToken && hasParam(params, "grant_type") {
			o.AddFact(knowledge.FactGrantTypeInQuery, "the token URL carries grant_type in its query string; "+
				"/oauth/token reads the grant only from the form-encoded body")
		}
		s.add(pos, o)
	case hasParam(params, "error") || hasParam(params, "code") || hasParam(params, "denied"):
		s.callback(pos, full, params)
	}
}

// noteURL keeps an absolute URL the paste names, for loneURL.
func (s *scan) noteURL(tok string) {
	l := strings.ToLower(tok)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") || len(s.urls) > 1 {
		return
	}
	for _, u := range s.urls {
		if u == tok {
			return
		}
	}
	s.urls = append(s.urls, tok)
}

// loneURL gives the observation the URL a paste names in prose ("calling
// https://api.example/v1/me returns 401") when no request line or client error placed one
// and it is the paste's only URL: with two, which one failed is a guess.
func loneURL(s *scan, o *knowledge.Observation) {
	if o.URL == "" && len(s.urls) == 1 {
		// redact.URL masks the parameters it knows; Scrub the labelled rest (oauth_verifier=…).
		o.URL = Scrub(redact.URL(s.urls[0]))
	}
}

func hasParam(params [][2]string, name string) bool {
	_, ok := param(params, name)
	return ok
}

func param(params [][2]string, name string) (string, bool) {
	for _, p := range params {
		if p[0] == name {
			return p[1], true
		}
	}
	return "", false
}

// authorizeURL reads a /oauth/authorize URL: what the app asked for.
func (s *scan) authorizeURL(pos int, full string, params [][2]string) {
	o := knowledge.Observation{Endpoint: knowledge.EndpointAuthorize, Method: "GET", URL: redact.URL(full)}
	o.AddSource("authorize_url")
	set := func(dst *string, name string) {
		if v, ok := param(params, name); ok && *dst == "" {
			*dst = v
		}
	}
	set(&s.vals.AuthorizeRedirectURI, "redirect_uri")
	set(&s.vals.Scope, "scope")
	set(&s.vals.CodeChallenge, "code_challenge")
	set(&s.vals.CodeChallengeMethod, "code_challenge_method")
	set(&s.vals.StateSent, "state")
	set(&s.vals.ClientID, "client_id")
	// An authorize URL with error= is the provider's error page link, not the app's request.
	s.oauthError(&o, params)
	s.add(pos, o)
}

// callback reads the redirect back to the app: code and state, or error and its words.
func (s *scan) callback(pos int, full string, params [][2]string) {
	o := knowledge.Observation{Endpoint: knowledge.EndpointCallback, URL: redact.URL(full)}
	o.AddSource("callback_url")
	s.oauthError(&o, params)
	state, hasState := param(params, "state")
	if hasState {
		o.State = redact.Mask(state)
		if o.State == "" {
			o.State = "(empty)"
		}
	}
	if code, ok := param(params, "code"); ok && code != "" {
		o.Code = redact.Mask(code)
		if !hasState {
			o.AddFact(knowledge.FactStateMissing, "the callback carried a code but no state")
		}
	}
	if !s.vals.HasCallback {
		s.vals.HasCallback = true
		s.vals.StateReceived = state
	}
	s.add(pos, o)
}

// oauthError copies the OAuth error parameters of a redirect.
func (s *scan) oauthError(o *knowledge.Observation, params [][2]string) {
	for _, p := range params {
		switch p[0] {
		case "error":
			setOnce(&o.Error, p[1])
		case "error_description":
			setOnce(&o.Description, p[1])
		case "hint", "error_hint": // error_hint: Hydra 1.x's redirects carry fosite's hint on its own
			setOnce(&o.Hint, p[1])
		case "message":
			setOnce(&o.Message, p[1])
		case "error_uri":
			setOnce(&o.ErrorURI, p[1])
		case "denied":
			// OAuth 1.0a providers (Twitter/X, and Socialite's OAuth1 driver reading it) send
			// the user back with denied=<request token> when they cancel on the consent page:
			// the same refusal OAuth 2.0 calls access_denied. The token value is not kept.
			if p[1] != "" {
				setOnce(&o.Error, "access_denied")
			}
		}
	}
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = strings.TrimSpace(v)
	}
}

// findFormBodies reads form-encoded token requests (raw request bodies, curl -d, logs):
// the grant type, the redirect_uri and the verifier for the checks; secrets masked.
func findFormBodies(s *scan) {
	from := 0
	for n := 0; n < 50; n++ {
		i := strings.Index(s.text[from:], "grant_type=")
		if i < 0 {
			return
		}
		i += from
		start, end := i, i
		for start > 0 && !formStop(s.text[start-1]) {
			start--
		}
		for end < len(s.text) && !formStop(s.text[end]) {
			end++
		}
		from = end
		body := s.text[start:end]
		if q := strings.IndexByte(body, '?'); q >= 0 {
			body = body[q+1:]
		}
		params := splitParams(body)
		o := knowledge.Observation{Endpoint: knowledge.EndpointToken, Method: "POST"}
		o.AddSource("form_body")
		s.tokenRequest(&o, params)
		s.add(start, o)
	}
}

func formStop(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == '`'
}

// tokenRequest records what a token request's parameters say, whatever their encoding.
func (s *scan) tokenRequest(o *knowledge.Observation, params [][2]string) {
	if g, ok := param(params, "grant_type"); ok {
		o.GrantType = strings.TrimSpace(g)
	}
	set := func(dst *string, name string) {
		if v, ok := param(params, name); ok && *dst == "" {
			*dst = v
		}
	}
	set(&s.vals.TokenRedirectURI, "redirect_uri")
	set(&s.vals.CodeVerifier, "code_verifier")
	set(&s.vals.ClientID, "client_id")
	if s.vals.Scope == "" && o.GrantType != "refresh_token" {
		set(&s.vals.Scope, "scope")
	}
}

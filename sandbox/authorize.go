package sandbox

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// pendingAuth is an authorization request waiting on the consent page.
type pendingAuth struct {
	redirectURI, state, challenge, method string
	scopes                                []string
	expires                               time.Time
}

// consentPage is parsed on first use, not at every start of the program.
var consentPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("consent").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Authorize {{.App}} - Mubarokah ID sandbox</title></head>
<body>
<h1>{{.App}} wants to sign you in</h1>
<p>Signed in as {{.User}} (sandbox user).</p>
<p>It asks for: {{range .Scopes}}<code>{{.}}</code> {{else}}no particular scope{{end}}</p>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="auth_token" value="{{.Token}}">
<button type="submit" name="decision" value="approve">Authorize</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>
</body>
</html>
`))
})

// registered reports whether uri is one of the client's redirect URIs, exactly, except
// that a loopback IP URI may differ in port (league's RedirectUriValidator).
func (s *Server) registered(uri string) bool {
	for _, reg := range s.client.RedirectURIs {
		if uri == reg || loopbackPortOnly(uri, reg) {
			return true
		}
	}
	return false
}

func loopbackPortOnly(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil || ua.Scheme != "http" || ub.Scheme != "http" {
		return false
	}
	h := ua.Hostname()
	if h != "127.0.0.1" && h != "::1" || h != ub.Hostname() {
		return false
	}
	return ua.Path == ub.Path && ua.RawQuery == ub.RawQuery
}

// authorize is /oauth/authorize: GET validates the request as league 8.x does, then shows
// the consent page (or approves at once with ?auto=approve); POST is the consent form.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		s.decide(w, r)
		return
	}
	q := r.URL.Query()
	if q.Get("response_type") != "code" || q.Get("client_id") == "" {
		oauthError{status: 400, code: "unsupported_grant_type", desc: descUnsupported, hint: hintUnsupported}.write(w, r)
		return
	}
	if q.Get("client_id") != s.client.ID || s.faults.has(FaultUnknownClient) || s.faults.has(FaultClientRevoked) {
		invalidClient().write(w, r)
		return
	}
	redirectURI := q.Get("redirect_uri")
	if redirectURI == "" {
		if len(s.client.RedirectURIs) != 1 {
			invalidClient().write(w, r)
			return
		}
		redirectURI = s.client.RedirectURIs[0]
	} else if !s.registered(redirectURI) {
		invalidClient().write(w, r)
		return
	}
	scopes := strings.Fields(q.Get("scope"))
	for _, sc := range scopes {
		if !slices.Contains(knownScopes, sc) || s.faults.has(FaultScopeUnknown) {
			invalidScope(sc).redirect(w, redirectURI, "") // 8.x: no state on this redirect
			return
		}
	}
	challenge, method := q.Get("code_challenge"), q.Get("code_challenge_method")
	if challenge != "" {
		if method == "" {
			method = "plain"
		}
		if method != "S256" && method != "plain" {
			invalidRequest("code_challenge_method", "Code challenge method must be one of `S256`, `plain`").write(w, r)
			return
		}
		if !pkcePattern().MatchString(challenge) {
			invalidRequest("code_challenge", "Code challenge must follow the specifications of RFC-7636.").write(w, r)
			return
		}
	}
	p := pendingAuth{redirectURI: redirectURI, state: q.Get("state"), challenge: challenge, method: method,
		scopes: scopes, expires: s.opts.Now().Add(time.Hour)}
	switch {
	case s.faults.has(FaultUserDenied) || q.Get("auto") == "deny":
		s.deny(w, p)
	case s.opts.AutoApprove || q.Get("auto") == "approve":
		s.approve(w, p)
	default:
		token := randomID(20)
		s.st.mu.Lock()
		s.st.pending[token] = p
		s.st.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		_ = consentPage().Execute(w, map[string]any{"App": s.client.Name, "User": demoUser.Name, "Scopes": scopes, "Token": token})
	}
}

func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	token := r.PostFormValue("auth_token")
	s.st.mu.Lock()
	p, ok := s.st.pending[token]
	delete(s.st.pending, token)
	s.st.mu.Unlock()
	if !ok || s.opts.Now().After(p.expires) {
		// Passport: the auth token of the form is not the one in the session.
		writeRaw(w, http.StatusForbidden, "text/html; charset=UTF-8",
			htmlPage(403, "The provided auth token for the request is different from the session auth token."))
		return
	}
	if r.PostFormValue("decision") == "approve" && !s.faults.has(FaultUserDenied) {
		s.approve(w, p)
		return
	}
	s.deny(w, p)
}

func (s *Server) approve(w http.ResponseWriter, p pendingAuth) {
	code := s.st.newCode(codeRec{clientID: s.client.ID, redirectURI: p.redirectURI, challenge: p.challenge,
		method: p.method, scopes: p.scopes, userID: demoUser.ID, expires: s.opts.Now().Add(codeTTL)})
	v := url.Values{"code": {code}}
	if p.state != "" {
		v.Set("state", p.state)
	}
	sep := "?"
	if strings.Contains(p.redirectURI, "?") {
		sep = "&"
	}
	w.Header().Set("Location", p.redirectURI+sep+v.Encode())
	w.WriteHeader(http.StatusFound)
}

func (s *Server) deny(w http.ResponseWriter, p pendingAuth) {
	oauthError{status: 401, code: "access_denied", desc: descAccessDenied, hint: hintUserDenied}.redirect(w, p.redirectURI, p.state)
}

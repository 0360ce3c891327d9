package server

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ory/fosite"
)

// pendingLogin is an authorization request waiting at the sign-in page.
type pendingLogin struct {
	ar      fosite.AuthorizeRequester
	expires time.Time
}

// loginWait is how long a sign-in page stays valid.
const loginWait = 10 * time.Minute

// authorize validates the request through fosite (client, redirect_uri, scopes, response
// type), then signs the user in: at once when the test harness answers for the person
// (ConsentHeader), otherwise through the sign-in page.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ar, err := s.provider.NewAuthorizeRequest(ctx, r)
	if err != nil {
		s.authorizeError(ctx, w, r, ar, s.refineScopeError(err, strings.Fields(r.Form.Get("scope"))))
		return
	}
	switch r.Header.Get(ConsentHeader) {
	case "approve":
		s.approve(ctx, w, ar)
	case "deny":
		s.provider.WriteAuthorizeError(ctx, w, ar, fosite.ErrAccessDenied)
	case "":
		challenge := s.remember(ar)
		http.Redirect(w, r, PathLogin+"?login_challenge="+challenge, http.StatusFound)
	default:
		http.Error(w, ConsentHeader+" must be approve or deny", http.StatusBadRequest)
	}
}

// authorizeError answers a refused authorization request. fosite sends it back to the
// client's redirect_uri when that is known good, and otherwise writes it as JSON; with
// ErrorPageRedirect the browser goes to the server's error page instead, carrying the same
// error and description fosite would have written.
func (s *Server) authorizeError(ctx context.Context, w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester, err error) {
	if !s.opts.ErrorPageRedirect || ar.IsRedirectURIValid() {
		s.provider.WriteAuthorizeError(ctx, w, ar, err)
		return
	}
	v := fosite.ErrorToRFC6749Error(err).ToValues()
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, PathErrorPage+"?"+v.Encode(), http.StatusFound)
}

// refineScopeError tells apart the two refusals fosite words alike: fosite knows only the
// client's allowed scopes, so it says a scope the server has never heard of is "not allowed
// for the client". A scope the server does not define gets fosite's own invalid_scope answer
// ("invalid, unknown, or malformed") instead; a defined one keeps fosite's wording.
func (s *Server) refineScopeError(err error, requested []string) error {
	if !errors.Is(err, fosite.ErrInvalidScope) {
		return err
	}
	for _, sc := range requested {
		if !slices.Contains(s.scopes, sc) {
			return fosite.ErrInvalidScope.WithWrap(err).WithDebugf("the server does not define scope %q", sc)
		}
	}
	return err
}

// approve signs the test user in and grants every requested scope (fosite has already
// checked them against the client's), then sends the code back through fosite.
func (s *Server) approve(ctx context.Context, w http.ResponseWriter, ar fosite.AuthorizeRequester) {
	for _, sc := range ar.GetRequestedScopes() {
		ar.GrantScope(sc)
	}
	for _, a := range ar.GetRequestedAudience() {
		ar.GrantAudience(a)
	}
	resp, err := s.provider.NewAuthorizeResponse(ctx, ar, &fosite.DefaultSession{Subject: Subject, Username: Subject})
	if err != nil {
		s.provider.WriteAuthorizeError(ctx, w, ar, err)
		return
	}
	s.provider.WriteAuthorizeResponse(ctx, w, ar, resp)
}

// remember keeps an authorization request for the sign-in page and returns its challenge.
func (s *Server) remember(ar fosite.AuthorizeRequester) string {
	now := time.Now()
	challenge := randomString(16)
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, p := range s.pending {
		if now.After(p.expires) {
			delete(s.pending, k)
		}
	}
	s.pending[challenge] = pendingLogin{ar: ar, expires: now.Add(loginWait)}
	return challenge
}

// take returns and forgets the request waiting under a challenge.
func (s *Server) take(challenge string) (fosite.AuthorizeRequester, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pending[challenge]
	delete(s.pending, challenge)
	if !ok || time.Now().After(p.expires) {
		return nil, false
	}
	return p.ar, true
}

var loginTmpl = template.Must(template.New("login").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>Sign in</title></head>
<body><h1>Sign in to the test server</h1>
<p>{{.Client}} asks for: {{range .Scopes}}<code>{{.}}</code> {{else}}no scope{{end}}</p>
<form method="post" action="` + PathLogin + `">
<input type="hidden" name="login_challenge" value="{{.Challenge}}">
<button name="action" value="approve">Sign in as ` + Subject + ` and allow</button>
<button name="action" value="deny">Deny</button>
</form></body></html>
`))

// loginPage is the sign-in and consent screen for a person driving the flow by hand.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	challenge := r.URL.Query().Get("login_challenge")
	s.mu.Lock()
	p, ok := s.pending[challenge]
	s.mu.Unlock()
	if !ok {
		http.Error(w, "this sign-in page has expired or was already used; start again from the application", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = loginTmpl.Execute(w, map[string]any{"Client": p.ar.GetClient().GetID(), "Scopes": p.ar.GetRequestedScopes(), "Challenge": challenge})
}

// loginAnswer finishes the authorization request the person approved or denied.
func (s *Server) loginAnswer(w http.ResponseWriter, r *http.Request) {
	ar, ok := s.take(r.PostFormValue("login_challenge"))
	if !ok {
		http.Error(w, "this sign-in page has expired or was already used; start again from the application", http.StatusNotFound)
		return
	}
	if r.PostFormValue("action") == "approve" {
		s.approve(r.Context(), w, ar)
		return
	}
	s.provider.WriteAuthorizeError(r.Context(), w, ar, fosite.ErrAccessDenied)
}

var errorTmpl = template.Must(template.New("error").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>An error occurred</title></head>
<body><h1>An error occurred</h1><p><b>{{.Error}}</b></p><p>{{.Description}}</p></body></html>
`))

// errorPage shows an error that could not be sent back to the application.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = errorTmpl.Execute(w, map[string]string{"Error": q.Get("error"), "Description": q.Get("error_description")})
}

package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// foreignServer is an OAuth 2.0 server that is not Passport, answering as the generic
// servers do (node-oidc-provider, ory/fosite, go-oauth2): plain RFC 6749 bodies with
// error and error_description and no hint or message, a client registered for one way of
// sending its credentials, errors on the authorize endpoint shown as a page. check must
// name its faults as well as it names the sandbox's.
type foreignServer struct {
	clients   map[string]foreignClient
	redirects []string
	scopes    []string
	// dropUnknownScopes issues the token without scopes it does not know instead of
	// refusing them, and says so only in the answer's scope field.
	dropUnknownScopes bool
	// page is how the authorize endpoint shows an error it cannot send back to the
	// redirect URI: "json", "html" or "text"; or "league", one invalid_client for an
	// unknown client and an unregistered redirect URI alike, as league/oauth2-server does.
	page string
	// bare401 refuses a client with 401 and an empty body.
	bare401 bool
	// namesMethod checks the way of sending before the secret and, when it is wrong, names
	// the method the client is registered for (as ory/fosite does).
	namesMethod bool
	// scopeError is the code an unknown scope is refused with (invalid_scope when empty).
	scopeError string
	// noClientCredentials refuses the client_credentials grant after authenticating the
	// client, as a server that offers only the authorization code flow does.
	noClientCredentials bool
}

type foreignClient struct {
	secret string
	method string // "post", "basic" or "both"
}

const (
	foreignRedirect    = "http://127.0.0.1:3090/callback"
	foreignSecret      = "foreign-secret-value-0123456789"
	foreignAccessToken = "foreign-access-token-0123456789"
)

func newForeignServer(t *testing.T, configure func(*foreignServer)) *httptest.Server {
	t.Helper()
	fs := &foreignServer{
		clients: map[string]foreignClient{
			"both-client":  {foreignSecret, "both"},
			"post-client":  {foreignSecret, "post"},
			"basic-client": {foreignSecret, "basic"},
		},
		redirects: []string{foreignRedirect},
		scopes:    []string{"view-user", "detail-user"},
		page:      "json",
	}
	if configure != nil {
		configure(fs)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /connect/token", fs.token)
	mux.HandleFunc("GET /connect/authorize", fs.authorize)
	mux.HandleFunc("GET /", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "an OAuth 2.0 server") })
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

func answerJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func oauthErr(code, desc string) map[string]string {
	return map[string]string{"error": code, "error_description": desc}
}

func (fs *foreignServer) refuseClient(w http.ResponseWriter, basic bool) {
	if basic {
		w.Header().Set("WWW-Authenticate", `Basic realm="token"`)
	}
	if fs.bare401 {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	answerJSON(w, http.StatusUnauthorized, oauthErr("invalid_client", "client authentication failed"))
}

func (fs *foreignServer) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		answerJSON(w, 400, oauthErr("invalid_request", "the body is not form-encoded"))
		return
	}
	id, secret, basic := r.BasicAuth()
	if basic && r.PostForm.Get("client_secret") != "" {
		answerJSON(w, 400, oauthErr("invalid_request", "credentials sent two ways at once"))
		return
	}
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	c, known := fs.clients[id]
	wrongWay := c.method == "post" && basic || c.method == "basic" && !basic
	switch {
	case known && wrongWay && fs.namesMethod:
		answerJSON(w, http.StatusUnauthorized, oauthErr("invalid_client",
			"client authentication failed: this client is registered for client_secret_"+c.method))
		return
	case !known, secret != c.secret, wrongWay:
		fs.refuseClient(w, basic)
		return
	}
	if fs.noClientCredentials {
		answerJSON(w, 400, oauthErr("unauthorized_client", "this client may not use the client_credentials grant"))
		return
	}
	if g := r.PostForm.Get("grant_type"); g != "client_credentials" {
		answerJSON(w, 400, oauthErr("unsupported_grant_type", "grant "+g+" is not supported here"))
		return
	}
	var granted []string
	for _, s := range strings.Fields(r.PostForm.Get("scope")) {
		switch {
		case slices.Contains(fs.scopes, s):
			granted = append(granted, s)
		case fs.scopeError != "":
			answerJSON(w, 400, oauthErr(fs.scopeError, "unknown scope "+s))
			return
		case !fs.dropUnknownScopes:
			answerJSON(w, 400, oauthErr("invalid_scope", "The requested scope is invalid, unknown, or malformed"))
			return
		}
	}
	answerJSON(w, 200, map[string]any{"access_token": foreignAccessToken, "token_type": "Bearer",
		"expires_in": 600, "scope": strings.Join(granted, " ")})
}

// authorize checks the client, then the redirect URI, then the scopes. Until the redirect
// URI is known good an error is shown as a page; after, it goes back to the client.
func (fs *foreignServer) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if _, ok := fs.clients[q.Get("client_id")]; !ok {
		fs.errorPage(w, "invalid_client", "client is invalid")
		return
	}
	if !slices.Contains(fs.redirects, q.Get("redirect_uri")) {
		switch fs.page {
		case "league":
			fs.errorPage(w, "invalid_client", "client is invalid")
		case "html":
			fs.errorPage(w, "invalid_redirect_uri", "this redirect_uri was never registered")
		case "text":
			fs.errorPage(w, "", "unknown redirect uri")
		case "words":
			fs.errorPage(w, "", "Invalid redirect URI")
		default:
			fs.errorPage(w, "invalid_request", "the redirect_uri is not one of the client's registered redirect URIs")
		}
		return
	}
	for _, s := range strings.Fields(q.Get("scope")) {
		if !slices.Contains(fs.scopes, s) && !fs.dropUnknownScopes {
			back := url.Values{"error": {"invalid_scope"}, "error_description": {"unknown scope"}, "state": {q.Get("state")}}
			http.Redirect(w, r, q.Get("redirect_uri")+"?"+back.Encode(), http.StatusSeeOther)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, `<!doctype html><html><head><title>Sign in</title></head><body><form method="post"><input name="password" type="password"></form></body></html>`)
}

func (fs *foreignServer) errorPage(w http.ResponseWriter, code, desc string) {
	switch fs.page {
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(400)
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>something went wrong</title><style>p{margin:0}</style></head>`+
			`<body><h1>something went wrong</h1><p><b>error</b>: %s</p><p><b>error_description</b>: %s</p></body></html>`, code, desc)
	case "words":
		// A page with no OAuth code on it, only words.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(400)
		fmt.Fprintf(w, `<html><head><title>%s</title></head><body><h1>%s</h1><p>Ask the site's administrator.</p></body></html>`, desc, desc)
	case "text":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(400)
		fmt.Fprintln(w, strings.TrimSpace(code+" "+desc))
	default:
		answerJSON(w, 400, oauthErr(code, desc))
	}
}

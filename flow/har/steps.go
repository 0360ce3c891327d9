package har

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Kind names what a step of the sign-in is.
type Kind string

// The kinds of step, in the order a sign-in usually goes through them.
const (
	KindAuthorize Kind = "authorize" // the app sends the browser to /oauth/authorize
	KindSignIn    Kind = "sign_in"   // the provider's login pages and form posts
	KindConsent   Kind = "consent"   // the consent form's answer (POST /oauth/authorize)
	KindCallback  Kind = "callback"  // the browser back at the app's redirect_uri, and the app's answer
	KindToken     Kind = "token"     // a token request from the browser (SPA, public client)
	KindRefresh   Kind = "refresh"   // a token request with grant_type=refresh_token
	KindAPI       Kind = "api"       // /api/user, /api/user/details, userinfo, or a Bearer call
)

// found is a step while the trace is built: the raw values the cross-step checks compare
// live here and never leave the package.
type found struct {
	kind     Kind
	e        *entry
	at       time.Time
	url      string             // raw; for a callback the full callback URL with any fragment
	params   []field            // authorize and callback: query and fragment; token: the body
	synth    bool               // a callback seen only as a redirect's target, never followed
	endpoint knowledge.Endpoint // the Observation endpoint of an API call

	obs      knowledge.Observation
	verdict  check.Status
	summary  string
	findings []string // cross-step findings, in words
}

// Provider paths, matched as path suffixes (lower case, no trailing slash).
var (
	authorizePaths = []string{"/oauth/authorize", "/oauth2/auth", "/oauth2/authorize", "/oauth2/v2.0/authorize",
		"/protocol/openid-connect/auth", "/connect/authorize"}
	tokenPaths = []string{"/oauth/token", "/oauth2/token", "/oauth2/v2.0/token", "/protocol/openid-connect/token",
		"/connect/token"}
	apiPaths = []struct {
		suffix   string
		endpoint knowledge.Endpoint
	}{
		{"/api/user/details", "api_user_details"}, {"/api/user", "api_user"}, {"/api/logout-sso", "logout"},
		{"/userinfo", "api_user"}, {"/oauth/userinfo", "api_user"},
	}
)

func hasSuffix(u string, list []string) bool {
	p := strings.ToLower(strings.TrimRight(pathOf(u), "/"))
	for _, s := range list {
		if strings.HasSuffix(p, s) {
			return true
		}
	}
	return false
}

func apiEndpoint(u string) knowledge.Endpoint {
	p := strings.ToLower(strings.TrimRight(pathOf(u), "/"))
	for _, a := range apiPaths {
		if strings.HasSuffix(p, a.suffix) {
			return a.endpoint
		}
	}
	return ""
}

func isAuthorize(e *entry) bool {
	if e.req.method != "GET" && e.req.method != "" {
		return false
	}
	if hasSuffix(e.req.url, authorizePaths) {
		return true
	}
	ps := urlParams(e.req.url)
	return value(ps, "response_type") != "" && value(ps, "client_id") != ""
}

func isToken(e *entry) bool {
	if e.req.method != "POST" {
		return false
	}
	if value(e.bodyParams(), "grant_type") != "" {
		return true
	}
	return hasSuffix(e.req.url, tokenPaths)
}

func bearerOf(e *entry) (string, bool) {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(e.req.header("Authorization")), " ")
	return strings.TrimSpace(cred), ok && strings.EqualFold(scheme, "bearer")
}

// looksLikeCallback says whether parameters are what a provider sends back to an app.
func looksLikeCallback(ps []field) bool {
	_, code := get(ps, "code", false)
	_, state := get(ps, "state", false)
	_, errp := get(ps, "error", false)
	_, desc := get(ps, "error_description", false)
	return code && state || errp && (state || desc)
}

// collect walks the entries in time order and picks out the OAuth steps.
func (h *HAR) collect() []*found {
	es := h.entries
	providers := map[string]bool{}
	var redirectURIs []string
	for i := range es {
		if isAuthorize(&es[i]) {
			providers[hostOf(es[i].req.url)] = true
			if r := value(urlParams(es[i].req.url), "redirect_uri"); r != "" {
				redirectURIs = append(redirectURIs, r)
			}
		}
	}
	// Where each redirect points, so a callback whose answer sits in the fragment (never
	// sent to the server, so absent from the followed request) is still read whole, and a
	// callback the browser never followed is still seen.
	targets := map[string]int{}
	for i := range es {
		if s := es[i].resp.status; s >= 300 && s < 400 {
			if loc := es[i].location(); loc != "" {
				key, _, _ := strings.Cut(loc, "#")
				targets[key] = i
			}
		}
	}
	isRedirectURI := func(u string) bool {
		for _, r := range redirectURIs {
			if sameEndpoint(u, r) {
				return true
			}
		}
		return false
	}
	issued := map[string]bool{} // access tokens seen in token responses
	var out []*found
	followed := map[int]bool{}
	open := false // between an authorize request and its callback
	for i := range es {
		e := &es[i]
		if e.req.url == "" || e.req.method == "OPTIONS" {
			continue
		}
		f := &found{e: e, at: e.started, url: e.req.url}
		switch {
		case isToken(e):
			f.kind, f.params = KindToken, e.bodyParams()
			if value(f.params, "grant_type") == "refresh_token" {
				f.kind = KindRefresh
			}
			for _, tok := range issuedTokens(e) {
				issued[tok] = true
			}
		case isAuthorize(e):
			f.kind, f.params = KindAuthorize, urlParams(e.req.url)
			open = true
		case e.req.method == "POST" && hasSuffix(e.req.url, authorizePaths):
			f.kind = KindConsent
		default:
			key, _, _ := strings.Cut(e.req.url, "#")
			ps := urlParams(e.req.url)
			if j, ok := targets[key]; ok {
				loc := es[j].location()
				if _, frag, ok := strings.Cut(loc, "#"); ok {
					ps = append(ps, formParams(frag)...)
					f.url = key + "#" + frag
				}
			}
			if e.req.method == "POST" && !e.isStatic() {
				ps = append(ps, e.bodyParams()...) // response_mode=form_post
			}
			tok, bearer := bearerOf(e)
			ep := apiEndpoint(e.req.url)
			host := hostOf(e.req.url)
			switch {
			case (isRedirectURI(e.req.url) && (open || looksLikeCallback(ps))) || looksLikeCallback(ps) && !providers[host]:
				f.kind, f.params = KindCallback, ps
				open = false
				if j, ok := targets[key]; ok {
					followed[j] = true
				}
			case bearer && (providers[host] || issued[tok] || ep != ""), ep != "" && providers[host]:
				f.kind, f.endpoint = KindAPI, ep
			case open && providers[host] && e.isPage():
				f.kind = KindSignIn
			default:
				continue
			}
		}
		out = append(out, f)
	}
	return append(out, unfollowed(es, targets, followed, isRedirectURI, out)...)
}

// unfollowed makes callback steps of redirects to the app that the recording never
// followed (the recording stopped, the app is a native one, or the answer was in the
// fragment of a page that then changed), so their code or error is still read.
func unfollowed(es []entry, targets map[string]int, followed map[int]bool, isRedirectURI func(string) bool, seen []*found) []*found {
	delivered := map[string]bool{} // codes and errors a followed callback already carries
	for _, f := range seen {
		if f.kind == KindCallback {
			delivered[value(f.params, "code")+"|"+value(f.params, "error")] = true
		}
	}
	var out []*found
	for _, j := range slices.Sorted(maps.Values(targets)) {
		if followed[j] {
			continue
		}
		e := &es[j]
		loc := e.location()
		ps := urlParams(loc)
		if !looksLikeCallback(ps) && !(isRedirectURI(loc) && (value(ps, "code") != "" || value(ps, "error") != "")) ||
			delivered[value(ps, "code")+"|"+value(ps, "error")] {
			continue // not a callback, or one the recording shows arriving (its URL spelt another way)
		}
		out = append(out, &found{kind: KindCallback, e: e, at: e.started.Add(e.dur), url: loc, params: ps, synth: true})
	}
	return out
}

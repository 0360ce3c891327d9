package config

import (
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// knownScopes are the scopes the provider defines.
var knownScopes = map[string]bool{"view-user": true, "detail-user": true}

var pkceVerifier = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9\-._~]{43,128}$`) })

// Validate returns every value that is malformed (Warning false: checks that need it are
// pointless) or risky (Warning true). Missing credentials are not problems here: the probes
// that need them say so when they skip.
func (c *Config) Validate() Problems {
	var ps Problems
	l := c.Lang
	// msg is an English predicate of this file (each wrapped in lang.N where it is written).
	add := func(key, value, msg string, warn bool) {
		s, _ := lookup(key)
		ps = append(ps, Problem{Key: key, Source: c.SourceOf(key), Value: display(s, value),
			Msg: l.T(msg), Want: s.WantIn(l), Warning: warn, Lang: l})
	}

	if msg := urlProblem(c.BaseURL, true, l); msg != "" {
		add(KeyBaseURL, c.BaseURL, msg, false)
	} else if u, _ := url.Parse(c.BaseURL); u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		add(KeyBaseURL, c.BaseURL, lang.N("uses plain HTTP to another machine, so no secret will be sent to it"), true)
	}
	for _, k := range []string{KeyAuthorizePath, KeyTokenPath, KeyUserPath, KeyUserDetailsPath, KeyLogoutPath, KeyDiscoveryPath} {
		v, _ := c.Get(k)
		switch {
		case v == "":
			add(k, v, lang.N("is empty"), false)
		case isAbsURL(v):
			if msg := urlProblem(v, false, l); msg != "" {
				add(k, v, msg, false)
			}
		case !strings.HasPrefix(v, "/"):
			add(k, v, lang.N("does not start with /"), false)
		case strings.ContainsAny(v, " ?#"):
			add(k, v, lang.N("contains a space, ? or #"), false)
		}
	}

	if msg := tidy(c.ClientID); msg != "" {
		add(KeyClientID, c.ClientID, msg, false)
	}
	if msg := tidy(c.ClientSecret); msg != "" {
		add(KeyClientSecret, c.ClientSecret, msg, false)
	}
	if c.ClientSecret != "" && c.ClientID == "" {
		add(KeyClientID, "", lang.N("is not set although a client secret is"), false)
	}
	if c.RedirectURI != "" {
		if msg := tidy(c.RedirectURI); msg != "" {
			add(KeyRedirectURI, c.RedirectURI, msg, false)
		} else if u, err := url.Parse(c.RedirectURI); err != nil || !u.IsAbs() || u.Host == "" && (u.Scheme == "http" || u.Scheme == "https") {
			add(KeyRedirectURI, c.RedirectURI, lang.N("is not an absolute URL"), false)
		} else if u.Fragment != "" || strings.Contains(c.RedirectURI, "#") {
			add(KeyRedirectURI, c.RedirectURI, lang.N("has a #fragment, which OAuth forbids in a redirect URI"), false)
		} else if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
			add(KeyRedirectURI, c.RedirectURI, lang.N("uses plain HTTP; the provider accepts that only for local development, production needs https"), true)
		}
	}
	c.validateScopes(add)
	for _, k := range []string{KeyAccessToken, KeyRefreshToken, KeyCode} {
		v, _ := c.Get(k)
		if msg := tidy(v); msg != "" {
			add(k, v, msg, false)
		}
	}
	if strings.HasPrefix(strings.ToLower(c.AccessToken), "bearer ") {
		add(KeyAccessToken, c.AccessToken, lang.N("starts with \"Bearer \""), false)
	}
	if c.CodeVerifier != "" && !pkceVerifier().MatchString(c.CodeVerifier) {
		add(KeyCodeVerifier, c.CodeVerifier, lang.N("is not a valid PKCE verifier (RFC 7636)"), false)
	}
	return ps
}

func (c *Config) validateScopes(add func(key, value, msg string, warn bool)) {
	raw := c.ScopeString()
	for _, s := range c.Scopes {
		if strings.ContainsAny(s, ",+;") {
			add(KeyScopes, raw, lang.N("is not separated by spaces (found , + or ;)"), false)
			return
		}
	}
	for _, s := range c.Scopes {
		if !knownScopes[s] {
			add(KeyScopes, raw, c.Lang.Tf("names %s, which Mubarokah ID does not define (it has view-user and detail-user)", s), true)
		}
	}
}

// urlProblem says what is wrong with an http(s) URL, or "".
func urlProblem(raw string, base bool, l lang.Lang) string {
	if msg := tidy(raw); msg != "" {
		return msg
	}
	if raw == "" {
		return lang.N("is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return lang.N("is not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return lang.N("does not start with https:// or http://")
	}
	if u.Host == "" {
		return lang.N("has no host")
	}
	if u.User != nil {
		// Go's client would send these as HTTP Basic to every endpoint, and every message
		// would repeat the URL.
		return lang.N("has a user name or password (user:pass@) in it; give the client's credentials with --client-id and --client-secret")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return lang.N("has a query or fragment")
	}
	if base && u.Path != "" && u.Path != "/" {
		return l.Tf("has a path (%s); set the endpoint paths instead", u.Path)
	}
	return ""
}

// tidy finds the copy-and-paste slips that break credentials silently.
func tidy(v string) string {
	switch {
	case v == "":
		return ""
	case strings.TrimSpace(v) != v:
		return lang.N("has leading or trailing whitespace")
	case len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\''):
		return lang.N("is wrapped in quotes")
	case strings.ContainsAny(v, " \t\r\n"):
		return lang.N("contains whitespace")
	}
	return ""
}

// Errors returns only the problems that are not warnings.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

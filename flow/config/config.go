// Package config gathers what the live checks need to know: where the Mubarokah ID server is,
// its endpoint paths, the client's credentials, and the tokens or code a person hands over.
// Each value comes from a flag, the environment, a .env file in the working directory or a
// default, in that order, and remembers which; Describe shows them with secrets masked, and
// every message about a bad value names the value, where it came from and what would be right.
package config

import (
	"maps"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Endpoint names, the same words flow/evidence and the catalogue use.
const (
	EndpointAuthorize   = knowledge.EndpointAuthorize
	EndpointToken       = knowledge.EndpointToken
	EndpointUser        = knowledge.EndpointUser
	EndpointUserDetails = knowledge.EndpointUserDetails
	EndpointLogout      = knowledge.EndpointLogout
	EndpointDiscovery   = knowledge.EndpointDiscovery
)

// Defaults as the provider documents them.
const (
	DefaultBaseURL         = "https://accounts.mubarokah.com"
	DefaultAuthorizePath   = "/oauth/authorize"
	DefaultTokenPath       = "/oauth/token"
	DefaultUserPath        = "/api/user"
	DefaultUserDetailsPath = "/api/user/details"
	DefaultLogoutPath      = "/api/logout-sso"
	DefaultDiscoveryPath   = "/.well-known/openid-configuration"
	DefaultScopes          = "view-user"
	DefaultTimeout         = 10 * time.Second
)

// Config is one target and the credentials to test it with. Secrets sit here whole because
// the probes must send them; they leave only through Describe, which masks them.
type Config struct {
	BaseURL         string
	AuthorizePath   string // a path under BaseURL, or a full URL
	TokenPath       string
	UserPath        string
	UserDetailsPath string
	LogoutPath      string
	DiscoveryPath   string

	ClientID     string
	ClientSecret string
	RedirectURI  string
	Scopes       []string
	// AuthStyle is how token requests other than the client-authentication probe send the
	// client's credentials: "body" (what every provider example does) or "basic".
	AuthStyle string
	Timeout   time.Duration

	AccessToken  string
	RefreshToken string
	Code         string // an authorization code to exchange
	CodeVerifier string // the PKCE verifier the code was requested with

	// SaveRefreshToken is a file the refresh probe writes a rotated refresh token to, mode
	// 0600, so it is never printed.
	SaveRefreshToken string

	// Lang is the language the probes, the checks and this package's messages speak to a
	// person in; ids, codes and what the matcher reads stay English. The zero value is English.
	Lang lang.Lang

	sources map[string]Source
	// allowed are the probes the person let spend what they use up (see Allowing). Which
	// probes need it, and how they ask, is the probe registry's knowledge, not this
	// package's.
	allowed map[string]bool
}

// Allowing returns a copy of the configuration that also lets the probes with these ids
// spend what they use up (a code, a refresh token). The set is copied, never shared: a
// Config travels by value, and one copy's consent must not leak into another's.
func (c Config) Allowing(ids ...string) Config {
	m := make(map[string]bool, len(c.allowed)+len(ids))
	maps.Copy(m, c.allowed)
	for _, id := range ids {
		m[id] = true
	}
	c.allowed = m
	return c
}

// Allows reports whether the person let the probe with this id spend what it uses up.
func (c Config) Allows(id string) bool { return c.allowed[id] }

// Source says where a value came from.
type Source struct {
	Kind string // flag, env, dotenv, default, discovery, set
	Name string // the flag, variable or file
}

// The kinds of Source.
const (
	FromFlag      = "flag"
	FromEnv       = "env"
	FromDotEnv    = "dotenv"
	FromDefault   = "default"
	FromDiscovery = "discovery"
	FromSet       = "set" // changed at run time, e.g. in the wizard's settings
)

// String reads as a phrase: "flag --client-id", "environment MUBAROKAH_CLIENT_ID".
func (s Source) String() string { return s.In(lang.English) }

// In is String in l.
func (s Source) In(l lang.Lang) string {
	switch s.Kind {
	case FromFlag:
		return l.T("flag --") + s.Name
	case FromEnv:
		return l.T("environment ") + s.Name
	case FromDotEnv:
		return s.Name
	case FromDiscovery:
		return "OpenID discovery"
	case FromSet:
		return l.T("set in this session")
	case "":
		return l.T("not set")
	}
	return l.T("default")
}

// SourceOf returns where the setting with the given key came from.
func (c *Config) SourceOf(key string) Source {
	if s, ok := c.sources[key]; ok {
		return s
	}
	return Source{}
}

// SetSource records where a setting came from; the wizard's settings screen uses FromSet.
// The record is copied on change: a Config travels by value, and a copy that takes an
// endpoint from discovery must not change where the original's came from (nor race with
// another copy doing the same).
func (c *Config) SetSource(key string, s Source) {
	m := make(map[string]Source, len(c.sources)+1)
	maps.Copy(m, c.sources)
	m[key] = s
	c.sources = m
}

// Default returns the built-in configuration: the provider's host and paths, no credentials.
func Default() Config {
	c := Config{}
	for _, s := range settings {
		if s.def != "" {
			_ = s.set(&c, s.def)
			c.SetSource(s.Key, Source{Kind: FromDefault})
		}
	}
	return c
}

// URL returns the full address of an endpoint (one of the Endpoint* names), or "" when the
// name is unknown. A path that is itself a full URL is used as it is.
func (c *Config) URL(endpoint knowledge.Endpoint) string {
	var p string
	switch endpoint {
	case EndpointAuthorize:
		p = c.AuthorizePath
	case EndpointToken:
		p = c.TokenPath
	case EndpointUser:
		p = c.UserPath
	case EndpointUserDetails:
		p = c.UserDetailsPath
	case EndpointLogout:
		p = c.LogoutPath
	case EndpointDiscovery:
		p = c.DiscoveryPath
	default:
		return ""
	}
	if isAbsURL(p) {
		return p
	}
	return strings.TrimRight(c.BaseURL, "/") + "/" + strings.TrimLeft(p, "/")
}

// ScopeString is the scopes as the provider wants them: space-separated.
func (c *Config) ScopeString() string { return strings.Join(c.Scopes, " ") }

// SecretValues lists the secrets the configuration holds, for a redact.Set.
func (c *Config) SecretValues() []string {
	var out []string
	for _, v := range []string{c.ClientSecret, c.AccessToken, c.RefreshToken, c.Code, c.CodeVerifier} {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// SecretSet is a redact.Set of the secrets the configuration holds, to scrub any text
// before it leaves the program.
func (c *Config) SecretSet() *redact.Set {
	set := &redact.Set{}
	c.AddSecrets(set)
	return set
}

// AddSecrets registers the configuration's secrets in set, the client secret with the HTTP
// Basic credentials it makes with the client id.
func (c *Config) AddSecrets(set *redact.Set) {
	set.Add(c.SecretValues()...)
	if c.ClientSecret != "" {
		set.AddBasic(c.ClientID, c.ClientSecret)
	}
}

// SecureFor reports whether secrets may be sent to rawURL: over HTTPS, or over plain HTTP
// only to this machine.
func SecureFor(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return true
	case "http":
		return IsLoopback(u.Hostname())
	}
	return false
}

// IsLoopback reports whether host names this machine: localhost or a loopback address.
func IsLoopback(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func isAbsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

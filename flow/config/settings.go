package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// Setting describes one value of the configuration: its flag, its variable, whether it is
// a secret, and what a good value looks like.
type Setting struct {
	Key    string // also the flag name, without the dashes
	Env    string
	Secret bool
	Help   string
	Want   string // what a good value looks like, for messages

	def   string
	wantf bool // Want is a format taking def twice (the endpoint paths)
	set   func(*Config, string) error
	get   func(*Config) string
}

// HelpIn is Help in l.
func (s Setting) HelpIn(l lang.Lang) string { return l.T(s.Help) }

// WantIn is Want in l.
func (s Setting) WantIn(l lang.Lang) string {
	if s.wantf {
		return l.Tf(pathWant, s.def, s.def)
	}
	return l.T(s.Want)
}

// pathWant is what a good endpoint path looks like, given its default twice.
const pathWant = "a path such as %s, or a full URL such as http://127.0.0.1:8080%s"

var _ = lang.N(pathWant)

// Settings lists every setting in the order Describe shows them.
func Settings() []Setting { return append([]Setting(nil), settings...) }

// Keys of the settings, for callers that set or read one by name.
const (
	KeyBaseURL          = "base-url"
	KeyAuthorizePath    = "authorize-path"
	KeyTokenPath        = "token-path"
	KeyUserPath         = "user-path"
	KeyUserDetailsPath  = "user-details-path"
	KeyLogoutPath       = "logout-path"
	KeyDiscoveryPath    = "discovery-path"
	KeyClientID         = "client-id"
	KeyClientSecret     = "client-secret"
	KeyRedirectURI      = "redirect-uri"
	KeyScopes           = "scopes"
	KeyAuthStyle        = "auth-style"
	KeyTimeout          = "timeout"
	KeyAccessToken      = "access-token"
	KeyRefreshToken     = "refresh-token"
	KeyCode             = "code"
	KeyCodeVerifier     = "code-verifier"
	KeySaveRefreshToken = "save-refresh-token"
)

func str(field func(*Config) *string) (func(*Config, string) error, func(*Config) string) {
	return func(c *Config, v string) error { *field(c) = v; return nil },
		func(c *Config) string { return *field(c) }
}

func pathSetting(key, env, def, help string, field func(*Config) *string) Setting {
	set, get := str(field)
	return Setting{Key: key, Env: env, def: def, Help: help, set: set, get: get,
		Want: fmt.Sprintf(pathWant, def, def), wantf: true}
}

var settings = func() []Setting {
	var out []Setting
	add := func(s Setting) { out = append(out, s) }

	set, get := str(func(c *Config) *string { return &c.BaseURL })
	add(Setting{Key: KeyBaseURL, Env: "MUBAROKAH_BASE_URL", def: DefaultBaseURL, set: set, get: get,
		Help: lang.N("the Mubarokah ID server"), Want: lang.N("an http(s) URL with a host and no query, e.g. https://accounts.mubarokah.com")})
	add(pathSetting(KeyAuthorizePath, "MUBAROKAH_DOCTOR_AUTHORIZE_PATH", DefaultAuthorizePath, lang.N("authorization endpoint"), func(c *Config) *string { return &c.AuthorizePath }))
	add(pathSetting(KeyTokenPath, "MUBAROKAH_DOCTOR_TOKEN_PATH", DefaultTokenPath, lang.N("token endpoint"), func(c *Config) *string { return &c.TokenPath }))
	add(pathSetting(KeyUserPath, "MUBAROKAH_DOCTOR_USER_PATH", DefaultUserPath, lang.N("basic user API"), func(c *Config) *string { return &c.UserPath }))
	add(pathSetting(KeyUserDetailsPath, "MUBAROKAH_DOCTOR_USER_DETAILS_PATH", DefaultUserDetailsPath, lang.N("detailed user API"), func(c *Config) *string { return &c.UserDetailsPath }))
	add(pathSetting(KeyLogoutPath, "MUBAROKAH_DOCTOR_LOGOUT_PATH", DefaultLogoutPath, lang.N("global SSO logout"), func(c *Config) *string { return &c.LogoutPath }))
	add(pathSetting(KeyDiscoveryPath, "MUBAROKAH_DOCTOR_DISCOVERY_PATH", DefaultDiscoveryPath, lang.N("The OpenID discovery document"), func(c *Config) *string { return &c.DiscoveryPath }))

	set, get = str(func(c *Config) *string { return &c.ClientID })
	add(Setting{Key: KeyClientID, Env: "MUBAROKAH_CLIENT_ID", set: set, get: get,
		Help: lang.N("the application's client id"), Want: lang.N("the id Mubarokah ID issued, e.g. 0a9f8dd9-9f13-4138-abf7-566f30886cf1, without spaces or quotes")})
	set, get = str(func(c *Config) *string { return &c.ClientSecret })
	add(Setting{Key: KeyClientSecret, Env: "MUBAROKAH_CLIENT_SECRET", Secret: true, set: set, get: get,
		Help: lang.N("the application's client secret"), Want: lang.N("the secret Mubarokah ID issued with the client id, without spaces, quotes or a line break")})
	set, get = str(func(c *Config) *string { return &c.RedirectURI })
	add(Setting{Key: KeyRedirectURI, Env: "MUBAROKAH_REDIRECT_URI", set: set, get: get,
		Help: lang.N("the registered callback"), Want: lang.N("the registered callback URL exactly, e.g. https://yourapp.com/auth/callback or http://127.0.0.1:3090/callback")})
	add(Setting{Key: KeyScopes, Env: "MUBAROKAH_SCOPES", def: DefaultScopes,
		Help: lang.N("scopes to ask for"), Want: lang.N("scope names separated by spaces, e.g. \"view-user detail-user\""),
		set: func(c *Config, v string) error { c.Scopes = strings.Fields(v); return nil },
		get: func(c *Config) string { return c.ScopeString() }})
	add(Setting{Key: KeyAuthStyle, Env: "MUBAROKAH_DOCTOR_AUTH_STYLE", def: "body",
		Help: lang.N("how token requests send the client's credentials: body (client_secret_post) or basic (client_secret_basic)"), Want: lang.N("body or basic"),
		set: func(c *Config, v string) error {
			v = strings.ToLower(strings.TrimSpace(v))
			if v != "body" && v != "basic" {
				return fmt.Errorf("is %q", v) // the value itself says it
			}
			c.AuthStyle = v
			return nil
		},
		get: func(c *Config) string { return c.AuthStyle }})
	add(Setting{Key: KeyTimeout, Env: "MUBAROKAH_DOCTOR_TIMEOUT", def: DefaultTimeout.String(),
		Help: lang.N("time limit for each request"), Want: lang.N("a duration between 100ms and 10m such as 10s or 1m30s, or a number of seconds"),
		set: func(c *Config, v string) error {
			d, err := parseTimeout(v)
			if err != nil {
				return err
			}
			c.Timeout = d
			return nil
		},
		get: func(c *Config) string { return c.Timeout.String() }})

	secret := func(key, env, help, want string, field func(*Config) *string) {
		set, get := str(field)
		add(Setting{Key: key, Env: env, Secret: true, Help: help, Want: want, set: set, get: get})
	}
	secret(KeyAccessToken, "MUBAROKAH_DOCTOR_ACCESS_TOKEN", lang.N("access token for the user APIs"),
		lang.N("an access token as /oauth/token returned it (usually a JWT starting eyJ), without \"Bearer \""), func(c *Config) *string { return &c.AccessToken })
	secret(KeyRefreshToken, "MUBAROKAH_DOCTOR_REFRESH_TOKEN", lang.N("refresh token to try"),
		lang.N("a refresh token as /oauth/token returned it (usually starting def50200)"), func(c *Config) *string { return &c.RefreshToken })
	secret(KeyCode, "MUBAROKAH_DOCTOR_CODE", lang.N("authorization code to exchange"),
		lang.N("the code parameter of the callback URL, unchanged and not yet used"), func(c *Config) *string { return &c.Code })
	secret(KeyCodeVerifier, "MUBAROKAH_DOCTOR_CODE_VERIFIER", lang.N("The PKCE verifier the code was requested with"),
		lang.N("43 to 128 characters of A-Z a-z 0-9 - . _ ~"), func(c *Config) *string { return &c.CodeVerifier })

	set, get = str(func(c *Config) *string { return &c.SaveRefreshToken })
	add(Setting{Key: KeySaveRefreshToken, Env: "MUBAROKAH_DOCTOR_SAVE_REFRESH_TOKEN", set: set, get: get,
		Help: lang.N("file a rotated refresh token is written to (mode 0600)"), Want: lang.N("a file path you can write to")})
	return out
}()

// lookup returns the setting with the given key.
func lookup(key string) (Setting, bool) {
	for _, s := range settings {
		if s.Key == key {
			return s, true
		}
	}
	return Setting{}, false
}

// Get returns the current value of a setting by key; secrets come back whole, so callers
// that show it must mask it (Describe does).
func (c *Config) Get(key string) (string, bool) {
	s, ok := lookup(key)
	if !ok {
		return "", false
	}
	return s.get(c), true
}

// Set changes a setting by key, as the wizard's settings screen does, and records the source.
func (c *Config) Set(key, value string, from Source) error {
	s, ok := lookup(key)
	if !ok {
		return fmt.Errorf(c.Lang.T("there is no setting %q"), key)
	}
	if err := s.set(c, value); err != nil {
		return &Problem{Key: key, Source: from, Value: display(s, value), Msg: c.Lang.T(err.Error()), Want: s.WantIn(c.Lang), Lang: c.Lang}
	}
	c.SetSource(key, from)
	return nil
}

func parseTimeout(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	d, err := time.ParseDuration(v)
	if err != nil {
		secs, err2 := strconv.ParseFloat(v, 64)
		if err2 != nil {
			return 0, errors.New(lang.N("is not a duration"))
		}
		d = time.Duration(secs * float64(time.Second))
	}
	if d < 100*time.Millisecond || d > 10*time.Minute {
		return 0, errors.New(lang.N("is out of range"))
	}
	return d, nil
}

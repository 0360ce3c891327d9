package probe

import (
	"context"
	"os"
	"path/filepath"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Probe ids, stable: the flow graph, the CLI and the JSON output refer to them.
const (
	IDDiscovery         = "discovery"
	IDDNS               = "dns"
	IDTLS               = "tls"
	IDReachability      = "reachability"
	IDClock             = "clock"
	IDAuthorize         = "authorize"
	IDClientAuth        = "client_auth"
	IDClientCredentials = "client_credentials"
	IDCodeExchange      = "code_exchange"
	IDRefresh           = "refresh"
	IDUser              = "api_user"
	IDUserDetails       = "api_user_details"
)

// Probe is one live check as the registry knows it: its name, what it needs, whether it
// spends something and so waits for the person's consent, the endpoint it calls and how it
// runs. A new probe is one entry in registry, its method and its test.
type Probe struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Consent is set for a probe that uses something up: it runs only when the person
	// allowed it (config.Config.Allowing), and the CLI and the wizard ask in its words.
	Consent *Consent `json:"consent,omitempty"`
	// Endpoint is the endpoint the probe calls (config.Endpoint*), "" for the server's root.
	Endpoint knowledge.Endpoint `json:"-"`
	// SendsSecret marks a probe that sends a secret to Endpoint: plain HTTP only to this machine.
	SendsSecret bool `json:"-"`
	// UsesAccessToken and RevokesAccessToken order RunAll: a probe that may revoke the
	// access token (a refresh) runs after the ones that use it.
	UsesAccessToken    bool `json:"-"`
	RevokesAccessToken bool `json:"-"`

	// needs says what the configuration lacks for the probe, in words a person can act
	// on, or "" when it has all it needs (consent and the plain-HTTP rule aside).
	needs func(config.Config) string
	run   func(*Prober, context.Context, config.Config) Result
}

// Consent is what a probe that spends something says before it may run.
type Consent struct {
	// Flag is the `check` flag that allows it, without the dashes.
	Flag string `json:"flag"`
	// Help is the flag's help line.
	Help string `json:"help"`
	// Risk is what running it costs, as a phrase: the skip reason and the flag help read it.
	Risk string `json:"risk"`
	// Ask is the yes/no question a terminal asks when the flag was not given.
	Ask string `json:"ask"`
	// Warn is what the wizard shows before it asks.
	Warn string `json:"warn"`
}

// registry is every probe, in the order checks are shown.
var registry = []Probe{
	{ID: IDDiscovery, Name: lang.N("OpenID discovery"), needs: always,
		run: func(p *Prober, ctx context.Context, cfg config.Config) Result { return p.discoveryProbe(ctx, cfg) }},
	{ID: IDDNS, Name: lang.N("DNS resolves the server's host"), needs: always, run: (*Prober).dns},
	{ID: IDTLS, Name: lang.N("TLS certificate"), needs: overHTTPS, run: (*Prober).tlsCheck},
	{ID: IDReachability, Name: lang.N("Server answers"), needs: always, run: (*Prober).reachability},
	{ID: IDClock, Name: lang.N("Clock agrees with the server"), needs: always, run: (*Prober).clock},
	{ID: IDAuthorize, Name: lang.N("Authorize endpoint accepts the client"), Endpoint: config.EndpointAuthorize,
		needs: needsRedirect, run: (*Prober).authorize},
	{ID: IDClientAuth, Name: lang.N("Client authentication (body and HTTP Basic)"), Endpoint: config.EndpointToken, SendsSecret: true,
		needs: needsSecret, run: (*Prober).clientAuth},
	{ID: IDClientCredentials, Name: lang.N("Client credentials with the scopes"), Endpoint: config.EndpointToken, SendsSecret: true,
		needs: needsSecret, run: (*Prober).clientCredentials},
	{ID: IDCodeExchange, Name: lang.N("Exchange the authorization code"), Endpoint: config.EndpointToken, SendsSecret: true,
		needs: needsCode, run: (*Prober).codeExchange,
		Consent: &Consent{Flag: "exchange-code", Help: lang.N("allow exchanging --code (it is used up)"),
			Risk: lang.N("exchanging the code uses it up"),
			Ask:  lang.N("Exchange the authorization code now? It can be used only once"),
			Warn: lang.N("Exchanging the code uses it up: your application cannot exchange it afterwards.")}},
	{ID: IDRefresh, Name: lang.N("Refresh the access token"), Endpoint: config.EndpointToken, SendsSecret: true,
		RevokesAccessToken: true, needs: needsRefresh, run: (*Prober).refresh,
		Consent: &Consent{Flag: "refresh", Help: lang.N("allow refreshing with --refresh-token (it may be rotated and revoked)"),
			Risk: lang.N("a refresh may rotate the refresh token and revoke the old one"),
			Ask:  lang.N("Refresh now? The server may rotate the refresh token and revoke the old one"),
			Warn: lang.N("A refresh may rotate the refresh token and revoke the old one.")}},
	{ID: IDUser, Name: lang.N("GET /api/user with the access token"), Endpoint: config.EndpointUser, SendsSecret: true,
		UsesAccessToken: true, needs: needsAccessToken,
		run: func(p *Prober, ctx context.Context, cfg config.Config) Result { return p.api(ctx, cfg, IDUser) }},
	{ID: IDUserDetails, Name: lang.N("GET /api/user/details with the access token"), Endpoint: config.EndpointUserDetails, SendsSecret: true,
		UsesAccessToken: true, needs: needsAccessToken,
		run: func(p *Prober, ctx context.Context, cfg config.Config) Result { return p.api(ctx, cfg, IDUserDetails) }},
}

// In is the probe as a person reads it in l: its name and consent words translated.
func (p Probe) In(l lang.Lang) Probe {
	p.Name = l.T(p.Name)
	if c := p.Consent; c != nil {
		p.Consent = &Consent{Flag: c.Flag, Help: l.T(c.Help), Risk: l.T(c.Risk), Ask: l.T(c.Ask), Warn: l.T(c.Warn)}
	}
	return p
}

// All lists every probe in the order checks are shown.
func All() []Probe { return append([]Probe(nil), registry...) }

// IDs lists every probe id in order.
func IDs() []string {
	out := make([]string, len(registry))
	for i, p := range registry {
		out[i] = p.ID
	}
	return out
}

// Lookup returns the probe with the given id.
func Lookup(id string) (Probe, bool) {
	for _, p := range registry {
		if p.ID == id {
			return p, true
		}
	}
	return Probe{}, false
}

// Consenting lists the probes that spend something, for callers that ask for consent.
func Consenting() []Probe {
	var out []Probe
	for _, p := range registry {
		if p.Consent != nil {
			out = append(out, p)
		}
	}
	return out
}

// Ready reports whether a probe can run with this configuration and, when not, why in
// words a person can act on: what it needs, the person's consent when it spends something,
// and https (or this machine) for a secret. The endpoint is judged as configured; Run
// judges it again after discovery may have changed it.
func Ready(cfg config.Config, id string) (bool, string) {
	p, ok := Lookup(id)
	if !ok {
		return false, cfg.Lang.T("there is no probe ") + id
	}
	if why := p.ready(cfg); why != "" {
		return false, why
	}
	return true, ""
}

// Allowed reports whether the person let the probe spend what it uses up; a probe that
// spends nothing is always allowed.
func (p Probe) Allowed(cfg config.Config) bool {
	c := p.Consent
	return c == nil || cfg.Allows(p.ID)
}

// ready is Ready for a probe: "" when it may run.
func (p Probe) ready(cfg config.Config) string {
	if why := p.needs(cfg); why != "" {
		return why
	}
	if !p.Allowed(cfg) {
		return cfg.Lang.Tf("%s; pass --%s to allow it", cfg.Lang.T(p.Consent.Risk), p.Consent.Flag)
	}
	return p.secretProblem(cfg)
}

// secretProblem says why the probe may not send its secret to its endpoint, or "".
func (p Probe) secretProblem(cfg config.Config) string {
	if !p.SendsSecret {
		return ""
	}
	return secretTargetProblem(cfg.Lang, cfg.URL(p.Endpoint))
}

func always(config.Config) string { return "" }

func overHTTPS(cfg config.Config) string {
	if !isHTTPS(cfg.BaseURL) {
		return cfg.Lang.T("the server is reached over plain HTTP, so there is no certificate to check")
	}
	return ""
}

func needsRedirect(cfg config.Config) string {
	if cfg.ClientID == "" || cfg.RedirectURI == "" {
		return cfg.Lang.T("needs a client id and a redirect URI (--client-id/MUBAROKAH_CLIENT_ID, --redirect-uri/MUBAROKAH_REDIRECT_URI)")
	}
	return ""
}

func needsSecret(cfg config.Config) string {
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return cfg.Lang.T("needs a client id and secret (MUBAROKAH_CLIENT_ID, MUBAROKAH_CLIENT_SECRET)")
	}
	return ""
}

func needsCode(cfg config.Config) string {
	switch {
	case cfg.Code == "":
		return cfg.Lang.T("no authorization code given (--code or MUBAROKAH_DOCTOR_CODE)")
	case cfg.ClientID == "":
		return cfg.Lang.T("needs a client id (MUBAROKAH_CLIENT_ID)")
	}
	return ""
}

func needsRefresh(cfg config.Config) string {
	switch {
	case cfg.RefreshToken == "":
		return cfg.Lang.T("no refresh token given (--refresh-token or MUBAROKAH_DOCTOR_REFRESH_TOKEN)")
	case cfg.ClientID == "":
		return cfg.Lang.T("needs a client id (MUBAROKAH_CLIENT_ID)")
	}
	if why := saveTargetProblem(cfg.Lang, cfg.SaveRefreshToken); why != "" {
		// Found after the refresh, this would leave the person with a revoked token and
		// the new one lost.
		return cfg.Lang.T("not refreshing: the rotated refresh token could not be kept: ") + why
	}
	return ""
}

func needsAccessToken(cfg config.Config) string {
	if cfg.AccessToken == "" {
		return cfg.Lang.T("no access token given (--access-token or MUBAROKAH_DOCTOR_ACCESS_TOKEN)")
	}
	return ""
}

// saveTargetProblem says why a rotated refresh token could not be written to path, or ""
// (also for no path at all): saveSecret writes a file beside it and renames it over path.
func saveTargetProblem(l lang.Lang, path string) string {
	if path == "" {
		return ""
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return l.Tf("--save-refresh-token %s is a directory; give a file name in it", path)
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return l.Tf("the folder %s of --save-refresh-token does not exist", dir)
	}
	return ""
}

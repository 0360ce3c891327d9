package probe

import (
	"os"
	"path/filepath"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
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

// Info names a probe for lists and menus.
type Info struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Spends is true for probes that use something up (a code, a refresh token): they run
	// only with the person's consent.
	Spends bool `json:"spends,omitempty"`
}

var all = []Info{
	{ID: IDDiscovery, Name: "OpenID discovery"},
	{ID: IDDNS, Name: "DNS resolves the server's host"},
	{ID: IDTLS, Name: "TLS certificate"},
	{ID: IDReachability, Name: "Server answers"},
	{ID: IDClock, Name: "Clock agrees with the server"},
	{ID: IDAuthorize, Name: "Authorize endpoint accepts the client"},
	{ID: IDClientAuth, Name: "Client authentication (body and HTTP Basic)"},
	{ID: IDClientCredentials, Name: "Client credentials with the scopes"},
	{ID: IDCodeExchange, Name: "Exchange the authorization code", Spends: true},
	{ID: IDRefresh, Name: "Refresh the access token", Spends: true},
	{ID: IDUser, Name: "GET /api/user with the access token"},
	{ID: IDUserDetails, Name: "GET /api/user/details with the access token"},
}

// All lists every probe in the order checks are shown.
func All() []Info { return append([]Info(nil), all...) }

// IDs lists every probe id in order.
func IDs() []string {
	out := make([]string, len(all))
	for i, p := range all {
		out[i] = p.ID
	}
	return out
}

// Lookup returns the probe with the given id.
func Lookup(id string) (Info, bool) {
	for _, p := range all {
		if p.ID == id {
			return p, true
		}
	}
	return Info{}, false
}

// Runnable reports whether a probe can run with this configuration and, when not, why in
// words a person can act on.
func Runnable(cfg config.Config, id string) (bool, string) {
	needsSecret := func(endpoint string) (bool, string) {
		if why := secretTargetProblem(cfg.URL(endpoint)); why != "" {
			return false, why
		}
		return true, ""
	}
	switch id {
	case IDDiscovery, IDDNS, IDReachability, IDClock:
		return true, ""
	case IDTLS:
		if !isHTTPS(cfg.BaseURL) {
			return false, "the server is reached over plain HTTP, so there is no certificate to check"
		}
		return true, ""
	case IDAuthorize:
		if cfg.ClientID == "" || cfg.RedirectURI == "" {
			return false, "needs a client id and a redirect URI (--client-id/MUBAROKAH_CLIENT_ID, --redirect-uri/MUBAROKAH_REDIRECT_URI)"
		}
		return true, ""
	case IDClientAuth, IDClientCredentials:
		if cfg.ClientID == "" || cfg.ClientSecret == "" {
			return false, "needs a client id and secret (MUBAROKAH_CLIENT_ID, MUBAROKAH_CLIENT_SECRET)"
		}
		return needsSecret(config.EndpointToken)
	case IDCodeExchange:
		switch {
		case cfg.Code == "":
			return false, "no authorization code given (--code or MUBAROKAH_DOCTOR_CODE)"
		case cfg.ClientID == "":
			return false, "needs a client id (MUBAROKAH_CLIENT_ID)"
		case !cfg.ExchangeCode:
			return false, "exchanging the code uses it up; pass --exchange-code to allow it"
		}
		return needsSecret(config.EndpointToken)
	case IDRefresh:
		switch {
		case cfg.RefreshToken == "":
			return false, "no refresh token given (--refresh-token or MUBAROKAH_DOCTOR_REFRESH_TOKEN)"
		case cfg.ClientID == "":
			return false, "needs a client id (MUBAROKAH_CLIENT_ID)"
		case !cfg.Refresh:
			return false, "a refresh may rotate the refresh token and revoke the old one; pass --refresh to allow it"
		}
		if why := saveTargetProblem(cfg.SaveRefreshToken); why != "" {
			// Found after the refresh, this would leave the person with a revoked token and
			// the new one lost.
			return false, "not refreshing: the rotated refresh token could not be kept: " + why
		}
		return needsSecret(config.EndpointToken)
	case IDUser, IDUserDetails:
		if cfg.AccessToken == "" {
			return false, "no access token given (--access-token or MUBAROKAH_DOCTOR_ACCESS_TOKEN)"
		}
		ep := config.EndpointUser
		if id == IDUserDetails {
			ep = config.EndpointUserDetails
		}
		return needsSecret(ep)
	}
	return false, "there is no probe " + id
}

// secretEndpoint is the endpoint a probe sends a secret to, or "" for probes that send none.
func secretEndpoint(id string) string {
	switch id {
	case IDClientAuth, IDClientCredentials, IDCodeExchange, IDRefresh:
		return config.EndpointToken
	case IDUser:
		return config.EndpointUser
	case IDUserDetails:
		return config.EndpointUserDetails
	}
	return ""
}

// saveTargetProblem says why a rotated refresh token could not be written to path, or ""
// (also for no path at all): saveSecret writes a file beside it and renames it over path.
func saveTargetProblem(path string) string {
	if path == "" {
		return ""
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return "--save-refresh-token " + path + " is a directory; give a file name in it"
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "the folder " + dir + " of --save-refresh-token does not exist"
	}
	return ""
}

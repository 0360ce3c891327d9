package sandbox

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Fault names. Where the catalogue has a cause for the failure, the fault carries its id.
const (
	FaultCodeExpired        = "code_expired"
	FaultCodeReused         = "code_reused"
	FaultCodeClientMismatch = "code_client_mismatch"
	FaultRedirectMismatch   = "redirect_uri_mismatch"
	FaultPKCEMismatch       = "pkce_mismatch"
	FaultWrongSecret        = "wrong_secret"
	FaultUnknownClient      = "unknown_client"
	FaultClientRevoked      = "client_revoked"
	FaultGrantNotAllowed    = "grant_not_allowed"
	FaultBasicOnly          = "basic_only"
	FaultBodyOnly           = "body_only"
	FaultScopeUnknown       = "scope_unknown"
	FaultUserDenied         = "user_denied"
	FaultDetailNotApproved  = "detail_user_not_approved"
	FaultTokenExpired       = "token_expired"
	FaultTokenRevoked       = "token_revoked"
	FaultRefreshRevoked     = "refresh_revoked"
	FaultRefreshExpired     = "refresh_expired"
	FaultRateLimited        = "rate_limited"
	FaultServerError        = "server_error"
	FaultHTMLError          = "html_error"
	FaultUnavailable        = "unavailable"
	FaultSlow               = "slow"
	FaultRedirectToken      = "redirect_token"
	FaultLoginRedirect      = "login_redirect"
	FaultOversize           = "oversize"
	FaultStockBodies        = "stock_bodies"
)

// faultHelp says what each fault does, for --help, the admin endpoint and the README.
var faultHelp = map[string]string{
	FaultCodeExpired:        "code exchange: the code is older than 10 minutes",
	FaultCodeReused:         "code exchange: the code was already used",
	FaultCodeClientMismatch: "code exchange: the code was issued to another client",
	FaultRedirectMismatch:   "code exchange: redirect_uri differs from the authorize request",
	FaultPKCEMismatch:       "code exchange: code_verifier does not match the challenge",
	FaultWrongSecret:        "token endpoint: the client secret is wrong",
	FaultUnknownClient:      "token and authorize endpoints: the client id is unknown",
	FaultClientRevoked:      "token and authorize endpoints: the client was revoked (looks unknown)",
	FaultGrantNotAllowed:    "token endpoint: the client may not use client_credentials (invalid_client, as Passport 12)",
	FaultBasicOnly:          "token endpoint: credentials in the body are refused, HTTP Basic works",
	FaultBodyOnly:           "token endpoint: the Authorization header is stripped on the way, the body works",
	FaultScopeUnknown:       "authorize and token endpoints: every requested scope is unknown",
	FaultUserDenied:         "authorize endpoint: the user clicks Deny",
	FaultDetailNotApproved:  "/api/user/details: the client has no admin approval for detail-user",
	FaultTokenExpired:       "APIs: the access token has expired",
	FaultTokenRevoked:       "APIs: the access token was revoked",
	FaultRefreshRevoked:     "refresh: the refresh token was revoked",
	FaultRefreshExpired:     "refresh: the refresh token has expired",
	FaultRateLimited:        "APIs: 429 rate_limit_exceeded with retry_after",
	FaultServerError:        "every endpoint: HTTP 500 with a JSON body",
	FaultHTMLError:          "every endpoint: HTTP 500 with an HTML error page",
	FaultUnavailable:        "every endpoint: HTTP 503 (maintenance)",
	FaultSlow:               "every endpoint: answer after --delay",
	FaultRedirectToken:      "token endpoint: HTTP 302 instead of an answer",
	FaultLoginRedirect:      "APIs: HTTP 302 to /login instead of JSON",
	FaultOversize:           "token endpoint and APIs: a body of several MiB",
	FaultStockBodies:        "APIs: Laravel's stock bodies (Unauthenticated. / Invalid scope(s) provided.) instead of the provider's",
}

// Faults lists every fault name, sorted.
func Faults() []string {
	return slices.Sorted(maps.Keys(faultHelp))
}

// FaultHelp returns the one-line description of a fault.
func FaultHelp(name string) string { return faultHelp[name] }

// CheckFault returns an error naming the known faults when name is not one.
func CheckFault(name string) error {
	if _, ok := faultHelp[name]; ok {
		return nil
	}
	return fmt.Errorf("unknown fault %q; known faults: %s", name, strings.Join(Faults(), ", "))
}

// faultSet is the faults in force; the admin endpoint changes it while requests run.
type faultSet struct {
	mu  sync.RWMutex
	set []string
}

func (f *faultSet) has(name string) bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return slices.Contains(f.set, name)
}

func (f *faultSet) list() []string {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return append([]string{}, f.set...)
}

// replace sets the faults in force after checking every name.
func (f *faultSet) replace(names []string) error {
	clean := make([]string, 0, len(names))
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if err := CheckFault(n); err != nil {
			return err
		}
		if !slices.Contains(clean, n) {
			clean = append(clean, n)
		}
	}
	sort.Strings(clean)
	f.mu.Lock()
	f.set = clean
	f.mu.Unlock()
	return nil
}

package sandbox

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
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

// faultHelp says what each fault does, for --help, the admin endpoint and the README; lang.N
// marks them for --help in Indonesian (the admin endpoint answers in English, the wire's).
var faultHelp = map[string]string{
	FaultCodeExpired:        lang.N("code exchange: the code is older than 10 minutes"),
	FaultCodeReused:         lang.N("code exchange: the code was already used"),
	FaultCodeClientMismatch: lang.N("code exchange: the code was issued to another client"),
	FaultRedirectMismatch:   lang.N("code exchange: redirect_uri differs from the authorize request"),
	FaultPKCEMismatch:       lang.N("code exchange: code_verifier does not match the challenge"),
	FaultWrongSecret:        lang.N("token endpoint: the client secret is wrong"),
	FaultUnknownClient:      lang.N("token and authorize endpoints: the client id is unknown"),
	FaultClientRevoked:      lang.N("token and authorize endpoints: the client was revoked (looks unknown)"),
	FaultGrantNotAllowed:    lang.N("token endpoint: the client may not use client_credentials (invalid_client, as Passport 12)"),
	FaultBasicOnly:          lang.N("token endpoint: credentials in the body are refused, HTTP Basic works"),
	FaultBodyOnly:           lang.N("token endpoint: the Authorization header is stripped on the way, the body works"),
	FaultScopeUnknown:       lang.N("authorize and token endpoints: every requested scope is unknown"),
	FaultUserDenied:         lang.N("authorize endpoint: the user clicks Deny"),
	FaultDetailNotApproved:  lang.N("/api/user/details: the client has no admin approval for detail-user"),
	FaultTokenExpired:       lang.N("APIs: the access token has expired"),
	FaultTokenRevoked:       lang.N("APIs: the access token was revoked"),
	FaultRefreshRevoked:     lang.N("refresh: the refresh token was revoked"),
	FaultRefreshExpired:     lang.N("refresh: the refresh token has expired"),
	FaultRateLimited:        lang.N("APIs: 429 rate_limit_exceeded with retry_after"),
	FaultServerError:        lang.N("every endpoint: HTTP 500 with a JSON body"),
	FaultHTMLError:          lang.N("every endpoint: HTTP 500 with an HTML error page"),
	FaultUnavailable:        lang.N("every endpoint: HTTP 503 (maintenance)"),
	FaultSlow:               lang.N("every endpoint: answer after --delay"),
	FaultRedirectToken:      lang.N("token endpoint: HTTP 302 instead of an answer"),
	FaultLoginRedirect:      lang.N("APIs: HTTP 302 to /login instead of JSON"),
	FaultOversize:           lang.N("token endpoint and APIs: a body of several MiB"),
	FaultStockBodies:        lang.N("APIs: Laravel's stock bodies (Unauthenticated. / Invalid scope(s) provided.) instead of the provider's"),
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
	return problem(lang.N("unknown fault %q; known faults: %s"), name, strings.Join(Faults(), ", "))
}

// Problem is a refused option, kept as its format and values so the command line can say
// it in the person's language (In); Error is the English.
type Problem struct {
	Format string
	Args   []any
}

func problem(format string, args ...any) error { return &Problem{Format: format, Args: args} }

func (p *Problem) Error() string { return fmt.Sprintf(p.Format, p.Args...) }

// In says the problem in l.
func (p *Problem) In(l lang.Lang) string { return l.Tf(p.Format, p.Args...) }

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

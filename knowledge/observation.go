package knowledge

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// Observation is everything known about one failure, gathered from pastes, answers, offline
// checks and live probes. Parsers fill it; the matcher reads it. It never holds a secret
// whole: tokens, codes, client secrets and verifiers are masked before they get here.
type Observation struct {
	// Sources names the kinds of evidence read, e.g. "json_body", "callback_url".
	Sources []string `json:"sources,omitempty"`

	Endpoint  Endpoint `json:"endpoint,omitempty"`
	Method    string   `json:"method,omitempty"`
	URL       string   `json:"url,omitempty"` // with secret parameters masked
	GrantType string   `json:"grant_type,omitempty"`
	Status    int      `json:"status,omitempty"`

	Error       string `json:"error,omitempty"`
	Description string `json:"error_description,omitempty"`
	Hint        string `json:"hint,omitempty"`
	Message     string `json:"message,omitempty"`
	ErrorURI    string `json:"error_uri,omitempty"`
	// Exception is the exception or error class a log, stack trace or library error names
	// (Laravel\Socialite\Two\InvalidStateException, IdentityProviderException, TokenError).
	Exception string `json:"exception,omitempty"`
	// Text holds the error sentences read from free text that fit no field above: an
	// exception's message, a log record's message, a library's error line. Masked, bounded.
	Text       string `json:"text,omitempty"`
	RetryAfter int    `json:"retry_after,omitempty"` // seconds, from the body or Retry-After

	ContentType     string            `json:"content_type,omitempty"`
	WWWAuthenticate string            `json:"www_authenticate,omitempty"`
	Location        string            `json:"location,omitempty"` // masked
	Headers         map[string]string `json:"headers,omitempty"`  // the ones worth showing, masked

	State string `json:"state,omitempty"` // masked; present when a callback carried one
	Code  string `json:"code,omitempty"`  // masked; present when a callback carried one

	Token *TokenInfo `json:"token,omitempty"`

	Transport       string `json:"transport,omitempty"` // dns, refused, tls, timeout, reset, ...
	TransportDetail string `json:"transport_detail,omitempty"`

	Facts []Fact `json:"facts,omitempty"`
}

// TokenInfo is what a decoded access token says, without the token itself.
type TokenInfo struct {
	Masked    string     `json:"masked"`
	Algorithm string     `json:"alg,omitempty"`
	Subject   string     `json:"sub,omitempty"`
	Audience  []string   `json:"aud,omitempty"`
	ID        string     `json:"jti,omitempty"`
	Scopes    []string   `json:"scopes,omitempty"`
	IssuedAt  *time.Time `json:"iat,omitempty"`
	NotBefore *time.Time `json:"nbf,omitempty"`
	ExpiresAt *time.Time `json:"exp,omitempty"`
}

// Fact is a named finding, such as FactTokenExpired, with the detail a person reads.
type Fact struct {
	Name   string `json:"name"`
	Detail string `json:"detail,omitempty"`
}

// Facts that parsers, checks and probes report and catalogue signals match with
// `fact: name`. The catalogue may use only these names; load fails on any other.
const (
	FactTokenExpired      = "token_expired"       // exp is in the past
	FactTokenNotYetValid  = "token_not_yet_valid" // nbf or iat in the future (clock skew)
	FactTokenNotJWT       = "token_not_jwt"       // a pasted access token does not decode
	FactTokenLacksScope   = "token_lacks_scope"   // its scopes miss what the endpoint needs
	FactTokenAudMismatch  = "token_aud_mismatch"  // aud is not the configured client_id
	FactTokenMissing      = "token_missing"       // the API request carried no bearer token
	FactBearerLowercase   = "bearer_lowercase"    // "bearer x" instead of "Bearer x"
	FactRefreshAsAccess   = "refresh_token_as_access"
	FactRedirectMismatch  = "redirect_uri_mismatch" // authorize vs token redirect_uri differ
	FactRedirectLoopback  = "redirect_uri_loopback" // differs only by localhost/127.0.0.1 or port
	FactPKCEMismatch      = "pkce_mismatch"         // verifier does not hash to the challenge
	FactPKCEVerifierBad   = "pkce_verifier_malformed"
	FactPKCEChallengeBad  = "pkce_challenge_malformed"
	FactScopeMalformed    = "scope_malformed" // comma- or plus-separated, stray characters
	FactScopeUnknown      = "scope_unknown"   // a name the provider does not define
	FactScopeDetailOnly   = "scope_detail_without_view"
	FactStateMismatch     = "state_mismatch"
	FactStateMissing      = "state_missing"
	FactCodeOld           = "code_older_than_10_minutes"
	FactHTMLBody          = "html_body"      // HTML where JSON was expected
	FactLoginRedirect     = "login_redirect" // a 302 to a login page instead of JSON
	FactEmptyBody         = "empty_body"
	FactOversizeBody      = "oversize_body"
	FactRedirectOnToken   = "redirect_on_token_endpoint"
	FactRedirectLoop      = "redirect_loop"          // redirects that come back to where they started
	FactRedirectOtherHost = "redirect_other_host"    // an endpoint sends the request on to another host
	FactRedirectDowngrade = "redirect_https_to_http" // an https request redirected to plain http
	FactJSONRequestBody   = "json_request_body"      // token request sent as JSON, not form-encoded
	FactAuthBasicOnly     = "client_auth_basic_only"
	FactAuthBodyOnly      = "client_auth_body_only"
	FactClientAuthFailed  = "client_auth_failed_both_ways"
	FactClockSkew         = "clock_skew"
	FactCertExpired       = "tls_cert_expired"
	FactCertUnknownCA     = "tls_unknown_authority"
	FactCertHostname      = "tls_hostname_mismatch"
	FactPlainHTTP         = "plain_http"
	FactAuthHeaderSent    = "authorization_header_sent"
	FactRateLimited       = "rate_limited"
	FactConsentNotApprove = "detail_user_not_approved"
	// Facts only a whole trace (a HAR) can show: they need two requests side by side.
	FactCodeReused       = "code_reused"          // a code exchanged again after an exchange that succeeded
	FactRefreshReused    = "refresh_token_reused" // a refresh token used again after a refresh that rotated it
	FactTokenHostDiffers = "token_host_differs"   // the code was exchanged at another host than it was asked for
	FactCallbackReplayed = "callback_replayed"    // the same callback, code and all, opened a second time
	// the callback's state is an earlier authorize request's, replaced by a later sign-in's
	FactStateOfEarlierSignIn = "state_of_earlier_sign_in"
	// a client_id that cannot be any client's: a UUID with a letter that is no hex digit, spaces or quotes around it
	FactClientIDMalformed = "client_id_malformed"
	// Facts of issue 8's new entries.
	FactTokenIssuedExpired = "token_issued_expired" // exp is not after iat, or expires_in <= 0: issued already expired
	FactUserProfileEmpty   = "user_profile_empty"   // a user-info answer (or a client's user object) with no id, name or email
	FactGrantTypeInQuery   = "grant_type_in_query"  // the token request carried grant_type in the URL, not the body
	FactClientTimeoutShort = "client_timeout_short" // the timeout message names the client's own short limit (a few seconds)
	// Facts read from the values a request carried (issue 8 item 5) and from what the answer
	// says the server received (item 4).
	FactBasicClientIDBad  = "basic_client_id_bad"       // the client_id inside Authorization: Basic is empty, padded, escaped or a secret
	FactBasicSecretBad    = "basic_client_secret_bad"   // the client_secret inside Authorization: Basic is empty, padded, escaped or an id
	FactBearerSchemeWrong = "bearer_scheme_wrong"       // the Authorization scheme is misspelt, doubled or not Bearer
	FactMethodChanged     = "method_changed_in_transit" // sent as POST, received as GET: a redirect on the way turned it
	// credentials sent under a misspelt Authorization header (Authentication: Basic …): the server sees none
	FactAuthHeaderMisnamed = "authorization_header_misnamed"
	// a 5xx whose message carries another entry's OAuth error (`oauth2: "invalid_grant"` in a
	// 500 page): the application failed because the exchange was refused (Match sets it)
	FactOAuthErrorInFailure = "oauth_error_in_failure"
	// the refused port is not the one the paste's own configuration (APP_URL=…) names for that host
	FactRefusedPortDiffers = "refused_port_differs"
)

// KnownFacts lists every fact name the catalogue may refer to.
var KnownFacts = []string{
	FactTokenExpired, FactTokenNotYetValid, FactTokenNotJWT, FactTokenLacksScope,
	FactTokenAudMismatch, FactTokenMissing, FactBearerLowercase, FactRefreshAsAccess,
	FactRedirectMismatch, FactRedirectLoopback, FactPKCEMismatch, FactPKCEVerifierBad,
	FactPKCEChallengeBad, FactScopeMalformed, FactScopeUnknown, FactScopeDetailOnly,
	FactStateMismatch, FactStateMissing, FactCodeOld, FactHTMLBody, FactLoginRedirect,
	FactEmptyBody, FactOversizeBody, FactRedirectOnToken, FactRedirectLoop, FactRedirectOtherHost,
	FactRedirectDowngrade, FactJSONRequestBody,
	FactAuthBasicOnly, FactAuthBodyOnly, FactClientAuthFailed, FactClockSkew,
	FactCertExpired, FactCertUnknownCA, FactCertHostname, FactPlainHTTP, FactAuthHeaderSent,
	FactRateLimited, FactConsentNotApprove, FactCodeReused, FactRefreshReused, FactTokenHostDiffers,
	FactCallbackReplayed, FactTokenIssuedExpired, FactUserProfileEmpty, FactGrantTypeInQuery,
	FactClientTimeoutShort, FactBasicClientIDBad, FactBasicSecretBad, FactBearerSchemeWrong, FactMethodChanged,
	FactRefusedPortDiffers, FactStateOfEarlierSignIn, FactClientIDMalformed, FactOAuthErrorInFailure,
	FactAuthHeaderMisnamed,
}

// RequestFacts are facts read from what was sent, not from what came back: inferences about
// how the request would fare at Mubarokah ID (a JSON body, an unknown scope, an expired
// token). The matcher ranks an entry that only they support below the entries the server's
// own answer supports, since the answer shows what the server made of the request (league
// reads grant_type before it can answer invalid_client). Every other fact is read from an
// answer: a response, a callback, a trace, a probe.
var RequestFacts = map[string]bool{
	FactTokenExpired: true, FactTokenNotYetValid: true, FactTokenNotJWT: true, FactTokenLacksScope: true,
	FactTokenAudMismatch: true, FactTokenMissing: true, FactBearerLowercase: true, FactRefreshAsAccess: true,
	FactRedirectMismatch: true, FactRedirectLoopback: true, FactPKCEMismatch: true, FactPKCEVerifierBad: true,
	FactPKCEChallengeBad: true, FactScopeMalformed: true, FactScopeUnknown: true, FactScopeDetailOnly: true,
	FactCodeOld: true, FactJSONRequestBody: true, FactPlainHTTP: true, FactAuthHeaderSent: true,
	FactGrantTypeInQuery: true, FactBasicClientIDBad: true, FactBasicSecretBad: true, FactBearerSchemeWrong: true,
	FactClientIDMalformed: true, FactAuthHeaderMisnamed: true,
}

// Transport failure kinds for Observation.Transport.
const (
	TransportDNS      = "dns"
	TransportRefused  = "refused"
	TransportTLS      = "tls"
	TransportTimeout  = "timeout"
	TransportReset    = "reset"
	TransportProxy    = "proxy"
	TransportUnreach  = "unreachable"
	TransportTooLarge = "too_large"
	TransportNotHTTP  = "not_http" // the port answered, but not in HTTP
)

// Fields lists the Observation fields a signal's When may name.
var Fields = []string{
	"error", "description", "hint", "message", "status", "endpoint", "grant_type",
	"transport", "transport_detail", "content_type", "www_authenticate", "method", "fact",
	"source", "location", "retry_after", "code", "state", "exception", "text", "words", "url",
}

// Field returns the text of a named field for matching. Unknown names return "".
func (o *Observation) Field(name string) string {
	switch name {
	case "error":
		return o.Error
	case "description":
		return o.Description
	case "hint":
		return o.Hint
	case "message":
		return o.Message
	case "status":
		if o.Status == 0 {
			return ""
		}
		return strconv.Itoa(o.Status)
	case "endpoint":
		return string(o.Endpoint)
	case "grant_type":
		return o.GrantType
	case "transport":
		return o.Transport
	case "transport_detail":
		return o.TransportDetail
	case "content_type":
		return o.ContentType
	case "www_authenticate":
		return o.WWWAuthenticate
	case "method":
		return o.Method
	case "location":
		return o.Location
	case "retry_after":
		if o.RetryAfter == 0 {
			return ""
		}
		return strconv.Itoa(o.RetryAfter)
	case "source":
		return strings.Join(o.Sources, " ")
	case "code":
		return o.Code
	case "state":
		return o.State
	case "url":
		return o.URL
	case "exception":
		return o.Exception
	case "text":
		return o.Text
	case "words":
		// Everything the server or the client library said in words, wherever the paste
		// put it: the catalogue's vocabulary reads this, so a server's own wording matches
		// whether it came as a description, a hint, a message or a line of a log.
		return joinNonEmpty("\n", o.Description, o.Hint, o.Message, o.Text)
	}
	return ""
}

// AddFact records a fact once; a later detail for the same name is kept only if the first
// had none.
func (o *Observation) AddFact(name, detail string) {
	for i := range o.Facts {
		if o.Facts[i].Name == name {
			if o.Facts[i].Detail == "" {
				o.Facts[i].Detail = detail
			}
			return
		}
	}
	o.Facts = append(o.Facts, Fact{Name: name, Detail: detail})
}

// HasFact reports whether the named fact was recorded.
func (o *Observation) HasFact(name string) bool {
	_, ok := o.FactDetail(name)
	return ok
}

// FactDetail returns the detail of a recorded fact.
func (o *Observation) FactDetail(name string) (string, bool) {
	for _, f := range o.Facts {
		if f.Name == name {
			return f.Detail, true
		}
	}
	return "", false
}

// AddSource records a kind of evidence once.
func (o *Observation) AddSource(kind string) {
	for _, s := range o.Sources {
		if s == kind {
			return
		}
	}
	o.Sources = append(o.Sources, kind)
}

// Empty reports whether nothing usable was observed.
func (o *Observation) Empty() bool {
	return o.Status == 0 && o.Error == "" && o.Description == "" && o.Hint == "" &&
		o.Message == "" && o.Exception == "" && o.Text == "" && o.Transport == "" && o.Token == nil && len(o.Facts) == 0 &&
		o.Code == "" && o.State == ""
}

// Merge folds another observation into o: fields o lacks are taken from b, facts and
// sources are unioned. Evidence read first wins where both say something.
func (o *Observation) Merge(b Observation) {
	setS := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	if o.Endpoint == "" {
		o.Endpoint = b.Endpoint
	}
	setS(&o.Method, b.Method)
	setS(&o.URL, b.URL)
	setS(&o.GrantType, b.GrantType)
	if o.Status == 0 {
		o.Status = b.Status
	}
	setS(&o.Error, b.Error)
	setS(&o.Description, b.Description)
	setS(&o.Hint, b.Hint)
	setS(&o.Message, b.Message)
	setS(&o.Exception, b.Exception)
	setS(&o.Text, b.Text)
	setS(&o.ErrorURI, b.ErrorURI)
	if o.RetryAfter == 0 {
		o.RetryAfter = b.RetryAfter
	}
	setS(&o.ContentType, b.ContentType)
	setS(&o.WWWAuthenticate, b.WWWAuthenticate)
	setS(&o.Location, b.Location)
	setS(&o.State, b.State)
	setS(&o.Code, b.Code)
	setS(&o.Transport, b.Transport)
	setS(&o.TransportDetail, b.TransportDetail)
	if o.Token == nil {
		o.Token = b.Token
	}
	if len(b.Headers) > 0 {
		if o.Headers == nil {
			o.Headers = map[string]string{}
		}
		keys := make([]string, 0, len(b.Headers))
		for k := range b.Headers {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if _, ok := o.Headers[k]; !ok {
				o.Headers[k] = b.Headers[k]
			}
		}
	}
	for _, s := range b.Sources {
		o.AddSource(s)
	}
	for _, f := range b.Facts {
		o.AddFact(f.Name, f.Detail)
	}
}

func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}

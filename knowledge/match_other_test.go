package knowledge_test

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Texts the servers really send, for the cases below.
const (
	leagueInvalidRequest = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed."
	leagueUnsupported    = "The authorization grant type is not supported by the authorization server."
	leagueUnauthorized   = "The authenticated client is not authorized to use this authorization grant type."
	leagueServerError    = "The authorization server encountered an unexpected condition which prevented it from fulfilling the request: "
	allParamsHint        = "Check that all required parameters have been provided"
)

// leagueJSON is a league/oauth2-server JSON error from an endpoint; withMessage adds the
// deprecated `message` key that league 8.x (Passport 12 and older) repeats the description in.
func leagueJSON(endpoint knowledge.Endpoint, status int, code, desc, hint string, withMessage bool) knowledge.Observation {
	o := knowledge.Observation{
		Sources: []string{"json_body"}, Endpoint: endpoint, Method: "POST", Status: status,
		ContentType: "application/json", Error: code, Description: desc, Hint: hint,
	}
	if endpoint == "authorize" {
		o.Method = "GET"
	}
	if withMessage {
		o.Message = desc
	}
	return o
}

// answer is any other HTTP answer: Laravel JSON, an API body, an HTML page.
func answer(endpoint knowledge.Endpoint, status int, contentType, code, message string) knowledge.Observation {
	o := knowledge.Observation{
		Sources: []string{"http_response"}, Endpoint: endpoint, Method: "GET", Status: status,
		ContentType: contentType, Error: code, Message: message,
	}
	if endpoint == "token" {
		o.Method = "POST"
	}
	if strings.HasPrefix(contentType, "text/html") {
		o.AddFact(knowledge.FactHTMLBody, "")
	}
	return o
}

// netFailure is a request that never got an HTTP answer, as the parser or a probe reports it.
func netFailure(kind, detail string) knowledge.Observation {
	return knowledge.Observation{Sources: []string{"transport_error"}, Endpoint: "token", Transport: kind, TransportDetail: detail}
}

// callback is what the application's callback received or reported.
func callback(code, message string, status int) knowledge.Observation {
	return knowledge.Observation{Sources: []string{"callback_url"}, Endpoint: "callback", Error: code, Message: message, Status: status}
}

// oauthRedirect is an OAuth error carried back to the callback (Passport 13 puts state first).
func oauthRedirect(code, desc, hint string) knowledge.Observation {
	o := callback(code, "", 0)
	o.State, o.Description, o.Hint = "…(40 chars)", desc, hint
	return o
}

func with(o knowledge.Observation, f func(*knowledge.Observation)) knowledge.Observation {
	f(&o)
	return o
}

func otherMatchCases() []matchCase {
	html := "text/html; charset=UTF-8"
	js := "application/json"
	return []matchCase{
		// invalid_request: the hint names the parameter.
		{name: "8.x code missing", obs: leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `code` parameter", true),
			entry: "invalid_request", cause: "required_parameter_missing"},
		{name: "9.x refresh_token missing", obs: leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `refresh_token` parameter", false),
			entry: "invalid_request", cause: "required_parameter_missing"},
		{name: "client_id missing although Basic was sent", obs: facts(leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `client_id` parameter", true), knowledge.FactAuthHeaderSent),
			entry: "invalid_request", cause: "basic_auth_header_stripped"},
		{name: "client_id missing, nothing else known", obs: leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `client_id` parameter", false),
			entry: "invalid_request", cause: "required_parameter_missing"},
		{name: "9.x confidential client without secret", obs: leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `client_secret` parameter", false),
			entry: "invalid_request", cause: "client_secret_missing"},
		{name: "public client without PKCE", obs: leagueJSON("authorize", 400, "invalid_request", leagueInvalidRequest, "Code challenge must be provided for public clients", true),
			entry: "invalid_request", cause: "pkce_challenge_missing"},
		{name: "padded base64 challenge", obs: leagueJSON("authorize", 400, "invalid_request", leagueInvalidRequest, "Code challenge must follow the specifications of RFC-7636.", false),
			entry: "invalid_request", cause: "pkce_challenge_malformed"},
		{name: "challenge method s256", obs: leagueJSON("authorize", 400, "invalid_request", leagueInvalidRequest, "Code challenge method must be one of `S256`, `plain`", true),
			entry: "invalid_request", cause: "pkce_method_not_s256"},
		{name: "9.x scope sent as an array", obs: leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `scope` parameter", false),
			entry: "invalid_request", cause: "parameter_repeated_or_list"},
		// A 405 is refused by the router before OAuth: its own entry (issue 8), not invalid_request.
		{name: "GET on the token endpoint", obs: answer("token", 405, js, "", "The GET method is not supported for route oauth/token. Supported methods: POST."),
			entry: "method_not_allowed", cause: "token_request_not_post"},
		// Passport reads a JSON body (fact check row 2): the hint, not the JSON, names the cause.
		{name: "JSON body with client_id missing", obs: facts(leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `client_id` parameter", true), knowledge.FactJSONRequestBody),
			entry: "invalid_request", cause: "required_parameter_missing"},

		// unsupported_grant_type and unauthorized_client.
		// Passport finds grant_type in a JSON body (fact check row 3): the grant_type is what is wrong.
		{name: "JSON body, unsupported grant", obs: facts(leagueJSON("token", 400, "unsupported_grant_type", leagueUnsupported, allParamsHint, true), knowledge.FactJSONRequestBody),
			entry: "unsupported_grant_type", cause: "grant_type_missing_or_misspelled"},
		{name: "password grant", obs: with(leagueJSON("token", 400, "unsupported_grant_type", leagueUnsupported, allParamsHint, true), func(o *knowledge.Observation) { o.GrantType = "password" }),
			entry: "unsupported_grant_type", cause: "grant_not_offered"},
		{name: "8.x authorize without response_type", obs: leagueJSON("authorize", 400, "unsupported_grant_type", leagueUnsupported, allParamsHint, true),
			entry: "unsupported_grant_type", cause: "authorize_response_type_wrong"},
		{name: "unsupported grant, no detail", obs: leagueJSON("token", 400, "unsupported_grant_type", leagueUnsupported, allParamsHint, false),
			entry: "unsupported_grant_type", cause: "grant_type_missing_or_misspelled"},
		{name: "9.2 client_credentials not allowed", obs: with(leagueJSON("token", 400, "unauthorized_client", leagueUnauthorized, "", false), func(o *knowledge.Observation) { o.GrantType = "client_credentials" }),
			entry: "unauthorized_client", cause: "grant_not_registered_for_client"},

		// 5xx and 429.
		{name: "league server_error on the token endpoint", obs: leagueJSON("token", 500, "server_error", leagueServerError+"An unexpected error has occurred", "", true),
			entry: "server_error", cause: "provider_unexpected_failure"},
		// An HTML 500 page names no cause; nothing says the provider lacks a login route (fact check row 4).
		{name: "HTML 500 from /api/user without Accept: application/json", obs: answer("api_user", 500, html, "", ""),
			entry: "server_error", undetermined: true},
		{name: "HTML 500 page pasted alone", obs: with(answer("", 500, html, "", ""), func(o *knowledge.Observation) { o.Method = "" }),
			entry: "server_error", undetermined: true},
		{name: "debug JSON: Route [login] not defined", obs: answer("api_user", 500, js, "", "Route [login] not defined."),
			entry: "server_error", cause: "login_route_missing"},
		{name: "own callback crashed", obs: callback("callback_processing_failed", "", 500),
			entry: "server_error", cause: "own_callback_failure"},
		{name: "API 503 service_unavailable", obs: answer("api_user", 503, js, "service_unavailable", "Service Unavailable"),
			entry: "temporarily_unavailable", cause: "provider_overloaded"},
		{name: "503 with Retry-After", obs: with(answer("token", 503, js, "", "Service Unavailable"), func(o *knowledge.Observation) { o.RetryAfter = 3600 }),
			entry: "temporarily_unavailable", cause: "scheduled_maintenance"},
		{name: "nginx HTML 502", obs: answer("token", 502, html, "", ""),
			entry: "temporarily_unavailable", cause: "gateway_cannot_reach_upstream"},
		{name: "HTML 503 page", obs: answer("api_user", 503, html, "", ""),
			entry: "temporarily_unavailable", cause: "provider_overloaded"},
		{name: "/api/user 429", obs: with(answer("api_user", 429, js, "rate_limit_exceeded", "Too many requests. Please try again later."), func(o *knowledge.Observation) { o.RetryAfter = 60 }),
			entry: "rate_limit_exceeded", cause: "user_api_called_too_often"},
		{name: "/api/user/details 429", obs: with(answer("api_user_details", 429, js, "rate_limit_exceeded", "Too many requests to sensitive endpoints. Please try again later."), func(o *knowledge.Observation) { o.RetryAfter = 120 }),
			entry: "rate_limit_exceeded", cause: "user_api_called_too_often"},
		{name: "token endpoint throttle", obs: with(answer("token", 429, js, "", "Too Many Attempts."), func(o *knowledge.Observation) { o.RetryAfter = 42 }),
			entry: "rate_limit_exceeded", cause: "token_endpoint_throttled"},

		// Other API errors.
		{name: "validation_error 400", obs: answer("api_user", 400, js, "validation_error", "Malformed request."),
			entry: "validation_error", cause: "malformed_api_request"},
		{name: "Laravel 422", obs: answer("api_user", 422, js, "", "The name field is required."),
			entry: "validation_error", cause: "field_value_rejected"},
		{name: "permission_denied 403", obs: answer("api_user", 403, js, "permission_denied", "You do not have permission to access this resource."),
			entry: "permission_denied", cause: "user_lacks_permission"},
		{name: "firewall's HTML 403", obs: answer("token", 403, html, "", ""),
			entry: "permission_denied", cause: "firewall_blocked_request"},
		{name: "HTML 404 on /oauth/token", obs: answer("token", 404, html, "", ""),
			entry: "resource_not_found", cause: "wrong_base_url_or_path"},
		{name: "record missing", obs: answer("api_user", 404, js, "", "No query results for model [App\\Models\\User] 99."),
			entry: "resource_not_found", cause: "record_not_found"},
		{name: "logout-sso not deployed", obs: answer("logout", 404, js, "", "Not Found"),
			entry: "resource_not_found", cause: "endpoint_not_offered"},

		// prompt=none outcomes (Passport 13).
		{name: "login_required", obs: oauthRedirect("login_required", "The authorization server requires end-user authentication.", "The user is not authenticated"),
			entry: "login_required", cause: "no_provider_session"},
		{name: "consent_required", obs: oauthRedirect("consent_required", "The authorization server requires end-user consent.", ""),
			entry: "consent_required", cause: "consent_never_given", undetermined: true},

		// Network failures, in the words of the clients and of our probes.
		{name: "Go: correct host does not resolve", obs: netFailure(knowledge.TransportDNS, `Post "https://accounts.mubarokah.com/oauth/token": dial tcp: lookup accounts.mubarokah.com on 127.0.0.53:53: no such host`),
			entry: "dns_failure", cause: "local_dns_cannot_see_host"},
		{name: "Go: misspelled host", obs: netFailure(knowledge.TransportDNS, `dial tcp: lookup acounts.mubarokah.com: no such host`),
			entry: "dns_failure", cause: "base_url_host_typo"},
		{name: "curl: old mubarokah.id host", obs: netFailure(knowledge.TransportDNS, `curl: (6) Could not resolve host: mubarokah.id`),
			entry: "dns_failure", cause: "old_mubarokah_id_host"},
		{name: "Python: resolver down", obs: netFailure(knowledge.TransportDNS, `socket.gaierror: [Errno -3] Temporary failure in name resolution`),
			entry: "dns_failure", cause: "resolver_unreachable"},
		{name: "Go: DNS query timed out", obs: netFailure(knowledge.TransportTimeout, `dial tcp: lookup accounts.mubarokah.com on 10.0.0.2:53: read udp 10.0.0.5:41234->10.0.0.2:53: i/o timeout`),
			entry: "dns_failure", cause: "resolver_unreachable"},
		{name: "probe: DNS lookup timed out", obs: netFailure(knowledge.TransportDNS, "the DNS lookup of accounts.mubarokah.com timed out"),
			entry: "dns_failure", cause: "resolver_unreachable"},
		{name: "Node: sandbox not running", obs: netFailure(knowledge.TransportRefused, "Error: connect ECONNREFUSED 127.0.0.1:8080"),
			entry: "connection_refused", cause: "local_server_not_running"},
		{name: "Go: proxy down", obs: netFailure(knowledge.TransportProxy, `proxyconnect tcp: dial tcp 10.1.1.1:3128: connect: connection refused`),
			entry: "connection_refused", cause: "egress_proxy_down"},
		{name: "no route to host", obs: netFailure(knowledge.TransportUnreach, "dial tcp 203.0.113.7:443: connect: no route to host"),
			entry: "connection_refused", cause: "no_route_to_server"},
		{name: "Go: unknown authority", obs: facts(netFailure(knowledge.TransportTLS, "tls: failed to verify certificate: x509: certificate signed by unknown authority"), knowledge.FactCertUnknownCA),
			entry: "tls_failure", cause: "ca_bundle_outdated"},
		{name: "curl: self-signed certificate in chain", obs: facts(netFailure(knowledge.TransportTLS, "curl: (60) SSL certificate problem: self-signed certificate in certificate chain"), knowledge.FactCertUnknownCA),
			entry: "tls_failure", cause: "tls_inspecting_proxy"},
		{name: "certificate expired because the clock is off", obs: facts(netFailure(knowledge.TransportTLS, "x509: certificate has expired or is not yet valid"), knowledge.FactCertExpired, knowledge.FactClockSkew),
			entry: "tls_failure", cause: "clock_far_off"},
		{name: "certificate for another name", obs: facts(netFailure(knowledge.TransportTLS, "x509: certificate is valid for mubarokah.com, not mubarokah.id"), knowledge.FactCertHostname),
			entry: "tls_failure", cause: "certificate_hostname_mismatch"},
		{name: "probe: plain HTTP on the port", obs: netFailure(knowledge.TransportTLS, "the server speaks plain HTTP on that port, not HTTPS"),
			entry: "tls_failure", cause: "http_https_mixed"},
		{name: "Go: connected, no answer in time", obs: netFailure(knowledge.TransportTimeout, `Post "https://accounts.mubarokah.com/oauth/token": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`),
			entry: "network_timeout", cause: "provider_slow_to_answer"},
		{name: "Go: connect timed out", obs: netFailure(knowledge.TransportTimeout, "dial tcp 203.0.113.7:443: i/o timeout"),
			entry: "network_timeout", cause: "egress_firewall_drops"},
		{name: "Go: EOF on a reused connection", obs: netFailure(knowledge.TransportReset, `Post "https://accounts.mubarokah.com/oauth/token": EOF`),
			entry: "connection_reset", cause: "stale_keepalive_connection"},

		// Answers of the wrong shape.
		{name: "curl -i: 302 to /login from /api/user", obs: with(facts(answer("api_user", 302, html, "", ""), knowledge.FactLoginRedirect), func(o *knowledge.Observation) {
			o.Location = "https://accounts.mubarokah.com/login"
		}), entry: "html_instead_of_json", cause: "accept_json_header_missing"},
		{name: "followed login redirect: 200 HTML from /api/user", obs: answer("api_user", 200, html, "", ""),
			entry: "html_instead_of_json", cause: "accept_json_header_missing"},
		{name: "token endpoint answers a web page", obs: answer("token", 200, html, "", ""),
			entry: "html_instead_of_json", cause: "base_url_points_at_website"},
		{name: "http:// token URL redirected", obs: with(facts(answer("token", 301, html, "", ""), knowledge.FactRedirectOnToken, knowledge.FactPlainHTTP), func(o *knowledge.Observation) {
			o.Location = "https://accounts.mubarokah.com/oauth/token"
		}), entry: "unexpected_redirect", cause: "http_base_url_upgraded"},
		{name: "token request sent to a login page", obs: with(facts(answer("token", 302, html, "", ""), knowledge.FactRedirectOnToken, knowledge.FactLoginRedirect), func(o *knowledge.Observation) {
			o.Location = "https://accounts.mubarokah.com/login"
		}), entry: "unexpected_redirect", cause: "host_forwards_elsewhere"},

		// The application's own callback checks.
		{name: "offline state check: mismatch", obs: facts(callback("", "", 0), knowledge.FactStateMismatch),
			entry: "state_mismatch", cause: "session_cookie_not_returned", undetermined: true},
		{name: "code arrived without state", obs: facts(callback("", "", 0), knowledge.FactStateMissing),
			entry: "state_mismatch", cause: "state_absent_on_callback"},
		{name: "Node guide's invalid_state", obs: callback("invalid_state", "State parameter mismatch. Possible CSRF attack.", 400),
			entry: "state_mismatch", cause: "session_cookie_not_returned", undetermined: true},
		{name: "Python guide: code missing", obs: callback("", "Authorization code missing.", 400),
			entry: "missing_code", cause: "query_dropped_by_own_redirect", undetermined: true},
		{name: "clock behind: token from the future", obs: facts(answer("api_user", 401, js, "", ""), knowledge.FactClockSkew, knowledge.FactTokenNotYetValid),
			entry: "clock_skew", cause: "local_clock_wrong"},
	}
}

func TestMatchOtherEntries(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range otherMatchCases() {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, c) })
	}
}

// TestMatchOtherCaseCount keeps the table as broad as the entries it covers.
func TestMatchOtherCaseCount(t *testing.T) {
	entries := map[string]bool{}
	for _, tc := range otherMatchCases() {
		entries[tc.entry] = true
	}
	if n := len(otherMatchCases()); n < 50 {
		t.Errorf("only %d cases; keep at least 50", n)
	}
	if len(entries) < 20 {
		t.Errorf("the cases reach only %d entries; every non-seed entry should be first in some case", len(entries))
	}
}

// TestEveryNetworkFaultIsNamed: a failure with no HTTP answer, however little is known about
// it, must still end in a named diagnosis of the transport kind.
func TestEveryNetworkFaultIsNamed(t *testing.T) {
	c := mustLoad(t)
	want := map[string]string{
		knowledge.TransportDNS:      "dns_failure",
		knowledge.TransportRefused:  "connection_refused",
		knowledge.TransportTLS:      "tls_failure",
		knowledge.TransportTimeout:  "network_timeout",
		knowledge.TransportReset:    "connection_reset",
		knowledge.TransportProxy:    "connection_refused",
		knowledge.TransportUnreach:  "connection_refused",
		knowledge.TransportTooLarge: "html_instead_of_json",
	}
	for kind, entry := range want {
		best, ok := c.Match(knowledge.Observation{Transport: kind}).Best()
		if !ok {
			t.Errorf("transport %q: nothing matched, want %s", kind, entry)
			continue
		}
		if best.Entry.Code != entry {
			t.Errorf("transport %q: first entry %s, want %s", kind, best.Entry.Code, entry)
		}
	}
}

// TestUnclassifiedNetworkTextIsNamed: a pasted client error the parser did not classify
// still finds its entry from the text alone.
func TestUnclassifiedNetworkTextIsNamed(t *testing.T) {
	c := mustLoad(t)
	cases := map[string]string{
		"getaddrinfo ENOTFOUND accounts.mubarokah.com":               "dns_failure",
		"connect ECONNREFUSED 127.0.0.1:8000":                        "connection_refused",
		"SSL certificate problem: unable to get local issuer cert":   "tls_failure",
		"Operation timed out after 30001 milliseconds":               "network_timeout",
		"read tcp 10.0.0.5:50000->203.0.113.7:443: connection reset": "connection_reset",
	}
	for detail, entry := range cases {
		best, ok := c.Match(knowledge.Observation{TransportDetail: detail}).Best()
		if !ok || best.Entry.Code != entry {
			t.Errorf("%q: got %v, want %s", detail, best.Entry, entry)
		}
	}
}

// TestInvalidRequestYieldsToInvalidGrant: league 8.x sends code and refresh-token problems as
// invalid_request; the invalid_request entry must not outrank the entry that explains them.
func TestInvalidRequestYieldsToInvalidGrant(t *testing.T) {
	c := mustLoad(t)
	hints := []string{
		"Authorization code has expired", "Authorization code has been revoked",
		"Invalid redirect URI", "Check the `redirect_uri` parameter", "Check the `code_verifier` parameter",
		"Code Verifier must follow the specifications of RFC-7636.", "Token has expired",
	}
	for _, h := range hints {
		o := leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, h, true)
		best, _ := c.Match(o).Best()
		if best.Entry == nil || best.Entry.Code != "invalid_grant" {
			t.Errorf("hint %q: first entry %v, want invalid_grant", h, best.Entry)
		}
	}
}

// BenchmarkMatchOtherCases is one diagnosis per case of the table, averaged.
func BenchmarkMatchOtherCases(b *testing.B) {
	c := mustLoad(b)
	cases := otherMatchCases()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Match(cases[i%len(cases)].obs)
		i++
	}
}

// A client library's "no access_token" complaint beside the error body its answer held: the
// body's entry is the diagnosis, the complaint a note after it; alone, the complaint leads.
func TestLibraryComplaintYieldsToTheErrorBody(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		complaint string
		body      knowledge.Observation
	}{
		{`InvalidArgumentException: Required option not passed: "access_token"`,
			knowledge.Observation{Error: "invalid_scope", Description: "The requested scope is invalid, unknown, or malformed", Hint: "Check the `email` scope"}},
		{"access_token not found in response",
			knowledge.Observation{Error: "invalid_client", Description: "Client authentication failed"}},
		{"No access_token found in the response",
			knowledge.Observation{Error: "invalid_grant", Description: "The authorization code has expired"}},
	} {
		o := tc.body
		o.Sources, o.Text = []string{"log", "json_body"}, tc.complaint
		d := c.Match(o)
		best, _ := d.Best()
		if best.Entry == nil || best.Entry.Code != tc.body.Error {
			t.Errorf("%q beside %s: first %v", tc.complaint, tc.body.Error, best.Entry)
			continue
		}
		if !slicesHas(d, "missing_access_token") {
			t.Errorf("%q beside %s: the complaint is not kept as a note", tc.complaint, tc.body.Error)
		}
	}
	best, _ := c.Match(knowledge.Observation{Text: `Required option not passed: "access_token"`}).Best()
	if best.Entry == nil || best.Entry.Code != "missing_access_token" {
		t.Errorf("the complaint alone: first %v", best.Entry)
	}
}

func slicesHas(d knowledge.Diagnosis, code string) bool {
	for _, m := range d.Entries {
		if m.Entry.Code == code {
			return true
		}
	}
	return false
}

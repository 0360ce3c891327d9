package evidence

import (
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// People describe as often as they paste: "the token call fails with error 429", a lone
// "403 Forbidden" line above a body, openid-client's "invalid_grant (Missing code
// verifier.)", a hint quoted in a sentence. proseFacts reads those facts after every
// structured piece is merged, and fills only the fields none of them set: a status line or a
// JSON body always outranks a sentence about it.

// proseWindow bounds what is read for prose facts: a person's words come first.
const proseWindow = 16 << 10

// maxProseHits bounds the occurrences of one trigger looked at.
const maxProseHits = 20

func proseFacts(s *scan, o *knowledge.Observation) {
	text, lower := s.text, s.lower
	if len(text) > proseWindow {
		text, lower = text[:proseWindow], lower[:proseWindow]
	}
	if o.Status == 0 {
		if n := proseStatus(lower); n != 0 {
			o.Status = n
			o.AddSource("status_phrase")
		}
	}
	if o.Error == "" && o.Description == "" {
		if code, desc, ok := proseError(text, lower); ok {
			o.Error, o.Description = code, Scrub(desc)
		}
	}
	if o.Hint == "" {
		o.Hint = Scrub(proseHint(text, lower))
	}
	if s.vals.Scope == "" {
		s.vals.Scope = refusedScope(text, lower)
	}
	if o.Method == "" && o.Endpoint == "" && o.URL == "" {
		// Only a request to an endpoint the catalogue knows (an OAuth path, an API) is
		// taken: "GET https://registry.npmjs.org/…" in a package manager's log places
		// nothing.
		if method, path, ok := proseRequest(text); ok && requestEndpoint(path) != "" {
			o.Method, o.Endpoint, o.URL = method, requestEndpoint(path), redact.URL(path)
		}
	}
	if o.Endpoint == "" && o.URL == "" && consentStep(lower) {
		// The person was on the consent screen: what failed there failed at the
		// authorize step, whichever URL it was.
		o.Endpoint = knowledge.EndpointAuthorize
	}
}

// proseRequest reads a request written in words: a method in capitals before a path, with
// or without its leading slash ("DELETE oauth/tokens", "(POST) /api/orders").
func proseRequest(text string) (string, string, bool) {
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		for _, i := range findAll(text, m, maxProseHits) {
			end := i + len(m)
			if i > 0 && isWordByte(text[i-1]) || end >= len(text) || isWordByte(text[end]) {
				continue
			}
			k := end
			if text[k] == ')' || text[k] == ']' {
				k++
			}
			if k >= len(text) || text[k] != ' ' {
				continue
			}
			path := lineFrom(text, k+1, 512)
			if e := strings.IndexAny(path, " \t`'\"),"); e >= 0 {
				path = path[:e]
			}
			path = strings.TrimRight(path, ".:;")
			if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
				return m, path, true
			}
			if !strings.HasPrefix(path, "/") {
				path = "/" + path
			}
			if len(path) > 2 && strings.Count(path, "/") >= 2 && !strings.Contains(path, "//") && pathish(path) {
				return m, path, true
			}
		}
	}
	return "", "", false
}

// pathish reports whether s is made of the characters of a URL path.
func pathish(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isWordByte(c) && !strings.ContainsRune("/-.~{}?=&%", rune(c)) {
			return false
		}
	}
	return true
}

// consentActions are how people say they were on the consent screen: the page that asks
// them to approve the application.
var consentActions = []string{"click approve", "clicked approve", "clicking approve", "click authorize",
	"clicked authorize", "clicking authorize", "click allow", "clicked allow", "clicking allow",
	"approve the request", "authorize the request", "consent screen", "consent page", "consent form",
	"authorization page", "authorization screen", "approval page", "approval screen", "allow the application",
	"allow application", "approve the application", "authorize the application", "authorise the application"}

func consentStep(lower string) bool {
	for _, a := range consentActions {
		if strings.Contains(lower, a) {
			return true
		}
	}
	return false
}

// scopeRefusals end a server's sentence naming the scope it refused: Entra's "The scope X
// is not valid.", "The scope 'X' does not exist", "the scopes X are invalid".
var scopeRefusals = []string{" is not valid", " are not valid", " is invalid", " are invalid", " does not exist",
	" do not exist", " is not allowed", " are not allowed"}

// scopeNouns are the words that follow "the scope" when a sentence speaks of the scope
// itself rather than naming a value: "the scope format", "the scope string", "the scope
// parameter".
var scopeNouns = []string{"format", "parameter", "requested", "provided", "string", "value", "values",
	"list", "syntax", "field", "claim", "you requested", "that was requested", "sent"}

func describesScope(v string) bool {
	l := strings.ToLower(v)
	for _, n := range scopeNouns {
		if l == n || strings.HasPrefix(l, n+" ") {
			return true
		}
	}
	return false
}

// refusedScope reads the scope value a server's sentence names as refused, so the offline
// scope check can judge its form (commas, a URL glued on) as it judges a request's scope.
func refusedScope(text, lower string) string {
	for _, lead := range []string{"the scope ", "the scopes ", "scope value "} {
		for _, i := range findAll(lower, lead, maxProseHits) {
			from := i + len(lead)
			line := lineFrom(lower, from, 300)
			end := -1
			for _, r := range scopeRefusals {
				if j := strings.Index(line, r); j > 0 && (end < 0 || j < end) {
					end = j
				}
			}
			if end <= 0 {
				continue
			}
			raw := strings.TrimSpace(text[from : from+end])
			v := strings.Trim(raw, "'\"`“”")
			// A quoted value is a value, whatever word it is.
			if v == "" || v == raw && describesScope(v) {
				continue // "the scope format is invalid", "the scope string is not valid": no value named
			}
			return v
		}
	}
	return ""
}

// reasonPhrases are HTTP reason phrases with their status, lower case.
var reasonPhrases = []struct {
	phrase string
	status int
}{
	{"bad request", 400}, {"unauthorized", 401}, {"unauthorised", 401}, {"forbidden", 403}, {"not found", 404},
	{"method not allowed", 405}, {"not acceptable", 406}, {"request timeout", 408}, {"conflict", 409},
	{"page expired", 419}, {"unprocessable entity", 422}, {"unprocessable content", 422},
	{"too many requests", 429}, {"internal server error", 500}, {"bad gateway", 502},
	{"service unavailable", 503}, {"gateway timeout", 504},
}

// statusLeads are the words people put before a status number: "error 500", "error code
// 429", "returned 401", "got a 403", "HTTP 400", "status 419".
var statusLeads = []string{"error code ", "error ", "http ", "status code ", "status ", "returned ", "returns ",
	"returning ", "responded with ", "responds with ", "response code ", "got ", "getting ", "get ", "gives ",
	"giving ", "received ", "receiving ", "throws ", "with code "}

// proseStatus reads an error status (4xx or 5xx) written in words: a number with its reason
// phrase in either order ("403 Forbidden", "Unauthorized 401"), a number after a lead word
// ("fails with error 500", "I get a 429"), or a number before "error" ("a 401 error").
func proseStatus(lower string) int {
	for _, r := range reasonPhrases {
		for _, i := range findAll(lower, r.phrase, maxProseHits) {
			end := i + len(r.phrase)
			if end < len(lower) && isWordByte(lower[end]) || i > 0 && isWordByte(lower[i-1]) && !isDigit(lower[i-1]) {
				continue
			}
			if i >= 4 && lower[i-1] == ' ' && statusAt(lower, i-4) == r.status {
				return r.status
			}
			k := end
			for k < len(lower) && k < end+3 && strings.IndexByte(`"' (:`, lower[k]) >= 0 {
				k++
			}
			if statusAt(lower, k) == r.status {
				return r.status
			}
		}
	}
	for _, lead := range statusLeads {
		for _, i := range findAll(lower, lead, maxProseHits) {
			if i > 0 && isWordByte(lower[i-1]) {
				continue
			}
			k := i + len(lead)
			for _, article := range []string{"a ", "an ", "the ", "http ", "status ", "code ", "an http "} {
				if strings.HasPrefix(lower[k:], article) {
					k += len(article)
					break
				}
			}
			if n := statusAt(lower, k); n >= 400 {
				return n
			}
		}
	}
	for _, i := range findAll(lower, " error", maxProseHits*3) {
		if n := statusAt(lower, i-3); n >= 400 && (i < 4 || !isWordByte(lower[i-4])) {
			return n
		}
	}
	return 0
}

// statusAt reads a three-digit status from 100 to 599 standing alone at k, or 0.
func statusAt(s string, k int) int {
	if k < 0 || k+3 > len(s) || !isDigit(s[k]) || !isDigit(s[k+1]) || !isDigit(s[k+2]) {
		return 0
	}
	if k+3 < len(s) && (isWordByte(s[k+3]) || s[k+3] == '.' && k+4 < len(s) && isDigit(s[k+4])) {
		return 0
	}
	n := int(s[k]-'0')*100 + int(s[k+1]-'0')*10 + int(s[k+2]-'0')
	if n < 100 || n > 599 {
		return 0
	}
	return n
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// oauthCodes are the error codes of RFC 6749, 6750 and OpenID Connect, which a library's
// message may carry in front of the server's description.
var oauthCodes = []string{"invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
	"unsupported_grant_type", "invalid_scope", "access_denied", "unsupported_response_type", "server_error",
	"temporarily_unavailable", "invalid_token", "insufficient_scope", "interaction_required", "login_required",
	"consent_required", "account_selection_required", "invalid_request_uri", "invalid_request_object",
	"invalid_client_metadata", "invalid_redirect_uri", "expired_token", "invalid_dpop_proof"}

// proseError splits "code (description)", "code: description" and "(code) description"
// where a library wrote the server's error code and its description into one message:
// openid-client's "invalid_grant (Missing code verifier.)", a client's "Server responded
// with error: invalid_grant: The provided …", oauthlib's "(invalid_grant) The provided …".
func proseError(text, lower string) (string, string, bool) {
	for _, code := range oauthCodes {
		for _, i := range findAll(lower, code, maxProseHits) {
			end := i + len(code)
			if i > 0 && isWordByte(lower[i-1]) || end >= len(lower) || isWordByte(lower[end]) {
				continue // inside a longer name
			}
			rest := lineFrom(text, end, 1024)
			var desc string
			switch {
			case strings.HasPrefix(rest, " ("):
				if j := strings.LastIndexByte(rest, ')'); j > 2 {
					desc = rest[2:j]
				}
			case strings.HasPrefix(rest, ": "):
				desc = rest[2:]
			case strings.HasPrefix(rest, ") ") && i > 0 && lower[i-1] == '(':
				desc = rest[2:] // oauthlib: "(invalid_grant) The provided …"
			}
			desc = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(desc), `"'\,`))
			if strings.Count(desc, " ") >= 1 && !strings.ContainsAny(desc[:1], "{[") {
				return code, desc, true
			}
		}
	}
	return "", "", false
}

// proseHint reads a hint quoted in a sentence: `hint message "…"`, `with hint: "…"`, the
// way people retell league's answer.
func proseHint(text, lower string) string {
	for _, i := range findAll(lower, "hint", maxProseHits) {
		if i > 0 && isWordByte(lower[i-1]) || i > 0 && lower[i-1] == '"' {
			continue // error_hint, or a JSON key the JSON recognisers read
		}
		k := i + len("hint")
		if strings.HasPrefix(lower[k:], " message") {
			k += len(" message")
		}
		for k < len(text) && k < i+16 && strings.IndexByte(" :=is", lower[k]) >= 0 {
			k++
		}
		if k >= len(text) {
			continue
		}
		q := text[k]
		closing := map[byte]byte{'"': '"', '\'': '\'', '`': '`'}[q]
		if closing == 0 {
			if strings.HasPrefix(text[k:], "“") {
				k += len("“") - 1
				closing = 0xe2 // the first byte of ”
			} else {
				continue
			}
		}
		v := lineFrom(text, k+1, 300)
		j := strings.IndexByte(v, closing)
		if j < 8 {
			continue
		}
		return strings.TrimSpace(v[:j])
	}
	return ""
}

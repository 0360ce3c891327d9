package evidence

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// shownHeaders are the response headers worth keeping in an Observation.
var shownHeaders = map[string]bool{
	"content-type": true, "www-authenticate": true, "location": true, "retry-after": true,
	"x-ratelimit-limit": true, "x-ratelimit-remaining": true, "x-ratelimit-reset": true,
	"allow": true, "server": true, "content-length": true, "date": true,
}

var methods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// line is one line of the paste with curl's direction marker taken off.
type line struct {
	pos  int    // byte offset of the line in the paste
	text string // without "< ", "> " or "* "
	mark byte   // '<' response, '>' request, '*' curl info, 0 plain
}

func splitLines(text string) []line {
	out := make([]line, 0, strings.Count(text, "\n")+1)
	pos := 0
	for pos <= len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		raw := text[pos:]
		if end >= 0 {
			raw = text[pos : pos+end]
		}
		l := line{pos: pos, text: raw}
		if len(raw) >= 1 && (raw[0] == '<' || raw[0] == '>' || raw[0] == '*') &&
			(len(raw) == 1 || raw[1] == ' ') {
			l.mark = raw[0]
			l.text = strings.TrimPrefix(raw[1:], " ")
		}
		l.text = strings.TrimRight(l.text, " \t")
		out = append(out, l)
		if end < 0 {
			break
		}
		pos += end + 1
	}
	return out
}

// statusLine parses "HTTP/1.1 401 Unauthorized" or "HTTP/2 400".
func statusLine(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "HTTP/") {
		return 0, false
	}
	fields := strings.Fields(s)
	if len(fields) < 2 || len(fields[1]) != 3 {
		return 0, false
	}
	n, err := strconv.Atoi(fields[1])
	if err != nil || n < 100 || n > 599 {
		return 0, false
	}
	return n, true
}

// requestLine parses "POST /oauth/token HTTP/1.1" (the protocol may be missing in HTTPie
// and browser dumps only when a path follows).
func requestLine(s string) (method, target string, ok bool) {
	fields := strings.Fields(s)
	if len(fields) < 2 || len(fields) > 3 {
		return "", "", false
	}
	if !slices.Contains(methods, fields[0]) {
		return "", "", false
	}
	if len(fields) == 3 && !strings.HasPrefix(fields[2], "HTTP/") {
		return "", "", false
	}
	if len(fields) == 2 && !strings.HasPrefix(fields[1], "/") {
		return "", "", false
	}
	if !strings.HasPrefix(fields[1], "/") && !strings.HasPrefix(fields[1], "http") {
		return "", "", false
	}
	return fields[0], fields[1], true
}

// headerLine parses "Name: value" with a token-like name.
func headerLine(s string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(s, ":")
	if !ok || name == "" || len(name) > 64 {
		return "", "", false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '-' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return "", "", false
		}
	}
	return name, strings.TrimSpace(value), true
}

// findHTTPMessages reads status lines, request lines and the headers under them, raw or
// inside curl -v (< and > markers) and HTTPie output.
func findHTTPMessages(s *scan) {
	if !strings.Contains(s.text, "HTTP/") {
		return
	}
	lines := splitLines(s.text)
	curl := false
	for _, l := range lines {
		if l.mark == '<' || l.mark == '>' {
			curl = true
			break
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if status, ok := statusLine(l.text); ok {
			o := knowledge.Observation{Status: status}
			o.AddSource("http_response")
			if curl {
				o.AddSource("curl_verbose")
			}
			j := i + 1
			for ; j < len(lines) && lines[j].text != ""; j++ {
				if name, value, ok := headerLine(lines[j].text); ok {
					responseHeader(&o, name, value)
				} else {
					break
				}
			}
			if status >= 100 && status < 200 {
				i = j
				continue // 100 Continue: the real answer follows
			}
			if o.Headers["content-length"] == "0" && status >= 400 {
				o.AddFact(knowledge.FactEmptyBody, fmt.Sprintf("HTTP %d came with an empty body (Content-Length: 0)", status))
			}
			loginRedirect(&o)
			s.add(l.pos, o)
			i = j - 1
			continue
		}
		if l.text == "" || l.text[0] < 'A' || l.text[0] > 'Z' {
			continue
		}
		if method, target, ok := requestLine(l.text); ok {
			j := s.request(lines, i, method, target, curl)
			i = j - 1
		}
	}
}

// request reads a request line and its headers; it returns the index after them.
func (s *scan) request(lines []line, i int, method, target string, curl bool) int {
	o := knowledge.Observation{Method: method}
	o.AddSource("http_request")
	if curl {
		o.AddSource("curl_verbose")
	}
	host := ""
	hasAuth := false
	jsonBody := false
	j := i + 1
	for ; j < len(lines) && lines[j].text != ""; j++ {
		name, value, ok := headerLine(lines[j].text)
		if !ok {
			break
		}
		switch strings.ToLower(name) {
		case "host":
			host = value
		case "authorization":
			hasAuth = true
			s.authorization(&o, value)
		case "cookie":
			hasAuth = hasAuth || apiPath(target) // a Sanctum SPA authenticates with its session cookie
		case "content-type":
			jsonBody = strings.Contains(strings.ToLower(value), "json")
		default:
			if misnamedAuthHeader(name) {
				hasAuth = true // the fault is the name: no token is missing from the request as written
				misnamedAuth(&o, name)
			}
		}
	}
	u := target
	if strings.HasPrefix(target, "/") && host != "" {
		u = "https://" + host + target
	}
	ep := requestEndpointFor(method, u)
	o.Endpoint = ep
	o.URL = redact.URL(u)
	if jsonBody && ep == knowledge.EndpointToken {
		o.AddFact(knowledge.FactJSONRequestBody, "the token request was sent with Content-Type: application/json; "+
			"/oauth/token reads application/x-www-form-urlencoded")
	}
	if !hasAuth && (ep.IsUserAPI() || apiPath(u)) && j > i+1 {
		o.AddFact(knowledge.FactTokenMissing, "the API request carried no Authorization header")
	}
	s.add(lines[i].pos, o)
	return j
}

// authorization reads an Authorization header value: Basic tells the auth style, Bearer
// carries the access token.
func (s *scan) authorization(o *knowledge.Observation, value string) {
	scheme, cred, _ := strings.Cut(strings.TrimSpace(value), " ")
	cred = strings.TrimSpace(cred)
	if o.Headers == nil {
		o.Headers = map[string]string{}
	}
	o.Headers["request authorization"] = redact.Header("Authorization", value)
	if fault := schemeFault(scheme, cred); fault != "" {
		// The server reads no token from such a header, so what follows the scheme is not
		// judged as one: the scheme is the fault.
		o.AddFact(knowledge.FactBearerSchemeWrong, fault)
		return
	}
	switch strings.ToLower(scheme) {
	case "basic":
		detail := "the request sent client credentials in an Authorization: Basic header"
		if id, secret, ok := decodeBasic(cred); !ok {
			detail += ", but its value is not base64 of client_id:client_secret"
		} else {
			inspectBasic(o, id, secret)
			if s.vals.ClientID == "" && !looksLikeSecret(id) {
				s.vals.ClientID = strings.TrimSpace(id)
			}
		}
		o.AddFact(knowledge.FactAuthHeaderSent, detail)
	case "bearer":
		if scheme == "bearer" {
			o.AddFact(knowledge.FactBearerLowercase, `the header says "bearer" in lower case; older Passport (league ≤ 9.2) only accepts "Bearer"`)
		}
		if cred == "" {
			o.AddFact(knowledge.FactTokenMissing, "the Authorization header says Bearer but carries no token")
			return
		}
		s.bearer(o, cred)
	}
}

// responseHeader records one response header.
func responseHeader(o *knowledge.Observation, name, value string) {
	key := strings.ToLower(name)
	if !shownHeaders[key] {
		return
	}
	if o.Headers == nil {
		o.Headers = map[string]string{}
	}
	switch key {
	case "content-type":
		if o.ContentType == "" {
			o.ContentType = value
		}
	case "www-authenticate":
		if o.WWWAuthenticate == "" {
			o.WWWAuthenticate = value
			wwwAuthenticate(o, value)
		}
	case "location":
		value = redact.URL(value)
		if o.Location == "" {
			o.Location = value
		}
	case "retry-after":
		if n, err := strconv.Atoi(strings.TrimSpace(value)); err == nil && n > 0 && o.RetryAfter == 0 {
			o.RetryAfter = n
		}
	}
	if _, ok := o.Headers[key]; !ok {
		o.Headers[key] = value
	}
}

// loginRedirect notes a 3xx to a login page: Laravel's answer to a guest without
// Accept: application/json. A redirect that carries an OAuth answer (error= or code=) goes
// back to the app's callback, whatever its path says (/login/mubarokah/callback is common).
func loginRedirect(o *knowledge.Observation) {
	if o.Status < 300 || o.Status >= 400 || o.Location == "" {
		return
	}
	if q := strings.IndexAny(o.Location, "?#"); q >= 0 {
		params := splitParams(strings.ReplaceAll(o.Location[q+1:], "#", "&"))
		if hasParam(params, "error") || hasParam(params, "code") {
			return
		}
	}
	if strings.Contains(strings.ToLower(pathOf(o.Location)), "login") {
		o.AddFact(knowledge.FactLoginRedirect, fmt.Sprintf("HTTP %d redirects to %s, a login page, instead of answering with JSON", o.Status, o.Location))
	}
}

// apiPath reports whether a URL is an API route of a Laravel app (…/api/…), where a guard
// wants a token, as opposed to the OAuth endpoints, which take none.
func apiPath(u string) bool {
	p := strings.ToLower(pathOf(u))
	ep := endpointOf(u)
	return strings.Contains(p, "/api/") && ep != knowledge.EndpointToken && ep != knowledge.EndpointAuthorize
}

package evidence

import (
	"bytes"
	"encoding/json"
	"html"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Limits that keep a hostile paste (a megabyte of "{") linear enough.
const (
	maxJSONCandidate = 64 << 10
	maxJSONAttempts  = 300
	maxJSONDepth     = 6
)

// findJSON reads JSON objects anywhere in the paste: a bare body, a body under curl -v, one
// embedded in a log line, one escaped inside another JSON string.
func findJSON(s *scan) {
	attempts := 0
	for i := 0; i < len(s.text) && attempts < maxJSONAttempts; {
		j := strings.IndexByte(s.text[i:], '{')
		if j < 0 {
			return
		}
		start := i + j
		end, ok := balanced(s.text, start)
		if !ok {
			i = start + 1
			attempts++
			continue
		}
		attempts++
		cand := s.text[start:end]
		v, ok := decodeObject(cand)
		if !ok && strings.Contains(cand, `\"`) {
			// JSON that was itself escaped into a log line: {\"error\":\"…\"}
			v, ok = decodeObject(unescapeQuotes(cand))
		}
		if !ok {
			i = start + 1
			continue
		}
		if o, found := s.fromJSON(v, 0); found {
			s.add(start, o)
		}
		i = end
	}
}

// findEscapedJSON reads JSON an HTML page quotes with its quotes escaped ({&quot;error&quot;:…}),
// as error trackers and framework error pages show a server's answer.
func findEscapedJSON(s *scan) {
	from := 0
	for n := 0; n < 20; n++ {
		i := strings.Index(s.lower[from:], "{&quot;")
		if i < 0 {
			return
		}
		i += from
		line := lineFrom(s.text, i, maxJSONCandidate)
		from = i + len(line)
		plain := html.UnescapeString(line)
		end, ok := balanced(plain, 0)
		if !ok {
			continue
		}
		if v, ok := decodeObject(plain[:end]); ok {
			if o, found := s.fromJSON(v, 0); found {
				s.add(i, o)
			}
		}
	}
}

// htmlEscaped reports whether a line carries HTML escapes worth undoing before it is read.
func htmlEscaped(t string) bool {
	return strings.Contains(t, "&quot;") || strings.Contains(t, "&#") || strings.Contains(t, "&lt;") || strings.Contains(t, "&gt;")
}

// balanced returns the end of the {...} starting at start, honouring JSON strings.
func balanced(text string, start int) (int, bool) {
	depth := 0
	inStr := false
	// JSON escaped into a string ({\"error\":…}) has no plain quotes to track; count braces.
	escaped := strings.HasPrefix(text[start+1:], `\"`)
	limit := start + maxJSONCandidate
	if limit > len(text) {
		limit = len(text)
	}
	for k := start; k < limit; k++ {
		c := text[k]
		if inStr {
			switch c {
			case '\\':
				k++
			case '"':
				inStr = false
			case '\n':
				return 0, false // JSON strings never span lines
			}
			continue
		}
		switch c {
		case '"':
			inStr = !escaped
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return k + 1, true
			}
		}
	}
	return 0, false
}

func unescapeQuotes(s string) string {
	s = strings.ReplaceAll(s, `\\`, "\x00")
	s = strings.ReplaceAll(s, `\"`, `"`)
	return strings.ReplaceAll(s, "\x00", `\`)
}

func decodeObject(s string) (map[string]any, bool) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

// errorKeys mark an object as an error body.
var errorKeys = []string{"error", "error_description", "hint", "error_hint", "message", "error_uri"}

// fromJSON reads one decoded object, or the first object nested in it that is an error body
// (axios' response.data, a log record's context, a JSON string holding JSON).
func (s *scan) fromJSON(m map[string]any, depth int) (knowledge.Observation, bool) {
	var o knowledge.Observation
	if _, ok := m["grant_type"]; ok {
		o.Endpoint = knowledge.EndpointToken
		o.AddSource("json_request")
		o.AddFact(knowledge.FactJSONRequestBody, "the token request body is JSON; /oauth/token reads application/x-www-form-urlencoded")
		var params [][2]string
		for k, v := range m {
			if str, ok := v.(string); ok {
				params = append(params, [2]string{k, str})
			}
		}
		s.tokenRequest(&o, params)
		return o, true
	}
	if tok, ok := m["access_token"].(string); ok && tok != "" {
		o.AddSource("token_response")
		if n, ok := m["expires_in"].(json.Number); ok {
			if f, err := n.Float64(); err == nil && f <= 0 {
				o.AddFact(knowledge.FactTokenIssuedExpired, "the token response says expires_in "+n.String()+": the token is expired as it is issued")
			}
		}
		s.bearer(&o, tok)
		return o, true
	}
	found := false
	for _, k := range errorKeys {
		if _, ok := m[k]; ok {
			found = true
		}
	}
	if !found {
		// ASP.NET answers {"Message": "An error has occurred."}, others {"Error": …}: the
		// same keys capitalised.
		m, found = lowerKeys(m)
	}
	if found {
		o.AddSource("json_body")
		o.Error = text(m["error"])
		if e, ok := m["error"].(map[string]any); ok {
			nestedError(&o, e)
		}
		setOnce(&o.Description, text(m["error_description"]))
		setOnce(&o.Hint, text(m["hint"]))
		setOnce(&o.Hint, text(m["error_hint"])) // Hydra 1.x sends fosite's hint on its own
		setOnce(&o.Message, text(m["message"]))
		setOnce(&o.ErrorURI, text(m["error_uri"]))
		if ex := text(m["exception"]); className(ex) {
			o.Exception = ex // Laravel's debug JSON names the class thrown
		}
		if n := number(m["retry_after"]); n > 0 {
			o.RetryAfter = n
		}
		for _, k := range []string{"status_code", "status", "statusCode"} {
			if n := number(m[k]); n >= 100 && n <= 599 {
				o.Status = n
				break
			}
		}
		return o, o.Error != "" || o.Description != "" || o.Hint != "" || o.Message != ""
	}
	if depth >= maxJSONDepth {
		return o, false
	}
	for _, k := range sortedKeys(m) {
		switch v := m[k].(type) {
		case map[string]any:
			if o, ok := s.fromJSON(v, depth+1); ok {
				return o, true
			}
		case string:
			if t := strings.TrimSpace(v); strings.HasPrefix(t, "{") {
				if inner, ok := decodeObject(t); ok {
					if o, ok := s.fromJSON(inner, depth+1); ok {
						return o, true
					}
				}
			}
		}
	}
	return o, false
}

// nestedError reads an error object inside "error": Microsoft Graph's {"code":
// "Authorization_RequestDenied", "message": …}, Google's {"code": 401, "message": …,
// "status": "UNAUTHENTICATED"}, Facebook Graph's {"message": …, "type": "OAuthException",
// "code": 100}. A string code is the error; a number in 400-599 is the HTTP status (Google
// repeats it there), any other number is the server's own error code; a type is the
// exception class.
func nestedError(o *knowledge.Observation, e map[string]any) {
	switch c := e["code"].(type) {
	case string:
		o.Error = c
	case json.Number:
		if n := number(c); n >= 400 && n <= 599 {
			o.Status = n
		} else {
			o.Error = c.String()
		}
	}
	if st, ok := e["status"].(string); ok && o.Error == "" && isErrorCode(strings.ToLower(st)) {
		o.Error = strings.ToLower(st)
	}
	if t, ok := e["type"].(string); ok && t != "" && !strings.ContainsAny(t, " \n") {
		o.Exception = t
	}
	o.Message = text(e["message"])
}

// className reports whether v reads as a class name (Lcobucci\JWT\Signer\InvalidKeyProvided,
// AuthenticationException): one word of letters, digits, backslashes, dots and underscores
// starting with a capital.
func className(v string) bool {
	if v == "" || len(v) > 200 {
		return false
	}
	last := v[strings.LastIndexAny(v, `\.`)+1:]
	if last == "" || last[0] < 'A' || last[0] > 'Z' {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !isWordByte(c) && c != '\\' && c != '.' {
			return false
		}
	}
	return true
}

// lowerKeys returns m with its keys lower-cased when one of them is an error key written
// with capitals, and whether one was.
func lowerKeys(m map[string]any) (map[string]any, bool) {
	found := false
	for k := range m {
		for _, e := range errorKeys {
			if k != e && strings.EqualFold(k, e) {
				found = true
			}
		}
	}
	if !found {
		return m, false
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if _, dup := out[strings.ToLower(k)]; !dup || k == strings.ToLower(k) {
			out[strings.ToLower(k)] = v
		}
	}
	return out, true
}

// text renders a JSON value a person reads: strings as they are, scalars printed.
func text(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	}
	return ""
}

// number reads an integer from a JSON number or a numeric string.
func number(v any) int {
	var f float64
	switch t := v.(type) {
	case json.Number:
		g, err := t.Float64()
		if err != nil {
			return 0
		}
		f = g
	case string:
		g, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		if err != nil {
			return 0
		}
		f = g
	default:
		return 0
	}
	if math.IsNaN(f) || f < 0 || f > 1e9 {
		return 0
	}
	return int(f)
}

func sortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

// findObjectLiterals reads error objects printed by JavaScript (util.inspect: { error:
// 'invalid_grant' }), Python (repr: {'error': 'invalid_grant'}) or PHP (dd, print_r), and
// truncated JSON such as Guzzle's 120-character excerpt, where a JSON decoder gives up.
func findObjectLiterals(s *scan) {
	if !strings.Contains(s.lower, "error") && !strings.Contains(s.lower, "message") {
		return
	}
	for _, p := range s.pieces {
		if slices.Contains(p.obs.Sources, "json_body") {
			return // real JSON was read; it decodes escapes exactly
		}
	}
	var o knowledge.Observation
	first := -1
	keys := []string{"error", "error_description", "hint", "message", "status", "statusCode", "retry_after", "exception"}
	if sdkError(s.text) {
		// mubarokah-id-sdk's errors print the OAuth error as code and the description as
		// errorDescription (console.log of an OAuthError).
		keys = append(keys, "code", "errorDescription")
	}
	for _, key := range keys {
		v, pos, ok := literalValue(s.text, key)
		if !ok {
			continue
		}
		if first < 0 || pos < first {
			first = pos
		}
		switch key {
		case "error":
			o.Error = v
		case "error_description", "errorDescription":
			setOnce(&o.Description, v)
		case "code":
			if isErrorCode(v) {
				setOnce(&o.Error, v)
			}
		case "hint":
			o.Hint = v
		case "message":
			o.Message = v
		case "exception":
			// Laravel's debug JSON cut short (a trace too long to paste): the class thrown
			// is read as in the whole body.
			if v = strings.ReplaceAll(v, `\\`, `\`); className(v) {
				o.Exception = v
			}
		case "status", "statusCode":
			if n, err := strconv.Atoi(v); err == nil && n >= 100 && n <= 599 {
				o.Status = n
			}
		case "retry_after":
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				o.RetryAfter = n
			}
		}
	}
	if first < 0 || (o.Error == "" && o.Description == "" && o.Hint == "" && o.Message == "") {
		return
	}
	o.AddSource("object_literal")
	// Placed after any real JSON at the same spot, which decodes escapes exactly.
	s.add(first+1, o)
}

// sdkError reports whether the paste shows one of mubarokah-id-sdk's error classes.
func sdkError(text string) bool {
	return strings.Contains(text, "OAuthError") || strings.Contains(text, "MubarokahError") || strings.Contains(text, "ApiError")
}

// isErrorCode: an OAuth error code is lower-case words joined by underscores; the SDK's own
// codes (sdk_error, config_error, api_error_401) name no OAuth error.
func isErrorCode(v string) bool {
	if v == "" || len(v) > 40 || strings.HasPrefix(v, "api_error_") || v == "sdk_error" || v == "config_error" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(c >= 'a' && c <= 'z' || c == '_') {
			return false
		}
	}
	return true
}

// literalValue finds `key: 'v'`, `'key': "v"`, `"key":"v"`, `key: 401`, PHP's `"key" => "v"`
// (dd, var_export) and print_r's `[key] => v` and returns the value. Messages that are the
// client's own (axios' "Request failed with status code") are skipped, so the server's words
// are what is kept.
func literalValue(text, key string) (string, int, bool) {
	from := 0
	for n := 0; n < 200; n++ {
		i := strings.Index(text[from:], key)
		if i < 0 {
			return "", 0, false
		}
		i += from
		from = i + len(key)
		if i > 0 && isWordByte(text[i-1]) {
			continue
		}
		k := i + len(key)
		bracketed := false
		switch {
		case k < len(text) && (text[k] == '\'' || text[k] == '"'):
			if i == 0 || text[i-1] != text[k] {
				continue
			}
			k++
		case k < len(text) && text[k] == ']' && i > 0 && text[i-1] == '[':
			bracketed = true
			k++
		case k < len(text) && isWordByte(text[k]):
			continue
		}
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if k >= len(text) || (text[k] != ':' && text[k] != '=') {
			continue
		}
		k++
		if text[k-1] == '=' && k < len(text) && text[k] == '>' {
			k++
		}
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if k >= len(text) {
			return "", 0, false
		}
		v, ok := literal(text[k:])
		if bracketed {
			// print_r writes values bare, to the end of the line.
			v, ok = strings.TrimSpace(lineFrom(text, k, 4096)), true
		}
		if !ok || v == "" {
			continue
		}
		if key == "message" && clientMessage(v) {
			continue
		}
		if key == "error" && (strings.HasSuffix(text[max(0, i-7):i], "Client ") || strings.HasSuffix(text[max(0, i-7):i], "Server ")) {
			continue // Guzzle's "Client error: 'POST …' resulted in …" is a sentence, not a key
		}
		return v, i, true
	}
	return "", 0, false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// literal reads a quoted string or an integer at the start of s.
func literal(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	q := s[0]
	if q >= '0' && q <= '9' {
		end := 0
		for end < len(s) && s[end] >= '0' && s[end] <= '9' {
			end++
		}
		return s[:end], true
	}
	if q != '\'' && q != '"' {
		return "", false
	}
	var b bytes.Buffer
	for k := 1; k < len(s) && k < 4096; k++ {
		c := s[k]
		switch {
		case c == '\n':
			return "", false
		case c == '\\' && k+1 < len(s):
			k++
			switch s[k] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'u':
				if k+4 < len(s) {
					if r, err := strconv.ParseUint(s[k+1:k+5], 16, 32); err == nil {
						b.WriteRune(rune(r))
						k += 4
						continue
					}
				}
				b.WriteByte('u')
			default:
				b.WriteByte(s[k])
			}
		case c == q:
			return strings.TrimSpace(b.String()), true
		default:
			b.WriteByte(c)
		}
	}
	return "", false
}

func clientMessage(v string) bool {
	l := strings.ToLower(v)
	for _, p := range []string{"request failed with status code", "timeout of ", "network error", "fetch failed",
		"getaddrinfo", "connect econnrefused", "socket hang up", "read econnreset"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

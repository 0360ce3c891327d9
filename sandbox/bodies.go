package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// The sentences league/oauth2-server 8.x puts in error_description, word for word: the
// catalogue and the evidence reader key on them, so the sandbox must send them exactly.
const (
	descInvalidClient   = "Client authentication failed"
	descInvalidRequest  = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed."
	descInvalidGrant    = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."
	descInvalidScope    = "The requested scope is invalid, unknown, or malformed"
	descUnsupported     = "The authorization grant type is not supported by the authorization server."
	descRefreshInvalid  = "The refresh token is invalid."
	descAccessDenied    = "The resource owner or authorization server denied the request."
	descServerError     = "The authorization server encountered an unexpected condition which prevented it from fulfilling the request: "
	hintUnsupported     = "Check that all required parameters have been provided"
	hintUserDenied      = "The user denied the request"
	msgUnauthenticated  = `{"message":"Unauthenticated."}`
	msgInvalidScopeBody = "{\n    \"message\": \"Invalid scope(s) provided.\"\n}"
)

// oauthError is a league/oauth2-server 8.x OAuthServerException as Passport 12 renders it.
type oauthError struct {
	status int
	code   string
	desc   string
	hint   string // "" means no hint key at all
}

// payload is the body's key order in 8.x: error, error_description, [hint], message.
func (e oauthError) payload() [][2]string {
	p := [][2]string{{"error", e.code}, {"error_description", e.desc}}
	if e.hint != "" {
		p = append(p, [2]string{"hint", e.hint})
	}
	return append(p, [2]string{"message", e.desc})
}

// write renders the error as JSON. WWW-Authenticate goes with invalid_client only when the
// request carried an Authorization header, its scheme following that header's.
func (e oauthError) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// league writes "Content-type"; header names are case-insensitive, and set under any
	// other key than Go's canonical one, Go would add a second, sniffed Content-Type.
	h.Set("Content-Type", "application/json")
	if e.code == "invalid_client" {
		if a := r.Header.Get("Authorization"); a != "" {
			scheme := "Basic"
			if strings.HasPrefix(a, "Bearer") {
				scheme = "Bearer"
			}
			h.Set("WWW-Authenticate", scheme+` realm="OAuth"`)
		}
	}
	w.WriteHeader(e.status)
	_, _ = w.Write([]byte(phpJSON(e.payload())))
}

// redirect sends the error back to the client's redirect URI as league does:
// http_build_query of the payload after whatever the URI already holds.
func (e oauthError) redirect(w http.ResponseWriter, redirectURI string, state string) {
	var parts []string
	if state != "" {
		parts = append(parts, "state="+phpQueryEscape(state))
	}
	for _, kv := range e.payload() {
		parts = append(parts, kv[0]+"="+phpQueryEscape(kv[1]))
	}
	sep := "?"
	if strings.Contains(redirectURI, "?") {
		sep = "&"
	}
	w.Header().Set("Location", redirectURI+sep+strings.Join(parts, "&"))
	w.WriteHeader(http.StatusFound)
}

// phpQueryEscape encodes like PHP's http_build_query (RFC 1738: space as +).
func phpQueryEscape(s string) string {
	e := url.QueryEscape(s)
	return strings.ReplaceAll(e, "~", "%7E")
}

// phpJSON encodes ordered string pairs as PHP's json_encode with no options does: slashes
// escaped, non-ASCII as \uXXXX, no spaces.
func phpJSON(pairs [][2]string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, kv := range pairs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(phpString(kv[0]) + ":" + phpString(kv[1]))
	}
	b.WriteByte('}')
	return b.String()
}

func phpString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r > 0xFFFF:
			r1, r2 := utf16Pair(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xD800 + (r>>10)&0x3FF, 0xDC00 + r&0x3FF
}

// writeRaw sends a fixed body with a content type.
func writeRaw(w http.ResponseWriter, status int, contentType, body string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// laravelPretty is Laravel's JSON for an HttpException without debug: pretty-printed with
// four spaces and unescaped slashes.
func laravelPretty(message string) string {
	return "{\n    \"message\": \"" + message + "\"\n}"
}

// htmlPage is a Laravel-style error view, enough to look like one to a client.
func htmlPage(status int, title string) string {
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>%s</title></head>
<body><div class="flex-center"><div class="code">%d</div><div class="message">%s</div></div></body>
</html>
`, title, status, title)
}

// wantsJSON is Laravel's expectsJson for a plain request: the first Accept type is JSON.
func wantsJSON(r *http.Request) bool {
	first, _, _ := strings.Cut(r.Header.Get("Accept"), ",")
	return strings.Contains(first, "/json") || strings.Contains(first, "+json")
}

// Package redact masks secrets (client secrets, tokens, authorization codes, PKCE verifiers)
// so they can be shown, logged or reported without being given away: a short prefix a
// person can compare by eye and the length, never the whole value.
package redact

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Mask returns s as "abcd…(n chars)". Values of 16 characters or fewer show no prefix at
// all: a prefix of a short secret gives too much of it away.
func Mask(s string) string {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return ""
	case n <= 16:
		return fmt.Sprintf("…(%d chars)", n)
	}
	prefix := []rune(s)[:4]
	return fmt.Sprintf("%s…(%d chars)", string(prefix), n)
}

// SecretParams are the query and form parameters whose values are secrets.
var SecretParams = []string{
	"client_secret", "code", "code_verifier", "refresh_token", "access_token", "id_token",
	"token", "password", "assertion", "device_code",
}

// IsSecretParam reports whether a parameter name carries a secret.
func IsSecretParam(name string) bool {
	name = strings.ToLower(name)
	for _, p := range SecretParams {
		if name == p {
			return true
		}
	}
	return false
}

// Header masks the value of a header that carries credentials (Authorization, Cookie,
// Set-Cookie, Proxy-Authorization); other headers are returned as they are.
func Header(name, value string) string {
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization":
		scheme, rest, ok := strings.Cut(strings.TrimSpace(value), " ")
		if !ok {
			return Mask(value)
		}
		return scheme + " " + Mask(strings.TrimSpace(rest))
	case "cookie", "set-cookie":
		return Mask(value)
	}
	return value
}

// Set remembers secret values seen in one run so any text can be scrubbed of them before it
// leaves the program: a belt to go with the braces of masking at the source.
type Set struct {
	values []string
}

// Add registers a secret. Values shorter than 6 characters are ignored: scrubbing them would
// mangle ordinary text.
func (s *Set) Add(v string) {
	v = strings.TrimSpace(v)
	if len(v) < 6 {
		return
	}
	for _, have := range s.values {
		if have == v {
			return
		}
	}
	s.values = append(s.values, v)
}

// Scrub replaces every registered secret in text with its mask.
func (s *Set) Scrub(text string) string {
	if s == nil {
		return text
	}
	for _, v := range s.values {
		if strings.Contains(text, v) {
			text = strings.ReplaceAll(text, v, Mask(v))
		}
	}
	return text
}

// ScrubJSON is Scrub for JSON text, where a secret may also stand escaped (a quote, a
// backslash, or <, > and & as \u003c and the like, as encoding/json writes them).
func (s *Set) ScrubJSON(text string) string {
	if s == nil {
		return text
	}
	text = s.Scrub(text)
	for _, v := range s.values {
		if esc, err := json.Marshal(v); err == nil {
			if quoted := string(esc[1 : len(esc)-1]); quoted != v {
				text = strings.ReplaceAll(text, quoted, Mask(v))
			}
		}
	}
	return text
}

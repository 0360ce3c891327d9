// Package redact masks secrets (client secrets, tokens, authorization codes, PKCE verifiers)
// so they can be shown, logged or reported without being given away: a short prefix a
// person can compare by eye and the length, never the whole value.
package redact

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Mask returns s as "abcd…(n chars)". Values of 16 characters or fewer show no prefix at
// all: a prefix of a short secret gives too much of it away. Nor does a value whose first
// four characters are not all token characters (letters, digits, . _ ~ + / = -): a mask is
// put back into JSON, URLs and terminal text, where a quote or a control would not be inert.
func Mask(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	if n <= 16 {
		return lengthMask(s)
	}
	prefix := []rune(s[:min(len(s), 16)])[:4]
	for _, r := range prefix {
		if !isTokenRune(r) {
			return lengthMask(s)
		}
	}
	return fmt.Sprintf("%s…(%d chars)", string(prefix), n)
}

// lengthMask stands for a secret by its length alone.
func lengthMask(s string) string { return fmt.Sprintf("…(%d chars)", utf8.RuneCountInString(s)) }

func isTokenRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._~+/=-", r)
}

// SecretParams are the query and form parameters whose values are secrets.
var SecretParams = []string{
	"client_secret", "code", "code_verifier", "refresh_token", "access_token", "id_token",
	"token", "password", "assertion", "device_code",
	"denied", // OAuth 1.0a (Twitter/X): a cancelled sign-in comes back with the request token here
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

package lang

import (
	"regexp"
	"strings"
)

// maskedLength is the length redact.Mask writes after a masked secret's prefix.
var maskedLength = regexp.MustCompile(`…\((\d+) chars\)`)

// MaskWords says a masked secret's length in l ("…(13 karakter)") on text already masked:
// what is hidden, and how, is the redaction's business and stays as it is.
func (l Lang) MaskWords(s string) string {
	if l == English || l == "" || !strings.Contains(s, " chars)") {
		return s
	}
	return maskedLength.ReplaceAllString(s, "…(${1}"+l.T(" chars)"))
}

// maskedValue is what redact.Mask makes of a secret: up to four characters, an ellipsis
// and the length.
var maskedValue = regexp.MustCompile(`[A-Za-z0-9._~+/=-]{0,4}…\((\d+) chars\)`)

// Presented is text already masked as presenter mode shows it: of a masked secret only
// "set (13 chars)" remains, in l, not even its first characters.
func (l Lang) Presented(s string) string {
	if !strings.Contains(s, " chars)") {
		return s
	}
	return maskedValue.ReplaceAllString(s, l.T("set ($1 chars)"))
}

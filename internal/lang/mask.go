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

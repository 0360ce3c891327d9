package redact

import (
	"regexp"
	"strings"
)

// maskedValue is what Mask makes of a secret, its length said in any language: up to four
// characters, an ellipsis and "(n chars)", "(n karakter)". Text may be put in the reader's
// language before it is shown, so the words after the number are not English alone.
var maskedValue = regexp.MustCompile(`[A-Za-z0-9._~+/=-]{0,4}…\((\d+) \pL+\)`)

// LengthsOnly replaces every masked value in s by set, where $1 stands for its length
// ("set ($1 chars)"): presenter mode shows not even a mask's first characters.
func LengthsOnly(s, set string) string {
	if !strings.Contains(s, "…") { // most text holds no mask: skip the expression
		return s
	}
	return maskedValue.ReplaceAllString(s, set)
}

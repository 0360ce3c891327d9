package redact

import (
	"net/url"
	"strings"
)

// URL returns raw with a password before the host, and the value of every secret
// parameter, masked. Parameters are looked for after any of ? & # ; (and at the very
// start, for a bare query string), so a stray "?" inside another value or a secret in the
// fragment does not let one out. raw need not parse as a URL.
func URL(raw string) string {
	raw = maskPassword(raw)
	var b strings.Builder
	for raw != "" {
		end := strings.IndexAny(raw, "?&#;")
		part := raw
		if end >= 0 {
			part = raw[:end]
		}
		if k, v, ok := strings.Cut(part, "="); ok && IsSecretParam(unescape(k)) {
			b.WriteString(k + "=" + Mask(unescape(v)))
		} else {
			b.WriteString(part)
		}
		if end < 0 {
			break
		}
		b.WriteByte(raw[end])
		raw = raw[end+1:]
	}
	return b.String()
}

// maskPassword masks the password of a scheme://user:password@host URL, found in the text
// itself so the way it is escaped does not matter.
func maskPassword(raw string) string {
	i := strings.Index(raw, "://")
	if i < 0 {
		return raw
	}
	start := i + len("://")
	authority := raw[start:]
	if end := strings.IndexAny(authority, "/?#"); end >= 0 {
		authority = authority[:end]
	}
	at := strings.LastIndexByte(authority, '@')
	if at < 0 {
		return raw
	}
	user, pw, ok := strings.Cut(authority[:at], ":")
	if !ok || pw == "" {
		return raw
	}
	return raw[:start] + user + ":" + Mask(unescape(pw)) + raw[start+at:]
}

// unescape decodes form encoding (+ for space, %XX); a bad escape leaves the text as it is.
func unescape(s string) string {
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

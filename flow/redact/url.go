package redact

import (
	"net/url"
	"strings"
)

// URL returns raw with a password before the host, and the value of every secret
// parameter, masked. Parameters are looked for after any of ? & # ; (and at the very
// start, for a bare query string), so a stray "?" inside another value or a secret in the
// fragment does not let one out. raw need not parse as a URL.
//
// Every stretch to hide is found in raw as it is given, and only then replaced: a password
// that seems to run over a parameter ("://u:p&code=SECRET@host") and the parameter both
// end up hidden, whichever reading is right.
func URL(raw string) string {
	var hits []hit
	if start, end, ok := passwordSpan(raw); ok {
		hits = append(hits, hit{start, end, Mask(unescape(raw[start:end]))})
	}
	for pos := 0; pos <= len(raw); {
		end := strings.IndexAny(raw[pos:], "?&#;")
		if end < 0 {
			end = len(raw)
		} else {
			end += pos
		}
		if k, v, ok := strings.Cut(raw[pos:end], "="); ok && v != "" && IsSecretParam(unescape(k)) {
			vs := pos + len(k) + 1
			hits = append(hits, hit{vs, end, Mask(unescape(v))})
		}
		pos = end + 1
	}
	if len(hits) == 0 {
		return raw
	}
	return replace(raw, hits)
}

// passwordSpan finds the password of a scheme://user:password@host URL in the text itself,
// so the way it is escaped does not matter.
func passwordSpan(raw string) (int, int, bool) {
	i := strings.Index(raw, "://")
	if i < 0 {
		return 0, 0, false
	}
	start := i + len("://")
	authority := raw[start:]
	if end := strings.IndexAny(authority, "/?#"); end >= 0 {
		authority = authority[:end]
	}
	at := strings.LastIndexByte(authority, '@')
	if at < 0 {
		return 0, 0, false
	}
	colon := strings.IndexByte(authority[:at], ':')
	if colon < 0 || colon+1 == at {
		return 0, 0, false
	}
	return start + colon + 1, start + at, true
}

// unescape decodes form encoding (+ for space, %XX); a bad escape leaves the text as it is.
func unescape(s string) string {
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

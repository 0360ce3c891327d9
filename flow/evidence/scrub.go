package evidence

import (
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// Scrub masks the secrets a line of text may carry (JWTs, def50200… values, secret query
// or form parameters, Authorization header values) so it can be quoted back to a person.
func Scrub(line string) string {
	set := &redact.Set{}
	for _, v := range Secrets(line) {
		set.Add(v)
	}
	return set.Scrub(line)
}

// Secrets lists the secret values found in text: access tokens, refresh tokens and codes,
// client secrets and PKCE verifiers in query strings or form bodies, Authorization header
// credentials. The CLI registers them so nothing it prints can repeat one.
func Secrets(text string) []string {
	var out []string
	for _, sp := range tokenSpans(text, "eyJ", 200) {
		out = append(out, sp.text)
	}
	for _, sp := range tokenSpans(text, "def50200", 200) {
		out = append(out, strings.TrimRight(sp.text, "."))
	}
	for _, name := range redact.SecretParams {
		for _, i := range findAll(text, name+"=", 50) {
			if i > 0 && isWordByte(text[i-1]) {
				continue
			}
			v := lineFrom(text, i+len(name)+1, 8192)
			end := strings.IndexAny(v, "&# \t\"'`")
			if end >= 0 {
				v = v[:end]
			}
			out = append(out, v, unescape(v))
		}
		for _, i := range findAll(text, `"`+name+`"`, 50) {
			v := strings.TrimLeft(lineFrom(text, i+len(name)+2, 8192), " \t:")
			if lit, ok := literal(v); ok && v != "" {
				out = append(out, lit)
			}
		}
	}
	lower := strings.ToLower(text)
	for _, i := range findAll(lower, "authorization:", 50) {
		v := lineFrom(text, i+len("authorization:"), 8192)
		if e := strings.IndexAny(v, "'\"`"); e >= 0 {
			v = v[:e]
		}
		if _, cred, ok := strings.Cut(strings.TrimSpace(v), " "); ok {
			out = append(out, strings.TrimSpace(cred))
		}
	}
	for _, i := range findAll(lower, "bearer ", 50) {
		v := lineFrom(text, i+len("bearer "), 8192)
		end := strings.IndexAny(v, " \t'\"`,")
		if end >= 0 {
			v = v[:end]
		}
		out = append(out, v)
	}
	return out
}

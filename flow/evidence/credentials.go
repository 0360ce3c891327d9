package evidence

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// decodeBasic reads the client_id and client_secret of Basic credentials. Padding is
// optional, as many clients drop it.
func decodeBasic(cred string) (id, secret string, ok bool) {
	if e := strings.IndexAny(cred, " \t"); e >= 0 {
		cred = cred[:e]
	}
	raw, err := base64.StdEncoding.DecodeString(cred)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(cred, "="))
	}
	if err != nil {
		return "", "", false
	}
	return strings.Cut(string(raw), ":")
}

// inspectBasic notes what is wrong with the values inside Basic credentials, the faults
// league's client check cannot see past: it compares both values exactly as decoded, so an
// empty one, a trailing newline from `echo … | base64`, a percent-escape it never undoes, or
// the two values swapped all read as an unknown client or a wrong secret. Details give
// lengths and kinds of fault, never the values.
func inspectBasic(o *knowledge.Observation, id, secret string) {
	if looksLikeSecret(id) && looksLikeClientID(secret) {
		detail := fmt.Sprintf("the Basic credentials look swapped: the part before the colon (%d characters) has the shape of a secret "+
			"and the part after it the shape of a client_id; Basic carries base64(client_id:client_secret)", len(id))
		o.AddFact(knowledge.FactBasicClientIDBad, detail)
		o.AddFact(knowledge.FactBasicSecretBad, detail)
		return
	}
	if id == "" {
		// With no client_id no client is looked up, so the secret is never compared (league,
		// like most servers, checks the id first): the empty id is the fault, whatever the
		// secret holds.
		detail := "the client_id inside the Basic credentials is empty, so no client can be looked up"
		if secret == "" {
			detail += " (the secret is empty too: the header carries only the colon)"
		}
		o.AddFact(knowledge.FactBasicClientIDBad, detail)
		return
	}
	if fault := valueFault(id); fault != "" {
		o.AddFact(knowledge.FactBasicClientIDBad, "the client_id inside the Basic credentials "+fault)
	}
	if fault := valueFault(secret); fault != "" {
		o.AddFact(knowledge.FactBasicSecretBad, "the client_secret inside the Basic credentials "+fault)
	} else if kind := hashedSecret(secret); kind != "" {
		o.AddFact(knowledge.FactBasicSecretBad, "the client_secret inside the Basic credentials is a "+kind+
			" hash, the form a server stores a secret in, not the secret itself: the server hashes what it receives "+
			"and compares that with its stored hash, so the hash never matches")
	}
}

// hashPrefixes start the stored forms of a hashed secret: Django's and Werkzeug's
// algorithm$…, the modular crypt $id$… of bcrypt, argon2 and sha-crypt.
var hashPrefixes = []struct{ prefix, kind string }{
	{"pbkdf2_sha256$", "PBKDF2"}, {"pbkdf2_sha1$", "PBKDF2"}, {"pbkdf2:sha256:", "PBKDF2"}, {"argon2$", "Argon2"},
	{"bcrypt$", "bcrypt"}, {"bcrypt_sha256$", "bcrypt"}, {"scrypt:", "scrypt"}, {"$2y$", "bcrypt"}, {"$2b$", "bcrypt"},
	{"$2a$", "bcrypt"}, {"$argon2i", "Argon2"}, {"$argon2id$", "Argon2"}, {"$6$", "SHA-512 crypt"},
	{"$5$", "SHA-256 crypt"}, {"$pbkdf2", "PBKDF2"},
}

// hashedSecret names the hash a credential value is stored as, or "" when it is not one.
// A placeholder's brackets around it (<pbkdf2_sha256$…>) are looked past.
func hashedSecret(v string) string {
	v = strings.TrimLeft(v, "<'\" ")
	for _, h := range hashPrefixes {
		if len(v) > len(h.prefix)+8 && strings.HasPrefix(v, h.prefix) {
			return h.kind
		}
	}
	return ""
}

// misnamedAuthHeader reports whether a request header's name is a misspelling of
// Authorization ("Authentication", "Authorisation", "Authorizaton"): a server reads
// credentials from Authorization only, so such a header is never seen.
func misnamedAuthHeader(name string) bool {
	low := strings.ToLower(strings.TrimSpace(name))
	if low == "authorization" || !strings.HasPrefix(low, "auth") {
		return false
	}
	return low == "authentication" || len(low) >= 11 && len(low) <= 15 && knowledge.Distance(low, "authorization") <= 2
}

// misnamedAuth notes credentials sent under a misspelt Authorization header. The scheme
// in it may be right: what is wrong is the name, so no scheme fact is set (the catalogue
// reads this fact as credentials or a token that never arrived).
func misnamedAuth(o *knowledge.Observation, name string) {
	detail := fmt.Sprintf("the credentials go in a header named %q; the server reads them only from Authorization, "+
		"so it receives none", strings.TrimSpace(name))
	o.AddFact(knowledge.FactAuthHeaderMisnamed, detail)
}

// valueFault says what is wrong with one credential value, or "".
func valueFault(v string) string {
	switch {
	case v == "":
		return "is empty"
	case strings.HasSuffix(v, "\n") || strings.HasSuffix(v, "\r"):
		return "ends with a line break (encoded from `echo` without -n, or read from a file with its newline)"
	case strings.TrimSpace(v) != v:
		return "has a space or tab around it, which league compares as part of the value"
	case percentEscaped(v):
		return "is URL-escaped (it holds %XX); league compares it as sent and does not undo the escaping"
	}
	return ""
}

// percentEscaped reports whether v holds a %XX escape.
func percentEscaped(v string) bool {
	for i := 0; i+2 < len(v); i++ {
		if v[i] == '%' && isHex(v[i+1]) && isHex(v[i+2]) {
			return true
		}
	}
	return false
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// looksLikeSecret: Passport's secrets are 40 random letters and digits.
func looksLikeSecret(v string) bool {
	if len(v) < 32 || len(v) > 128 {
		return false
	}
	upper, lower, digit := false, false, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9':
			digit = true
		default:
			return false
		}
	}
	return upper && lower && digit
}

// looksLikeClientID: Passport's client ids are numbers (before Passport 13) or UUIDs.
func looksLikeClientID(v string) bool {
	if v == "" {
		return false
	}
	if len(v) <= 12 && strings.Trim(v, "0123456789") == "" {
		return true
	}
	if len(v) != 36 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if !isHex(c) {
			return false
		}
	}
	return true
}

// schemeFault says what is wrong with an Authorization scheme where Bearer was meant, or ""
// when it is Bearer (in any case: lower case has its own fact) or another real scheme.
func schemeFault(scheme, cred string) string {
	if strings.HasPrefix(scheme, "eyJ") || strings.HasPrefix(scheme, "def50200") {
		return "the Authorization header holds the token with no scheme before it; the API reads only \"Bearer <access_token>\""
	}
	if len(scheme) > 16 {
		return "" // no scheme is that long; whatever this is, it is not a misspelt Bearer
	}
	low := strings.ToLower(scheme)
	switch {
	case low == "bearer":
		if next, _, _ := strings.Cut(cred, " "); strings.EqualFold(strings.TrimRight(next, ":"), "bearer") {
			return `the Authorization header says "Bearer" twice ("Bearer Bearer …"): the server takes the second "Bearer" as the token`
		}
		return ""
	case low == "basic" || low == "digest" || low == "negotiate" || low == "ntlm" || low == "dpop" || low == "hawk" ||
		strings.HasPrefix(low, "aws4-"):
		return ""
	case strings.TrimRight(low, ":") == "bearer":
		return fmt.Sprintf("the Authorization scheme is %q: the colon makes it another word than Bearer", scheme)
	case low == "token" || low == "jwt" || low == "oauth" || low == "access_token" || low == "apikey":
		return fmt.Sprintf("the Authorization scheme is %q; the API reads only \"Bearer <access_token>\"", scheme)
	case len(low) >= 4 && len(low) <= 8 && knowledge.Distance(low, "bearer") <= 2:
		return fmt.Sprintf("the Authorization scheme %q is a misspelling of Bearer; the API ignores a header with any other scheme", scheme)
	}
	return ""
}

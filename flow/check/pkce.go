package check

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// S256 returns the code_challenge for a verifier: base64url(SHA-256(verifier)), unpadded.
func S256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// pkceProblems says what is wrong with a verifier or challenge against RFC 7636's
// [A-Za-z0-9-._~]{43,128}, in words that point to the usual mistake.
func pkceProblems(l lang.Lang, what, v string) []string {
	var out []string
	if n := len(v); n < 43 || n > 128 {
		out = append(out, l.Tf("the %s is %d characters; RFC 7636 needs 43 to 128", what, n))
	}
	var bad []string
	seen := map[rune]bool{}
	for _, r := range v {
		ok := r == '-' || r == '.' || r == '_' || r == '~' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !ok && !seen[r] {
			seen[r] = true
			bad = append(bad, fmt.Sprintf("%q", r))
		}
	}
	if len(bad) > 0 {
		hint := ""
		if seen['='] || seen['+'] || seen['/'] {
			hint = l.T(": use base64url (- and _ instead of + and /) without '=' padding")
		}
		out = append(out, l.Tf("the %s contains %s, outside A-Z a-z 0-9 - . _ ~%s", what, strings.Join(bad, " "), hint))
	}
	return out
}

// PKCE checks a code_verifier against the code_challenge it should produce. Mubarokah ID
// requires the S256 method. The verifier is a secret and appears only masked.
func PKCE(l lang.Lang, verifier, challenge, method string) Result {
	var o knowledge.Observation
	if method == "" {
		method = "S256"
	}
	shown := []string{
		"verifier:  " + maskOrNone(l, verifier),
		"challenge: " + orNone(l, challenge),
		"method:    " + method,
	}
	var details []string
	if p := pkceProblems(l, "verifier", verifier); len(p) > 0 {
		o.AddFact(knowledge.FactPKCEVerifierBad, p[0]+l.T(` — Passport answers "Code Verifier must follow the specifications of RFC-7636."`))
		details = append(details, p...)
	}
	if p := pkceProblems(l, "challenge", challenge); len(p) > 0 {
		o.AddFact(knowledge.FactPKCEChallengeBad, p[0]+l.T(` — Passport answers "Code challenge must follow the specifications of RFC-7636."`))
		details = append(details, p...)
	}
	st := Pass
	if len(o.Facts) > 0 {
		st = Fail
	}
	switch method {
	case "S256":
		want := S256(verifier)
		if want == challenge {
			if st == Pass {
				return done(NamePKCE, Pass, o, l.T("the verifier hashes to the challenge (S256)"), shown...)
			}
			break
		}
		why := l.T(s256Mistake(verifier, challenge))
		o.AddFact(knowledge.FactPKCEMismatch, why+l.T(" — Passport answers invalid_grant with hint \"Failed to verify `code_verifier`.\""))
		details = append(details, why, l.T("expected challenge for this verifier: ")+want)
		st = Fail
	case "plain":
		details = append(details, l.T("method plain: Mubarokah ID requires S256; send code_challenge_method=S256 with base64url(SHA-256(verifier))"))
		if verifier != challenge {
			o.AddFact(knowledge.FactPKCEMismatch, l.T("with method plain the verifier must equal the challenge, and it does not"))
			st = Fail
		} else if st == Pass {
			st = Warn
		}
	default:
		details = append(details, l.Tf("method %q is not one Passport knows: it accepts S256 or plain, case-sensitive, and Mubarokah ID requires S256", method))
		st = Fail
	}
	summary := l.T("the PKCE pair is wrong: ") + firstFact(o, details)
	if st == Warn {
		summary = l.T("the pair matches, but with method plain: Mubarokah ID requires S256")
	}
	return done(NamePKCE, st, o, summary, append(shown, details...)...)
}

// s256Mistake recognises the usual ways a challenge is built wrong.
func s256Mistake(verifier, challenge string) string {
	sum := sha256.Sum256([]byte(verifier))
	switch challenge {
	case base64.StdEncoding.EncodeToString(sum[:]):
		return lang.N("the challenge is standard base64 with '=' padding; it must be base64url without padding")
	case base64.RawStdEncoding.EncodeToString(sum[:]):
		return lang.N("the challenge uses + and /; it must be base64url (- and _)")
	case base64.URLEncoding.EncodeToString(sum[:]):
		return lang.N("the challenge keeps the '=' padding; strip it")
	case hex.EncodeToString(sum[:]), strings.ToUpper(hex.EncodeToString(sum[:])):
		return lang.N("the challenge is the hex SHA-256; encode the raw 32 bytes with base64url instead")
	case verifier:
		return lang.N("the challenge is the verifier itself (plain) while the method says S256")
	case S256(strings.TrimSpace(verifier)):
		return lang.N("the verifier carries surrounding whitespace that was not there when the challenge was made")
	}
	return lang.N("the verifier does not hash to the challenge: the verifier sent is not the one generated with this challenge " +
		"(a lost or shared session, a verifier regenerated on each request, or another login's verifier)")
}

func firstFact(o knowledge.Observation, details []string) string {
	if len(o.Facts) > 0 {
		d := o.Facts[len(o.Facts)-1].Detail
		if i := strings.Index(d, " — "); i > 0 {
			d = d[:i]
		}
		return d
	}
	if len(details) > 0 {
		return details[0]
	}
	return ""
}

func maskOrNone(l lang.Lang, s string) string {
	if s == "" {
		return l.T("(none)")
	}
	return redact.Mask(s)
}

func orNone(l lang.Lang, s string) string {
	if s == "" {
		return l.T("(none)")
	}
	return s
}

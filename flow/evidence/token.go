package evidence

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// ErrEncryptedToken says a def50200… value was given where an access token was expected.
var ErrEncryptedToken = errors.New("this def50200… value is a Passport refresh token or authorization code " +
	"(encrypted, it cannot be decoded); an access token is a JWT starting with eyJ")

// DecodeToken reads an access token's header and claims without checking its signature:
// the point is to see what the token says (expiry, audience, scopes), not to trust it.
func DecodeToken(tok string) (*knowledge.TokenInfo, error) {
	tok = strings.TrimSpace(tok)
	if len(tok) > 7 && strings.EqualFold(tok[:7], "bearer ") {
		tok = strings.TrimSpace(tok[7:])
	}
	if strings.HasPrefix(tok, "def50200") {
		return nil, ErrEncryptedToken
	}
	if strings.Count(tok, ".") != 2 {
		return nil, fmt.Errorf("it has %d dots; a JWT has three base64url parts separated by two dots (eyJ….eyJ….sig)", strings.Count(tok, "."))
	}
	claims := jwt.MapClaims{}
	t, _, err := jwt.NewParser().ParseUnverified(tok, claims)
	if err != nil {
		return nil, fmt.Errorf("it does not decode as a JWT: %s", strings.TrimPrefix(err.Error(), "token is malformed: "))
	}
	info := &knowledge.TokenInfo{Masked: redact.Mask(tok)}
	if alg, ok := t.Header["alg"].(string); ok {
		info.Algorithm = alg
	}
	info.Subject, _ = claims["sub"].(string)
	info.ID, _ = claims["jti"].(string)
	if aud, err := claims.GetAudience(); err == nil {
		info.Audience = aud
	}
	info.Scopes = stringList(claims["scopes"])
	if len(info.Scopes) == 0 {
		if sc, ok := claims["scope"].(string); ok {
			info.Scopes = strings.Fields(sc)
		}
	}
	info.IssuedAt = claimTime(claims.GetIssuedAt())
	info.NotBefore = claimTime(claims.GetNotBefore())
	info.ExpiresAt = claimTime(claims.GetExpirationTime())
	return info, nil
}

func claimTime(d *jwt.NumericDate, err error) *time.Time {
	if err != nil || d == nil {
		return nil
	}
	t := writableTime(d.UTC())
	return &t
}

func stringList(v any) []string {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// TokenFacts judges a decoded token's lifetimes against now.
func TokenFacts(t *knowledge.TokenInfo, now time.Time) []knowledge.Fact {
	var out []knowledge.Fact
	if t == nil {
		return nil
	}
	if t.ExpiresAt != nil && !now.Before(*t.ExpiresAt) {
		out = append(out, knowledge.Fact{Name: knowledge.FactTokenExpired,
			Detail: fmt.Sprintf("token exp %s is %s in the past", stamp(*t.ExpiresAt), Ago(now.Sub(*t.ExpiresAt)))})
	}
	if t.ExpiresAt != nil && t.IssuedAt != nil && !t.ExpiresAt.After(*t.IssuedAt) {
		out = append(out, knowledge.Fact{Name: knowledge.FactTokenIssuedExpired,
			Detail: fmt.Sprintf("token exp %s is not after its iat %s: it was issued already expired", stamp(*t.ExpiresAt), stamp(*t.IssuedAt))})
	}
	if t.NotBefore != nil && now.Before(*t.NotBefore) {
		out = append(out, knowledge.Fact{Name: knowledge.FactTokenNotYetValid,
			Detail: fmt.Sprintf("token nbf %s is %s in the future: a clock is wrong", stamp(*t.NotBefore), Ago(t.NotBefore.Sub(now)))})
	} else if t.IssuedAt != nil && now.Before(*t.IssuedAt) {
		out = append(out, knowledge.Fact{Name: knowledge.FactTokenNotYetValid,
			Detail: fmt.Sprintf("token iat %s is %s in the future: a clock is wrong", stamp(*t.IssuedAt), Ago(t.IssuedAt.Sub(now)))})
	}
	return out
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// Ago renders a duration the way a person says it: "40 s", "12 min", "3 h", "5 days".
func Ago(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(math.Round(d.Hours())))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

// bearer reads a value used as an access token.
func (s *scan) bearer(o *knowledge.Observation, cred string) {
	if strings.HasPrefix(cred, "def50200") {
		o.AddSource("passport_encrypted_value")
		o.AddFact(knowledge.FactRefreshAsAccess, fmt.Sprintf("the bearer value %s starts with def50200: it is a Passport refresh token "+
			"or authorization code, not an access token", redact.Mask(cred)))
		return
	}
	info, err := DecodeToken(cred)
	if err != nil {
		o.AddFact(knowledge.FactTokenNotJWT, fmt.Sprintf("the access token %s is not a JWT: %v", redact.Mask(cred), err))
		return
	}
	o.AddSource("access_token")
	o.Token = info
	if o.GrantType == "" && info.ID != "" && len(info.Audience) == 1 &&
		(info.Subject == "" || info.Subject == info.Audience[0]) {
		// A Passport token with no user: league 8.x leaves sub empty for client_credentials,
		// 9.x puts the client id there. A user route finds no user for it and answers 401.
		o.GrantType = "client_credentials"
	}
	if s.vals.AccessToken == "" {
		s.vals.AccessToken = cred
	}
	for _, f := range TokenFacts(info, s.now) {
		o.AddFact(f.Name, f.Detail)
	}
}

// findTokens reads Authorization headers wherever they appear (curl -H, a header dump, a JS
// object), bare JWTs, and Passport's encrypted def50200… values.
func findTokens(s *scan) {
	from := 0
	for n := 0; n < 100; n++ {
		i := strings.Index(s.lower[from:], "authorization:")
		if i < 0 {
			break
		}
		i += from
		from = i + len("authorization:")
		rest := lineFrom(s.text, from, 8192)
		rest = strings.TrimLeft(rest, " \t'\"`")
		if e := strings.IndexAny(rest, "'\"`,}"); e >= 0 {
			rest = rest[:e]
		}
		var o knowledge.Observation
		s.authorization(&o, rest)
		s.add(i, o)
	}
	for _, sp := range tokenSpans(s.text, "eyJ", 200) {
		start, tok := sp.start, sp.text
		if strings.Count(tok, ".") != 2 || (start > 0 && isB64URL(s.text[start-1])) || underMisnamedHeader(s.text, start) {
			continue
		}
		var o knowledge.Observation
		s.bearer(&o, tok)
		s.add(start, o)
	}
	for _, sp := range tokenSpans(s.text, "def50200", 50) {
		start := sp.start
		before := strings.ToLower(s.text[max(0, start-24):start])
		if strings.Contains(before, "bearer") || strings.Contains(before, "code") || strings.Contains(before, "refresh_token") ||
			(start > 0 && isB64URL(s.text[start-1])) {
			continue // a code or refresh token where one belongs, or already read as a bearer value
		}
		var o knowledge.Observation
		o.AddSource("passport_encrypted_value")
		s.add(start, o)
	}
}

// underMisnamedHeader reports a token written under a misspelt Authorization header
// ("Authentication: Bearer eyJ…"): the server never received it, so its claims say nothing
// about the refusal; the header's name is the fault, read with the request.
func underMisnamedHeader(text string, at int) bool {
	head := text[strings.LastIndexByte(text[:at], '\n')+1 : at]
	c := strings.LastIndexByte(head, ':')
	if c < 0 {
		return false
	}
	name := strings.TrimRight(head[:c], " \t'\"`")
	if k := strings.LastIndexAny(name, " \t'\"`{,"); k >= 0 {
		name = name[k+1:]
	}
	return misnamedAuthHeader(name)
}

func isB64URL(c byte) bool {
	return c == '-' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// span is a run of token characters starting with a known prefix.
type span struct {
	start int
	text  string
}

// tokenSpans returns up to n non-overlapping runs of base64url characters (and dots) that
// start with prefix, so a megabyte of "eyJeyJ…" is read once, not once per occurrence.
func tokenSpans(text, prefix string, n int) []span {
	var out []span
	from := 0
	for len(out) < n {
		i := strings.Index(text[from:], prefix)
		if i < 0 {
			break
		}
		start := from + i
		end := start
		for end < len(text) && (isB64URL(text[end]) || text[end] == '.') {
			end++
		}
		out = append(out, span{start: start, text: strings.TrimRight(text[start:end], ".")})
		from = max(end, start+len(prefix))
	}
	return out
}

// findAll returns up to n positions of sub in text.
func findAll(text, sub string, n int) []int {
	var out []int
	from := 0
	for len(out) < n {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			break
		}
		out = append(out, from+i)
		from += i + len(sub)
	}
	return out
}

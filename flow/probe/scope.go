package probe

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// addScopeFacts adds what the offline scope check knows about the scopes a server refused
// or left out: a name Mubarokah ID does not define, a list joined with commas. Servers other
// than Passport say only "invalid, unknown, or malformed" (or drop the scope silently), so
// without this the causes could not be told apart. When the server's text quotes some of
// the requested scopes, only those are checked.
//
// The facts are this program's reading of the request, not the server's answer: the matcher
// ranks them below any cause the server's own words name (fosite's "not allowed to request
// scope"), see knowledge.RequestFacts.
func addScopeFacts(l lang.Lang, o *knowledge.Observation, requested []string) {
	names := quotedScopes(o, requested)
	if len(names) == 0 {
		names = requested
	}
	if len(names) == 0 {
		return
	}
	r := check.Scope(l, strings.Join(names, " "))
	for _, f := range r.Obs.Facts {
		if f.Name == knowledge.FactScopeUnknown || f.Name == knowledge.FactScopeMalformed {
			o.AddFact(f.Name, f.Detail)
		}
	}
}

// failReadingScopes is failWith for a refusal that may be about the scopes: what the offline
// scope check reads in the requested scopes is added, for the matcher to weigh below the
// server's own words.
func failReadingScopes(l lang.Lang, o knowledge.Observation, scopes []string, lead string) Result {
	if refusesScope(o) {
		addScopeFacts(l, &o, scopes)
	}
	return failWith(l, o, lead)
}

// refusesScope reports whether a refusal is about the scopes: invalid_scope, or a client
// error whose words mention a scope (some servers answer an unknown scope with
// invalid_request).
func refusesScope(o knowledge.Observation) bool {
	if strings.EqualFold(o.Error, "invalid_scope") {
		return true
	}
	text := strings.ToLower(o.Hint + " " + o.Description + " " + o.Message)
	return o.Status >= 300 && o.Status < 500 && strings.Contains(text, "scope")
}

// quotedScopes returns the requested scopes the server's words quote, in `x`, 'x' or "x".
func quotedScopes(o *knowledge.Observation, requested []string) []string {
	text := o.Hint + "\n" + o.Description + "\n" + o.Message
	var out []string
	for _, s := range requested {
		for _, q := range []string{"`", "'", `"`} {
			if strings.Contains(text, q+s+q) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// missingScopes returns the requested scopes a token answer left out. An answer without a
// scope field was granted what was asked (RFC 6749 section 5.1).
func missingScopes(requested []string, granted any) []string {
	s, ok := granted.(string)
	if !ok {
		return nil
	}
	have := strings.Fields(s)
	var out []string
	for _, r := range requested {
		if !slices.Contains(have, r) {
			out = append(out, r)
		}
	}
	return out
}

// scopeShortfall is the result of a token issued without some of the requested scopes.
// A left-out name Mubarokah ID does not define fails as invalid_scope/scope_unknown; a
// known one is a warning, since a server may narrow what a client is allowed.
func scopeShortfall(l lang.Lang, endpoint knowledge.Endpoint, grant string, missing []string, granted string, details []string) Result {
	o := knowledge.Observation{Endpoint: endpoint, GrantType: grant, Status: 200}
	o.AddSource("live_probe")
	addScopeFacts(l, &o, missing)
	lead := l.Tf("a token was issued, but without %s: the server left %s out (granted %q)",
		quoteList(missing), l.T(pronoun(missing)), granted)
	if len(o.Facts) > 0 {
		return Result{Status: Fail, Summary: lead + "; " + o.Facts[0].Detail, Details: details, Obs: o}
	}
	return Result{Status: Warn, Summary: lead + l.T("; the client may not be allowed ") + l.T(pronoun(missing)), Details: details}
}

// quoteList names the scopes as the wire does, in every language.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return "scope " + q[0]
	}
	return "scopes " + strings.Join(q, ", ")
}

func pronoun(names []string) string {
	if len(names) == 1 {
		return lang.N("it")
	}
	return lang.N("them")
}

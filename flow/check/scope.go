package check

import (
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Mubarokah ID defines exactly these scopes.
const (
	ScopeViewUser   = "view-user"
	ScopeDetailUser = "detail-user"
)

var knownScopes = []string{ScopeViewUser, ScopeDetailUser}

// Scope checks a scope string as it is sent to /oauth/authorize or /oauth/token.
func Scope(l lang.Lang, scope string) Result {
	var o knowledge.Observation
	var details []string
	warn := false
	if strings.TrimSpace(scope) == "" {
		return done(NameScope, Warn, o, l.T("no scope: Passport then applies its default scope, or answers invalid_scope "+
			`with hint "Specify a scope in the request or set a default scope"; send "view-user"`))
	}
	if strings.Contains(scope, ",") {
		o.AddFact(knowledge.FactScopeMalformed, l.T(`the scopes are comma-separated; separate them with spaces: "view-user detail-user"`))
	}
	if strings.Contains(scope, "+") {
		o.AddFact(knowledge.FactScopeMalformed, l.T(`the scopes are joined with "+": that is right only as the URL encoding of a space; `+
			`if your code writes the + itself (or encodes it again as %2B) the server sees one unknown scope — pass "view-user detail-user" to the URL encoder`))
	}
	if strings.Contains(strings.ToLower(scope), "%20") || strings.Contains(strings.ToLower(scope), "%2b") {
		o.AddFact(knowledge.FactScopeMalformed, l.T("the scope is still percent-encoded: it was encoded twice"))
	}
	if strings.ContainsAny(scope, ";|") {
		o.AddFact(knowledge.FactScopeMalformed, l.T("the scopes are separated by ; or |; separate them with spaces"))
	}
	if strings.ContainsAny(scope, "?=&") {
		// scope=view-user?lang=id: the URL was built by gluing strings, and a second query
		// string landed inside the scope value.
		o.AddFact(knowledge.FactScopeMalformed, l.T("the scope carries ?, = or &: another query string was glued onto it; "+
			"build the authorize URL with a URL encoder so scope holds only the scope names"))
	}
	if strings.Contains(strings.ToLower(scope), "[object ") {
		// JavaScript's String() of an object or array: the code passed the scopes as an object.
		o.AddFact(knowledge.FactScopeMalformed, l.T(`the scope reads "[object Object]": the code passed an object where a string was expected; `+
			`pass "view-user detail-user"`))
	}
	names := strings.FieldsFunc(scope, func(r rune) bool {
		return r == ' ' || r == ',' || r == '+' || r == ';' || r == '|' || r == '\t' || r == '\n'
	})
	seen := map[string]bool{}
	for _, raw := range names {
		n := strings.Trim(raw, `"'`)
		n = strings.ReplaceAll(strings.ReplaceAll(n, "%20", ""), "%2B", "")
		if seen[n] {
			details = append(details, l.Tf("%q is listed twice", n))
			warn = true
			continue
		}
		seen[n] = true
		if slices.Contains(knownScopes, n) {
			continue
		}
		msg := l.Tf("%q is not a Mubarokah ID scope (only view-user and detail-user exist)", n)
		if s := nearest(n); s != "" {
			msg += l.Tf("; did you mean %q?", s)
		}
		o.AddFact(knowledge.FactScopeUnknown, msg+l.Tf(" — Passport answers invalid_scope with hint \"Check the `%s` scope\"", n))
		details = append(details, msg)
	}
	if seen[ScopeDetailUser] && !seen[ScopeViewUser] {
		o.AddFact(knowledge.FactScopeDetailOnly, l.T("detail-user is requested without view-user; request both, \"view-user detail-user\""))
		warn = true
	}
	if seen[ScopeDetailUser] {
		details = append(details, l.T("detail-user needs Mubarokah ID's admin approval of the client; until then /api/user/details answers 403 unapproved_scope"))
	}
	for _, f := range o.Facts {
		details = append([]string{f.Detail}, details...)
	}
	details = dedupe(details)
	switch {
	case o.HasFact(knowledge.FactScopeMalformed) || o.HasFact(knowledge.FactScopeUnknown):
		return done(NameScope, Fail, o, l.T("the scope string would be refused: ")+cut(o.Facts[0].Detail), details...)
	case warn:
		return done(NameScope, Warn, o, l.T("the scopes are known but the request could be better"), details...)
	}
	return done(NameScope, Pass, o, l.Tf("the scope string is well formed: %q", scope), details...)
}

// nearest suggests the known scope a mistyped one was meant to be.
func nearest(n string) string {
	l := strings.ToLower(n)
	for _, k := range knownScopes {
		if l == k || knowledge.Distance(l, k) <= 3 {
			return k
		}
	}
	switch l {
	case "profile", "email", "openid", "user", "read-user", "user:read", "basic":
		return ScopeViewUser
	case "details", "phone", "address", "user-details":
		return ScopeDetailUser
	}
	return ""
}

func dedupe(list []string) []string {
	var out []string
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// cut shortens a fact detail to its first clause for a one-line summary.
func cut(s string) string {
	if i := strings.Index(s, " — "); i > 0 {
		return s[:i]
	}
	return s
}

package knowledge_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// seedEntry is what the provider's Error Resolution Framework (and, where marked, its
// scopes page) says about one error, reduced to key facts the catalogue must keep in its
// own words. It is the test's copy of the seed: if an edit drops a fact, the test says
// which one and where in the seed it comes from.
type seedEntry struct {
	code     string
	severity knowledge.Severity
	note     []string // facts the severity note must keep
	causes   []seedFact
	steps    []seedFact
	tips     []seedFact
}

// seedFact is one seed item. keys must all appear (case-insensitively) in one text; a key
// "a|b" accepts either wording.
type seedFact struct {
	where string // the seed item, located and paraphrased
	id    string // causes: the cause that must say it; steps: a cause the step must fix
	ctx   string // causes: the context group the seed puts it in
	keys  []string
}

func seedEntries() []seedEntry {
	return []seedEntry{
		{
			code: "invalid_client", severity: knowledge.SeverityHigh,
			causes: []seedFact{
				{where: "invalid_client cause 1: the client_id does not exist or is wrong", id: "unknown_client", keys: []string{"client_id", "does not exist"}},
				{where: "invalid_client cause 2: the client_secret is wrong (credentials in the body)", id: "wrong_secret", keys: []string{"client_secret", "wrong", "body"}},
				{where: "invalid_client cause 3: administrators revoked or disabled the client", id: "client_revoked", keys: []string{"revoked", "disabled", "administrators"}},
				{where: "invalid_client cause 4: body vs HTTP Basic authentication mismatch", id: "auth_method_mismatch", keys: []string{"body", "HTTP Basic"}},
			},
			steps: []seedFact{
				{where: "invalid_client step 1: check the client_id against the issued one", id: "unknown_client", keys: []string{"client_id", "issued"}},
				{where: "invalid_client step 2: check the secret, store it securely, never log it", id: "wrong_secret", keys: []string{"client_secret", "stored securely", "never print or log|never log|do not log"}},
				{where: "invalid_client step 3: ask support or the dashboard whether the client is active", id: "client_revoked", keys: []string{"support", "dashboard", "revoked"}},
				{where: "invalid_client step 4: body or Basic header, as the server expects", id: "auth_method_mismatch", keys: []string{"body", "Authorization: Basic"}},
				{where: "invalid_client step 5: self-hosted, check the oauth_clients table", id: "unknown_client", keys: []string{"oauth_clients", "host"}},
			},
			tips: []seedFact{
				{where: "invalid_client tip 1: credentials in environment variables or a secrets manager", keys: []string{"environment variables", "secrets manager"}},
				{where: "invalid_client tip 2: validate configuration at startup", keys: []string{"validate", "starts|startup"}},
				{where: "invalid_client tip 3: monitor the client's status in the dashboard", keys: []string{"status", "dashboard"}},
			},
		},
		{
			code: "invalid_grant", severity: knowledge.SeverityMedium,
			note: []string{"recoverable", "sign-in again|sign in again|re-authenticat"},
			causes: []seedFact{
				{where: "invalid_grant code cause 1: the code expired (short-lived, about 10 minutes)", id: "code_expired", ctx: "authorization_code", keys: []string{"expired", "10 minutes"}},
				{where: "invalid_grant code cause 2: the code was already used (single-use)", id: "code_reused", ctx: "authorization_code", keys: []string{"already used", "single-use"}},
				{where: "invalid_grant code cause 3: the code belongs to another client_id", id: "code_client_mismatch", ctx: "authorization_code", keys: []string{"different client_id"}},
				{where: "invalid_grant code cause 4: redirect_uri not exactly the authorize one", id: "redirect_uri_mismatch", ctx: "authorization_code", keys: []string{"redirect_uri", "exactly", "/oauth/authorize"}},
				{where: "invalid_grant code cause 5: PKCE code_verifier does not match the code_challenge", id: "pkce_mismatch", ctx: "authorization_code", keys: []string{"PKCE", "code_verifier", "code_challenge"}},
				{where: "invalid_grant refresh cause 1: the refresh token expired", id: "refresh_expired", ctx: "refresh_token", keys: []string{"refresh token", "expired"}},
				{where: "invalid_grant refresh cause 2: revoked (password change, security event, replaced by a newer one)", id: "refresh_revoked", ctx: "refresh_token", keys: []string{"revoked", "password", "security event", "new refresh token", "invalidates the old"}},
				{where: "invalid_grant refresh cause 3: the refresh token belongs to another client_id", id: "refresh_client_mismatch", ctx: "refresh_token", keys: []string{"different client_id"}},
			},
			steps: []seedFact{
				{where: "invalid_grant code step 1: exchange the code promptly", id: "code_expired", keys: []string{"exchange", "as soon as|promptly"}},
				{where: "invalid_grant code step 2: the same redirect_uri in both requests", id: "redirect_uri_mismatch", keys: []string{"redirect_uri", "authorize request"}},
				{where: "invalid_grant code step 3: with PKCE, send the right code_verifier", id: "pkce_mismatch", keys: []string{"PKCE", "code_verifier"}},
				{where: "invalid_grant code step 4: an expired or used code means restarting the flow", id: "code_reused", keys: []string{"expired", "used", "start of the authorization flow"}},
				{where: "invalid_grant refresh step 1: a failed refresh means signing in again", id: "refresh_expired", keys: []string{"refresh fails", "sign in again", "start of the authorization flow"}},
				{where: "invalid_grant refresh step 2: store the newest refresh token when rotation is on", id: "refresh_revoked", keys: []string{"store", "rotation"}},
			},
			tips: []seedFact{
				{where: "invalid_grant tip 1: robust state management for the flow", keys: []string{"robust state"}},
				{where: "invalid_grant tip 2: handle codes as soon as they arrive", keys: []string{"authorization codes", "the moment they arrive|immediately"}},
				{where: "invalid_grant tip 3: a clear way back to sign-in when refresh fails", keys: []string{"sign-in", "refresh fails"}},
				{where: "invalid_grant tip 4: implement PKCE correctly", keys: []string{"PKCE", "correctly"}},
			},
		},
		{
			code: "invalid_scope", severity: knowledge.SeverityMedium,
			causes: []seedFact{
				{where: "invalid_scope cause 1: malformed scope string (not space-separated)", id: "scope_malformed", keys: []string{"malformed", "single spaces|space-separated"}},
				{where: "invalid_scope cause 2: a scope that does not exist", id: "scope_unknown", keys: []string{"does not exist"}},
				{where: "invalid_scope cause 3: the client may not request the scope", id: "scope_not_allowed_for_client", keys: []string{"not registered or authorised|not authorized", "request"}},
				{where: "invalid_scope cause 4: on /api/* the token lacks the endpoint's scope", id: "token_lacks_scope", keys: []string{"/api/*", "access token", "scope"}},
				{where: "invalid_scope cause 5: detail-user without administrative approval", id: "detail_user_not_approved", keys: []string{"detail-user", "administrative approval"}},
			},
			steps: []seedFact{
				{where: "invalid_scope step 1: spelling and format of scope names", id: "scope_unknown", keys: []string{"spelling", "format", "view-user", "detail-user"}},
				{where: "invalid_scope step 2: the client is permitted to request the scopes", id: "scope_not_allowed_for_client", keys: []string{"permitted", "registration"}},
				{where: "invalid_scope step 3: detail-user needs the admin approval process completed", id: "detail_user_not_approved", keys: []string{"detail-user", "approval process"}},
				{where: "invalid_scope step 4: the token was granted the scopes at consent", id: "token_lacks_scope", keys: []string{"access token", "granted", "consent"}},
			},
			tips: []seedFact{
				{where: "invalid_scope tip 1: least privilege", keys: []string{"least privilege"}},
				{where: "invalid_scope tip 2: validate the scope configuration", keys: []string{"validate", "scope"}},
				{where: "invalid_scope tip 3: document the scopes and why", keys: []string{"document", "why"}},
				{where: "invalid_scope tip 4: plan the detail-user approval early", keys: []string{"detail-user", "approval", "early"}},
			},
		},
		{
			code: "access_denied", severity: knowledge.SeverityLow,
			note: []string{"user's own choice"},
			causes: []seedFact{
				{where: "access_denied cause 1: the user refused consent", id: "user_denied", keys: []string{"declined", "consent"}},
				{where: "access_denied cause 2: the session expired before consent was complete", id: "session_expired", keys: []string{"session", "before consent"}},
				{where: "access_denied cause 3: policy or security blocked it (blocked client, suspicious activity)", id: "policy_blocked", keys: []string{"policy", "security", "suspicious", "blocked"}},
			},
			steps: []seedFact{
				{where: "access_denied step 1: tell the user gracefully", id: "user_denied", keys: []string{"tell the user", "not granted"}},
				{where: "access_denied step 2: offer a retry", id: "user_denied", keys: []string{"try", "again"}},
				{where: "access_denied step 3: if all users are refused, check the client is not blocked", id: "policy_blocked", keys: []string{"every user", "blocked", "disabled"}},
			},
			tips: []seedFact{
				{where: "access_denied tip 1: explain the permissions before redirecting", keys: []string{"explain", "why", "before redirecting"}},
				{where: "access_denied tip 2: handle denial without crashing", keys: []string{"gracefully", "crashing"}},
			},
		},
		{
			code: "unapproved_scope", severity: knowledge.SeverityMedium,
			causes: []seedFact{
				{where: "unapproved_scope cause 1: detail-user token, client_id not approved", id: "approval_missing", keys: []string{"detail-user", "admin-restricted", "client_id", "approved"}},
				{where: "unapproved_scope cause 2: the request is pending or was rejected", id: "approval_pending_or_rejected", keys: []string{"under review|pending", "rejected"}},
			},
			steps: []seedFact{
				{where: "unapproved_scope step 1: check the approval status (dashboard or support)", id: "approval_missing", keys: []string{"approval status", "dashboard", "support"}},
				{where: "unapproved_scope step 2: submit through the Scopes & Permissions process", id: "approval_missing", keys: []string{"Scopes & Permissions"}},
				{where: "unapproved_scope step 2: follow up on a pending request", id: "approval_pending_or_rejected", keys: []string{"follow up"}},
				{where: "unapproved_scope step 3: fall back to view-user", id: "approval_missing", keys: []string{"fall back", "view-user"}},
				{where: "scopes page, approval process: documents to submit", id: "approval_missing", keys: []string{"privacy policy", "data usage justification", "security measures", "compliance", "GDPR"}},
				{where: "scopes page, approval process: technical review", id: "approval_missing", keys: []string{"technical review", "code review", "data deletion"}},
			},
			tips: []seedFact{
				{where: "unapproved_scope tip 1: plan the approval in advance", keys: []string{"plan", "in advance"}},
				{where: "unapproved_scope tip 2: prepare the documentation", keys: []string{"documentation", "approval request"}},
				{where: "unapproved_scope tip 3: fallbacks for a missing high-privilege scope", keys: []string{"fallback", "high-privilege"}},
			},
		},
		{
			code: "token_invalid", severity: knowledge.SeverityMedium,
			causes: []seedFact{
				{where: "401 cause: the access token is expired", id: "token_expired", keys: []string{"expired"}},
				{where: "401 cause: the access token is malformed", id: "token_malformed", keys: []string{"malformed"}},
				{where: "401 cause: the access token is revoked", id: "token_revoked", keys: []string{"revoked"}},
			},
			steps: []seedFact{
				{where: "401 step 1: with a refresh token, get a new access token", id: "token_expired", keys: []string{"refresh token", "new access token"}},
				{where: "401 step 2: no refresh token or a failed refresh means the full flow again", id: "token_expired", keys: []string{"refresh fails", "no refresh token", "full OAuth authorization flow"}},
			},
			tips: []seedFact{
				{where: "scopes page client: on a 401 refresh once, then sign in again", keys: []string{"on a 401", "refresh once"}},
			},
		},
		{
			code: "insufficient_scope", severity: knowledge.SeverityMedium,
			causes: []seedFact{
				{where: "403 cause: a valid token without the scope the resource needs", id: "scope_not_granted", keys: []string{"access token is valid", "scope", "API resource"}},
			},
			steps: []seedFact{
				{where: "403 step 1: look up the endpoint's required scopes in the API reference", id: "scope_not_granted", keys: []string{"required scope", "API reference"}},
				{where: "403 step 2: the scopes were requested and granted at authorization", id: "scope_not_granted", keys: []string{"requests", "granted"}},
				{where: "403 step 3: authorize again, with prompt=consent if needed", id: "scope_not_granted", keys: []string{"authorize your application again", "prompt=consent"}},
			},
		},
	}
}

// seedGaps lists every seed fact the catalogue's entry has lost, each with its origin.
func seedGaps(c *knowledge.Catalogue, s seedEntry) []string {
	e, ok := c.Entry(s.code)
	if !ok {
		return []string{fmt.Sprintf("entry %s is missing from the catalogue", s.code)}
	}
	var gaps []string
	if e.Severity != s.severity {
		gaps = append(gaps, fmt.Sprintf("%s: severity %q, the seed says %q", s.code, e.Severity, s.severity))
	}
	if k := missingKeys(e.SeverityNote, s.note); len(k) > 0 {
		gaps = append(gaps, fmt.Sprintf("%s: severity note lacks %q", s.code, k))
	}
	for _, f := range s.causes {
		cause, ok := e.Cause(f.id)
		switch {
		case !ok:
			gaps = append(gaps, fmt.Sprintf("%s: no cause %s\n    seed: %s", s.code, f.id, f.where))
		case cause.Context != f.ctx:
			gaps = append(gaps, fmt.Sprintf("%s: cause %s is in context %q, the seed groups it under %q\n    seed: %s", s.code, f.id, cause.Context, f.ctx, f.where))
		default:
			if k := missingKeys(cause.Text, f.keys); len(k) > 0 {
				gaps = append(gaps, fmt.Sprintf("%s: cause %s lacks %q\n    seed: %s", s.code, f.id, k, f.where))
			}
		}
	}
	for _, f := range s.steps {
		if !stepHolds(e, f) {
			gaps = append(gaps, fmt.Sprintf("%s: no step fixing %s says all of %q\n    seed: %s", s.code, f.id, f.keys, f.where))
		}
	}
	for _, f := range s.tips {
		if !slices.ContainsFunc(e.Prevention, func(tip string) bool { return len(missingKeys(tip, f.keys)) == 0 }) {
			gaps = append(gaps, fmt.Sprintf("%s: no prevention tip says all of %q\n    seed: %s", s.code, f.keys, f.where))
		}
	}
	return gaps
}

func stepHolds(e *knowledge.Entry, f seedFact) bool {
	for _, st := range e.Steps {
		if slices.Contains(st.Fixes, f.id) && len(missingKeys(st.Text, f.keys)) == 0 {
			return true
		}
	}
	return false
}

// missingKeys returns the keys text does not contain, case-insensitively, with line
// breaks from folded YAML read as spaces.
func missingKeys(text string, keys []string) []string {
	text = strings.ToLower(strings.Join(strings.Fields(text), " "))
	var missing []string
	for _, k := range keys {
		if !slices.ContainsFunc(strings.Split(k, "|"), func(alt string) bool {
			return strings.Contains(text, strings.ToLower(alt))
		}) {
			missing = append(missing, k)
		}
	}
	return missing
}

func TestSeedFactsKept(t *testing.T) {
	c := mustLoad(t)
	for _, s := range seedEntries() {
		t.Run(s.code, func(t *testing.T) {
			for _, g := range seedGaps(c, s) {
				t.Error("seed fact lost: " + g)
			}
		})
	}
}

// TestSeedGapsAreReported proves the coverage check bites: a catalogue that lost a fact
// must be reported with the fact and the seed item it came from.
func TestSeedGapsAreReported(t *testing.T) {
	c := mustLoad(t)
	e, _ := c.Entry("invalid_grant")
	cause, _ := e.Cause("code_expired")
	cause.Text = "The code has expired."
	e.Prevention = nil
	var grantSeed seedEntry
	for _, s := range seedEntries() {
		if s.code == "invalid_grant" {
			grantSeed = s
		}
	}
	gaps := strings.Join(seedGaps(c, grantSeed), "\n")
	for _, want := range []string{`cause code_expired lacks ["10 minutes"]`, "about 10 minutes", `no prevention tip says all of ["PKCE" "correctly"]`} {
		if !strings.Contains(gaps, want) {
			t.Errorf("the gaps do not mention %q:\n%s", want, gaps)
		}
	}
}

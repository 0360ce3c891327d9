package knowledge_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// What the server answered outranks what the request suggests about how Mubarokah ID would
// answer it: the inference stays in the list, marked Inferred, after the entries the answer
// supports.
func TestAnswerOutranksRequestInferences(t *testing.T) {
	c := mustLoad(t)
	cases := []struct {
		name, entry, inferred string
		obs                   knowledge.Observation
	}{
		{"an unknown scope in a request the server refused for its grant_type", "unsupported_grant_type", "invalid_scope",
			facts(leagueJSON("token", 400, "unsupported_grant_type", leagueUnsupported, allParamsHint, true), knowledge.FactScopeUnknown)},
		{"a password grant refused by the router with 405", "method_not_allowed", "unsupported_grant_type",
			with(answer("token", 405, "application/json", "", "The GET method is not supported for route oauth/token. Supported methods: POST."),
				func(o *knowledge.Observation) { o.GrantType = "password" })},
		{"a password grant the server refused for its client first", "invalid_client", "unsupported_grant_type",
			with(leagueJSON("token", 401, "invalid_client", "Client authentication failed", "", true),
				func(o *knowledge.Observation) { o.GrantType = "password" })},
		{"a PKCE check that fails while the server refused the client first", "invalid_client", "invalid_grant",
			facts(leagueJSON("token", 401, "invalid_client", "Client authentication failed", "", true), knowledge.FactPKCEMismatch)},
		{"an expired token in a request the server answered 500", "server_error", "",
			facts(answer("api_user", 500, "text/html; charset=UTF-8", "", "Server Error"), knowledge.FactTokenExpired)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := c.Match(tc.obs)
			best, ok := d.Best()
			if !ok || best.Entry.Code != tc.entry {
				t.Fatalf("first entry %v, want %s\n%s", best.Entry, tc.entry, describe(d))
			}
			if best.Inferred {
				t.Errorf("%s is supported by the answer, yet marked inferred", tc.entry)
			}
			if tc.inferred == "" {
				return
			}
			for _, m := range d.Entries {
				if m.Entry.Code == tc.inferred {
					if !m.Inferred {
						t.Errorf("%s rests on the request alone, yet is not marked inferred", tc.inferred)
					}
					if m.Confidence > best.Confidence {
						t.Errorf("the note %s (%.2f) is more confident than the answer %s (%.2f)", m.Entry.Code, m.Confidence, tc.entry, best.Confidence)
					}
					return
				}
			}
			t.Errorf("%s is left out; it belongs in the list as a note", tc.inferred)
		})
	}
}

// With no answer at all (a request, a token, a scope string checked offline), the request's
// own facts are the diagnosis.
func TestRequestFactsLeadWhenNothingAnswered(t *testing.T) {
	c := mustLoad(t)
	o := knowledge.Observation{Endpoint: "token", GrantType: "password"}
	best, ok := c.Match(o).Best()
	if !ok || best.Entry.Code != "unsupported_grant_type" || best.Causes[0].Cause.ID != "grant_not_offered" || best.Inferred {
		t.Errorf("a password grant with no answer: got %+v, want unsupported_grant_type/grant_not_offered", best)
	}
}

// The same hint means different problems at different endpoints, and the request line says
// which.
func TestEndpointTellsSharedHintsApart(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []matchCase{
		{name: "redirect_uri hint at the token endpoint", obs: leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `redirect_uri` parameter", true),
			entry: "invalid_grant", cause: "redirect_uri_mismatch"},
		{name: "redirect_uri hint at the authorize endpoint", obs: leagueJSON("authorize", 400, "invalid_request", leagueInvalidRequest, "Check the `redirect_uri` parameter", true),
			entry: "invalid_request", cause: "parameter_repeated_or_list"},
		{name: "a redirect_uri mismatch said at the token endpoint", obs: knowledge.Observation{Endpoint: "token", Error: "invalid_grant", Description: "Redirect URI mismatch."},
			entry: "invalid_grant", cause: "redirect_uri_mismatch"},
		{name: "a redirect_uri mismatch said at the authorize endpoint", obs: knowledge.Observation{Endpoint: "authorize", Error: "redirect_uri_mismatch", Description: "Redirect URI mismatch."},
			entry: "invalid_client", cause: "redirect_uri_not_registered"},
		{name: "405 on the callback", obs: answer("callback", 405, "text/html", "", "The GET method is not supported for route auth/callback. Supported methods: POST."),
			entry: "method_not_allowed", cause: "callback_route_wrong_method"},
		{name: "419 on the consent form", obs: answer("authorize", 419, "text/html", "", "Page Expired"),
			entry: "page_expired", cause: "consent_form_expired"},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, c) })
	}
}

// Older Passport (10 and before) redirects a Deny with error=access_denied and nothing else,
// so without a hint the user's refusal stays the first cause.
func TestDenyWithoutHintIsStillTheUsersRefusal(t *testing.T) {
	c := mustLoad(t)
	matchCase{name: "bare access_denied", obs: callback("access_denied", "", 0), entry: "access_denied", cause: "user_denied"}.check(t, c)
}

// Confidence is the strength of the evidence, not a share that is always 1 for a lone match:
// a lone status or content type stays low, the server's own sentence for a cause is high,
// and a text that is not an OAuth error gets nothing confident.
func TestConfidenceMeansStrengthOfEvidence(t *testing.T) {
	c := mustLoad(t)
	weak := []knowledge.Observation{
		{ContentType: "text/html"},
		{Status: 404},
		{Text: "PHP Fatal error: Allowed memory size of 134217728 bytes exhausted"},
		{Text: "SQLSTATE[42S02]: Base table or view not found: 1146 Table 'app.users' doesn't exist"},
		{Text: "TypeError: Cannot read properties of undefined (reading 'map')"},
	}
	for _, o := range weak {
		if best, ok := c.Match(o).Best(); ok && best.Confidence > 0.5 {
			t.Errorf("%+v: %s at %.2f, want no confident diagnosis", o, best.Entry.Code, best.Confidence)
		}
	}
	if d := c.Match(knowledge.Observation{ContentType: "text/html"}); d.Fits() {
		t.Error("a content type alone counts as a diagnosis")
	}
	strong := leagueJSON("token", 400, "invalid_grant", "The refresh token is invalid.", "Token has been revoked", false)
	best, _ := c.Match(strong).Best()
	if best.Confidence < 0.8 || !c.Match(strong).Fits() {
		t.Errorf("the server's own hint for a cause: confidence %.2f, want at least 0.8", best.Confidence)
	}
	code := knowledge.Observation{Endpoint: "token", Error: "invalid_grant"}
	if best, _ := c.Match(code).Best(); best.Confidence < 0.4 || best.Confidence > 0.8 {
		t.Errorf("a wire code alone: confidence %.2f, want between 0.4 and 0.8", best.Confidence)
	}
}

package knowledge_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The four claims of the catalogue fact check (issue 15) that sent a user after the wrong
// cause, checked where the diagnosis is made: over Observations.

// Row 1: a hex SHA-256 challenge passes league's authorize check (43-128 characters of the
// allowed set) and fails only at /oauth/token, as invalid_grant "Failed to verify
// `code_verifier`.". The diagnosis is the PKCE mismatch, never a malformed challenge.
func TestFactCheckHexChallengeIsAVerifierMismatch(t *testing.T) {
	c := mustLoad(t)
	hexPair := func(o knowledge.Observation) knowledge.Observation {
		o.AddFact(knowledge.FactPKCEMismatch, "the challenge is the hex SHA-256; encode the raw 32 bytes with base64url instead")
		return o
	}
	cases := []matchCase{
		{name: "8.x token answer", obs: grant(body8(400, "invalid_grant", "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.", "Failed to verify `code_verifier`."), "authorization_code"),
			entry: "invalid_grant", cause: "pkce_mismatch"},
		{name: "token answer and the offline pair check", obs: hexPair(grant(body8(400, "invalid_grant", "", "Failed to verify `code_verifier`."), "authorization_code")),
			entry: "invalid_grant", cause: "pkce_mismatch"},
		{name: "the offline pair check alone", obs: hexPair(knowledge.Observation{}),
			entry: "invalid_grant", cause: "pkce_mismatch"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, c) })
	}
}

// Rows 2 and 3: Laravel hands a JSON body to Passport, which reads every parameter from it,
// so a JSON token request never outranks what the server answered: with or without the
// JSON fact, the first entry and cause are the same.
func TestFactCheckJSONBodyNeverOutranksTheAnswer(t *testing.T) {
	c := mustLoad(t)
	answers := map[string]knowledge.Observation{
		"code missing":       leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `code` parameter", true),
		"client_id missing":  leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `client_id` parameter", false),
		"secret missing 9.x": leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Check the `client_secret` parameter", false),
		"unsupported grant":  leagueJSON("token", 400, "unsupported_grant_type", leagueUnsupported, allParamsHint, true),
		"bare description":   leagueJSON("token", 400, "", leagueInvalidRequest, "", false),
		"client refused":     leagueJSON("token", 401, "invalid_client", "Client authentication failed", "", true),
		"code expired 8.x":   leagueJSON("token", 400, "invalid_request", leagueInvalidRequest, "Authorization code has expired", true),
	}
	for name, o := range answers {
		t.Run(name, func(t *testing.T) {
			plain, _ := c.Match(o).Best()
			withJSON, _ := c.Match(facts(o, knowledge.FactJSONRequestBody)).Best()
			if plain.Entry == nil || withJSON.Entry == nil {
				t.Fatal("nothing matched")
			}
			if withJSON.Entry.Code != plain.Entry.Code || withJSON.Causes[0].Cause.ID != plain.Causes[0].Cause.ID {
				t.Fatalf("the JSON body changed the diagnosis from %s/%s to %s/%s",
					plain.Entry.Code, plain.Causes[0].Cause.ID, withJSON.Entry.Code, withJSON.Causes[0].Cause.ID)
			}
			for _, cm := range withJSON.Causes {
				if (cm.Cause.ID == "token_request_sent_as_json" || cm.Cause.ID == "token_body_unreadable_json") && cm.Score > 0 {
					t.Errorf("%s scored %.1f from the JSON body", cm.Cause.ID, cm.Score)
				}
			}
		})
	}
	// The fact alone is no diagnosis at all.
	o := knowledge.Observation{Endpoint: "token", Method: "POST"}
	o.AddFact(knowledge.FactJSONRequestBody, "")
	if best, ok := c.Match(o).Best(); ok {
		t.Errorf("a JSON body alone was diagnosed as %s", best.Entry.Code)
	}
}

// Row 4: no source says the provider lacks a login route, so an HTML 500 names no cause;
// only the server's own "Route [login] not defined." does, and a 302 to the login page is
// what the provider's own guests get.
func TestFactCheckLoginRouteOnlyFromTheServersWords(t *testing.T) {
	c := mustLoad(t)
	html := "text/html; charset=UTF-8"
	cases := []matchCase{
		{name: "HTML 500 from /api/user", obs: answer("api_user", 500, html, "", "Server Error"),
			entry: "server_error", undetermined: true},
		// What the request lacked does not outrank the failure the server answered with.
		{name: "HTML 500 to a request without a token", obs: facts(answer("api_user", 500, html, "", "Server Error"), knowledge.FactTokenMissing),
			entry: "server_error", undetermined: true},
		{name: "HTML 500 to an expired token", obs: facts(answer("api_user", 500, html, "", "Server Error"), knowledge.FactTokenExpired),
			entry: "server_error", undetermined: true},
		{name: "debug JSON names the missing route", obs: answer("api_user", 500, "application/json", "", "Route [login] not defined."),
			entry: "server_error", cause: "login_route_missing"},
		{name: "302 to the provider's login page", obs: with(facts(answer("api_user", 302, html, "", ""), knowledge.FactLoginRedirect), func(o *knowledge.Observation) {
			o.Location = "https://accounts.mubarokah.com/login"
		}), entry: "html_instead_of_json", cause: "accept_json_header_missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, c)
			best, _ := c.Match(tc.obs).Best()
			if tc.cause == "" && best.Causes[0].Cause.ID == "login_route_missing" {
				t.Error("login_route_missing leads although the answer does not name it")
			}
		})
	}
}

package knowledge_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The descriptions league/oauth2-server puts in its error bodies (identical in 8.x and 9.x).
const (
	descRequest = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed."
	descGrant   = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."
	descRefresh = "The refresh token is invalid."
	descClient  = "Client authentication failed"
	descScope   = "The requested scope is invalid, unknown, or malformed"
	descDenied  = "The resource owner or authorization server denied the request."
)

// body8 is a JSON error from league 8.x (Passport 11/12): message repeats the description.
func body8(status int, code, desc, hint string) knowledge.Observation {
	o := body9(status, code, desc, hint)
	o.Message = desc
	return o
}

// body9 is a JSON error from league 9.x (Passport 13): no message key.
func body9(status int, code, desc, hint string) knowledge.Observation {
	return knowledge.Observation{
		Sources: []string{"json_body"}, Endpoint: "token", Method: "POST", Status: status,
		ContentType: "application/json", Error: code, Description: desc, Hint: hint,
	}
}

// redirect8 is an error carried back to the app's callback by a league 8.x redirect.
func redirect8(code, desc, hint string) knowledge.Observation {
	o := redirect9(code, desc, hint)
	o.Message = desc
	return o
}

func redirect9(code, desc, hint string) knowledge.Observation {
	return knowledge.Observation{
		Sources: []string{"callback_url"}, Endpoint: "callback", State: "…(10 chars)",
		Error: code, Description: desc, Hint: hint,
	}
}

// api is an answer from a user endpoint.
func api(endpoint knowledge.Endpoint, status int, code, desc, msg, hint string) knowledge.Observation {
	return knowledge.Observation{
		Sources: []string{"json_body"}, Endpoint: endpoint, Method: "GET", Status: status,
		ContentType: "application/json", Error: code, Description: desc, Message: msg, Hint: hint,
	}
}

func grant(o knowledge.Observation, g string) knowledge.Observation {
	o.GrantType = g
	return o
}

func facts(o knowledge.Observation, names ...string) knowledge.Observation {
	for _, n := range names {
		o.AddFact(n, "")
	}
	return o
}

func seedMatchCases() []matchCase {
	ac := func(o knowledge.Observation) knowledge.Observation { return grant(o, "authorization_code") }
	rt := func(o knowledge.Observation) knowledge.Observation { return grant(o, "refresh_token") }
	return []matchCase{
		// Code exchange: 8.x sends most of these as invalid_request, 9.x as invalid_grant.
		{name: "8.x code expired", obs: ac(body8(400, "invalid_request", descRequest, "Authorization code has expired")), entry: "invalid_grant", cause: "code_expired"},
		{name: "9.x code expired", obs: ac(body9(400, "invalid_grant", descGrant, "Authorization code has expired")), entry: "invalid_grant", cause: "code_expired"},
		{name: "8.x code reused", obs: ac(body8(400, "invalid_request", descRequest, "Authorization code has been revoked")), entry: "invalid_grant", cause: "code_reused"},
		{name: "9.x code reused", obs: ac(body9(400, "invalid_grant", descGrant, "Authorization code has been revoked")), entry: "invalid_grant", cause: "code_reused"},
		{name: "8.x code of another client", obs: ac(body8(400, "invalid_request", descRequest, "Authorization code was not issued to this client")), entry: "invalid_grant", cause: "code_client_mismatch"},
		{name: "9.x code of another client", obs: ac(body9(400, "invalid_request", descRequest, "Authorization code was not issued to this client")), entry: "invalid_grant", cause: "code_client_mismatch"},
		{name: "8.x redirect_uri differs", obs: ac(body8(400, "invalid_request", descRequest, "Invalid redirect URI")), entry: "invalid_grant", cause: "redirect_uri_mismatch"},
		{name: "9.x redirect_uri missing at token", obs: ac(body9(400, "invalid_request", descRequest, "Check the `redirect_uri` parameter")), entry: "invalid_grant", cause: "redirect_uri_mismatch"},
		{name: "8.x PKCE verifier mismatch", obs: ac(body8(400, "invalid_grant", descGrant, "Failed to verify `code_verifier`.")), entry: "invalid_grant", cause: "pkce_mismatch"},
		{name: "9.x PKCE verifier missing", obs: ac(body9(400, "invalid_request", descRequest, "Check the `code_verifier` parameter")), entry: "invalid_grant", cause: "pkce_mismatch"},
		{name: "8.x PKCE verifier malformed", obs: ac(body8(400, "invalid_request", descRequest, "Code Verifier must follow the specifications of RFC-7636.")), entry: "invalid_grant", cause: "pkce_mismatch"},
		{name: "9.x verifier without challenge", obs: ac(body9(400, "invalid_request", descRequest, "code_verifier received when no code_challenge is present")), entry: "invalid_grant", cause: "pkce_mismatch"},
		{name: "8.x code does not decrypt", obs: ac(body8(400, "invalid_request", descRequest, "Cannot decrypt the authorization code")), entry: "invalid_grant", cause: "code_malformed"},
		{name: "9.x code fails validation", obs: ac(body9(400, "invalid_grant", descGrant, "Cannot validate the provided authorization code")), entry: "invalid_grant", cause: "code_malformed"},
		{name: "8.x refresh token sent as code", obs: ac(body8(400, "invalid_request", descRequest, "Authorization code malformed")), entry: "invalid_grant", cause: "code_malformed"},

		// Refresh: 8.x says invalid_request with HTTP 401, 9.x invalid_grant with 400.
		{name: "8.x refresh expired", obs: rt(body8(401, "invalid_request", descRefresh, "Token has expired")), entry: "invalid_grant", cause: "refresh_expired"},
		{name: "9.x refresh expired", obs: rt(body9(400, "invalid_grant", descRefresh, "Token has expired")), entry: "invalid_grant", cause: "refresh_expired"},
		{name: "8.x refresh revoked", obs: rt(body8(401, "invalid_request", descRefresh, "Token has been revoked")), entry: "invalid_grant", cause: "refresh_revoked"},
		{name: "9.x refresh revoked", obs: rt(body9(400, "invalid_grant", descRefresh, "Token has been revoked")), entry: "invalid_grant", cause: "refresh_revoked"},
		{name: "8.x refresh of another client", obs: rt(body8(401, "invalid_request", descRefresh, "Token is not linked to client")), entry: "invalid_grant", cause: "refresh_client_mismatch"},
		{name: "9.x refresh does not decrypt", obs: rt(body9(400, "invalid_grant", descRefresh, "Cannot decrypt the refresh token")), entry: "invalid_grant", cause: "refresh_malformed"},
		{name: "9.x invalid_grant on refresh, no hint", obs: rt(body9(400, "invalid_grant", descGrant, "")), entry: "invalid_grant", undetermined: true, causes: []string{"refresh_revoked", "refresh_expired", "refresh_client_mismatch"}},

		// invalid_client: the body never tells why.
		{name: "8.x invalid_client on code exchange", obs: ac(body8(401, "invalid_client", descClient, "")), entry: "invalid_client", undetermined: true, causes: []string{"unknown_client", "wrong_secret"}},
		{name: "9.x invalid_client with Basic sent", obs: func() knowledge.Observation {
			o := grant(body9(401, "invalid_client", descClient, ""), "client_credentials")
			o.WWWAuthenticate = `Basic realm="OAuth"`
			return o
		}(), entry: "invalid_client", undetermined: true, causes: []string{"unknown_client", "wrong_secret"}},
		{name: "invalid_client, only Basic accepted", obs: facts(ac(body8(401, "invalid_client", descClient, "")), knowledge.FactAuthBasicOnly), entry: "invalid_client", cause: "auth_method_mismatch"},
		{name: "invalid_client, only body accepted", obs: facts(ac(body9(401, "invalid_client", descClient, "")), knowledge.FactAuthBodyOnly), entry: "invalid_client", cause: "auth_method_mismatch"},

		// invalid_scope: on the authorize redirect (8.x without state, 9.x with) and the token endpoint.
		{name: "8.x unknown scope redirect", obs: redirect8("invalid_scope", descScope, "Check the `detail-users` scope"), entry: "invalid_scope", cause: "scope_unknown"},
		{name: "9.x comma-separated scopes", obs: redirect9("invalid_scope", descScope, "Check the `view-user,detail-user` scope"), entry: "invalid_scope", cause: "scope_malformed"},
		{name: "8.x detail-user refused at authorize", obs: redirect8("invalid_scope", descScope, "Check the `detail-user` scope"), entry: "invalid_scope", cause: "detail_user_not_approved"},
		{name: "9.x refresh widens scopes", obs: rt(body9(400, "invalid_scope", descScope, "Check the `detail-user` scope")), entry: "invalid_scope", cause: "scope_exceeds_original"},
		{name: "8.x scope \"0\", judged empty (fact check row 8)", obs: grant(body8(400, "invalid_scope", descScope, "Specify a scope in the request or set a default scope"), "client_credentials"), entry: "invalid_scope", cause: "scope_missing"},
		{name: "offline scope check: malformed", obs: facts(knowledge.Observation{}, knowledge.FactScopeMalformed), entry: "invalid_scope", cause: "scope_malformed"},

		// access_denied on the callback, and Passport's consent-form failures.
		{name: "8.x user clicked Deny", obs: redirect8("access_denied", descDenied, "The user denied the request"), entry: "access_denied", cause: "user_denied"},
		{name: "9.x user clicked Deny", obs: redirect9("access_denied", descDenied, "The user denied the request"), entry: "access_denied", cause: "user_denied"},
		{name: "Passport 12 prompt=none, signed out", obs: redirect8("access_denied", descDenied, "Unauthenticated"), entry: "access_denied", cause: "session_expired"},
		{name: "stale consent form (403)", obs: knowledge.Observation{Endpoint: "authorize", Method: "POST", Status: 403, ContentType: "application/json",
			Message: "The provided auth token for the request is different from the session auth token."}, entry: "access_denied", cause: "session_expired"},
		{name: "consent after session lost (500)", obs: knowledge.Observation{Endpoint: "authorize", Method: "POST", Status: 500, ContentType: "application/json",
			Message: "Authorization request was not present in the session."}, entry: "access_denied", cause: "session_expired"},
		{name: "denied for everyone, client refused too", obs: facts(redirect9("access_denied", descDenied, ""), knowledge.FactClientAuthFailed), entry: "access_denied", cause: "client_blocked_for_everyone"},

		// 401 from the user API.
		{name: "Laravel Unauthenticated.", obs: api("api_user", 401, "", "", "Unauthenticated.", ""), entry: "token_invalid", undetermined: true, causes: []string{"token_expired"}},
		{name: "Unauthenticated. on logout", obs: api("logout", 401, "", "", "Unauthenticated.", ""), entry: "token_invalid", undetermined: true, causes: []string{"token_expired"}},
		{name: "Unauthenticated. with an expired JWT", obs: facts(api("api_user", 401, "", "", "Unauthenticated.", ""), knowledge.FactTokenExpired), entry: "token_invalid", cause: "token_expired"},
		{name: "Unauthenticated. without a token", obs: facts(api("api_user_details", 401, "", "", "Unauthenticated.", ""), knowledge.FactTokenMissing), entry: "token_invalid", cause: "token_missing"},
		{name: "Unauthenticated. with lower-case bearer", obs: facts(api("api_user", 401, "", "", "Unauthenticated.", ""), knowledge.FactBearerLowercase), entry: "token_invalid", cause: "bearer_scheme_wrong"},
		{name: "provider's token_expired body", obs: api("api_user", 401, "token_expired", "The access token provided has expired.", "The access token provided has expired.", ""), entry: "token_invalid", cause: "token_expired"},
		{name: "resource server: no header", obs: api("api_user", 401, "access_denied", descDenied, descDenied, `Missing "Authorization" header`), entry: "token_invalid", cause: "token_missing"},
		{name: "9.x resource server: empty Bearer", obs: api("api_user", 401, "access_denied", descDenied, "", `Missing "Bearer" token`), entry: "token_invalid", cause: "token_missing"},
		{name: "resource server: not verified", obs: api("api_user", 401, "access_denied", descDenied, descDenied, "Access token could not be verified"), entry: "token_invalid", undetermined: true, causes: []string{"token_expired", "token_signature_invalid"}},
		{name: "resource server: revoked", obs: api("api_user", 401, "access_denied", descDenied, "", "Access token has been revoked"), entry: "token_invalid", cause: "token_revoked", causes: []string{"token_revoked", "access_token_replaced"}},
		{name: "resource server: not a JWT", obs: api("api_user", 401, "access_denied", descDenied, descDenied, "The JWT string must have two dots"), entry: "token_invalid", cause: "token_malformed"},
		{name: "client_credentials token on /api/user", obs: grant(api("api_user", 401, "", "", "Unauthenticated.", ""), "client_credentials"), entry: "token_invalid", cause: "client_credentials_token_on_user_route"},

		// 403 from the user API.
		{name: "provider's insufficient_scope body", obs: api("api_user", 403, "insufficient_scope", "The request requires higher privileges than provided by the access token.", "Invalid scope(s) provided.", ""), entry: "insufficient_scope", cause: "scope_not_granted"},
		{name: "Passport's pretty 403", obs: api("api_user", 403, "", "", "Invalid scope(s) provided.", ""), entry: "insufficient_scope", cause: "scope_not_granted"},
		{name: "403 on details, client not approved", obs: facts(api("api_user_details", 403, "", "", "Invalid scope(s) provided.", ""), knowledge.FactConsentNotApprove), entry: "insufficient_scope", cause: "detail_user_dropped"},
		{name: "offline token check: scope missing", obs: facts(knowledge.Observation{Endpoint: "api_user_details"}, knowledge.FactTokenLacksScope), entry: "insufficient_scope", cause: "scope_not_granted"},
		{name: "unapproved_scope body", obs: api("api_user_details", 403, "unapproved_scope", "Client application has not been approved for the 'detail-user' scope.",
			"Your application needs approval to access detailed user information. Please contact support.", ""), entry: "unapproved_scope", undetermined: true, causes: []string{"approval_missing", "approval_pending_or_rejected"}},

		// Offline checks alone.
		{name: "offline redirect_uri check", obs: facts(knowledge.Observation{}, knowledge.FactRedirectMismatch), entry: "invalid_grant", cause: "redirect_uri_mismatch"},
		{name: "offline PKCE check", obs: facts(knowledge.Observation{}, knowledge.FactPKCEMismatch), entry: "invalid_grant", cause: "pkce_mismatch"},
		{name: "9.x invalid_grant and an old code", obs: facts(ac(body9(400, "invalid_grant", descGrant, "")), knowledge.FactCodeOld), entry: "invalid_grant", cause: "code_expired"},
	}
}

func TestMatchSeedEntries(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range seedMatchCases() {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, c) })
	}
}

// TestMatchSeedCaseCount keeps the table from shrinking below the breadth it was built for.
func TestMatchSeedCaseCount(t *testing.T) {
	if n := len(seedMatchCases()); n < 30 {
		t.Fatalf("only %d matching cases over real Passport bodies; keep at least 30", n)
	}
}

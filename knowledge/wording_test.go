package knowledge_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// fositeGrant is fosite's invalid_grant description, to which it appends the specific reason.
const fositeGrant = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client. "

// logged is what a parser makes of a log line or a stack trace: the class it names and the
// error sentences around it (Observation.Exception and .Text).
func logged(exception, text string) knowledge.Observation {
	return knowledge.Observation{Sources: []string{"log"}, Exception: exception, Text: text}
}

// Other servers' and libraries' wording, by meaning: the sentences come from their source
// or documentation (the catalogue's source notes say where), never from our corpus.
func wordingCases() []matchCase {
	return []matchCase{
		// The reason a server appends to the generic sentence, not the generic "expired".
		{name: "fosite PKCE", obs: knowledge.Observation{Endpoint: "token", Error: "invalid_grant",
			Description: fositeGrant + "The PKCE code challenge did not match the code verifier."}, entry: "invalid_grant", cause: "pkce_mismatch"},
		{name: "fosite redirect_uri", obs: knowledge.Observation{Endpoint: "token", Error: "invalid_grant",
			Description: fositeGrant + `The "redirect_uri" from this request does not match the one from the authorize request.`}, entry: "invalid_grant", cause: "redirect_uri_mismatch"},
		{name: "fosite code reuse", obs: knowledge.Observation{Endpoint: "token", Error: "invalid_grant",
			Description: fositeGrant + "The authorization code has already been used."}, entry: "invalid_grant", cause: "code_reused"},
		{name: "fosite refresh rotation", obs: knowledge.Observation{Endpoint: "token", GrantType: "refresh_token", Error: "invalid_grant",
			Description: fositeGrant + "The refresh token was already used."}, entry: "invalid_grant", cause: "refresh_revoked"},
		{name: "Hydra scope not allowed", obs: knowledge.Observation{Error: "invalid_scope",
			Description: "The requested scope is invalid, unknown, or malformed. The OAuth 2.0 Client is not allowed to request scope 'offline'."}, entry: "invalid_scope", cause: "scope_not_allowed_for_client"},
		{name: "fosite unregistered redirect at authorize", obs: knowledge.Observation{Endpoint: "authorize", Error: "invalid_request",
			Description: "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed. The 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's pre-registered redirect urls."},
			entry: "invalid_client", cause: "redirect_uri_not_registered"},
		{name: "Keycloak reused code", obs: knowledge.Observation{Endpoint: "token", Error: "invalid_grant", Description: "Code not valid"}, entry: "invalid_grant", cause: "code_reused"},
		{name: "Keycloak redirect_uri", obs: knowledge.Observation{Endpoint: "token", Error: "invalid_grant", Description: "Incorrect redirect_uri"}, entry: "invalid_grant", cause: "redirect_uri_mismatch"},
		{name: "node-oidc-provider expiry in its log", obs: logged("InvalidGrant", "grant request is invalid (authorization code is expired)"), entry: "invalid_grant", cause: "code_expired"},
		{name: "Entra code redeemed", obs: knowledge.Observation{Error: "invalid_grant", Description: "AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code."}, entry: "invalid_grant", cause: "code_reused"},
		{name: "Entra refresh inactivity", obs: logged("MsalUiRequiredException", "AADSTS700082: The refresh token has expired due to inactivity."), entry: "invalid_grant", cause: "refresh_expired"},
		{name: "Entra wrong secret", obs: knowledge.Observation{Error: "invalid_client", Description: "AADSTS7000215: Invalid client secret provided."}, entry: "invalid_client", cause: "wrong_secret"},
		{name: "GitHub bad code", obs: knowledge.Observation{Error: "bad_verification_code", Description: "The code passed is incorrect or expired."}, entry: "invalid_grant"},
		{name: "Google insufficient scopes", obs: knowledge.Observation{Status: 403, Message: "Request had insufficient authentication scopes."}, entry: "insufficient_scope", cause: "scope_not_granted"},
		{name: "oauth2-client code in an exception", obs: logged(`League\OAuth2\Client\Provider\Exception\IdentityProviderException`, "invalid_grant"), entry: "invalid_grant"},
		{name: "openid-client OPError", obs: logged("OPError", "invalid_client (client authentication failed)"), entry: "invalid_client"},
		{name: "openid-client own timeout", obs: logged("RPError", "outgoing request timed out after 3500ms"), entry: "network_timeout", cause: "client_timeout_too_short"},
		{name: "jsonwebtoken expiry", obs: logged("TokenExpiredError", "jwt expired"), entry: "token_invalid", cause: "token_expired"},
		{name: "google-auth clock", obs: logged("ValueError", "Token used too early, 1593451470 < 1593451472. Check that your computer's clock is set correctly."), entry: "clock_skew", cause: "local_clock_wrong"},
		{name: "Socialite state", obs: logged(`Laravel\Socialite\Two\InvalidStateException`, ""), entry: "state_mismatch"},
		{name: "authlib state", obs: logged("MismatchingStateError", "mismatching_state: CSRF Warning! State not equal in request and response."), entry: "state_mismatch"},
		{name: "NextAuth state cookie", obs: logged("OAuthCallbackError", "State cookie was missing."), entry: "state_mismatch", cause: "session_cookie_not_returned"},
		{name: "Spring legacy unregistered redirect", obs: knowledge.Observation{Error: "invalid_request", Description: "At least one redirect_uri must be registered with the client."}, entry: "invalid_client", cause: "redirect_uri_not_registered"},
		{name: "node-oidc-provider JSON body", obs: knowledge.Observation{Endpoint: "token", Error: "invalid_request", Description: "only application/x-www-form-urlencoded content-type bodies are supported on POST /token"}, entry: "invalid_request", cause: "token_request_sent_as_json"},
		{name: "unsupported_response_type", obs: knowledge.Observation{Endpoint: "callback", Error: "unsupported_response_type", Description: "The authorization server does not support obtaining a token using this method."}, entry: "unsupported_grant_type", cause: "authorize_response_type_wrong"},
		{name: "league signing key missing", obs: logged("LogicException", `Key path "file:///app/storage/oauth-private.key" does not exist or is not readable`), entry: "server_error", cause: "provider_unexpected_failure"},

		// The entries issue 8 added.
		{name: "password grant refused", obs: knowledge.Observation{Endpoint: "token", GrantType: "password", Error: "invalid_grant", Description: "The user credentials were incorrect."}, entry: "invalid_credentials"},
		{name: "password grant in a league trace", obs: logged(`League\OAuth2\Server\Exception\OAuthServerException`, fositeGrant+"\n#0 src/Grant/PasswordGrant.php(107): PasswordGrant->validateUser()"), entry: "invalid_credentials"},
		{name: "Keycloak password grant event", obs: logged("", "type=LOGIN_ERROR, clientId=app, error=invalid_user_credentials, grant_type=password"), entry: "invalid_credentials"},
		{name: "419 from a JSON call", obs: answer("", 419, "application/json", "", "CSRF token mismatch."), entry: "page_expired", undetermined: true},
		{name: "TokenMismatchException in a log", obs: logged(`Illuminate\Session\TokenMismatchException`, "CSRF token mismatch."), entry: "page_expired"},
		{name: "oauth2-client without access_token", obs: logged("InvalidArgumentException", `Required option not passed: "access_token"`), entry: "missing_access_token", undetermined: true},
		{name: "oauthlib without access_token", obs: logged("MissingTokenError", "(missing_token) Missing access token parameter."), entry: "missing_access_token"},
		{name: "Go x/oauth2 without access_token", obs: logged("", "oauth2: server response missing access_token"), entry: "missing_access_token"},
		{name: "an empty user after sign-in", obs: facts(knowledge.Observation{Endpoint: "api_user", Status: 200}, knowledge.FactUserProfileEmpty), entry: "empty_user_profile"},
		{name: "a short client timeout", obs: facts(netFailure(knowledge.TransportTimeout, "cURL error 28: Operation timed out after 2000 milliseconds with 0 bytes received"), knowledge.FactClientTimeoutShort),
			entry: "network_timeout", cause: "client_timeout_too_short"},
		{name: "a token issued expired", obs: facts(knowledge.Observation{}, knowledge.FactTokenIssuedExpired), entry: "token_invalid", cause: "token_issued_expired"},
		{name: "Spring refuses a token that expires as issued", obs: logged("IllegalArgumentException", "expiresAt must be after issuedAt"), entry: "token_invalid", cause: "token_issued_expired"},
		{name: "MethodNotAllowedHttpException on the token URL", obs: with(logged(`Symfony\Component\HttpKernel\Exception\MethodNotAllowedHttpException`, ""), func(o *knowledge.Observation) { o.Endpoint = "token" }),
			entry: "method_not_allowed", cause: "token_request_not_post"},
		{name: "Spring's method_not_allowed", obs: knowledge.Observation{Error: "method_not_allowed", Description: "Request method 'GET' not supported"}, entry: "method_not_allowed"},
	}
}

func TestOtherServersWording(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range wordingCases() {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, c) })
	}
}

package knowledge

// Endpoint names the place a request went to, in the words the catalogue's `endpoint:`
// conditions, the parsers and the probes share. A named type so a misspelt name is a
// compile error where a constant is used, not a silent non-match.
type Endpoint string

// The endpoints the product knows.
const (
	EndpointAuthorize   Endpoint = "authorize"        // GET /oauth/authorize in the browser
	EndpointToken       Endpoint = "token"            // POST /oauth/token
	EndpointCallback    Endpoint = "callback"         // the application's own redirect_uri
	EndpointUser        Endpoint = "api_user"         // GET /api/user
	EndpointUserDetails Endpoint = "api_user_details" // GET /api/user/details
	EndpointLogout      Endpoint = "logout"           // /api/logout-sso
	EndpointDiscovery   Endpoint = "discovery"        // /.well-known/openid-configuration
	// EndpointAPI is another resource API a request went to with an access token (a
	// provider's /v1.0/me, an app's /api/orders): its refusals read as the guard's,
	// like /api/user's. The catalogue's `endpoint: api_` conditions cover it.
	EndpointAPI Endpoint = "api_resource"
)

// IsUserAPI says whether the endpoint is one of the user APIs an access token opens.
func (e Endpoint) IsUserAPI() bool {
	return e == EndpointUser || e == EndpointUserDetails || e == EndpointLogout
}

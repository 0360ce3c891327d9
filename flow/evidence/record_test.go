package evidence

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// A database driver names its service on the lines around the network phrase, not on the
// phrase's own line: the record is still not the way to the provider.
func TestDatabaseRecordIsNotTheProvider(t *testing.T) {
	for _, text := range []string{
		"sqlalchemy.exc.OperationalError: (psycopg2.OperationalError)\n  could not connect: Connection refused\n\tIs the server accepting TCP/IP connections?",
		"Unhandled rejection SequelizeConnectionError\n    connect ETIMEDOUT 10.0.0.7",
		"com.zaxxer.hikari.pool.HikariPool$PoolInitializationException: Failed to initialize pool\nCaused by: java.net.ConnectException: Connection refused",
	} {
		if o := parse(t, text); o.Transport != "" {
			t.Errorf("%.50q read as a transport failure %q", text, o.Transport)
		}
	}
	// An http URL on the phrase's own line says where the connection went, whatever the
	// lines around it name.
	text := "database seeded\ncURL error 7: Failed to connect to https://id.example.org/oauth/token: Connection refused"
	if o := parse(t, text); o.Transport != knowledge.TransportRefused {
		t.Errorf("the provider's refusal lost beside a database word: %+v", o)
	}
}

// A wrapped Go error chain puts the next message after "password: "; its first word is
// not a password, and masking it would hide the server's sentence everywhere.
func TestErrorChainAfterPasswordIsNotASecret(t *testing.T) {
	o := parse(t, `level=error error="pbkdf2: the stored password: Invalid grant supplied by the caller"`)
	if !strings.Contains(o.Text, "Invalid grant supplied") {
		t.Errorf("the chained sentence was masked: %q", o.Text)
	}
	for _, text := range []string{"DB_PASSWORD: Hunter", "password: Sunday", `"password": "Welcome"`} {
		if len(Secrets(text)) == 0 {
			t.Errorf("%q: the password was not found", text)
		}
	}
}

// The URL a failed request went to places a refusal: a resource API path is the API's
// guard, an OAuth path stays what it is, a page of the sign-in is neither.
func TestRequestEndpointOfResourceAPIs(t *testing.T) {
	for u, want := range map[string]knowledge.Endpoint{
		"https://api.example.net/v2/orders/7":        knowledge.EndpointAPI,
		"https://example.org/rest/v1/me":             knowledge.EndpointAPI,
		"https://shop.test/api/cart":                 knowledge.EndpointAPI,
		"https://id.example.org/oauth/token":         knowledge.EndpointToken,
		"https://id.example.org/v1/oauth2/authorize": knowledge.EndpointAuthorize, // another server's authorize route
		"https://id.example.org/account/login":       "",
		"https://app.test/auth/github/callback":      "",
		"https://api.example.net/oauth2/v1/token":    knowledge.EndpointToken,
		"https://example.org/.well-known/jwks.json":  "",
		"https://example.org/blog/2024/some-article": "",
		"https://accounts.example.com/api/user":      knowledge.EndpointUser,
	} {
		if got := requestEndpoint(u); got != want {
			t.Errorf("%s: endpoint %q, want %q", u, got, want)
		}
	}
	o := parse(t, "Client error: `GET https://api.example.net/v2/orders/7` resulted in a `401 Unauthorized` response")
	if o.Endpoint != knowledge.EndpointAPI || o.Status != 401 {
		t.Errorf("Guzzle line: endpoint %q status %d", o.Endpoint, o.Status)
	}
}

// Guzzle 3 prints a refused request as bracketed fields, one a line.
func TestGuzzle3BracketedBlock(t *testing.T) {
	o := parse(t, "exception 'Guzzle\\Http\\Exception\\ClientErrorResponseException' with message 'Client error response\n"+
		"[status code] 403\n[reason phrase] Forbidden\n[url] https://api.example.net/v1/projects/42' in /app/vendor/x.php:43")
	if o.Status != 403 || o.Endpoint != knowledge.EndpointAPI || !strings.Contains(o.URL, "api.example.net") {
		t.Errorf("Guzzle 3 block: status %d endpoint %q url %q", o.Status, o.Endpoint, o.URL)
	}
}

// Laravel's debug JSON cut short mid-trace still names the class thrown.
func TestCutDebugJSONKeepsTheException(t *testing.T) {
	o := parse(t, "{\n    \"message\": \"Unable to read the key file\",\n    \"exception\": \"App\\\\Keys\\\\KeyNotReadable\",\n"+
		"    \"file\": \"/srv/app/Keys/Loader.php\",\n    \"trace\": [\n        {\n            \"file\": \"/srv/app/x.php\",")
	if o.Exception != `App\Keys\KeyNotReadable` || o.Message == "" {
		t.Errorf("cut debug JSON: exception %q message %q", o.Exception, o.Message)
	}
}

// Knowing the method: a GET, PUT, PATCH or DELETE to a page of no sign-in route reads a
// resource; a POST to an unknown path may be another server's token endpoint, and stays
// unplaced.
func TestRequestEndpointForMethod(t *testing.T) {
	for _, c := range []struct {
		method, url string
		want        knowledge.Endpoint
	}{
		{"GET", "https://files.example.net/reports/2024/q1.csv", knowledge.EndpointAPI},
		{"DELETE", "/projects/9", knowledge.EndpointAPI},
		{"POST", "https://sso.example.net/as/exchange", ""},
		{"GET", "https://app.test/auth/github/callback?code=x", ""},
		{"GET", "https://app.test/", ""},
		{"GET", "https://id.example.org/oauth/authorize?client_id=1", knowledge.EndpointAuthorize},
	} {
		if got := requestEndpointFor(c.method, c.url); got != c.want {
			t.Errorf("%s %s: endpoint %q, want %q", c.method, c.url, got, c.want)
		}
	}
}

// The class thrown for a network failure names the service it was for, wherever it stands
// in the record; another class named later does not.
func TestOtherServiceThrown(t *testing.T) {
	o := parse(t, "Error: connect ETIMEDOUT 10.1.2.3:1234\n    at TCPConnectWrap.afterConnect\n  errno: -110,\n  code: 'ETIMEDOUT'\n}\nSequelizeConnectionError: connect ETIMEDOUT")
	if o.Transport != "" {
		t.Errorf("a Sequelize timeout read as the provider's: %q (%q)", o.Transport, o.Exception)
	}
	o = parse(t, "GuzzleHttp\\Exception\\ConnectException: cURL error 7: Failed to connect to id.example.org port 443: Connection refused\n"+
		"next Illuminate\\Database\\QueryException: SQLSTATE[HY000]")
	if o.Transport != knowledge.TransportRefused {
		t.Errorf("the provider's refusal dropped for a class named after it: %q (%q)", o.Transport, o.Exception)
	}
}

package evidence

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// A secret copied from the server's database is its stored hash: the server hashes what it
// receives, so the hash never matches. Each common stored form is named.
func TestHashedSecretInBasicCredentials(t *testing.T) {
	for _, secret := range []string{
		"pbkdf2_sha256$600000$Qm9ndXNTYWx0$" + testSecret[:20],
		"$2y$10$" + testSecret[:30],
		"$argon2id$v=19$m=65536,t=4,p=1$" + testSecret[:22],
	} {
		o := parse(t, basicRequest("7", secret))
		if !o.HasFact(knowledge.FactBasicSecretBad) || !strings.Contains(factDetail(o, knowledge.FactBasicSecretBad), "hash") {
			t.Errorf("%.12s…: not flagged as a stored hash: %+v", secret, o.Facts)
		}
		noSecret(t, o, secret)
	}
	if o := parse(t, basicRequest("7", testSecret)); o.HasFact(knowledge.FactBasicSecretBad) {
		t.Errorf("a plain secret flagged: %+v", o.Facts)
	}
	// curl's -u with the value stuck to the flag is read like -u VALUE.
	o := parse(t, `curl -X POST -u"7:pbkdf2_sha256$600000$c2FsdA$`+testSecret[:24]+`" -d grant_type=client_credentials https://id.example.org/oauth/token`)
	if !o.HasFact(knowledge.FactBasicSecretBad) {
		t.Errorf("curl -u\"…\": %+v", o.Facts)
	}
}

// A misspelt Authorization header is never read by the server: its credentials are not
// sent as far as the server knows, and they are masked like the right header's.
func TestMisnamedAuthorizationHeader(t *testing.T) {
	cred := base64.StdEncoding.EncodeToString([]byte("7:" + testSecret))
	o := parse(t, "curl --request POST https://id.example.org/oauth/token --header 'Authentication: Basic "+cred+"' -d grant_type=client_credentials")
	if !o.HasFact(knowledge.FactAuthHeaderMisnamed) {
		t.Errorf("Authentication: Basic not flagged: %+v", o.Facts)
	}
	noSecret(t, o, cred, testSecret)
	raw := "GET /v1/orders HTTP/1.1\nHost: api.example.net\nAuthorisation: Bearer " + testSecret + "\n\n"
	o = parse(t, raw)
	if !o.HasFact(knowledge.FactAuthHeaderMisnamed) || o.HasFact(knowledge.FactBearerSchemeWrong) {
		t.Errorf("Authorisation: Bearer not flagged: %+v", o.Facts)
	}
	if got := strings.Join(Secrets(raw), " "); !strings.Contains(got, testSecret) {
		t.Errorf("the token under a misnamed header is not masked")
	}
	// A JWT under such a header never reached the API: its claims are not read as the
	// refused token's, and it is still masked.
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiIsInNjb3BlcyI6W10sImV4cCI6MTAwMDAwMDAwMH0.c2lnbmF0dXJlLWZvci10aGUtdGVzdA"
	raw = "GET /api/user HTTP/1.1\nHost: api.example.net\nAuthentication: Bearer " + jwt + "\n\n"
	o = parse(t, raw)
	if o.Token != nil || o.HasFact(knowledge.FactTokenExpired) || !o.HasFact(knowledge.FactAuthHeaderMisnamed) {
		t.Errorf("the token under Authentication: was read as the request's: %+v, %+v", o.Token, o.Facts)
	}
	if got := strings.Join(Secrets(raw), " "); !strings.Contains(got, jwt) {
		t.Errorf("the JWT under a misnamed header is not masked")
	}
	for _, name := range []string{"Authorization", "Author", "Auth-Token", "WWW-Authenticate", "X-Authorization-Id"} {
		if misnamedAuthHeader(name) {
			t.Errorf("%s read as a misspelt Authorization", name)
		}
	}
}

func factDetail(o knowledge.Observation, name string) string {
	for _, f := range o.Facts {
		if f.Name == name {
			return f.Detail
		}
	}
	return ""
}

// An empty client_id in Basic credentials decides the fault: the secret is never compared
// when no client can be looked up, so an empty secret beside it is not a second fault.
func TestEmptyBasicIDDecides(t *testing.T) {
	o := parse(t, basicRequest("", ""))
	if !o.HasFact(knowledge.FactBasicClientIDBad) || o.HasFact(knowledge.FactBasicSecretBad) {
		t.Errorf("Basic of a lone colon: %+v", o.Facts)
	}
	o = parse(t, basicRequest("7", ""))
	if o.HasFact(knowledge.FactBasicClientIDBad) || !o.HasFact(knowledge.FactBasicSecretBad) {
		t.Errorf("Basic with an empty secret: %+v", o.Facts)
	}
}

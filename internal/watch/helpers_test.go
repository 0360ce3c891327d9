package watch

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var (
	catOnce sync.Once
	cat     *knowledge.Catalogue
	catErr  error
)

// diagnoseLikeCLI is what the CLI hands watch: diagnose's own parsers and match.
func diagnoseLikeCLI(tb testing.TB) Diagnose {
	tb.Helper()
	catOnce.Do(func() { cat, catErr = knowledge.Builtin() })
	if catErr != nil {
		tb.Fatal(catErr)
	}
	return func(record string, now time.Time) (knowledge.Observation, knowledge.Diagnosis) {
		obs, _, err := evidence.ParseAll(record, now)
		if err != nil || obs.Empty() {
			return obs, knowledge.Diagnosis{} // nothing read: no entry can fit
		}
		return obs, cat.Match(obs)
	}
}

var testNow = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// collect runs lines through a Stream and returns its reports.
func collect(t *testing.T, text string) ([]Report, Stats) {
	t.Helper()
	var got []Report
	s := NewStream(diagnoseLikeCLI(t), nil, fixedNow, func(r Report) error { got = append(got, r); return nil })
	for _, l := range strings.Split(text, "\n") {
		if err := s.Line([]byte(l)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Idle(); err != nil {
		t.Fatal(err)
	}
	return got, s.Stats()
}

// Log records the tests mix: each a kind of line an application writes.
const (
	infoLine = "[2026-12-06 10:00:00] production.INFO: User 42 opened /dashboard"
	wrapped  = "[2026-12-06 10:00:%02d] production.ERROR: Client error: `POST https://accounts.mubarokah.com/oauth/token` resulted in a `400 Bad Request` response:\n" +
		`{"error":"invalid_grant","error_description":"The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.","hint":"Authorization code has been revoked","message":"The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}` + "\n" +
		` {"userId":42,"exception":"[object] (GuzzleHttp\\Exception\\ClientException(code: 400): Client error at /var/www/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:113)` + "\n" +
		"[stacktrace]\n" +
		"#0 /var/www/vendor/guzzlehttp/guzzle/src/Middleware.php(69): GuzzleHttp\\Exception\\RequestException::create()\n" +
		"#1 /var/www/app/Http/Controllers/Auth/MubarokahController.php(57): GuzzleHttp\\Client->post()\n" +
		"#2 {main}\n" +
		`"}`
	jsonLine   = `{"level":"error","time":"2026-12-06T10:00:30Z","msg":"token exchange failed","status":401,"body":{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}}`
	accessLine = `127.0.0.1 - - [06/Dec/2026:10:00:40 +0000] "GET /auth/callback?error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.&hint=The+user+denied+the+request&state=abc123 HTTP/1.1" 302 0`
	otherError = "[2026-12-06 10:00:50] production.ERROR: Undefined variable $user {\"exception\":\"[object] (ErrorException(code: 0): Undefined variable $user at /var/www/app/Http/Controllers/HomeController.php:12)\n" +
		"[stacktrace]\n#0 /var/www/vendor/laravel/framework/src/Illuminate/Foundation/Bootstrap/HandleExceptions.php(255): handleError()\n\"}"
)

package evidence

import (
	"encoding/base64"
	"strings"
	"testing"
)

// Each shape a Laravel app's log or error page takes must bring the thrown exception and its
// message into the observation, where the catalogue's vocabulary reads them.
func TestLogShapesGiveExceptionAndText(t *testing.T) {
	const denied = "The resource owner or authorization server denied the request."
	cases := []struct {
		name, text, exception, says string
	}{
		{"single-line record",
			`[2024-05-02 09:14:03] production.ERROR: ` + denied + ` {"exception":"[object] (League\\OAuth2\\Server\\Exception\\OAuthServerException(code: 9): ` + denied + ` at /app/vendor/league/oauth2-server/src/Exception/OAuthServerException.php:243)"}`,
			`League\OAuth2\Server\Exception\OAuthServerException`, denied},
		{"wrapped record with a trace",
			"[2024-05-02 09:14:03] local.ERROR: Invalid state {\"exception\":\"[object] (Laravel\\\\Socialite\\\\Two\\\\InvalidStateException(code: 0):  at /app/vendor/laravel/socialite/src/Two/AbstractProvider.php:237)\n[stacktrace]\n#0 /app/app/Http/Controllers/AuthController.php(31): Laravel\\\\Socialite\\\\Two\\\\AbstractProvider->user()\n#1 {main}\n\"}",
			`Laravel\Socialite\Two\InvalidStateException`, "Invalid state"},
		{"old exception 'X' with message 'Y'",
			"[2017-07-30 14:27:56] local.ERROR: exception 'League\\OAuth2\\Server\\Exception\\OAuthServerException' with message '" + denied + "' in /app/vendor/league/oauth2-server/src/Exception/OAuthServerException.php:168\nStack trace:\n#0 /app/x.php(1): f()",
			`League\OAuth2\Server\Exception\OAuthServerException`, denied},
		{"Monolog JSON line",
			`{"message":"Client authentication failed","context":{"exception":{"class":"League\\OAuth2\\Server\\Exception\\OAuthServerException","message":"Client authentication failed","code":4}},"level":400,"level_name":"ERROR","channel":"production","datetime":"2024-05-02T09:14:03+00:00"}`,
			`League\OAuth2\Server\Exception\OAuthServerException`, "Client authentication failed"},
		{"docker compose prefix",
			"app_1  | [2024-05-02 09:14:03] production.ERROR: Route [login] not defined. {\"exception\":\"[object] (Symfony\\\\Component\\\\Routing\\\\Exception\\\\RouteNotFoundException(code: 0): Route [login] not defined.\"}",
			`Symfony\Component\Routing\Exception\RouteNotFoundException`, "Route [login] not defined."},
		{"kubectl timestamp",
			"2024-05-02T09:14:03.123456789Z [2024-05-02 09:14:03] production.ERROR: Required option not passed: \"access_token\" {\"exception\":\"[object] (InvalidArgumentException(code: 0))\"}",
			"InvalidArgumentException", `Required option not passed: "access_token"`},
		{"systemd journal",
			"May 02 09:14:03 web1 php-fpm[812]: PHP Fatal error:  Uncaught League\\OAuth2\\Client\\Provider\\Exception\\IdentityProviderException: invalid_grant in /app/vendor/league/oauth2-client/src/Provider/GenericProvider.php:216",
			`League\OAuth2\Client\Provider\Exception\IdentityProviderException`, "invalid_grant"},
		{"Laravel debug JSON",
			"{\n    \"message\": \"The GET method is not supported for route oauth/token. Supported methods: POST.\",\n    \"exception\": \"Symfony\\\\Component\\\\HttpKernel\\\\Exception\\\\MethodNotAllowedHttpException\",\n    \"file\": \"/app/vendor/laravel/framework/src/Illuminate/Routing/AbstractRouteCollection.php\",\n    \"line\": 123,\n    \"trace\": [\n        {\n            \"file\": \"/app/vendor/laravel/framework/src/Illuminate/Routing/AbstractRouteCollection.php\",\n            \"line\": 105\n        }\n    ]\n}",
			`Symfony\Component\HttpKernel\Exception\MethodNotAllowedHttpException`, "The GET method is not supported"},
		{"Python traceback",
			"Traceback (most recent call last):\n  File \"/app/views.py\", line 40, in callback\n    token = oauth.fetch_token(url, authorization_response=request.url)\noauthlib.oauth2.rfc6749.errors.MismatchingStateError: (mismatching_state) CSRF Warning! State not equal in request and response.",
			"oauthlib.oauth2.rfc6749.errors.MismatchingStateError", "State not equal in request and response"},
		{"Markdown quote",
			"> Uncaught exception 'League\\OAuth2\\Client\\Provider\\Exception\\IdentityProviderException' with message 'invalid_grant' in /app/vendor/x/Provider.php:315",
			`League\OAuth2\Client\Provider\Exception\IdentityProviderException`, "with message 'invalid_grant'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := parse(t, c.text)
			if first, _, _ := strings.Cut(o.Exception, ", "); first != c.exception {
				t.Errorf("exception = %q, want %q first", o.Exception, c.exception)
			}
			if !strings.Contains(o.Field("words"), c.says) {
				t.Errorf("the words read do not hold %q:\n%s", c.says, o.Field("words"))
			}
		})
	}
}

// A stack frame names many classes; the thrown one is what the paste is about, a file named
// after a class is not a class, and a class named twice is listed once.
func TestExceptionNames(t *testing.T) {
	text := "production.ERROR: League\\OAuth2\\Server\\Exception\\OAuthServerException: x in C:\\www\\vendor\\league\\oauth2-server\\src\\Exception\\OAuthServerException.php:263\n" +
		"#0 /app/vendor/league/oauth2-server/src/Grant/PasswordGrant.php(107): League\\OAuth2\\Server\\Exception\\OAuthServerException::invalidGrant()\n" +
		"#1 /app/vendor/guzzlehttp/guzzle/src/Middleware.php(69): GuzzleHttp\\Exception\\RequestException::create()\n" +
		"previous: OAuthServerException(code: 10): x; the error.response was empty; an_error; Error: plain"
	got := exceptionNames(text, foldASCII(text))
	if got != `League\OAuth2\Server\Exception\OAuthServerException` {
		t.Errorf("exceptionNames = %q", got)
	}
	// With no class outside the frames, the top frame's is the best there is.
	text = "#0 /app/Foo.php(1): App\\Exceptions\\TokenExpiredException::make()\n#1 /app/Bar.php(2): App\\Other\\SecondException::make()"
	if got := exceptionNames(text, foldASCII(text)); got != `App\Exceptions\TokenExpiredException` {
		t.Errorf("from frames: %q", got)
	}
}

// The top frames of a trace say where league threw and keep its hint (cut to 15 characters
// by PHP); frames deep in the framework are left out, so the words read stay about the error.
func TestTopFramesKept(t *testing.T) {
	var b strings.Builder
	b.WriteString("[2017-01-25 14:40:12] local.ERROR: League\\OAuth2\\Server\\Exception\\OAuthServerException: The resource owner or authorization server denied the request.\nStack trace:\n")
	b.WriteString("#0 /app/vendor/league/oauth2-server/src/AuthorizationValidators/BearerTokenValidator.php(77): League\\OAuth2\\Server\\Exception\\OAuthServerException::accessDenied('The JWT string ...')\n")
	for i := 1; i < 40; i++ {
		b.WriteString("#" + string(rune('0'+i%10)) + " /app/vendor/laravel/framework/src/Illuminate/Pipeline/Pipeline.php(" + string(rune('a'+i%26)) + "): Illuminate\\Pipeline\\Pipeline->Deep" + string(rune('A'+i%26)) + "()\n")
	}
	o := parse(t, b.String())
	words := o.Field("words")
	if !strings.Contains(words, "accessDenied('The JWT string") {
		t.Errorf("the top frame's hint is not read:\n%s", words)
	}
	if strings.Count(words, "Pipeline.php") > maxTopFrames {
		t.Errorf("more than %d frames read:\n%s", maxTopFrames, words)
	}
}

// Free text is scrubbed like everything else: a token or secret in a log line never
// reaches the observation whole.
func TestFreeTextMasksSecrets(t *testing.T) {
	jwt := makeJWT(t, map[string]any{"sub": "1", "exp": float64(testNow.Unix() + 60)})
	secret := "Zq8uRk3Lw9Vb2Nc7Xm4Pt6Hy1Gd5Fs0Ja8Ke3Wr"
	text := "[2024-05-02 09:14:03] production.ERROR: token request failed client_secret=" + secret +
		" Authorization: Bearer " + jwt + " {\"exception\":\"[object] (RuntimeException(code: 0))\"}"
	o := parse(t, text)
	if o.Text == "" {
		t.Fatal("the log line was not read")
	}
	noSecret(t, o, secret, jwt)
}

// Prose without an error in it says nothing, and the error words of a paste are read
// without any structure around them.
func TestFreeTextNeedsAnError(t *testing.T) {
	if o := parse(t, "hello, I am trying to set up login with my app\nthanks"); !o.Empty() {
		t.Errorf("prose gave an observation: %+v", o)
	}
	o := parse(t, "State returned in authorization response (null) does not match state from request (abc) - discarding response")
	if !strings.Contains(o.Text, "does not match state from request") {
		t.Errorf("a bare sentence was not read: %+v", o)
	}
}

// A request the paste shows is what was sent, not what the server said: its lines are not
// read as words (a form body's grant_type=client_credentials is no sentence).
func TestFreeTextLeavesTheRequestOut(t *testing.T) {
	o := parse(t, "> POST /oauth/token HTTP/1.1\n> Authorization: Basic abc\n> Accept: application/json\n"+
		"grant_type=client_credentials&scope=view-user\n< HTTP/1.1 401 Unauthorized\n\n{\"error\":\"invalid_client\",\"message\":\"Client authentication failed\"}")
	if strings.Contains(o.Text, "POST /oauth/token") || strings.Contains(o.Text, "grant_type=") || strings.Contains(o.Text, "Basic") {
		t.Errorf("request lines read as words: %q", o.Text)
	}
	if o.Error != "invalid_client" {
		t.Errorf("error = %q", o.Error)
	}
}

// Observations carry the facts the matcher needs, not a class name list without end.
func TestExceptionNamesBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 50; i++ {
		b.WriteString("Caused by: com.example.Fault" + string(rune('A'+i%26)) + string(rune('a'+i/26)) + "Exception: boom\n")
	}
	o := parse(t, b.String())
	if n := strings.Count(o.Exception, ", ") + 1; n > maxExceptions {
		t.Errorf("%d exception names kept, at most %d: %s", n, maxExceptions, o.Exception)
	}
}

// A secret labelled on a line the free-text reader passes over (a form body, a request
// header) is masked where it stands unlabelled in a line it keeps.
func TestFreeTextMasksSecretsLabelledElsewhere(t *testing.T) {
	secret := "Zq8uRk3Lw9Vb2Nc7Xm4Pt6Hy1Gd5Fs0Ja8Ke3Wr"
	text := "> POST /oauth/token HTTP/1.1\n> Authorization: Basic " + base64Of("7:"+secret) + "\n" +
		"grant_type=client_credentials&client_secret=" + secret + "\n" +
		"[2024-05-02 09:14:03] production.ERROR: client authentication failed for secret " + secret + "\n"
	o := parse(t, text)
	if !strings.Contains(o.Text, "client authentication failed") {
		t.Fatalf("the log line was not read: %q", o.Text)
	}
	noSecret(t, o, secret)
}

func base64Of(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

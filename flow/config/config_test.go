package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func envOf(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func writeDotEnv(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, DotEnvName), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadPrecedenceFlagEnvDotEnvDefault(t *testing.T) {
	dir := writeDotEnv(t, "MUBAROKAH_CLIENT_ID=from-dotenv\nMUBAROKAH_REDIRECT_URI=https://app.example/cb\nMUBAROKAH_CLIENT_SECRET=dotenv-secret-value\n")
	cfg, err := Load(Inputs{
		Flags:  map[string]string{KeyClientID: "from-flag"},
		Getenv: envOf("MUBAROKAH_CLIENT_ID", "from-env", "MUBAROKAH_REDIRECT_URI", "https://env.example/cb"),
		Dir:    dir,
	})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		key, value string
		source     Source
	}{
		{KeyClientID, "from-flag", Source{Kind: FromFlag, Name: KeyClientID}},
		{KeyRedirectURI, "https://env.example/cb", Source{Kind: FromEnv, Name: "MUBAROKAH_REDIRECT_URI"}},
		{KeyClientSecret, "dotenv-secret-value", Source{Kind: FromDotEnv, Name: filepath.Join(dir, ".env")}},
		{KeyBaseURL, DefaultBaseURL, Source{Kind: FromDefault}},
		{KeyTokenPath, DefaultTokenPath, Source{Kind: FromDefault}},
	}
	for _, c := range checks {
		if v, _ := cfg.Get(c.key); v != c.value || cfg.SourceOf(c.key) != c.source {
			t.Errorf("%s = %q from %v, want %q from %v", c.key, v, cfg.SourceOf(c.key), c.value, c.source)
		}
	}
	if cfg.Timeout != DefaultTimeout || strings.Join(cfg.Scopes, " ") != "view-user" {
		t.Errorf("defaults: timeout %s scopes %v", cfg.Timeout, cfg.Scopes)
	}
	// The .env file is data: the process environment stays as it was.
	if os.Getenv("MUBAROKAH_CLIENT_SECRET") == "dotenv-secret-value" {
		t.Error(".env leaked into the process environment")
	}
}

func TestURLJoinsPathsOrTakesFullURLs(t *testing.T) {
	cfg, err := Load(Inputs{Flags: map[string]string{KeyBaseURL: "http://127.0.0.1:8080/", KeyTokenPath: "http://127.0.0.1:9/tok"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.URL(EndpointAuthorize); got != "http://127.0.0.1:8080/oauth/authorize" {
		t.Errorf("authorize URL %q", got)
	}
	if got := cfg.URL(EndpointToken); got != "http://127.0.0.1:9/tok" {
		t.Errorf("token URL %q", got)
	}
}

func TestDescribeMasksSecretsAndNamesSources(t *testing.T) {
	cfg, _ := Load(Inputs{Getenv: envOf("MUBAROKAH_CLIENT_SECRET", "super-secret-value-0123456789",
		"MUBAROKAH_DOCTOR_ACCESS_TOKEN", "eyJhbGciOiJSUzI1NiJ9.payload-part.signature-part")})
	var b strings.Builder
	if err := cfg.WriteDescription(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, secret := range []string{"super-secret-value-0123456789", "payload-part"} {
		if strings.Contains(text, secret) {
			t.Errorf("Describe shows a secret:\n%s", text)
		}
	}
	for _, want := range []string{"supe…(29 chars)  (environment MUBAROKAH_CLIENT_SECRET)", "base-url", DefaultBaseURL + "  (default)", "client-id           -  (not set)"} {
		if !strings.Contains(text, want) {
			t.Errorf("Describe lacks %q:\n%s", want, text)
		}
	}
	tg := cfg.Target()
	if tg.Secrets["client-secret"] != "supe…(29 chars)" {
		t.Errorf("target secrets %v", tg.Secrets)
	}
}

func TestLoadReportsBadValuesWithSourceAndWant(t *testing.T) {
	cfg, err := Load(Inputs{Flags: map[string]string{KeyTimeout: "forever"}, Getenv: envOf("MUBAROKAH_DOCTOR_AUTH_STYLE", "header")})
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 2 {
		t.Fatalf("err = %v, want two problems", err)
	}
	msg := err.Error()
	for _, want := range []string{
		`timeout "forever" (from flag --timeout) is not a duration; want a duration between 100ms and 10m`,
		`auth-style "header" (from environment MUBAROKAH_DOCTOR_AUTH_STYLE) is "header"; want body or basic`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if cfg.Timeout != DefaultTimeout {
		t.Errorf("a bad timeout did not keep the default: %s", cfg.Timeout)
	}
}

func TestTimeoutAcceptsDurationsAndSeconds(t *testing.T) {
	for in, want := range map[string]time.Duration{"10s": 10 * time.Second, "1m30s": 90 * time.Second, "2.5": 2500 * time.Millisecond} {
		cfg, err := Load(Inputs{Flags: map[string]string{KeyTimeout: in}})
		if err != nil || cfg.Timeout != want {
			t.Errorf("%q: %s %v, want %s", in, cfg.Timeout, err, want)
		}
	}
	for _, in := range []string{"0", "-1s", "11m", "1ms"} {
		if _, err := Load(Inputs{Flags: map[string]string{KeyTimeout: in}}); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestValidateFindsCopyPasteSlips(t *testing.T) {
	cfg := Default()
	_ = cfg.Set(KeyClientID, "abc ", Source{Kind: FromEnv, Name: "MUBAROKAH_CLIENT_ID"})
	_ = cfg.Set(KeyClientSecret, `"quoted-secret-12345"`, Source{Kind: FromDotEnv, Name: "/app/.env"})
	_ = cfg.Set(KeyRedirectURI, "http://app.example/cb", Source{Kind: FromFlag, Name: KeyRedirectURI})
	_ = cfg.Set(KeyScopes, "view-user,detail-user", Source{Kind: FromEnv, Name: "MUBAROKAH_SCOPES"})
	_ = cfg.Set(KeyBaseURL, "http://accounts.mubarokah.com", Source{Kind: FromEnv, Name: "MUBAROKAH_BASE_URL"})
	_ = cfg.Set(KeyCodeVerifier, "short", Source{Kind: FromFlag, Name: KeyCodeVerifier})
	ps := cfg.Validate()
	text := ps.Error()
	for _, want := range []string{
		`client-id "abc " (from environment MUBAROKAH_CLIENT_ID) has leading or trailing whitespace`,
		`(from /app/.env) is wrapped in quotes`,
		`redirect-uri "http://app.example/cb" (from flag --redirect-uri) uses plain HTTP`,
		`scopes "view-user,detail-user" (from environment MUBAROKAH_SCOPES) is not separated by spaces`,
		`base-url "http://accounts.mubarokah.com" (from environment MUBAROKAH_BASE_URL) uses plain HTTP to another machine`,
		`code-verifier "…(5 chars)" (from flag --code-verifier) is not a valid PKCE verifier`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("problems lack %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "quoted-secret-12345") {
		t.Error("a problem shows the secret")
	}
	if n := len(ps.Errors()); n != 4 {
		t.Errorf("%d errors, want 4 (the plain-HTTP ones are warnings):\n%s", n, ps.Errors().Error())
	}
}

func TestBrokenDotEnvIsAProblemNotACrash(t *testing.T) {
	dir := writeDotEnv(t, "MUBAROKAH_CLIENT_ID='unterminated\n")
	_, err := Load(Inputs{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), ".env") {
		t.Errorf("err = %v, want a problem naming the .env file", err)
	}
}

func TestSecureFor(t *testing.T) {
	for u, want := range map[string]bool{
		"https://accounts.mubarokah.com/oauth/token": true,
		"http://127.0.0.1:7050/oauth/token":          true,
		"http://localhost/oauth/token":               true,
		"http://[::1]:80/x":                          true,
		"http://accounts.mubarokah.com/oauth/token":  false,
		"ftp://127.0.0.1/":                           false,
	} {
		if SecureFor(u) != want {
			t.Errorf("SecureFor(%q) = %v", u, !want)
		}
	}
}

// FuzzLoad reads arbitrary .env text and setting values: Load never panics, and a secret
// never shows whole in a problem or in Describe.
func FuzzLoad(f *testing.F) {
	f.Add("MUBAROKAH_CLIENT_SECRET=abcdefghijklmnopqrstuvwxyz\n", "10s", "view-user")
	f.Add("export MUBAROKAH_BASE_URL=\"http://x\"\n#c\n", "1.5", "a,b")
	f.Add("A='unterminated", "-3", "")
	f.Add("MUBAROKAH_DOCTOR_TIMEOUT=${HOME}\n", "1e400", "\x00")
	f.Fuzz(func(t *testing.T, dotenv, timeout, secret string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, DotEnvName), []byte(dotenv), 0o600); err != nil {
			t.Skip()
		}
		cfg, err := Load(Inputs{Dir: dir, Flags: map[string]string{KeyTimeout: timeout, KeyClientSecret: secret}})
		var b strings.Builder
		_ = cfg.WriteDescription(&b)
		out := b.String() + cfg.Validate().Error()
		if err != nil {
			out += err.Error()
		}
		if len(secret) > 16 && strings.Contains(out, secret) {
			t.Fatalf("the secret shows whole")
		}
	})
}

// A URL with a password or a secret in its query is refused, and the message quoting it does
// not repeat the secret.
func TestURLWithCredentialsIsRefusedWithoutEchoingThem(t *testing.T) {
	for _, raw := range []string{
		"https://user:SECRETMARK-1a2b3c4d5e6f@accounts.example.com",
		"https://accounts.example.com/?client_secret=SECRETMARK-1a2b3c4d5e6f",
		"https://accounts.example.com/?x=1&code=SECRETMARK-1a2b3c4d5e6f",
	} {
		cfg := Default()
		_ = cfg.Set(KeyBaseURL, raw, Source{Kind: FromFlag, Name: KeyBaseURL})
		errs := cfg.Validate().Errors()
		if len(errs) == 0 {
			t.Errorf("%s accepted", raw)
			continue
		}
		if strings.Contains(errs.Error(), "SECRETMARK-1a2b3c4d5e6f") {
			t.Errorf("the message repeats the secret: %s", errs.Error())
		}
	}
}

// A broken .env is reported by line and kind; the parser's quote of the text, which runs on
// into the value, must not carry the secret into the message.
func TestBrokenDotEnvDoesNotQuoteTheSecret(t *testing.T) {
	for _, text := range []string{
		"MUBAROKAH_CLIENT_ID=abc\nMUBAROKAH_CLIENT_SECRET='SECRETMARK-1a2b3c4d5e6f\n",
		"MUBAROKAH_CLIENT_ID=abc\nMUBAROKAH_CLIENT_SECRET SECRETMARK-1a2b3c4d5e6f\n",
	} {
		_, err := Load(Inputs{Dir: writeDotEnv(t, text)})
		if err == nil {
			t.Fatalf("%q accepted", text)
		}
		if msg := err.Error(); strings.Contains(msg, "SECRETMARK") || !strings.Contains(msg, "line 2") {
			t.Errorf("message %q", msg)
		}
	}
}

func TestSecretSetScrubsEverySecretTheConfigHolds(t *testing.T) {
	c := Config{ClientSecret: "client-secret-0123456789", AccessToken: "eyJhbGciOiJSUzI1NiJ9.access.token",
		RefreshToken: "def50200refresh0123456789", Code: "def50200code0123456789", CodeVerifier: "verifier-0123456789-abcdefghijklmnopqrstuvwxyz"}
	text := strings.Join(c.SecretValues(), " | ")
	out := c.SecretSet().Scrub(text)
	for _, v := range c.SecretValues() {
		if strings.Contains(out, v) {
			t.Errorf("SecretSet left %q whole in %q", v, out)
		}
	}
	if len(c.SecretValues()) != 5 {
		t.Errorf("SecretValues = %d values, want all 5 secrets", len(c.SecretValues()))
	}
}

// A Config travels by value: consent given to a copy, and an endpoint a copy takes from
// discovery, stay in that copy.
func TestCopiesShareNeitherConsentNorSources(t *testing.T) {
	base := Default()
	allowed := base.Allowing("code_exchange")
	if base.Allows("code_exchange") || !allowed.Allows("code_exchange") || allowed.Allows("refresh") {
		t.Errorf("consent: base %v, allowed %v/%v", base.Allows("code_exchange"), allowed.Allows("code_exchange"), allowed.Allows("refresh"))
	}
	more := allowed.Allowing("refresh")
	if allowed.Allows("refresh") || !more.Allows("refresh") || !more.Allows("code_exchange") {
		t.Errorf("Allowing changed the copy it came from, or lost earlier consent")
	}
	found := base
	if err := found.Set(KeyTokenPath, "https://id.example/oauth2/token", Source{Kind: FromDiscovery}); err != nil {
		t.Fatal(err)
	}
	if got := base.SourceOf(KeyTokenPath).Kind; got != FromDefault {
		t.Errorf("the original's token path now comes from %q", got)
	}
	if got := found.SourceOf(KeyTokenPath).Kind; got != FromDiscovery {
		t.Errorf("the copy's token path comes from %q", got)
	}
}

func TestAuthStyleSaysWhichValuesItTakes(t *testing.T) {
	s, _ := lookup(KeyAuthStyle)
	for _, v := range []string{"body", "basic"} {
		if !strings.Contains(s.Help, v) {
			t.Errorf("--auth-style's help %q does not name %s", s.Help, v)
		}
	}
}

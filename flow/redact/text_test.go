package redact

import (
	"strings"
	"testing"
)

// The secret markers: one per kind of value, each long and mixed as a generated one is.
const (
	mSecret  = "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5cUe4W"
	mToken   = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiIsInNjb3BlcyI6W119.Sg9kF2mPq7LxR3vT8wN1cY5bH0jD4eK6"
	mRefresh = "def50200a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
	mPass    = "Hunter2Hunter2x9"
	mShort   = "s3cr3tPw"
)

// shows returns the first run of 5 characters of a marker that text shows, beyond a masked
// prefix of 4; "" when none.
func shows(text string, markers ...string) string {
	for _, m := range markers {
		for i := 1; i+5 <= len(m); i++ {
			if strings.Contains(text, m[i:i+5]) {
				return m[i : i+5]
			}
		}
		if strings.Contains(text, m[:5]) {
			return m[:5]
		}
	}
	return ""
}

// Every form a secret takes in what people paste, masked by Text alone.
func TestTextMasksEveryForm(t *testing.T) {
	cases := []struct {
		name, text string
		keep       []string // what stays readable
	}{
		{"curl -u", "curl -u my-client-id:" + mSecret + " https://accounts.mubarokah.com/oauth/token", []string{"my-client-id:", "https://accounts.mubarokah.com/oauth/token"}},
		{"curl --user quoted", "curl --user 'my-client-id:" + mSecret + "' -X POST", []string{"my-client-id:", "-X POST"}},
		{"curl --user=", "curl --user=9:" + mSecret, []string{"--user=9:"}},
		{".env", "MUBAROKAH_CLIENT_ID=9\nMUBAROKAH_CLIENT_SECRET=" + mSecret + "\nAPP_URL=https://app.test", []string{"MUBAROKAH_CLIENT_ID=9", "APP_URL=https://app.test"}},
		{".env quoted", `MUBAROKAH_CLIENT_SECRET="` + mSecret + `"`, []string{"MUBAROKAH_CLIENT_SECRET="}},
		{"export", "export MUBAROKAH_CLIENT_SECRET='" + mSecret + "'; export DB_PASSWORD=" + mPass, []string{"export"}},
		{"php array", "'mubarokah' => [\n  'client_id' => env('MUBAROKAH_CLIENT_ID'),\n  'client_secret' => '" + mSecret + "',\n],", []string{"'client_id' => env('MUBAROKAH_CLIENT_ID')"}},
		{"php env default", "'client_secret' => env('MUBAROKAH_CLIENT_SECRET', '" + mSecret + "'),", []string{"env('MUBAROKAH_CLIENT_SECRET'"}},
		{"yaml", "mubarokah:\n  client_id: 9\n  client_secret: " + mSecret + "\n  password: \"" + mPass + "\"", []string{"client_id: 9"}},
		{"json", `{"access_token":"` + mToken + `","token_type":"Bearer","expires_in":3600,"refresh_token":"` + mRefresh + `"}`, []string{`"token_type":"Bearer"`, `"expires_in":3600`}},
		{"form body", "grant_type=client_credentials&client_id=9&client_secret=" + mSecret + "&scope=view-user", []string{"grant_type=client_credentials", "&scope=view-user"}},
		{"form code", "grant_type=authorization_code&code=" + mRefresh + "&code_verifier=" + mSecret, []string{"grant_type=authorization_code"}},
		{"headers", "Authorization: Bearer " + mToken + "\nCookie: laravel_session=" + mSecret + "; XSRF-TOKEN=" + mPass + "\nX-Api-Key: " + mSecret, []string{"Authorization: Bearer ", "Cookie: laravel_session="}},
		{"basic", "-H 'Authorization: Basic " + "OTp" + mSecret + "'", []string{"Authorization: Basic "}},
		{"set-cookie", "Set-Cookie: mubarokah_session=" + mSecret + "; path=/; httponly", []string{"path=/; httponly"}},
		{"url credentials", "DATABASE_URL=mysql://app:" + mPass + "@db:3306/app and https://u:" + mShort + "@example.com/x", []string{"@example.com/x"}},
		{"callback url", "https://app.test/callback?code=" + mRefresh + "&state=xyz", []string{"https://app.test/callback?code=", "&state=xyz"}},
		{"flag", "mubarokah-doctor check --client-secret " + mSecret + " --client-id 9", []string{"--client-id 9"}},
		{"token alone", mSecret, nil},
		{"jwt alone", "token: \n" + mToken + "\n", nil},
		{"refresh alone", "got " + mRefresh + " back", []string{"got ", " back"}},
		{"bearer in a log", "[2026-03-01] local.ERROR: refused Bearer " + mToken + " for /api/user", []string{"local.ERROR", "/api/user"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Text(c.text)
			if piece := shows(got, mSecret, mToken, mRefresh, mPass, mShort); piece != "" {
				t.Fatalf("Text shows %q of a secret:\n%s", piece, got)
			}
			for _, k := range c.keep {
				if !strings.Contains(got, k) {
					t.Errorf("Text lost %q:\n%s", k, got)
				}
			}
			if again := Text(got); again != got {
				t.Errorf("Text is not stable on its own output:\n%s\n%s", got, again)
			}
		})
	}
}

// What is no secret stays as written: error codes, names, ids, paths, hashes and words.
func TestTextLeavesTheRestAlone(t *testing.T) {
	for _, s := range []string{
		`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`,
		`{"code": 401, "status_code": 401, "error_code": "invalid_grant"}`,
		"token_type=Bearer expires_in=3600 scope=view-user",
		"WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"",
		"Laravel\\Passport\\Http\\Controllers\\AccessTokenController->issueToken()",
		"/var/www/app/vendor/league/oauth2-server/src/Grant/AuthCodeGrant.php:116",
		"client_id=9c1d2f3a-1b2c-4d5e-8f90-0a1b2c3d4e5f commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39",
		"mubarokah-doctor diagnose --token TOKEN --endpoint /api/user/details",
		"MUBAROKAH_CLIENT_SECRET=${SECRET} CLIENT_SECRET=null password: <your password>",
		"x-request-id: 0f9e8d7c6b5a49382716",
		"Zq8v…(36 chars) and …(8 chars)",
	} {
		if got := Text(s); got != s {
			t.Errorf("Text changed what holds no secret:\n%s\n%s", s, got)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add("client_secret=" + mSecret + "&code=" + mRefresh)
	f.Add("curl -u a:" + mSecret + " 'Authorization: Bearer " + mToken + "'")
	f.Add("'client_secret' => env('X_SECRET', '" + mSecret + "')")
	f.Add("Cookie: a=" + mSecret + "; b")
	f.Add("https://u:" + mPass + "@h/?token=" + mSecret)
	f.Fuzz(func(t *testing.T, s string) {
		got := Text(s)
		if Text(got) != got {
			t.Fatalf("Text(Text(%q)) differs from Text: %q", s, got)
		}
		for _, secret := range []string{mSecret, mToken, mRefresh} {
			if strings.Contains(s, secret) {
				continue // the fuzzer's own text may hold the secret bare, in a form Text cannot know
			}
			for _, form := range []string{
				"client_secret=" + secret, `"access_token": "` + secret + `"`, "Bearer " + secret, "-u id:" + secret,
			} {
				if strings.Contains(Text(s+" "+form+"\n"), secret) {
					t.Fatalf("Text let %q through after %q", form, s)
				}
			}
		}
	})
}

// BenchmarkText is a paste's preview line and a screen of server text.
func BenchmarkText(b *testing.B) {
	line := "curl -v -u 9:" + mSecret + " -d grant_type=client_credentials https://accounts.mubarokah.com/oauth/token"
	page := strings.Repeat(`{"error":"invalid_client","error_description":"Client authentication failed"} `+line+"\n", 40)
	b.Run("line", func(b *testing.B) {
		for b.Loop() {
			Text(line)
		}
	})
	b.Run("page", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			Text(page)
		}
	})
}

package cli

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A server that echoes the client secret and the access token back, where check's line
// cuts the server's words (past 100 characters), raw and escaped as PHP's json_encode
// writes a slash: no piece of either appears in check's text or JSON output.
func TestCheckMasksAReflectedSecretBeforeCuttingTheLine(t *testing.T) {
	const secret = "ech0/Qz7w-s3cr3t-K0123456789/abcdef"
	const token = "ech0Tk-Vn4x-0123456789abcdefghijklm"
	pad := strings.Repeat("y", 100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		if r.URL.Path == "/oauth/token" {
			esc := strings.ReplaceAll(secret, "/", `\/`)
			w.Write([]byte(`{"error":"invalid_client","error_description":"` + pad + esc + `","hint":"` + pad + secret + `"}`))
			return
		}
		w.Write([]byte(`{"message":"` + pad + token + `"}`))
	}))
	t.Cleanup(srv.Close)
	environ := []string{"MUBAROKAH_BASE_URL=" + srv.URL, "MUBAROKAH_CLIENT_ID=client-1", "MUBAROKAH_CLIENT_SECRET=" + secret,
		"MUBAROKAH_DOCTOR_ACCESS_TOKEN=" + token}
	for _, format := range [][]string{nil, {"--json"}} {
		var out, errOut bytes.Buffer
		args := append([]string{"check", "--no-env-file", "--timeout", "5s", "--probe", "client_auth", "--probe", "client_credentials", "--probe", "api_user"}, format...)
		run(args, newEnv(strings.NewReader(""), &out, &errOut, environ))
		text := out.String() + errOut.String()
		if !strings.Contains(text, pad[:20]) {
			t.Fatalf("%v: the server's words are not shown, so this shows nothing:\n%s", format, text)
		}
		for _, s := range []string{secret, token} {
			for i := 0; i+8 <= len(s); i++ {
				if strings.Contains(text, s[i:i+8]) {
					t.Errorf("%v: %q of a secret is shown:\n%s", format, s[i:i+8], text)
					break
				}
			}
		}
	}
}

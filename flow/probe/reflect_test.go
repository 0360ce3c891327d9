package probe

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// leaks reports the first piece of secret, 8 characters or more, that text shows: a mask
// shows 4 at most, so anything longer is the secret given away, whole or cut.
func leaks(text, secret string) string {
	for i := 0; i+8 <= len(secret); i++ {
		if strings.Contains(text, secret[i:i+8]) {
			return secret[i : i+8]
		}
	}
	return ""
}

// A server that echoes a secret back, placed where the probe's line cuts the text, in raw
// form and escaped as PHP's json_encode writes it: the result shows no piece of it, because
// the secret is masked before anything is cut.
func TestReflectedSecretsAreMaskedBeforeTheLineIsCut(t *testing.T) {
	const secret = "refl/ected-secret-0123456789/abcdef"
	const token = "reflected-access-token-0123456789abcdef"
	pad := strings.Repeat("x", 100)
	escaped := strings.ReplaceAll(secret, "/", `\/`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="`+token+`"`)
		w.WriteHeader(http.StatusUnauthorized)
		switch r.URL.Path {
		case "/oauth/token":
			_, _ = w.Write([]byte(`{"error":"invalid_client","error_description":"` + pad + escaped +
				`","hint":"` + pad + secret + `","message":"` + pad + escaped + `"}`))
		default:
			_, _ = w.Write([]byte(`{"message":"` + pad + token + `"}`))
		}
	}))
	t.Cleanup(srv.Close)
	cfg := testConfig(srv.URL, 5*time.Second)
	cfg.ClientSecret, cfg.AccessToken = secret, token
	for _, r := range (&Prober{}).RunAll(context.Background(), cfg, []string{IDClientAuth, IDClientCredentials, IDUser, IDUserDetails}) {
		obs, _ := json.Marshal(r.Obs)
		text := r.Summary + "\n" + strings.Join(r.Details, "\n") + "\n" + string(obs)
		if !strings.Contains(text, pad[:20]) {
			t.Errorf("%s: the server's words are not shown at all, so the test shows nothing: %s", r.ID, text)
		}
		for _, s := range []string{secret, escaped, token} {
			if piece := leaks(text, s); piece != "" {
				t.Errorf("%s shows %q of a secret:\n%s", r.ID, piece, text)
			}
		}
	}
}

package probe

import (
	"context"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The live API probe and `check --probe token` judge a token the same way: one judgement,
// so a token carrying only detail-user, issued to another client, reads the same in both.
func TestAPIProbeJudgesTheTokenLikeTheTokenCheck(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"message":"Unauthenticated."}`))
	}))
	defer ts.Close()
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"aud": "another-client", "sub": "7", "scopes": []string{"detail-user"},
		"exp": time.Now().Add(time.Hour).Unix(),
	}).SignedString([]byte("test-key"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(ts.URL, 5*time.Second)
	cfg.AccessToken = tok
	r := (&Prober{}).Run(context.Background(), cfg, IDUser)
	want := check.Token(lang.English, tok, string(config.EndpointUser), cfg.ClientID, time.Now()).Obs.Facts
	if len(want) != 2 {
		t.Fatalf("the token check found %v, want the detail-only and audience facts", want)
	}
	for _, f := range want {
		if !r.Obs.HasFact(f.Name) {
			t.Errorf("the API probe misses %s, which the token check finds (probe facts: %v)", f.Name, r.Obs.Facts)
		}
	}
	for _, name := range []string{knowledge.FactScopeDetailOnly, knowledge.FactTokenAudMismatch} {
		if !r.Obs.HasFact(name) {
			t.Errorf("the API probe misses %s", name)
		}
	}
}

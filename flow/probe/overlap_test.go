package probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// hydraServerError is what Ory Hydra v2.3.0 (DSN=memory) answered a code exchange or a
// refresh that ran at the same time as another token request: its database refused the
// second change ("Unable to serialize access due to a concurrent update in another
// session" in its log), and the client got only this.
const hydraServerError = `{"error":"server_error","error_description":"The authorization server encountered an unexpected condition that prevented it from fulfilling the request."}`

// overlapServer is a token endpoint that, like Hydra on its in-memory database, fails a
// request that spends a code or a refresh token while any other token request is being
// answered, and counts those failures.
func overlapServer(t *testing.T) (*httptest.Server, *int) {
	t.Helper()
	var mu sync.Mutex
	busy, clashes := 0, 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth/token" {
			http.NotFound(w, r)
			return
		}
		_ = r.ParseForm()
		mu.Lock()
		busy++
		mu.Unlock()
		time.Sleep(30 * time.Millisecond) // the transaction is open this long
		mu.Lock()
		spends := r.PostForm.Get("grant_type") != "client_credentials"
		clash := spends && busy > 1
		if clash {
			clashes++
		}
		busy--
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if clash {
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, hydraServerError)
			return
		}
		io.WriteString(w, `{"access_token":"issued-token-value-0123456789","token_type":"bearer","expires_in":3600,`+
			`"refresh_token":"rotated-refresh-value-0123456789","scope":"view-user"}`)
	}))
	t.Cleanup(ts.Close)
	return ts, &clashes
}

// TestSpendingProbesDoNotOverlapOtherTokenRequests: a whole run with a code and a refresh
// token sends the requests that spend them one at a time, after the other token requests,
// so a server that cannot take two changes at once does not fail them and the code and
// token are not spent for nothing.
func TestSpendingProbesDoNotOverlapOtherTokenRequests(t *testing.T) {
	ts, clashes := overlapServer(t)
	cfg := testConfig(ts.URL, 5*time.Second)
	cfg.Code, cfg.CodeVerifier = "code-value-0123456789", "verifier-value-0123456789-0123456789-0123456"
	cfg.RefreshToken = "refresh-value-0123456789"
	cfg = cfg.Allowing(IDCodeExchange, IDRefresh)
	ids := []string{IDClientAuth, IDClientCredentials, IDCodeExchange, IDRefresh}
	for _, r := range (&Prober{}).RunAll(context.Background(), cfg, ids) {
		if r.Status == Fail {
			t.Errorf("%s: %s", r.ID, r.Summary)
		}
	}
	if *clashes > 0 {
		t.Errorf("%d request(s) that spend a code or a refresh token overlapped another token request", *clashes)
	}
}

package probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// tokenServer issues client-credentials tokens to client-1 sent the ways it accepts.
func tokenServer(t *testing.T, body, basic bool) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth/token" {
			http.NotFound(w, r)
			return
		}
		_ = r.ParseForm()
		id, secret, viaBasic := r.BasicAuth()
		if !viaBasic {
			id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		w.Header().Set("Content-Type", "application/json")
		if id != "client-1" || secret != "secret-value-for-tests" || (viaBasic && !basic) || (!viaBasic && !body) {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"invalid_client","error_description":"Client authentication failed"}`)
			return
		}
		io.WriteString(w, `{"access_token":"issued-token-value-0123456789","token_type":"Bearer","expires_in":60,"scope":"view-user"}`)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// Each check that sends the client's credentials is judged by the way the application is
// configured to send them: pass when that way works, a warning when only the other way is
// refused, a failure that names the working way when the configured one is refused.
func TestClientAuthIsJudgedByTheConfiguredWay(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		status Status
		says   string
	}
	tests := []struct {
		name        string
		body, basic bool   // ways the server accepts
		style       string // --auth-style
		auth, cc    want
	}{
		{"both ways work", true, true, "body", want{Pass, "both in the body and with HTTP Basic"}, want{Pass, "token issued"}},
		{"body, configured body", true, false, "body", want{Warn, "work in the body, the way this application sends them"}, want{Pass, "token issued"}},
		{"basic, configured basic", false, true, "basic", want{Warn, "work with HTTP Basic, the way this application sends them"}, want{Pass, "token issued"}},
		{"body, configured basic", true, false, "basic", want{Fail, "in the body they work: set --auth-style body"}, want{Fail, "set --auth-style body"}},
		{"basic, configured body", false, true, "body", want{Fail, "with HTTP Basic they work: set --auth-style basic"}, want{Fail, "set --auth-style basic"}},
		{"neither", false, false, "body", want{Fail, "both ways refused"}, want{Fail, "no token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := tokenServer(t, tt.body, tt.basic)
			cfg := testConfig(ts.URL, 5*time.Second)
			if err := cfg.Set(config.KeyAuthStyle, tt.style, config.Source{Kind: config.FromFlag, Name: "auth-style"}); err != nil {
				t.Fatal(err)
			}
			rs := (&Prober{}).RunAll(context.Background(), cfg, []string{IDClientAuth, IDClientCredentials})
			for i, w := range []want{tt.auth, tt.cc} {
				r := rs[i]
				r.Diagnose(cat)
				if r.Status != w.status || !strings.Contains(r.Summary, w.says) {
					t.Errorf("%s = %s %q, want %s saying %q", r.ID, r.Status, r.Summary, w.status, w.says)
				}
				oneWay := tt.body != tt.basic
				if r.Status != Pass && oneWay && (r.Diagnosis == nil || r.Diagnosis.TopCause() != "auth_method_mismatch") {
					t.Errorf("%s: diagnosis %+v, want auth_method_mismatch first", r.ID, r.Diagnosis)
				}
			}
			if tt.body != tt.basic && tt.auth.status == Fail {
				if d := strings.Join(rs[1].Details, "\n"); !strings.Contains(d, `token issued for scope "view-user"`) {
					t.Errorf("client_credentials lost what the working way got for the scopes: %v", rs[1].Details)
				}
			}
		})
	}
}

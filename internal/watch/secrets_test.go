package watch

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// Secrets a log quotes (a code in a callback URL, a bearer token, a client secret in a
// form body, a refresh token in a JSON body, a session cookie) never reach a report, and
// neither does the session's own secret.
func TestReportsShowNoSecret(t *testing.T) {
	m := func(w string) string { return "zzMARK-" + w + "-7Q2w9E4r1T6y" }
	session := &redact.Set{}
	session.Add(m("configured-secret"))
	records := []string{
		`127.0.0.1 - - [06/Dec/2026:10:00:40 +0000] "GET /auth/callback?code=` + m("code") + `&state=abc123&error=access_denied&error_description=denied HTTP/1.1" 302 0`,
		"[2026-12-06 10:00:01] production.ERROR: Client error: `POST https://accounts.mubarokah.com/oauth/token` resulted in a `400 Bad Request` response:\n" +
			`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}` + "\n" +
			` {"request":"grant_type=authorization_code&client_id=5b1a&client_secret=` + m("client-secret") + `&code=` + m("code2") +
			`","cookie":"laravel_session=` + m("cookie") + `","secret":"` + m("configured-secret") + `"}`,
		`{"level":"error","time":"2026-12-06T10:00:30Z","msg":"refresh failed","status":400,"authorization":"Bearer ` + m("bearer") +
			`","body":{"error":"invalid_grant","error_description":"The refresh token is invalid.","hint":"Token ` + m("refresh") + ` has been revoked","refresh_token":"` + m("refresh") + `"}}`,
	}
	var out []string
	s := NewStream(diagnoseLikeCLI(t), session, fixedNow, func(r Report) error {
		b, _ := json.Marshal(r)
		out = append(out, string(b), fmt.Sprintf("%+v", r))
		return nil
	})
	for _, l := range strings.Split(strings.Join(records, "\n"), "\n") {
		if err := s.Line([]byte(l)); err != nil {
			t.Fatal(err)
		}
	}
	_ = s.Idle()
	if st := s.Stats(); st.Errors != 3 {
		t.Fatalf("%d errors found, want all 3 records read as errors (%+v)\n%s", st.Errors, st, strings.Join(out, "\n"))
	}
	all := strings.Join(out, "\n")
	for _, w := range []string{"code", "client-secret", "code2", "cookie", "configured-secret", "bearer", "refresh"} {
		if strings.Contains(all, m(w)) || strings.Contains(all, "MARK-"+w) {
			t.Errorf("a report shows the planted %s:\n%s", w, all)
		}
	}
}

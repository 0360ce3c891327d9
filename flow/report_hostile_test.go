package flow_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
)

// The shapes this release reads anew (a misspelt Authorization header, a hashed secret in
// Basic credentials, a JWT under a misnamed header, a URL written in prose, a password after
// a label in prose, an error code in a "code" field) carry secrets too: no slice of one may
// reach the Markdown or JSON report, in either language, whatever the reasons say.
func TestReportHostileShapesCarryNoSecret(t *testing.T) {
	const secret = "Qm7pX2vL9rT4wZ8kN3sB"
	const hashed = "pbkdf2_sha256$600000$c2FsdHNhbHQ$" + secret
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiIsImV4cCI6MTAwMDAwMDAwMH0." + secret + "sig"
	basic := base64.StdEncoding.EncodeToString([]byte("7:" + secret))
	hashedBasic := base64.StdEncoding.EncodeToString([]byte("7:" + hashed))
	pastes := []string{
		"curl -X POST https://accounts.mubarokah.com/oauth/token -H 'Authorizaion: Basic " + basic + "' -d grant_type=client_credentials\n" +
			`{"error":"invalid_client","message":"Client authentication failed"}`,
		"curl -X POST https://accounts.mubarokah.com/oauth/token -H 'Authorization: Basic " + hashedBasic + "' -d grant_type=client_credentials\n" +
			`{"error":"invalid_client","message":"Client authentication failed"}`,
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthentication: Bearer " + jwt + "\n\nHTTP/1.1 401 Unauthorized\n{\"message\":\"Unauthenticated.\"}",
		"I open https://accounts.mubarokah.com/oauth/authorize?client_id=7&code_verifier=" + secret + "&scope=profile%20" + secret + " and my password: " + secret[:8] + " then it fails",
		`{"error":{"code":"` + secret + `","message":"denied"}}`,
	}
	id, en := indonesian(t)
	for _, g := range []*flow.Graph{id, en} {
		for _, p := range pastes {
			s := g.Start()
			ev, err := flow.PasteText(p, reportTime)
			if err != nil {
				t.Fatal(err)
			}
			if s, err = g.Next(s, ev); err != nil {
				t.Fatal(err)
			}
			r := g.NewReport(s, flow.ReportMeta{Time: reportTime})
			js, err := r.JSON()
			if err != nil {
				t.Fatal(err)
			}
			for _, out := range []string{r.Markdown(), string(js)} {
				for _, v := range []string{secret, basic, hashedBasic, jwt} {
					for i := 0; i+12 <= len(v); i++ {
						if strings.Contains(out, v[i:i+12]) {
							t.Fatalf("%.40q…: a report carries %q:\n%s", p, v[i:i+12], out)
						}
					}
				}
			}
		}
	}
}

package cli

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

// `check --probe client_auth` alone still reads the discovery document of a server whose
// token endpoint is elsewhere than Passport's, and the report says which address was used.
func TestCheckAloneUsesAndShowsTheDiscoveredEndpoint(t *testing.T) {
	var ts *httptest.Server
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			io.WriteString(w, `{"issuer":"`+ts.URL+`","authorization_endpoint":"`+ts.URL+`/connect/authorize","token_endpoint":"`+ts.URL+`/connect/token"}`)
		case "/connect/token":
			io.WriteString(w, `{"access_token":"issued-token-value-0123456789","token_type":"Bearer","expires_in":60}`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ts.Close)
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--no-env-file", "--json", "--timeout", "5s", "--probe", probe.IDClientAuth,
		"--base-url", ts.URL, "--client-id", "client-1"},
		newEnv(strings.NewReader(""), &out, &errOut, []string{"MUBAROKAH_CLIENT_SECRET=secret-value-for-tests"}))
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, out.String(), errOut.String())
	}
	rep := decodeReport(t, out.String())
	if len(rep.Checks) != 1 {
		t.Fatalf("checks %+v, want client_auth alone", rep.Checks)
	}
	c := rep.Checks[0]
	if want := "called " + ts.URL + "/connect/token (from the discovery document)"; c.Status != probe.Pass || len(c.Details) == 0 || c.Details[0] != want {
		t.Errorf("client_auth %s %v, want a pass whose first detail is %q", c.Status, c.Details, want)
	}
	if got := rep.Target.Endpoints["token"]; got != ts.URL+"/connect/token" {
		t.Errorf("target endpoints %v, want the token endpoint used", rep.Target.Endpoints)
	}
}

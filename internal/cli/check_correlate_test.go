package cli

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// A server that takes only HTTP Basic refuses the code exchange and the refresh sent with
// credentials in the body: the way of sending is why, not the secret. The client
// credentials check sends them the configured way too, so it fails for the same reason
// (issue 10: every check that depends on a setting is judged by it) and says what the
// other way got.
func TestCheckSpendingProbesNameTheWayOfSending(t *testing.T) {
	st := newSandboxTarget(t, sandbox.Options{Faults: []string{sandbox.FaultBasicOnly}})
	_, out, _ := st.run(t, "--json", "--timeout", "5s", "--exchange-code", "--refresh")
	rep := decodeReport(t, out)
	for _, id := range []string{probe.IDClientAuth, probe.IDClientCredentials, probe.IDCodeExchange, probe.IDRefresh} {
		wantCheck(t, rep, id, probe.Fail, "invalid_client", "auth_method_mismatch")
	}
	cc, _ := findCheck(rep, probe.IDClientCredentials)
	if !strings.Contains(cc.Summary, "set --auth-style basic") || !strings.Contains(strings.Join(cc.Details, "\n"), "HTTP Basic: token issued") {
		t.Errorf("client_credentials %q %v: want the way that works and what it got", cc.Summary, cc.Details)
	}
}

// league/oauth2-server answers invalid_client on the authorize endpoint both for an
// unknown client and for a redirect URI that is not registered; the token endpoint's answer
// to the same client tells them apart.
func TestCheckAuthorizeInvalidClientIsToldApartByTheTokenEndpoint(t *testing.T) {
	t.Run("client accepted: the redirect URI", func(t *testing.T) {
		ts := newForeignServer(t, func(fs *foreignServer) { fs.page = "league" })
		_, rep := checkForeign(t, ts.URL, "both-client", foreignSecret, "view-user", "http://127.0.0.1:3091/elsewhere")
		wantCheck(t, rep, probe.IDAuthorize, probe.Fail, "invalid_client", "redirect_uri_not_registered")
	})
	t.Run("client refused both ways: the client", func(t *testing.T) {
		st := newSandboxTarget(t, sandbox.Options{Faults: []string{sandbox.FaultUnknownClient}})
		_, out, _ := st.run(t, "--json", "--timeout", "5s")
		c := wantCheck(t, decodeReport(t, out), probe.IDAuthorize, probe.Fail, "invalid_client", "unknown_client")
		for _, never := range []string{"wrong_secret", "auth_method_mismatch"} {
			if c.Diagnosis.Causes[1] == never {
				t.Errorf("%s is ranked second for the authorize endpoint, which is sent no secret: %v", never, c.Diagnosis.Causes)
			}
		}
	})
}

package flow_test

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// wrongSecretChecks are the live checks as they come back from the sandbox with a wrong
// secret: the authorize endpoint accepts the client, the token endpoint refuses it both
// ways, and the correlation rules out the causes the authorize answer disproves.
func wrongSecretChecks() []check.ProbeResult {
	refused := knowledge.Observation{Sources: []string{"probe"}, Endpoint: "token", Status: 401, Error: "invalid_client",
		Message: "Client authentication failed", Facts: []knowledge.Fact{{Name: knowledge.FactClientAuthFailed}}}
	return []check.ProbeResult{
		{ID: "reachability", Name: "Server answers", Status: check.Pass, Summary: "HTTP 200"},
		{ID: "tls", Name: "TLS certificate", Status: check.Skip, Summary: "the server is reached over plain HTTP"},
		{ID: "authorize", Name: "Authorize endpoint accepts the client", Status: check.Pass, Summary: "client and redirect URI accepted"},
		{ID: "client_auth", Name: "Client authentication", Status: check.Fail, Summary: "both ways refused with invalid_client",
			Details: []string{"the authorize endpoint accepted this client id, so the client exists and is active: suspect the secret"},
			Obs:     refused, RuledOut: []string{"auth_method_mismatch", "redirect_uri_not_registered", "unknown_client", "client_revoked"}},
	}
}

func causeIDs(d flow.Diagnosis) []string {
	var ids []string
	for _, c := range d.Causes {
		ids = append(ids, c.Cause.ID)
	}
	return ids
}

// TestLiveChecksThenDiagnoseNamesTheSecret is the reported bug: live checks that suspect
// the secret, then "diagnose": the walk ran client_auth again, asked for the client_id
// with the cursor on "No", and ranked unknown_client and client_revoked, not wrong_secret.
func TestLiveChecksThenDiagnoseNamesTheSecret(t *testing.T) {
	g, _ := loadReal(t)
	s, err := flow.Replay(g, nil, flow.ReplayOptions{Live: wrongSecretChecks()})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range s.Steps {
		if st.Kind == flow.KindProbe && !st.Auto {
			t.Errorf("step %d ran the %s check again", st.Number, st.Node)
		}
		if st.Kind == flow.KindQuestion && !st.Auto {
			t.Errorf("step %d (%s) was asked although the evidence answers it", st.Number, st.Node)
		}
	}
	if s.Node != "Test" {
		t.Errorf("the walk waits at %s, want Test (after the result and the fix)", s.Node)
	}
	d, ok := g.Diagnose(s)
	if !ok {
		t.Fatal("no result reached")
	}
	ids := causeIDs(d)
	if d.Entry.Code != "invalid_client" || ids[0] != "wrong_secret" {
		t.Fatalf("diagnosis %s %v, want invalid_client with wrong_secret first", d.Entry.Code, ids)
	}
	for _, c := range d.Causes {
		if (c.Cause.ID == "unknown_client" || c.Cause.ID == "client_revoked") && c.Excluded == "" {
			t.Errorf("%s is listed without the reason the live checks rule it out", c.Cause.ID)
		}
	}
	// The evidence stays to the end and goes into the report.
	r := g.NewReport(s, flow.ReportMeta{})
	if len(r.Checks) != 4 || len(r.Evidence) != 1 || !strings.Contains(r.Markdown(), "suspect the secret") {
		t.Errorf("report keeps %d checks and %d pieces of evidence:\n%s", len(r.Checks), len(r.Evidence), r.Markdown())
	}
}

// TestAnswersRuleCausesOut: confirming the client_id and the secret by answers puts
// unknown_client and wrong_secret last, with the answer as the reason, whatever result
// the path reaches.
func TestAnswersRuleCausesOut(t *testing.T) {
	g, _ := loadReal(t)
	s, err := flow.Replay(g, strings.Split("4xx,config,invalid_client,yes,yes,no,code,yes,no", ","), flow.ReplayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := g.Diagnose(s)
	if !ok || d.Node != "r_invalid_client_all" {
		t.Fatalf("reached %s, want r_invalid_client_all", s.Node)
	}
	if ids := causeIDs(d); ids[0] != "client_revoked" {
		t.Fatalf("causes %v: want client_revoked, the one cause no answer ruled out, first", ids)
	}
	for _, c := range d.Causes {
		if c.Cause.ID == "wrong_secret" && !strings.Contains(c.Excluded, "step 7 (c1_secret)") {
			t.Errorf("wrong_secret is ruled out for %q, want the answer at step 7", c.Excluded)
		}
	}
}

// TestEvidenceLeavesOutTheOptionsItRulesOut: a plain-HTTP target (the TLS check skipped)
// is not asked about certificates; a DNS error is not asked about refused connections.
func TestEvidenceLeavesOutTheOptionsItRulesOut(t *testing.T) {
	g, _ := loadReal(t)
	plain := []check.ProbeResult{
		{ID: "tls", Status: check.Skip, Summary: "the server is reached over plain HTTP"},
		{ID: "reachability", Status: check.Pass, Summary: "HTTP 200"},
	}
	s, err := flow.Replay(g, []string{"network"}, flow.ReplayOptions{Live: plain})
	if err != nil || s.Node != "E" {
		t.Fatalf("at %s (%v), want E", s.Node, err)
	}
	if n := g.Offered(s); strings.Contains(strings.Join(n.ChoiceIDs(), ","), "tls") {
		t.Errorf("a plain-HTTP target is offered %v", n.ChoiceIDs())
	}
	if _, err := g.Next(s, flow.Answer("tls")); err == nil || !strings.Contains(err.Error(), "ruled out") {
		t.Errorf("answering tls: %v, want it ruled out", err)
	}

	// A DNS error answers E by itself; a person who re-evaluates after the fix and says
	// "connect" gets, after the connectivity step, only the options a DNS error leaves.
	dns := []check.ProbeResult{{ID: "dns", Status: check.Fail, Summary: "no such host",
		Obs: knowledge.Observation{Sources: []string{"probe"}, Transport: "dns", TransportDetail: "no such host"}}}
	s, err = flow.Replay(g, []string{"resolver", "branch", "connect"}, flow.ReplayOptions{Live: dns})
	if err != nil || s.Node != "e1_connect" {
		t.Fatalf("at %s (%v), want e1_connect", s.Node, err)
	}
	if got := strings.Join(g.Offered(s).ChoiceIDs(), ","); got != "proxy,dns" {
		t.Errorf("after a DNS error e1_connect offers %s, want proxy,dns", got)
	}
}

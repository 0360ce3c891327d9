package flow_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Paths a person would answer, without evidence or live checks, to each cause of the
// provider's seed document (and one per spine branch).
var seedPaths = []struct {
	entry, cause, answers string
}{
	{"invalid_client", "unknown_client", "4xx,config,invalid_client,no"},
	{"invalid_client", "wrong_secret", "4xx,config,invalid_client,yes,no"},
	{"invalid_client", "auth_method_mismatch", "4xx,config,invalid_client,yes,yes,yes"},
	{"invalid_client", "client_revoked", "4xx,config,invalid_client,yes,yes,no,code,yes,yes"},
	{"invalid_client", "grant_not_allowed", "4xx,config,invalid_client,yes,yes,no,client_credentials"},
	{"invalid_client", "redirect_uri_not_registered", "4xx,config,invalid_client,yes,yes,no,code,no"},
	{"invalid_grant", "code_expired", "4xx,request,invalid_grant,code,expired"},
	{"invalid_grant", "code_reused", "4xx,request,invalid_grant,code,none,twice"},
	{"invalid_grant", "code_client_mismatch", "4xx,request,invalid_grant,code,none,neither,no"},
	{"invalid_grant", "redirect_uri_mismatch", "4xx,request,invalid_grant,code,none,neither,yes,no"},
	{"invalid_grant", "pkce_mismatch", "4xx,request,invalid_grant,code,pkce"},
	{"invalid_grant", "refresh_expired", "4xx,request,invalid_grant,refresh,expired"},
	{"invalid_grant", "refresh_revoked", "4xx,request,invalid_grant,refresh,none,reused"},
	{"invalid_grant", "refresh_client_mismatch", "4xx,request,invalid_grant,refresh,client"},
	{"invalid_scope", "scope_malformed", "4xx,request,invalid_scope,authorize,separators"},
	{"invalid_scope", "scope_unknown", "4xx,request,invalid_scope,authorize,name"},
	{"invalid_scope", "scope_not_allowed_for_client", "4xx,request,invalid_scope,authorize,fine,other"},
	{"invalid_scope", "token_lacks_scope", "4xx,request,invalid_scope,api"},
	{"invalid_scope", "detail_user_not_approved", "4xx,request,invalid_scope,authorize,fine,detail,no"},
	{"access_denied", "user_denied", "4xx,consent,access_denied,denied"},
	{"access_denied", "session_expired", "4xx,consent,access_denied,session"},
	{"access_denied", "policy_blocked", "4xx,consent,access_denied,some"},
	{"unapproved_scope", "approval_missing", "4xx,token,403,unapproved,never"},
	{"unapproved_scope", "approval_pending_or_rejected", "4xx,token,403,unapproved,pending"},
	{"token_invalid", "token_expired", "4xx,token,401,expired"},
	{"token_invalid", "token_malformed", "4xx,token,401,header,mangled"},
	{"token_invalid", "token_revoked", "4xx,token,401,revoked"},
	{"token_invalid", "token_missing", "4xx,token,401,header,none"},
	{"insufficient_scope", "scope_not_granted", "4xx,token,403,scope,not_requested"},
	{"server_error", "provider_unexpected_failure", "5xx,provider,up,server_error,no"},
	{"dns_failure", "old_mubarokah_id_host", "network,dns,old_host"},
	{"state_mismatch", "concurrent_sign_ins", "other,code,state,tabs"},
}

func TestReplayReachesEverySeedCause(t *testing.T) {
	g, _ := loadReal(t)
	for _, p := range seedPaths {
		t.Run(p.cause, func(t *testing.T) {
			s, err := flow.Replay(g, strings.Split(p.answers, ","), flow.ReplayOptions{})
			if err != nil {
				t.Fatal(err)
			}
			d, ok := g.Diagnose(s)
			if !ok {
				t.Fatalf("no result; the walk stands at %s", s.Node)
			}
			if d.Entry.Code != p.entry || d.Causes[0].Cause.ID != p.cause {
				t.Fatalf("result %s %v; want %s with %s first", d.Entry.Code, s.Result.Causes, p.entry, p.cause)
			}
			if len(d.Checklist) == 0 {
				t.Error("empty checklist")
			}
			if s.Node != "Test" {
				t.Errorf("a replay past its result should wait at Test, stands at %s", s.Node)
			}
		})
	}
}

func TestReplayToTheEnd(t *testing.T) {
	g, _ := loadReal(t)
	s, err := flow.Replay(g, strings.Split("4xx,request,invalid_grant,code,expired,fixed", ","), flow.ReplayOptions{})
	if err != nil || s.Status != flow.Solved {
		t.Fatalf("status %s, err %v", s.Status, err)
	}
	s, err = flow.Replay(g, strings.Split("4xx,request,invalid_grant,code,expired,escalate", ","), flow.ReplayOptions{})
	if err != nil || s.Status != flow.Escalated {
		t.Fatalf("status %s, err %v", s.Status, err)
	}
	s, err = flow.Replay(g, strings.Split("4xx,request,invalid_grant,code,expired,branch", ","), flow.ReplayOptions{})
	if err != nil || s.Node != "C" {
		t.Fatalf("re-evaluating within the branch goes to %s (%v), want C", s.Node, err)
	}
}

func TestReplayRefusesAnAnswerThatDoesNotFit(t *testing.T) {
	g, _ := loadReal(t)
	_, err := flow.Replay(g, []string{"4xx", "nonsense"}, flow.ReplayOptions{})
	var fe *flow.FitError
	if !errors.As(err, &fe) {
		t.Fatalf("want *FitError, got %v", err)
	}
	if fe.Node != "C" || fe.Given != `answer "nonsense"` || !slices.Contains(fe.Choices, "config") {
		t.Errorf("fit error = %+v", fe)
	}
	_, err = flow.Replay(g, strings.Split("5xx,gateway,fixed,more", ","), flow.ReplayOptions{})
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "the walk has ended; 1 answer(s) left over") {
		t.Errorf("answers after the end: %v", err)
	}
}

func TestReplayWithEvidence(t *testing.T) {
	g, _ := loadReal(t)
	// Passport's answer to an expired code names the cause: straight to its result.
	s, err := flow.Replay(g, nil, flow.ReplayOptions{Evidence: []knowledge.Observation{{
		Endpoint: "token", Status: 400, Error: "invalid_grant", Hint: "Authorization code has expired",
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Result == nil || s.Result.Node != "r_code_expired" {
		t.Fatalf("result %+v, steps %+v", s.Result, s.Steps)
	}
	// invalid_client cannot tell its causes apart: the evidence answers the questions it can
	// and the walk waits at the first one it cannot.
	s, err = flow.Replay(g, nil, flow.ReplayOptions{Evidence: []knowledge.Observation{{
		Endpoint: "token", Status: 401, Error: "invalid_client", Description: "Client authentication failed",
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Node != "c1_client_id" {
		t.Fatalf("stands at %s; steps %+v", s.Node, s.Steps)
	}
	var auto []string
	for _, st := range s.Steps {
		if st.Auto {
			auto = append(auto, st.Node+"="+st.Answer)
		}
	}
	if want := []string{"B=4xx", "C=config", "C1=invalid_client"}; !slices.Equal(auto, want) {
		t.Errorf("automatic answers %v, want %v", auto, want)
	}
}

// Every result node must be reachable by answers alone, with live checks and offline
// checks skipped, so `walk` and a person without credentials can reach every cause.
func TestEveryResultReachableByAnswersAlone(t *testing.T) {
	g, _ := loadReal(t)
	paths := g.ShortestAnswers()
	for _, n := range g.Nodes {
		if n.Kind == flow.KindResult {
			answers, ok := paths[n.ID]
			if !ok {
				t.Errorf("result %s (%s) cannot be reached by answers alone", n.ID, n.Where())
				continue
			}
			// The path found replays to that very result.
			s, err := flow.Replay(g, answers, flow.ReplayOptions{})
			if err != nil || s.Result == nil || s.Result.Node != n.ID {
				t.Errorf("answers %v for %s replay to %+v (%v)", answers, n.ID, s.Result, err)
			}
		}
	}
}

// Answers that loop back to the start without end are refused with a message that says so,
// not as answers left over after an ended walk.
func TestReplayRefusesAnEndlessLoop(t *testing.T) {
	g, _ := loadReal(t)
	var answers []string
	for range 500 {
		answers = append(answers, strings.Split("4xx,request,invalid_grant,code,expired,restart", ",")...)
	}
	_, err := flow.Replay(g, answers, flow.ReplayOptions{})
	var fe *flow.FitError
	if !errors.As(err, &fe) {
		t.Fatalf("want *FitError, got %v", err)
	}
	if strings.Contains(fe.Reason, "has ended") || !strings.Contains(fe.Reason, "longer than any walk needs") {
		t.Errorf("reason = %q", fe.Reason)
	}
}

// Laravel's bare "Unauthenticated." has no status or error code in a paste; it still is a
// 401 from the API, so the walk goes straight to decoding the token, where the causes part.
func TestReplayBareUnauthenticatedGoesToTheToken(t *testing.T) {
	g, _ := loadReal(t)
	s, err := flow.Replay(g, nil, flow.ReplayOptions{Evidence: []knowledge.Observation{{
		Message: "Unauthenticated.", Sources: []string{"json_body"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	var auto []string
	reached := false
	for _, st := range s.Steps {
		if st.Auto {
			auto = append(auto, st.Node+"="+st.Answer)
		}
		reached = reached || st.Node == "c3_token"
	}
	if strings.Join(auto, " ") != "B=4xx C=token C3=401" || !reached {
		t.Fatalf("answered by the evidence: %v; reached the token check: %v", auto, reached)
	}
}

// A certificate the server issued to itself is told apart from one in the chain, which an
// intercepting proxy shows.
func TestReplaySelfSignedCertificate(t *testing.T) {
	g, _ := loadReal(t)
	for _, tc := range []struct{ detail, answers, want string }{
		{"curl: (60) SSL certificate problem: self-signed certificate", "", "r_self_signed"},
		{"curl: (60) SSL certificate problem: self-signed certificate in certificate chain", "", "r_tls_inspecting_proxy"},
	} {
		detail, want := tc.detail, tc.want
		obs := knowledge.Observation{Transport: knowledge.TransportTLS, TransportDetail: detail}
		obs.AddFact(knowledge.FactCertUnknownCA, "")
		s, err := flow.Replay(g, strings.Fields(tc.answers), flow.ReplayOptions{Evidence: []knowledge.Observation{obs}})
		if err != nil {
			t.Fatalf("%s: %v", detail, err)
		}
		if s.Result == nil || s.Result.Node != want {
			t.Fatalf("%s: result %+v, steps %+v", detail, s.Result, s.Steps)
		}
	}
}

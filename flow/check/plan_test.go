package check

import (
	"errors"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func TestPlanHalfAPairIsAnInputError(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		given      Given
		found      evidence.Values
		from, need string
	}{
		{"authorize without token", Given{AuthorizeRedirectURI: "https://app.test/cb"}, evidence.Values{}, "authorize-redirect-uri", "token-redirect-uri"},
		{"token without authorize", Given{TokenRedirectURI: "https://app.test/cb"}, evidence.Values{}, "token-redirect-uri", "authorize-redirect-uri"},
		{"verifier without challenge", Given{CodeVerifier: "v"}, evidence.Values{}, "code-verifier", "code-challenge"},
		{"state sent without received", Given{StateSent: "abc"}, evidence.Values{}, "state-sent", "state-received"},
		{"state received without sent", Given{HasStateReceived: true}, evidence.Values{}, "state-received", "state-sent"},
		{"endpoint without token", Given{Endpoint: "/api/user"}, evidence.Values{}, "endpoint", "token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Plan(tt.given, tt.found, knowledge.Observation{}, now)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Given != tt.from || ie.Needs != tt.need {
				t.Fatalf("Plan = %v, want an InputError %s needs %s", err, tt.from, tt.need)
			}
		})
	}
}

func TestPlanFillsFromTheEvidence(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	// The person gave the state they stored; the callback URL in the paste had another one,
	// and the paste's scope string was joined with commas.
	found := evidence.Values{StateReceived: "abd", HasCallback: true, Scope: "view-user,detail-user"}
	rs, err := Plan(Given{StateSent: "abc"}, found, knowledge.Observation{}, now)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Status{}
	for _, r := range rs {
		got[r.Name] = r.Status
	}
	if got[NameState] != Fail || got[NameScope] != Fail || len(rs) != 2 {
		t.Errorf("Plan ran %v, want state and scope, both failing", got)
	}
	// Nothing given and nothing found: no check at all, and no error.
	if rs, err := Plan(Given{}, evidence.Values{}, knowledge.Observation{}, now); err != nil || len(rs) != 0 {
		t.Errorf("Plan of nothing = %v, %v", rs, err)
	}
}

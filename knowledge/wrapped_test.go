package knowledge_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// An application's 500 whose message carries the OAuth error of the token exchange is first
// that error; the app's own failure follows, as the callback failing around it.
func TestFailureAroundAnOAuthErrorNamesTheErrorFirst(t *testing.T) {
	c := mustLoad(t)
	o := knowledge.Observation{Status: 500, ContentType: "text/html", Error: "invalid_client",
		Text: `sign-in broke: oauth2: "invalid_client"`}
	d := c.Match(o)
	if len(d.Entries) < 2 || d.Entries[0].Entry.Code != "invalid_client" {
		t.Fatalf("entries %v, want invalid_client first", entryCodes(d))
	}
	for _, m := range d.Entries[1:] {
		if m.Entry.Code == "server_error" {
			if len(m.Causes) == 0 || m.Causes[0].Cause.ID != "own_callback_failure" {
				t.Errorf("server_error follows, but its first cause is not the app's own callback: %v", causeIDs(m))
			}
			return
		}
	}
	t.Errorf("the app's own failure is no longer listed: %v", entryCodes(d))
}

// A 500 that carries no OAuth error stays a server error.
func TestPlainServerErrorStaysFirst(t *testing.T) {
	c := mustLoad(t)
	best, _ := c.Match(knowledge.Observation{Status: 500, Message: "Server Error"}).Best()
	if best.Entry == nil || best.Entry.Code != "server_error" {
		t.Errorf("first entry %v, want server_error", best.Entry)
	}
}

// A description that clearly names another entry's cause outranks the wire code: servers
// file reasons under invalid_request that the catalogue explains under invalid_grant.
func TestClearDescriptionOutranksTheWireCode(t *testing.T) {
	c := mustLoad(t)
	cases := []struct {
		obs          knowledge.Observation
		entry, cause string
	}{
		{knowledge.Observation{Endpoint: "token", Status: 400, Error: "invalid_request",
			Description: "supplied code_verifier failed verification against the challenge"}, "invalid_grant", "pkce_mismatch"},
		{knowledge.Observation{Endpoint: "token", Status: 400, Error: "invalid_request",
			Description: "this authorization code was consumed by an earlier request"}, "invalid_grant", "code_reused"},
		{knowledge.Observation{Status: 401, Text: "upstream: the bearer token expired an hour ago"}, "token_invalid", "token_expired"},
	}
	for _, tc := range cases {
		best, ok := c.Match(tc.obs).Best()
		if !ok || best.Entry.Code != tc.entry {
			t.Errorf("%q: entry %v, want %s", tc.obs.Description+tc.obs.Text, best.Entry, tc.entry)
			continue
		}
		if best.Undetermined || len(best.Causes) == 0 || best.Causes[0].Cause.ID != tc.cause {
			t.Errorf("%q: causes %v, want %s first", tc.obs.Description+tc.obs.Text, causeIDs(best), tc.cause)
		}
	}
}

func entryCodes(d knowledge.Diagnosis) []string {
	var out []string
	for _, m := range d.Entries {
		out = append(out, m.Entry.Code)
	}
	return out
}

// Words alone imply their entry less surely than the server's code with them, and a 401 or
// 403 the entry answers with backs them.
func TestWordsAloneImplyTheEntryLessSurely(t *testing.T) {
	c := mustLoad(t)
	words := knowledge.Observation{Text: "the bearer token expired an hour ago"}
	alone, _ := c.Match(words).Best()
	words.Status = 401
	backed, _ := c.Match(words).Best()
	coded, _ := c.Match(knowledge.Observation{Error: "invalid_token", Text: "the bearer token expired an hour ago"}).Best()
	for _, m := range []knowledge.EntryMatch{alone, backed, coded} {
		if m.Entry == nil || m.Entry.Code != "token_invalid" {
			t.Fatalf("entry %v, want token_invalid", m.Entry)
		}
	}
	if !(alone.Strength < backed.Strength && alone.Strength < coded.Strength) {
		t.Errorf("strength: words alone %.2f, with a 401 %.2f, with the code %.2f; want words alone the weakest",
			alone.Strength, backed.Strength, coded.Strength)
	}
}

package knowledge_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// nearEntry tells two causes apart only by near items: a subject and a predicate close
// together, as a server that words the reason its own way would say it.
const nearEntry = `code: beta
title: Beta
severity: low
summary: An entry.
appears_at: [token_endpoint]
http_status: [400]
vocabulary:
  - family: rfc
    errors: [beta_error]
    source: local
causes:
  - id: beta_spent
    text: The voucher was spent already.
    source: local
    signals:
      - when: {description: "cashier"}
        weight: 2
    vocabulary:
      - family: other
        near:
          - subject: [voucher, "gift card"]
            predicate: ["already spent", "cashed in", "redeem*"]
            within: 3
        source: local
  - id: beta_stale
    text: The ticket is stale.
    source: local
    vocabulary:
      - family: other
        near:
          - subject: [ticket]
            predicate: ["stale*", "past its date"]
            not_after: [lottery]
        source: local
steps:
  - id: fix_all
    text: Fix it.
    fixes: [beta_spent, beta_stale]
prevention: [Be careful.]
`

// A near item fires on any wording that puts its subject and predicate a few words apart,
// either order, and on nothing else: not too far apart, not across two fields, not when the
// word before the subject makes it another thing.
func TestNearReadsMeaningNotOneSentence(t *testing.T) {
	c := loadEntry(t, "beta", nearEntry)
	cases := []struct {
		name string
		obs  knowledge.Observation
		want string
	}{
		{"subject then predicate", knowledge.Observation{Description: "This voucher was already spent."}, "beta_spent"},
		{"predicate then subject", knowledge.Observation{Text: "refusing a cashed-in voucher"}, "beta_spent"},
		{"a prefix with a star", knowledge.Observation{Message: "gift card redeemable only once, and it was"}, "beta_spent"},
		{"a few words between", knowledge.Observation{Hint: "the voucher you sent is already spent"}, "beta_spent"},
		{"too far apart", knowledge.Observation{Error: "beta_error", Hint: "the voucher that you sent us yesterday morning is already spent"}, "(undetermined)"},
		{"never across two fields", knowledge.Observation{Error: "beta_error", Description: "bad voucher", Hint: "already spent"}, "(undetermined)"},
		{"the other cause, default distance", knowledge.Observation{Text: "ticket #42 is now stale"}, "beta_stale"},
		{"a word before the subject that makes it another thing", knowledge.Observation{Error: "beta_error", Text: "the lottery ticket went stale"}, "(undetermined)"},
		{"a word only starting like the predicate", knowledge.Observation{Error: "beta_error", Text: "ticket sta"}, "(undetermined)"},
		// A JSON body kept raw in a log's text: one member's value ends beside the next key.
		{"never across two JSON members", knowledge.Observation{Error: "beta_error", Message: "bad voucher",
			Text: `{"error":"beta_error","message":"bad voucher", "already_spent": false}`}, "(undetermined)"},
		{"after a number member", knowledge.Observation{Error: "beta_error", Text: `{"code": 7, "voucher": 12,"redeemed":true}`}, "(undetermined)"},
		{"inside one member", knowledge.Observation{Error: "beta_error", Text: `{"error":"beta_error","message":"this voucher, already spent, \"X\", again"}`}, "beta_spent"},
		{"a comma in prose before a quote", knowledge.Observation{Text: `the voucher, "already spent" it says`}, "beta_spent"},
	}
	for _, tc := range cases {
		if got := firstCause(t, c, tc.obs); got != tc.want {
			t.Errorf("%s: first cause %s, want %s", tc.name, got, tc.want)
		}
	}
	// The reason quotes the catalogue's words, never the paste's.
	best, _ := c.Match(knowledge.Observation{Text: "voucher XYZZY-SECRET already spent"}).Best()
	if len(best.Causes) == 0 || len(best.Causes[0].Signals) == 0 {
		t.Fatalf("no signal for the near match: %+v", best)
	}
	if says := best.Causes[0].Signals[0]; strings.Contains(strings.ToLower(says), "xyzzy") || !strings.Contains(says, "voucher") {
		t.Errorf("the reason %q should name the catalogue's words and nothing from the paste", says)
	}
}

// A cause's near item also names its entry when the paste has no error code at all.
func TestNearImpliesItsEntryWithoutACode(t *testing.T) {
	c := loadEntry(t, "beta", nearEntry)
	best, ok := c.Match(knowledge.Observation{Text: "checkout failed: voucher already spent"}).Best()
	if !ok || best.Entry.Code != "beta" {
		t.Fatalf("got %+v, want beta", best)
	}
	if best.Confidence >= 1 || best.Confidence <= 0 {
		t.Errorf("confidence %.2f, want a share between 0 and 1", best.Confidence)
	}
}

// Mistakes in a near item are refused at load with what would be right.
func TestNearMistakesAreRefused(t *testing.T) {
	swap := func(from, to string) string { return strings.Replace(nearEntry, from, to, 1) }
	cases := []struct{ name, body, want string }{
		{"no predicate", swap(`            predicate: ["already spent", "cashed in", "redeem*"]`+"\n", ""), "needs both a subject and a predicate"},
		{"too far", swap("within: 3", "within: 20"), "give 1 to 8 words"},
		{"a short prefix", swap(`"redeem*"`, `"re*"`), `a prefix before "*" needs 4 letters`},
		{"a star inside", swap(`"redeem*"`, `"re*deem"`), `a "*" may only end the phrase`},
		{"a two-letter word", swap(`[voucher, "gift card"]`, `[vo]`), `near phrase "vo" is too short`},
		{"punctuation only", swap(`[ticket]`, `["--"]`), `near phrase "--" has no letters or digits`},
		{"unknown key", swap("within: 3", "whithin: 3"), `unknown field "whithin"`},
	}
	for _, tc := range cases {
		_, err := knowledge.Load(fstest.MapFS{"cat/beta.yaml": {Data: []byte(tc.body)}}, "cat")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

// The shipped catalogue reads the common reasons however a server words them. The
// sentences are invented here, in the ways servers differ: the order of words, the verb.
func TestShippedNearVocabulary(t *testing.T) {
	c := mustLoad(t)
	cases := []struct {
		obs          knowledge.Observation
		entry, cause string
	}{
		{knowledge.Observation{Endpoint: "token", Error: "invalid_grant", Description: "authorization code was redeemed earlier"}, "invalid_grant", "code_reused"},
		{knowledge.Observation{Endpoint: "token", Error: "invalid_grant", Description: "the code you sent expired 3 minutes ago"}, "invalid_grant", "code_expired"},
		{knowledge.Observation{Endpoint: "token", Error: "invalid_grant", Description: "code_verifier did not match the stored challenge"}, "invalid_grant", "pkce_mismatch"},
		{knowledge.Observation{Endpoint: "token", Error: "invalid_grant", Description: "the refresh token has been rotated"}, "invalid_grant", "refresh_revoked"},
		{knowledge.Observation{Endpoint: "token", Error: "invalid_client", Description: "no such client in this realm"}, "invalid_client", "unknown_client"},
		{knowledge.Observation{Endpoint: "token", Error: "unauthorized_client", Description: "grant type client_credentials is not enabled for this app"}, "unauthorized_client", "grant_not_registered_for_client"},
		{knowledge.Observation{Endpoint: "api_user", Status: 401, Text: "JWT has expired 5 minutes ago"}, "token_invalid", "token_expired"},
		{knowledge.Observation{Endpoint: "token", Error: "invalid_scope", Description: "scope admin:all is not permitted for this application"}, "invalid_scope", "scope_not_allowed_for_client"},
		{knowledge.Observation{Endpoint: "authorize", Error: "invalid_request", Description: "code_challenge_method should be one of the supported ones"}, "invalid_request", "pkce_method_not_s256"},
	}
	for _, tc := range cases {
		best, ok := c.Match(tc.obs).Best()
		if !ok || best.Entry.Code != tc.entry {
			t.Errorf("%+v: entry %v, want %s", tc.obs, best.Entry, tc.entry)
			continue
		}
		if best.Undetermined || len(best.Causes) == 0 || best.Causes[0].Cause.ID != tc.cause {
			t.Errorf("%q: causes %v (undetermined %v), want %s first", tc.obs.Description+tc.obs.Text, causeIDs(best), best.Undetermined, tc.cause)
		}
	}
}

func causeIDs(m knowledge.EntryMatch) []string {
	var ids []string
	for _, cm := range m.Causes {
		ids = append(ids, cm.Cause.ID)
	}
	return ids
}

// Two causes with the same evidence are a tie the matcher must not settle by the order of
// the catalogue: the diagnosis says the cause is undetermined and lists both first.
func TestTiedCausesAreUndetermined(t *testing.T) {
	c := loadEntry(t, "beta", nearEntry)
	best, _ := c.Match(knowledge.Observation{Error: "beta_error", Hint: "voucher already spent", Text: "ticket gone stale"}).Best()
	if !best.Undetermined {
		t.Errorf("two causes with equal evidence: named %v, want undetermined", causeIDs(best))
	}
	if ids := causeIDs(best); len(ids) != 2 {
		t.Errorf("an undetermined entry lists every candidate, got %v", ids)
	}
	// More evidence for one of them settles it.
	best, _ = c.Match(knowledge.Observation{Error: "beta_error", Hint: "voucher already spent", Text: "ticket gone stale", Description: "the cashier refused it"}).Best()
	if best.Undetermined {
		t.Errorf("one cause has more evidence, yet the diagnosis is undetermined: %v", causeIDs(best))
	}
}

// An exception that carries its message has its words read like any text.
func TestExceptionMessageIsRead(t *testing.T) {
	c := loadEntry(t, "beta", nearEntry)
	if got := firstCause(t, c, knowledge.Observation{Exception: "CheckoutError: voucher already spent"}); got != "beta_spent" {
		t.Errorf("first cause %s, want beta_spent from the exception's message", got)
	}
}

package knowledge_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// A person's question has a reason's words as much as a server's statement; near items read
// statements only. A question mark that starts a URL's query ends no question.
func TestNearIgnoresQuestions(t *testing.T) {
	c := loadEntry(t, "beta", nearEntry)
	cases := []struct {
		name string
		obs  knowledge.Observation
		want string
	}{
		{"the guess alone", knowledge.Observation{Error: "beta_error", Text: "Could it be that the voucher was already spent? No idea."}, "(undetermined)"},
		{"a guess, then the server's statement", knowledge.Observation{Text: "Is the ticket stale? The server says: voucher already spent."}, "beta_spent"},
		{"a statement after a URL's query", knowledge.Observation{Text: "GET https://shop.test/pay?id=7 answered: voucher already spent"}, "beta_spent"},
		{"a statement ending the text", knowledge.Observation{Text: "we retried? no.\nthe voucher was already spent"}, "beta_spent"},
	}
	for _, tc := range cases {
		if got := firstCause(t, c, tc.obs); got != tc.want {
			t.Errorf("%s: first cause %s, want %s", tc.name, got, tc.want)
		}
	}
}

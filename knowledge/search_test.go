package knowledge_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func firstCode(rs []knowledge.SearchResult) string {
	if len(rs) == 0 {
		return ""
	}
	return rs[0].Entry.Code
}

// What people type finds the entry they mean first: a code, the server's words, a
// sentence about the problem, a typo of either, a code still being typed or abbreviated.
func TestSearchFindsTheEntryMeant(t *testing.T) {
	c := mustLoad(t)
	cases := map[string]string{
		"invalid_grant":                "invalid_grant",
		"Client authentication failed": "invalid_client",
		"refresh token revoked":        "invalid_grant",
		"Unauthenticated.":             "token_invalid",
		"invlid_grant":                 "invalid_grant", // a letter dropped
		"refersh":                      "invalid_grant", // two letters swapped
		"invalid_g":                    "invalid_grant", // still being typed
		"inv_gr":                       "invalid_grant", // a code's letters
	}
	for q, want := range cases {
		if got := firstCode(c.Search(q)); got != want {
			t.Errorf("search %q: first %q, want %q", q, got, want)
		}
	}
}

// Every word must be met somewhere; numbers are never typos of other numbers.
func TestSearchNeedsEveryWord(t *testing.T) {
	c := mustLoad(t)
	for _, q := range []string{"dns zzqqxx", "zzqqxx", "4011", "", "  ", "!!!"} {
		if rs := c.Search(q); len(rs) != 0 {
			t.Errorf("search %q found %d entries, first %s", q, len(rs), rs[0].Entry.Code)
		}
	}
}

// A result says why it matched, and its reasons add up to its score.
func TestSearchExplainsItsRanking(t *testing.T) {
	c := mustLoad(t)
	rs := c.Search("grant")
	i := slices.IndexFunc(rs, func(r knowledge.SearchResult) bool { return r.Entry.Code == "invalid_grant" })
	if i < 0 {
		t.Fatal(`"grant" does not find invalid_grant`)
	}
	h := rs[i].Hits[0]
	if h.Field != "code" || h.Word != "invalid_grant" || h.Kind != knowledge.Part || h.Term != "grant" {
		t.Errorf("best reason for invalid_grant: %+v", h)
	}
	if !strings.HasPrefix(rs[i].Why(), "code: invalid_grant") || !slices.Contains(rs[i].Matched, "code") {
		t.Errorf("why: %q, matched %v", rs[i].Why(), rs[i].Matched)
	}
	typo := c.Search("invlid_grant")[0]
	if !strings.Contains(typo.Why(), "~ invalid_grant (typo of invlid_grant)") || typo.Hits[0].Kind != knowledge.Typo {
		t.Errorf("a typo is not said to be one: %q", typo.Why())
	}
	// The cause named is the one the query describes, not the first that has a word of it.
	if r := c.Search("refresh token revoked")[0]; !slices.Contains(r.Matched, "cause refresh_revoked") {
		t.Errorf("refresh token revoked names %v", r.Matched)
	}
	status := c.Search("401")
	if !slices.Contains(status[0].Matched, "HTTP 401") {
		t.Errorf("401's first result does not say it matched the status: %v", status[0].Matched)
	}
	for _, q := range []string{"refresh token revoked", "token", "toke", "inv_gr", "Client authentication failed", "401 high"} {
		for _, r := range c.Search(q) {
			sum := 0.0
			for _, h := range r.Hits {
				sum += h.Score
			}
			if sum != r.Score {
				t.Errorf("search %q, %s: score %v, its reasons add up to %v", q, r.Entry.Code, r.Score, sum)
			}
		}
	}
}

// Rank is Search without the reasons: the same entries in the same order.
func TestRankIsSearchInTheSameOrder(t *testing.T) {
	c := mustLoad(t)
	for _, q := range []string{"token", "refresh token revoked", "40", "high", "invlid", "redirect uri"} {
		rs, r := c.Search(q), c.Rank(q)
		if r.Len() != len(rs) {
			t.Fatalf("search %q: %d results, rank %d", q, len(rs), r.Len())
		}
		for i := range rs {
			if r.Entry(i) != rs[i].Entry {
				t.Fatalf("search %q: result %d is %s, rank has %s", q, i, rs[i].Entry.Code, r.Entry(i).Code)
			}
			if i > 0 && rs[i].Score > rs[i-1].Score {
				t.Fatalf("search %q: result %d scores above the one before it", q, i)
			}
		}
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"refersh", "refresh", 1}, {"invlid_grant", "invalid_grant", 1}, {"kitten", "sitting", 3},
		{"", "abc", 3}, {"abc", "", 3}, {"same", "same", 0}, {"größe", "grösse", 2}, {"ab", "ba", 1},
	}
	for _, c := range cases {
		if got := knowledge.Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// FuzzSearch: any query is answered without a panic, best first, every reason naming a
// word of the query, the reasons adding up to the score.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"invalid_grant", "refresh token revoked", "inv_gr", "refersh", "4011", "\x00", "tok", "a b c d e f g"} {
		f.Add(q)
	}
	c := mustLoad(f)
	f.Fuzz(func(t *testing.T, q string) {
		rs := c.Search(q)
		lower := strings.ToLower(q)
		for i, r := range rs {
			if i > 0 && r.Score > rs[i-1].Score {
				t.Fatalf("%q: not best first at %d", q, i)
			}
			sum := 0.0
			for _, h := range r.Hits {
				sum += h.Score
				if !strings.Contains(lower, h.Term) && h.Kind != knowledge.Phrase {
					t.Fatalf("%q: a reason names %q, no word of the query", q, h.Term)
				}
			}
			if sum != r.Score || len(r.Hits) == 0 {
				t.Fatalf("%q, %s: score %v, reasons %v", q, r.Entry.Code, r.Score, r.Hits)
			}
			_ = r.Why()
		}
	})
}

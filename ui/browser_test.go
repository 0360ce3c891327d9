package ui

import (
	"fmt"
	"testing"
)

func codes(b browser) []string {
	out := make([]string, len(b.results))
	for i, e := range b.results {
		out[i] = e.Code
	}
	return out
}

func TestBrowserFiltersOverEveryColumn(t *testing.T) {
	cases := []struct {
		query string
		want  []string // codes, in order
	}{
		{"invalid_grant", []string{"invalid_grant"}},
		{"401", []string{"token_invalid", "invalid_client"}},         // HTTP status (and alias)
		{"unauthenticated", []string{"token_invalid"}},               // an alias and the server's message
		{"client authentication failed", []string{"invalid_client"}}, // the server's message
		{"high", []string{"dns_failure", "invalid_client"}},          // severity
		{"high 401", []string{"invalid_client"}},                     // severity and status together
		{"resolve", []string{"dns_failure"}},                         // the title
		{"nothing-matches-this", nil},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			m := testModel(t, 80, 24)
			m = send(t, m, press("4"), press("/"))
			m = send(t, m, typeText(c.query)...)
			got := codes(screenOf[browser](m, screenBrowser))
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Fatalf("filter %q lists %v, want %v", c.query, got, c.want)
			}
		})
	}
}

func TestBrowserNoMatchSaysWhatToTry(t *testing.T) {
	m := testModel(t, 80, 24)
	m = send(t, m, press("4"), press("/"))
	m = send(t, m, typeText("zzz")...)
	// ! No entry matches "zzz".
	// Try fewer words, a code (invalid_grant), a status (401), words of the server's ...
	mustContain(t, screenText(m), `No entry matches "zzz"`, "Try fewer words, a code (invalid_grant)")
}

func TestBrowserQWhileFilteringIsText(t *testing.T) {
	m := testModel(t, 80, 24)
	m = send(t, m, press("4"), press("/"))
	m, quit := sendQ(t, m, press("q"))
	if quit {
		t.Fatal("q quit while typing a filter")
	}
	if got := screenOf[browser](m, screenBrowser).filter.Value(); got != "q" {
		t.Fatalf("filter holds %q, want %q", got, "q")
	}
}

func TestBrowserEscClearsThenLeaves(t *testing.T) {
	m := testModel(t, 80, 24)
	m = send(t, m, keys("4 / d n s enter")...)
	if len(screenOf[browser](m, screenBrowser).results) != 1 || screenOf[browser](m, screenBrowser).filtering {
		t.Fatalf("after enter the filter should stay applied and unfocused: %v, filtering=%v", codes(screenOf[browser](m, screenBrowser)), screenOf[browser](m, screenBrowser).filtering)
	}
	m = send(t, m, press("esc"))
	if screenOf[browser](m, screenBrowser).query != "" || len(screenOf[browser](m, screenBrowser).results) != 4 {
		t.Fatalf("esc did not clear the filter: %q, %v", screenOf[browser](m, screenBrowser).query, codes(screenOf[browser](m, screenBrowser)))
	}
	m = send(t, m, press("esc"))
	if m.cur != screenHome {
		t.Fatalf("esc with no filter stayed on %v", m.cur)
	}
}

func TestBrowserNarrowOpensEntryOnEnterAndScrolls(t *testing.T) {
	m := testModel(t, 80, 24)
	m = send(t, m, keys("4 j j enter")...)
	if !screenOf[browser](m, screenBrowser).detail {
		t.Fatal("enter did not open the entry on a narrow terminal")
	}
	// mubarokah-doctor › Reference › invalid_grant
	// ...
	// invalid_grant  The code or refresh token was not accepted
	mustContain(t, screenText(m), "Reference › invalid_grant", "Likely causes")
	mustNotContain(t, screenText(m), "Resolution checklist")
	m = send(t, m, press("pgdown"))
	mustContain(t, screenText(m), "Resolution checklist")
	m = send(t, m, press("esc"))
	if screenOf[browser](m, screenBrowser).detail || m.cur != screenBrowser {
		t.Fatal("esc did not go back from the entry to the list")
	}
}

func TestBrowserWideShowsListAndEntryTogether(t *testing.T) {
	m := testModel(t, 160, 48)
	m = send(t, m, keys("4 j")...)
	got := screenText(m)
	// › invalid_client  high  401  The token endpoint ... │ invalid_client  The token endpoint refused ...
	mustContain(t, got, "dns_failure", "token_invalid", "│", "Resolution checklist", "Client authentication failed"[:0])
	mustContain(t, got, "Compare the configured client_id")
}

func TestBrowserJumpsToRelatedAndBack(t *testing.T) {
	m := testModel(t, 80, 24)
	m = send(t, m, keys("4 j j enter r")...) // invalid_grant, related: invalid_client, token_invalid
	// Jump to: 1 invalid_client  2 token_invalid  (esc cancels)
	mustContain(t, screenText(m), "Jump to:", "1 invalid_client", "2 token_invalid")
	m = send(t, m, press("2"))
	if e := screenOf[browser](m, screenBrowser).selected(); e == nil || e.Code != "token_invalid" {
		t.Fatalf("jumped to %v, want token_invalid", e)
	}
	m = send(t, m, press("esc"))
	if e := screenOf[browser](m, screenBrowser).selected(); e == nil || e.Code != "invalid_grant" {
		t.Fatalf("esc after a jump went to %v, want back to invalid_grant", e)
	}
}

func TestBrowserWorksWithoutNetworkOrSettings(t *testing.T) {
	m := testModel(t, 80, 24, func(o *Options) { o.Config = nil; o.Graph = nil })
	m = send(t, m, keys("4 enter")...)
	mustContain(t, screenText(m), "dns_failure", "Check MUBAROKAH_BASE_URL")
}

// The filter is the search command's ranking: the same entries in the same order, typos
// and codes still being typed included, and the status line says why the one under the
// cursor matched.
func TestBrowserListsWhatSearchFinds(t *testing.T) {
	cat := testCatalogue(t)
	for _, q := range []string{"token", "401", "high", "grant", "invlid_grant", "refresh token", "inv_gr", "toke"} {
		m := testModel(t, 80, 24)
		m = send(t, m, press("4"), press("/"))
		m = send(t, m, typeText(q)...)
		var want []string
		for _, r := range cat.Search(q) {
			want = append(want, r.Entry.Code)
		}
		if got := codes(screenOf[browser](m, screenBrowser)); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("filter %q lists %v, search %v", q, got, want)
		}
	}
	m := testModel(t, 80, 24)
	m = send(t, m, press("4"), press("/"))
	m = send(t, m, typeText("invlid_grant")...)
	// 1 of 4 entries · matched code, prevention ~ invalid_grant (typo of invlid_grant) …
	mustContain(t, screenText(m), "matched code", "~ invalid_grant (typo of invlid_grant")
}

// A list longer than its window says which rows show and that more are below or above.
func TestBrowserListSaysWhereItStands(t *testing.T) {
	m := testModel(t, 60, 16, func(o *Options) { o.Catalogue = builtinCatalogue(t) })
	m = send(t, m, press("4"))
	n := len(m.sh.cat.Entries)
	mustContain(t, screenText(m), fmt.Sprintf("1-%d of %d entries ↓", screenOf[browser](m, screenBrowser).listHeight(m.sh), n))
	m = send(t, m, press("G"))
	mustContain(t, screenText(m), fmt.Sprintf("of %d entries ↑", n))
}

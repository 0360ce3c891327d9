package ui

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

func probeFail() probe.Result {
	return probe.Result{Name: "Client authentication", Status: probe.Fail, Summary: "refused", Obs: invalidClientObs()}
}

// toResult walks the test flow to a result: the refresh token refused.
var toResult = keys("1 1 1 2 2")

// From a result there is a way home and a way to a new session; a session under way is
// dropped only on a second n, which says so first.
func TestResultLeadsHomeOrToANewSession(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, toResult...)
	mustContain(t, screenText(m), "invalid_grant")
	home := send(t, m, press("m"))
	if home.cur != screenHome {
		t.Fatalf("m on a result went to %s, not home", home.cur)
	}
	// Home keeps the session: diagnose resumes it.
	mustContain(t, screenText(send(t, home, press("1"))), "invalid_grant")

	m = send(t, m, press("n"))
	if w := screenOf[wizard](m, screenWizard); len(w.state.Steps) == 0 {
		t.Fatal("one n dropped a session under way without a word")
	}
	mustContain(t, screenText(m), "n again starts a new session")
	m = send(t, m, press("n"))
	if w := screenOf[wizard](m, screenWizard); len(w.state.Steps) != 0 {
		t.Fatalf("n n did not start a new session: %d steps", len(w.state.Steps))
	}
	// Any other key disarms it.
	m = send(t, testModel(t, 80, 24, withGraph(t)), toResult...)
	m = send(t, m, keys("n j n")...)
	if w := screenOf[wizard](m, screenWizard); len(w.state.Steps) == 0 {
		t.Fatal("n, another key, n dropped the session")
	}
}

// The escalate screen says where to get help, not only that one should.
func TestEscalateSaysWhereToGetHelp(t *testing.T) {
	m := testModel(t, 100, 40, withGraph(t))
	m = send(t, m, toResult...)
	m = send(t, m, keys("enter enter 3")...)
	mustContain(t, screenText(m), "Escalate", "Where to get help", "hey@mubarokah.com", "https://s.id/023w4",
		"https://docs-accounts.mubarokah.com/kb/knowledgebase")
	m = send(t, m, press("n"))
	if w := screenOf[wizard](m, screenWizard); len(w.state.Steps) != 0 {
		t.Fatal("n on the escalate screen did not start a new session at once")
	}
}

// g and G go to the top and the bottom of a result and of an entry in the reference; the
// status line says which lines show, never a percentage that reads as progress.
func TestTopAndBottomInResultAndEntry(t *testing.T) {
	m := testModel(t, 60, 16, withGraph(t))
	m = send(t, m, toResult...)
	mustNotContain(t, screenText(m), "%")
	mustContain(t, screenText(m), "lines 1-")
	m = send(t, m, press("G"))
	if !screenOf[wizard](m, screenWizard).result.vp.AtBottom() {
		t.Fatal("G did not reach the bottom of the result")
	}
	mustContain(t, screenText(m), "Prevention")
	m = send(t, m, press("g"))
	if vp := screenOf[wizard](m, screenWizard).result.vp; vp.YOffset() != 0 {
		t.Fatal("g did not go back to the top")
	}

	// The report says which of its lines show, too.
	r := send(t, m, press("w"))
	mustContain(t, screenText(r), "Markdown, no secrets · lines 1-")

	b := send(t, testModel(t, 60, 16, withGraph(t)), keys("4 j enter")...)
	if !screenOf[browser](b, screenBrowser).detail {
		t.Fatal("enter did not open the entry")
	}
	mustNotContain(t, screenText(b), "%")
	b = send(t, b, press("G"))
	if !screenOf[browser](b, screenBrowser).vp.AtBottom() {
		t.Fatal("G did not reach the bottom of the entry")
	}
	b = send(t, b, press("g"))
	if vp := screenOf[browser](b, screenBrowser).vp; vp.YOffset() != 0 {
		t.Fatal("g did not reach the top of the entry")
	}
}

// Where a re-test is offered, o opens the settings, and esc comes back to the result.
func TestSettingsOpenFromAResultWithARetest(t *testing.T) {
	f := &fakeProber{}
	f.set("client_auth", probeFail())
	m := testModel(t, 100, 30, withLive(t, f))
	m = send(t, m, keys("1 1 1 1 enter")...)
	if !screenOf[wizard](m, screenWizard).result.canRetest {
		t.Fatalf("no re-test is offered on this result:\n%s", screenText(m))
	}
	mustContain(t, screenText(send(t, m, press("?"))), "o     settings")
	m = send(t, m, press("o"))
	if m.cur != screenSettings {
		t.Fatalf("o went to %s", m.cur)
	}
	m = send(t, m, press("esc"))
	if m.cur != screenWizard || !strings.Contains(screenText(m), "invalid_client") {
		t.Fatalf("esc from settings did not return to the result:\n%s", screenText(m))
	}
}

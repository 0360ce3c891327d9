package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

func TestQuestionsComeOneAtATimeWithABreadcrumb(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("1"))
	// mubarokah-doctor › Step 2 · B · error type
	//
	// What type of error is it?
	// › 1  HTTP 4xx client error (400, 401, 403)
	//   2  Network error (timeout, DNS)
	mustContain(t, screenText(m), "Step 2 · B · error type", "What type of error is it?", "› 1  HTTP 4xx")
	mustNotContain(t, screenText(m), "Where does the error appear?")

	m = send(t, m, press("j"))
	mustContain(t, screenText(m), "› 2  Network error")
	m = send(t, m, press("k"), press("down"), press("enter"))
	if screenOf[wizard](m, screenWizard).state.Node != "E" {
		t.Fatalf("arrows and enter chose %s, want E (network)", screenOf[wizard](m, screenWizard).state.Node)
	}
	m = send(t, m, press("esc"), press("1"))
	if screenOf[wizard](m, screenWizard).state.Node != "C" {
		t.Fatalf("a number chose %s, want C", screenOf[wizard](m, screenWizard).state.Node)
	}
	mustContain(t, screenText(m), "Step 3 · C · client-side checks")
}

func TestEscGoesBackAStepAndHomeAtTheStart(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, keys("1 1 1")...)
	if screenOf[wizard](m, screenWizard).state.Node != "C1" {
		t.Fatalf("at %s, want C1", screenOf[wizard](m, screenWizard).state.Node)
	}
	m = send(t, m, press("esc"))
	if screenOf[wizard](m, screenWizard).state.Node != "C" || screenOf[wizard](m, screenWizard).cursor != 0 {
		t.Fatalf("esc went to %s, want C", screenOf[wizard](m, screenWizard).state.Node)
	}
	m = send(t, m, press("esc"), press("esc"), press("esc"))
	if m.cur != screenHome {
		t.Fatalf("esc at the first step stayed on %v", m.cur)
	}
}

func TestHistoryUndoesBackToAnEarlierStep(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, keys("1 1 1 2")...) // B 4xx, C token, C1 invalid_grant -> C2
	m = send(t, m, press("h"))
	// Steps so far  choose one to undo the walk back to it
	//  1 · A · Paste what you have, or skip. › answering questions instead
	//  2 · B · What type of error is it? › HTTP 4xx client error (400, 401, 403)
	//  3 · C · Where does the error appear? › The token endpoint (POST /oauth/token)
	//  4 · C1 · Which error does the token endpoint answer? › invalid_grant
	mustContain(t, screenText(m), "Steps so far", "2 · B · What type of error is it?", "4 · C1 ·")
	m = send(t, m, press("k"), press("k"), press("enter")) // step 2
	if screenOf[wizard](m, screenWizard).state.Node != "B" || len(screenOf[wizard](m, screenWizard).state.Steps) != 1 {
		t.Fatalf("undo to step 2 left the walk at %s after %d steps", screenOf[wizard](m, screenWizard).state.Node, len(screenOf[wizard](m, screenWizard).state.Steps))
	}
	mustContain(t, screenText(m), "Undone back to step 2 (B)")
}

func TestEmptyPasteSkipsTheStep(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("2"), press("ctrl+d"))
	if screenOf[wizard](m, screenWizard).state.Node != "B" {
		t.Fatalf("ctrl+d with nothing pasted went to %s, want B", screenOf[wizard](m, screenWizard).state.Node)
	}
	if st := screenOf[wizard](m, screenWizard).state.Steps[0]; st.Answer != "skipped" {
		t.Fatalf("step 1 answered %q, want skipped", st.Answer)
	}
}

func TestPastedEvidenceAnswersQuestionsAndSaysSo(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	paste := "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n" +
		`{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`
	m = send(t, m, press("2"), tea.PasteMsg{Content: paste})
	mustContain(t, screenText(m), "Pasted: 4 lines")
	m = send(t, m, press("ctrl+d"))
	// The status answered "what type of error" without asking.
	if screenOf[wizard](m, screenWizard).state.Node != "C" {
		t.Fatalf("after the paste the walk is at %s, want C", screenOf[wizard](m, screenWizard).state.Node)
	}
	mustContain(t, screenText(m), "answered by the evidence")
}

// A paste is read off the update loop; its answer is dropped when the person has moved on
// (esc back, another paste read first), so it never answers a step it was not given at.
func TestPasteReadAfterMovingOnIsDropped(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("2"), tea.PasteMsg{Content: `{"error":"invalid_client"}`})
	nm, cmd := m.Update(press("ctrl+d"))
	m = nm.(Model)
	if cmd == nil || screenOf[wizard](m, screenWizard).state.Node != "A" {
		t.Fatalf("ctrl+d should start reading the paste and stay at A until it is read; at %s", screenOf[wizard](m, screenWizard).state.Node)
	}
	m = send(t, m, runCmd(cmd, timeoutSoon())...)
	if screenOf[wizard](m, screenWizard).state.Node == "A" {
		t.Fatal("the paste, once read, should move the walk on from A")
	}

	// Back at A, read again, but the person leaves the step (esc, esc) before the answer.
	m = send(t, m, press("esc"))
	if screenOf[wizard](m, screenWizard).state.Node != "A" {
		t.Fatalf("esc should go back to A, not %s", screenOf[wizard](m, screenWizard).state.Node)
	}
	m = send(t, m, tea.PasteMsg{Content: `{"error":"invalid_client"}`})
	nm, cmd = m.Update(press("ctrl+d"))
	m = send(t, nm.(Model), press("esc"), press("esc"))
	m = send(t, m, runCmd(cmd, timeoutSoon())...)
	if screenOf[wizard](m, screenWizard).state.Node != "A" || len(screenOf[wizard](m, screenWizard).state.Steps) != 0 {
		t.Fatalf("a paste read after leaving the step moved the walk to %s (%d steps)", screenOf[wizard](m, screenWizard).state.Node, len(screenOf[wizard](m, screenWizard).state.Steps))
	}
}

func TestPasteOverTheLimitIsRefusedWithTheLimit(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	big := strings.Repeat("x", evidence.MaxInput+1)
	m = send(t, m, press("2"), tea.PasteMsg{Content: big})
	if screenOf[wizard](m, screenWizard).paste.pasted != "" {
		t.Fatal("an oversize paste was kept")
	}
	// ✗ Paste not taken: the input is 1.0 MiB; the limit is 1 MiB. Paste only the part ...
	mustContain(t, screenText(m), "Paste not taken", "limit is 1 MiB")
}

func TestPastePreviewMasksSecrets(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("2"), tea.PasteMsg{Content: "GET /api/user HTTP/1.1\nAuthorization: Bearer " + testToken + "\n"})
	mustContain(t, screenText(m), "Pasted: 2 lines")
	mustNotContain(t, screenText(m), testToken, testToken[:40])
}

func TestCheckFormNeverEchoesASecret(t *testing.T) {
	for _, present := range []bool{false, true} {
		m := testModel(t, 80, 24, withGraph(t), func(o *Options) { o.Present = present })
		m = send(t, m, keys("1 1 2")...) // B 4xx, C api -> C3 (token check)
		if screenOf[wizard](m, screenWizard).state.Node != "C3" {
			t.Fatalf("at %s, want the check C3", screenOf[wizard](m, screenWizard).state.Node)
		}
		m = send(t, m, tea.PasteMsg{Content: testToken})
		if got := screenOf[wizard](m, screenWizard).form.values()["token"]; got != testToken {
			t.Fatalf("the token input holds %q", got)
		}
		mustNotContain(t, screenText(m), testToken[:12], testToken[len(testToken)-12:])
		if present {
			mustContain(t, screenText(m), fmt.Sprintf("set (%d chars)", len(testToken)))
		}
	}
}

func TestLiveCheckRunsAndMovesOn(t *testing.T) {
	f := &fakeProber{}
	f.set(probe.IDClientAuth, probe.Result{Name: "Client authentication", Status: probe.Fail,
		Summary: "both ways refused", Obs: invalidClientObs()})
	m := testModel(t, 80, 24, withLive(t, f))
	m = send(t, m, keys("1 1 1 1")...) // -> C1P, the client_auth probe
	// Live check: client_auth  Client authentication (body and HTTP Basic)
	// enter runs it · s skips it
	mustContain(t, screenText(m), "Live check: client_auth", "enter runs it")
	m = send(t, m, press("enter"))
	if got := f.called(); len(got) != 1 || got[0] != probe.IDClientAuth {
		t.Fatalf("probes run: %v", got)
	}
	if screenOf[wizard](m, screenWizard).state.Node != "R_client" {
		t.Fatalf("after the probe the walk is at %s, want R_client", screenOf[wizard](m, screenWizard).state.Node)
	}
	mustContain(t, screenText(m), "✗ fail Client authentication: both ways refused", "invalid_client")
}

func TestCancelledLiveCheckIgnoresItsLateAnswer(t *testing.T) {
	f := &fakeProber{}
	m := testModel(t, 80, 24, withLive(t, f))
	m = send(t, m, keys("1 1 1 1")...)
	// Start the check but hold its command back, as if the network were slow.
	nm, cmd := m.Update(press("enter"))
	m = nm.(Model)
	if !screenOf[wizard](m, screenWizard).live.running {
		t.Fatal("enter did not start the live check")
	}
	mustContain(t, screenText(m), "Running", "esc cancels")
	m = send(t, m, press("esc"))
	if screenOf[wizard](m, screenWizard).live.running {
		t.Fatal("esc did not cancel the running check")
	}
	late := runCmd(cmd, timeoutSoon())
	m = send(t, m, late...)
	if screenOf[wizard](m, screenWizard).state.Node != "C1P" || len(screenOf[wizard](m, screenWizard).state.Steps) != 4 {
		t.Fatalf("a cancelled check's answer moved the walk to %s", screenOf[wizard](m, screenWizard).state.Node)
	}
	// A second run is answered normally.
	m = send(t, m, press("enter"))
	if screenOf[wizard](m, screenWizard).state.Node != "R_client" {
		t.Fatalf("the second run left the walk at %s", screenOf[wizard](m, screenWizard).state.Node)
	}
}

func TestStaleAnswerFromAnEarlierStepIsDropped(t *testing.T) {
	f := &fakeProber{}
	m := testModel(t, 80, 24, withLive(t, f))
	m = send(t, m, keys("1 1 1 1")...)
	nm, cmd := m.Update(press("enter"))
	m = nm.(Model)
	m = send(t, m, press("esc"), press("esc")) // cancel, then back to C1
	msgs := runCmd(cmd, timeoutSoon())
	for _, msg := range msgs {
		if d, ok := msg.(probeDoneMsg); ok {
			d.result.Status = probe.Pass // even a fine-looking answer
			m = send(t, m, d)
		}
	}
	if screenOf[wizard](m, screenWizard).state.Node != "C1" {
		t.Fatalf("a stale answer moved the walk from C1 to %s", screenOf[wizard](m, screenWizard).state.Node)
	}
}

func TestSpendingACodeAsksFirst(t *testing.T) {
	f := &fakeProber{}
	m := testModel(t, 80, 24, withLive(t, f))
	m = send(t, m, keys("1 1 1 2 1")...) // -> C2P, the code exchange
	if screenOf[wizard](m, screenWizard).state.Node != "C2P" {
		t.Fatalf("at %s, want C2P", screenOf[wizard](m, screenWizard).state.Node)
	}
	m = send(t, m, press("enter"))
	// ! Exchanging the code uses it up: your application cannot exchange it afterwards.
	// Run it anyway? y to run, n to keep it
	mustContain(t, screenText(m), "uses it up", "Run it anyway?")
	m = send(t, m, press("n"))
	if len(f.called()) != 0 {
		t.Fatal("the code was exchanged after the person said no")
	}
	m = send(t, m, press("enter"), press("y"))
	if got := f.called(); len(got) != 1 || got[0] != probe.IDCodeExchange {
		t.Fatalf("probes run: %v", got)
	}
	if !f.cfgs[0].Allows(probe.IDCodeExchange) {
		t.Fatal("the consent given on screen did not reach the probe")
	}
}

func TestProbeThatCannotRunSaysWhyAndSkips(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t)) // no credentials
	m = send(t, m, keys("1 1 1 1")...)
	// ! Cannot run: needs a client id and secret (MUBAROKAH_CLIENT_ID, ...
	mustContain(t, screenText(m), "Cannot run: needs a client id and secret")
	m = send(t, m, press("enter"))
	if screenOf[wizard](m, screenWizard).state.Node != "R_client" {
		t.Fatalf("enter did not skip to the result: at %s", screenOf[wizard](m, screenWizard).state.Node)
	}
	last := screenOf[wizard](m, screenWizard).state.Checks[len(screenOf[wizard](m, screenWizard).state.Checks)-1]
	if last.Status != "skip" || !strings.Contains(last.Summary, "client id and secret") {
		t.Fatalf("the skip was recorded as %+v", last)
	}
}

func TestChecklistTicksWithSpaceAndCountsProgress(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, keys("1 1 1 2 2")...) // -> R_refresh
	if screenOf[wizard](m, screenWizard).state.Node != "R_refresh" {
		t.Fatalf("at %s, want R_refresh", screenOf[wizard](m, screenWizard).state.Node)
	}
	mustContain(t, screenText(m), "0/2 done", "[ ] 1. Send the user through")
	m = send(t, m, press("space"))
	mustContain(t, screenText(m), "1/2 done", "[✓] 1. Send the user through")
	m = send(t, m, press("j"), press("space"), press("k"), press("space"))
	mustContain(t, screenText(m), "1/2 done", "[ ] 1.", "[✓] 2.")
	if !m.unsaved() {
		t.Fatal("ticks are work a quit would lose")
	}
}

func TestTestingTheFixReRunsTheLiveCheck(t *testing.T) {
	f := &fakeProber{}
	f.set(probe.IDClientAuth, probe.Result{Name: "Client authentication", Status: probe.Fail,
		Summary: "refused", Obs: invalidClientObs()})
	m := testModel(t, 80, 24, withLive(t, f))
	m = send(t, m, keys("1 1 1 1 enter")...) // probe fails -> R_client
	m = send(t, m, press("enter"))           // -> FIX
	if screenOf[wizard](m, screenWizard).state.Node != "FIX" {
		t.Fatalf("at %s, want FIX", screenOf[wizard](m, screenWizard).state.Node)
	}
	f.set(probe.IDClientAuth, probe.Result{Name: "Client authentication", Status: probe.Pass, Summary: "accepted"})
	m = send(t, m, press("t"))
	// Test of the fix: ✓ pass Client authentication: accepted
	mustContain(t, screenText(m), "Test of the fix: ✓ pass Client authentication: accepted")
	m = send(t, m, press("enter")) // -> TEST, with "Fixed" suggested
	if screenOf[wizard](m, screenWizard).state.Node != "TEST" || screenOf[wizard](m, screenWizard).cursor != 0 {
		t.Fatalf("at %s with cursor %d, want TEST with Fixed chosen", screenOf[wizard](m, screenWizard).state.Node, screenOf[wizard](m, screenWizard).cursor)
	}

	f.set(probe.IDClientAuth, probe.Result{Name: "Client authentication", Status: probe.Fail, Summary: "refused"})
	m = send(t, m, press("esc"), press("t"), press("enter"))
	if screenOf[wizard](m, screenWizard).cursor == 0 {
		t.Fatal("a failed re-test still suggested Fixed")
	}
	mustContain(t, screenText(m), "› 2  Not fixed")
}

func TestEndsOfTheWalk(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, keys("1 2 1 enter enter 1")...) // network -> dns result -> fix -> test: fixed
	if !screenOf[wizard](m, screenWizard).state.Done() || screenOf[wizard](m, screenWizard).state.Status != flow.Solved {
		t.Fatalf("walk at %s, status %s", screenOf[wizard](m, screenWizard).state.Node, screenOf[wizard](m, screenWizard).state.Status)
	}
	mustContain(t, screenText(m), "✓ Solved", "w write report", "n new session")
	m = send(t, m, press("n"))
	if screenOf[wizard](m, screenWizard).started() {
		t.Fatal("n did not start a new session")
	}

	m = send(t, m, keys("esc 1 2 1 enter enter 3")...) // escalate
	if screenOf[wizard](m, screenWizard).state.Status != flow.Escalated {
		t.Fatalf("walk status %s, want escalated", screenOf[wizard](m, screenWizard).state.Status)
	}
	mustContain(t, screenText(m), "Escalate to Mubarokah ID support", "no secrets")
}

func TestFlowMissingStillLeavesTheReference(t *testing.T) {
	m := testModel(t, 80, 24) // no graph
	m = send(t, m, press("1"))
	mustContain(t, screenText(m), "could not be loaded", "reference browser still works")
	m = send(t, m, press("esc"), press("4"))
	if m.cur != screenBrowser {
		t.Fatalf("on %v, want the browser", m.cur)
	}
}

func TestResultReachedByEvidenceKeepsItsNoteAndStatusLine(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("2"), tea.PasteMsg{Content: `{"error":"invalid_grant","hint":"Authorization code has expired"}`}, press("ctrl+d"))
	if screenOf[wizard](m, screenWizard).state.Node != "R_code" {
		t.Fatalf("the hint did not lead to R_code: at %s", screenOf[wizard](m, screenWizard).state.Node)
	}
	// • step 1 (A): evidence names invalid_grant, cause code_expired: the hint says ...
	// ...
	// Checklist 0/3 done · 0% · pgdn for more
	mustContain(t, screenText(m), "evidence names invalid_grant, cause code_expired", "Checklist 0/3 done ·", "ranked by the evidence")
}

func TestHelpNeverOffersQToQuitWhileTyping(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("2"))
	mustContain(t, screenText(m), "ctrl+c quit")
	mustNotContain(t, screenText(m), "q quit")
}

func TestPastePreviewCannotControlTheTerminal(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("2"), tea.PasteMsg{Content: "HTTP/1.1 401 Unauthorized\r\nX-Evil: \x1b[2J\x1b]0;owned\x07gone\r\n"})
	raw := m.View().Content
	for _, bad := range []string{"\x1b[2J", "\x1b]0;", "\r"} {
		if strings.Contains(raw, bad) {
			t.Fatalf("the preview passes %q through to the terminal", bad)
		}
	}
	// Whole sequences go, not just their ESC: the title "owned" is no text of the paste.
	mustContain(t, screenText(m), "Pasted: 2 lines", "X-Evil: gone")
	mustNotContain(t, screenText(m), "owned", "[2J")
}

func TestRelatedEntryOpensInTheReferenceAndEscReturns(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, keys("1 1 1 2 2 r")...) // R_refresh, then its entry in the reference
	if m.cur != screenBrowser {
		t.Fatalf("r opened %v, want the reference", m.cur)
	}
	if e := screenOf[browser](m, screenBrowser).selected(); e == nil || e.Code != "invalid_grant" {
		t.Fatalf("the reference shows %v, want invalid_grant", e)
	}
	mustContain(t, screenText(m), "Reference › invalid_grant")
	m = send(t, m, press("esc"), press("esc"))
	if m.cur != screenWizard || screenOf[wizard](m, screenWizard).state.Node != "R_refresh" {
		t.Fatalf("esc went to %v at %s, want back to the result", m.cur, screenOf[wizard](m, screenWizard).state.Node)
	}
}

func TestReTestShowsWhatRunsAndCanBeCancelled(t *testing.T) {
	f := &fakeProber{}
	f.set(probe.IDClientAuth, probe.Result{Name: "Client authentication", Status: probe.Fail, Summary: "refused", Obs: invalidClientObs()})
	m := testModel(t, 80, 24, withLive(t, f))
	m = send(t, m, keys("1 1 1 1 enter enter")...) // -> FIX
	nm, cmd := m.Update(press("t"))
	m = nm.(Model)
	// ⣾ Re-running Client authentication (body and HTTP Basic)… (esc cancels)
	mustContain(t, screenText(m), "Re-running Client authentication", "esc cancels")
	m = send(t, m, press("esc"))
	m = send(t, m, runCmd(cmd, timeoutSoon())...)
	if screenOf[wizard](m, screenWizard).retest != nil || screenOf[wizard](m, screenWizard).state.Node != "FIX" {
		t.Fatal("a cancelled re-test still reported")
	}
}

// A key typed into a long masked field must show: the dots alone fill the field either way.
func TestMaskedFieldShowsItsLength(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, keys("1 1 2")...) // -> C3, the token check
	m = send(t, m, tea.PasteMsg{Content: testToken})
	mustContain(t, screenText(m), fmt.Sprintf("· %d chars", len(testToken)))
	m = send(t, m, typeText("ws")...)
	mustContain(t, screenText(m), fmt.Sprintf("· %d chars", len(testToken)+2))
	mustNotContain(t, screenText(m), testToken[:12])
}

// At 80 columns the severity line of token_invalid is long; "HTTP 401" must stay together
// rather than leave the status alone on the next line.
func TestResultKeepsTheHTTPStatusWithItsLabel(t *testing.T) {
	m := testModel(t, 80, 24, withBuiltin(t))
	m = send(t, m, keys("1 1 3 1")...) // 4xx, an API call, 401 -> the token check
	m = send(t, m, press("ctrl+d"), press("1"))
	if screenOf[wizard](m, screenWizard).state.Result == nil {
		t.Fatalf("no result; at %s", screenOf[wizard](m, screenWizard).state.Node)
	}
	screen := screenText(m)
	mustContain(t, screen, "HTTP 401")
	for _, line := range strings.Split(screen, "\n") {
		if strings.TrimSpace(line) == "401" {
			t.Errorf("the status stands alone on a line:\n%s", screen)
		}
	}
}

func TestEscOnAPasteWithTextAsksBeforeDroppingIt(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("2"), tea.PasteMsg{Content: `{"error":"invalid_grant"}`})
	m = send(t, m, press("esc"))
	if m.cur != screenWizard || screenOf[wizard](m, screenWizard).paste.pasted == "" {
		t.Fatal("the first esc dropped the paste")
	}
	mustContain(t, screenText(m), "esc again leaves this step")
	m = send(t, m, press("esc"))
	if m.cur != screenHome {
		t.Fatalf("the second esc stayed on %v, want home", m.cur)
	}
}

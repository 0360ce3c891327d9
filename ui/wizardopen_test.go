package ui

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// withSandbox points the wizard at an in-process sandbox playing the faults, with the
// sandbox's own client, and the real prober.
func withSandbox(t *testing.T, faults ...string) func(*Options) {
	srv, err := sandbox.New(sandbox.Options{Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	builtin := withBuiltin(t)
	return func(o *Options) {
		// The real catalogue and flow: the sandbox answers as the provider does.
		builtin(o)
		cfg := config.Default()
		cfg.BaseURL = ts.URL
		cfg.ClientID, cfg.ClientSecret = srv.Client().ID, srv.Client().Secret
		cfg.RedirectURI = sandbox.DemoRedirectURI
		cfg.Timeout = 5 * time.Second
		o.Config = &cfg
		o.Prober = &probe.Prober{}
		o.Now = time.Now // the clock check compares with the sandbox's Date header
	}
}

// TestLiveChecksThenDiagnoseKeepsTheirVerdict is the reported bug, on the screens: the
// live checks against a sandbox with a wrong secret suspect the secret; diagnosing from
// there must not run the check again nor ask about the client_id, and must rank
// wrong_secret first.
func TestLiveChecksThenDiagnoseKeepsTheirVerdict(t *testing.T) {
	m := testModel(t, 120, 40, withSandbox(t, sandbox.FaultWrongSecret))
	m = send(t, m, press("3"), press("enter"))
	m = selectCheck(t, m, probe.IDClientAuth)
	mustContain(t, screenText(m), "most likely wrong_secret")
	m = send(t, m, press("enter"))
	w := screenOf[wizard](m, screenWizard)
	for _, st := range w.state.Steps {
		if (st.Kind == flow.KindProbe || st.Kind == flow.KindQuestion) && !st.Auto {
			t.Errorf("step %d (%s) was not answered by the live checks", st.Number, st.Node)
		}
	}
	d, ok := w.g.Diagnose(w.state)
	if !ok || d.Causes[0].Cause.ID != "wrong_secret" {
		t.Fatalf("at %s the diagnosis is %+v, want wrong_secret first", w.state.Node, d.Causes)
	}
	mustContain(t, screenText(m), "wrong_secret")
}

// TestStaleRetestDoesNotPresetALaterQuestion: a re-test that failed suggests "not fixed"
// at the Test question; after an undo to before it, the next Test question starts on the
// first choice again.
func TestStaleRetestDoesNotPresetALaterQuestion(t *testing.T) {
	m := testModel(t, 120, 40, withSandbox(t, sandbox.FaultWrongSecret))
	m = send(t, m, press("3"), press("enter"))
	m = selectCheck(t, m, probe.IDClientAuth)
	m = send(t, m, press("enter"))
	w := screenOf[wizard](m, screenWizard)
	if w.retestID() == "" {
		t.Fatal("no live check to re-run at the result")
	}
	// Re-run the check at the result (it fails: the secret is still wrong), then go on
	// through the fix to the Test question.
	m = send(t, m, press("t"))
	w = screenOf[wizard](m, screenWizard)
	if w.retest == nil || w.retest.status != probe.Fail {
		t.Fatalf("re-test = %+v, want a failed re-run", w.retest)
	}
	for screenOf[wizard](m, screenWizard).state.Node != "Test" {
		before := screenOf[wizard](m, screenWizard).state.Node
		m = send(t, m, press("enter"))
		if screenOf[wizard](m, screenWizard).state.Node == before {
			t.Fatalf("enter does not move on from %s", before)
		}
	}
	w = screenOf[wizard](m, screenWizard)
	if n := w.node(); n.Choices[w.cursor].ID == "fixed" {
		t.Fatalf("after a failed re-test the cursor is on %q", n.Choices[w.cursor].ID)
	}
	// Back at the result where it ran, the re-test still shows: it is that state's.
	m = send(t, m, press("esc"), press("esc"))
	if w = screenOf[wizard](m, screenWizard); w.state.Node != "r_wrong_secret" || w.retest == nil {
		t.Fatalf("back at %s the re-test is %+v, want it kept at r_wrong_secret", w.state.Node, w.retest)
	}
	// Back once more is the start, before the live checks' evidence; a walk by answers to
	// another result then reaches a Test question no re-test speaks for.
	m = send(t, m, press("esc"))
	if w = screenOf[wizard](m, screenWizard); w.state.Node != "A" || w.retest != nil {
		t.Fatalf("at %s the re-test is %+v, want the start without it", w.state.Node, w.retest)
	}
	m = send(t, m, keys("ctrl+d 1 1 1 s 1")...)
	if w = screenOf[wizard](m, screenWizard); w.state.Node != "r_unknown_client" {
		t.Fatalf("answers reached %s, want r_unknown_client", w.state.Node)
	}
	for screenOf[wizard](m, screenWizard).state.Node != "Test" {
		m = send(t, m, press("enter"))
	}
	if w = screenOf[wizard](m, screenWizard); w.cursor != 0 {
		t.Errorf("the stale re-test preset the cursor on %q", w.node().Choices[w.cursor].ID)
	}
}

// TestResumeOpensTheSavedStep: the wizard started with a saved session (--resume) shows
// the step the session was saved at, with its answers and nothing unsaved yet.
func TestResumeOpensTheSavedStep(t *testing.T) {
	g := builtinGraph(t)
	saved, err := flow.Replay(g, []string{"4xx", "config", "invalid_client"}, flow.ReplayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := flow.ReadSession(g.NewReport(saved, flow.ReportMeta{}).Markdown())
	if err != nil {
		t.Fatal(err)
	}
	state, err := g.Resume(sess)
	if err != nil {
		t.Fatal(err)
	}
	m := testModel(t, 100, 30, func(o *Options) { o.Catalogue, o.Graph, o.Resume = g.Catalogue(), g, &state })
	w := screenOf[wizard](m, screenWizard)
	if m.cur != screenWizard || w.state.Node != saved.Node || len(w.state.Steps) != len(saved.Steps) {
		t.Fatalf("opened %v at %s step %d, want the wizard at %s step %d", m.cur, w.state.Node, len(w.state.Steps), saved.Node, len(saved.Steps))
	}
	if w.Unsaved() {
		t.Error("a session just opened counts as unsaved work")
	}
	mustContain(t, screenText(m), "Opened the saved session at step")
}

package flow_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// walk feeds events from the start and fails the test on any error.
func walk(t *testing.T, g *flow.Graph, events ...flow.Event) flow.State {
	t.Helper()
	s := g.Start()
	for i, e := range events {
		next, err := g.Next(s, e)
		if err != nil {
			t.Fatalf("event %d (%v): %v", i+1, e.Kind, err)
		}
		s = next
	}
	return s
}

func TestNext(t *testing.T) {
	g := fixture(t)
	expiredHint := knowledge.Observation{Status: 400, Error: "expired", Hint: "The thing has run out"}
	tests := []struct {
		name     string
		before   []flow.Event
		event    flow.Event
		wantNode string
		wantErr  string // substring of a *FitError
		check    func(t *testing.T, s flow.State)
	}{
		{name: "skip the paste", event: flow.Skip(""), wantNode: "B",
			check: func(t *testing.T, s flow.State) {
				if st := s.Steps[0]; st.Answer != "skipped" || st.Node != "A" || st.Number != 1 {
					t.Errorf("step = %+v", st)
				}
			}},
		{name: "answer at a paste node", event: flow.Answer("4xx"),
			wantErr: "step 1 (node A, paste \"Paste it.\"): answer \"4xx\" does not fit here; it takes pasted evidence, live check results, or skip"},
		{name: "a choice", before: []flow.Event{flow.Skip("")}, event: flow.Answer("4xx"), wantNode: "Q",
			check: func(t *testing.T, s flow.State) {
				if st := s.Steps[1]; st.Answer != "4xx" || st.Label != "A 4xx" || st.Text != "What type?" || st.Auto {
					t.Errorf("step = %+v", st)
				}
				if s.Branch != "Q" {
					t.Errorf("branch = %q, want Q", s.Branch)
				}
			}},
		{name: "an unknown choice", before: []flow.Event{flow.Skip("")}, event: flow.Answer("5xx"),
			wantErr: "step 2 (node B, question \"What type?\"): answer \"5xx\" is not one of the choices; choices: 4xx, net, lost"},
		{name: "a hint that names a cause jumps to its result", event: flow.Paste(expiredHint), wantNode: "r_late",
			check: func(t *testing.T, s flow.State) {
				if len(s.Steps) != 1 || !strings.Contains(s.Steps[0].Why, "cause too_late") {
					t.Errorf("steps = %+v", s.Steps)
				}
				if s.Result == nil || s.Result.Entry != "expired" || !slices.Equal(s.Result.Causes, []string{"too_late"}) {
					t.Errorf("result = %+v", s.Result)
				}
				if len(s.Evidence) != 1 || s.Obs.Hint != expiredHint.Hint {
					t.Errorf("evidence not kept: %+v", s.Evidence)
				}
				if s.Branch != "Q" {
					t.Errorf("a jump to r_late should know its branch Q, has %q", s.Branch)
				}
			}},
		{name: "an error code answers the type question", event: flow.Paste(knowledge.Observation{Status: 400, Error: "expired"}), wantNode: "Q",
			check: func(t *testing.T, s flow.State) {
				st := s.Steps[1]
				if !st.Auto || st.Node != "B" || st.Answer != "4xx" || st.Why != "evidence: error 'expired'" {
					t.Errorf("automatic step = %+v", st)
				}
			}},
		{name: "a transport failure goes to the network branch", event: flow.Paste(knowledge.Observation{Transport: "refused"}), wantNode: "N"},
		{name: "a failed probe is data and routes by status", before: []flow.Event{flow.Skip(""), flow.Answer("net")},
			event:    flow.ProbeDone(check.ProbeResult{ID: "reachability", Name: "Server answers", Status: check.Fail, Summary: "refused", Obs: knowledge.Observation{Transport: "refused"}}),
			wantNode: "r_down",
			check: func(t *testing.T, s flow.State) {
				c := s.Checks[0]
				if !c.Live || c.Status != "fail" || c.ID != "reachability" || c.Step != 3 {
					t.Errorf("check record = %+v", c)
				}
				if s.Obs.Transport != "refused" {
					t.Errorf("probe observation not merged")
				}
			}},
		{name: "a skipped probe keeps its reason", before: []flow.Event{flow.Skip(""), flow.Answer("net")},
			event: flow.Skip("no target configured"), wantNode: "r_down",
			check: func(t *testing.T, s flow.State) {
				if c := s.Checks[0]; c.Status != "skip" || c.Summary != "no target configured" {
					t.Errorf("check record = %+v", c)
				}
			}},
		{name: "the result of another probe", before: []flow.Event{flow.Skip(""), flow.Answer("net")},
			event: flow.ProbeDone(check.ProbeResult{ID: "dns"}), wantErr: `it runs the "reachability" probe, not "dns"`},
		{name: "continue from a result", before: []flow.Event{flow.Paste(expiredHint)}, event: flow.Continue(), wantNode: "Fix"},
		{name: "an answer at a result", before: []flow.Event{flow.Paste(expiredHint)}, event: flow.Answer("x"), wantErr: "it takes continue"},
		{name: "re-evaluate within the branch", before: []flow.Event{flow.Skip(""), flow.Answer("4xx"), flow.Answer("late"), flow.Continue(), flow.Continue()},
			event: flow.Answer("branch"), wantNode: "Q"},
		{name: "nothing after the end", before: []flow.Event{flow.Paste(expiredHint), flow.Continue(), flow.Continue(), flow.Answer("fixed")},
			event: flow.Answer("fixed"), wantErr: "the walk has ended (solved)"},
		{name: "a check result", before: []flow.Event{flow.Paste(expiredHint), flow.Continue(), flow.Continue(), flow.Answer("checkit")},
			event: flow.CheckDone(check.Result{Name: "redirect_uri", Status: check.Fail, Summary: "they differ",
				Obs: knowledge.Observation{Facts: []knowledge.Fact{{Name: knowledge.FactRedirectMismatch}}}}),
			wantNode: "r_all",
			check: func(t *testing.T, s flow.State) {
				if c := s.Checks[0]; c.Live || c.Status != "fail" || c.Summary != "they differ" {
					t.Errorf("check record = %+v", c)
				}
				if !s.Obs.HasFact(knowledge.FactRedirectMismatch) {
					t.Error("check facts not merged")
				}
			}},
		{name: "a check result of another check", before: []flow.Event{flow.Paste(expiredHint), flow.Continue(), flow.Continue(), flow.Answer("checkit")},
			event: flow.CheckDone(check.Result{Name: "pkce"}), wantErr: `it runs the "redirect_uri" check, not "pkce"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := walk(t, g, tt.before...)
			next, err := g.Next(s, tt.event)
			if tt.wantErr != "" {
				var fe *flow.FitError
				if !errors.As(err, &fe) {
					t.Fatalf("want a *FitError containing %q, got %v", tt.wantErr, err)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %q does not contain %q", err, tt.wantErr)
				}
				if !reflect.DeepEqual(next, s) {
					t.Error("a refused event changed the state")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if next.Node != tt.wantNode {
				t.Fatalf("node = %s, want %s (steps %+v)", next.Node, tt.wantNode, next.Steps)
			}
			if tt.check != nil {
				tt.check(t, next)
			}
		})
	}
}

func TestTerminalStates(t *testing.T) {
	g := fixture(t)
	s := walk(t, g, flow.Skip(""), flow.Answer("lost"))
	if s.Status != flow.Escalated || !s.Done() {
		t.Errorf("status = %s, want escalated", s.Status)
	}
	s = walk(t, g, flow.Skip(""), flow.Answer("4xx"), flow.Answer("twice"), flow.Continue(), flow.Continue(), flow.Answer("fixed"))
	if s.Status != flow.Solved || !s.Done() {
		t.Errorf("status = %s, want solved", s.Status)
	}
	if s := g.Start(); s.Status != flow.Active || s.Done() {
		t.Errorf("start status = %s", s.Status)
	}
}

func TestEvidenceSkipsOnlyOnTheFirstVisit(t *testing.T) {
	g := fixture(t)
	s := walk(t, g, flow.Paste(knowledge.Observation{Error: "expired"}), flow.Answer("twice"), flow.Continue(), flow.Continue(), flow.Answer("restart"))
	if s.Node != "B" {
		t.Fatalf("after restart the walk stands at %s; B should ask again, not answer itself", s.Node)
	}
	if s, _ := g.Next(s, flow.Answer("net")); s.Node != "N" {
		t.Errorf("a new answer at B goes to %s, want N", s.Node)
	}
}

func TestNextNeverChangesTheStateItIsGiven(t *testing.T) {
	g := fixture(t)
	s := walk(t, g, flow.Paste(knowledge.Observation{Error: "expired", Headers: map[string]string{"X-A": "1"}}))
	snapshot := walk(t, g, flow.Paste(knowledge.Observation{Error: "expired", Headers: map[string]string{"X-A": "1"}}))
	a, _ := g.Next(s, flow.Answer("late"))
	b, _ := g.Next(s, flow.Answer("twice"))
	if !reflect.DeepEqual(s, snapshot) {
		t.Fatal("Next changed the state it was given")
	}
	if a.Steps[len(a.Steps)-1].Answer != "late" || b.Steps[len(b.Steps)-1].Answer != "twice" {
		t.Fatal("two successors of one state share their steps")
	}
	c, _ := g.Next(b, flow.Continue())
	c, _ = g.Next(c, flow.Continue())
	c, _ = g.Next(c, flow.Answer("checkit"))
	_, _ = g.Next(c, flow.CheckDone(check.Result{Name: "redirect_uri", Status: check.Fail,
		Obs: knowledge.Observation{Headers: map[string]string{"X-B": "2"}, Facts: []knowledge.Fact{{Name: "redirect_uri_mismatch"}}}}))
	if len(c.Obs.Headers) != 1 || len(c.Obs.Facts) != 0 {
		t.Fatalf("merging a later observation wrote into an earlier state: %+v", c.Obs)
	}
}

func TestBackAndUndo(t *testing.T) {
	g := fixture(t)
	s := walk(t, g, flow.Paste(knowledge.Observation{Error: "expired"}), flow.Answer("late"), flow.Continue())
	// Steps: 1 A pasted, 2 B auto 4xx, 3 Q late, 4 r_late continue.
	if len(s.Steps) != 4 || s.Node != "Fix" {
		t.Fatalf("steps %d at %s", len(s.Steps), s.Node)
	}
	back, ok := s.Back()
	if !ok || back.Node != "r_late" || len(back.Steps) != 3 {
		t.Fatalf("Back: %s with %d steps", back.Node, len(back.Steps))
	}
	// Undoing the automatic step 2 undoes the paste that caused it.
	u, ok := s.UndoTo(2)
	if !ok || u.Node != "A" || len(u.Steps) != 0 {
		t.Fatalf("UndoTo(2): %s with %d steps", u.Node, len(u.Steps))
	}
	u, ok = s.UndoTo(3)
	if !ok || u.Node != "Q" || len(u.Steps) != 2 {
		t.Fatalf("UndoTo(3): %s with %d steps", u.Node, len(u.Steps))
	}
	if _, ok := s.UndoTo(9); ok {
		t.Error("UndoTo past the end succeeded")
	}
	if _, ok := g.Start().Back(); ok {
		t.Error("Back at the start succeeded")
	}
	if h := s.History(); len(h) != 4 || h[0].Node != "A" || h[3].Node != "Fix" {
		t.Errorf("history: %d states", len(h))
	}
}

func TestDiagnoseAndTick(t *testing.T) {
	g := fixture(t)
	if _, ok := g.Diagnose(g.Start()); ok {
		t.Error("a diagnosis before any result")
	}
	if _, err := g.Tick(g.Start(), "be_quick", true); err == nil {
		t.Error("ticking before any result succeeded")
	}
	s := walk(t, g, flow.Skip(""), flow.Answer("4xx"), flow.Answer("unsure"))
	d, ok := g.Diagnose(s)
	if !ok || d.Entry.Code != "expired" || d.Basis != "answers" || len(d.Causes) != 2 || len(d.Checklist) != 2 {
		t.Fatalf("diagnosis from answers = %+v", d)
	}
	s, err := g.Tick(s, "use_once", true)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := g.Diagnose(s); d.Checklist[0].Ticked || !d.Checklist[1].Ticked {
		t.Errorf("ticks = %+v", d.Checklist)
	}
	s, _ = g.Tick(s, "use_once", false)
	if s.IsTicked("use_once") {
		t.Error("untick did not untick")
	}
	if _, err := g.Tick(s, "reboot", true); err == nil || !strings.Contains(err.Error(), "steps: be_quick, use_once") {
		t.Errorf("ticking an unknown step: %v", err)
	}
	// With evidence that points to a cause, the causes rank by it and say why.
	s = walk(t, g, flow.Paste(knowledge.Observation{Error: "expired", Hint: "it has run out"}))
	d, _ = g.Diagnose(s)
	if d.Basis != "evidence" || d.Causes[0].Cause.ID != "too_late" || len(d.Causes[0].Signals) == 0 {
		t.Errorf("diagnosis from evidence = %+v", d)
	}
}

package flow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// JumpScore is the evidence a cause needs (in catalogue signal weight) before a paste,
// check or probe node with jump: true goes straight to that cause's result. It is the
// weight of a hint that names one cause exactly, or of a fact from a check.
const JumpScore = 8

// Start returns the state at the start node.
func (g *Graph) Start() State {
	s := State{Node: g.StartID, Status: Active}
	s, _ = g.enter(s, g.StartID)
	return s
}

// Next is the wizard's transition: the state after event e at s's node. It is pure: s is
// not changed and nothing outside is touched. The error is a *FitError when e does not fit
// the node (an unknown choice, an answer where a paste is expected, a walk that ended).
func (g *Graph) Next(s State, e Event) (State, error) {
	n, ok := g.byID[s.Node]
	if !ok {
		return s, fmt.Errorf("the state stands at %q, which is not a node of this graph", s.Node)
	}
	misfit := func(format string, args ...any) (State, error) {
		fe := &FitError{Step: len(s.Steps) + 1, Node: n.ID, Kind: n.Kind, Text: n.Text,
			Given: e.describe(), Reason: fmt.Sprintf(format, args...)}
		if n.Kind == KindQuestion {
			fe.Choices = n.ChoiceIDs()
		}
		return s, fe
	}
	if s.Done() || n.Kind.Terminal() {
		return misfit("the walk has ended (%s); go back to change an answer", n.Kind)
	}
	ns := s.successor()
	step := Step{Number: len(s.Steps) + 1, Node: n.ID, Kind: n.Kind, Text: n.Text}
	var to string
	switch {
	case n.Kind == KindQuestion && e.Kind == EventAnswer:
		c, ok := n.ChoiceByID(strings.TrimSpace(e.Choice))
		if !ok {
			return misfit("%s is not one of the choices", e.describe())
		}
		if why := g.hidden(&s, c); why != "" {
			return misfit("%s is ruled out by the %s", e.describe(), why)
		}
		step.Answer, step.Label, to = c.ID, c.Label, c.Next
		if len(c.RulesOut) > 0 {
			ns.exclude(step.Number, "answer", fmt.Sprintf("answered %q at step %d (%s)", c.Label, step.Number, n.ID), c.RulesOut...)
		}
	case n.Kind == KindPaste && e.Kind == EventPaste:
		step.Answer, step.Label, to = "pasted", summarize(e.Obs), n.Next
		if !e.Obs.Empty() {
			ns.mergeObs(e.Obs)
			ns.Evidence = append(ns.Evidence, Evidence{Step: step.Number, Node: n.ID, Source: "paste", Obs: e.Obs,
				Timeline: e.Timeline, LoggedAt: e.LoggedAt})
		}
	case n.Kind == KindPaste && e.Kind == EventLive:
		step.Answer, step.Label, to = "live", ns.recordLive(n, step.Number, e.Live), n.Next
	case n.Kind == KindCheck && e.Kind == EventCheck:
		if e.Check.Name != n.Check {
			return misfit("it runs the %q check, not %q", n.Check, e.Check.Name)
		}
		r := e.Check
		to = ns.record(n, &step, false, r.Name, r.Name, string(r.Status), r.Summary, r.Details, r.Obs)
	case n.Kind == KindProbe && e.Kind == EventProbe:
		if e.Probe.ID != n.Probe {
			return misfit("it runs the %q probe, not %q", n.Probe, e.Probe.ID)
		}
		r := e.Probe
		to = ns.record(n, &step, true, r.ID, r.Name, string(r.Status), r.Summary, r.Details, r.Obs)
		ns.exclude(step.Number, "probe", "live check "+r.ID+": "+lastLine(r.Details, r.Summary), r.RuledOut...)
	case e.Kind == EventSkip && (n.Kind == KindPaste || n.Kind == KindCheck || n.Kind == KindProbe):
		reason := strings.TrimSpace(e.Reason)
		if reason == "" {
			reason = "skipped"
		}
		if n.Kind == KindPaste {
			step.Answer, step.Label, to = "skipped", reason, n.Next
			break
		}
		id := n.Check
		if n.Kind == KindProbe {
			id = n.Probe
		}
		to = ns.record(n, &step, n.Kind == KindProbe, id, id, string(check.Skip), reason, nil, knowledge.Observation{})
	case e.Kind == EventContinue && (n.Kind == KindResult || n.Kind == KindFix):
		step.Answer, to = "continue", n.Next
	default:
		return misfit("%s does not fit here; %s", e.describe(), expects(n))
	}
	if n.Jump && (len(ns.Evidence) > len(s.Evidence) || len(ns.Excluded) > len(s.Excluded)) {
		if target, why := g.jumpTarget(ns); target != "" {
			to, step.Why = target, why
			if b := g.branchOf[target]; b != "" {
				ns.Branch = b
			}
		}
	}
	ns.Steps = append(ns.Steps, step)
	ns.Moves = append(ns.Moves, moveOf(e))
	return g.enter(ns, to)
}

// record keeps a check or probe result and returns where its status routes.
func (s *State) record(n *Node, step *Step, live bool, id, name, status, summary string, details []string, obs knowledge.Observation) string {
	s.Checks = append(s.Checks, CheckRecord{Step: step.Number, Node: n.ID, Live: live, ID: id, Name: name,
		Status: status, Summary: summary, Details: slices.Clone(details)})
	if !obs.Empty() {
		s.mergeObs(obs)
		src := "check"
		if live {
			src = "probe"
		}
		s.Evidence = append(s.Evidence, Evidence{Step: step.Number, Node: n.ID, Source: src, Obs: obs})
	}
	step.Answer, step.Label = status, summary
	if to, ok := n.On[status]; ok {
		return to
	}
	return n.Next
}

// recordLive keeps the results of live checks run together as the evidence of one step and
// says in one line what they found.
func (s *State) recordLive(n *Node, stepNo int, results []check.ProbeResult) string {
	var failed, warned []string
	for _, r := range results {
		s.Checks = append(s.Checks, CheckRecord{Step: stepNo, Node: n.ID, Live: true, ID: r.ID, Name: r.Name,
			Status: string(r.Status), Summary: r.Summary, Details: slices.Clone(r.Details)})
		if r.Status != check.Fail && r.Status != check.Warn {
			continue // a pass or a skip is a record, not evidence of an error
		}
		if r.Status == check.Fail {
			failed = append(failed, r.ID)
		} else {
			warned = append(warned, r.ID)
		}
		if !r.Obs.Empty() {
			s.mergeObs(r.Obs)
			s.Evidence = append(s.Evidence, Evidence{Step: stepNo, Node: n.ID, Source: "probe", Obs: r.Obs})
		}
		s.exclude(stepNo, "probe", "live check "+r.ID+": "+lastLine(r.Details, r.Summary), r.RuledOut...)
	}
	line := fmt.Sprintf("%d live checks", len(results))
	if len(failed) > 0 {
		line += ", failed: " + strings.Join(failed, ", ")
	}
	if len(warned) > 0 {
		line += ", warned: " + strings.Join(warned, ", ")
	}
	if len(failed)+len(warned) == 0 {
		line += ", none failed"
	}
	return line
}

// enter moves the state to node to and lets evidence answer the nodes it already can:
// a node's skip_if rules fire the first time the walk reaches it, never on a revisit, so
// a person who re-evaluates gets to choose.
func (g *Graph) enter(s State, to string) (State, error) {
	var view *session
	seen := 0
	for range len(g.Nodes) + 1 {
		if to == BranchTarget {
			to = s.Branch
			if to == "" {
				to = g.StartID
			}
		}
		n, ok := g.byID[to]
		if !ok {
			return s, fmt.Errorf("node %q is not in the graph", to)
		}
		s.Node = n.ID
		switch n.Kind {
		case KindSolved:
			s.Status = Solved
		case KindEscalate:
			s.Status = Escalated
		default:
			s.Status = Active
		}
		if n.Branch {
			s.Branch = n.ID
		}
		if n.Kind == KindResult {
			if s.Result == nil || s.Result.Entry != n.Entry {
				s.Ticked = nil
			}
			s.Result = &Result{Node: n.ID, Entry: n.Entry, Causes: slices.Clone(n.Causes)}
		}
		if (n.Kind == KindProbe || n.Kind == KindCheck) && !s.visited(n.ID) {
			if next, step, ok := g.ranAlready(n, s); ok {
				s.Steps = append(s.Steps, step)
				to = next
				continue
			}
		}
		if len(n.SkipIf) == 0 || s.visited(n.ID) || s.Obs.Empty() {
			return s, nil
		}
		if view == nil || len(s.Excluded) != seen {
			// The ranking is computed once per change of what is ruled out.
			view, seen = &session{g: g, s: &s}, len(s.Excluded)
		}
		view.s = &s
		next, step, fired := g.applyRules(n, view)
		if !fired {
			return s, nil
		}
		s.Steps = append(s.Steps, step)
		to = next
	}
	return s, fmt.Errorf("evidence kept moving the walk without end at node %s; the graph's skip_if rules loop", s.Node)
}

// applyRules finds the first rule of n the evidence satisfies.
func (g *Graph) applyRules(n *Node, v *session) (string, Step, bool) {
	s := v.s
	for _, r := range n.SkipIf {
		if !v.holds(r.When) {
			continue
		}
		if r.Choose != "" {
			c, _ := n.ChoiceByID(r.Choose)
			if g.hidden(s, c) != "" {
				continue
			}
			step := Step{Number: len(s.Steps) + 1, Node: n.ID, Kind: n.Kind, Text: n.Text, Auto: true,
				Why: v.describe(r.When), Answer: c.ID, Label: c.Label}
			if len(c.RulesOut) > 0 {
				s.exclude(step.Number, "answer", fmt.Sprintf("the evidence answered %q at step %d (%s)", c.Label, step.Number, n.ID), c.RulesOut...)
			}
			return c.Next, step, true
		}
		step := Step{Number: len(s.Steps) + 1, Node: n.ID, Kind: n.Kind, Text: n.Text, Auto: true,
			Why: v.describe(r.When), Answer: "skipped", Label: "answered by the evidence"}
		return r.Goto, step, true
	}
	return "", Step{}, false
}

// ranAlready answers a probe or check node with the result of the same live or offline
// check run earlier in the session, since the last fix: running it again would only
// repeat what the session knows. After a fix the check runs again, since that is the point
// of a re-test.
func (g *Graph) ranAlready(n *Node, s State) (string, Step, bool) {
	lastFix := 0
	for _, st := range s.Steps {
		if fn, ok := g.byID[st.Node]; ok && fn.Kind == KindFix {
			lastFix = st.Number
		}
	}
	live, id, what := n.Kind == KindProbe, n.Probe, "live check"
	if !live {
		id, what = n.Check, "check"
	}
	for _, c := range slices.Backward(s.Checks) {
		if c.Live != live || c.Retest || c.ID != id || c.Status == "skip" || c.Step <= lastFix {
			continue
		}
		step := Step{Number: len(s.Steps) + 1, Node: n.ID, Kind: n.Kind, Text: n.Text, Auto: true,
			Answer: c.Status, Label: c.Summary, Why: fmt.Sprintf("the %s %s ran at step %d: %s", what, c.ID, c.Step, c.Status)}
		to, ok := n.On[c.Status]
		if !ok {
			to = n.Next
		}
		if n.Jump {
			if target, why := g.jumpTarget(s); target != "" {
				to, step.Why = target, step.Why+"; "+why
			}
		}
		return to, step, true
	}
	return "", Step{}, false
}

// jumpTarget is the result node for the cause the session's evidence names clearly, if any.
func (g *Graph) jumpTarget(s State) (string, string) {
	top, why := g.Rank(s).clearCause()
	if why == "" {
		return "", ""
	}
	entry, _, _ := g.cat.CauseEntry(top.Cause.ID)
	var pick *Node
	for _, n := range g.ResultsFor(top.Cause.ID) {
		if entry != nil && n.Entry == entry.Code && (pick == nil || len(n.Causes) < len(pick.Causes)) {
			pick = n
		}
	}
	if pick == nil {
		return "", ""
	}
	if len(top.Signals) > 0 && top.Score >= JumpScore {
		why += ": " + strings.Join(top.Signals, "; ") // the server's own words, worth reading
	}
	return pick.ID, why
}

// hidden says why evidence rules a choice out ("" when it is offered): its unless
// conditions hold.
func (g *Graph) hidden(s *State, c Choice) string {
	if len(c.Unless) == 0 || s.Obs.Empty() && len(s.Checks) == 0 {
		return ""
	}
	v := &session{g: g, s: s}
	if !v.holds(c.Unless) {
		return ""
	}
	return v.describe(c.Unless)
}

// Offered is the node the walk stands at as it is asked: a question keeps only the
// choices the session's evidence does not rule out (a TLS answer for a plain-HTTP target,
// say). Nil when the walk stands nowhere.
func (g *Graph) Offered(s State) *Node {
	n, ok := g.byID[s.Node]
	if !ok || n.Kind != KindQuestion {
		return n
	}
	var keep []Choice
	for _, c := range n.Choices {
		if g.hidden(&s, c) == "" {
			keep = append(keep, c)
		}
	}
	if len(keep) == len(n.Choices) || len(keep) == 0 {
		return n
	}
	cp := *n
	cp.Choices = keep
	return &cp
}

// lastLine is the last of a result's detail lines that says something of its own (the live
// checks put what they learnt from each other last; "called URL" says only where it went),
// or its summary.
func lastLine(details []string, summary string) string {
	for _, d := range slices.Backward(details) {
		if !strings.HasPrefix(d, "called ") {
			return d
		}
	}
	return summary
}

// expects says in words which events a node takes.
func expects(n *Node) string {
	switch n.Kind {
	case KindQuestion:
		return "it is a question: answer with a choice id"
	case KindPaste:
		return "it takes pasted evidence, live check results, or skip"
	case KindCheck:
		return fmt.Sprintf("it takes the result of the %s check, or skip", n.Check)
	case KindProbe:
		return fmt.Sprintf("it takes the result of the %s probe, or skip with the reason", n.Probe)
	case KindResult, KindFix:
		return "it takes continue"
	}
	return "the walk has ended"
}

// summarize says in one line what a paste was read as.
func summarize(o knowledge.Observation) string {
	if o.Empty() {
		return "nothing recognised"
	}
	var parts []string
	if o.Endpoint != "" {
		parts = append(parts, string(o.Endpoint))
	}
	if o.Status != 0 {
		parts = append(parts, fmt.Sprintf("HTTP %d", o.Status))
	}
	if o.Transport != "" {
		parts = append(parts, "transport "+o.Transport)
	}
	if o.Error != "" {
		parts = append(parts, o.Error)
	}
	for _, t := range []string{o.Hint, o.Description, o.Message} {
		if t != "" {
			parts = append(parts, quote(t))
			break
		}
	}
	for _, f := range o.Facts {
		parts = append(parts, f.Name)
	}
	if len(parts) == 0 {
		return "read: " + strings.Join(o.Sources, ", ")
	}
	return strings.Join(parts, ", ")
}

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
		step.Answer, step.Label, to = c.ID, c.Label, c.Next
	case n.Kind == KindPaste && e.Kind == EventPaste:
		step.Answer, step.Label, to = "pasted", summarize(e.Obs), n.Next
		if !e.Obs.Empty() {
			ns.mergeObs(e.Obs)
			ns.Evidence = append(ns.Evidence, Evidence{Step: step.Number, Node: n.ID, Source: "paste", Obs: e.Obs, Timeline: e.Timeline})
		}
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
	if n.Jump && len(ns.Evidence) > len(s.Evidence) {
		if target, why := g.jumpTarget(ns.Obs); target != "" {
			to, step.Why = target, why
			if b := g.branchOf[target]; b != "" {
				ns.Branch = b
			}
		}
	}
	ns.Steps = append(ns.Steps, step)
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

// enter moves the state to node to and lets evidence answer the nodes it already can:
// a node's skip_if rules fire the first time the walk reaches it, never on a revisit, so
// a person who re-evaluates gets to choose.
func (g *Graph) enter(s State, to string) (State, error) {
	best, bestDone := "", false
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
		if len(n.SkipIf) == 0 || s.visited(n.ID) || s.Obs.Empty() {
			return s, nil
		}
		if !bestDone {
			best, bestDone = g.bestEntry(s.Obs), true
		}
		next, step, fired := g.applyRules(n, s, best)
		if !fired {
			return s, nil
		}
		s.Steps = append(s.Steps, step)
		to = next
	}
	return s, fmt.Errorf("evidence kept moving the walk without end at node %s; the graph's skip_if rules loop", s.Node)
}

// applyRules finds the first rule of n the evidence satisfies.
func (g *Graph) applyRules(n *Node, s State, best string) (string, Step, bool) {
	for _, r := range n.SkipIf {
		if !holds(g.cat, r.When, &s.Obs, best) {
			continue
		}
		step := Step{Number: len(s.Steps) + 1, Node: n.ID, Kind: n.Kind, Text: n.Text, Auto: true,
			Why: describe(r.When, &s.Obs, best)}
		if r.Choose != "" {
			c, _ := n.ChoiceByID(r.Choose)
			step.Answer, step.Label = c.ID, c.Label
			return c.Next, step, true
		}
		step.Answer, step.Label = "skipped", "answered by the evidence"
		return r.Goto, step, true
	}
	return "", Step{}, false
}

// bestEntry is the code of the entry the evidence matches best, or "".
func (g *Graph) bestEntry(o knowledge.Observation) string {
	if best, ok := g.cat.Match(o).Best(); ok {
		return best.Entry.Code
	}
	return ""
}

// jumpTarget is the result node for the cause the evidence names clearly, if any.
func (g *Graph) jumpTarget(o knowledge.Observation) (string, string) {
	best, ok := g.cat.Match(o).Best()
	if !ok || best.Undetermined || len(best.Causes) == 0 || best.Causes[0].Score < JumpScore {
		return "", ""
	}
	top := best.Causes[0]
	var pick *Node
	for _, n := range g.ResultsFor(top.Cause.ID) {
		if n.Entry == best.Entry.Code && (pick == nil || len(n.Causes) < len(pick.Causes)) {
			pick = n
		}
	}
	if pick == nil {
		return "", ""
	}
	why := fmt.Sprintf("evidence names %s, cause %s", best.Entry.Code, top.Cause.ID)
	if len(top.Signals) > 0 {
		why += ": " + strings.Join(top.Signals, "; ")
	}
	return pick.ID, why
}

// expects says in words which events a node takes.
func expects(n *Node) string {
	switch n.Kind {
	case KindQuestion:
		return "it is a question: answer with a choice id"
	case KindPaste:
		return "it takes pasted evidence, or skip"
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

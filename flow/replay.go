package flow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// ReplayOptions supply what a replay feeds to nodes that are not questions.
type ReplayOptions struct {
	// Evidence is fed, in order, to the paste nodes the walk meets; once it is used up,
	// paste nodes are skipped.
	Evidence []knowledge.Observation
	// Live are live check results run before the walk (walk --live), fed to the first
	// paste node ahead of Evidence.
	Live []check.ProbeResult
	// Checks are offline check results by check name; a check node without one is skipped.
	Checks map[string]check.Result
	// Probes are live results by probe id; a probe node without one is skipped with
	// ProbeSkip as the reason (default: "live checks were not run").
	Probes    map[string]check.ProbeResult
	ProbeSkip string
}

// maxReplaySteps stops a replay that would never need another answer, and answers that loop
// (restart, branch) without end: each step copies the history, so the limit keeps a replay
// quick. A person's walk is a few dozen steps.
const maxReplaySteps = 1000

// Replay walks the graph from the start with answers for its questions, in order, the
// way a person would, and returns the state reached. Paste, check and probe nodes take
// what opt supplies or are skipped; result and fix nodes are passed. The walk stops at
// the first question with no answer left, or at the end. An answer that does not fit is
// a *FitError naming the step, what was given and the choices.
func Replay(g *Graph, answers []string, opt ReplayOptions) (State, error) {
	return ReplayFrom(g, g.Start(), answers, opt)
}

// ReplayFrom is Replay from a state reached before (a resumed session, say).
func ReplayFrom(g *Graph, s State, answers []string, opt ReplayOptions) (State, error) {
	used, evidence := 0, 0
	for range maxReplaySteps {
		if s.Done() {
			break
		}
		n := g.byID[s.Node]
		var e Event
		if n.Kind == KindQuestion {
			if used == len(answers) {
				return s, nil
			}
			e = Answer(strings.TrimSpace(answers[used]))
			used++
		} else {
			e = opt.feed(n, &evidence)
		}
		next, err := g.Next(s, e)
		if err != nil {
			return s, err
		}
		s = next
	}
	if used < len(answers) {
		n := g.byID[s.Node]
		reason := fmt.Sprintf("the walk has ended; %d answer(s) left over, from %q", len(answers)-used, shown(answers[used]))
		if !s.Done() {
			reason = fmt.Sprintf("the answers go on past %d steps, longer than any walk needs; %d answer(s) left over, "+
				"from %q: give the answers of one walk", maxReplaySteps, len(answers)-used, shown(answers[used]))
		}
		return s, &FitError{Step: len(s.Steps) + 1, Node: n.ID, Kind: n.Kind, Text: n.Text,
			Given: fmt.Sprintf("answer %q", shown(answers[used])), Reason: reason}
	}
	return s, nil
}

// feed is the event a replay gives a node that is not a question.
func (opt *ReplayOptions) feed(n *Node, evidence *int) Event {
	switch n.Kind {
	case KindPaste:
		if len(opt.Live) > 0 {
			live := opt.Live
			opt.Live = nil
			return Live(live)
		}
		if *evidence < len(opt.Evidence) {
			*evidence++
			return Paste(opt.Evidence[*evidence-1])
		}
		return Skip("no evidence given")
	case KindCheck:
		if r, ok := opt.Checks[n.Check]; ok {
			return CheckDone(r)
		}
		return Skip("no inputs given for the " + n.Check + " check")
	case KindProbe:
		if r, ok := opt.Probes[n.Probe]; ok {
			return ProbeDone(r)
		}
		if opt.ProbeSkip != "" {
			return Skip(opt.ProbeSkip)
		}
		return Skip("live checks were not run")
	}
	return Continue()
}

// ShortestAnswers finds, for every node a walk can reach by answers alone (no evidence,
// checks and probes skipped), the shortest list of answers that gets there: the paths
// support can read out, and `walk` can replay.
func (g *Graph) ShortestAnswers() map[string][]string {
	type item struct {
		s       State
		answers []string
	}
	paths := map[string][]string{}
	settle := func(s State, answers []string) (State, bool) {
		var opt ReplayOptions
		none := 0
		for range maxReplaySteps {
			if _, seen := paths[s.Node]; !seen {
				paths[s.Node] = answers
			}
			n := g.byID[s.Node]
			if s.Done() || n.Kind == KindQuestion {
				return s, true
			}
			next, err := g.Next(s, opt.feed(n, &none))
			if err != nil {
				return s, false
			}
			s = next
		}
		return s, false
	}
	start, ok := settle(g.Start(), nil)
	if !ok {
		return paths
	}
	queue := []item{{start, nil}}
	expanded := map[string]bool{}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		n := g.Pending(it.s)
		if n == nil || expanded[n.ID] {
			continue
		}
		expanded[n.ID] = true
		for _, c := range n.Choices {
			next, err := g.Next(it.s, Answer(c.ID))
			if err != nil {
				continue
			}
			answers := append(slices.Clip(it.answers), c.ID)
			if next, ok := settle(next, answers); ok {
				queue = append(queue, item{next, answers})
			}
		}
	}
	return paths
}

// Pending is the question the walk waits on, or nil when it stands elsewhere.
func (g *Graph) Pending(s State) *Node {
	if n, ok := g.byID[s.Node]; ok && n.Kind == KindQuestion && !s.Done() {
		return n
	}
	return nil
}

package flow

import (
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// ReplayOptions supply what a replay feeds to nodes that are not questions.
type ReplayOptions struct {
	// Evidence is fed, in order, to the paste nodes the walk meets; once it is used up,
	// paste nodes are skipped.
	Evidence []knowledge.Observation
	// Checks are offline check results by check name; a check node without one is skipped.
	Checks map[string]check.Result
	// Probes are live results by probe id; a probe node without one is skipped with
	// ProbeSkip as the reason (default: "live checks were not run").
	Probes    map[string]probe.Result
	ProbeSkip string
}

// maxReplaySteps stops a replay that would never need another answer; a valid graph never
// gets near it.
const maxReplaySteps = 10000

// Replay walks the graph from the start with answers for its questions, in order, the
// way a person would, and returns the state reached. Paste, check and probe nodes take
// what opt supplies or are skipped; result and fix nodes are passed. The walk stops at
// the first question with no answer left, or at the end. An answer that does not fit is
// a *FitError naming the step, what was given and the choices.
func Replay(g *Graph, answers []string, opt ReplayOptions) (State, error) {
	s := g.Start()
	used, evidence := 0, 0
	for range maxReplaySteps {
		if s.Done() {
			break
		}
		n := g.byID[s.Node]
		var e Event
		switch n.Kind {
		case KindQuestion:
			if used == len(answers) {
				return s, nil
			}
			e = Answer(strings.TrimSpace(answers[used]))
			used++
		case KindPaste:
			if evidence < len(opt.Evidence) {
				e = Paste(opt.Evidence[evidence])
				evidence++
			} else {
				e = Skip("no evidence given")
			}
		case KindCheck:
			if r, ok := opt.Checks[n.Check]; ok {
				e = CheckDone(r)
			} else {
				e = Skip("no inputs given for the " + n.Check + " check")
			}
		case KindProbe:
			if r, ok := opt.Probes[n.Probe]; ok {
				e = ProbeDone(r)
			} else {
				reason := opt.ProbeSkip
				if reason == "" {
					reason = "live checks were not run"
				}
				e = Skip(reason)
			}
		default:
			e = Continue()
		}
		next, err := g.Next(s, e)
		if err != nil {
			return s, err
		}
		s = next
	}
	if used < len(answers) {
		n := g.byID[s.Node]
		return s, &FitError{Step: len(s.Steps) + 1, Node: n.ID, Kind: n.Kind, Text: n.Text,
			Given:  fmt.Sprintf("answer %q", shown(answers[used])),
			Reason: fmt.Sprintf("the walk has ended; %d answer(s) left over, from %q", len(answers)-used, shown(answers[used]))}
	}
	return s, nil
}

// Pending is the question the walk waits on, or nil when it stands elsewhere.
func (g *Graph) Pending(s State) *Node {
	if n, ok := g.byID[s.Node]; ok && n.Kind == KindQuestion && !s.Done() {
		return n
	}
	return nil
}

package flow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Diagnosis is what the walk concluded at its result: the entry, its causes ranked, and
// the checklist for them with the person's ticks.
type Diagnosis struct {
	Node  string
	Entry *knowledge.Entry
	// Basis is "evidence" when the session's evidence ranked the causes, "answers" when
	// only the path walked did (causes then keep the order the result node gives).
	Basis     string
	Signals   []string // entry-level signals that fired on the evidence
	Causes    []RankedCause
	Checklist []ChecklistItem
}

// RankedCause is one cause of the result with the evidence that points to it, or the
// reason it is ruled out.
type RankedCause struct {
	Cause    *knowledge.Cause
	Score    float64
	Signals  []string
	Excluded string // why the session rules it out; "" when it does not

	support int // how many pieces of evidence give it weight (Rank)
}

// ChecklistItem is one resolution step and whether the person has done it.
type ChecklistItem struct {
	Step   knowledge.Step
	Ticked bool
}

// Diagnose returns the diagnosis of the last result the walk reached, false before any.
// The causes are the result node's, joined by every cause of the same entry that the
// session's evidence points to (a live check that suspects the secret keeps wrong_secret in
// view whichever answer led here), ranked by all the session's evidence: pastes, offline
// and live checks, and the answers that rule causes out.
func (g *Graph) Diagnose(s State) (Diagnosis, bool) {
	if s.Result == nil {
		return Diagnosis{}, false
	}
	e, ok := g.cat.Entry(s.Result.Entry)
	if !ok {
		return Diagnosis{}, false
	}
	d := Diagnosis{Node: s.Result.Node, Entry: e, Basis: "answers"}
	for _, id := range s.Result.Causes {
		if c, ok := e.Cause(id); ok {
			d.Causes = append(d.Causes, RankedCause{Cause: c, Excluded: s.excluded(id)})
		}
	}
	if !s.Obs.Empty() {
		for _, m := range g.cat.Match(s.Obs).Entries {
			if m.Entry.Code != e.Code {
				continue
			}
			d.Signals = m.Signals
			for _, cm := range m.Causes {
				if cm.Score <= 0 {
					continue
				}
				d.Basis = "evidence"
				i := slices.IndexFunc(d.Causes, func(rc RankedCause) bool { return rc.Cause.ID == cm.Cause.ID })
				if i < 0 {
					d.Causes = append(d.Causes, RankedCause{Cause: cm.Cause, Excluded: s.excluded(cm.Cause.ID)})
					i = len(d.Causes) - 1
				}
				d.Causes[i].Score, d.Causes[i].Signals = cm.Score, cm.Signals
			}
		}
	}
	outweigh(d.Causes)
	for _, rc := range d.Causes {
		if rc.Excluded != "" {
			d.Basis = "evidence"
		}
	}
	sortCauses(d.Causes)
	var ids []string
	for _, rc := range d.Causes {
		if rc.Excluded == "" {
			ids = append(ids, rc.Cause.ID)
		}
	}
	if len(ids) == 0 {
		ids = s.Result.Causes // everything ruled out: the checklist of the path still helps
	}
	for _, st := range e.StepsFor(ids...) {
		d.Checklist = append(d.Checklist, ChecklistItem{Step: st, Ticked: s.IsTicked(st.ID)})
	}
	return d, true
}

// Retested records a live check re-run to test the fix at the node the walk stands at. Like
// a tick it changes the state in place rather than adding a step; the report lists it with
// the other checks.
func (g *Graph) Retested(s State, r check.ProbeResult) State {
	ns := s
	ns.Checks = append(slices.Clip(s.Checks), CheckRecord{Step: len(s.Steps), Node: s.Node, Live: true, ID: r.ID,
		Name: r.Name, Status: string(r.Status), Summary: r.Summary, Details: slices.Clone(r.Details), Retest: true})
	ns.Moves = append(slices.Clip(s.Moves), Move{Kind: moveRetest, Probes: []ProbeMove{probeMove(r)}})
	return ns
}

// Tick marks a checklist step of the current result done (or not). It changes the state
// in place of the current one rather than adding a step, so Back still goes to the node
// before, with the ticks of that moment.
func (g *Graph) Tick(s State, stepID string, done bool) (State, error) {
	d, ok := g.Diagnose(s)
	if !ok {
		return s, fmt.Errorf("there is no checklist yet: the walk has not reached a result")
	}
	var ids []string
	found := false
	for _, it := range d.Checklist {
		ids = append(ids, it.Step.ID)
		found = found || it.Step.ID == stepID
	}
	if !found {
		return s, fmt.Errorf("%q is not a step of the %s checklist (steps: %s)", stepID, d.Entry.Code, strings.Join(ids, ", "))
	}
	ns := s
	ns.Ticked = slices.DeleteFunc(slices.Clone(s.Ticked), func(id string) bool { return id == stepID })
	kind := moveUntick
	if done {
		ns.Ticked = append(ns.Ticked, stepID)
		kind = moveTick
	}
	ns.Moves = append(slices.Clip(s.Moves), Move{Kind: kind, Choice: stepID})
	return ns, nil
}

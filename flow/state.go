package flow

import (
	"maps"
	"slices"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Status says whether a walk goes on or how it ended.
type Status string

// The statuses of a walk. Solved and Escalated are terminal: Next refuses every event.
const (
	Active    Status = "active"
	Solved    Status = "solved"
	Escalated Status = "escalated"
)

// State is one moment of a session: where the walk stands and everything gathered on the
// way. It is a plain value; Next returns a new one and never changes the old, which keeps
// a link to the state before it, so Back is taking that state.
type State struct {
	Node   string `json:"node"`
	Status Status `json:"status"`
	// Steps is the path walked, one per answer, paste, check or automatic skip.
	Steps []Step `json:"steps"`
	// Obs is all evidence read so far, merged (first read wins where two disagree).
	Obs knowledge.Observation `json:"observation"`
	// Evidence keeps each piece of evidence as read, for the report.
	Evidence []Evidence `json:"evidence,omitempty"`
	// Checks are the offline and live check results, in the order they came.
	Checks []CheckRecord `json:"checks,omitempty"`
	// Excluded are the causes evidence or answers rule out, with why; Rank puts them last.
	Excluded []Exclusion `json:"excluded,omitempty"`
	// Moves are the events that led here, as a saved session keeps them (Session).
	Moves []Move `json:"moves,omitempty"`
	// Result is the last result node reached, if any.
	Result *Result `json:"result,omitempty"`
	// Ticked are the checklist step ids of Result's entry the person has done.
	Ticked []string `json:"ticked,omitempty"`
	// Branch is the spine branch (C, D, E or F) walked last; BranchTarget goes back to it.
	Branch string `json:"branch,omitempty"`

	prev *State
}

// Step is one move of the walk.
type Step struct {
	Number int    `json:"number"` // 1-based, as read aloud
	Node   string `json:"node"`
	Kind   Kind   `json:"kind"`
	Text   string `json:"question"`
	// Answer is the choice id, or for other nodes: pasted, skipped, continue, or the status
	// of a check (pass, warn, fail, skip).
	Answer string `json:"answer"`
	Label  string `json:"label,omitempty"` // the choice's label, or what was read or found
	Auto   bool   `json:"auto,omitempty"`  // taken because evidence already answered it
	Why    string `json:"why,omitempty"`   // for automatic moves and jumps: the evidence
}

// Evidence is one observation read during the walk (already masked by its reader).
type Evidence struct {
	Step   int                   `json:"step"`
	Node   string                `json:"node"`
	Source string                `json:"source"` // paste, check or probe
	Obs    knowledge.Observation `json:"observation"`
	// Timeline is the sign-in of a pasted HAR (report_har.go).
	Timeline *Timeline `json:"har_timeline,omitempty"`
	// LoggedAt is when the pasted log line says the failure happened.
	LoggedAt string `json:"logged_at,omitempty"`
}

// CheckRecord is the outcome of an offline check or a live probe, without its secrets.
type CheckRecord struct {
	Step    int      `json:"step"`
	Node    string   `json:"node"`
	Live    bool     `json:"live"`
	ID      string   `json:"id"` // check name or probe id
	Name    string   `json:"name,omitempty"`
	Status  string   `json:"status"`
	Summary string   `json:"summary"`
	Details []string `json:"details,omitempty"`
	// Retest marks a live check re-run to test a fix: a record, not a step of the walk.
	Retest bool `json:"retest,omitempty"`
}

// Result is the result node a walk reached.
type Result struct {
	Node   string   `json:"node"`
	Entry  string   `json:"entry"`
	Causes []string `json:"causes"`
}

// Done reports whether the walk has ended (solved or escalated).
func (s State) Done() bool { return s.Status != Active && s.Status != "" }

// Back returns the state before the last event, and false at the start. Automatic moves
// made by evidence belong to the event that caused them, so Back lands where the person
// last decided something.
func (s State) Back() (State, bool) {
	if s.prev == nil {
		return s, false
	}
	return *s.prev, true
}

// UndoTo returns the state just before step number n was taken (1-based), so that step's
// node is asked again. A step taken automatically undoes the event that led to it.
func (s State) UndoTo(n int) (State, bool) {
	if n < 1 || n > len(s.Steps) {
		return s, false
	}
	cur := s
	for len(cur.Steps) >= n {
		prev, ok := cur.Back()
		if !ok {
			return s, false
		}
		cur = prev
	}
	return cur, true
}

// History lists the states from the start to s, oldest first: the points Back can reach.
func (s State) History() []State {
	var out []State
	for cur := &s; cur != nil; cur = cur.prev {
		out = append(out, *cur)
	}
	slices.Reverse(out)
	return out
}

// LastRetest is the live check last re-run to test the fix, if it belongs to the stretch
// the walk is on: no question was answered since. An undo past the re-run drops it with
// the state, so a stale result never speaks for a later question.
func (s State) LastRetest() (CheckRecord, bool) {
	for i := len(s.Checks) - 1; i >= 0; i-- {
		c := s.Checks[i]
		if !c.Retest {
			continue
		}
		for _, st := range s.Steps[min(c.Step, len(s.Steps)):] {
			if st.Kind == KindQuestion {
				return CheckRecord{}, false
			}
		}
		return c, true
	}
	return CheckRecord{}, false
}

// IsTicked reports whether a checklist step is ticked.
func (s State) IsTicked(stepID string) bool { return slices.Contains(s.Ticked, stepID) }

// successor starts the state after s: a copy whose slices are clipped, so appending never
// writes into memory s (or an older state) still reads.
func (s State) successor() State {
	prev := s
	ns := s
	ns.prev = &prev
	ns.Steps = slices.Clip(s.Steps)
	ns.Evidence = slices.Clip(s.Evidence)
	ns.Checks = slices.Clip(s.Checks)
	ns.Excluded = slices.Clip(s.Excluded)
	ns.Moves = slices.Clip(s.Moves)
	ns.Ticked = slices.Clip(s.Ticked)
	return ns
}

// mergeObs folds b into a copy of the state's observation; Merge writes into slices and
// maps, which older states share.
func (s *State) mergeObs(b knowledge.Observation) {
	o := s.Obs
	o.Sources = slices.Clone(o.Sources)
	o.Facts = slices.Clone(o.Facts)
	o.Headers = maps.Clone(o.Headers)
	o.Merge(b)
	s.Obs = o
}

func (s State) visited(node string) bool {
	for _, st := range s.Steps {
		if st.Node == node {
			return true
		}
	}
	return false
}

package flow

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Exclusion is a cause the session's evidence or answers rule out, and why: a live check
// that proves the client exists rules out unknown_client, a person confirming the secret
// rules out wrong_secret. Exclusions demote a cause; they never delete it, so the person
// still sees it, last, with the reason.
type Exclusion struct {
	Cause  string `json:"cause"`
	Step   int    `json:"step"`
	Source string `json:"source"` // probe, check, paste or answer
	Why    string `json:"why"`
}

// Ranking is what all the evidence of a session says: the entry it matches best and that
// entry's causes, the ones evidence points to first, the ones it rules out last.
type Ranking struct {
	Entry        string // the best entry's code, "" when the evidence names none
	Undetermined bool
	Causes       []RankedCause
}

// Top is the cause the evidence points to first, "" when none has evidence for it.
func (r Ranking) Top() string {
	if len(r.Causes) == 0 || r.Causes[0].Score <= 0 || r.Causes[0].Excluded != "" {
		return ""
	}
	return r.Causes[0].Cause.ID
}

// excluded reports why the session rules a cause out, "" when it does not.
func (s State) excluded(cause string) string {
	var whys []string
	for _, x := range s.Excluded {
		if x.Cause == cause && !slices.Contains(whys, x.Why) {
			whys = append(whys, x.Why)
		}
	}
	return strings.Join(whys, "; ")
}

// exclude adds exclusions, once per cause and source step.
func (s *State) exclude(step int, source, why string, causes ...string) {
	for _, c := range causes {
		dup := slices.ContainsFunc(s.Excluded, func(x Exclusion) bool { return x.Cause == c && x.Step == step })
		if c != "" && !dup {
			s.Excluded = append(s.Excluded, Exclusion{Cause: c, Step: step, Source: source, Why: why})
		}
	}
}

// Rank ranks the causes of the entry the session's evidence matches best, with the reasons:
// the catalogue's signals over everything read (pastes, offline checks, live checks), then
// what the evidence and the answers rule out. It is the one reading the jump, the skip_if
// keys cause and ruled_out, and the result's order all share.
func (g *Graph) Rank(s State) Ranking {
	if s.Obs.Empty() {
		return Ranking{}
	}
	best, ok := g.cat.Match(s.Obs).Best()
	if !ok {
		return Ranking{}
	}
	r := Ranking{Entry: best.Entry.Code, Undetermined: best.Undetermined}
	for _, cm := range best.Causes {
		rc := RankedCause{Cause: cm.Cause, Signals: cm.Signals, Excluded: s.excluded(cm.Cause.ID)}
		if !best.Undetermined {
			rc.Score = cm.Score
		}
		r.Causes = append(r.Causes, rc)
	}
	sortCauses(r.Causes)
	return r
}

// sortCauses puts causes with evidence first (most first), ruled-out ones last; the order
// given breaks ties, so a result node's own order stands where evidence says nothing.
func sortCauses(cs []RankedCause) {
	slices.SortStableFunc(cs, func(a, b RankedCause) int {
		if (a.Excluded != "") != (b.Excluded != "") {
			if a.Excluded != "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(b.Score, a.Score)
	})
}

// clearCause is the cause the evidence names clearly enough to skip the questions: one
// with the weight of a hint that names it (JumpScore), or the only one with evidence for it
// left once the evidence has ruled the others out. The second reason is "" when none is.
func (r Ranking) clearCause() (RankedCause, string) {
	if r.Entry == "" || r.Undetermined || r.Top() == "" {
		return RankedCause{}, ""
	}
	top := r.Causes[0]
	if top.Score >= JumpScore {
		return top, "evidence names " + r.Entry + ", cause " + top.Cause.ID
	}
	var others, ruled []string
	for _, c := range r.Causes[1:] {
		switch {
		case c.Excluded != "" && c.Score > 0:
			ruled = append(ruled, c.Cause.ID)
		case c.Excluded == "" && c.Score > 0:
			others = append(others, c.Cause.ID)
		}
	}
	if len(others) > 0 || len(ruled) == 0 {
		return RankedCause{}, ""
	}
	return top, fmt.Sprintf("evidence names %s; it rules out %s, which leaves %s", r.Entry, strings.Join(ruled, ", "), top.Cause.ID)
}

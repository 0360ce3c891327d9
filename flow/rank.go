package flow

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
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
// keys entry, cause and ruled_out, and the result's order all share.
//
// Each piece of evidence is read on its own as well as merged: merging keeps the first
// value of a field, so the third of five live checks that failed the same way would
// otherwise say nothing. The entry is the one the pieces support most strongly together;
// a cause scores the most any piece gives it.
func (g *Graph) Rank(s State) Ranking {
	if s.Obs.Empty() {
		return Ranking{}
	}
	pieces := []knowledge.Observation{s.Obs}
	if len(s.Evidence) > 1 {
		for _, ev := range s.Evidence {
			pieces = append(pieces, ev.Obs)
		}
	}
	type entryAcc struct {
		entry      *knowledge.Entry
		strength   float64
		first      int
		determined bool
		causes     []RankedCause
	}
	var accs []*entryAcc
	find := func(e *knowledge.Entry) *entryAcc {
		for _, a := range accs {
			if a.entry == e {
				return a
			}
		}
		a := &entryAcc{entry: e, first: len(accs)}
		accs = append(accs, a)
		return a
	}
	for k, o := range pieces {
		m := g.cat.Match(o)
		best, ok := m.Best()
		if !ok {
			continue
		}
		a := find(best.Entry)
		a.strength += best.Strength
		for _, em := range m.Entries {
			a := find(em.Entry)
			// A tie between causes is undetermined for the matcher, but their evidence
			// still counts here, where checks may rule some of them out.
			a.determined = a.determined || em.CauseEvidence()
			for _, cm := range em.Causes {
				score := cm.Score
				i := slices.IndexFunc(a.causes, func(rc RankedCause) bool { return rc.Cause == cm.Cause })
				if i < 0 {
					a.causes = append(a.causes, RankedCause{Cause: cm.Cause, Excluded: s.excluded(cm.Cause.ID)})
					i = len(a.causes) - 1
				}
				if score > 0 && k > 0 {
					a.causes[i].support++ // one more piece of evidence, apart from the merge
				}
				if score > a.causes[i].Score || a.causes[i].Signals == nil {
					a.causes[i].Score = max(score, a.causes[i].Score)
					if score >= a.causes[i].Score {
						a.causes[i].Signals = cm.Signals
					}
				}
			}
		}
	}
	var top *entryAcc
	for _, a := range accs {
		if a.strength > 0 && (top == nil || a.strength > top.strength) {
			top = a
		}
	}
	if top == nil {
		return Ranking{}
	}
	r := Ranking{Entry: top.entry.Code, Undetermined: !top.determined, Causes: top.causes}
	outweigh(r.Causes)
	sortCauses(r.Causes)
	return r
}

// outweigh lifts an exclusion from a cause the server names outright (JumpScore): the
// server's own words ("the access token has expired") decide over what a check infers
// from the request (a token whose exp lies ahead).
func outweigh(cs []RankedCause) {
	for i := range cs {
		if cs[i].Score >= JumpScore {
			cs[i].Excluded = ""
		}
	}
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
// with the weight of a hint that names it (JumpScore), or the one left once the evidence
// has ruled the others out (the only one with evidence for it, or the only one at all).
// The second value says why, "" when no cause is clear.
func (r Ranking) clearCause() (RankedCause, string) {
	if r.Entry == "" || r.Undetermined || len(r.Causes) == 0 || r.Causes[0].Excluded != "" {
		return RankedCause{}, ""
	}
	top := r.Causes[0]
	if top.Score >= JumpScore {
		return top, "evidence names " + r.Entry + ", cause " + top.Cause.ID
	}
	var withEvidence, left, ruled []string
	for _, c := range r.Causes[1:] {
		switch {
		case c.Excluded != "":
			ruled = append(ruled, c.Cause.ID)
		case c.Score > 0:
			withEvidence = append(withEvidence, c.Cause.ID)
			left = append(left, c.Cause.ID)
		default:
			left = append(left, c.Cause.ID)
		}
	}
	// Short: the note is read aloud on a screen-share; the result lists every reason.
	why := fmt.Sprintf("evidence names %s, cause %s", r.Entry, top.Cause.ID)
	if len(ruled) > 0 {
		why += fmt.Sprintf(" (%d other causes ruled out)", len(ruled))
	}
	switch {
	case len(withEvidence) > 0:
		return RankedCause{}, ""
	case top.support >= 2:
		// Independent checks agree, and nothing not ruled out points elsewhere.
		return top, fmt.Sprintf("%s: %d checks point to it, none to another", why, top.support)
	case len(ruled) == 0 || top.Score <= 0 && len(left) > 0:
		return RankedCause{}, ""
	}
	return top, why + ": the one left"
}

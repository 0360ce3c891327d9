package lang

import "strings"

// maxJoins bounds the pieces a reason is split into: a reason is a handful of conditions
// and facts, and a long server text full of "; " is not worth trying every split of.
const maxJoins = 24

// joined translates a reason put together from several: the matcher joins the reasons of
// a signal's conditions with " and ", knowledge.Reason the details of its facts with "; ",
// and a detail may hold "; " itself; the offline checks add what Passport answers after
// " — ". Every way of cutting s at those joins is weighed by
// how much of it reads as a known sentence; the best is said in Indonesian, its unknown
// parts (a server's line quoted as a fact's detail) kept as they are, a join between
// unknown parts too. ok is false when no part is known.
func joined(s string, depth int) (string, bool) {
	type cut struct{ at, end int } // the join s[at:end]
	var cuts []cut
	for i := 0; i < len(s) && len(cuts) < maxJoins; i++ {
		switch {
		case strings.HasPrefix(s[i:], "; "):
			cuts = append(cuts, cut{i, i + 2})
			i++
		case strings.HasPrefix(s[i:], " and "):
			cuts = append(cuts, cut{i, i + 5})
			i += 4
		case strings.HasPrefix(s[i:], " — "):
			cuts = append(cuts, cut{i, i + len(" — ")})
			i += len(" — ") - 1
		}
	}
	if len(cuts) == 0 {
		return "", false
	}
	// Piece boundaries: piece k runs from starts[k] to ends[k].
	starts := []int{0}
	ends := []int{}
	for _, c := range cuts {
		ends = append(ends, c.at)
		starts = append(starts, c.end)
	}
	ends = append(ends, len(s))
	n := len(starts)
	type step struct {
		from  int // first piece of the last part
		known int // characters read as known sentences up to here
		text  string
		ok    bool
	}
	best := make([]step, n+1) // best[j]: pieces 0..j-1 cut into parts
	for j := 1; j <= n; j++ {
		best[j].known = -1
		for i := 0; i < j; i++ {
			if best[i].known < 0 {
				continue
			}
			part := s[starts[i]:ends[j-1]]
			t, ok := whole(part, depth)
			k := best[i].known
			if ok {
				k += len(part)
				if i > 0 && best[i].ok {
					k += starts[i] - ends[i-1] // a join between two known parts is known too
				}
			}
			// On a tie the part cut finer wins: a loose sentence ("the evidence matches
			// %s") must not swallow the condition joined after it.
			if k >= best[j].known {
				best[j] = step{from: i, known: k, text: t, ok: ok}
			}
		}
	}
	if best[n].known <= 0 {
		return "", false
	}
	// Walk back to the parts, then say them in order.
	type part struct {
		from, to int // pieces from..to-1
		step
	}
	var parts []part
	for j := n; j > 0; j = best[j].from {
		parts = append(parts, part{best[j].from, j, best[j]})
	}
	var b strings.Builder
	prevOK := false
	for k := len(parts) - 1; k >= 0; k-- {
		p := parts[k]
		if p.from > 0 {
			join := s[ends[p.from-1]:starts[p.from]]
			if join == " and " && (prevOK || p.ok) {
				join = " dan "
			}
			b.WriteString(join)
		}
		if p.ok {
			b.WriteString(p.text)
		} else {
			b.WriteString(s[starts[p.from]:ends[p.to-1]])
		}
		prevOK = p.ok
	}
	return b.String(), true
}

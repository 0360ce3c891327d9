package flow

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The condition keys of our own, beside the Observation fields: what the whole session's
// evidence says, so a paste, an offline check and a live check answer questions alike.
const (
	// entryKey names the catalogue entry the evidence matches best (codes and aliases).
	entryKey = "entry"
	// causeKey names the cause the evidence ranks first, once what it rules out is left out.
	causeKey = "cause"
	// ruledOutKey names a cause the evidence or an earlier answer rules out.
	ruledOutKey = "ruled_out"
	// checkedKey names a check or probe the session ran, as "ID" (ran, any status but
	// skip) or "ID=STATUS" (pass, warn, fail or skip).
	checkedKey = "checked"
)

// checkCondition validates one key and pattern of a skip_if rule or a choice's unless.
// The syntax is the catalogue's (assets/catalogue/README.md), so one way of writing
// evidence serves both; the keys above are our own.
func checkCondition(key, pattern string) error {
	switch key {
	case entryKey, causeKey, ruledOutKey:
		if strings.TrimSpace(pattern) == "" {
			return fmt.Errorf("field %q has an empty pattern (use \"!\" for empty)", key)
		}
		return nil
	case checkedKey:
		id, status, hasStatus := strings.Cut(pattern, "=")
		if !isProbeID(id) && !slices.Contains(CheckNames, id) {
			return fmt.Errorf("checked %q: name a check or probe id, optionally with =STATUS", pattern)
		}
		if hasStatus && !slices.Contains(Statuses, status) {
			return fmt.Errorf("checked %q: %q is not a status (%s)", pattern, status, strings.Join(Statuses, ", "))
		}
		return nil
	}
	return knowledge.CheckCondition(key, pattern)
}

// session is what conditions are judged against: the state and, computed once when a
// condition needs it, the ranking of all its evidence.
type session struct {
	g      *Graph
	s      *State
	rank   Ranking
	ranked bool
}

func (v *session) ranking() Ranking {
	if !v.ranked {
		v.rank, v.ranked = v.g.Rank(*v.s), true
	}
	return v.rank
}

// holds reports whether every condition of when is true of the session.
func (v *session) holds(when map[string]string) bool {
	for key, pattern := range when {
		if !v.conditionHolds(key, pattern) {
			return false
		}
	}
	return true
}

func (v *session) conditionHolds(key, pattern string) bool {
	switch key {
	case entryKey:
		best := v.ranking().Entry
		switch pattern {
		case "*":
			return best != ""
		case "!":
			return best == ""
		}
		e, ok := v.g.cat.Lookup(strings.TrimPrefix(pattern, "="))
		return ok && best == e.Code
	case causeKey:
		top := v.ranking().Top()
		return pattern == "*" && top != "" || pattern == "!" && top == "" || strings.TrimPrefix(pattern, "=") == top
	case ruledOutKey:
		return v.s.excluded(strings.TrimPrefix(pattern, "=")) != ""
	case checkedKey:
		id, status, hasStatus := strings.Cut(pattern, "=")
		for _, c := range slices.Backward(v.s.Checks) {
			if c.ID == id {
				return hasStatus && c.Status == status || !hasStatus && c.Status != "skip"
			}
		}
		return false
	}
	return knowledge.Holds(&v.s.Obs, key, pattern)
}

// describe says in words why a rule fired, for the step it records.
func (v *session) describe(when map[string]string) string {
	o := &v.s.Obs
	keys := slices.Sorted(maps.Keys(when))
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		switch k {
		case "fact":
			parts = append(parts, "fact "+when[k])
		case entryKey:
			parts = append(parts, "the evidence matches "+v.ranking().Entry)
		case causeKey:
			parts = append(parts, "the evidence points to "+v.ranking().Top())
		case ruledOutKey:
			c := strings.TrimPrefix(when[k], "=")
			parts = append(parts, c+" is ruled out ("+v.s.excluded(c)+")")
		case checkedKey:
			parts = append(parts, "the "+when[k]+" check's result")
		case "status":
			parts = append(parts, "HTTP "+o.Field(k))
		default:
			val := o.Field(k)
			if val == "" {
				parts = append(parts, strings.ReplaceAll(k, "_", " ")+" is empty")
			} else {
				parts = append(parts, fmt.Sprintf("%s %s", strings.ReplaceAll(k, "_", " "), quote(val)))
			}
		}
	}
	return "evidence: " + strings.Join(parts, " and ")
}

// quote shows a value cut to a readable length.
func quote(v string) string {
	const max = 80
	v = strings.Join(strings.Fields(v), " ")
	if r := []rune(v); len(r) > max {
		v = string(r[:max-1]) + "…"
	}
	return "'" + v + "'"
}

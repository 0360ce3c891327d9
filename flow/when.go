package flow

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// entryKey is the condition key, beside the Observation fields, that names the catalogue
// entry the session's evidence matches best (codes and aliases both work).
const entryKey = "entry"

// checkCondition validates one key and pattern of a skip_if rule. The syntax is the
// catalogue's (assets/catalogue/README.md), so one way of writing evidence serves both;
// "entry" is the one key of our own.
func checkCondition(key, pattern string) error {
	if key == entryKey {
		if strings.TrimSpace(pattern) == "" {
			return fmt.Errorf("field %q has an empty pattern (use \"!\" for empty)", key)
		}
		return nil
	}
	return knowledge.CheckCondition(key, pattern)
}

// holds reports whether every condition of when is true of the observation. best is the
// code of the entry the evidence matches best, or "".
func holds(cat *knowledge.Catalogue, when map[string]string, o *knowledge.Observation, best string) bool {
	for key, pattern := range when {
		if !conditionHolds(cat, key, pattern, o, best) {
			return false
		}
	}
	return true
}

func conditionHolds(cat *knowledge.Catalogue, key, pattern string, o *knowledge.Observation, best string) bool {
	if key != entryKey {
		return knowledge.Holds(o, key, pattern)
	}
	switch pattern {
	case "*":
		return best != ""
	case "!":
		return best == ""
	}
	e, ok := cat.Lookup(strings.TrimPrefix(pattern, "="))
	return ok && best == e.Code
}

// describe says in words why a rule fired, for the step it records.
func describe(when map[string]string, o *knowledge.Observation, best string) string {
	keys := slices.Sorted(maps.Keys(when))
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		switch k {
		case "fact":
			parts = append(parts, "fact "+when[k])
		case entryKey:
			parts = append(parts, "the evidence matches "+best)
		case "status":
			parts = append(parts, "HTTP "+o.Field(k))
		default:
			v := o.Field(k)
			if v == "" {
				parts = append(parts, strings.ReplaceAll(k, "_", " ")+" is empty")
			} else {
				parts = append(parts, fmt.Sprintf("%s %s", strings.ReplaceAll(k, "_", " "), quote(v)))
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

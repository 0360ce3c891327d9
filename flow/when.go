package flow

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// entryKey is the condition key, beside the Observation fields, that names the catalogue
// entry the session's evidence matches best (codes and aliases both work).
const entryKey = "entry"

// checkCondition validates one key and pattern of a skip_if rule. The syntax is the
// catalogue's (assets/catalogue/README.md), so one way of writing evidence serves both.
func checkCondition(key, pattern string) error {
	if key != entryKey && !contains(knowledge.Fields, key) {
		return fmt.Errorf("field %q is not one of %s, %s", key, strings.Join(knowledge.Fields, ", "), entryKey)
	}
	if strings.TrimSpace(pattern) == "" {
		return fmt.Errorf("field %q has an empty pattern (use \"!\" for empty)", key)
	}
	switch key {
	case "fact":
		for _, f := range strings.Split(pattern, ",") {
			if !contains(knowledge.KnownFacts, strings.TrimSpace(f)) {
				return fmt.Errorf("unknown fact %q (the Fact* names of knowledge/observation.go)", strings.TrimSpace(f))
			}
		}
	case "status":
		if !validStatus(pattern) {
			return fmt.Errorf("status pattern %q must be a status such as 401 or a class such as 4xx", pattern)
		}
	}
	return nil
}

func validStatus(v string) bool {
	v = strings.TrimPrefix(v, "=")
	if v == "*" || v == "!" {
		return true
	}
	if len(v) == 3 && strings.HasSuffix(v, "xx") && v[0] >= '1' && v[0] <= '5' {
		return true
	}
	n, err := strconv.Atoi(v)
	return err == nil && n >= 100 && n <= 599
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
	if key == "fact" {
		for _, f := range strings.Split(pattern, ",") {
			if !o.HasFact(strings.TrimSpace(f)) {
				return false
			}
		}
		return true
	}
	if key == entryKey {
		switch pattern {
		case "*":
			return best != ""
		case "!":
			return best == ""
		}
		e, ok := cat.Lookup(strings.TrimPrefix(pattern, "="))
		return ok && best == e.Code
	}
	value := o.Field(key)
	switch {
	case pattern == "*":
		return value != ""
	case pattern == "!":
		return value == ""
	case key == "status" && len(pattern) == 3 && strings.HasSuffix(pattern, "xx"):
		return value != "" && value[0] == pattern[0]
	case strings.HasPrefix(pattern, "="):
		return strings.EqualFold(value, pattern[1:])
	case key == "status":
		return value == pattern
	}
	return value != "" && strings.Contains(strings.ToLower(value), strings.ToLower(pattern))
}

// describe says in words why a rule fired, for the step it records.
func describe(when map[string]string, o *knowledge.Observation, best string) string {
	keys := make([]string, 0, len(when))
	for k := range when {
		keys = append(keys, k)
	}
	sort.Strings(keys)
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

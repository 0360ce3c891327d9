package knowledge

import (
	"sort"
	"strings"
)

// A signal's conditions are compiled once per catalogue (index) into conds, and tested
// against a view of the observation built once per Match: each field is cut to maxSaid and
// lower-cased at most once, however many of the catalogue's hundreds of conditions read it.
// Holds, for one condition, keeps the same rules.

type condKind uint8

const (
	condFact condKind = iota
	condSet
	condEmpty
	condEqual
	condNotEqual
	condStatusClass
	condStatusExact
	condContains
)

type cond struct {
	key   string
	field int // the key's index in Fields
	kind  condKind
	arg   string   // the value compared: lower-cased for condContains
	facts []string // condFact
}

// fieldIndex maps a field name to its place in Fields, for the view's arrays.
var fieldIndex = func() map[string]int {
	m := make(map[string]int, len(Fields))
	for i, f := range Fields {
		m[f] = i
	}
	return m
}()

func compileCond(key, pattern string) cond {
	c := cond{key: key, field: fieldIndex[key]}
	switch {
	case key == "fact":
		c.kind = condFact
		for _, f := range strings.Split(pattern, ",") {
			c.facts = append(c.facts, strings.TrimSpace(f))
		}
	case pattern == "*":
		c.kind = condSet
	case pattern == "!":
		c.kind = condEmpty
	case strings.HasPrefix(pattern, "!="):
		c.kind, c.arg = condNotEqual, pattern[2:]
	case key == "status" && len(pattern) == 3 && strings.HasSuffix(pattern, "xx"):
		c.kind, c.arg = condStatusClass, pattern[:1]
	case strings.HasPrefix(pattern, "="):
		c.kind, c.arg = condEqual, pattern[1:]
	case key == "status":
		c.kind, c.arg = condStatusExact, pattern
	default:
		c.kind, c.arg = condContains, strings.ToLower(pattern)
	}
	return c
}

// compiledSignal is a signal's conditions compiled, cheapest first so most signals fail
// fast, and whether it reads the answer (answerBacked).
type compiledSignal struct {
	conds  []cond
	answer bool
}

// entryComp holds an entry's compiled signals and vocabulary conditions, and each cause's,
// by position.
type entryComp struct {
	signals     []compiledSignal
	causes      [][]compiledSignal
	vocab       [][]cond
	causesVocab [][][]cond
}

// arena hands out the compiled conditions of a whole catalogue from one allocation: start-up
// compiles several hundred signals on every run of the CLI.
type arena struct{ buf []cond }

func (a *arena) compile(when map[string]string) []cond {
	conds, _ := a.compileAnswer(when)
	return conds
}

// compileAnswer compiles the conditions and says whether any reads the answer (answerBacked).
func (a *arena) compileAnswer(when map[string]string) ([]cond, bool) {
	start := len(a.buf)
	answer := false
	for k, p := range when {
		a.buf = append(a.buf, compileCond(k, p))
		answer = answer || readsAnswer(k, p)
	}
	out := a.buf[start:len(a.buf):len(a.buf)]
	// Substring tests last: most signals fail on an equality or a fact first.
	j := len(out) - 1
	for i := 0; i < j; i++ {
		if out[i].kind == condContains {
			for j > i && out[j].kind == condContains {
				j--
			}
			out[i], out[j] = out[j], out[i]
		}
	}
	return out, answer
}

func (a *arena) compileSignal(s Signal) compiledSignal {
	conds, answer := a.compileAnswer(s.When)
	return compiledSignal{conds: conds, answer: answer}
}

// view is an observation as conditions read it, each field bounded and lower-cased once,
// when a condition first asks for it.
type view struct {
	o          *Observation
	raw, lower [fieldCount]string
	have, low  [fieldCount]bool
}

const fieldCount = 32 // at least len(Fields); init checks

func init() {
	if len(Fields) > fieldCount {
		panic("knowledge: fieldCount is smaller than Fields")
	}
}

func newView(o *Observation) *view { return &view{o: o} }

func (v *view) field(c cond) string {
	if v.have[c.field] {
		return v.raw[c.field]
	}
	var s string
	if c.key == "words" {
		// Each part bounded, as for the vocabulary.
		s = joinNonEmpty("\n", bound(v.o.Description), bound(v.o.Hint), bound(v.o.Message), bound(v.o.Text))
	} else {
		s = bound(v.o.Field(c.key))
	}
	v.raw[c.field], v.have[c.field] = s, true
	return s
}

func (v *view) lowered(c cond) string {
	if !v.low[c.field] {
		v.lower[c.field], v.low[c.field] = strings.ToLower(v.field(c)), true
	}
	return v.lower[c.field]
}

func bound(s string) string {
	if len(s) > maxSaid {
		return s[:maxSaid]
	}
	return s
}

func (c cond) holds(v *view) bool {
	if c.kind == condFact {
		for _, f := range c.facts {
			if !v.o.HasFact(f) {
				return false
			}
		}
		return true
	}
	value := v.field(c)
	switch c.kind {
	case condSet:
		return value != ""
	case condEmpty:
		return value == ""
	case condNotEqual:
		return !strings.EqualFold(value, c.arg)
	case condStatusClass:
		return value != "" && value[0] == c.arg[0]
	case condEqual:
		return strings.EqualFold(value, c.arg)
	case condStatusExact:
		return value == c.arg
	}
	return value != "" && strings.Contains(v.lowered(c), c.arg)
}

// fires tests a compiled signal against the view and says why it fired. The reason text is
// built only once every condition holds: most signals do not fire.
func (cs compiledSignal) fires(s Signal, v *view) (string, bool) {
	for _, c := range cs.conds {
		if !c.holds(v) {
			return "", false
		}
	}
	if s.Says != "" {
		return s.Says, true
	}
	keys := make([]string, 0, len(s.When))
	for k := range s.When {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var reasons []string
	for _, k := range keys {
		if r := Reason(v.o, k, s.When[k]); r != "" {
			reasons = append(reasons, r)
		}
	}
	return strings.Join(reasons, " and "), true
}

// Holds tests one condition of a signal (the syntax of assets/catalogue/README.md) against
// an observation. The flow graph's skip rules use it too, so evidence is written one way.
func Holds(o *Observation, key, pattern string) bool {
	return compileCond(key, pattern).holds(newView(o))
}

// Reason says in words why a condition that holds fired.
func Reason(o *Observation, key, pattern string) string {
	if key == "fact" {
		var details []string
		for _, name := range strings.Split(pattern, ",") {
			name = strings.TrimSpace(name)
			detail, _ := o.FactDetail(name)
			if detail == "" {
				detail = strings.ReplaceAll(name, "_", " ")
			}
			details = append(details, detail)
		}
		return strings.Join(details, "; ")
	}
	if pattern == "!" || strings.HasPrefix(pattern, "!=") {
		return ""
	}
	value := o.Field(key)
	if key == "status" {
		return "HTTP " + value
	}
	return strings.ReplaceAll(key, "_", " ") + " " + quote(value)
}

// quote shows a value in a reason, cut to a readable length.
func quote(v string) string {
	const max = 90
	if len(v) > 4*max {
		v = v[:4*max]
	}
	v = strings.Join(strings.Fields(v), " ")
	if r := []rune(v); len(r) > max {
		v = string(r[:max-1]) + "…"
	}
	return "'" + v + "'"
}

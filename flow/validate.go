package flow

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var (
	nodeIDPattern   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	choiceIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

// CheckNames are the offline checks a check node may name.
var CheckNames = []string{check.NameRedirectURI, check.NamePKCE, check.NameScope, check.NameState, check.NameToken}

// Statuses are the keys a check or probe node's On may route.
var Statuses = []string{"pass", "warn", "fail", "skip"}

// GapError lists catalogue causes that no path of the graph reaches. The graph is sound
// otherwise; see Load.
type GapError struct {
	Causes []Gap
}

// Gap is one unreachable cause.
type Gap struct {
	Entry, Cause, Source string
}

func (e *GapError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d catalogue cause(s) are reached by no path of the flow graph; add them to a result node's causes:", len(e.Causes))
	for _, g := range e.Causes {
		fmt.Fprintf(&b, "\n  cause %q of entry %s (%s)", g.Cause, g.Entry, g.Source)
	}
	return b.String()
}

// validate checks the graph as a whole. Structural problems come back joined; when the
// structure is sound, causes no result reaches come back as a *GapError.
func validate(g *Graph, startFile string) error {
	var errs []error
	fail := func(n *Node, line int, format string, args ...any) {
		if line == 0 {
			line = n.Line
		}
		errs = append(errs, fmt.Errorf("%s:%d: node %s: %s", n.File, line, n.ID, fmt.Sprintf(format, args...)))
	}
	for _, n := range g.Nodes {
		if !nodeIDPattern.MatchString(n.ID) {
			errs = append(errs, fmt.Errorf("%s:%d: node id %q must start with a letter and hold only letters, digits and _", n.File, n.Line, n.ID))
			continue
		}
		if other, dup := g.byID[n.ID]; dup {
			fail(n, 0, "id is also used at %s", other.Where())
			continue
		}
		g.byID[n.ID] = n
	}
	switch {
	case g.StartID == "":
		errs = append(errs, errors.New("no start node: set start: <node id> in one graph file"))
	case g.byID[g.StartID] == nil:
		errs = append(errs, fmt.Errorf("%s: start %q is not a node", startFile, g.StartID))
	}
	terminals := 0
	for _, n := range g.Nodes {
		if g.byID[n.ID] != n {
			continue
		}
		validateNode(g, n, fail)
		if n.Kind.Terminal() {
			terminals++
		}
	}
	if terminals == 0 {
		errs = append(errs, errors.New("the graph has no solved or escalate node, so no walk can end"))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	validateShape(g, fail)
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	g.branchOf = g.branches()
	if gaps := coverage(g); len(gaps) > 0 {
		return &GapError{Causes: gaps}
	}
	return nil
}

func validateNode(g *Graph, n *Node, fail func(*Node, int, string, ...any)) {
	if !validKind(n.Kind) {
		fail(n, 0, "kind %q is not one of %s", n.Kind, kindList())
		return
	}
	if n.Text == "" {
		fail(n, 0, "text is empty: say what the person should do or answer here")
	}
	target := func(line int, what, id string) {
		switch {
		case id == "":
			fail(n, line, "%s is empty", what)
		case id == BranchTarget:
			if len(g.BranchNodes()) == 0 {
				fail(n, line, "%s is %s, but no node is marked branch: true", what, BranchTarget)
			}
		case g.byID[id] == nil:
			fail(n, line, "%s %q, which is not a node", what, id)
		}
	}
	has := func(set bool, field string) {
		if set {
			fail(n, 0, "%s does not belong on a %s node", field, n.Kind)
		}
	}
	has(len(n.Choices) > 0 && n.Kind != KindQuestion, "choices")
	has(len(n.On) > 0 && n.Kind != KindCheck && n.Kind != KindProbe, "on")
	has(n.Jump && n.Kind != KindPaste && n.Kind != KindCheck && n.Kind != KindProbe, "jump")
	has(n.Check != "" && n.Kind != KindCheck, "check")
	has(len(n.Inputs) > 0 && n.Kind != KindCheck, "inputs")
	has(n.Probe != "" && n.Kind != KindProbe, "probe")
	has(n.Entry != "" && n.Kind != KindResult, "entry")
	has(len(n.Causes) > 0 && n.Kind != KindResult, "causes")
	has(n.Branch && n.Kind.Terminal(), "branch")
	switch n.Kind {
	case KindQuestion:
		has(n.Next != "", "next (a question goes where its choices say)")
		if len(n.Choices) < 2 {
			fail(n, 0, "a question needs at least two choices")
		}
		seen := map[string]bool{}
		for _, c := range n.Choices {
			if !choiceIDPattern.MatchString(c.ID) {
				fail(n, c.Line, "choice id %q must be short lower-case (letters, digits, _ or -), usable in --answers", c.ID)
			}
			if seen[c.ID] {
				fail(n, c.Line, "choice id %q is used twice", c.ID)
			}
			seen[c.ID] = true
			if c.Label == "" {
				fail(n, c.Line, "choice %q has no label", c.ID)
			}
			for _, id := range c.RulesOut {
				if _, _, ok := g.cat.CauseEntry(id); !ok {
					fail(n, c.Line, "choice %q rules out %q, which is not a cause of the catalogue", c.ID, id)
				}
			}
			for k, v := range c.Unless {
				if err := checkCondition(k, v); err != nil {
					fail(n, c.Line, "choice %q unless: %v", c.ID, err)
				}
			}
			target(c.Line, fmt.Sprintf("choice %q goes to", c.ID), c.Next)
		}
	case KindSolved, KindEscalate:
		has(n.Next != "", "next (the walk ends here)")
	default:
		target(0, "next", n.Next)
	}
	switch n.Kind {
	case KindCheck:
		if !slices.Contains(CheckNames, n.Check) {
			fail(n, 0, "check %q is not one of %s", n.Check, strings.Join(CheckNames, ", "))
		}
		if len(n.Inputs) == 0 {
			fail(n, 0, "a check node lists the inputs it asks for")
		}
		for _, in := range n.Inputs {
			if in.Name == "" || in.Label == "" {
				fail(n, 0, "every input needs a name and a label")
			}
		}
	case KindProbe:
		// Which probes exist is flow/probe's registry, which this package does not link:
		// go generate (gengraph) and a test of that package check the names.
		if !isProbeID(n.Probe) {
			fail(n, 0, "probe %q is not a probe id (lower-case letters and _, e.g. reachability)", n.Probe)
		}
	case KindResult:
		validateResult(g.cat, n, fail)
	}
	for status, to := range n.On {
		if !slices.Contains(Statuses, status) {
			fail(n, 0, "on %q is not a status (%s)", status, strings.Join(Statuses, ", "))
		}
		target(0, "on "+status+" goes to", to)
	}
	for _, r := range n.SkipIf {
		validateRule(g, n, r, fail)
	}
}

func validateResult(cat *knowledge.Catalogue, n *Node, fail func(*Node, int, string, ...any)) {
	e, ok := cat.Entry(n.Entry)
	if !ok {
		if alias, found := cat.Lookup(n.Entry); found && n.Entry != "" {
			fail(n, 0, "entry %q is an alias; name the entry by its code %q", n.Entry, alias.Code)
		} else {
			fail(n, 0, "entry %q is not in the catalogue", n.Entry)
		}
		return
	}
	if len(n.Causes) == 0 {
		fail(n, 0, "a result names at least one cause of %s", e.Code)
	}
	seen := map[string]bool{}
	for _, c := range n.Causes {
		if seen[c] {
			fail(n, 0, "cause %q is listed twice", c)
		}
		seen[c] = true
		if _, ok := e.Cause(c); ok {
			continue
		}
		if other, _, found := cat.CauseEntry(c); found {
			fail(n, 0, "cause %q belongs to %s, not to %s", c, other.Code, e.Code)
		} else {
			fail(n, 0, "cause %q is not a cause of %s (its causes: %s)", c, e.Code, causeList(e))
		}
	}
}

func validateRule(g *Graph, n *Node, r Rule, fail func(*Node, int, string, ...any)) {
	if len(r.When) == 0 {
		fail(n, r.Line, "skip_if rule has no conditions in when")
	}
	for k, v := range r.When {
		if err := checkCondition(k, v); err != nil {
			fail(n, r.Line, "skip_if: %v", err)
		}
	}
	switch {
	case (r.Choose == "") == (r.Goto == ""):
		fail(n, r.Line, "a skip_if rule has exactly one of choose (a choice id) or goto (a node id)")
	case r.Choose != "":
		if n.Kind != KindQuestion {
			fail(n, r.Line, "choose works on questions only; use goto")
		} else if _, ok := n.ChoiceByID(r.Choose); !ok {
			fail(n, r.Line, "skip_if chooses %q, which is not one of its choices (%s)", r.Choose, strings.Join(n.ChoiceIDs(), ", "))
		}
	case g.byID[r.Goto] == nil:
		fail(n, r.Line, "skip_if goes to %q, which is not a node", r.Goto)
	}
}

func causeList(e *knowledge.Entry) string {
	ids := make([]string, len(e.Causes))
	for i, c := range e.Causes {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

func validKind(k Kind) bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

func kindList() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

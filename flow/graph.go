// Package flow is the troubleshooting wizard without a terminal: the provider's General
// Troubleshooting Flow as a graph loaded from data, a pure transition function over a plain
// State value (so going back is taking an earlier state), replay from a list of answers, the
// diagnosis of the result reached and the session report. It does no I/O of its own: a live
// check node names the probe to run, the caller runs it and feeds the result back as an Event.
package flow

import (
	"maps"
	"slices"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Kind is what a node asks of the person, or what it stands for.
type Kind string

// The node kinds of a graph.
const (
	KindQuestion Kind = "question" // pick one of Choices
	KindPaste    Kind = "paste"    // paste evidence (read by evidence.Parse), or skip
	KindCheck    Kind = "check"    // an offline check over values the person has in hand
	KindProbe    Kind = "probe"    // a live request; the caller runs it or skips it
	KindResult   Kind = "result"   // an entry of the catalogue and the causes that fit
	KindFix      Kind = "fix"      // apply the checklist of the result reached
	KindSolved   Kind = "solved"   // terminal: fixed, document and monitor
	KindEscalate Kind = "escalate" // terminal: hand over to Mubarokah support
)

// Kinds lists every node kind, in the order documentation shows them.
var Kinds = []Kind{KindQuestion, KindPaste, KindCheck, KindProbe, KindResult, KindFix, KindSolved, KindEscalate}

// Terminal reports whether a walk ends at a node of this kind.
func (k Kind) Terminal() bool { return k == KindSolved || k == KindEscalate }

// BranchTarget is a choice target meaning "back to the spine branch walked last" (C, D, E
// or F), so a re-evaluation does not start from the very top.
const BranchTarget = "@branch"

// Graph is a loaded, validated flow. It is read-only after Load and safe to share.
type Graph struct {
	StartID string  // the node a walk begins at
	Nodes   []*Node // in file order

	byID      map[string]*Node
	cat       *knowledge.Catalogue
	startFile string            // the file that names the start: the spine
	branchOf  map[string]string // result node -> the spine branch it lies under
}

// Node is one step of the wizard.
type Node struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Title   string   `json:"title,omitempty"` // short label, as the provider's diagram names it
	Text    string   `json:"text"`            // the question or what to do here
	Help    string   `json:"help,omitempty"`  // a longer hint: where to look, what the words mean
	Branch  bool     `json:"branch,omitempty"`
	Next    string   `json:"next,omitempty"`
	Choices []Choice `json:"choices,omitempty"`

	// On routes check and probe nodes by the result's status (pass, warn, fail, skip);
	// a status not listed goes to Next.
	On map[string]string `json:"on,omitempty"`
	// Jump lets evidence that names one cause clearly go straight to its result.
	Jump bool `json:"jump,omitempty"`

	Check  string  `json:"check,omitempty"` // check.Name* for KindCheck
	Inputs []Input `json:"inputs,omitempty"`
	Probe  string  `json:"probe,omitempty"` // probe id for KindProbe

	Entry  string   `json:"entry,omitempty"`  // KindResult: catalogue entry code
	Causes []string `json:"causes,omitempty"` // KindResult: the causes the path points to, likeliest first

	SkipIf []Rule `json:"skip_if,omitempty"`

	File string `json:"-"`
	Line int    `json:"-"`
}

// Choice is one answer of a question. ID is short and stable, for --answers.
type Choice struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Next  string `json:"next"`
	// RulesOut are the causes this answer rules out (a person who checked the client_id
	// character by character rules out unknown_client): the result ranks them last.
	RulesOut []string `json:"rules_out,omitempty"`
	// Unless hides the choice when the session's evidence satisfies every condition (a
	// TLS answer for a plain-HTTP target); the syntax is skip_if's.
	Unless map[string]string `json:"unless,omitempty"`

	Line int `json:"-"`
}

// Input is one value an offline check asks for.
type Input struct {
	Name     string `json:"name"`
	Label    string `json:"label"`
	Secret   bool   `json:"secret,omitempty"` // masked on screen, never stored in the session
	Optional bool   `json:"optional,omitempty"`
}

// Rule lets evidence already in the session answer a node: when every condition of When
// holds, a question takes Choose, any other node goes to Goto. Conditions use the
// catalogue's signal syntax over Observation fields, plus "entry" (the entry the evidence
// matches best).
type Rule struct {
	When   map[string]string `json:"when"`
	Choose string            `json:"choose,omitempty"`
	Goto   string            `json:"goto,omitempty"`

	Line int `json:"-"`
}

// Node returns the node with the given id.
func (g *Graph) Node(id string) (*Node, bool) {
	n, ok := g.byID[id]
	return n, ok
}

// Catalogue is the catalogue the graph was validated against.
func (g *Graph) Catalogue() *knowledge.Catalogue { return g.cat }

// ChoiceByID returns the node's choice with the given id.
func (n *Node) ChoiceByID(id string) (Choice, bool) {
	for _, c := range n.Choices {
		if c.ID == id {
			return c, true
		}
	}
	return Choice{}, false
}

// ChoiceIDs lists the ids of the node's choices, in order.
func (n *Node) ChoiceIDs() []string {
	ids := make([]string, len(n.Choices))
	for i, c := range n.Choices {
		ids[i] = c.ID
	}
	return ids
}

// Targets lists every node this node can lead to by an answer, a route or a rule (not by
// an evidence jump), without duplicates. BranchTarget stays as it is.
func (n *Node) Targets() []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, c := range n.Choices {
		add(c.Next)
	}
	add(n.Next)
	keys := slices.Sorted(maps.Keys(n.On))
	for _, k := range keys {
		add(n.On[k])
	}
	for _, r := range n.SkipIf {
		add(r.Goto)
	}
	return out
}

// Where is the node's place in its file, for messages.
func (n *Node) Where() string {
	return n.File + ":" + itoa(n.Line)
}

// ProbeIDs lists the probes the graph's probe nodes run, each once, in node order.
func (g *Graph) ProbeIDs() []string {
	var out []string
	for _, n := range g.Nodes {
		if n.Kind == KindProbe && !slices.Contains(out, n.Probe) {
			out = append(out, n.Probe)
		}
	}
	return out
}

// isProbeID reports whether s has the shape of a probe id.
func isProbeID(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}

// BranchNodes lists the nodes marked as spine branches, in file order.
func (g *Graph) BranchNodes() []*Node {
	var out []*Node
	for _, n := range g.Nodes {
		if n.Branch {
			out = append(out, n)
		}
	}
	return out
}

// ResultsFor lists the result nodes that name a cause, in file order.
func (g *Graph) ResultsFor(causeID string) []*Node {
	var out []*Node
	for _, n := range g.Nodes {
		if n.Kind != KindResult {
			continue
		}
		for _, c := range n.Causes {
			if c == causeID {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

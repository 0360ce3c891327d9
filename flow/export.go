package flow

import (
	"encoding/json"
	"fmt"
	"strings"
)

// exported is the graph as `flow --json` prints it: every node with its kind, text,
// choices or next, routes, checks, probes and results.
type exported struct {
	Start string  `json:"start"`
	Nodes []*Node `json:"nodes"`
}

// JSON returns the graph as indented JSON.
func (g *Graph) JSON() ([]byte, error) {
	return json.MarshalIndent(exported{Start: g.StartID, Nodes: g.Nodes}, "", "  ")
}

// Mermaid draws the graph as a Mermaid flowchart. Every label is quoted (and characters
// Mermaid reads as syntax are written as entities), so it renders: the provider's own
// diagram does not, because of bare parentheses in its labels.
func (g *Graph) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	for _, n := range g.Nodes {
		fmt.Fprintf(&b, "    %s%s\n", n.ID, shape(n.Kind, mermaidLabel(n)))
	}
	b.WriteString("\n")
	for _, n := range g.Nodes {
		for _, c := range n.Choices {
			g.edge(&b, n.ID, c.Next, "-->", c.ID)
		}
		for _, st := range Statuses {
			if to, ok := n.On[st]; ok {
				g.edge(&b, n.ID, to, "-->", st)
			}
		}
		if n.Next != "" {
			label := ""
			if len(n.On) > 0 {
				label = "otherwise"
			}
			g.edge(&b, n.ID, n.Next, "-->", label)
		}
		for _, r := range n.SkipIf {
			if r.Goto != "" {
				g.edge(&b, n.ID, r.Goto, "-.->", "evidence")
			}
		}
	}
	b.WriteString("\n")
	classes := map[Kind][]string{}
	for _, n := range g.Nodes {
		classes[n.Kind] = append(classes[n.Kind], n.ID)
	}
	styles := []struct {
		kind  Kind
		style string
	}{
		{KindResult, "fill:#e8f0fe,stroke:#3367d6"},
		{KindSolved, "fill:#e6f4ea,stroke:#188038"},
		{KindEscalate, "fill:#fce8e6,stroke:#c5221f"},
		{KindProbe, "fill:#fef7e0,stroke:#b06000"},
		{KindCheck, "fill:#fef7e0,stroke:#b06000"},
	}
	for _, s := range styles {
		if ids := classes[s.kind]; len(ids) > 0 {
			fmt.Fprintf(&b, "    classDef %s %s\n", s.kind, s.style)
			fmt.Fprintf(&b, "    class %s %s\n", strings.Join(ids, ","), s.kind)
		}
	}
	return b.String()
}

func (g *Graph) edge(b *strings.Builder, from, to, arrow, label string) {
	targets := []string{to}
	if to == BranchTarget {
		targets = nil
		for _, n := range g.BranchNodes() {
			targets = append(targets, n.ID)
		}
	}
	for _, t := range targets {
		if label == "" {
			fmt.Fprintf(b, "    %s %s %s\n", from, arrow, t)
		} else {
			fmt.Fprintf(b, "    %s %s|\"%s\"| %s\n", from, arrow, escapeMermaid(label), t)
		}
	}
}

// shape wraps a quoted label in the node shape for its kind.
func shape(k Kind, label string) string {
	q := "\"" + label + "\""
	switch k {
	case KindQuestion:
		return "{" + q + "}"
	case KindPaste:
		return "[/" + q + "/]"
	case KindCheck, KindProbe:
		return "[[" + q + "]]"
	case KindSolved, KindEscalate:
		return "([" + q + "])"
	}
	return "[" + q + "]"
}

func mermaidLabel(n *Node) string {
	text := n.Title
	switch {
	case n.Kind == KindResult:
		text = n.Entry + ": " + strings.Join(n.Causes, ", ")
	case text == "":
		text = n.Text
	}
	if r := []rune(text); len(r) > 70 {
		text = string(r[:69]) + "…"
	}
	return escapeMermaid(n.ID + ": " + text)
}

// escapeMermaid writes characters Mermaid would read as syntax inside a quoted label as
// its entity codes.
func escapeMermaid(s string) string {
	return strings.NewReplacer(
		"#", "#35;", "\"", "#quot;", "<", "#lt;", ">", "#gt;", "`", "#96;", "|", "#124;",
		"\n", " ",
	).Replace(s)
}

package ui

import (
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
)

// Walk writes a replayed walk: each step and its answer, then the result and what the walk
// waits for next.
func (p *Printer) Walk(g *flow.Graph, s flow.State) {
	var b strings.Builder
	for _, st := range s.Steps {
		answer := p.safe(p.Lang().Answer(st.Answer, st.Label))
		fmt.Fprintf(&b, "%2d  %s %s\n", st.Number, p.paint(p.st.code, fmt.Sprintf("%-18s", p.safe(st.Node))), p.safe(oneLine(st.Text)))
		switch {
		case st.Auto:
			fmt.Fprintf(&b, "    %-18s -> %s %s\n", "", answer, p.paint(p.st.muted, "("+p.safe(p.reason(st.Why))+")"))
		case st.Why != "":
			fmt.Fprintf(&b, "    %-18s -> %s\n    %-18s    %s\n", "", answer, "", p.paint(p.st.muted, p.safe(p.reason(st.Why))))
		default:
			fmt.Fprintf(&b, "    %-18s -> %s\n", "", answer)
		}
	}
	if d, ok := g.Diagnose(s); ok {
		fmt.Fprintf(&b, p.t("\n%s (%s): %s, %s [severity %s]\n"), p.paint(p.st.heading, p.t("Result")), p.safe(d.Node),
			p.paint(p.st.code, p.safe(d.Entry.Code)), p.paint(p.st.title, p.safe(d.Entry.Title)),
			p.paint(p.st.severity(d.Entry.Severity), p.t(string(d.Entry.Severity))))
		fmt.Fprintf(&b, p.t("Causes, ranked by the %s:\n"), p.t(d.Basis))
		for i, c := range d.Causes {
			fmt.Fprintf(&b, "  %d. %s: %s\n", i+1, p.paint(p.st.code, p.safe(c.Cause.ID)), p.safe(oneLine(c.Cause.Text)))
			for _, sig := range c.Signals {
				fmt.Fprintf(&b, "     %s %s\n", p.paint(p.st.muted, p.t("because")), p.safe(p.reason(sig)))
			}
			if c.Excluded != "" {
				fmt.Fprintf(&b, "     %s %s\n", p.paint(p.st.muted, strings.TrimSpace(p.t("ruled out: "))), p.safe(p.reason(c.Excluded)))
			}
		}
		b.WriteString(p.t("Checklist:") + "\n")
		for _, it := range d.Checklist {
			mark := " "
			if it.Ticked {
				mark = "x"
			}
			fmt.Fprintf(&b, "  [%s] %s %s\n", mark, p.safe(oneLine(it.Step.Text)), p.paint(p.st.muted, "("+p.safe(it.Step.ID)+")"))
		}
	}
	switch {
	case s.Status == flow.Solved:
		fmt.Fprintf(&b, p.t("\n%s document the solution and monitor.\n"), p.paint(p.st.status[check.Pass], p.t("Solved:")))
	case s.Status == flow.Escalated:
		fmt.Fprintf(&b, p.t("\n%s contact Mubarokah ID support (%s, %s) with the report ('walk ... --report md').\n"),
			p.paint(p.st.status[check.Warn], p.t("Escalated:")), flow.SupportEmail, flow.SupportLink)
	default:
		if n := g.Pending(s); n != nil {
			fmt.Fprintf(&b, p.t("\n%s %s asks %q\n"), p.paint(p.st.heading, p.t("Next:")), p.paint(p.st.code, p.safe(n.ID)), p.safe(n.Text))
			for _, c := range n.Choices {
				fmt.Fprintf(&b, "  %s %s\n", p.paint(p.st.code, fmt.Sprintf("%-18s", p.safe(c.ID))), p.safe(c.Label))
			}
		}
	}
	p.write(b.String())
}

// Outline lists every node of the flow with what it asks and where each answer leads.
func (p *Printer) Outline(g *flow.Graph) {
	var b strings.Builder
	b.WriteString(p.tf("Start: %s\n", p.paint(p.st.code, g.StartID)))
	for _, n := range g.Nodes {
		b.WriteString("\n")
		p.node(&b, n)
	}
	p.write(b.String())
}

// Node writes one node of the flow as Outline does.
func (p *Printer) Node(n *flow.Node) {
	var b strings.Builder
	p.node(&b, n)
	p.write(b.String())
}

func (p *Printer) node(b *strings.Builder, n *flow.Node) {
	label := n.Text
	if n.Title != "" {
		label = n.Title
	}
	fmt.Fprintf(b, "%s %s %s\n", p.paint(p.st.code, n.ID), p.paint(p.st.muted, "["+string(n.Kind)+"]"), p.paint(p.st.title, oneLine(label)))
	for _, c := range n.Choices {
		fmt.Fprintf(b, "  %s -> %s %s\n", p.paint(p.st.code, fmt.Sprintf("%-18s", c.ID)), fmt.Sprintf("%-24s", c.Next), oneLine(c.Label))
	}
	switch n.Kind {
	case flow.KindCheck:
		fmt.Fprintf(b, "  offline check %s\n", n.Check)
	case flow.KindProbe:
		fmt.Fprintf(b, "  live check %s\n", n.Probe)
	case flow.KindResult:
		fmt.Fprintf(b, "  %s: %s\n", p.paint(p.st.code, n.Entry), strings.Join(n.Causes, ", "))
	}
	for _, st := range flow.Statuses {
		if to, ok := n.On[st]; ok {
			fmt.Fprintf(b, "  on %-15s -> %s\n", st, to)
		}
	}
	if n.Next != "" {
		fmt.Fprintf(b, "  %-18s -> %s\n", "next", n.Next)
	}
}

// oneLine folds a text's whitespace into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

package flow

import (
	"fmt"
	"strings"
)

// Doc is the page docs/flow.md: the flowchart, and for every cause of the catalogue the
// shortest answers that reach it, which support can read out and `walk` replays.
func (g *Graph) Doc() string {
	var b strings.Builder
	b.WriteString(`# The troubleshooting flow

The wizard's flow, as ` + "`mubarokah-doctor flow --mermaid`" + ` draws it: the provider's General
Troubleshooting Flow, with the provider's node ids (A, B, C, C1-C4, D, D1-D3, E, E1-E3, F,
F1-F3, Fix, Test, Solved, Escalate), and below each branch the questions that narrow an
error down to its causes. This page is generated: ` + "`mubarokah-doctor flow --markdown > docs/flow.md`" + `
(a test fails when it is out of date).

Diamonds ask a question; the slanted box takes a paste; double-edged boxes are offline or
live checks; plain boxes are results (a catalogue entry and its causes); the rounded ends are
Solved and Escalate. Edge labels are the choice ids ` + "`mubarokah-doctor walk --answers`" + ` takes.

` + "```mermaid\n")
	b.WriteString(g.Mermaid())
	b.WriteString("```\n\n## The answers that reach each cause\n\n")
	b.WriteString("Without evidence or live checks; with evidence the wizard answers some questions by itself.\n\n")
	b.WriteString("| Entry | Cause | Result | `walk --answers` |\n|---|---|---|---|\n")
	paths := g.ShortestAnswers()
	for _, e := range g.Catalogue().Entries {
		for _, c := range e.Causes {
			// The result that names the cause first and with the fewest others reads best.
			best, answers, rank := "", []string(nil), 0
			for _, n := range g.ResultsFor(c.ID) {
				a, ok := paths[n.ID]
				if !ok || n.Entry != e.Code {
					continue
				}
				r := len(n.Causes)*1000 + len(a)
				if n.Causes[0] != c.ID {
					r += 100000
				}
				if best == "" || r < rank {
					best, answers, rank = n.ID, a, r
				}
			}
			if best == "" {
				fmt.Fprintf(&b, "| %s | %s | (none) | |\n", e.Code, c.ID)
				continue
			}
			fmt.Fprintf(&b, "| %s | %s | %s | `%s` |\n", e.Code, c.ID, best, strings.Join(answers, ","))
		}
	}
	return b.String()
}

package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow"
)

// printWalk writes a replayed walk as plain text: each step, then the result and what the
// walk waits for next.
func printWalk(w io.Writer, g *flow.Graph, s flow.State) {
	for _, st := range s.Steps {
		answer := st.Answer
		if st.Label != "" {
			answer += ": " + st.Label
		}
		fmt.Fprintf(w, "%2d  %-18s %s\n", st.Number, st.Node, oneLine(st.Text))
		switch {
		case st.Auto:
			fmt.Fprintf(w, "    %-18s -> %s (%s)\n", "", answer, st.Why)
		case st.Why != "":
			fmt.Fprintf(w, "    %-18s -> %s\n    %-18s    %s\n", "", answer, "", st.Why)
		default:
			fmt.Fprintf(w, "    %-18s -> %s\n", "", answer)
		}
	}
	if d, ok := g.Diagnose(s); ok {
		fmt.Fprintf(w, "\nResult (%s): %s, %s [severity %s]\n", d.Node, d.Entry.Code, d.Entry.Title, d.Entry.Severity)
		fmt.Fprintf(w, "Causes, ranked by the %s:\n", d.Basis)
		for i, c := range d.Causes {
			fmt.Fprintf(w, "  %d. %s: %s\n", i+1, c.Cause.ID, oneLine(c.Cause.Text))
			for _, sig := range c.Signals {
				fmt.Fprintf(w, "     because %s\n", sig)
			}
		}
		fmt.Fprintln(w, "Checklist:")
		for _, it := range d.Checklist {
			mark := " "
			if it.Ticked {
				mark = "x"
			}
			fmt.Fprintf(w, "  [%s] %s (%s)\n", mark, oneLine(it.Step.Text), it.Step.ID)
		}
	}
	switch {
	case s.Status == flow.Solved:
		fmt.Fprintln(w, "\nSolved: document the solution and monitor.")
	case s.Status == flow.Escalated:
		fmt.Fprintf(w, "\nEscalated: contact Mubarokah ID support (%s, %s) with the report ('walk ... --report md').\n", flow.SupportEmail, flow.SupportLink)
	default:
		if n := g.Pending(s); n != nil {
			fmt.Fprintf(w, "\nNext: %s asks %q\n", n.ID, n.Text)
			for _, c := range n.Choices {
				fmt.Fprintf(w, "  %-18s %s\n", c.ID, c.Label)
			}
		}
	}
}

// walkJSON is what walk --json prints.
type walkJSON struct {
	Answers   []string              `json:"answers"`
	Status    flow.Status           `json:"status"`
	Node      string                `json:"node"`
	Steps     []flow.Step           `json:"steps"`
	Diagnosis *flow.ReportDiagnosis `json:"diagnosis,omitempty"`
	Pending   *pendingJSON          `json:"pending,omitempty"`
	Error     string                `json:"error,omitempty"`
}

type pendingJSON struct {
	Node     string        `json:"node"`
	Question string        `json:"question"`
	Choices  []flow.Choice `json:"choices"`
}

func walkResult(g *flow.Graph, s flow.State, answers []string, fe *flow.FitError) walkJSON {
	out := walkJSON{Answers: answers, Status: s.Status, Node: s.Node, Steps: s.Steps}
	if out.Answers == nil {
		out.Answers = []string{}
	}
	if out.Steps == nil {
		out.Steps = []flow.Step{}
	}
	out.Diagnosis = g.NewReport(s, flow.ReportMeta{}).Diagnosis
	if n := g.Pending(s); n != nil {
		out.Pending = &pendingJSON{Node: n.ID, Question: n.Text, Choices: n.Choices}
	}
	if fe != nil {
		out.Error = fe.Error()
	}
	return out
}

func newFlowCmd(env *appEnv) *cobra.Command {
	var asJSON, mermaid, markdown bool
	cmd := &cobra.Command{
		Use:   "flow",
		Short: "Show the troubleshooting flow: every step, question and choice id",
		Long: `Show the wizard's troubleshooting flow, the provider's General Troubleshooting Flow with
the questions below it. Node ids follow the provider's diagram (A, B, C1 ... Fix, Test,
Solved, Escalate); choice ids are what 'mubarokah-doctor walk' takes.

--json prints the graph as data; --mermaid draws it as a Mermaid flowchart; --markdown
writes the page docs/flow.md holds: the flowchart and the answers that reach each cause.`,
		Example: "  mubarokah-doctor flow\n  mubarokah-doctor flow --json\n  mubarokah-doctor flow --mermaid > flow.mmd\n  mubarokah-doctor flow --markdown > docs/flow.md",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if n := btoi(asJSON) + btoi(mermaid) + btoi(markdown); n > 1 {
				return usageErr("choose one of --json, --mermaid and --markdown")
			}
			g, err := loadFlow(env)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				data, err := g.JSON()
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(env.stdout, "%s\n", data)
				return err
			case mermaid:
				_, err := io.WriteString(env.stdout, g.Mermaid())
				return err
			case markdown:
				_, err := io.WriteString(env.stdout, flowDoc(g))
				return err
			}
			printOutline(env.stdout, g)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the graph as JSON: nodes with id, kind, text, next or choices, results")
	cmd.Flags().BoolVar(&mermaid, "mermaid", false, "print the graph as a Mermaid flowchart")
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print docs/flow.md: the flowchart and the answers that reach each cause")
	return cmd
}

// printOutline lists every node with what it asks and where each answer leads.
func printOutline(w io.Writer, g *flow.Graph) {
	fmt.Fprintf(w, "Start: %s\n", g.StartID)
	for _, n := range g.Nodes {
		label := n.Text
		if n.Title != "" {
			label = n.Title
		}
		fmt.Fprintf(w, "\n%s [%s] %s\n", n.ID, n.Kind, oneLine(label))
		for _, c := range n.Choices {
			fmt.Fprintf(w, "  %-18s -> %-24s %s\n", c.ID, c.Next, oneLine(c.Label))
		}
		switch n.Kind {
		case flow.KindCheck:
			fmt.Fprintf(w, "  offline check %s\n", n.Check)
		case flow.KindProbe:
			fmt.Fprintf(w, "  live check %s\n", n.Probe)
		case flow.KindResult:
			fmt.Fprintf(w, "  %s: %s\n", n.Entry, strings.Join(n.Causes, ", "))
		}
		for _, st := range flow.Statuses {
			if to, ok := n.On[st]; ok {
				fmt.Fprintf(w, "  on %-15s -> %s\n", st, to)
			}
		}
		if n.Next != "" {
			fmt.Fprintf(w, "  %-18s -> %s\n", "next", n.Next)
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// flowDoc is the page docs/flow.md: the flowchart, and for every cause of the catalogue
// the shortest answers that reach it, which support can read out and walk replays.
func flowDoc(g *flow.Graph) string {
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

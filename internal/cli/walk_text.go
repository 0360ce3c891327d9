package cli

import (
	"fmt"
	"io"
	"strings"

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

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

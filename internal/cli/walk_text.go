package cli

import (
	"github.com/mubarokah/mubarokah-doctor/flow"
)

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
	if g.Pending(s) != nil {
		n := g.Offered(s) // without the choices the evidence rules out
		out.Pending = &pendingJSON{Node: n.ID, Question: n.Text, Choices: n.Choices}
	}
	if fe != nil {
		out.Error = fe.Error()
	}
	return out
}

package check

import (
	"slices"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// ProbeResult is the outcome of one live probe (flow/probe runs them). It lives here, beside
// the offline Result, so the flow engine can record a probe's outcome without linking the
// network code that produced it. A failed probe is data, not a Go error.
type ProbeResult struct {
	ID        string                `json:"id"`
	Name      string                `json:"name"`
	Status    Status                `json:"status"`
	Summary   string                `json:"summary"`
	Details   []string              `json:"details,omitempty"`
	Diagnosis *Diagnosis            `json:"diagnosis,omitempty"`
	Obs       knowledge.Observation `json:"-"`

	// RuledOut are causes another probe's result excludes (the probes' correlation sets
	// them); Diagnose moves them to the end.
	RuledOut []string `json:"-"`
}

// Diagnosis is the catalogue's reading of a failed or warning probe: the entry code and its
// causes, best first.
type Diagnosis struct {
	Code   string   `json:"code"`
	Title  string   `json:"title,omitempty"`
	Causes []string `json:"causes"`
	// Undetermined is true when the evidence names the entry but not the cause; the causes
	// are then candidates ranked by how common they are.
	Undetermined bool `json:"undetermined,omitempty"`
}

// Diagnose fills r.Diagnosis from the catalogue for a probe that failed or warned with
// something observed. It leaves passing and skipped probes alone.
func (r *ProbeResult) Diagnose(cat *knowledge.Catalogue) {
	if cat == nil || (r.Status != Fail && r.Status != Warn) || r.Obs.Empty() {
		return
	}
	// The matcher ranks the server's own words above the program's reading of the request
	// (knowledge.RequestFacts), so a scope fact never outranks a cause the server named.
	best, ok := cat.Match(r.Obs).Best()
	if !ok {
		return
	}
	d := &Diagnosis{Code: best.Entry.Code, Title: best.Entry.Title, Undetermined: best.Undetermined && !tieBroken(best, r.RuledOut)}
	for _, c := range best.Causes {
		d.Causes = append(d.Causes, c.Cause.ID)
	}
	d.Causes = demote(d.Causes, r.RuledOut...)
	if d.Causes == nil {
		d.Causes = []string{}
	}
	r.Diagnosis = d
}

// tieBroken reports whether the other probes rule out all but one of the causes the
// matcher found tied at the top, which leaves that one named.
func tieBroken(m knowledge.EntryMatch, ruledOut []string) bool {
	if !m.CauseEvidence() {
		return false
	}
	left := 0
	for _, c := range m.Causes {
		if c.Score == m.Causes[0].Score && !slices.Contains(ruledOut, c.Cause.ID) {
			left++
		}
	}
	return left == 1
}

// namedByServer is the evidence, in catalogue signal weight, at which the matcher's first
// cause is named rather than guessed: the knowledge matcher's own bar (strongCause) for
// leaving the other causes out.
const namedByServer = 6

// NamedCause is the cause an observation's evidence names, read by the catalogue's
// matcher (the one `diagnose` uses): the best entry's first cause when its evidence reaches
// namedByServer, else "" (the evidence leaves the causes open).
func NamedCause(cat *knowledge.Catalogue, o knowledge.Observation) string {
	if cat == nil || o.Empty() {
		return ""
	}
	best, ok := cat.Match(o).Best()
	if !ok || best.Undetermined || len(best.Causes) == 0 || best.Causes[0].Score < namedByServer {
		return ""
	}
	return best.Causes[0].Cause.ID
}

// TopCause returns the first cause of the diagnosis, or "".
func (d *Diagnosis) TopCause() string {
	if d == nil || len(d.Causes) == 0 {
		return ""
	}
	return d.Causes[0]
}

// Failed reports whether the probe failed.
func (r ProbeResult) Failed() bool { return r.Status == Fail }

// Failed reports whether the check failed.
func (r Result) Failed() bool { return r.Status == Fail }

// Failed reports whether any of the results, offline or live, failed.
func Failed[R interface{ Failed() bool }](rs []R) bool {
	return slices.ContainsFunc(rs, R.Failed)
}

// demote moves the named causes to the end, keeping the order of the rest: evidence from
// another probe rules them out without the catalogue having a fact for it.
func demote(causes []string, names ...string) []string {
	var front, back []string
	for _, c := range causes {
		if slices.Contains(names, c) {
			back = append(back, c)
		} else {
			front = append(front, c)
		}
	}
	return append(front, back...)
}

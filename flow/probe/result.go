// Package probe runs live checks against a Mubarokah ID server (or the sandbox): reachability,
// DNS, TLS and clock; client authentication both ways; code exchange, refresh and client
// credentials; the user APIs; the authorize endpoint. Every result becomes an Observation for
// the same matcher that reads pasted evidence.
package probe

import (
	"slices"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Status of a live check: the same four an offline check ends in.
type Status = check.Status

// The statuses a check ends in.
const (
	Pass = check.Pass
	Warn = check.Warn
	Fail = check.Fail
	Skip = check.Skip
)

// Result is the outcome of one probe. A failed probe is data, not a Go error.
type Result struct {
	ID        string                `json:"id"`
	Name      string                `json:"name"`
	Status    Status                `json:"status"`
	Summary   string                `json:"summary"`
	Details   []string              `json:"details,omitempty"`
	Diagnosis *Diagnosis            `json:"diagnosis,omitempty"`
	Obs       knowledge.Observation `json:"-"`

	// ruledOut are causes another probe's result excludes (set by correlate).
	ruledOut []string
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
func (r *Result) Diagnose(cat *knowledge.Catalogue) {
	if cat == nil || (r.Status != Fail && r.Status != Warn) || r.Obs.Empty() {
		return
	}
	best, ok := cat.Match(r.Obs).Best()
	if !ok {
		return
	}
	d := &Diagnosis{Code: best.Entry.Code, Title: best.Entry.Title, Undetermined: best.Undetermined}
	for _, c := range best.Causes {
		d.Causes = append(d.Causes, c.Cause.ID)
	}
	d.Causes = demote(d.Causes, r.ruledOut...)
	if d.Causes == nil {
		d.Causes = []string{}
	}
	r.Diagnosis = d
}

// TopCause returns the first cause of the diagnosis, or "".
func (d *Diagnosis) TopCause() string {
	if d == nil || len(d.Causes) == 0 {
		return ""
	}
	return d.Causes[0]
}

// Failed reports whether any result failed.
func Failed(rs []Result) bool {
	for _, r := range rs {
		if r.Status == Fail {
			return true
		}
	}
	return false
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

// Package probe runs live checks against a Mubarokah ID server (or the sandbox): reachability,
// DNS, TLS and clock; client authentication both ways; code exchange, refresh and client
// credentials; the user APIs; the authorize endpoint. Every result becomes an Observation for
// the same matcher that reads pasted evidence.
package probe

import "github.com/mubarokah/mubarokah-doctor/knowledge"

// Status of a live check.
type Status string

// The statuses a check ends in.
const (
	Pass Status = "pass"
	Warn Status = "warn"
	Fail Status = "fail"
	Skip Status = "skip"
)

// Result is the outcome of one probe. A failed probe is data, not a Go error.
type Result struct {
	ID      string                `json:"id"`
	Name    string                `json:"name"`
	Status  Status                `json:"status"`
	Summary string                `json:"summary"`
	Details []string              `json:"details,omitempty"`
	Obs     knowledge.Observation `json:"-"`
}

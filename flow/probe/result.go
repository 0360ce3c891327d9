// Package probe runs live checks against a Mubarokah ID server (or the sandbox): reachability,
// DNS, TLS and clock; client authentication both ways; code exchange, refresh and client
// credentials; the user APIs; the authorize endpoint. Every result becomes an Observation for
// the same matcher that reads pasted evidence.
package probe

import "github.com/mubarokah/mubarokah-doctor/flow/check"

// Status of a live check: the same four an offline check ends in.
type Status = check.Status

// The statuses a check ends in.
const (
	Pass = check.Pass
	Warn = check.Warn
	Fail = check.Fail
	Skip = check.Skip
)

// Result is the outcome of one probe; the type lives in flow/check so the flow engine need
// not link this package.
type Result = check.ProbeResult

// Diagnosis is the catalogue's reading of a failed or warning probe.
type Diagnosis = check.Diagnosis

// Failed reports whether any result failed.
func Failed(rs []Result) bool { return check.Failed(rs) }

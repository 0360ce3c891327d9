package evidence

import (
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// printableObservation takes every terminal control out of what an observation quotes. The
// paste is filtered before it is read, but a JSON string can spell a control as \u001b and
// a server's header arrives unfiltered: this is the last step before anything leaves.
func printableObservation(o *knowledge.Observation) {
	o.RewriteText(redact.Printable)
	o.Endpoint = knowledge.Endpoint(redact.Printable(string(o.Endpoint)))
	for i := range o.Sources {
		o.Sources[i] = redact.Printable(o.Sources[i])
	}
	if t := o.Token; t != nil {
		for _, p := range []*string{&t.Masked, &t.Algorithm, &t.Subject, &t.ID} {
			*p = redact.Printable(*p)
		}
		for i := range t.Audience {
			t.Audience[i] = redact.Printable(t.Audience[i])
		}
		for i := range t.Scopes {
			t.Scopes[i] = redact.Printable(t.Scopes[i])
		}
	}
}

// The span of time RFC 3339, and so JSON, can write.
var (
	earliestTime = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	latestTime   = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// writableTime brings a token's claim into the years JSON can write. A claim beyond them
// (an exp in the year 20000) compares with any real clock the same way once brought to the
// edge: still in the future, or long past.
func writableTime(t time.Time) time.Time {
	switch {
	case t.Before(earliestTime):
		return earliestTime
	case t.After(latestTime):
		return latestTime
	}
	return t
}

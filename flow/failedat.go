package flow

import (
	"regexp"
	"time"
)

// Log lines date themselves: an ISO 8601 stamp with its zone ("2026-03-01T10:00:00Z",
// "...+07:00"), or Laravel's "[2026-03-01 10:00:00]", which has none.
var (
	isoStamp     = regexp.MustCompile(`\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))`)
	laravelStamp = regexp.MustCompile(`\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\.\d+)?\]`)
)

// loggedAt is when a pasted log line says the failure happened, in words a report can
// carry: RFC 3339 in UTC when the stamp names its zone, else as written with a note. ""
// when the paste carries no stamp. Only the first 64 KiB are searched: a stamp comes first.
func loggedAt(text string) string {
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	if m := isoStamp.FindStringSubmatch(text); m != nil {
		if t, err := time.Parse(time.RFC3339Nano, m[1]); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	}
	if m := laravelStamp.FindStringSubmatch(text); m != nil {
		if _, err := time.Parse(time.DateTime, m[1]); err == nil {
			return m[1] + " (the log's own time zone, not given)"
		}
	}
	return ""
}
